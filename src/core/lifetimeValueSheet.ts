/**
 * The lifetime-value worksheet functions over Excel's grids: CX.BGNBDFIT, CX.PALIVE,
 * CX.EXPECTEDPURCHASES, CX.GAMMAGAMMAFIT, CX.EXPECTEDSPEND and CX.CLV. They read cells by the rules
 * of args.ts, call the models (bgnbdFit.ts, bgnbd.ts, gammaGamma.ts, customerLifetimeValue.ts) and
 * return either one row of parameters or one result per customer.
 *
 * Conventions, as for the other functions:
 * - the customer arguments (frequency, recency, age, average_value, a per-row horizon) are one
 *   column each (a single row is read as a column of customers when it is the only shape given);
 *   a single-row argument is used for every customer, other row-count mismatches are `#VALUE!`;
 * - a row blank in every per-customer argument gives "" (per-customer functions) or is left out
 *   (the fits), so whole-column references work; text, a partly blank row or an impossible history
 *   (recency after age, …) is `#VALUE!` naming the row — in that row for the per-customer
 *   functions, for the whole call in the fits (a fit cannot leave one customer out silently);
 * - `params`, `bgnbd_params`, `spend_params` are the cells a fit returned (4 or 3 numbers > 0);
 * - a fit that does not converge is `#NUM!` (as Excel's IRR and RATE), with the message saying
 *   what to try; Excel passes `null` for an omitted optional argument, which means its default.
 *
 * Cost: O(N) reading, then the models' cost (see their files).
 *
 * @example
 * bgnbdFitSheet(frequency, recency, age)           // => [[0.2426, 4.4136, 0.7929, 2.4259]] on CDNOW
 * pAliveSheet([[2]], [[30.43]], [[38.86]], [[0.243, 4.414, 0.793, 2.426]]) // => [0.7266]
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
  readNumberParameter,
  readRowNumber,
  rowAt,
  RowArgument,
  RowResult,
} from "./args";
import { expectedPurchases, pAlive } from "./bgnbd";
import { BgnbdParameters, fitBgnbd } from "./bgnbdFit";
import { LifetimeValueScorer, LifetimeValueSettings, PERIODS_PER_YEAR } from "./customerLifetimeValue";
import { CoreError, isCoreError, Result } from "./errors";
import {
  expectedSpend,
  fitGammaGamma,
  GammaGammaParameters,
  spendMeanProblem,
  spendProblem,
} from "./gammaGamma";
import { cellName, lifetimeValueMessages, messages } from "./messages";
import { historyProblem } from "./purchaseHistory";

/** The optional number arguments of these functions, declared once. */
export const lifetimeValueParameters = {
  penalty: {
    name: "penalty",
    defaultValue: 0,
    min: 0,
    max: Infinity,
    rule: "zero or more (0.001 is a usual small penalty)",
  } as NumberParameter,
  horizon: {
    name: "horizon",
    defaultValue: NaN,
    min: 0,
    max: Infinity,
    rule: "zero or more periods, in the unit of recency and age",
  } as NumberParameter,
  clvHorizon: {
    name: "horizon",
    defaultValue: NaN,
    min: 1,
    max: 100000,
    rule: "a whole number of periods from 1 to 100000, in the unit of recency and age",
  } as NumberParameter,
  margin: {
    name: "margin",
    defaultValue: 1,
    min: 0,
    max: Infinity,
    rule: "zero or more (0.3 for a 30 % margin)",
  } as NumberParameter,
  annualDiscount: {
    name: "annual_discount",
    defaultValue: 0.1,
    min: 0,
    max: Infinity,
    rule: "zero or more (0.1 for 10 % a year)",
  } as NumberParameter,
  periodsPerYear: {
    name: "periods_per_year",
    defaultValue: PERIODS_PER_YEAR.week,
    min: 0,
    minExclusive: true,
    max: Infinity,
    rule: "greater than 0 (52.1775 for weeks, 12 for months, 365.25 for days)",
  } as NumberParameter,
} as const;

const BGNBD_NAMES = ["r", "alpha", "a", "b"] as const;
const SPEND_NAMES = ["p", "q", "v"] as const;

