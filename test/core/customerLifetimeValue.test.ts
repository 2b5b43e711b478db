import { expectedPurchases, pAlive } from "../../src/core/bgnbd";
import {
  customerLifetimeValue,
  LifetimeValueScorer,
  scoreCustomers,
  scoreCustomersAsync,
} from "../../src/core/customerLifetimeValue";
import { expectedSpend } from "../../src/core/gammaGamma";
import { loadCdnow } from "../data/cdnow/cdnow";
import reference from "../data/scipy/bgnbd_reference.json";

const bgnbd = reference.bgnbd;
const spend = reference.gammaGamma;
const relative = (actual: number, expected: number) => Math.abs(actual / expected - 1);

describe("customerLifetimeValue = m · E[Z] · Σₖ (E[Y(k)] − E[Y(k−1)]) / (1+d)^(k/P)", () => {
  it("for one period is m · E[Z] · E[Y(1)] / (1+d)^(1/P)", () => {
    const settings = { horizon: 1, margin: 0.3, annualDiscount: 0.1, periodsPerYear: 52.1775 };
    const byHand =
      (0.3 * expectedSpend(spend, 2, 22.345) * expectedPurchases(bgnbd, 1, 2, 30.43, 38.86)) /
      Math.pow(1.1, 1 / 52.1775);
    expect(customerLifetimeValue(bgnbd, spend, 2, 30.43, 38.86, 22.345, settings)).toBeCloseTo(byHand, 12);
  });

  it("without discounting is m · E[Z] · E[Y(K)] (the differences telescope)", () => {
    const settings = { horizon: 52, margin: 1, annualDiscount: 0, periodsPerYear: 52.1775 };
    const byHand = expectedSpend(spend, 3, 40) * expectedPurchases(bgnbd, 52, 3, 20, 38);
    expect(relative(customerLifetimeValue(bgnbd, spend, 3, 20, 38, 40, settings), byHand)).toBeLessThan(
      1e-12,
    );
  });

  it("agrees with SciPy for the reference customers (52 weeks, margin 0.3, 10 % a year)", () => {
    const settings = {
      horizon: reference.clvSettings.horizon,
      margin: reference.clvSettings.margin,
      annualDiscount: reference.clvSettings.annualDiscount,
      periodsPerYear: reference.clvSettings.periodsPerYear,
    };
    for (const c of reference.customers) {
      expect(
        relative(customerLifetimeValue(bgnbd, spend, c.x, c.tx, c.T, c.zbar, settings), c.clv52),
      ).toBeLessThan(1e-9);
    }
  });
});

describe("scoreCustomers (the four columns of a lifetime-value run)", () => {
  const cdnow = loadCdnow();
  const settings = { horizon: 52, margin: 0.3, annualDiscount: 0.1, periodsPerYear: 52.1775 };

  it("gives per customer what the single-customer functions give, with the (x, T) cache shared across tₓ", () => {
    const scores = scoreCustomers(bgnbd, spend, cdnow, settings);
    for (const i of [0, 1, 5, 100, 2356]) {
      const [x, tx, T, z] = [cdnow.x[i], cdnow.tx[i], cdnow.T[i], cdnow.zbar[i]];
      expect(scores.pAlive[i]).toBe(pAlive(bgnbd, x, tx, T));
      expect(scores.expectedPurchases[i]).toBeCloseTo(expectedPurchases(bgnbd, 52, x, tx, T), 12);
      expect(scores.expectedSpend[i]).toBeCloseTo(expectedSpend(spend, x, z), 12);
      expect(scores.lifetimeValue[i]).toBeCloseTo(
        customerLifetimeValue(bgnbd, spend, x, tx, T, z, settings),
        10,
      );
    }
  });

  it("gives the same columns cooperatively, in chunks with pauses", async () => {
    let pauses = 0;
    const paced = await scoreCustomersAsync(bgnbd, spend, cdnow, settings, {
      yieldEvery: 0,
      pause: async () => void pauses++,
    });
    expect(Array.from(paced.lifetimeValue)).toEqual(
      Array.from(scoreCustomers(bgnbd, spend, cdnow, settings).lifetimeValue),
    );
    expect(pauses).toBeGreaterThan(0);
  });

  it("reuses one scorer across chunks", () => {
    const scorer = new LifetimeValueScorer(bgnbd, spend, settings);
    const out = {
      pAlive: new Float64Array(2),
      expectedPurchases: new Float64Array(2),
      expectedSpend: new Float64Array(2),
      lifetimeValue: new Float64Array(2),
    };
    scorer.score(0, 2, 30, 38, 20, out);
    scorer.score(1, 2, 10, 38, 20, out); // same (x, T), other recency: lower P(alive), lower value
    expect(out.pAlive[1]).toBeLessThan(out.pAlive[0]);
    expect(out.lifetimeValue[1] / out.lifetimeValue[0]).toBeCloseTo(out.pAlive[1] / out.pAlive[0], 12);
  });
});
