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
 * with a total of 0 every share is NaN). O(n log n) for the ranking.
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
  const order = new Uint32Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    order[i] = i;
    total += values[i];
  }
  order.sort((a, b) => values[b] - values[a] || a - b);
  const classes = new Uint8Array(n);
  const cumulativeShare = new Float64Array(n);
  let running = 0;
  for (let rank = 0; rank < n; rank++) {
    const row = order[rank];
    const shareBefore = running / total;
    classes[row] = shareBefore < aUpTo ? 0 : shareBefore < bUpTo ? 1 : 2;
    running += values[row];
    cumulativeShare[row] = running / total;
  }
  return { classes, cumulativeShare };
}
