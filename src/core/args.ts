/**
 * Argument rules, declared once (as HyperFormula declares each function's arguments in a table and
 * one validator applies them). Every custom function reads its inputs through these helpers, so a
 * blank, a text, a logical or an error cell means the same thing everywhere.
 *
 * How a cell is read:
 * | cell                              | per-row inputs (CUSTOMERVALUE…)          | aggregate (PARETOSHARE, default medians) |
 * |-----------------------------------|------------------------------------------|------------------------------------------|
 * | `null`, `undefined`, `""`          | blank (0 in a sum; an all-blank row → "") | ignored                                  |
 * | finite number                     | the number                               | the number                               |
 * | text (even "12"), logical         | `#VALUE!` in that row                    | ignored, as `SUM` ignores them           |
 * | `NaN`, `±Infinity`                | `#VALUE!` in that row                    | PARETOSHARE: `#VALUE!`; medians: left out |
 * | error ({@link CoreError})         | that error in that row                   | PARETOSHARE: that error; medians: left out |
 *
 * Options (`value_cut`, `method`, `tolerance`, a weight, a label, a cell of `top`): blank → the
 * default; an error value → that same error, its message naming the option ({@link errorInOption});
 * anything else is checked against the option's declared domain ({@link parameters}).
 *
 * Logical values in a per-row input are an error rather than 1/0: a TRUE in a cost column is far
 * more likely a mistake than a cost of 1, and Excel's own `SUM` over a range does not count it either.
 *
 * Rows are broadcast as Excel does: an argument with a single row is used for every row; any other
 * row count must equal the largest one.
 */
import { isBlank } from "./blank";
import { CoreError, Result } from "./errors";
import { cellName, messages } from "./messages";

/** One cell as the core receives it; the functions layer has already turned Excel's errors into CoreErrors. */
export type CellValue = number | string | boolean | null | undefined | CoreError;

/** A per-customer result: the value, `""` for a blank row, or the reason this row has no value. */
export type RowResult<T> = T | "" | CoreError;

/** A range: rows of cells, as Excel passes a matrix argument. */
export type Grid = readonly (readonly CellValue[])[];

/** A blank cell: Excel on the web passes `null`, an omitted argument is `null`/`undefined`, a formula can give `""`. */
export { isBlank };

/** True when every cell of the row is blank. */
export function isBlankRow(row: readonly CellValue[]): boolean {
  for (let i = 0; i < row.length; i++) if (!isBlank(row[i])) return false;
  return true;
}

/** Names the cell at an index in messages ("row 3 of value"); built once per argument, not per row. */
export type CellNamer = (index: number) => string;

/**
 * Reads one cell of a per-row numeric input: the number, `null` for a blank, or the CoreError for
 * that row. `where(index)` is called only when there is something to report.
 */
export function readRowNumber(cell: CellValue, where: CellNamer, index: number): number | null | CoreError {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : messages.notFinite(where(index));
  if (isBlank(cell)) return null;
  if (cell instanceof CoreError) return messages.incomingError(where(index), cell.kind, cell.message);
  return messages.notANumber(where(index), cell);
}

/** A named matrix argument. */
export interface RowArgument {
  readonly name: string;
  readonly grid: Grid;
}

/**
 * The number of customers: the largest row count. Every argument must have that many rows or
 * exactly one (broadcast). Otherwise `#VALUE!` naming both counts.
 */
export function customerCount(args: readonly RowArgument[]): Result<number> {
  let longest = args[0];
  for (const arg of args) if (arg.grid.length > longest.grid.length) longest = arg;
  const n = longest.grid.length;
  for (const arg of args) {
    const rows = arg.grid.length;
    if (rows !== 1 && rows !== n) return messages.rowCountMismatch(longest.name, n, arg.name, rows);
  }
  return n;
}

/** The number of columns of a grid (its widest row; Excel always passes rectangles). */
export function columnCount(grid: Grid): number {
  let columns = 0;
  for (let i = 0; i < grid.length; i++) if (grid[i].length > columns) columns = grid[i].length;
  return columns;
}

/** Row `index` of an argument, honouring broadcast of a single row. */
export function rowAt(grid: Grid, index: number): readonly CellValue[] {
  return grid.length === 1 ? grid[0] : grid[index];
}

/**
 * Decides which arguments make a row "blank": those with one row per customer. A broadcast single
 * row (one row of costs for every customer) would otherwise make every row below the data look
 * filled. When every argument is a single row (one customer), all of them count.
 */
export function blankDeciders(args: readonly RowArgument[], n: number): Grid[] {
  const perRow = args.filter((arg) => arg.grid.length === n).map((arg) => arg.grid);
  return perRow.length > 0 ? perRow : args.map((arg) => arg.grid);
}

/** True when row `index` is blank in every deciding argument. */
export function isBlankCustomer(deciders: readonly Grid[], index: number): boolean {
  for (const grid of deciders) if (!isBlankRow(rowAt(grid, index))) return false;
  return true;
}

/** A choice among named options, matched case-insensitively, blank → default. */
export interface ChoiceParameter<T extends string> {
  readonly name: string;
  readonly options: readonly T[];
  readonly defaultValue: T;
}

/** A number parameter with its domain, blank → default. */
export interface NumberParameter {
  readonly name: string;
  readonly defaultValue: number;
  /** Inclusive lower bound, unless `minExclusive`. */
  readonly min: number;
  readonly minExclusive?: boolean;
  /** Inclusive upper bound. */
  readonly max: number;
  /** The domain as a noun phrase that follows "must be" in messages: "a fraction greater than 0 and at most 1". */
  readonly rule: string;
}