/** CX.BGNBDFIT: one row r, α, a, b fitted on every non-blank customer. */
export function bgnbdFitSheet(
  frequency: Grid,
  recency: Grid,
  age: Grid,
  penalty: CellValue = null,
): Result<number[][]> {
  const penaltyValue = readNumberParameter(penalty, lifetimeValueParameters.penalty);
  if (isCoreError(penaltyValue)) return penaltyValue;
  const table = readCustomerTable([
    ["frequency", frequency],
    ["recency", recency],
    ["age", age],
  ]);
  if (isCoreError(table)) return table;
  const rows = filledRows(table);
  if (isCoreError(rows)) return rows;
  const [x, tx, T] = gather(table, rows);
  for (let j = 0; j < rows.length; j++) {
    const problem = historyProblem(x[j], tx[j], T[j]);
    if (problem !== null) {
      return lifetimeValueMessages.historyProblem(rows[j] + 1, problem, HISTORY_NAMES, x[j], tx[j], T[j]);
    }
  }
  const fit = fitBgnbd({ x, tx, T }, { penalizerCoef: penaltyValue });
  if (isCoreError(fit)) return fit;
  if (!fit.converged) return lifetimeValueMessages.notConverged(fit.message);
  const { r, alpha, a, b } = fit.parameters;
  return [[r, alpha, a, b]];
}

/** CX.PALIVE: P(alive | x, tₓ, T) per customer. */
export function pAliveSheet(
  frequency: Grid,
  recency: Grid,
  age: Grid,
  params: Grid,
): Result<RowResult<number>[]> {
  const parameters = readBgnbdParameters(params, "params");
  if (isCoreError(parameters)) return parameters;
  return perCustomer(
    [
      ["frequency", frequency],
      ["recency", recency],
      ["age", age],
    ],
    ([x, tx, T], row) => historyProblemAt(row, x, tx, T) ?? pAlive(parameters, x, tx, T),
  );
}

/** CX.EXPECTEDPURCHASES: E[Y(t) | x, tₓ, T] per customer; the horizon may be one cell or one per customer. */
export function expectedPurchasesSheet(
  horizon: Grid,
  frequency: Grid,
  recency: Grid,
  age: Grid,
  params: Grid,
): Result<RowResult<number>[]> {
  const parameters = readBgnbdParameters(params, "params");
  if (isCoreError(parameters)) return parameters;
  return perCustomer(
    [
      ["frequency", frequency],
      ["recency", recency],
      ["age", age],
      ["horizon", horizon],
    ],
    ([x, tx, T, t], row) => {
      const problem = historyProblemAt(row, x, tx, T);
      if (problem !== null) return problem;
      if (t < 0) return messages.outOfRange(`horizon in row ${row}`, t, lifetimeValueParameters.horizon.rule);
      const value = expectedPurchases(parameters, t, x, tx, T);
      return Number.isNaN(value)
        ? lifetimeValueMessages.seriesNotConverged("the expected purchases", row)
        : value;
    },
  );
}

/** CX.GAMMAGAMMAFIT: one row p, q, v fitted on the customers with frequency > 0. */
export function gammaGammaFitSheet(
  frequency: Grid,
  averageValue: Grid,
  penalty: CellValue = null,
): Result<number[][]> {
  const penaltyValue = readNumberParameter(penalty, lifetimeValueParameters.penalty);
  if (isCoreError(penaltyValue)) return penaltyValue;
  const table = readCustomerTable([
    ["frequency", frequency],
    ["average_value", averageValue],
  ]);
  if (isCoreError(table)) return table;
  const rows = filledRows(table, 1);
  if (isCoreError(rows)) return rows;
  const [x, zbar] = gather(table, rows);
  for (let j = 0; j < rows.length; j++) {
    const problem = spendProblem(x[j], zbar[j], rows[j] + 1, SPEND_COLUMN_NAMES, true);
    if (problem !== null) return problem;
  }
  const fit = fitGammaGamma({ x, zbar }, { penalizerCoef: penaltyValue });
  if (isCoreError(fit)) return fit;
  if (!fit.converged) return lifetimeValueMessages.notConverged(fit.message);
  const { p, q, v } = fit.parameters;
  return [[p, q, v]];
}

/** CX.EXPECTEDSPEND: E[Z | x, z̄] per customer (the population mean for x = 0, whose average value may be blank). */
export function expectedSpendSheet(
  frequency: Grid,
  averageValue: Grid,
  params: Grid,
): Result<RowResult<number>[]> {
  const parameters = readSpendParameters(params, "params");
  if (isCoreError(parameters)) return parameters;
  return perCustomer(
    [
      ["frequency", frequency],
      ["average_value", averageValue],
    ],
    ([x, zbar], row) =>
      spendProblem(x, zbar, row, SPEND_COLUMN_NAMES, false) ?? expectedSpend(parameters, x, zbar),
    1,
  );
}

