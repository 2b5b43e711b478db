/**
 * CX.SEGMENT: the value × strategic-match portfolio. Customers are split by their value to the firm
 * and their strategic match with it:
 *
 * | value ≥ value_cut | match ≥ match_cut | segment   |
 * |-------------------|-------------------|-----------|
 * | yes               | yes               | Strategic |
 * | yes               | no                | Profit    |
 * | no                | yes               | Potential |
 * | no                | no                | Ordinary  |
 *
 * The rule is `quadrant.ts`'s (`quadrantOf`), which the task pane's quadrant
 * method uses too. An omitted cut is the median of that column's numeric cells exactly as Excel's `MEDIAN` computes
 * it (blanks, text, logicals and error cells left out; the mean of the two middle values for an
 * even count). With a single customer that median is the customer itself, so the cut must be typed.
 *
 * The mean of the two middle values cannot overflow (two customers worth 9E+307 have the median
 * 9E+307, so both are high, not low against an infinite cut).
 *
 * Expected O(n): each column is read once into a Float64Array (NaN where a cell is not a finite
 * number), the medians are found by selection, never by sorting, and the segments land in a
 * Uint8Array of codes; only rows with a blank, text or error cell take the slower, explaining path.
 *
 * @example
 * // medians: values 90,120,480,500 → (120 + 480) / 2 = 300; matches 2,3,8,9 → (3 + 8) / 2 = 5.5
 * resultList(segment([[500], [120], [480], [90]], [[8], [9], [2], [3]]))
 * // => ["Strategic", "Potential", "Profit", "Ordinary"]
 */
import {
  blankDeciders,
  CellNamer,
  CellValue,
  customerCount,
  errorInOption,
  flatten,
  Grid,
  isBlank,
  isBlankCustomer,
  NumberParameter,
  parameters,
  readNumberParameter,
  readRowNumber,
  rowAt,
} from "./args";
import { LabelResults, NO_LABEL } from "./customerResults";
import { CoreError, isCoreError, Result } from "./errors";
import { medianInPlace } from "./median";
import { cellName, messages } from "./messages";
import { QUADRANT_NAMES, quadrantOf } from "./quadrant";

/** The segment names, in the order `labels` replaces them (the quadrant rule's, `quadrant.ts`). */
export const SEGMENT_NAMES = QUADRANT_NAMES;

export type SegmentLabel = string | number;

export function segment(
  valueArgument: Grid,
  matchArgument: Grid,
  valueCut: CellValue = null,
  matchCut: CellValue = null,
  labels: Grid | null = null,
): Result<LabelResults<SegmentLabel>> {
  const value = asColumn(valueArgument, "value");
  if (isCoreError(value)) return value;
  const match = asColumn(matchArgument, "match");
  if (isCoreError(match)) return match;
  const args = [
    { name: "value", grid: value.grid },
    { name: "match", grid: match.grid },
  ];
  const n = customerCount(args);
  if (isCoreError(n)) return n;
  const names = readLabels(labels);
  if (isCoreError(names)) return names;
  const valueThreshold = cutOrMedian(valueCut, parameters.valueCut, value, n);
  if (isCoreError(valueThreshold)) return valueThreshold;
  const matchThreshold = cutOrMedian(matchCut, parameters.matchCut, match, n);
  if (isCoreError(matchThreshold)) return matchThreshold;

  const errors = new Map<number, CoreError>();
  const deciders = blankDeciders(args, n);
  const codes = segmentCodes(value, match, n, valueThreshold, matchThreshold, deciders, errors);
  return { kind: "labels", codes, labels: names, errors };
}

/**
 * The segment code of every customer ({@link NO_LABEL} for a blank or an error row, the error put
 * in `errors`). The hot loop lives in its own small function so that V8 optimises it whole (see
 * satisfaction.ts).
 */
function segmentCodes(
  value: CustomerColumn,
  match: CustomerColumn,
  n: number,
  valueCut: number,
  matchCut: number,
  deciders: readonly Grid[],
  errors: Map<number, CoreError>,
): Uint8Array {
  const codes = new Uint8Array(n);
  const values = value.numbers;
  const matches = match.numbers;
  const valueStep = values.length === 1 ? 0 : 1;
  const matchStep = matches.length === 1 ? 0 : 1;
  for (let i = 0; i < n; i++) {
    const v = values[i * valueStep];
    const m = matches[i * matchStep];
    if (v === v && m === m) {
      codes[i] = quadrantOf(v, m, valueCut, matchCut);
      continue;
    }
    // A blank, text, error or non-finite cell: blank row, or the reason for this row.
    codes[i] = NO_LABEL;
    if (isBlankCustomer(deciders, i)) continue;
    const problem = rowProblem(value, match, i);
    if (problem !== null) errors.set(i, problem);
  }
  return codes;
}

