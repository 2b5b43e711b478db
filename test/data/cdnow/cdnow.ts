/**
 * The CDNOW 1/10 sample as per-customer summaries (cdnow_summary.csv, made by make_summary.py from
 * Fader & Hardie's CDNOW_sample.txt; see README.md here). Weeks are days / 7, as in the papers.
 */
import * as fs from "fs";
import * as path from "path";

export interface CdnowCustomers {
  readonly id: Float64Array;
  /** Repeat purchases in the 39-week calibration period. */
  readonly x: Float64Array;
  /** Recency in weeks (days / 7, unrounded). */
  readonly tx: Float64Array;
  /** Age at 1997-09-30 in weeks (days / 7, unrounded). */
  readonly T: Float64Array;
  /** Mean value of the repeat purchases in the calibration period, dollars (0 when x = 0). */
  readonly zbar: Float64Array;
  /** Repeat purchases in the 39-week holdout period. */
  readonly xStar: Float64Array;
}

export function loadCdnow(): CdnowCustomers {
  const lines = fs
    .readFileSync(path.join(__dirname, "cdnow_summary.csv"), "utf8")
    .trim()
    .split("\n")
    .slice(1);
  const n = lines.length;
  const columns = Array.from({ length: 6 }, () => new Float64Array(n));
  lines.forEach((line, i) => line.split(",").forEach((cell, c) => (columns[c][i] = Number(cell))));
  const [id, x, txDays, TDays, zbar, xStar] = columns;
  return Object.freeze({ id, x, tx: txDays.map((d) => d / 7), T: TDays.map((d) => d / 7), zbar, xStar });
}

/** Weeks rounded to 2 decimals, as in Hardie's spreadsheet and lifetimes' cdnow_customers_summary.csv. */
export function roundedWeeks(weeks: Float64Array): Float64Array {
  return weeks.map((w) => Math.round(w * 100) / 100);
}

/** The calibration period's end, 1997-09-30, as an Excel serial (1900 system). */
export const CDNOW_AS_OF = "1997-09-30";
export const CDNOW_AS_OF_SERIAL = 35703;

/** Headers of {@link cdnowCustomerTable}, in the words of CX.CUSTOMERS' table. */
export const CDNOW_TABLE_HEADERS = [
  "Customer",
  "First purchase",
  "Last purchase",
  "Purchases",
  "Repeat value",
  "Average repeat value",
];

/**
 * The CDNOW customers as a customer table, one row per customer: first purchase = 1997-09-30 − T
 * days, last purchase = first + tₓ days, purchases = x + 1, repeat value = x · z̄ (the sample's
 * summary has no first-purchase value, so this is the past value the tests use), average repeat
 * value z̄ (blank for x = 0, as CX.CUSTOMERS writes it). As of 1997-09-30 in weeks these give back
 * exactly the summary's x, tₓ = days/7 and T = days/7.
 */
export function cdnowCustomerTable(): (string | number | null)[][] {
  const lines = fs
    .readFileSync(path.join(__dirname, "cdnow_summary.csv"), "utf8")
    .trim()
    .split("\n")
    .slice(1);
  const rows: (string | number | null)[][] = [CDNOW_TABLE_HEADERS];
  for (const line of lines) {
    const [id, x, txDays, TDays, zbar] = line.split(",").map(Number);
    const first = CDNOW_AS_OF_SERIAL - TDays;
    rows.push([`C${id}`, first, first + txDays, x + 1, x * zbar, x > 0 ? zbar : null]);
  }
  return rows;
}
