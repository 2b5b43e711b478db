import { isCoreError, Result } from "../../src/core/errors";
import { expectedSpend, fitGammaGamma, GammaGammaFit, spendMeanProblem } from "../../src/core/gammaGamma";
import { loadCdnow } from "../data/cdnow/cdnow";
import reference from "../data/scipy/bgnbd_reference.json";
import { simulateCustomers } from "../support/bgnbdSimulation";

const cdnow = loadCdnow();
const relative = (actual: number, expected: number) => Math.abs(actual / expected - 1);

function fitted(result: Result<GammaGammaFit>): GammaGammaFit {
  if (isCoreError(result)) throw new Error(result.message);
  return result;
}

describe("fitGammaGamma on CDNOW's 946 repeat customers (Fader, Hardie & Lee 2005, JMR)", () => {
  const fit = fitted(fitGammaGamma(cdnow));

  it("reproduces the published p 6.25, q 3.74, v 15.44", () => {
    expect(fit.parameters.p.toFixed(2)).toBe("6.25");
    expect(fit.parameters.q.toFixed(2)).toBe("3.74");
    expect(fit.parameters.v.toFixed(2)).toBe("15.44");
    expect(fit).toMatchObject({ converged: true, repeatCustomers: 946, skippedCustomers: 1411 });
  });

  it("agrees with SciPy's L-BFGS-B on the same likelihood, log-likelihood and standard errors included", () => {
    const scipy = reference.gammaGamma;
    (["p", "q", "v"] as const).forEach((name, i) => {
      expect(relative(fit.parameters[name], scipy[name])).toBeLessThan(1e-4);
      expect(relative(fit.standardErrors![name], scipy.standardErrors[i])).toBeLessThan(2e-3);
    });
    expect(Math.abs(fit.logLikelihood - scipy.logLikelihood)).toBeLessThan(1e-6);
  });

  it("reports the frequency–spend correlation the model assumes away (small on CDNOW)", () => {
    expect(Math.abs(fit.frequencySpendCorrelation)).toBeLessThan(0.2);
  });
});

describe("expectedSpend: E[Z | x, z̄] = (vp + px·z̄)/(px + q − 1)", () => {
  const published = { p: 6.25, q: 3.74, v: 15.44 };

  it("gives Hardie's spreadsheet values for CDNOW's first 10 customers (note 025, quoted in lifetimes' tests)", () => {
    const hardie = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
    hardie.forEach((value, i) =>
      expect(Math.abs(expectedSpend(published, cdnow.x[i], cdnow.zbar[i]) - value)).toBeLessThan(0.06),
    );
  });

  it("works customer 1 by hand: x 2, z̄ 22.345 → (96.5 + 12.5·22.345)/(12.5 + 2.74) = 24.65", () => {
    // vp = 15.44·6.25 = 96.5; px = 12.5; (96.5 + 279.3125)/15.24 = 24.6596
    expect(expectedSpend(published, 2, 22.345)).toBeCloseTo(375.8125 / 15.24, 10);
  });

  it("gives the population mean vp/(q−1) = 96.5/2.74 = 35.22 for a customer without repeat purchases", () => {
    expect(expectedSpend(published, 0, 0)).toBeCloseTo(96.5 / 2.74, 10);
  });

  it("agrees with SciPy for the reference customers", () => {
    const scipy = reference.gammaGamma;
    for (const c of reference.customers)
      expect(relative(expectedSpend(scipy, c.x, c.zbar), c.expectedSpend)).toBeLessThan(1e-12);
  });

  it("says clearly that the mean needs q > 1", () => {
    expect(spendMeanProblem({ p: 2, q: 0.9, v: 3 })).toBeExcelError(
      "#VALUE!",
      "only when q is greater than 1",
    );
    expect(spendMeanProblem(published)).toBeNull();
  });
});

describe("fitGammaGamma on bad or thin data", () => {
  it("names a repeat customer whose average value is not positive", () => {
    expect(fitGammaGamma({ x: [1, 2, 0], zbar: [10, 0, 0] })).toBeExcelError(
      "#VALUE!",
      "Row 2: average_value is 0",
    );
    expect(fitGammaGamma({ x: [1, 2.5], zbar: [10, 3] })).toBeExcelError("#VALUE!", "whole purchases");
  });

  it("refuses fewer than two repeat customers and identical ones", () => {
    expect(fitGammaGamma({ x: [1, 0, 0], zbar: [10, 0, 0] })).toBeExcelError(
      "#VALUE!",
      "Only 1 customer has",
    );
    expect(fitGammaGamma({ x: [2, 2, 0], zbar: [10, 10, 0] })).toBeExcelError("#VALUE!", "same history");
    expect(fitGammaGamma({ x: [2, 2], zbar: [10] })).toBeExcelError("#VALUE!", "frequency has 2 entries");
  });
});

describe("Gamma-Gamma parameter recovery", () => {
  it("recovers p, q, v within 5 % and 3 standard errors from 100,000 simulated customers", () => {
    const truth = { p: 6, q: 4, v: 15 };
    const simulated = simulateCustomers({
      customers: 100_000,
      seed: 7,
      r: 0.5,
      alpha: 4,
      a: 0.8,
      b: 2.5,
      ...truth,
      calibrationWeeks: 78,
    });
    const fit = fitted(fitGammaGamma(simulated));
    for (const name of ["p", "q", "v"] as const) {
      expect(relative(fit.parameters[name], truth[name])).toBeLessThan(0.05);
      expect(Math.abs(fit.parameters[name] - truth[name])).toBeLessThan(3 * fit.standardErrors![name]);
    }
    expect(Math.abs(fit.frequencySpendCorrelation)).toBeLessThan(0.02);
  });
});
