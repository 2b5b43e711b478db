/**
 * The compaction of a column to the rows a run uses (mask 1), for the statistics (medians,
 * quintiles, Gini). Typed arrays only: these run over up to 1,048,576 rows.
 */
/** The values of the used rows, in row order. */
export function compact(values: Float64Array, mask: Uint8Array, count: number): Float64Array {
  if (count === values.length) return values.slice();
  const out = new Float64Array(count);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (mask[i]) out[k++] = values[i];
  return out;
}
