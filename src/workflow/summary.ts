/**
 * The numbers of a run's summary: per segment the customers, their share, the value and its share,
 * the average satisfaction; over all customers the Pareto share of the top 20 % and the Gini
 * coefficient; and the Pareto curve aggregated to at most 100 points for the chart.
 */
import { giniOfSorted } from "../core/gini";
import { paretoShareOf } from "../core/paretoShare";
import type { RunSummary, SegmentSummary } from "./types";

/** Most points a Pareto chart gets, however many customers there are. */
export const PARETO_POINTS = 100;

/**
 * One line per segment name, in the given order (empty segments included, so the table is
 * complete). Shares are fractions; a value share is NaN when the total value is 0. Rows with code −1
 * are not customers of the summary. O(n).
 *
 * @example
 * // values 500, 120, 480, 90 in segments 0, 2, 1, 3 → segment 0: 1 customer (25 %), 500 of 1190 (42 %)
 */
export function segmentSummaries(
  segmentNames: readonly string[],
  segmentOf: Int32Array,
  value: Float64Array,
  satisfaction: { values: Float64Array; invalid: Uint8Array } | null,
): { segments: SegmentSummary[]; customers: number; totalValue: number; satisfactionIgnored: number } {
  const k = segmentNames.length;
  const counts = new Float64Array(k);
  const sums = new Float64Array(k);
  const satisfactionSums = new Float64Array(k);
  const satisfactionCounts = new Float64Array(k);
  let customers = 0;
  let totalValue = 0;
  let satisfactionIgnored = 0;
  for (let i = 0; i < segmentOf.length; i++) {
    const code = segmentOf[i];
    if (code < 0) continue;
    customers++;
    counts[code]++;
    sums[code] += value[i];
    totalValue += value[i];
    if (satisfaction) {
      if (satisfaction.invalid[i]) satisfactionIgnored++;
      else {
        satisfactionSums[code] += satisfaction.values[i];
        satisfactionCounts[code]++;
      }
    }
  }
  const segments = segmentNames.map((segment, code) => ({
    segment,
    customers: counts[code],
    customerShare: customers === 0 ? NaN : counts[code] / customers,
    totalValue: sums[code],
    valueShare: totalValue === 0 ? NaN : sums[code] / totalValue,
    averageSatisfaction:
      satisfaction === null || satisfactionCounts[code] === 0
        ? null
        : satisfactionSums[code] / satisfactionCounts[code],
  }));
  return { segments, customers, totalValue, satisfactionIgnored };
}

/** Concentration of value: Pareto share of the top 20 % and Gini, both NaN with negative values or a 0 total. */
export function concentration(sortedAscending: Float64Array): { paretoTop20: number; gini: number } {
  if (sortedAscending.length === 0 || sortedAscending[0] < 0) return { paretoTop20: NaN, gini: NaN };
  // paretoShareOf reorders its input: give it a copy, the sorted values still feed the chart.
  return { paretoTop20: paretoShareOf(sortedAscending.slice(), 0.2), gini: giniOfSorted(sortedAscending) };
}

/** One point of the Pareto chart: the top `customerShare` of customers hold `cumulativeShare` of the value. */
export interface ParetoPoint {
  /** Label: share of customers up to this point, e.g. "20%". */
  label: string;
  /** Value of the customers in this bin. */
  value: number;
  cumulativeShare: number;
}

/**
 * The Pareto curve, largest customers first, in at most {@link PARETO_POINTS} bins of (nearly) equal
 * numbers of customers: bin b holds customers ⌊b·n/B⌋ … ⌊(b+1)·n/B⌋ − 1. So the chart has ≤ 100
 * points for a million rows. O(n) over the sorted values.
 *
 * @example
 * paretoPoints(Float64Array.of(5, 5, 10, 30, 50))
 * // => 5 bins: 50 (50 %), 30 (80 %), 10 (90 %), 5 (95 %), 5 (100 %), labelled 20%, 40%, 60%, 80%, 100%
 */
export function paretoPoints(sortedAscending: Float64Array): ParetoPoint[] {
  const n = sortedAscending.length;
  const bins = Math.min(PARETO_POINTS, n);
  let total = 0;
  for (let i = 0; i < n; i++) total += sortedAscending[i];
  const points: ParetoPoint[] = [];
  let running = 0;
  for (let b = 0; b < bins; b++) {
    const from = Math.floor((b * n) / bins);
    const to = Math.floor(((b + 1) * n) / bins);
    let binValue = 0;
    // Descending rank r is ascending index n − 1 − r.
    for (let r = from; r < to; r++) binValue += sortedAscending[n - 1 - r];
    running += binValue;
    points.push({
      label: `${Math.round((to / n) * 1000) / 10}%`,
      value: binValue,
      cumulativeShare: total === 0 ? NaN : running / total,
    });
  }
  return points;
}

/** Steps of the Lorenz curve in the summary: points at 0 %, 1 %, …, 100 % of customers. */
export const PARETO_CURVE_STEPS = 100;

/**
 * The Lorenz (Pareto) curve, largest customers first, at customer shares t = 0, 1/B, …, 1 with
 * B = min(100, n): the value share of the top t is PARETOSHARE's (sum of the ⌊k⌋ largest + (k − ⌊k⌋)
 * · the next) / total with k = t · n, so the curve passes through the summary's top-20 % share.
 * Empty when that share is undefined (no customers, a negative value, a zero total). O(n).
 *
 * @example
 * paretoCurve(Float64Array.of(5, 5, 10, 30, 50))
 * // => B = 5: {0, 0}, {0.2, 0.5}, {0.4, 0.8}, {0.6, 0.9}, {0.8, 0.95}, {1, 1}
 */
export function paretoCurve(sortedAscending: Float64Array): RunSummary["paretoCurve"] {
  const n = sortedAscending.length;
  if (n === 0 || sortedAscending[0] < 0) return [];
  // Running sums of the descending values; the last one is the total, so the curve ends at exactly 1.
  const topSums = new Float64Array(n + 1);
  for (let r = 0; r < n; r++) topSums[r + 1] = topSums[r] + sortedAscending[n - 1 - r];
  const total = topSums[n];
  if (!(total > 0)) return [];
  const steps = Math.min(PARETO_CURVE_STEPS, n);
  const curve: RunSummary["paretoCurve"] = [];
  for (let i = 0; i <= steps; i++) {
    // k = i · n / steps customers, split exactly into whole customers and a fraction of the next.
    const whole = Math.floor((i * n) / steps);
    const fraction = (i * n - whole * steps) / steps;
    const next = whole < n ? sortedAscending[n - 1 - whole] : 0;
    curve.push({ customerShare: i / steps, valueShare: (topSums[whole] + fraction * next) / total });
  }
  return curve;
}
