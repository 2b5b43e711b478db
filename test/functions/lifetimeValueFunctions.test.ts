// The fake global must exist before the wrappers load.
import { FakeExcelError } from "./fakeCustomFunctions";
import {
  BGNBDFIT,
  CLV,
  EXPECTEDPURCHASES,
  EXPECTEDSPEND,
  GAMMAGAMMAFIT,
  PALIVE,
} from "../../src/functions/functions";
import { loadCdnow } from "../data/cdnow/cdnow";
import reference from "../data/scipy/bgnbd_reference.json";

/** Excel passes omitted optional arguments as null. */
const omitted = null as unknown as undefined;
const cdnow = loadCdnow();
const column = (values: ArrayLike<number>) => Array.from(values, (v) => [v]);
const frequency = column(cdnow.x);
const recency = column(cdnow.tx);
const age = column(cdnow.T);
const averageValue = column(cdnow.zbar);
const published = [[0.243, 4.414, 0.793, 2.426]];
const publishedSpend = [[6.25, 3.74, 15.44]];

function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw an Excel error");
}

describe("CX.BGNBDFIT", () => {
  it("spills one row r, alpha, a, b: the paper's CDNOW values to three decimals", () => {
    const fit = BGNBDFIT(frequency, recency, age, omitted);
    expect(fit.length).toBe(1);
    expect(fit[0].map((v: number) => v.toFixed(3))).toEqual(["0.243", "4.414", "0.793", "2.426"]);
  });

  it("leaves blank rows out, so whole-column references work", () => {
    const withBlanks = (grid: number[][]) => [...grid, [null], [null], [""]];
    const fit = BGNBDFIT(withBlanks(frequency), withBlanks(recency), withBlanks(age), omitted);
    expect(fit[0].map((v: number) => v.toFixed(3))).toEqual(["0.243", "4.414", "0.793", "2.426"]);
  });

  it("throws #VALUE! naming the row of text or an impossible history", () => {
    expect(thrown(() => BGNBDFIT([[1], ["two"]], [[1], [2]], [[3], [4]]))).toBeExcelError(
      "#VALUE!",
      'Row 2 of frequency holds the text "two"',
    );
    expect(thrown(() => BGNBDFIT([[1], [2]], [[1], [5]], [[3], [4]]))).toBeExcelError(
      "#VALUE!",
      "Row 2: recency (5) is larger than age (4)",
    );
    expect(thrown(() => BGNBDFIT([[1], [2]], [[1], [null]], [[3], [4]]))).toBeExcelError(
      "#VALUE!",
      "Row 2 of recency is blank",
    );
  });

  it("throws #VALUE! for data that cannot identify the model", () => {
    expect(thrown(() => BGNBDFIT([[0], [0]], [[0], [0]], [[3], [4]]))).toBeExcelError(
      "#VALUE!",
      "No customer has a repeat purchase",
    );
    expect(thrown(() => BGNBDFIT([[2]], [[1]], [[3]]))).toBeExcelError("#VALUE!", "A single customer");
  });

  it("takes a penalty and refuses a negative one", () => {
    const penalised = BGNBDFIT(frequency, recency, age, 0.01);
    expect(Math.abs(penalised[0][0] / reference.bgnbdPenalised.r - 1)).toBeLessThan(1e-4);
    expect(thrown(() => BGNBDFIT(frequency, recency, age, -1))).toBeExcelError("#VALUE!", "penalty is -1");
  });

  it("throws #NUM! with advice when the fit cannot settle", () => {
    const x = [[1], [2], [3], [1], [2], [0], [0], [4]];
    const T = [[10], [12], [14], [9], [20], [7], [30], [25]];
    const tx = T.map(([t], i) => [x[i][0] > 0 ? t : 0]);
    expect(thrown(() => BGNBDFIT(x, tx, T))).toBeExcelError("#NUM!", "did not converge");
  });
});

