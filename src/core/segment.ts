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
 * The rule and the cut are `quadrant.ts`'s (`quadrantOf`, `resolveCut`), which the task pane's quadrant
 * method uses too. An omitted cut is the median of that column's numeric cells exactly as Excel's `MEDIAN` computes
 * it (blanks, text, logicals and error cells left out; the mean of the two middle values for an
 * even count). With a single customer that median is the customer itself, so the cut must be typed.
 *
 * Expected O(n): the medians are found by selection on a Float64Array, never by sorting.
 *
 * @example
 * // medians: values 90,120,480,500 → (120 + 480) / 2 = 300; matches 2,3,8,9 → (3 + 8) / 2 = 5.5
 * segment([[500], [120], [480], [90]], [[8], [9], [2], [3]])
 * // => ["Strategic", "Potential", "Profit", "Ordinary"]
 */
import {
  blankDeciders,
  CellNamer,
  CellValue,
  columnCount,
  customerCount,
  flatten,
  Grid,
  isBlank,
  isBlankCustomer,
  NumberParameter,
  parameters,
  readNumberParameter,
  readRowNumber,
  rowAt,
  RowResult,
} from "./args";
import { CoreError, isCoreError, Result } from "./errors";
import { cellName, messages } from "./messages";
import { QUADRANT_NAMES, quadrantOf, resolveCut } from "./quadrant";

/** The segment names, in the order `labels` replaces them (the quadrant rule's, `quadrant.ts`). */
export const SEGMENT_NAMES = QUADRANT_NAMES;

export type SegmentLabel = string | number;

export function segment(
  valueArgument: Grid,
  matchArgument: Grid,
  valueCut: CellValue = null,
  matchCut: CellValue = null,
  labels: Grid | null = null,
): Result<RowResult<SegmentLabel>[]> {
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
  const valueThreshold = cutOrMedian(valueCut, parameters.valueCut, value.grid, n);
  if (isCoreError(valueThreshold)) return valueThreshold;
  const matchThreshold = cutOrMedian(matchCut, parameters.matchCut, match.grid, n);
  if (isCoreError(matchThreshold)) return matchThreshold;

  const deciders = blankDeciders(args, n);
  const results: RowResult<SegmentLabel>[] = new Array<RowResult<SegmentLabel>>(n);
  for (let i = 0; i < n; i++) {
    if (isBlankCustomer(deciders, i)) {
      results[i] = "";
      continue;
    }
    const v = readRowNumber(rowAt(value.grid, i)[0], value.cellAt, i);
    if (isCoreError(v)) {
      results[i] = v;
      continue;
    }
    const m = readRowNumber(rowAt(match.grid, i)[0], match.cellAt, i);
    if (isCoreError(m)) {
      results[i] = m;
      continue;
    }
    if (v === null) results[i] = messages.blankInPartialRow(value.cellAt(i));
    else if (m === null) results[i] = messages.blankInPartialRow(match.cellAt(i));
    else results[i] = names[quadrantOf(v, m, valueThreshold, matchThreshold)];
  }
  return results;
}

/** A list of customers as one column, and how to name its k-th cell in a message. */
interface CustomerColumn {
  readonly grid: Grid;
  readonly cellAt: CellNamer;
}

/**
 * `value` and `match` are lists of customers: one column, or one row (as the array constant
 * `{500,120,480,90}` is), which is read as a column. A block of several rows and columns is `#VALUE!`.
 */
function asColumn(grid: Grid, name: string): Result<CustomerColumn> {
  const columns = columnCount(grid);
  if (grid.length === 1 && columns > 1) {
    return { grid: grid[0].map((cell) => [cell]), cellAt: (i) => `cell ${i + 1} of ${name}` };
  }
  if (columns > 1) return messages.notOneColumn(name, columns);
  const single = grid.length === 1;
  return { grid, cellAt: (i) => cellName(name, single ? 1 : i + 1, 1, 1) };
}

/** The typed cut, or the column's median when the cut is omitted. */
function cutOrMedian(cut: CellValue, parameter: NumberParameter, column: Grid, n: number): Result<number> {
  if (!isBlank(cut)) return readNumberParameter(cut, parameter);
  if (n === 1) return messages.cutNeeded(parameter.name);
  return columnMedian(column);
}

/**
 * Excel's `MEDIAN` of a one-column range: numeric cells only. `NaN` when there are none — then no
 * row can be classified anyway (each is blank or already an error).
 */
export function columnMedian(column: Grid): number {
  const work = new Float64Array(column.length);
  let count = 0;
  for (let i = 0; i < column.length; i++) {
    const cell = column[i][0];
    if (typeof cell === "number" && Number.isFinite(cell)) work[count++] = cell;
  }
  return resolveCut({ kind: "median" }, work.subarray(0, count));
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
    if (cell instanceof CoreError) return cell;
    if (isBlank(cell)) return messages.labelBlank(j + 1);
    names.push(typeof cell === "boolean" ? (cell ? "TRUE" : "FALSE") : cell);
  }
  return names;
}
