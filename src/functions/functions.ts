/* eslint-disable @typescript-eslint/no-explicit-any -- Excel hands ranges over as any[][]: numbers, text, logicals, null and error values mixed. */
/**
 * Excel's calling convention ↔ the core. The JSDoc of each function is its Excel help text:
 * `CustomFunctionsMetadataPlugin` turns it into functions.json (namespace CX from the manifest).
 *
 * Each wrapper: read Excel's values (fromExcel), call the pure core, and either throw one
 * `CustomFunctions.Error` for a whole-call problem (a wrong argument) or return a column with an
 * error object in the cells of the customers that have a problem.
 *
 * Range parameters are typed `any[][]` so blanks, text and error cells reach the core instead of
 * Excel answering for the function. Incoming error cells arrive because the generator always sets
 * `allowCustomDataForDataTypeAny` (error cells then come as `{ type: "Error", basicValue }`). We do not
 * add `allowErrorForDataTypeAny`: the generator cannot emit it, the docs say it does not work with
 * generated metadata, and Microsoft reports that the two together crash volume-licensed Office 2021
 * (office-js issue 4385), while the first alone already covers error inputs.
 */
// First: installs a stand-in CustomFunctions global where Office is absent, before the
// CustomFunctions.associate(...) calls the metadata plugin appends to this file run.
import "./customFunctionsFallback";
import { CellValue, Grid, hasCells, requireCells, RowResult } from "../core/args";
import { customerValue } from "../core/customerValue";
import { CustomerResults, LabelResults, NO_LABEL, NumberResults } from "../core/customerResults";
import { CoreError, isCoreError, Result } from "../core/errors";
import { messages } from "../core/messages";
import { paretoShare } from "../core/paretoShare";
import { satisfaction } from "../core/satisfaction";
import { segment } from "../core/segment";
import {
  bgnbdFitSheet,
  clvSheet,
  expectedPurchasesSheet,
  expectedSpendSheet,
  gammaGammaFitSheet,
  pAliveSheet,
} from "../core/lifetimeValueSheet";
import { fromExcelGrid, fromExcelScalar } from "./fromExcel";
import { toExcelError } from "./toExcelError";
import { customerTableFromCells } from "../core/customerTable";
import { ymdToSerial } from "../core/excelDate";
import { lifetimeValueCells, retentionLiftCells } from "../core/retentionValue";

/**
 * Customer delivered value (Kotler) of each customer: total benefits minus total costs, or benefits divided by costs. One result per row; a blank row gives a blank.
 * @customfunction CUSTOMERVALUE
 * @helpurl https://localhost:3000/help.html#cx-customervalue
 * @param benefits Benefit components, one row per customer (for example product, service, personnel and image value). Blank cells count as 0.
 * @param costs Cost components, one row per customer (for example money, time, energy and psychic cost). Blank cells count as 0. A single row is used for every customer.
 * @param [method] "net" (default): benefits minus costs. "ratio": benefits divided by costs.
 * @returns The value of each customer, as a column.
 */
export function CUSTOMERVALUE(benefits: any[][], costs: any[][], method?: string): any[][] {
  return customerColumn(
    customerValue(range(benefits, "benefits"), range(costs, "costs"), cell(method, "method")),
  );
}

/**
 * Customer satisfaction (Kotler): perceived performance minus expectation, weighted over several factors. Returns the score, or the label Dissatisfied, Satisfied or Highly satisfied.
 * @customfunction SATISFACTION
 * @helpurl https://localhost:3000/help.html#cx-satisfaction
 * @param perceived Perceived performance ratings, one row per customer, one column per factor (for example service, communication, emotional).
 * @param expected Expected ratings of the same factors, in the same columns. A single row is used for every customer.
 * @param [weights] Importance of each factor, one cell per factor. Normalised to sum to 1. Default: equal weights.
 * @param [output] "score" (default): the weighted difference in rating points. "label": Dissatisfied, Satisfied or Highly satisfied.
 * @param [tolerance] Zone of tolerance in rating points, 0 or more (default 0). Scores from -tolerance to +tolerance are Satisfied.
 * @returns The satisfaction of each customer, as a column.
 */
export function SATISFACTION(
  perceived: any[][],
  expected: any[][],
  weights?: any[][],
  output?: string,
  tolerance?: number,
): any[][] {
  return customerColumn(
    satisfaction(
      range(perceived, "perceived"),
      range(expected, "expected"),
      optionalRange(weights),
      cell(output, "output"),
      cell(tolerance, "tolerance"),
    ),
  );
}

