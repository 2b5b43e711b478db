import { quantilesInc } from "../../src/core/quantiles";

describe("quantilesInc", () => {
  it("interpolates as PERCENTILE.INC on 1..5", () => {
    // h = 4p: 0.8 → 1.8, 1.6 → 2.6, 2.4 → 3.4, 3.2 → 4.2
    const q = quantilesInc(Object.freeze([5, 3, 1, 4, 2]), [0.2, 0.4, 0.6, 0.8]);
    [1.8, 2.6, 3.4, 4.2].forEach((x, i) => expect(q[i]).toBeCloseTo(x, 12));
  });

  it("returns the extremes at 0 and 1 and the median at 0.5", () => {
    expect(quantilesInc([10, 40, 20, 30], [0, 0.5, 1])).toEqual([10, 25, 40]);
  });

  it("agrees with sorting on a larger list with many ties", () => {
    const values = Array.from({ length: 1001 }, (_, i) => (i * 7919) % 13);
    const sorted = [...values].sort((a, b) => a - b);
    const reference = (p: number) => {
      const h = (sorted.length - 1) * p;
      const lo = Math.floor(h);
      return sorted[lo] + (h - lo) * ((sorted[lo + 1] ?? sorted[lo]) - sorted[lo]);
    };
    const probabilities = [0.1, 0.2, 0.45, 0.8, 0.999];
    const q = quantilesInc(values, probabilities);
    probabilities.forEach((p, i) => expect(q[i]).toBeCloseTo(reference(p), 12));
  });

  it("gives NaN for an empty list", () => {
    expect(quantilesInc([], [0.5])).toEqual([NaN]);
  });
});
