import { fitBgnbd, fitBgnbdAsync, BgnbdFit } from "../../src/core/bgnbdFit";
import { isCoreError, Result } from "../../src/core/errors";
import { inverseOfPositiveDefinite } from "../../src/core/maximumLikelihood";
import { loadCdnow, roundedWeeks } from "../data/cdnow/cdnow";
import reference from "../data/scipy/bgnbd_reference.json";
import { simulateCustomers } from "../support/bgnbdSimulation";

const cdnow = loadCdnow();

function fitted(result: Result<BgnbdFit>): BgnbdFit {
  if (isCoreError(result)) throw new Error(result.message);
  return result;
}

const relative = (actual: number, expected: number) => Math.abs(actual / expected - 1);

describe("fitBgnbd on CDNOW (2,357 customers, 39 weeks; Fader, Hardie & Lee 2005)", () => {
  const fit = fitted(fitBgnbd(cdnow));

  it("reproduces the paper's parameters to three decimals: r 0.243, α 4.414, a 0.793, b 2.426", () => {
    expect(fit.parameters.r.toFixed(3)).toBe("0.243");
    expect(fit.parameters.alpha.toFixed(3)).toBe("4.414");
    expect(fit.parameters.a.toFixed(3)).toBe("0.793");
    expect(fit.parameters.b.toFixed(3)).toBe("2.426");
  });

  it("reproduces the paper's log-likelihood −9582.4", () => {
    expect(fit.logLikelihood.toFixed(1)).toBe("-9582.4");
  });

  it("reports a converged fit from the first start, with the customers and distinct histories", () => {
    expect(fit).toMatchObject({
      converged: true,
      starts: 1,
      customers: 2357,
      penalizerCoef: 0,
    });
    expect(fit.distinctHistories).toBeLessThan(2357);
    expect(["gradient", "value"]).toContain(fit.stop);
    expect(fit.iterations).toBeGreaterThan(0);
    expect(fit.message).toMatch(/^Converged after \d+ iterations\.$/);
  });

  it("agrees with SciPy's L-BFGS-B on the same likelihood (test/data/scipy/bgnbd_reference.py)", () => {
    const scipy = reference.bgnbd;
    for (const name of ["r", "alpha", "a", "b"] as const) {
      expect(relative(fit.parameters[name], scipy[name])).toBeLessThan(2e-5);
    }
    expect(Math.abs(fit.logLikelihood - scipy.logLikelihood)).toBeLessThan(1e-6);
    // Ours is at least as good a maximum as SciPy's.
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(scipy.logLikelihood - 1e-9);
  });

  it("gives standard errors that match SciPy's finite-difference Hessian of the log-likelihood", () => {
    const names = ["r", "alpha", "a", "b"] as const;
    names.forEach((name, i) => {
      expect(relative(fit.standardErrors![name], reference.bgnbd.standardErrors[i])).toBeLessThan(1e-3);
    });
  });

  it("gives the standard errors lifetimes prints for CDNOW (its Quickstart, weeks rounded to 2 decimals)", () => {
    // lifetimes docs/Quickstart.md: coef r 0.242593, alpha 4.413532, a 0.792886, b 2.425752;
    // se(coef) r 0.012557, alpha 0.378221, a 0.185719, b 0.705345
    const rounded = fitted(fitBgnbd({ x: cdnow.x, tx: roundedWeeks(cdnow.tx), T: roundedWeeks(cdnow.T) }));
    expect(rounded.parameters.r).toBeCloseTo(0.242593, 5);
    expect(rounded.parameters.alpha).toBeCloseTo(4.413532, 5);
    expect(rounded.parameters.a).toBeCloseTo(0.792886, 5);
    expect(rounded.parameters.b).toBeCloseTo(2.425752, 5);
    expect(rounded.standardErrors!.r).toBeCloseTo(0.012557, 5);
    expect(rounded.standardErrors!.alpha).toBeCloseTo(0.378221, 5);
    expect(rounded.standardErrors!.a).toBeCloseTo(0.185719, 5);
    expect(rounded.standardErrors!.b).toBeCloseTo(0.705345, 5);
  });

  it("fits the same parameters without grouping identical histories", () => {
    const plain = fitted(fitBgnbd(cdnow, { groupHistories: false }));
    expect(plain.distinctHistories).toBe(2357);
    for (const name of ["r", "alpha", "a", "b"] as const) {
      expect(relative(plain.parameters[name], fit.parameters[name])).toBeLessThan(1e-8);
    }
  });

  it("applies lifetimes' L2 penalty −ℓ/N + c·Σp², as SciPy does with the same objective", () => {
    const penalised = fitted(fitBgnbd(cdnow, { penalizerCoef: 0.01 }));
    const scipy = reference.bgnbdPenalised;
    for (const name of ["r", "alpha", "a", "b"] as const) {
      expect(relative(penalised.parameters[name], scipy[name])).toBeLessThan(1e-4);
      expect(penalised.parameters[name]).toBeLessThan(fit.parameters[name]); // shrunk towards 0
    }
    expect(penalised.penalizerCoef).toBe(0.01);
    expect(penalised.logLikelihood).toBeLessThan(fit.logLikelihood);
  });

  it("does not depend on the period unit: days give α seven times the weeks' α and the same log-likelihood shift", () => {
    const days = fitted(
      fitBgnbd({ x: cdnow.x, tx: cdnow.tx.map((w) => w * 7), T: cdnow.T.map((w) => w * 7) }),
    );
    expect(relative(days.parameters.alpha, 7 * fit.parameters.alpha)).toBeLessThan(1e-5);
    expect(relative(days.parameters.r, fit.parameters.r)).toBeLessThan(1e-5);
    // Densities of times scale by 1/7 per repeat purchase: ℓ_days = ℓ_weeks − Σx · ln 7.
    const repeats = cdnow.x.reduce((sum, x) => sum + x, 0);
    expect(days.logLikelihood).toBeCloseTo(fit.logLikelihood - repeats * Math.log(7), 4);
  });
});