/**
 * Customer segment by value to the firm and strategic match: Strategic (high value, high match), Profit (high value, low match), Potential (low value, high match) or Ordinary (low, low).
 * @customfunction SEGMENT
 * @helpurl https://localhost:3000/help.html#cx-segment
 * @param value Value of each customer to the firm, one column.
 * @param match Strategic match of each customer with the firm, one column.
 * @param [value_cut] Value at or above which a customer's value is high. Default: the median of the value column.
 * @param [match_cut] Match at or above which a customer's match is high. Default: the median of the match column.
 * @param [labels] Four cells replacing the names Strategic, Profit, Potential and Ordinary, in that order.
 * @returns The segment of each customer, as a column.
 */
export function SEGMENT(
  value: any[][],
  match: any[][],
  value_cut?: number,
  match_cut?: number,
  labels?: any[][],
): any[][] {
  return customerColumn(
    segment(
      range(value, "value"),
      range(match, "match"),
      cell(value_cut, "value_cut"),
      cell(match_cut, "match_cut"),
      optionalRange(labels),
    ),
  );
}

/**
 * Share of total value held by the top fraction of customers (the 80/20 rule). Blank cells, text and logical values in the range are ignored, as SUM ignores them.
 * @customfunction PARETOSHARE
 * @helpurl https://localhost:3000/help.html#cx-paretoshare
 * @param values Value of each customer, any shape. Values must not be negative.
 * @param [top] Fraction of customers, greater than 0 and at most 1 (default 0.2 for the top 20 %). A range of fractions gives one share each, for a Lorenz curve.
 * @returns The share of value, as a fraction (0.8 for 80 %), in the shape of top.
 */
export function PARETOSHARE(values: any[][], top?: any[][]): any[][] {
  const shares = paretoShare(range(values, "values"), optionalRange(top));
  if (isCoreError(shares)) throw toExcelError(shares);
  return shares.map((row) => row.map(excelCell));
}

/** A required range from Excel (a lone blank if a caller passes nothing); `#VALUE!` naming it if it has no cells. */
function range(value: unknown, name = "the range"): Grid {
  const grid = requireCells(fromExcelGrid(value) ?? [[null]], name);
  if (isCoreError(grid)) throw toExcelError(grid);
  return grid;
}

/** An optional range from Excel; `null` when omitted (or given without a single cell). */
function optionalRange(value: unknown): Grid | null {
  const grid = fromExcelGrid(value);
  return grid === null || !hasCells(grid) ? null : grid;
}

/** A scalar argument from Excel (`null` when omitted); `#VALUE!` naming it if a caller passes a range of several cells. */
function cell(value: unknown, name = "this argument"): CellValue {
  const read = fromExcelScalar(value);
  if (read !== null && typeof read === "object" && "severalCells" in read) {
    throw toExcelError(messages.notOneCell(name, read.severalCells));
  }
  return read;
}

/** One result cell as Excel should receive it. */
function excelCell<T>(result: RowResult<T>): T | "" | CustomFunctions.Error {
  return result instanceof CoreError ? toExcelError(result) : result;
}

/** Per-customer results as a spilled column (one one-cell row each); a whole-call error is thrown as one Excel error. */
function customerColumn<L>(results: Result<CustomerResults<L>>): any[][] {
  if (isCoreError(results)) throw toExcelError(results);
  return results.kind === "numbers" ? numberColumn(results) : labelColumn(results);
}

/**
 * Labels (segment names, satisfaction labels) repeat a handful of values over up to a million rows,
 * so each label gets a single one-cell row that every such customer shares: Excel only reads the
 * returned rows, and a million fewer small arrays is most of the cost of a spilled column.
 */
function labelColumn<L>(results: LabelResults<L>): any[][] {
  const { codes, errors } = results;
  const rows = results.labels.map((label) => [label]);
  const blank = [""];
  const out: any[][] = new Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    out[i] = code !== NO_LABEL ? rows[code] : errorRow(errors, i, blank);
  }
  return out;
}

/** Slots of the cache of recent one-number rows (a power of two). */
const SHARED_SLOTS = 4096;
/** Rows after which sharing stops if fewer than half of them found their number already cached. */
const SHARING_PROBE = 8192;

/**
 * Numbers as one-cell rows. Where the numbers repeat (scores from ratings 1–10 take a few dozen
 * values), equal numbers share one row, as labels do: a small direct-mapped cache (the number's
 * hash picks a slot; a slot holds the last row made for that hash) finds it in O(1). Where they do
 * not repeat (customer values in cents), the first {@link SHARING_PROBE} rows show it and the rest
 * get a fresh row each, without the cache's cost. Equal means the same double, -0 apart from 0.
 */
