import { selectInPlace } from "./quickselect";

/**
 * Quantiles of a list of numbers as Excel's `PERCENTILE.INC` (R's `quantile(type = 7)`): for a
 * probability p the position h = (n − 1) · p in the sorted list, interpolated linearly between the
 * values at ⌊h⌋ and ⌊h⌋ + 1 (0-based).
 *
 * Works on a copy by selection: each probability selects within the part right of the previous
 * one, so a handful of quantiles (RFM's four quintile cuts) costs expected O(n) each, no sort.
 * Probabilities must be ascending in [0, 1]; an empty list gives NaN for each. Values of opposite
 * signs near Excel's largest number interpolate without overflow (see {@link interpolate}).
 *
 * @example
 * quantilesInc([1, 2, 3, 4, 5], [0.2, 0.4, 0.6, 0.8]) // => [1.8, 2.6, 3.4, 4.2]
 * // h = 4 · 0.2 = 0.8 → 1 + 0.8 · (2 − 1) = 1.8, and so on.
 */
export function quantilesInc(values: ArrayLike<number>, probabilities: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return probabilities.map(() => NaN);
  const work = Float64Array.from(values as ArrayLike<number>);
  const result: number[] = [];
  let from = 0;
  for (const p of probabilities) {
    const h = (n - 1) * p;
    const lower = Math.floor(h);
    selectInPlace(work, lower, from, n - 1);
    const lowerValue = work[lower];
    let upperValue = lowerValue;
    if (h > lower && lower + 1 < n) {
      // After selection everything right of `lower` is ≥ it: the next order statistic is their minimum.
      upperValue = Infinity;
      for (let i = lower + 1; i < n; i++) if (work[i] < upperValue) upperValue = work[i];
    }
    result.push(interpolate(lowerValue, upperValue, h - lower));
    from = lower;
  }
  return result;
}

/**
 * lower + t · (upper − lower), the linear interpolation of PERCENTILE.INC, for 0 ≤ t ≤ 1. When
 * `upper − lower` leaves the double range (−1e308 and 1e308), the same point is computed as
 * (1 − t) · lower + t · upper, which cannot overflow.
 *
 * @example
 * interpolate(1, 2, 0.8)         // => 1.8
 * interpolate(-1e308, 1e308, 0.5) // => 0
 */
export function interpolate(lower: number, upper: number, t: number): number {
  const gap = upper - lower;
  return Number.isFinite(gap) ? lower + t * gap : (1 - t) * lower + t * upper;
}
