/**
 * The holdout check on the CDNOW customers (test/data/cdnow: 39 calibration weeks, then a 39-week
 * holdout, Fader, Hardie & Lee 2005) with the paper's parameters: every customer's expectation is
 * the paper's equation (10) computed here by a plain implementation (literal ₂F₁ series), the
 * actual side is the data's x* (Σ 1,882 repeat purchases in the holdout, as the data's README says),
 * and the groups are formed here by a loop of their own.
 */
import { expectedPurchases } from "../../src/core/bgnbd";
import { expectedHoldoutPurchases, holdoutCheck } from "../../src/core/holdoutCheck";
import { loadCdnow } from "../data/cdnow/cdnow";

const PAPER = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

/** ₂F₁(a, b; c; z) by its series, term by term until it stops changing. */
function hyp2f1(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let j = 0; j < 100000 && Math.abs(term) > 1e-17 * Math.abs(sum); j++) {
    term *= ((a + j) * (b + j) * z) / ((c + j) * (j + 1));
    sum += term;
  }
  return sum;
}

/** Equation (10) as printed: (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] · P(alive). */
function plainExpected(t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = PAPER;
  const F = hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
  const ifAlive = ((a + b + x - 1) / (a - 1)) * (1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * F);
  const alive = x === 0 ? 1 : 1 / (1 + (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x));
  return ifAlive * alive;
}

describe("the holdout check on CDNOW", () => {
  const cdnow = loadCdnow();
  const data = { x: cdnow.x, tx: cdnow.tx, T: cdnow.T, holdout: cdnow.xStar };

  it("expects for each customer what equation (10) and CX.EXPECTEDPURCHASES' core function give", () => {
    const expected = expectedHoldoutPurchases(PAPER, data, 39);
    for (let i = 0; i < cdnow.x.length; i++) {
      expect(expected[i]).toBeCloseTo(plainExpected(39, cdnow.x[i], cdnow.tx[i], cdnow.T[i]), 9);
      expect(expected[i]).toBe(expectedPurchases(PAPER, 39, cdnow.x[i], cdnow.tx[i], cdnow.T[i]));
    }
    // Hardie's spreadsheet: customer 1 (x 2, tₓ 30.43, T 38.86) is expected to buy 1.226 times in 39 weeks.
    expect(plainExpected(39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
  });

  it("groups customers by calibration repeat purchases 0…6, 7+ with mean actual and expected, and totals", () => {
    const check = holdoutCheck(PAPER, data, 39);
    const customers = new Array<number>(8).fill(0);
    const actual = new Array<number>(8).fill(0);
    const expected = new Array<number>(8).fill(0);
    let totalExpected = 0;
    for (let i = 0; i < cdnow.x.length; i++) {
      const k = cdnow.x[i] >= 7 ? 7 : cdnow.x[i];
      const e = plainExpected(39, cdnow.x[i], cdnow.tx[i], cdnow.T[i]);
      customers[k]++;
      actual[k] += cdnow.xStar[i];
      expected[k] += e;
      totalExpected += e;
    }
    expect(check.periods).toBe(39);
    expect(check.customers).toBe(2357);
    expect(check.groups.map((g) => g.repeatPurchases)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    expect(check.groups.map((g) => g.customers)).toEqual(customers);
    // The fit chart's actual side (clv.test.ts): 1411 customers without a repeat purchase, 439 with one.
    expect(customers.slice(0, 2)).toEqual([1411, 439]);
    check.groups.forEach((g, k) => {
      expect(g.actual).toBeCloseTo(actual[k] / customers[k], 12);
      expect(g.expected).toBeCloseTo(expected[k] / customers[k], 9);
    });
    expect(check.total.actual).toBe(1882);
    expect(check.total.expected).toBeCloseTo(totalExpected, 6);
  });

  it("gives null means for a group without customers", () => {
    const check = holdoutCheck(PAPER, { x: [0, 2], tx: [0, 5], T: [10, 12], holdout: [2, 0] }, 10);
    expect(check.groups.map((g) => g.customers)).toEqual([1, 0, 1, 0, 0, 0, 0, 0]);
    expect(check.groups[1]).toEqual({ repeatPurchases: "1", customers: 0, actual: null, expected: null });
    expect(check.groups[0].actual).toBe(2);
    expect(check.groups[2].actual).toBe(0);
    expect(check.total).toEqual({
      actual: 2,
      expected: expect.closeTo(plainExpected(10, 0, 0, 10) + plainExpected(10, 2, 5, 12), 12),
    });
  });
});
