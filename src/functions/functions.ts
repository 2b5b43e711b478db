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
import { CellValue, Grid, RowResult } from "../core/args";
import { customerValue } from "../core/customerValue";
import { CoreError, isCoreError, Result } from "../core/errors";
import { paretoShare } from "../core/paretoShare";
import { satisfaction } from "../core/satisfaction";
import { segment } from "../core/segment";
import { fromExcelCell, fromExcelGrid } from "./fromExcel";
import { toExcelError } from "./toExcelError";

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
  return column(customerValue(range(benefits), range(costs), cell(method)));
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
  return column(
    satisfaction(range(perceived), range(expected), optionalRange(weights), cell(output), cell(tolerance)),
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
  return column(segment(range(value), range(match), cell(value_cut), cell(match_cut), optionalRange(labels)));
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
  const shares = paretoShare(range(values), optionalRange(top));
  if (isCoreError(shares)) throw toExcelError(shares);
  return shares.map((row) => row.map(excelCell));
}

/** A required range from Excel (a lone blank if Excel ever passes nothing). */
function range(value: unknown): Grid {
  return fromExcelGrid(value) ?? [[null]];
}

/** An optional range from Excel; `null` when omitted. */
function optionalRange(value: unknown): Grid | null {
  return fromExcelGrid(value);
}

/** A scalar argument from Excel (`null` when omitted). */
function cell(value: unknown): CellValue {
  return fromExcelCell(value ?? null);
}

/** One result cell as Excel should receive it. */
function excelCell<T>(result: RowResult<T>): T | "" | CustomFunctions.Error {
  return result instanceof CoreError ? toExcelError(result) : result;
}

/**
 * Per-customer results as a spilled column; a whole-call error is thrown as one Excel error.
 *
 * Text results (segment names, labels, the "" of a blank row) repeat a handful of values over up to
 * a million rows, so each distinct one gets a single one-cell row that every such customer shares:
 * Excel only reads the returned rows, and a million fewer small arrays is most of this function's
 * cost. Numbers get a row each.
 */
function column<T>(results: Result<RowResult<T>[]>): any[][] {
  if (isCoreError(results)) throw toExcelError(results);
  const out: any[][] = new Array(results.length);
  const textRows = new Map<string, any[]>();
  for (let i = 0; i < results.length; i++) {
    const result = results[i];
    if (typeof result === "string") {
      let shared = textRows.get(result);
      if (shared === undefined) textRows.set(result, (shared = [result]));
      out[i] = shared;
    } else {
      out[i] = [result instanceof CoreError ? toExcelError(result) : result];
    }
  }
  return out;
}
