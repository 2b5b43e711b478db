import { paretoCurve } from "../../src/core/paretoCurve";

describe("paretoCurve", () => {
  it("runs from {0,0} to {1,1} through the shares of the largest customers", () => {
    // {50, 30, 10, 5, 5} of 100: top 1 → 50 %, top 2 → 80 %, top 3 → 90 %, top 4 → 95 %
    const points = paretoCurve(Float64Array.of(5, 5, 10, 30, 50));
    expect(points.map((p) => p.customerShare)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    const expected = [0, 0.5, 0.8, 0.9, 0.95, 1];
    points.forEach((p, i) => expect(p.valueShare).toBeCloseTo(expected[i], 12));
  });

  it("has 101 points for many customers, at ⌊b·n/100⌋ customers", () => {
    // 1,000 customers of value 1 … 1000: the top ⌊b·1000/100⌋ = 10·b hold Σ of the 10·b largest.
    const n = 1000;
    const values = Float64Array.from({ length: n }, (_, i) => i + 1);
    const total = (n * (n + 1)) / 2;
    const points = paretoCurve(values);
    expect(points).toHaveLength(101);
    for (let b = 0; b <= 100; b++) {
      const k = 10 * b;
      // sum of the k largest: n + (n − 1) + … + (n − k + 1) = k·n − k(k − 1)/2
      const top = k * n - (k * (k - 1)) / 2;
      expect(points[b].customerShare).toBe(k / n);
      expect(points[b].valueShare).toBeCloseTo(top / total, 12);
    }
  });

  it("is empty where the Pareto share is undefined: negative values or a total of 0", () => {
    expect(paretoCurve(Float64Array.of(-1, 5))).toEqual([]);
    expect(paretoCurve(Float64Array.of(0, 0))).toEqual([]);
    expect(paretoCurve(new Float64Array(0))).toEqual([]);
  });
});
