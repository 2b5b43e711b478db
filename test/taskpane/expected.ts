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
