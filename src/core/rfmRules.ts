/**
 * The default RFM segment rule table: the one in the R package `rfm` by Aravind Hebbali
 * (`rfm_segment`, documentation and package tests of rfm 0.2.x:
 * https://rdocumentation.org/packages/rfm/versions/0.2.2/topics/rfm_segment and
 * https://rdrr.io/cran/rfm/src/tests/testthat/test-rfm-segment.R).
 *
 * Each rule gives an inclusive [lower, upper] range per score (R's `between`). Rules are checked in
 * this order and the first match wins — rfm_segment only assigns a segment to rows that have none
 * yet. A customer no rule matches is `Other` (rfm calls it "Others"); the published table leaves
 * several combinations unmatched (e.g. R 1, F 3, M 1), and those customers are counted, not dropped.
 *
 * The published table has ten segments; it has no "Hibernating" segment, and we do not invent
 * bounds for one.
 */
export interface RfmRule {
  segment: string;
  recency: readonly [number, number];
  frequency: readonly [number, number];
  monetary: readonly [number, number];
}

export const OTHER_SEGMENT = "Other";

export const RFM_RULES: readonly RfmRule[] = Object.freeze([
  { segment: "Champions", recency: [4, 5], frequency: [4, 5], monetary: [4, 5] },
  { segment: "Loyal Customers", recency: [2, 5], frequency: [3, 5], monetary: [3, 5] },
  { segment: "Potential Loyalist", recency: [3, 5], frequency: [1, 3], monetary: [1, 3] },
  { segment: "New Customers", recency: [4, 5], frequency: [1, 1], monetary: [1, 1] },
  { segment: "Promising", recency: [3, 4], frequency: [1, 1], monetary: [1, 1] },
  { segment: "Need Attention", recency: [2, 3], frequency: [2, 3], monetary: [2, 3] },
  { segment: "About To Sleep", recency: [2, 3], frequency: [1, 2], monetary: [1, 2] },
  { segment: "At Risk", recency: [1, 2], frequency: [2, 5], monetary: [2, 5] },
  { segment: "Can't Lose Them", recency: [1, 1], frequency: [4, 5], monetary: [4, 5] },
  { segment: "Lost", recency: [1, 2], frequency: [1, 2], monetary: [1, 2] },
] as const);

/**
 * The index of the first rule that the scores match, or `rules.length` for `Other`. O(rules).
 *
 * @example
 * rfmSegmentIndex(5, 5, 5) // => 0  (Champions)
 * rfmSegmentIndex(1, 3, 1) // => 10 (Other: no rule has R 1 with M 1 and F 3)
 */
export function rfmSegmentIndex(
  recency: number,
  frequency: number,
  monetary: number,
  rules: readonly RfmRule[] = RFM_RULES,
): number {
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (
      recency >= rule.recency[0] &&
      recency <= rule.recency[1] &&
      frequency >= rule.frequency[0] &&
      frequency <= rule.frequency[1] &&
      monetary >= rule.monetary[0] &&
      monetary <= rule.monetary[1]
    ) {
      return i;
    }
  }
  return rules.length;
}
