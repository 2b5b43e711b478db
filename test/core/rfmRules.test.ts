import { OTHER_SEGMENT, RFM_RULES, rfmSegmentIndex } from "../../src/core/rfmRules";

describe("the RFM rule table", () => {
  it("checks rules in order: the first match wins", () => {
    // 5,5,5 also matches Loyal Customers (R 2–5, F 3–5, M 3–5), but Champions comes first.
    expect(RFM_RULES[rfmSegmentIndex(5, 5, 5)].segment).toBe("Champions");
    // 4,1,1 matches Potential Loyalist (R 3–5, F, M 1–3) before New Customers (R 4–5, F, M 1).
    expect(RFM_RULES[rfmSegmentIndex(4, 1, 1)].segment).toBe("Potential Loyalist");
    expect(RFM_RULES[rfmSegmentIndex(1, 5, 5)].segment).toBe("At Risk");
    expect(rfmSegmentIndex(1, 3, 1)).toBe(RFM_RULES.length);
  });
});

describe("every score combination gets exactly one segment", () => {
  it("names each of the 125 combinations by a rule or Other, none twice", () => {
    // An independent reading of the table: the first rule (in order) whose three ranges hold the scores.
    const within = (x: number, [low, high]: readonly [number, number]) => x >= low && x <= high;
    for (let r = 1; r <= 5; r++)
      for (let f = 1; f <= 5; f++)
        for (let m = 1; m <= 5; m++) {
          const first = RFM_RULES.findIndex(
            (rule) => within(r, rule.recency) && within(f, rule.frequency) && within(m, rule.monetary),
          );
          expect(rfmSegmentIndex(r, f, m)).toBe(first < 0 ? RFM_RULES.length : first);
        }
    expect(OTHER_SEGMENT).toBe("Other");
  });
});
