/**
 * The numbers of a run's summary: per segment the customers, their share, the value and its share,
 * the average satisfaction; over all customers the Pareto share of the top 20 % and the Gini
 * coefficient; and the Pareto curve aggregated to at most 100 points for the chart.
 */
import { giniOfSorted } from "../core/gini";
import { paretoShareOf } from "../core/paretoShare";
import type { SegmentSummary } from "./types";

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

/**
 * Concentration of value: the Pareto share of the top 20 % and the Gini coefficient, both NaN with
 * negative values or a total of 0. Both are scale-invariant, so very large values (whose weighted
 * sums in the Gini formula would leave the finite range) are first multiplied by a power of two
 * that brings the largest below 1 — exact in binary, so the result is the same number.
 */
export function concentration(sortedAscending: Float64Array): { paretoTop20: number; gini: number } {
  const n = sortedAscending.length;
  if (n === 0 || sortedAscending[0] < 0) return { paretoTop20: NaN, gini: NaN };
  const largest = sortedAscending[n - 1];
  let values = sortedAscending;
  if (largest * n * n > 1e300) {
    const scale = 2 ** -Math.ceil(Math.log2(largest));
    values = sortedAscending.map((x) => x * scale);
  }
  // paretoShareOf reorders its input: give it a copy, the sorted values still feed the chart.
  return { paretoTop20: paretoShareOf(values.slice(), 0.2), gini: giniOfSorted(values) };
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
