import { gini, giniOfSorted } from "../../src/core/gini";

describe("gini", () => {
  it("is 4/15 for 1, 2, 3, 4, 5", () => {
    // (−4·1 − 2·2 + 0·3 + 2·4 + 4·5) / (5 · 15) = 20 / 75 = 4/15
    expect(gini(Object.freeze([1, 2, 3, 4, 5]))).toBeCloseTo(4 / 15, 12);
  });

  it("does not depend on the order of the values and leaves the input alone", () => {
    const values = Object.freeze([5, 1, 4, 2, 3]);
    expect(gini(values)).toBeCloseTo(4 / 15, 12);
    expect(values).toEqual([5, 1, 4, 2, 3]);
  });

  it("is 0 when everyone brings the same value, and for a single customer", () => {
    expect(gini([7, 7, 7, 7])).toBe(0);
    expect(gini([42])).toBe(0);
  });

  it("is (n − 1)/n when one customer brings everything", () => {
    // 0,0,0,10: (3·10) / (4·10) = 0.75
    expect(gini([0, 10, 0, 0])).toBeCloseTo(0.75, 12);
  });

  it("matches the mean absolute difference definition on an uneven list", () => {
    const values = [3, 1, 8, 20, 0.5, 7];
    let sumAbs = 0;
    for (const a of values) for (const b of values) sumAbs += Math.abs(a - b);
    const mean = values.reduce((s, x) => s + x, 0) / values.length;
    const expected = sumAbs / (2 * values.length * values.length * mean);
    expect(gini(values)).toBeCloseTo(expected, 12);
  });

  it("is NaN for no values or a total of 0", () => {
    expect(gini([])).toBeNaN();
    expect(giniOfSorted(Float64Array.of(0, 0))).toBeNaN();
  });
});

describe("gini near the ends of the double range", () => {
  it("is unchanged when every value is multiplied by the same power of two, even past the range of the total", () => {
    // G is scale-free: G(c·x) = G(x). 2^1021 · {1, 3, 7} are finite, their total 11 · 2^1021 is not.
    const small = [1, 3, 7];
    const huge = small.map((x) => x * 2 ** 1021);
    expect(huge.every(Number.isFinite)).toBe(true);
    expect(huge.reduce((a, b) => a + b)).toBe(Infinity);
    // (−2·1 + 0·3 + 2·7) / (3 · 11) = 12 / 33
    expect(gini(small)).toBeCloseTo(12 / 33, 14);
    expect(gini(huge)).toBeCloseTo(12 / 33, 14);
  });

  it("gives 0 for two customers of 9e307 each", () => {
    expect(gini([9e307, 9e307])).toBe(0);
  });
});
