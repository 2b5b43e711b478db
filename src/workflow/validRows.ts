/**
 * Rows the run uses: a mask over the table's data rows (1 = used) built from the numeric columns a
 * method needs, and the compaction of a column to the used rows for the statistics (medians,
 * quintiles, Gini). Typed arrays only: these run over up to 1,048,576 rows.
 */
import type { NumericColumn } from "./validate";

/** 1 for each row where every given column holds a number. O(rows · columns). */
export function validMask(
  rowCount: number,
  columns: readonly NumericColumn[],
): { mask: Uint8Array; count: number } {
  const mask = new Uint8Array(rowCount).fill(1);
  for (const column of columns) {
    for (let i = 0; i < rowCount; i++) if (column.invalid[i]) mask[i] = 0;
  }
  let count = 0;
  for (let i = 0; i < rowCount; i++) count += mask[i];
  return { mask, count };
}

/** The values of the used rows, in row order. */
export function compact(values: Float64Array, mask: Uint8Array, count: number): Float64Array {
  if (count === values.length) return values.slice();
  const out = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (mask[i]) out[k++] = values[i];
  return out;
}
