import { hypergeometric2F1, logHypergeometric2F1 } from "../../src/core/hypergeometric2F1";
import reference from "../data/scipy/hyp2f1.json";

/** Relative difference, for values of any size. */
const relative = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe("hypergeometric2F1 (Gauss's ₂F₁ by its series, in log space)", () => {
  it("matches the closed form ₂F₁(1, 1; 2; z) = −ln(1−z)/z", () => {
    for (const z of [0.01, 0.3, 0.5, 0.9, 0.99, -0.5]) {
      expect(relative(hypergeometric2F1(1, 1, 2, z), -Math.log(1 - z) / z)).toBeLessThan(1e-13);
    }
    // z = 0.5: 2·ln 2 = 1.3862943611198906
    expect(hypergeometric2F1(1, 1, 2, 0.5)).toBeCloseTo(1.3862943611198906, 14);
  });

  it("matches the closed form ₂F₁(a, b; b; z) = (1−z)^(−a)", () => {
    // 0.5^(−2) = 4; 0.75^(−0.3) = 1.0901…
    expect(hypergeometric2F1(2, 3, 3, 0.5)).toBeCloseTo(4, 13);
    for (const [a, b, z] of [
      [0.3, 1.7, 0.25],
      [4.5, 0.2, 0.8],
      [12, 2, 0.6],
    ]) {
      expect(relative(hypergeometric2F1(a, b, b, z), Math.pow(1 - z, -a))).toBeLessThan(1e-13);
    }
  });

  it("matches ₂F₁(½, ½; 3/2; z) = arcsin(√z)/√z", () => {
    // z = 0.25: arcsin(0.5)/0.5 = π/3 = 1.0471975511965976
    expect(hypergeometric2F1(0.5, 0.5, 1.5, 0.25)).toBeCloseTo(Math.PI / 3, 14);
  });

  it("agrees with scipy.special.hyp2f1 to 1e-12 relative (test/data/scipy/hyp2f1.py)", () => {
    for (const { a, b, c, z, value } of reference.ordinary) {
      expect(relative(hypergeometric2F1(a, b, c, z), value)).toBeLessThan(1e-12);
    }
  });

  it("gives the log of values far beyond a double, as mpmath does at 50 digits", () => {
    for (const { a, b, c, z, log } of reference.huge) {
      const series = logHypergeometric2F1(a, b, c, z);
      expect(series.converged).toBe(true);
      expect(series.sign).toBe(1);
      expect(Math.abs(series.logAbs - log)).toBeLessThan(1e-10 * Math.abs(log));
      expect(log).toBeGreaterThan(Math.log(Number.MAX_VALUE)); // really beyond a double
    }
  });

  it("stops exactly when the series is a polynomial", () => {
    // ₂F₁(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1)); b = 1, c = 2, z = 0.5: 1 − 0.5 + 0.08333… = 0.58333…
    const series = logHypergeometric2F1(-2, 1, 2, 0.5);
    expect(series.terms).toBe(2);
    expect(Math.exp(series.logAbs)).toBeCloseTo(7 / 12, 14);
  });

  it("reports no convergence outside |z| < 1, at a pole of c, or when the term cap is reached", () => {
    expect(logHypergeometric2F1(1, 1, 2, 1).converged).toBe(false);
    expect(logHypergeometric2F1(1, 1, -1, 0.5).converged).toBe(false);
    expect(Number.isNaN(hypergeometric2F1(1, 1, 2, 1.5))).toBe(true);
    const capped = logHypergeometric2F1(1, 1, 2, 0.999999, { maxTerms: 100 });
    expect(capped.converged).toBe(false);
    expect(capped.terms).toBe(100);
  });

  it("honours a looser tolerance with fewer terms", () => {
    const tight = logHypergeometric2F1(1, 1, 2, 0.9);
    const loose = logHypergeometric2F1(1, 1, 2, 0.9, { tolerance: 1e-6 });
    expect(loose.terms).toBeLessThan(tight.terms);
    expect(relative(Math.exp(loose.logAbs), -Math.log(0.1) / 0.9)).toBeLessThan(1e-5);
  });
});
