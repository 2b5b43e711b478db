import fc from "fast-check";
import { overflowScale, WideSum } from "../../src/core/wideSum";
import { closeTo, exact, exactSum, exactToDouble } from "./exactArithmetic";

const MAX = Number.MAX_VALUE;

function wide(terms: readonly number[]): WideSum {
  const sum = new WideSum();
  for (const x of terms) sum.add(x);
  return sum;
}

describe("the exact reference itself", () => {
  it("holds every kind of double exactly", () => {
    for (const x of [0, -0, 1, -1.5, 0.1, MAX, -MAX, Number.MIN_VALUE, 2 ** -1022, 123.456e-300]) {
      expect(exactToDouble(exact(x))).toBe(x === 0 ? 0 : x);
    }
    // 0.1 is 3602879701896397 / 2^55 exactly
    expect(exact(0.1)).toBe(3602879701896397n << BigInt(1074 - 55));
  });
});

describe("WideSum (sums that leave the double range on the way)", () => {
  it("recovers a total that plain addition loses to Infinity", () => {
    // 1e308 + 1e308 is Infinity in plain addition; the true total is 1e308
    expect(1e308 + 1e308 - 1e308).toBe(Infinity);
    expect(wide([1e308, 1e308, -1e308]).value()).toBe(1e308);
  });

  it("says Infinity when the total itself is beyond the range", () => {
    expect(wide([1e308, 1e308]).value()).toBe(Infinity);
    expect(wide([-MAX, -MAX]).value()).toBe(-Infinity);
  });

  it("keeps small terms at full precision beside cancelling large ones", () => {
    // 1e308 − 1e308 cancels exactly; 1e-300 must survive untouched
    expect(wide([1e308, 1e308, 1e-300, -1e308, -1e308]).value()).toBe(1e-300);
  });

  it("divides a total beyond the range back into it (a mean)", () => {
    // (9e307 · 4) / 4
    expect(closeTo(wide([9e307, 9e307, 9e307, 9e307]).dividedBy(4), 9e307)).toBe(true);
  });

  it("agrees with exact BigInt sums on random terms across the whole range", () => {
    const term = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.double({ min: -MAX, max: MAX, noNaN: true }).map((x) => x * 0.99),
      fc.integer({ min: -1000, max: 1000 }),
    );
    fc.assert(
      fc.property(fc.array(term, { maxLength: 30 }), (terms) => {
        const truth = exactToDouble(exactSum(terms));
        const got = wide(terms).value();
        if (!Number.isFinite(truth)) return got === truth;
        // Floating-point summation error: at most n ulps of the largest partial sum.
        const largest = terms.reduce((m, x) => Math.max(m, Math.abs(x)), Math.abs(truth));
        return Math.abs(got - truth) <= (terms.length + 1) * Number.EPSILON * largest;
      }),
      { numRuns: 500 },
    );
  });
});

describe("overflowScale", () => {
  it("is 1 where nothing overflows and a power of two that brings any sum back in range", () => {
    expect(overflowScale(4, 1000)).toBe(1);
    // 4 · 1e308 < 2^1026; scaled by 2^-27 it is below 2^999
    expect(overflowScale(4, 1e308)).toBe(2 ** -27);
    for (const count of [2, 3, 1000, 1_048_576, 10_000_000]) {
      const scale = overflowScale(count, MAX);
      expect(Number.isInteger(Math.log2(scale))).toBe(true);
      expect(count * (MAX * scale)).toBeLessThan(MAX / 2);
    }
  });
});
