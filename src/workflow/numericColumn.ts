/**
 * A mapped column read as numbers, remembering for every cell that is not a number what it is
 * instead, so a message can say "3 cells are blank" apart from "2 cells are text".
 */
import type { CellValue } from "../workbook/workbook";
import { isBlank } from "../core/blank";
import { runSteps, type Steps } from "../core/steps";

/** What a cell that is not a usable number holds (0 = it is a finite number). */
export const CELL_NUMBER = 0;
export const CELL_BLANK = 1;
export const CELL_TEXT = 2;
export const CELL_LOGICAL = 3;
/** An error value (`#N/A`, `#REF!`, …): hosts hand them over as their text. */
export const CELL_ERROR = 4;
/** NaN or ±Infinity (never from Excel; from a program that built the workbook). */
export const CELL_NOT_FINITE = 5;

export type InvalidKind =
  typeof CELL_BLANK | typeof CELL_TEXT | typeof CELL_LOGICAL | typeof CELL_ERROR | typeof CELL_NOT_FINITE;

/** Every kind of invalid cell, in the order messages list them. */
export const INVALID_KINDS: readonly InvalidKind[] = [
  CELL_BLANK,
  CELL_TEXT,
  CELL_ERROR,
  CELL_LOGICAL,
  CELL_NOT_FINITE,
];

/** A numeric column read from the sheet: the numbers, and what each other cell is. */
export interface NumericColumn {
  /** The number of each row; NaN where the cell is not a number. */
  values: Float64Array;
  /** Per row 0 for a number, else its {@link InvalidKind} (so `invalid[i]` is truthy exactly when invalid). */
  invalid: Uint8Array;
  invalidCount: number;
}

/** Excel's error values, as Office.js and the file readers hand them over. */
const ERROR_VALUE =
  /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|BUSY!|CONNECT!|UNKNOWN!|PYTHON!|EXTERNAL!)$/;

/** What a cell is, for {@link NumericColumn.invalid}. */
export function cellKind(cell: CellValue | undefined): number {
  if (typeof cell === "number") return Number.isFinite(cell) ? CELL_NUMBER : CELL_NOT_FINITE;
  if (isBlank(cell)) return CELL_BLANK;
  if (typeof cell === "boolean") return CELL_LOGICAL;
  return ERROR_VALUE.test(cell as string) ? CELL_ERROR : CELL_TEXT;
}

/**
 * Reads a column of cells as numbers. Only finite numbers count: a blank cell, text (even "12"),
 * TRUE/FALSE and error values are invalid, as a `#VALUE!` would be in CX.SEGMENT. One pass, typed
 * arrays.
 *
 * @example
 * toNumbers([5, null, "n/a", true]).invalid // => Uint8Array [0, 1 (blank), 2 (text), 3 (logical)]
 */
export function toNumbers(cells: readonly (CellValue | undefined)[]): NumericColumn {
  return runSteps(toNumbersSteps(cells));
}

/** {@link toNumbers} in slices of `slice` cells, for a caller that paces it (see `core/steps.ts`). */
export function* toNumbersSteps(
  cells: readonly (CellValue | undefined)[],
  slice = 65536,
): Steps<NumericColumn> {
  const n = cells.length;
  const values = new Float64Array(n);
  const invalid = new Uint8Array(n);
  let invalidCount = 0;
  for (let i = 0; i < n; i++) {
    const cell = cells[i];
    const kind = cellKind(cell);
    if (kind === CELL_NUMBER) values[i] = cell as number;
    else {
      values[i] = NaN;
      invalid[i] = kind;
      invalidCount++;
    }
    if (i % slice === slice - 1) yield { stage: "numbers", done: i + 1, total: n };
  }
  return { values, invalid, invalidCount };
}