describe("CX.PALIVE and CX.EXPECTEDPURCHASES", () => {
  it("give Hardie's 1.226 and the hand-worked P(alive) 0.7266 for x 2, tₓ 30.43, T 38.86", () => {
    expect(PALIVE([[2]], [[30.43]], [[38.86]], published)[0][0]).toBeCloseTo(0.726577, 5);
    expect(
      (EXPECTEDPURCHASES([[39]], [[2]], [[30.43]], [[38.86]], published)[0][0] as number).toFixed(3),
    ).toBe("1.226");
  });

  it("accept the parameters as a column of four cells too", () => {
    const asColumn = published[0].map((v) => [v]);
    expect(PALIVE([[2]], [[30.43]], [[38.86]], asColumn)).toEqual(
      PALIVE([[2]], [[30.43]], [[38.86]], published),
    );
  });

  it("spill one result per customer, blank rows blank, bad rows an error in that row only", () => {
    const result = PALIVE(
      [[2], [null], [0], [3]],
      [[30.43], [null], [0], [9]],
      [[38.86], [null], [20], [5]],
      published,
    );
    expect(result.length).toBe(4);
    expect(result[1]).toEqual([""]);
    expect(result[2]).toEqual([1]);
    expect(result[3][0]).toBeInstanceOf(FakeExcelError);
    expect(result[3][0]).toBeExcelError("#VALUE!", "Row 4: recency (9) is larger than age (5)");
  });

  it("agree with SciPy for every reference customer, with a per-customer horizon", () => {
    const customers = reference.customers;
    const fit = [[reference.bgnbd.r, reference.bgnbd.alpha, reference.bgnbd.a, reference.bgnbd.b]];
    const x = customers.map((c) => [c.x]);
    const tx = customers.map((c) => [c.tx]);
    const T = customers.map((c) => [c.T]);
    const horizons = customers.map((_, i) => [i % 2 === 0 ? 39 : 4]);
    const result = EXPECTEDPURCHASES(horizons, x, tx, T, fit);
    customers.forEach((c, i) => {
      const expected = i % 2 === 0 ? c.expected39 : c.expected4;
      expect(Math.abs((result[i][0] as number) / expected - 1)).toBeLessThan(1e-10);
    });
  });

  it("throw #VALUE! for parameters that are not four positive numbers", () => {
    expect(thrown(() => PALIVE([[1]], [[1]], [[2]], [[1, 2, 3]]))).toBeExcelError(
      "#VALUE!",
      "params has 3 cells",
    );
    expect(thrown(() => PALIVE([[1]], [[1]], [[2]], [[1, 2, 0, 3]]))).toBeExcelError("#VALUE!", "a is 0");
    expect(thrown(() => PALIVE([[1]], [[1]], [[2]], [[1, "x", 1, 3]]))).toBeExcelError(
      "#VALUE!",
      'alpha is "x"',
    );
  });

  it("give a negative horizon as #VALUE! in its row", () => {
    expect(EXPECTEDPURCHASES([[-1]], [[1]], [[1]], [[2]], published)[0][0]).toBeExcelError(
      "#VALUE!",
      "Horizon in row 1",
    );
  });
});

