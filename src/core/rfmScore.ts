import { quantilesInc } from "./quantiles";

/** The probabilities of the four quintile cut points that split scores 1 | 2 | 3 | 4 | 5. */
export const QUINTILE_PROBABILITIES: readonly number[] = [0.2, 0.4, 0.6, 0.8];

/**
 * The four quintile cut points of a column (Excel `PERCENTILE.INC` at 20, 40, 60 and 80 %).
 *
 * @example
 * quintileCuts([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) // => [2.8, 4.6, 6.4, 8.2]  (h = 9 · 0.2 = 1.8 → 2 + 0.8)
 */
export function quintileCuts(values: ArrayLike<number>): number[] {
  return quantilesInc(values, QUINTILE_PROBABILITIES);
}

/**
 * An RFM score 1–5 from cut points, so equal values always get the same score.
 *
 * Intervals are closed on the right, as R's `cut()`: score 1 for value ≤ c₁, 2 for c₁ < value ≤ c₂,
 * …, 5 for value > c₄. A value equal to a cut point gets the lower score, so a column where most
 * customers ordered once gives them all frequency score 1 (not 4). When `higherIsBetter` is false
 * (recency in days: fewer days is better) the score is reversed: 5 for days ≤ c₁ … 1 for days > c₄.
 *
 * O(number of cuts).
 *
 * @example
 * scoreByCuts(4.6, [2.8, 4.6, 6.4, 8.2], true)  // => 2  (4.6 is not above the second cut)
 * scoreByCuts(3, [10, 30, 60, 120], false)      // => 5  (bought 3 days ago: the most recent fifth)
 */
export function scoreByCuts(value: number, cuts: readonly number[], higherIsBetter: boolean): number {
  let above = 0;
  for (const cut of cuts) if (value > cut) above++;
  return higherIsBetter ? 1 + above : cuts.length + 1 - above;
}