/** CX.CLV: lifetime value per customer over `horizon` whole periods. */
export function clvSheet(
  frequency: Grid,
  recency: Grid,
  age: Grid,
  averageValue: Grid,
  bgnbdParams: Grid,
  spendParams: Grid,
  horizon: CellValue,
  margin: CellValue = null,
  annualDiscount: CellValue = null,
  periodsPerYear: CellValue = null,
): Result<RowResult<number>[]> {
  const bgnbd = readBgnbdParameters(bgnbdParams, "bgnbd_params");
  if (isCoreError(bgnbd)) return bgnbd;
  const spend = readSpendParameters(spendParams, "spend_params");
  if (isCoreError(spend)) return spend;
  const settings = readLifetimeValueSettings(horizon, margin, annualDiscount, periodsPerYear);
  if (isCoreError(settings)) return settings;
  const scorer = new LifetimeValueScorer(bgnbd, spend, settings);
  const scores = {
    pAlive: new Float64Array(1),
    expectedPurchases: new Float64Array(1),
    expectedSpend: new Float64Array(1),
    lifetimeValue: new Float64Array(1),
  };
  return perCustomer(
    [
      ["frequency", frequency],
      ["recency", recency],
      ["age", age],
      ["average_value", averageValue],
    ],
    ([x, tx, T, zbar], row) => {
      const problem =
        historyProblemAt(row, x, tx, T) ?? spendProblem(x, zbar, row, SPEND_COLUMN_NAMES, false);
      if (problem !== null) return problem;
      scorer.score(0, x, tx, T, zbar, scores);
      const value = scores.lifetimeValue[0];
      return Number.isNaN(value)
        ? lifetimeValueMessages.seriesNotConverged("the lifetime value", row)
        : value;
    },
    3,
  );
}

/** The four cells of CX.BGNBDFIT as parameters: exactly four numbers greater than 0. */
export function readBgnbdParameters(grid: Grid, argument: string): Result<BgnbdParameters> {
  const values = readPositiveCells(grid, argument, BGNBD_NAMES, "CX.BGNBDFIT");
  if (isCoreError(values)) return values;
  const [r, alpha, a, b] = values;
  return { r, alpha, a, b };
}

/** The three cells of CX.GAMMAGAMMAFIT as parameters, with q > 1 so the mean spend exists. */
export function readSpendParameters(grid: Grid, argument: string): Result<GammaGammaParameters> {
  const values = readPositiveCells(grid, argument, SPEND_NAMES, "CX.GAMMAGAMMAFIT");
  if (isCoreError(values)) return values;
  const [p, q, v] = values;
  const parameters = { p, q, v };
  return spendMeanProblem(parameters) ?? parameters;
}

/** Horizon (whole periods ≥ 1), margin (default 1), annual discount (default 0.1), periods per year (default 52.1775). */
export function readLifetimeValueSettings(
  horizon: CellValue,
  margin: CellValue,
  annualDiscount: CellValue,
  periodsPerYear: CellValue,
): Result<LifetimeValueSettings> {
  if (isBlank(horizon))
    return messages.optionNotANumber("horizon", horizon, lifetimeValueParameters.clvHorizon.rule);
  const periods = readNumberParameter(horizon, lifetimeValueParameters.clvHorizon);
  if (isCoreError(periods)) return periods;
  if (periods !== Math.floor(periods)) {
    return messages.outOfRange("horizon", periods, lifetimeValueParameters.clvHorizon.rule);
  }
  const marginValue = readNumberParameter(margin, lifetimeValueParameters.margin);
  if (isCoreError(marginValue)) return marginValue;
  const discount = readNumberParameter(annualDiscount, lifetimeValueParameters.annualDiscount);
  if (isCoreError(discount)) return discount;
  const perYear = readNumberParameter(periodsPerYear, lifetimeValueParameters.periodsPerYear);
  if (isCoreError(perYear)) return perYear;
  return { horizon: periods, margin: marginValue, annualDiscount: discount, periodsPerYear: perYear };
}

// ---- reading customer columns

const HISTORY_NAMES = { frequency: "frequency", recency: "recency", age: "age" };
const SPEND_COLUMN_NAMES = { frequency: "frequency", averageValue: "average_value" };

function historyProblemAt(row: number, x: number, tx: number, T: number): CoreError | null {
  const problem = historyProblem(x, tx, T);
  return problem === null
    ? null
    : lifetimeValueMessages.historyProblem(row, problem, HISTORY_NAMES, x, tx, T);
}

/** One customer argument as a column and how to name its cells. */
interface CustomerColumn {
  readonly name: string;
  readonly grid: Grid;
  readonly cellAt: CellNamer;
}