/** The parameters of the four functions, declared once. */
export const parameters = {
  method: { name: "method", options: ["net", "ratio"], defaultValue: "net" } as ChoiceParameter<
    "net" | "ratio"
  >,
  output: { name: "output", options: ["score", "label"], defaultValue: "score" } as ChoiceParameter<
    "score" | "label"
  >,
  tolerance: {
    name: "tolerance",
    defaultValue: 0,
    min: 0,
    max: Infinity,
    rule: "zero or more rating points",
  } as NumberParameter,
  top: {
    name: "top",
    defaultValue: 0.2,
    min: 0,
    minExclusive: true,
    max: 1,
    rule: "a fraction greater than 0 and at most 1 (0.2 for the top 20 %)",
  } as NumberParameter,
  valueCut: {
    name: "value_cut",
    defaultValue: NaN,
    min: -Infinity,
    max: Infinity,
    rule: "a number",
  } as NumberParameter,
  matchCut: {
    name: "match_cut",
    defaultValue: NaN,
    min: -Infinity,
    max: Infinity,
    rule: "a number",
  } as NumberParameter,
} as const;

/**
 * Reads a choice parameter: blank → default; otherwise one of the options (any case, spaces
 * trimmed). An error value is passed through, its message naming the parameter.
 */
export function readChoice<T extends string>(cell: CellValue, parameter: ChoiceParameter<T>): Result<T> {
  if (isBlank(cell)) return parameter.defaultValue;
  if (cell instanceof CoreError) return errorInOption(parameter.name, cell);
  const wanted = typeof cell === "string" ? cell.trim().toLowerCase() : undefined;
  const found = parameter.options.find((option) => option === wanted);
  return found ?? messages.unknownChoice(parameter.name, cell, parameter.options);
}

/**
 * Reads a number parameter: blank → default; text, logicals, non-finite numbers and numbers outside
 * the domain → `#VALUE!`. An error value is passed through, its message naming the parameter.
 */
export function readNumberParameter(cell: CellValue, parameter: NumberParameter): Result<number> {
  if (isBlank(cell)) return parameter.defaultValue;
  if (cell instanceof CoreError) return errorInOption(parameter.name, cell);
  if (typeof cell !== "number") return messages.optionNotANumber(parameter.name, cell, parameter.rule);
  if (!Number.isFinite(cell)) return messages.notFinite(parameter.name);
  const belowMin = parameter.minExclusive ? cell <= parameter.min : cell < parameter.min;
  if (belowMin || cell > parameter.max) return messages.outOfRange(parameter.name, cell, parameter.rule);
  return cell;
}

/**
 * An error value given for an option (a cut, a method, a weight, a label, a top): the same error,
 * with a message that names where it was given, and the original message kept inside it.
 *
 * @example
 * errorInOption("value_cut", new CoreError(ErrorKind.NotAvailable, "")).message
 * // => "value_cut holds the error #N/A: fix the cell it comes from, or give a value instead."
 */
export function errorInOption(where: string, error: CoreError): CoreError {
  return messages.errorInArgument(where, error.kind, error.message);
}

/** True when a grid holds at least one cell (stops at the first row that has one: O(1) for Excel's ranges). */
export function hasCells(grid: Grid): boolean {
  for (let i = 0; i < grid.length; i++) if (grid[i].length > 0) return true;
  return false;
}

/**
 * A required range must hold at least one cell. Excel always passes one; a caller (a script, a
 * test) can pass `[]` or `[[]]`, which would otherwise give an empty, unshowable result.
 */
export function requireCells(grid: Grid, argument: string): Result<Grid> {
  return hasCells(grid) ? grid : messages.emptyRange(argument);
}

/** The cells of a grid in reading order (row by row). */
export function flatten(grid: Grid): CellValue[] {
  const cells: CellValue[] = [];
  for (const row of grid) for (const cell of row) cells.push(cell);
  return cells;
}

/**
 * Sums one row of a per-row numeric input, blanks counting as 0 (benefit and cost components).
 * `null` when every cell is blank (so the caller can tell a blank customer without a second pass),
 * or the CoreError of the first cell that is not a number.
 */
export function sumRow(
  row: readonly CellValue[],
  argument: string,
  rowNumber: number,
): number | null | CoreError {
  let sum = 0;
  let filled = false;
  const columns = row.length;
  for (let c = 0; c < columns; c++) {
    const cell = row[c];
    if (typeof cell === "number" && cell - cell === 0) {
      // finite number (x − x is NaN for NaN and ±Infinity)
      sum += cell;
      filled = true;
      continue;
    }
    const read = readSummandSlowly(cell, argument, rowNumber, c, columns);
    if (read instanceof CoreError) return read;
    if (read !== null) filled = true;
  }
  return filled ? sum : null;
}

/**
 * The reading rules for a cell of {@link sumRow} that is not a plain finite number. Kept out of
 * `sumRow` on purpose: a closure inside it would make V8 allocate a context on every call, a
 * million times per column.
 */
function readSummandSlowly(
  cell: CellValue,
  argument: string,
  rowNumber: number,
  column: number,
  columns: number,
): number | null | CoreError {
  return readRowNumber(cell, (index) => cellName(argument, rowNumber, index + 1, columns), column);
}
