/**
 * A totals row under a plain range (issue 8): the last data row, whose customer cell says Total,
 * Sum, Grand total, Totals, Gesamt, Summe, Totale, Totaal or Somme (case-insensitive, an optional
 * trailing colon) and whose value is the sum of the other rows' values, is not a customer: it is
 * left out of every statistic and gets blank results, with a note.
 *
 * "The sum" allows the rounding of an exported total: |value − sum| ≤ 0.005 + 1e-9·|sum| (half a
 * cent, plus the rounding of a long floating-point sum).
 */

export const TOTALS_LABELS: readonly string[] = [
  "total",
  "totals",
  "sum",
  "grand total",
  "gesamt",
  "summe",
  "totale",
  "totaal",
  "somme",
];

/**
 * True for a customer label that names a totals row.
 *
 * @example isTotalsLabel(" Grand Total: ") // => true
 * @example isTotalsLabel("Totalgas GmbH") // => false
 */
export function isTotalsLabel(label: string): boolean {
  return TOTALS_LABELS.includes(label.trim().replace(/:$/, "").trim().toLowerCase());
}

/**
 * True when `value` is the sum of the other rows' values, up to the rounding of an exported total.
 *
 * @example isSumOfOthers(600, 600.004) // => true   (|600 − 600.004| = 0.004 ≤ 0.005)
 * @example isSumOfOthers(600, 599) // => false
 */
export function isSumOfOthers(value: number, sumOfOthers: number): boolean {
  return Math.abs(value - sumOfOthers) <= 0.005 + 1e-9 * Math.abs(sumOfOthers);
}

/** The note for a totals row left out; `excelRow` is its Excel row number. */
export function totalsRowNote(excelRow: number, label: string): string {
  return `Row ${excelRow} ("${label.trim()}") is a totals row (its value is the sum of the rows above it): it was left out of the segments and the summary.`;
}
