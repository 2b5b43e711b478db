import { overflowScale } from "./wideSum";

/**
 * Gini coefficient of a list of values: how unequally the total is spread over the customers
 * (0 = every customer brings the same value, → 1 = one customer brings everything).
 *
 * With the values sorted ascending x₁ … xₙ:
 *   G = Σᵢ (2i − n − 1) · xᵢ / (n · Σx)
 * (the mean-difference form, e.g. Damgaard & Weiner, "Describing inequality in plant size or
 * fecundity", Ecology 81 (2000), eq. 1). A single customer gives 0.
 *
 * Expects finite, non-negative values; returns NaN for an empty list or a total of 0 (the caller
 * decides how to show that). Sorts a Float64Array copy: O(n log n) time, O(n) extra memory.
 *
 * @example
 * gini([1, 2, 3, 4, 5]) // => 4/15 ≈ 0.2667  ((−4·1 − 2·2 + 0·3 + 2·4 + 4·5) / (5 · 15) = 20/75)
 */
export function gini(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  return giniOfSorted(sorted);
}

/**
 * {@link gini} for values already sorted ascending (no copy, O(n)). Values near Excel's largest
 * number, whose total is beyond the double range, are summed again scaled by a power of two (it
 * cancels in the ratio), so the coefficient stays right instead of becoming NaN.
 */
export function giniOfSorted(sortedAscending: ArrayLike<number>): number {
  const n = sortedAscending.length;
  if (n === 0) return NaN;
  const plain = giniScaled(sortedAscending, 1);
  if (!Number.isNaN(plain)) return plain;
  const largest = Math.max(Math.abs(sortedAscending[0]), Math.abs(sortedAscending[n - 1]));
  // The weighted sum reaches n · total ≤ n² · largest: scale for n² terms.
  return giniScaled(sortedAscending, overflowScale(n * n, largest));
}

/** The mean-difference formula on the values times `scale`; NaN for a zero or non-finite total. */
function giniScaled(sortedAscending: ArrayLike<number>, scale: number): number {
  const n = sortedAscending.length;
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    const x = sortedAscending[i] * scale;
    total += x;
    // i is 0-based here, so the weight (2i − n − 1) of the 1-based formula becomes 2i − n + 1.
    weighted += (2 * i - n + 1) * x;
  }
  if (total === 0 || !Number.isFinite(total) || !Number.isFinite(weighted)) return NaN;
  return weighted / total / n;
}