function numberColumn(results: NumberResults): any[][] {
  const { numbers, errors } = results;
  const n = numbers.length;
  const out: any[][] = new Array(n);
  const blank = [""];
  const cache: any[][] = new Array(SHARED_SLOTS).fill(blank);
  let sharing = true;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    const x = numbers[i];
    if (x !== x) {
      out[i] = errorRow(errors, i, blank);
      continue;
    }
    if (!sharing) {
      out[i] = [x];
      continue;
    }
    const slot = Math.imul((x * 4096) | 0, 0x9e3779b1) >>> 20;
    const cached = cache[slot];
    if (cached[0] === x && (x !== 0 || 1 / cached[0] === 1 / x)) {
      out[i] = cached;
      hits++;
    } else {
      out[i] = cache[slot] = [x];
    }
    if (i === SHARING_PROBE && hits < SHARING_PROBE / 2) sharing = false;
  }
  return out;
}

/**
 * Per-customer results given as a plain list (a core function that returns `RowResult[]` rather than
 * {@link CustomerResults}) as a spilled column: text results share one row per distinct text, each
 * number gets its own row, errors become Excel errors; a whole-call error is thrown.
 */
export function column<T>(results: Result<readonly RowResult<T>[]>): any[][] {
  if (isCoreError(results)) throw toExcelError(results);
  const out: any[][] = new Array(results.length);
  const textRows = new Map<string, any[]>();
  for (let i = 0; i < results.length; i++) {
    const result = results[i];
    if (typeof result === "string") {
      let shared = textRows.get(result);
      if (shared === undefined) textRows.set(result, (shared = [result]));
      out[i] = shared;
    } else out[i] = [excelCell(result)];
  }
  return out;
}

// ── Retention economics and order logs (CX.LIFETIMEVALUE, CX.RETENTIONLIFT, CX.CUSTOMERS) ──

/**
 * Lifetime value of a customer who yields a margin each period and stays from one period to the next with probability retention (Gupta & Lehmann's retention model). With no periods: margin × retention / (1 + discount − retention).
 * @customfunction LIFETIMEVALUE
 * @helpurl https://localhost:3000/help.html#cx-lifetimevalue
 * @param margin Margin the customer yields per period while they stay (for example 100). A column gives one value per customer; a single cell is used for every customer.
 * @param retention Probability that a customer stays from one period to the next, at least 0 and below 1 (0.8 for 80 %). Exactly 1 only with periods.
 * @param discount Discount rate per period, 0 or more (0.1 for 10 %). Use the rate for the same period as margin and retention.
 * @param [periods] Horizon: the number of periods counted, a positive whole number. Empty: no horizon (the infinite sum).
 * @param [timing] "end" (default): the first margin arrives one period from now, if the customer stays. "start": the first margin is now.
 * @returns The lifetime value of each customer, in the shape of the inputs.
 */
export function LIFETIMEVALUE(
  margin: any[][],
  retention: any[][],
  discount: any[][],
  periods?: any[][],
  timing?: string,
): any[][] {
  return cells(
    lifetimeValueCells(
      range(margin),
      range(retention),
      range(discount),
      optionalRange(periods),
      cell(timing),
    ),
  );
}

/**
 * Relative rise in a customer's lifetime value when churn (1 − retention) falls by churn_cut: LTV(retention + churn_cut) / LTV(retention) − 1. Reichheld & Sasser's five points by default. The margin cancels out.
 * @customfunction RETENTIONLIFT
 * @helpurl https://localhost:3000/help.html#cx-retentionlift
 * @param retention Probability that a customer stays from one period to the next, at least 0 and below 1 (0.8 for 80 %).
 * @param discount Discount rate per period, 0 or more (0.1 for 10 %).
 * @param [churn_cut] Points by which churn falls, as a fraction (default 0.05 for five points). Retention plus the cut must stay below 1 without periods.
 * @param [periods] Horizon: the number of periods counted, a positive whole number. Empty: no horizon.
 * @param [timing] "end" (default): the first margin arrives one period from now. "start": the first margin is now.
 * @returns The rise as a fraction (0.275 for 27.5 %), in the shape of the inputs.
 */
export function RETENTIONLIFT(
  retention: any[][],
  discount: any[][],
  churn_cut?: any[][],
  periods?: any[][],
  timing?: string,
): any[][] {
  return cells(
    retentionLiftCells(
      range(retention),
      range(discount),
      optionalRange(churn_cut),
      optionalRange(periods),
      cell(timing),
    ),
  );
}

