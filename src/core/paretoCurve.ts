/** One point of the Pareto curve (see {@link paretoCurve}). */
export interface ParetoCurvePoint {
  /** Share of customers, largest first (0 … 1). */
  customerShare: number;
  /** Share of the total value those customers hold (0 … 1). */
  valueShare: number;
}

/** Most intervals of the curve: 100, so at most 101 points. */
export const PARETO_CURVE_INTERVALS = 100;

/**
 * The Pareto (Lorenz-type) curve of customer value: customers ranked largest value first, and for
 * each share of them the share of the total value they hold. The curve behind "20 % of customers
 * bring 80 % of the value", as a chart draws it.
 *
 * Points sit at the customer counts kᵦ = ⌊b · n / B⌋ for b = 0 … B with B = min(100, n), so a
 * million customers give 101 points and five customers give 6: from {0, 0} to {1, 1}, customerShare
 * = kᵦ / n and valueShare = (sum of the kᵦ largest values) / total.
 *
 * Defined only for non-negative values with a positive finite total (as the Pareto share itself):
 * otherwise the curve is empty. O(n) over values already sorted ascending.
 *
 * @example
 * // {50, 30, 10, 5, 5}, total 100: top 1 holds 50 %, top 2 80 %, top 3 90 %, top 4 95 %
 * paretoCurve(Float64Array.of(5, 5, 10, 30, 50))
 * // => [{0, 0}, {0.2, 0.5}, {0.4, 0.8}, {0.6, 0.9}, {0.8, 0.95}, {1, 1}]
 */
export function paretoCurve(sortedAscending: ArrayLike<number>): ParetoCurvePoint[] {
  const n = sortedAscending.length;
  if (n === 0 || !(sortedAscending[0] >= 0)) return [];
  let total = 0;
  for (let i = 0; i < n; i++) total += sortedAscending[i];
  if (!(total > 0) || !Number.isFinite(total)) return [];
  const intervals = Math.min(PARETO_CURVE_INTERVALS, n);
  const points: ParetoCurvePoint[] = [{ customerShare: 0, valueShare: 0 }];
  let taken = 0;
  let running = 0;
  for (let b = 1; b <= intervals; b++) {
    const k = Math.floor((b * n) / intervals);
    // Descending rank r is ascending index n − 1 − r.
    for (; taken < k; taken++) running += sortedAscending[n - 1 - taken];
    points.push({ customerShare: k / n, valueShare: b === intervals ? 1 : running / total });
  }
  return points;
}
