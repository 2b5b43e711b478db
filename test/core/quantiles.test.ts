import { interpolate, quantilesInc } from "../../src/core/quantiles";

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

describe("quantilesInc near the ends of the double range", () => {
  it("interpolates between values of opposite signs without overflow", () => {
    // h = 1 · 0.5 = 0.5: halfway between −1.7e308 and 1.7e308 is 0 (the gap 3.4e308 is beyond the range)
    expect(quantilesInc([-1.7e308, 1.7e308], [0.5])).toEqual([0]);
    // a quarter of the way: −1.7e308 + 0.25 · 3.4e308 = −0.85e308
    expect(quantilesInc([-1.7e308, 1.7e308], [0.25])[0]).toBeCloseTo(-0.85e308, -295);
  });
});

describe("interpolate", () => {
  it("is lower + t · (upper − lower)", () => {
    expect(interpolate(1, 2, 0.8)).toBeCloseTo(1.8, 15);
    expect(interpolate(-Number.MAX_VALUE, Number.MAX_VALUE, 0)).toBe(-Number.MAX_VALUE);
    expect(interpolate(-Number.MAX_VALUE, Number.MAX_VALUE, 1)).toBe(Number.MAX_VALUE);
  });
});
