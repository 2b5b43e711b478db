/**
 * Excel's current region (Ctrl+* / `Range.CurrentRegion`): the smallest rectangle around a cell
 * whose border touches no non-empty cell, diagonals included. Grown one side at a time, each side
 * as far as it goes before the others are re-checked, so a tall table costs O(rows · columns), not
 * O(rows²). The one home of this search: the in-memory workbook starts it at the selection, the
 * .xlsx workbook at the sheet's first non-empty cell ({@link firstFilledCell}). Cells are seen only
 * through `filled`, so any cell store can use it.
 *
 * @example
 * // B3:D6 filled, a stray note at F9 beyond a blank row and column:
 * currentRegion((r, c) => (r >= 2 && r <= 5 && c >= 1 && c <= 3) || (r === 8 && c === 5), 2, 1, { rowCount: 9, columnCount: 6 });
 * // => { top: 2, bottom: 5, left: 1, right: 3 }
 */

export interface Region {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Whether the cell at 0-based (row, column) holds anything; called only inside `limits`. */
export type FilledCell = (row: number, column: number) => boolean;

export function currentRegion(
  filled: FilledCell,
  row: number,
  column: number,
  limits: { rowCount: number; columnCount: number },
): Region | null {
  const has = (r: number, c: number) =>
    r >= 0 && c >= 0 && r < limits.rowCount && c < limits.columnCount && filled(r, c);
  let top = row;
  let bottom = row;
  let left = column;
  let right = column;
  const rowTouches = (r: number) => {
    for (let c = left - 1; c <= right + 1; c++) if (has(r, c)) return true;
    return false;
  };
  const columnTouches = (c: number) => {
    for (let r = top - 1; r <= bottom + 1; r++) if (has(r, c)) return true;
    return false;
  };
  for (let grew = true; grew;) {
    grew = false;
    while (bottom + 1 < limits.rowCount && rowTouches(bottom + 1)) [bottom, grew] = [bottom + 1, true];
    while (top > 0 && rowTouches(top - 1)) [top, grew] = [top - 1, true];
    while (right + 1 < limits.columnCount && columnTouches(right + 1)) [right, grew] = [right + 1, true];
    while (left > 0 && columnTouches(left - 1)) [left, grew] = [left - 1, true];
  }
  if (top === bottom && left === right && !has(row, column)) return null;
  return { top, bottom, left, right };
}

/** The first non-empty cell in reading order (top row first, then left-most), or null. */
export function firstFilledCell(
  filled: FilledCell,
  limits: { rowCount: number; columnCount: number },
): { row: number; column: number } | null {
  for (let r = 0; r < limits.rowCount; r++) {
    for (let c = 0; c < limits.columnCount; c++) if (filled(r, c)) return { row: r, column: c };
  }
  return null;
}