describe("fitBgnbd on data that cannot identify the model", () => {
  const data = (x: number[], tx: number[], T: number[]) => ({
    x: Float64Array.from(x),
    tx: Float64Array.from(tx),
    T: Float64Array.from(T),
  });

  it("refuses no customers and a single customer", () => {
    expect(fitBgnbd(data([], [], []))).toBeExcelError("#VALUE!", "no customers");
    expect(fitBgnbd(data([2], [5], [10]))).toBeExcelError("#VALUE!", "A single customer");
  });

  it("refuses customers without any repeat purchase", () => {
    expect(fitBgnbd(data([0, 0, 0], [0, 0, 0], [5, 8, 9]))).toBeExcelError(
      "#VALUE!",
      "No customer has a repeat purchase",
    );
  });

  it("refuses identical histories and histories with no time observed", () => {
    expect(fitBgnbd(data([1, 1, 1], [2, 2, 2], [9, 9, 9]))).toBeExcelError("#VALUE!", "same history");
    expect(fitBgnbd(data([1, 0], [0, 0], [0, 0]))).toBeExcelError("#VALUE!", "observed for any time");
  });

  it("names the row of an impossible history", () => {
    expect(fitBgnbd(data([1, 2, 3], [4, 40, 6], [10, 38.86, 10]))).toBeExcelError(
      "#VALUE!",
      "Row 2: recency (40) is larger than age (38.86)",
    );
    expect(fitBgnbd(data([1, 0], [4, 3], [10, 10]))).toBeExcelError(
      "#VALUE!",
      "Row 2: recency is 3 but frequency is 0",
    );
    expect(fitBgnbd(data([1, 1.5], [4, 3], [10, 10]))).toBeExcelError("#VALUE!", "whole purchases");
    expect(fitBgnbd(data([1, -1], [4, 3], [10, 10]))).toBeExcelError("#VALUE!", "cannot be negative");
    expect(fitBgnbd(data([1, 1], [4, NaN], [10, 10]))).toBeExcelError("#VALUE!", "Row 2");
  });

  it("uses the caller's column names in messages", () => {
    const names = { frequency: "Repeat purchases", recency: "Recency (weeks)", age: "Age (weeks)" };
    expect(fitBgnbd(data([1, 2], [4, 12], [10, 11]), { names })).toBeExcelError(
      "#VALUE!",
      "Recency (weeks) (12) is larger than Age (weeks) (11)",
    );
  });

  it("refuses columns of different lengths", () => {
    expect(fitBgnbd({ x: [1, 2], tx: [1], T: [3, 4] })).toBeExcelError("#VALUE!", "have 2, 1 and 2 entries");
  });

  it("reports a fit that cannot settle (a parameter running off, a flat likelihood) as not converged, with finite numbers", () => {
    // Every repeat buyer bought right at the end of observation: nobody looks dropped out, so b → ∞.
    const x = [1, 2, 3, 1, 2, 0, 0, 4];
    const T = [10, 12, 14, 9, 20, 7, 30, 25];
    const result = fitted(
      fitBgnbd(
        data(
          x,
          T.map((t, i) => (x[i] > 0 ? t : 0)),
          T,
        ),
      ),
    );
    expect(result.converged).toBe(false);
    expect(result.message).toMatch(/did not converge.*penalty/);
    expect(result.starts).toBe(2);
    expect(["flat", "runsOff", "lineSearch", "boundary"]).toContain(result.stop);
    expect(Object.values(result.parameters).every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(result.logLikelihood)).toBe(true);
  });
});

