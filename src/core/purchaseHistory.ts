/**
 * A customer's repeat-purchase history as the BG/NBD model reads it (Fader, Hardie & Lee 2005,
 * "Counting Your Customers the Easy Way", Marketing Science 24(2), §2): x repeat purchases (the
 * first purchase not counted), tₓ the time of the last purchase and T the time observed, both
 * measured from the first purchase in one period unit (weeks in the paper), so 0 ≤ tₓ ≤ T, and
 * tₓ = 0 when x = 0. `lifetimes` (summary_data_from_transaction_data) calls them frequency,
 * recency and T, which is where the worksheet functions' names frequency, recency and age come from.
 *
 * This module says which histories are impossible, one row at a time, so every surface can name
 * the row in its own words (a cell range for the functions, a column header in the pane).
 *
 * @example
 * historyProblem(2, 30.43, 38.86) // => null (CDNOW customer 1)
 * historyProblem(2, 40, 38.86)    // => "recencyAfterAge"
 */

/** Columns of histories, one entry per customer, in one period unit. */
export interface PurchaseHistories {
  /** x: repeat purchases (whole numbers, 0 or more). */
  readonly x: ArrayLike<number>;
  /** tₓ: time from the first to the last purchase. */
  readonly tx: ArrayLike<number>;
  /** T: time from the first purchase to the end of observation. */
  readonly T: ArrayLike<number>;
}

/** Why a history is impossible. */
export type HistoryProblem =
  | "notFinite"
  | "frequencyNegative"
  | "frequencyNotWhole"
  | "recencyNegative"
  | "ageNegative"
  | "recencyAfterAge"
  | "recencyWithoutRepeat";

/** The problem with one history, or null when it is a possible one. O(1). */
export function historyProblem(x: number, tx: number, T: number): HistoryProblem | null {
  if (!Number.isFinite(x) || !Number.isFinite(tx) || !Number.isFinite(T)) return "notFinite";
  if (x < 0) return "frequencyNegative";
  if (x !== Math.floor(x)) return "frequencyNotWhole";
  if (tx < 0) return "recencyNegative";
  if (T < 0) return "ageNegative";
  if (tx > T) return "recencyAfterAge";
  if (x === 0 && tx !== 0) return "recencyWithoutRepeat";
  return null;
}

/** The first impossible history among rows [from, to): its 0-based index and problem, or null. O(to − from). */
export function firstHistoryProblem(
  data: PurchaseHistories,
  from = 0,
  to = data.x.length,
): { index: number; problem: HistoryProblem } | null {
  for (let i = from; i < to; i++) {
    const problem = historyProblem(data.x[i], data.tx[i], data.T[i]);
    if (problem !== null) return { index: i, problem };
  }
  return null;
}