/**
 * One row per customer from an order log (one row per order), as of a date: first and last purchase, purchases (distinct days), repeat purchases, recency, age, total value and average repeat value, with a header row. Spills a table; format the date columns as dates.
 * @customfunction CUSTOMERS
 * @helpurl https://localhost:3000/help.html#cx-customers
 * @param customers The customer of each order, one column (text or numbers, matched exactly).
 * @param dates The date of each order, same rows (date cells or yyyy-mm-dd text; the time of day is ignored).
 * @param amounts The amount of each order, same rows (numbers; negative only with returns TRUE).
 * @param [as_of] Orders after this date are not counted. Default: today (the day of the calculation; type TODAY() to recalculate it every day).
 * @param [period] Unit of recency and age: "day", "week" (default, 7 days), "month" (365.25/12 days), "quarter" or "year" (365.25 days).
 * @param [returns] TRUE: negative amounts are returns, netted into the values. FALSE (default): a negative amount is an error.
 * @returns The customer table with its header row.
 */
export function CUSTOMERS(
  customers: any[][],
  dates: any[][],
  amounts: any[][],
  as_of?: any,
  period?: string,
  returns?: boolean,
): any[][] {
  const table = customerTableFromCells(
    range(customers),
    range(dates),
    range(amounts),
    cell(as_of),
    cell(period),
    cell(returns),
    todaySerial(new Date()),
  );
  if (isCoreError(table)) throw toExcelError(table);
  return table;
}

/** Today's date in the computer's time zone as an Excel serial (what Excel's TODAY() gives). */
function todaySerial(now: Date): number {
  return ymdToSerial(now.getFullYear(), now.getMonth() + 1, now.getDate()) ?? NaN;
}

/** Element-wise results as Excel's matrix; a whole-call error is thrown as one Excel error. */
function cells<T>(results: Result<RowResult<T>[][]>): any[][] {
  if (isCoreError(results)) throw toExcelError(results);
  return results.map((row) => row.map(excelCell));
}
// ---- Lifetime value (BG/NBD + Gamma-Gamma): the model functions of core/lifetimeValueSheet.ts.

/**
 * Fits the BG/NBD model (Fader, Hardie & Lee 2005) to the customers' purchase histories: returns one row r, alpha, a, b to pass to CX.PALIVE, CX.EXPECTEDPURCHASES and CX.CLV. Blank rows are left out.
 * @customfunction BGNBDFIT
 * @helpurl https://localhost:3000/help.html#cx-bgnbdfit
 * @param frequency Repeat purchases of each customer (purchase days after the first one), one column of whole numbers.
 * @param recency Time from each customer's first to last purchase, in the same period unit as age (0 when frequency is 0).
 * @param age Time from each customer's first purchase to the as-of date, in weeks, days or months (one unit for all).
 * @param [penalty] Optional L2 penalty on the parameters, 0 or more (default 0); a small one such as 0.001 helps a fit that does not converge.
 * @returns One row: r, alpha, a, b.
 */
export function BGNBDFIT(frequency: any[][], recency: any[][], age: any[][], penalty?: number): any[][] {
  const fit = bgnbdFitSheet(range(frequency), range(recency), range(age), cell(penalty));
  if (isCoreError(fit)) throw toExcelError(fit);
  return fit;
}

/**
 * Probability that each customer is still active (has not dropped out), from the BG/NBD model: 1 for a customer with no repeat purchase, lower the longer a frequent buyer has been silent.
 * @customfunction PALIVE
 * @helpurl https://localhost:3000/help.html#cx-palive
 * @param frequency Repeat purchases of each customer, one column of whole numbers.
 * @param recency Time from each customer's first to last purchase, in the period unit of the fit.
 * @param age Time from each customer's first purchase to the as-of date, in the period unit of the fit.
 * @param params The four cells r, alpha, a, b returned by CX.BGNBDFIT.
 * @returns The probability of each customer, as a column.
 */
export function PALIVE(frequency: any[][], recency: any[][], age: any[][], params: any[][]): any[][] {
  return column(pAliveSheet(range(frequency), range(recency), range(age), range(params)));
}

/**
 * Expected number of repeat purchases of each customer in the next horizon periods, from the BG/NBD model (the paper's equation 10).
 * @customfunction EXPECTEDPURCHASES
 * @helpurl https://localhost:3000/help.html#cx-expectedpurchases
 * @param horizon Periods ahead, 0 or more, in the period unit of the fit (for example 52 for a year of weeks); one cell, or one per customer.
 * @param frequency Repeat purchases of each customer, one column of whole numbers.
 * @param recency Time from each customer's first to last purchase, in the period unit of the fit.
 * @param age Time from each customer's first purchase to the as-of date, in the period unit of the fit.
 * @param params The four cells r, alpha, a, b returned by CX.BGNBDFIT.
 * @returns The expected purchases of each customer, as a column.
 */