describe("CX.GAMMAGAMMAFIT and CX.EXPECTEDSPEND", () => {
  it("fits the published p 6.25, q 3.74, v 15.44 on CDNOW, leaving customers without repeat purchases out", () => {
    const fit = GAMMAGAMMAFIT(frequency, averageValue, omitted);
    expect(fit[0].map((v: number) => v.toFixed(2))).toEqual(["6.25", "3.74", "15.44"]);
  });

  it("accepts a blank average value where frequency is 0", () => {
    const blanks = averageValue.map(([v], i) => [cdnow.x[i] === 0 ? null : v]);
    expect(GAMMAGAMMAFIT(frequency, blanks, omitted)).toEqual(
      GAMMAGAMMAFIT(frequency, averageValue, omitted),
    );
  });

  it("gives Hardie's expected average values for the first CDNOW customers", () => {
    const spend = EXPECTEDSPEND(frequency.slice(0, 6), averageValue.slice(0, 6), publishedSpend);
    [24.65, 18.91, 35.17, 35.17, 35.17, 71.46].forEach((value, i) =>
      expect(Math.abs((spend[i][0] as number) - value)).toBeLessThan(0.06),
    );
  });

  it("says q must be above 1 and names a repeat customer without a positive average", () => {
    expect(thrown(() => EXPECTEDSPEND([[1]], [[10]], [[2, 0.8, 5]]))).toBeExcelError(
      "#VALUE!",
      "greater than 1",
    );
    expect(thrown(() => GAMMAGAMMAFIT([[1], [2], [3]], [[10], [-3], [4]]))).toBeExcelError(
      "#VALUE!",
      "Row 2: average_value is -3",
    );
    expect(EXPECTEDSPEND([[1], [2]], [[10], [-3]], publishedSpend)[1][0]).toBeExcelError(
      "#VALUE!",
      "cannot be negative",
    );
  });
});

describe("CX.CLV", () => {
  const fit = [[reference.bgnbd.r, reference.bgnbd.alpha, reference.bgnbd.a, reference.bgnbd.b]];
  const spendFit = [[reference.gammaGamma.p, reference.gammaGamma.q, reference.gammaGamma.v]];

  it("agrees with SciPy for the reference customers (52 weeks, margin 0.3, 10 % a year)", () => {
    const customers = reference.customers;
    const result = CLV(
      customers.map((c) => [c.x]),
      customers.map((c) => [c.tx]),
      customers.map((c) => [c.T]),
      customers.map((c) => [c.zbar]),
      fit,
      spendFit,
      52,
      0.3,
      0.1,
      52.1775,
    );
    customers.forEach((c, i) => expect(Math.abs((result[i][0] as number) / c.clv52 - 1)).toBeLessThan(1e-9));
  });

  it("uses margin 1, discount 0.1 and 52.1775 periods a year when those are omitted (Excel passes null)", () => {
    const [[defaulted]] = CLV(
      [[2]],
      [[30.43]],
      [[38.86]],
      [[22.35]],
      fit,
      spendFit,
      52,
      omitted,
      omitted,
      omitted,
    );
    const [[explicit]] = CLV([[2]], [[30.43]], [[38.86]], [[22.35]], fit, spendFit, 52, 1, 0.1, 52.1775);
    expect(defaulted).toBe(explicit);
  });

  it("gives margin × E[Z] × E[Y(K)] without discounting (hand check through the other functions)", () => {
    const [[value]] = CLV([[3]], [[20]], [[38]], [[40]], fit, spendFit, 26, 0.5, 0, omitted);
    const [[purchases]] = EXPECTEDPURCHASES([[26]], [[3]], [[20]], [[38]], fit);
    const [[spend]] = EXPECTEDSPEND([[3]], [[40]], spendFit);
    expect(value as number).toBeCloseTo(0.5 * (spend as number) * (purchases as number), 10);
  });

  it("throws #VALUE! for a horizon that is not a whole number of periods, or missing", () => {
    expect(thrown(() => CLV([[1]], [[1]], [[2]], [[5]], fit, spendFit, 2.5))).toBeExcelError(
      "#VALUE!",
      "horizon is 2.5",
    );
    expect(
      thrown(() => CLV([[1]], [[1]], [[2]], [[5]], fit, spendFit, omitted as unknown as number)),
    ).toBeExcelError("#VALUE!", "horizon");
    expect(thrown(() => CLV([[1]], [[1]], [[2]], [[5]], fit, spendFit, 5, 1, -0.1))).toBeExcelError(
      "#VALUE!",
      "annual_discount is -0.1",
    );
  });
});
