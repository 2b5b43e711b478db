/**
 * A totals row under a customer list: the "Total" line people type (or a SUM formula leaves) below
 * a plain range. Counted as a customer it would double the total value, take the top of every
 * ranking and move the medians, so the workflow recognises it and leaves it out with a note.
 *
 * A row is a totals row when all of these hold:
 * - it is one of the LAST rows (at most {@link MAX_TOTALS_ROWS}; a "Total" in the middle is a
 *   customer's name, not a total);
 * - its label (the customer column) is a word for a total in one of the languages below,
 *   compared case-insensitively after trimming, a trailing colon allowed ("TOTAL:");
 * - its value is a number that equals the sum of the rows above the totals block, or nearly:
 *   within a relative 1e-9 or within a cent (0.01), so a total of rounded amounts still counts.
 * Several trailing rows count only if every one of them passes (e.g. "Sum" and "Total" lines that
 * both hold the sum); the largest such block wins. A near miss stays a customer, and the user sees it.
 *
 * An Excel table's own totals row is not a data row at all, so this is for plain ranges only.
 */

/** Labels of a totals row, lower-case: English, German, Italian, Dutch, French, Spanish. */
export const TOTALS_LABELS: readonly string[] = Object.freeze([
  "total",
  "totals",
  "grand total",
  "sum",
  "gesamt",
  "gesamtsumme",
  "summe",
  "totale",
  "totaal",
  "somme",
  "total général",
  "total general",
]);

/** At most this many trailing rows are candidates. */
export const MAX_TOTALS_ROWS = 3;

/** Absolute tolerance of "nearly equal": one cent. */
const CENT = 0.01;
/** Relative tolerance of "nearly equal". */
const RELATIVE = 1e-9;

/**
 * Whether a label names a totals row: one of {@link TOTALS_LABELS}, case-insensitive, trimmed,
 * a trailing colon allowed. Text only (a number is never a label of a total).
 *
 * @example
 * isTotalsLabel("  Grand Total: ") // => true
 * isTotalsLabel("Total Fitness GmbH") // => false
 */
export function isTotalsLabel(label: unknown): boolean {
  if (typeof label !== "string") return false;
  const key = label.trim().replace(/\s*:$/, "").toLowerCase();
  return TOTALS_LABELS.includes(key);
}

/**
 * Whether `value` is the total `sum`: equal within a relative 1e-9 or within a cent. O(1).
 *
 * @example
 * nearlyTotal(1190.004, 1190) // => true  (0.004 is within a cent)
 * nearlyTotal(1191, 1190)     // => false
 */
export function nearlyTotal(value: number, sum: number): boolean {
  if (!Number.isFinite(value) || !Number.isFinite(sum)) return false;
  // The slack on the cent absorbs binary rounding: 100.01 − 100 is 0.010000000000005116.
  return Math.abs(value - sum) <= Math.max(RELATIVE * Math.abs(sum), CENT * (1 + 1e-9));
}

/**
 * How many of the last rows form a totals block (0 when none), and the sum they matched.
 *
 * `values[i]` is row i's value (NaN where the cell is not a number; such cells are left out of the
 * sum, as `SUM` leaves them out). `lastLabels` are the customer cells of the LAST rows only, in row
 * order (`lastLabels[j]` belongs to row n − lastLabels.length + j), so a caller reads just the few
 * cells that can be candidates, not the whole label column. O(n · MAX_TOTALS_ROWS).
 *
 * @example
 * // 500 + 120 + 480 + 90 = 1190, and the last row says so
 * trailingTotalsRows(["c", "d", "Total"], [500, 120, 480, 90, 1190])
 * // => { rows: 1, sum: 1190 }
 */
export function trailingTotalsRows(
  lastLabels: ArrayLike<unknown>,
  values: ArrayLike<number>,
): { rows: number; sum: number } {
  const n = values.length;
  const labelAt = (row: number) => lastLabels[row - (n - lastLabels.length)];
  let labelled = 0;
  while (
    labelled < MAX_TOTALS_ROWS &&
    labelled < n - 1 &&
    labelled < lastLabels.length &&
    isTotalsLabel(labelAt(n - 1 - labelled))
  )
    labelled++;
  // The largest block whose every row holds the sum of the rows above it (a customer that happens to
  // be called "Total" just above the real totals row is then a customer, and counted in the sum).
  for (let rows = labelled; rows >= 1; rows--) {
    let sum = 0;
    for (let i = 0; i < n - rows; i++) if (Number.isFinite(values[i])) sum += values[i];
    let all = true;
    for (let i = n - rows; i < n && all; i++) all = nearlyTotal(values[i], sum);
    if (all) return { rows, sum };
  }
  return { rows: 0, sum: NaN };
}