export function EXPECTEDPURCHASES(
  horizon: any[][],
  frequency: any[][],
  recency: any[][],
  age: any[][],
  params: any[][],
): any[][] {
  return column(
    expectedPurchasesSheet(range(horizon), range(frequency), range(recency), range(age), range(params)),
  );
}

/**
 * Fits the Gamma-Gamma spend model (Fader, Hardie & Lee 2005) on the customers with at least one repeat purchase: returns one row p, q, v to pass to CX.EXPECTEDSPEND and CX.CLV.
 * @customfunction GAMMAGAMMAFIT
 * @helpurl https://localhost:3000/help.html#cx-gammagammafit
 * @param frequency Repeat purchases of each customer, one column of whole numbers; customers with 0 are left out of the fit.
 * @param average_value Average value of each customer's repeat purchases (the first purchase left out), greater than 0 where frequency is above 0.
 * @param [penalty] Optional L2 penalty on the parameters, 0 or more (default 0); a small one such as 0.001 helps a fit that does not converge.
 * @returns One row: p, q, v.
 */
export function GAMMAGAMMAFIT(frequency: any[][], average_value: any[][], penalty?: number): any[][] {
  const fit = gammaGammaFitSheet(range(frequency), range(average_value), cell(penalty));
  if (isCoreError(fit)) throw toExcelError(fit);
  return fit;
}

/**
 * Expected average value of each customer's future purchases, from the Gamma-Gamma model: the customer's own average, pulled towards the population mean the fewer purchases it rests on.
 * @customfunction EXPECTEDSPEND
 * @helpurl https://localhost:3000/help.html#cx-expectedspend
 * @param frequency Repeat purchases of each customer, one column of whole numbers.
 * @param average_value Average value of each customer's repeat purchases; may be blank where frequency is 0 (the population mean is returned).
 * @param params The three cells p, q, v returned by CX.GAMMAGAMMAFIT (q must be above 1).
 * @returns The expected average value of each customer, as a column.
 */
export function EXPECTEDSPEND(frequency: any[][], average_value: any[][], params: any[][]): any[][] {
  return column(expectedSpendSheet(range(frequency), range(average_value), range(params)));
}

/**
 * Customer lifetime value over the next horizon periods: margin times expected average value times the expected purchases of each period, discounted (BG/NBD + Gamma-Gamma).
 * @customfunction CLV
 * @helpurl https://localhost:3000/help.html#cx-clv
 * @param frequency Repeat purchases of each customer, one column of whole numbers.
 * @param recency Time from each customer's first to last purchase, in the period unit of the fits.
 * @param age Time from each customer's first purchase to the as-of date, in the period unit of the fits.
 * @param average_value Average value of each customer's repeat purchases; may be blank where frequency is 0.
 * @param bgnbd_params The four cells r, alpha, a, b returned by CX.BGNBDFIT.
 * @param spend_params The three cells p, q, v returned by CX.GAMMAGAMMAFIT.
 * @param horizon Whole periods ahead, 1 or more, in the period unit of the fits (52 for a year of weeks).
 * @param [margin] Share of spend that is profit, 0 or more (default 1: the values are margins already).
 * @param [annual_discount] Discount rate per year, 0 or more (default 0.1 for 10 %).
 * @param [periods_per_year] Periods in a year, greater than 0 (default 52.1775 for weeks; 12 for months, 365.25 for days).
 * @returns The lifetime value of each customer, as a column.
 */
export function CLV(
  frequency: any[][],
  recency: any[][],
  age: any[][],
  average_value: any[][],
  bgnbd_params: any[][],
  spend_params: any[][],
  horizon: number,
  margin?: number,
  annual_discount?: number,
  periods_per_year?: number,
): any[][] {
  return column(
    clvSheet(
      range(frequency),
      range(recency),
      range(age),
      range(average_value),
      range(bgnbd_params),
      range(spend_params),
      cell(horizon),
      cell(margin),
      cell(annual_discount),
      cell(periods_per_year),
    ),
  );
}

/** The row for a customer without a value: its error, or the shared blank row. */
function errorRow(errors: ReadonlyMap<number, CoreError>, customer: number, blank: any[]): any[] {
  const error = errors.get(customer);
  return error === undefined ? blank : [toExcelError(error)];
}
