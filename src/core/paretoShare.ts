import { selectInPlace } from "./quickselect";

/**
 * Share of the total held by the top `topFraction` of customers (the 80/20 rule's left-hand side).
 *
 * Values sorted descending, k = topFraction · n:
 *   share = (sum of the ⌊k⌋ largest + (k − ⌊k⌋) · the next largest) / total.
 * Interpolating the fractional customer makes the share a continuous function of `topFraction`,
 * which is what a Lorenz-style chart of the shares needs.
 *
 * Expects non-negative finite values and 0 < topFraction ≤ 1; returns NaN when the total is 0 (the
 * caller decides which error that is). Selection, not sorting: expected O(n). `work` is reordered.
 *
 * @example
 * paretoShareOf(Float64Array.of(50, 30, 10, 5, 5), 0.5) // => 0.85  ((50 + 30 + 0.5·10) / 100)
 */
export function paretoShareOf(work: Float64Array, topFraction: number): number {
  const n = work.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += work[i];
  if (n === 0 || total === 0) return NaN;
  const k = topFraction * n;
  const whole = Math.floor(k);
  const fraction = k - whole;
  if (whole >= n) return 1;
  // Ascending order: the `whole` largest values sit at indexes n - whole … n - 1, the next one at n - whole - 1.
  const nextIndex = n - whole - 1;
  selectInPlace(work, nextIndex);
  let topSum = 0;
  for (let i = nextIndex + 1; i < n; i++) topSum += work[i];
  return (topSum + fraction * work[nextIndex]) / total;
}
