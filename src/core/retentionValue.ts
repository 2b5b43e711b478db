/**
 * Retention economics: what keeping a customer is worth, in Gupta & Lehmann's retention model
 * (S. Gupta & D. R. Lehmann, "Customers as Assets", Journal of Interactive Marketing 17(1), 2003;
 * "Managing Customers as Investments", 2005). A customer yields a margin `m` per period while they
 * stay; from one period to the next they stay with probability `r` (retention); money one period
 * away is worth 1/(1+d) of money now (discount `d` per period).
 *
 * Lifetime value, first margin one period from now (timing "end", the default), horizon n periods:
 *   LTV = Σₜ₌₁..ₙ m·rᵗ/(1+d)ᵗ,           and with no horizon   LTV = m·r/(1+d−r);
 * first margin now (timing "start"):
 *   LTV = Σₜ₌₀..ₙ₋₁ m·rᵗ/(1+d)ᵗ,          and with no horizon   LTV = m·(1+d)/(1+d−r).
 *
 * The finite sums are geometric series in q = r/(1+d), summed in closed form as
 * Σₜ₌₀..ₙ₋₁ qᵗ = expm1(n·y) / expm1(y) with y = ln r − ln(1+d): unlike (1 − qⁿ)/(1 − q) this keeps
 * full precision as q → 1 (both expm1 are accurate for tiny arguments and share the same y, so an
 * error in y cancels), and y = 0 exactly gives n. O(1) per customer.
 *
 * Retention lift (Reichheld & Sasser's "5 points"): the relative rise in lifetime value when churn
 * (1 − r) falls by `cut`: LTV(r + cut) / LTV(r) − 1; the margin cancels.
 *
 * @example
 * lifetimeValue(100, 0.8, 0.1)              // => 266.67  (100·0.8/0.3 = 800/3)
 * lifetimeValue(100, 0.8, 0.1, null, "start") // => 366.67  (100·1.1/0.3)
 * lifetimeValue(100, 0.8, 0.1, 3)           // => 164.09  (100·(0.8/1.1 + 0.64/1.21 + 0.512/1.331))
 * retentionLift(0.8, 0.1)                   // => 0.275   (340 / 266.67 − 1)
 */
import {
  blankDeciders,
  CellValue,
  ChoiceParameter,
  columnCount,
  customerCount,
  Grid,
  isBlank,
  isBlankRow,
  readChoice,
  readRowNumber,
  RowArgument,
  RowResult,
} from "./args";
import { CoreError, isCoreError, Result } from "./errors";
import { cellName, messages } from "./messages";

/** When the first margin arrives: one period from now ("end") or now ("start"). */
export type Timing = "end" | "start";

export const timingParameter: ChoiceParameter<Timing> = {
  name: "timing",
  options: ["end", "start"],
  defaultValue: "end",
};

/** Reichheld & Sasser's five points of churn. */
export const DEFAULT_CHURN_CUT = 0.05;

/**
 * Lifetime value of one customer (formulas in the module comment). Expects 0 ≤ retention ≤ 1,
 * discount ≥ 0 and `periods` a positive whole number or null (no horizon); with no horizon and
 * retention/(1+discount) = 1 the sum has no end and the result is ±Infinity (0 for a zero margin).
 * O(1).
 *
 * @example lifetimeValue(100, 0.9, 0.1) // => 450  (100·0.9/0.2)
 */
export function lifetimeValue(
  margin: number,
  retention: number,
  discount: number,
  periods: number | null = null,
  timing: Timing = "end",
): number {
  if (periods === null) {
    const denominator = 1 + discount - retention;
    if (denominator <= 0) return margin === 0 ? 0 : margin * Infinity;
    return (margin * (timing === "end" ? retention : 1 + discount)) / denominator;
  }
  return margin * discountedRetention(retention, discount, periods, timing);
}

/**
 * Σ of rᵗ/(1+d)ᵗ over the horizon's periods (t = 1…n for "end", 0…n−1 for "start"): the lifetime
 * value of a margin of 1. Stable as r/(1+d) → 1 (see the module comment). O(1).
 */
function discountedRetention(retention: number, discount: number, periods: number, timing: Timing): number {
  const y = Math.log(retention) - Math.log1p(discount);
  let fromNow: number;
  if (y === 0) fromNow = periods;
  else if (y === -Infinity) fromNow = 1;
  else fromNow = Math.expm1(periods * y) / Math.expm1(y);
  return timing === "end" ? (retention / (1 + discount)) * fromNow : fromNow;
}

/**
 * The relative rise in lifetime value when retention rises by `churnCut`: LTV(r + cut)/LTV(r) − 1.
 * Same domain as {@link lifetimeValue} for r and r + cut; NaN when LTV(r) is 0 (retention 0, timing
 * "end"). O(1).
 *
 * @example retentionLift(0.9, 0.1) // => 0.4074  (633.33 / 450 − 1)
 */