/** The customer arguments read as columns, with the number of customers. */
interface CustomerTable {
  readonly columns: readonly CustomerColumn[];
  readonly n: number;
  readonly deciders: Grid[];
}

function asCustomerColumn(name: string, grid: Grid): Result<CustomerColumn> {
  const columns = columnCount(grid);
  if (grid.length === 1 && columns > 1) {
    return { name, grid: grid[0].map((cell) => [cell]), cellAt: (i) => `cell ${i + 1} of ${name}` };
  }
  if (columns > 1) return messages.notOneColumn(name, columns);
  const single = grid.length === 1;
  return { name, grid, cellAt: (i) => cellName(name, single ? 1 : i + 1, 1, 1) };
}

function readCustomerTable(argumentsByName: readonly (readonly [string, Grid])[]): Result<CustomerTable> {
  const columns: CustomerColumn[] = [];
  for (const [name, grid] of argumentsByName) {
    const column = asCustomerColumn(name, grid);
    if (isCoreError(column)) return column;
    columns.push(column);
  }
  const args: RowArgument[] = columns.map((column) => ({ name: column.name, grid: column.grid }));
  const n = customerCount(args);
  if (isCoreError(n)) return n;
  return { columns, n, deciders: blankDeciders(args, n) };
}

/**
 * Reads row `i`: the numbers of every column, "" for a blank customer, or the row's error. Columns
 * from `optionalFrom` on may be blank when the first column (frequency) is 0 (they read as 0).
 */
function readRow(
  table: CustomerTable,
  i: number,
  out: Float64Array,
  optionalFrom: number,
): CoreError | "" | null {
  if (isBlankCustomer(table.deciders, i)) return "";
  for (let c = 0; c < table.columns.length; c++) {
    const column = table.columns[c];
    const value = readRowNumber(rowAt(column.grid, i)[0], column.cellAt, i);
    if (isCoreError(value)) return value;
    if (value === null) {
      if (c >= optionalFrom && out[0] === 0) {
        out[c] = 0;
        continue;
      }
      return messages.blankInPartialRow(column.cellAt(i));
    }
    out[c] = value;
  }
  return null;
}

/** One result per customer: blanks stay blank, a bad row gets its error, the others `compute` (rows 1-based). */
function perCustomer(
  argumentsByName: readonly (readonly [string, Grid])[],
  compute: (values: Float64Array, row: number) => number | CoreError,
  optionalFrom = argumentsByName.length,
): Result<RowResult<number>[]> {
  const table = readCustomerTable(argumentsByName);
  if (isCoreError(table)) return table;
  const values = new Float64Array(table.columns.length);
  const results: RowResult<number>[] = new Array<RowResult<number>>(table.n);
  for (let i = 0; i < table.n; i++) {
    const status = readRow(table, i, values, optionalFrom);
    results[i] = status === null ? compute(values, i + 1) : status;
  }
  return results;
}

/** The rows that hold a customer (blank ones left out), or the first row's error. */
function filledRows(table: CustomerTable, optionalFrom = table.columns.length): Result<number[]> {
  const rows: number[] = [];
  const values = new Float64Array(table.columns.length);
  for (let i = 0; i < table.n; i++) {
    const status = readRow(table, i, values, optionalFrom);
    if (isCoreError(status)) return status;
    if (status === null) rows.push(i);
  }
  return rows;
}

/** The columns' numbers at `rows`, as typed arrays (blank optional cells as 0). */
function gather(table: CustomerTable, rows: readonly number[]): Float64Array[] {
  const columns = table.columns.map(() => new Float64Array(rows.length));
  const values = new Float64Array(table.columns.length);
  rows.forEach((i, j) => {
    readRow(table, i, values, 1);
    for (let c = 0; c < columns.length; c++) columns[c][j] = values[c];
  });
  return columns;
}

/** Exactly `names.length` cells, each a number greater than 0; an error cell is passed on. */
function readPositiveCells(
  grid: Grid,
  argument: string,
  names: readonly string[],
  fitFunction: string,
): Result<number[]> {
  const cells = flatten(grid);
  if (cells.length !== names.length) {
    return lifetimeValueMessages.parametersCount(argument, names, cells.length, fitFunction);
  }
  const values: number[] = [];
  for (let k = 0; k < cells.length; k++) {
    const cell = cells[k];
    if (cell instanceof CoreError)
      return messages.incomingError(`${argument} (${names[k]})`, cell.kind, cell.message);
    if (typeof cell !== "number" || !Number.isFinite(cell) || cell <= 0) {
      return lifetimeValueMessages.parameterNotPositive(argument, names[k], cell);
    }
    values.push(cell);
  }
  return values;
}
