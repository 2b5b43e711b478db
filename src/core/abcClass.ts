/**
 * Pareto ABC classes by cumulative share of value.
 *
 * Customers are ranked by value, largest first (equal values keep their row order). Walking down the
 * ranking, a customer's class is decided by the cumulative share of value held by the customers
 * ranked BEFORE it:
 *   A while that share is < aUpTo, B while it is < bUpTo, C after.
 * So the customer that crosses a boundary belongs to the higher class: with one customer holding
 * 90 % of the value, that customer is A (a rule "cumulative share incl. the customer ≤ 80 %" would
 * put the largest customer in B and leave A empty). Each customer's own cumulative share (including
 * itself) is returned for display.
 *
 * Classes are 0 = A, 1 = B, 2 = C. Expects finite values with a positive total (the caller checks:
 * with a total of 0 every share is NaN).
 *
 * O(n log n) without a comparator sort: one `Float64Array` sort of the values, suffix sums of it,
 * then each customer's rank by binary search; customers with equal values take consecutive ranks in
 * row order (a counter per group of equal values).
 *
 * @example
 * abcClasses(Float64Array.of(5, 50, 10, 30, 5), 0.8, 0.95)
 * // ranking 50, 30, 10, 5 (row 0), 5 (row 4) of 100; shares before: 0, .5, .8, .9, .95
 * // => classes [B, A, B, A, C] in row order, cumulative shares [.95, .5, .9, .8, 1]
 */
export function abcClasses(
  values: Float64Array,
  aUpTo: number,
  bUpTo: number,
): { classes: Uint8Array; cumulativeShare: Float64Array } {
  const n = values.length;
  const ascending = values.slice().sort();
  // above[p] = sum of ascending[p..n-1], accumulated from the largest value down, so the running
  // sums add values in ranking order.
  const above = new Float64Array(n + 1);
  for (let p = n - 1; p >= 0; p--) above[p] = above[p + 1] + ascending[p];
  const total = above[0];
  // Per group of equal values (keyed by its first position in `ascending`), how many were ranked.
  const rankedInGroup = new Int32Array(n);
  const classes = new Uint8Array(n);
  const cumulativeShare = new Float64Array(n);
  for (let row = 0; row < n; row++) {
    const value = values[row];
    const first = lowerBound(ascending, value);
    const end = upperBound(ascending, value, first);
    const alreadyRanked = rankedInGroup[first]++;
    const before = above[end] + alreadyRanked * value;
    const shareBefore = before / total;
    classes[row] = shareBefore < aUpTo ? 0 : shareBefore < bUpTo ? 1 : 2;
    cumulativeShare[row] = (before + value) / total;
  }
  return { classes, cumulativeShare };
}

/** First index whose value is ≥ `value` in an ascending array. */
function lowerBound(ascending: Float64Array, value: number): number {
  let lo = 0;
  let hi = ascending.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ascending[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index from `from` whose value is > `value` in an ascending array. */
function upperBound(ascending: Float64Array, value: number, from: number): number {
  let lo = from;
  let hi = ascending.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ascending[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