describe("fitBgnbdAsync (a fit the task pane can pace and cancel)", () => {
  it("gives the same fit as fitBgnbd and reports progress at its pauses", async () => {
    const seen: string[] = [];
    const result = fitted(
      await fitBgnbdAsync(cdnow, { yieldEvery: 0, chunk: 500, onProgress: (p) => seen.push(p.stage) }),
    );
    const direct = fitted(fitBgnbd(cdnow, { chunk: 500 }));
    expect(result.parameters).toEqual(direct.parameters);
    expect(seen).toContain("fit");
  });

  it("stops when the signal aborts, with the signal's reason", async () => {
    const controller = new AbortController();
    let pauses = 0;
    const pause = async () => {
      if (++pauses === 3) controller.abort(new Error("cancelled by the user"));
    };
    await expect(fitBgnbdAsync(cdnow, { signal: controller.signal, yieldEvery: 0, pause })).rejects.toThrow(
      "cancelled by the user",
    );
    expect(pauses).toBe(3);
  });
});

describe("parameter recovery from simulated customers", () => {
  // 100,000 customers drawn from the BG/NBD process (test/support/bgnbdSimulation.ts, seed 1):
  // 12-week cohort, 78-week calibration, times recorded to the day.
  const truth = { r: 0.5, alpha: 4, a: 0.8, b: 2.5 };
  const simulated = simulateCustomers({ customers: 100_000, seed: 1, ...truth, calibrationWeeks: 78 });
  const fit = fitted(fitBgnbd(simulated));

  it("recovers r, α, a, b within 3 % and within 3 standard errors", () => {
    for (const name of ["r", "alpha", "a", "b"] as const) {
      expect(relative(fit.parameters[name], truth[name])).toBeLessThan(0.03);
      expect(Math.abs(fit.parameters[name] - truth[name])).toBeLessThan(3 * fit.standardErrors![name]);
    }
  });

  it("groups the 100,000 customers into far fewer distinct histories", () => {
    expect(fit.customers).toBe(100_000);
    expect(fit.distinctHistories).toBeLessThan(70_000);
  });
});

describe("inverseOfPositiveDefinite (Cholesky)", () => {
  it("inverts a 2×2 by hand: [[4, 2], [2, 3]]⁻¹ = [[3, −2], [−2, 4]] / 8", () => {
    const inverse = inverseOfPositiveDefinite(Float64Array.of(4, 2, 2, 3), 2)!;
    [0.375, -0.25, -0.25, 0.5].forEach((value, i) => expect(inverse[i]).toBeCloseTo(value, 14));
  });

  it("returns null for a matrix that is not positive definite", () => {
    expect(inverseOfPositiveDefinite(Float64Array.of(1, 2, 2, 1), 2)).toBeNull();
  });

  it("gives A·A⁻¹ = I for a 4×4", () => {
    const a = Float64Array.of(10, 2, 1, 0.5, 2, 8, 0.3, 1, 1, 0.3, 6, 2, 0.5, 1, 2, 5);
    const inverse = inverseOfPositiveDefinite(a, 4)!;
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) {
        let sum = 0;
        for (let k = 0; k < 4; k++) sum += a[i * 4 + k] * inverse[k * 4 + j];
        expect(sum).toBeCloseTo(i === j ? 1 : 0, 12);
      }
  });
});
