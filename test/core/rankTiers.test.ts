import fc from "fast-check";
import { tiersByRankSteps } from "../../src/core/rankTiers";
import { runSteps } from "../../src/core/steps";

const tiersByRank = (values: ArrayLike<number>, ends: readonly number[]) =>
  runSteps(tiersByRankSteps(values, ends));

/** The plain reference: a stable sort, largest first (NaN last), cut at the ends. */
function tiersBySorting(values: readonly number[], ends: readonly number[]): number[] {
  const key = (v: number) => (Number.isNaN(v) ? -Infinity : v);
  const order = values.map((_, i) => i);
  order.sort((p, q) => {
    const a = key(values[p]);
    const b = key(values[q]);
    if (a !== b) return b > a ? 1 : -1;
    // Equal keys: a true −Infinity before a NaN, then index order.
    const nanP = Number.isNaN(values[p]) ? 1 : 0;
    const nanQ = Number.isNaN(values[q]) ? 1 : 0;
    return nanP - nanQ || p - q;
  });
  const tier = new Array<number>(values.length).fill(ends.length);
  order.forEach((i, rank) => {
    let t = 0;
    while (t < ends.length && rank >= ends[t]) t++;
    tier[i] = t;
  });
  return tier;
}

describe("tiersByRankSteps", () => {
  it("ranks largest first and keeps ties in table order (the doc's example)", () => {
    // Ranked: 9 (i1), 5 (i0), 5 (i2), 1 (i3); ends 1 and 3 → i1 tier 0; i0, i2 tier 1; i3 tier 2.
    expect(Array.from(tiersByRank(Object.freeze([5, 9, 5, 1]), [1, 3]))).toEqual([1, 0, 1, 2]);
  });

  it("cuts the lifetime value's 20 % / 50 % of ten customers as ⌈0.2·n⌉ = 2 and ⌈0.5·n⌉ = 5", () => {
    const values = Object.freeze([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    // 100 and 90 are the top two; 80, 70, 60 the next three; the rest.
    expect(Array.from(tiersByRank(values, [2, 5]))).toEqual([2, 2, 2, 2, 2, 1, 1, 1, 0, 0]);
  });

  it("splits a run of equal values at the boundary in index order", () => {
    // All equal: the first two by index are the top, the next three the middle.
    expect(Array.from(tiersByRank([7, 7, 7, 7, 7, 7], [2, 5]))).toEqual([0, 0, 1, 1, 1, 2]);
  });

  it("puts NaN below −Infinity, and handles empty and out-of-range ends", () => {
    expect(Array.from(tiersByRank([NaN, -Infinity, 1, NaN], [1, 3]))).toEqual([1, 1, 0, 2]);
    expect(Array.from(tiersByRank([], [1, 2]))).toEqual([]);
    expect(Array.from(tiersByRank([3, 1, 2], [0, 10]))).toEqual([1, 1, 1]);
  });

  it("agrees with a stable sort on random values with many ties, NaN and infinities", () => {
    const value = fc.oneof(
      fc.integer({ min: -3, max: 3 }),
      fc.double({ noNaN: false }),
      fc.constantFrom(NaN, Infinity, -Infinity, 0, -0),
    );
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 60 }),
        fc.array(fc.nat(70), { maxLength: 3 }),
        (values, raw) => {
          const ends = [...raw].sort((a, b) => a - b);
          expect(Array.from(tiersByRank(values, ends))).toEqual(tiersBySorting(values, ends));
        },
      ),
      { numRuns: 500 },
    );
  });
});