export function retentionLift(
  retention: number,
  discount: number,
  churnCut: number = DEFAULT_CHURN_CUT,
  periods: number | null = null,
  timing: Timing = "end",
): number {
  const before = lifetimeValue(1, retention, discount, periods, timing);
  if (before === 0) return NaN;
  return lifetimeValue(1, retention + churnCut, discount, periods, timing) / before - 1;
}

/** An argument grid with the name messages use for it. */
interface NamedGrid {
  readonly name: string;
  readonly grid: Grid;
}

/** The cell of an argument at (row, column), honouring broadcast of a single row and a single column. */
function cellOf(grid: Grid, row: number, column: number): CellValue {
  const cells = grid.length === 1 ? grid[0] : grid[row];
  return cells.length === 1 ? cells[0] : cells[column];
}

/** "row 3 of retention" / "row 3, column 2 of retention", as the argument itself is numbered. */
function nameOf(argument: NamedGrid, row: number, column: number): string {
  const columns = columnCount(argument.grid);
  return cellName(
    argument.name,
    argument.grid.length === 1 ? 1 : row + 1,
    columns === 1 ? 1 : column + 1,
    columns,
  );
}

/** A finite number, null for a blank, or the row's error (text, logical, error cell, non-finite). */
function numberAt(argument: NamedGrid, row: number, column: number): number | null | CoreError {
  const cell = cellOf(argument.grid, row, column);
  if (typeof cell === "number" && cell - cell === 0) return cell;
  return readRowNumber(cell, () => nameOf(argument, row, column), 0);
}

/** A required number: blank beside filled inputs is an error naming the cell. */
function requiredAt(argument: NamedGrid, row: number, column: number): number | CoreError {
  const value = numberAt(argument, row, column);
  return value === null ? messages.blankInPartialRow(nameOf(argument, row, column)) : value;
}

interface Shape {
  readonly rows: number;
  readonly columns: number;
}

/**
 * Excel's broadcasting for element-wise functions (as `=A2:A5*B1:D1` gives a 4 × 3 result): the
 * result has the most rows and the most columns of the arguments, and each argument has either
 * that many or exactly one of each. Otherwise `#VALUE!` naming both counts.
 */
function broadcastShape(args: readonly NamedGrid[]): Result<Shape> {
  const rows = customerCount(args as RowArgument[]);
  if (isCoreError(rows)) return rows;
  let widest = args[0];
  for (const arg of args) if (columnCount(arg.grid) > columnCount(widest.grid)) widest = arg;
  const columns = columnCount(widest.grid);
  for (const arg of args) {
    const own = columnCount(arg.grid);
    if (own !== 1 && own !== columns)
      return messages.broadcastColumnsMismatch(widest.name, columns, arg.name, own);
  }
  return { rows, columns };
}

/** True when every deciding argument is blank at (row, column). */
function isBlankAt(deciders: readonly Grid[], row: number, column: number): boolean {
  for (const grid of deciders) {
    const cell = cellOf(grid, row, column);
    if (!isBlank(cell)) return false;
  }
  return true;
}

/** The horizon at a cell: null (blank: no horizon), a positive whole number, or an error. */
function periodsAt(argument: NamedGrid | null, row: number, column: number): number | null | CoreError {
  if (argument === null) return null;
  const value = numberAt(argument, row, column);
  if (value === null || isCoreError(value)) return value;
  if (!Number.isInteger(value) || value < 1)
    return messages.periodsNotWhole(nameOf(argument, row, column), value);
  return value;
}

/** Checks a retention against the model's domain: [0, 1), or exactly 1 with a horizon. */
function retentionProblem(
  argument: NamedGrid,
  row: number,
  column: number,
  retention: number,
  periods: number | null,
): CoreError | null {
  if (retention < 0 || retention > 1)
    return messages.retentionOutOfRange(nameOf(argument, row, column), retention);
  if (retention === 1 && periods === null)
    return messages.retentionOneWithoutPeriods(nameOf(argument, row, column));
  return null;
}

/**
 * Runs `compute` at every cell of the broadcast shape: a blank where the deciding arguments are
 * blank (the arguments with a row per customer, see `blankDeciders`), otherwise its number or error.
 */
function elementwise(
  required: readonly NamedGrid[],
  optional: readonly (NamedGrid | null)[],
  compute: (row: number, column: number) => number | CoreError,
): Result<RowResult<number>[][]> {
  const all = [...required, ...optional.filter((arg): arg is NamedGrid => arg !== null)];
  const shape = broadcastShape(all);
  if (isCoreError(shape)) return shape;
  const deciders = blankDeciders(required as RowArgument[], shape.rows);
  const results: RowResult<number>[][] = new Array<RowResult<number>[]>(shape.rows);
  for (let row = 0; row < shape.rows; row++) {
    const out = new Array<RowResult<number>>(shape.columns);
    for (let column = 0; column < shape.columns; column++) {
      out[column] = isBlankAt(deciders, row, column) ? "" : compute(row, column);
    }
    results[row] = out;
  }
  return results;
}

