import betaln from "@stdlib/math-base-special-betaln";
import {
  expectedFrequencyHistogram,
  expectedPurchases,
  expectedPurchasesIfAlive,
  expectedPurchasesNewCustomer,
  frequencyHistogram,
  pAlive,
  probabilityOfPurchases,
} from "../../src/core/bgnbd";
import { BgnbdParameters } from "../../src/core/bgnbdFit";
import { logHypergeometric2F1 } from "../../src/core/hypergeometric2F1";
import { loadCdnow } from "../data/cdnow/cdnow";
import reference from "../data/scipy/bgnbd_reference.json";

const published: BgnbdParameters = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const scipy: BgnbdParameters = reference.bgnbd;
const relative = (actual: number, expected: number) => Math.abs(actual / expected - 1);

/**
 * A second, plain implementation: the paper's eq. 10 term by term, with ₂F₁(r+x, b+x; a+b+x−1; z)
 * summed in log space (so it works for customers with hundreds of purchases), P(alive) in the
 * paper's form.
 */
function equation10(params: BgnbdParameters, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  const series = logHypergeometric2F1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
  const logPowerTimesF = (r + x) * Math.log((alpha + T) / (alpha + T + t)) + series.logAbs;
  const bracket = -Math.expm1(logPowerTimesF);
  const denominator = 1 + (x > 0 ? (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 0);
  return (((a + b + x - 1) / (a - 1)) * bracket) / denominator;
}

describe("BG/NBD expectations on CDNOW", () => {
  it("gives E[X(t)] as Hardie's BG/NBD spreadsheet (quoted in lifetimes' tests) to 3 decimals", () => {
    // lifetimes tests/test_estimation.py, test_expectation_returns_same_value_Hardie_excel_sheet
    const times = [0.1429, 1, 3, 31.8571, 32, 78];
    const hardie = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
    times.forEach((t, i) =>
      expect(Math.abs(expectedPurchasesNewCustomer(scipy, t) - hardie[i])).toBeLessThan(1.5e-3),
    );
  });

  it("gives E[Y(39) | x 2, tₓ 30.43, T 38.86] = 1.226, Hardie's conditional expectation (quoted in lifetimes' tests)", () => {
    expect(expectedPurchases(published, 39, 2, 30.43, 38.86).toFixed(3)).toBe("1.226");
    expect(expectedPurchases(scipy, 39, 2, 30.43, 38.86).toFixed(3)).toBe("1.226");
  });

  it("gives P(alive) by hand for that customer: 1/(1 + 0.793/3.426 · (43.274/34.844)^2.243) = 0.7266", () => {
    // 0.793/3.426 = 0.231465; (43.274/34.844)^2.243 = e^(2.243 · 0.216672) = 1.625800; 1/(1 + 0.376317) = 0.726577
    expect(pAlive(published, 2, 30.43, 38.86)).toBeCloseTo(0.726577, 5);
  });

  it("agrees with SciPy (eq. 10 with scipy.special.hyp2f1, mpmath beyond it) for 24 customers", () => {
    for (const c of reference.customers) {
      expect(relative(pAlive(scipy, c.x, c.tx, c.T), c.pAlive)).toBeLessThan(1e-12);
      expect(relative(expectedPurchases(scipy, 39, c.x, c.tx, c.T), c.expected39)).toBeLessThan(1e-10);
      expect(relative(expectedPurchases(scipy, 4, c.x, c.tx, c.T), c.expected4)).toBeLessThan(1e-10);
    }
  });

  it("agrees with eq. 10 summed literally in log space, also where ₂F₁ is beyond a double", () => {
    for (const [x, tx, T, t] of [
      [0, 0, 38.86, 39],
      [1, 0.1, 38.86, 52],
      [7, 30, 38, 10],
      [150, 38, 38.86, 39],
      [900, 38, 38.86, 52],
    ]) {
      expect(relative(expectedPurchases(scipy, t, x, tx, T), equation10(scipy, t, x, tx, T))).toBeLessThan(
        1e-9,
      );
    }
  });

  it("gives E[X(t)] as SciPy for t up to 520 weeks", () => {
    for (const { t, value } of reference.expectedNewCustomer) {
      expect(relative(expectedPurchasesNewCustomer(scipy, t), value)).toBeLessThan(1e-10);
    }
  });

  it("gives the expected holdout purchases of all 2,357 customers as SciPy: 1653.4 (actual 1,882)", () => {
    const cdnow = loadCdnow();
    let expected = 0;
    for (let i = 0; i < cdnow.x.length; i++)
      expected += expectedPurchases(scipy, 39, cdnow.x[i], cdnow.tx[i], cdnow.T[i]);
    expect(expected).toBeCloseTo(reference.holdoutExpected, 6);
    expect(cdnow.xStar.reduce((sum, v) => sum + v, 0)).toBe(reference.holdoutActual);
  });
});

describe("P(X(t) = x) and the fit histogram", () => {
  it("gives P(X(38.86) = x) for x = 0 … 7 as SciPy", () => {
    for (const { t, x, value } of reference.probabilityOfPurchases) {
      expect(relative(probabilityOfPurchases(scipy, t, x), value)).toBeLessThan(1e-10);
    }
  });

  it("sums to 1 over x and starts at 1 for t = 0", () => {
    let total = 0;
    for (let x = 0; x < 400; x++) total += probabilityOfPurchases(scipy, 52, x);
    expect(total).toBeCloseTo(1, 10);
    expect(probabilityOfPurchases(scipy, 0, 0)).toBe(1);
    expect(probabilityOfPurchases(scipy, 0, 3)).toBe(0);
  });

  it("has mean E[X(t)]: Σ x·P(X(t) = x) = E[X(t)]", () => {
    let mean = 0;
    for (let x = 0; x < 2000; x++) mean += x * probabilityOfPurchases(scipy, 39, x);
    expect(relative(mean, expectedPurchasesNewCustomer(scipy, 39))).toBeLessThan(1e-8);
  });

  it("gives CDNOW's expected histogram 0, 1, …, 6, 7+ as SciPy, beside the actual counts", () => {
    const cdnow = loadCdnow();
    const expected = expectedFrequencyHistogram(scipy, cdnow.T);
    reference.histogram.forEach((value, k) => expect(expected[k]).toBeCloseTo(value, 6));
    expect(Array.from(frequencyHistogram(cdnow.x))).toEqual([1411, 439, 214, 100, 62, 38, 29, 64]);
    expect(expected.reduce((sum, v) => sum + v, 0)).toBeCloseTo(2357, 8);
  });
});

describe("numerical robustness", () => {
  it("gives P(alive) without overflow for a customer with 5,000 purchases long silent: 0, not NaN", () => {
    expect(pAlive(scipy, 5000, 1, 38.86)).toBe(0);
    expect(pAlive(scipy, 5000, 38.86, 38.86)).toBeCloseTo(1 / (1 + scipy.a / (scipy.b + 4999)), 12);
  });

  it("gives finite expectations for very frequent buyers", () => {
    const value = expectedPurchases(scipy, 52, 3000, 38.8, 38.86);
    expect(Number.isFinite(value)).toBe(true);
    // An alive customer with x purchases in T buys about (r+x)/(α+T) per week.
    expect(
      relative(
        expectedPurchasesIfAlive(scipy, 1e-6, 3000, 38.86) / 1e-6,
        (scipy.r + 3000) / (scipy.alpha + 38.86),
      ),
    ).toBeLessThan(1e-4);
  });

  it("is continuous through a = 1, where eq. 10's (a+b+x−1)/(a−1) has a removable 0/0", () => {
    const at = (a: number) => expectedPurchases({ ...scipy, a }, 39, 2, 30.43, 38.86);
    expect(Number.isFinite(at(1))).toBe(true);
    expect(Math.abs(at(1) - (at(1 - 1e-6) + at(1 + 1e-6)) / 2)).toBeLessThan(1e-9);
  });

  it("gives 0 expected purchases over no time and P(alive) 1 with no repeat purchase", () => {
    expect(expectedPurchases(scipy, 0, 3, 10, 20)).toBe(0);
    expect(pAlive(scipy, 0, 0, 100)).toBe(1);
  });

  it("uses B(a+1, b+x−1) = B(a, b+x)·a/(b+x−1) as the likelihood does", () => {
    // The identity behind the log-likelihood's u₂ term, checked with stdlib's betaln.
    const { a, b } = scipy;
    expect(Math.exp(betaln(a + 1, b + 4) - betaln(a, b + 5))).toBeCloseTo(a / (b + 4), 12);
  });
});
