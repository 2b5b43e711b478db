/**
 * Expected segment counts for the preview's sample, computed here from the sample's rows by the
 * contract's definitions — independently of the workflow's code — so the browser tests check the
 * pane's numbers, not the code's own output pasted back.
 */
import type { CellValue } from "../../src/workbook/workbook";

/** Excel's MEDIAN: sort; the middle value, or the mean of the two middle values. */
export function excelMedian(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The numbers of one column of row-major rows (every cell must be a number). */
export function numbersOf(rows: readonly (readonly CellValue[])[], column: number): number[] {
  return rows.map((row, index) => {
    const cell = row[column];
    if (typeof cell !== "number") throw new Error(`row ${index} column ${column} is not a number`);
    return cell;
  });
}

/**
 * Customers per quadrant (SPEC: high value ⇔ value ≥ value cut, high match ⇔ match ≥ match cut):
 * Strategic (high, high), Profit (high value, low match), Potential (low value, high match), Ordinary.
 */
export function quadrantCounts(
  value: readonly number[],
  match: readonly number[],
  valueCut: number,
  matchCut: number,
): Record<string, number> {
  const counts: Record<string, number> = { Strategic: 0, Profit: 0, Potential: 0, Ordinary: 0 };
  value.forEach((v, i) => {
    const highValue = v >= valueCut;
    const highMatch = match[i] >= matchCut;
    const segment = highValue ? (highMatch ? "Strategic" : "Profit") : highMatch ? "Potential" : "Ordinary";
    counts[segment]++;
  });
  return counts;
}

/**
 * Customers per ABC class: rank by value, largest first; a customer is A while the share of value held
 * by the customers ranked before it is < aUpTo, B while < bUpTo, C after (the crossing customer
 * belongs to the higher class, as the README states).
 */
export function abcCounts(values: readonly number[], aUpTo: number, bUpTo: number): Record<string, number> {
  const ranked = [...values].sort((a, b) => b - a);
  const total = ranked.reduce((sum, v) => sum + v, 0);
  const counts: Record<string, number> = { A: 0, B: 0, C: 0 };
  let before = 0;
  for (const v of ranked) {
    const share = before / total;
    counts[share < aUpTo ? "A" : share < bUpTo ? "B" : "C"]++;
    before += v;
  }
  return counts;
}

/** Customers and total value per segment, from a segment name per customer. */
export interface SegmentTotals {
  customers: number;
  value: number;
}

/** Sums customers and value per segment name, given each customer's segment. */
export function totalsBySegment(
  segmentOf: readonly string[],
  value: readonly number[],
): Record<string, SegmentTotals> {
  const totals: Record<string, SegmentTotals> = {};
  segmentOf.forEach((segment, i) => {
    totals[segment] ??= { customers: 0, value: 0 };
    totals[segment].customers++;
    totals[segment].value += value[i];
  });
  return totals;
}

/** Each customer's quadrant (same rule as {@link quadrantCounts}). */
export function quadrantOf(
  value: readonly number[],
  match: readonly number[],
  valueCut: number,
  matchCut: number,
): string[] {
  return value.map((v, i) => {
    const highValue = v >= valueCut;
    const highMatch = match[i] >= matchCut;
    return highValue ? (highMatch ? "Strategic" : "Profit") : highMatch ? "Potential" : "Ordinary";
  });
}

/** Each customer's ABC class (same rule as {@link abcCounts}; ties keep the input order). */
export function abcOf(values: readonly number[], aUpTo: number, bUpTo: number): string[] {
  const order = values.map((_, i) => i).sort((a, b) => values[b] - values[a]);
  const total = values.reduce((sum, v) => sum + v, 0);
  const classes = new Array<string>(values.length);
  let before = 0;
  for (const i of order) {
    const share = before / total;
    classes[i] = share < aUpTo ? "A" : share < bUpTo ? "B" : "C";
    before += values[i];
  }
  return classes;
}

/**
 * The contract's PARETOSHARE: sort descending, k = top · n, (sum of the ⌊k⌋ largest + (k − ⌊k⌋) ·
 * the next) / total. E.g. {50, 30, 10, 5, 5} at 0.5: (50 + 30 + 0.5 · 10) / 100 = 0.85.
 */
export function paretoShareOf(values: readonly number[], top: number): number {
  const sorted = [...values].sort((a, b) => b - a);
  const total = sorted.reduce((sum, v) => sum + v, 0);
  const k = top * sorted.length;
  const whole = Math.floor(k);
  let sum = 0;
  for (let i = 0; i < whole; i++) sum += sorted[i];
  if (whole < sorted.length) sum += (k - whole) * sorted[whole];
  return sum / total;
}

/** Days from Excel serial `serial` (its calendar day) to the ISO date `asOf`. */
export function daysBefore(asOf: string, serial: number): number {
  const [year, month, day] = asOf.split("-").map(Number);
  // Excel's day 0 of the 1900 system is 1899-12-30 (for serials after 60, the sample's are ~45,000).
  const asOfSerial = (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000;
  return asOfSerial - Math.floor(serial);
}

/**
 * The RFM score from typed cut points, as the contract states it (R's `cut()`, closed on the right):
 * 1 for value ≤ c₁ … 5 for value > c₄; reversed for recency days (fewer days = 5).
 */
export function scoreOf(value: number, cuts: readonly number[], higherIsBetter: boolean): number {
  const above = cuts.filter((cut) => value > cut).length;
  return higherIsBetter ? 1 + above : cuts.length + 1 - above;
}

/** Customers and mean monetary value per (recency score, frequency score), keyed "R,F". */
export function rfmGridOf(
  days: readonly number[],
  orders: readonly number[],
  monetary: readonly number[],
  recencyCuts: readonly number[],
  frequencyCuts: readonly number[],
): Map<string, { customers: number; mean: number }> {
  const sums = new Map<string, { customers: number; total: number }>();
  days.forEach((d, i) => {
    const key = `${scoreOf(d, recencyCuts, false)},${scoreOf(orders[i], frequencyCuts, true)}`;
    const cell = sums.get(key) ?? { customers: 0, total: 0 };
    cell.customers++;
    cell.total += monetary[i];
    sums.set(key, cell);
  });
  return new Map(
    [...sums].map(([key, { customers, total }]) => [key, { customers, mean: total / customers }]),
  );
}