/**
 * CX.LIFETIMEVALUE over Excel's arguments: one lifetime value per cell of the broadcast shape
 * (per customer when the inputs are columns). Per-cell problems (text, a retention outside [0, 1)
 * or exactly 1 without periods, a negative discount, periods that are not a positive whole number)
 * are that cell's `#VALUE!`; a wrong timing or mismatched shapes are one error for the call.
 * O(cells).
 *
 * @example lifetimeValueCells([[100]], [[0.8], [0.9]], [[0.1]], null, null) // => [[266.67], [450]]
 */
export function lifetimeValueCells(
  margin: Grid,
  retention: Grid,
  discount: Grid,
  periods: Grid | null = null,
  timing: CellValue = null,
): Result<RowResult<number>[][]> {
  const chosen = readChoice(timing, timingParameter);
  if (isCoreError(chosen)) return chosen;
  const marginArg = { name: "margin", grid: margin };
  const retentionArg = { name: "retention", grid: retention };
  const discountArg = { name: "discount", grid: discount };
  const periodsArg = periods === null || isAllBlank(periods) ? null : { name: "periods", grid: periods };
  return elementwise([marginArg, retentionArg, discountArg], [periodsArg], (row, column) => {
    const m = requiredAt(marginArg, row, column);
    if (isCoreError(m)) return m;
    const r = requiredAt(retentionArg, row, column);
    if (isCoreError(r)) return r;
    const d = requiredAt(discountArg, row, column);
    if (isCoreError(d)) return d;
    const n = periodsAt(periodsArg, row, column);
    if (isCoreError(n)) return n;
    const badRetention = retentionProblem(retentionArg, row, column, r, n);
    if (badRetention) return badRetention;
    if (d < 0) return messages.discountNegative(nameOf(discountArg, row, column), d);
    return lifetimeValue(m, r, d, n, chosen);
  });
}

/**
 * CX.RETENTIONLIFT over Excel's arguments: LTV(r + churn_cut)/LTV(r) − 1 per cell. Besides the
 * checks of {@link lifetimeValueCells}: a cut that pushes retention to 1 or more without periods,
 * above 1 with periods, or below 0 is that cell's `#VALUE!`; retention 0 with timing "end" (a
 * lifetime value of 0) is `#DIV/0!`. O(cells).
 *
 * @example retentionLiftCells([[0.8]], [[0.1]]) // => [[0.275]]
 */
export function retentionLiftCells(
  retention: Grid,
  discount: Grid,
  churnCut: Grid | null = null,
  periods: Grid | null = null,
  timing: CellValue = null,
): Result<RowResult<number>[][]> {
  const chosen = readChoice(timing, timingParameter);
  if (isCoreError(chosen)) return chosen;
  const retentionArg = { name: "retention", grid: retention };
  const discountArg = { name: "discount", grid: discount };
  const cutArg = churnCut === null || isAllBlank(churnCut) ? null : { name: "churn_cut", grid: churnCut };
  const periodsArg = periods === null || isAllBlank(periods) ? null : { name: "periods", grid: periods };
  return elementwise([retentionArg, discountArg], [cutArg, periodsArg], (row, column) => {
    const r = requiredAt(retentionArg, row, column);
    if (isCoreError(r)) return r;
    const d = requiredAt(discountArg, row, column);
    if (isCoreError(d)) return d;
    const givenCut = cutArg === null ? null : numberAt(cutArg, row, column);
    if (isCoreError(givenCut)) return givenCut;
    const cut = givenCut ?? DEFAULT_CHURN_CUT;
    const n = periodsAt(periodsArg, row, column);
    if (isCoreError(n)) return n;
    const badRetention = retentionProblem(retentionArg, row, column, r, n);
    if (badRetention) return badRetention;
    if (d < 0) return messages.discountNegative(nameOf(discountArg, row, column), d);
    const lifted = r + cut;
    const where = cutArg === null ? nameOf(retentionArg, row, column) : nameOf(cutArg, row, column);
    if (lifted > 1 || (lifted === 1 && n === null))
      return messages.churnCutTooLarge(where, r, cut, n !== null);
    if (lifted < 0) return messages.churnCutBelowZero(where, r, cut);
    const lift = retentionLift(r, d, cut, n, chosen);
    return Number.isNaN(lift) ? messages.liftOfZeroValue(nameOf(retentionArg, row, column)) : lift;
  });
}

/** An optional range whose cells are all blank reads as omitted. */
function isAllBlank(grid: Grid): boolean {
  for (const row of grid) if (!isBlankRow(row)) return false;
  return true;
}