/** Why a row that is not blank has no segment: its first unreadable or blank cell. */
function rowProblem(value: CustomerColumn, match: CustomerColumn, i: number): CoreError | null {
  const v = readRowNumber(rowAt(value.grid, i)[0], value.cellAt, i);
  if (isCoreError(v)) return v;
  const m = readRowNumber(rowAt(match.grid, i)[0], match.cellAt, i);
  if (isCoreError(m)) return m;
  if (v === null) return messages.blankInPartialRow(value.cellAt(i));
  if (m === null) return messages.blankInPartialRow(match.cellAt(i));
  return null;
}

/** A list of customers as one column: its cells, their finite numbers, and how to name its k-th cell in a message. */
interface CustomerColumn {
  readonly grid: Grid;
  /** Each row's number; NaN where the cell is not a finite number. */
  readonly numbers: Float64Array;
  /** The finite numbers alone, in any order: scratch for the median. */
  readonly finite: Float64Array;
  readonly cellAt: CellNamer;
}

/**
 * `value` and `match` are lists of customers: one column, or one row (as the array constant
 * `{500,120,480,90}` is), which is read as a column. A block of several rows and columns is `#VALUE!`.
 * One pass over the cells. O(n).
 */
function asColumn(grid: Grid, name: string): Result<CustomerColumn> {
  if (grid.length === 1 && grid[0].length > 1) {
    const cells = grid[0];
    // One cell per row now, so the width check cannot fail.
    return withNumbers(
      Array.from(cells, (cell) => [cell]),
      (i) => `cell ${i + 1} of ${name}`,
    ) as CustomerColumn;
  }
  const single = grid.length === 1;
  const column = withNumbers(grid, (i) => cellName(name, single ? 1 : i + 1, 1, 1));
  return typeof column === "number" ? messages.notOneColumn(name, column) : column;
}

/** The column with its numbers read in one pass; the width of the first row wider than one cell, if any. */
function withNumbers(grid: Grid, cellAt: CellNamer): CustomerColumn | number {
  const numbers = new Float64Array(grid.length);
  const finite = new Float64Array(grid.length);
  let count = 0;
  for (let i = 0; i < grid.length; i++) {
    const row = grid[i];
    if (row.length > 1) return row.length;
    const cell = row[0];
    if (typeof cell === "number" && cell - cell === 0) {
      numbers[i] = cell;
      finite[count++] = cell;
    } else numbers[i] = NaN;
  }
  return { grid, numbers, finite: finite.subarray(0, count), cellAt };
}

/** The typed cut, or the column's median when the cut is omitted. */
function cutOrMedian(
  cut: CellValue,
  parameter: NumberParameter,
  column: CustomerColumn,
  n: number,
): Result<number> {
  if (!isBlank(cut)) return readNumberParameter(cut, parameter);
  if (n === 1) return messages.cutNeeded(parameter.name);
  // Excel's MEDIAN of the column's numeric cells; NaN when there are none — then no row can be
  // classified anyway (each is blank or already an error).
  return medianInPlace(column.finite);
}

/**
 * Excel's `MEDIAN` of a one-column range: numeric cells only (blanks, text, logicals and errors left
 * out). `NaN` when there are none. O(n) expected.
 *
 * @example
 * columnMedian([[4], [null], ["x"], [10], [8]]) // => 8
 */
export function columnMedian(column: Grid): number {
  const finite = new Float64Array(column.length);
  let count = 0;
  for (let i = 0; i < column.length; i++) {
    const cell = column[i][0];
    if (typeof cell === "number" && Number.isFinite(cell)) finite[count++] = cell;
  }
  return medianInPlace(finite.subarray(0, count));
}

/** Four labels replacing Strategic, Profit, Potential, Ordinary; omitted → those names. */
function readLabels(labels: Grid | null): Result<readonly SegmentLabel[]> {
  if (labels === null) return SEGMENT_NAMES;
  const cells = flatten(labels);
  if (cells.every(isBlank)) return SEGMENT_NAMES;
  if (cells.length !== 4) return messages.labelsCount(cells.length);
  const names: SegmentLabel[] = [];
  for (let j = 0; j < 4; j++) {
    const cell = cells[j];
    if (cell instanceof CoreError) return errorInOption(`label ${j + 1}`, cell);
    if (isBlank(cell)) return messages.labelBlank(j + 1);
    names.push(typeof cell === "boolean" ? (cell ? "TRUE" : "FALSE") : cell);
  }
  return names;
}
