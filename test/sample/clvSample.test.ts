/**
 * The lifetime-value sample: the same rows for the same seed, every row a possible purchase history
 * (the method's own row rules), and a BG/NBD and Gamma-Gamma fit on 5,000 of its customers that
 * lands near the parameters the rows were drawn from (so the sample is the process it claims to be).
 */
import { isCoreError } from "../../src/core/errors";
import { fitBgnbd } from "../../src/core/bgnbdFit";
import { fitGammaGamma } from "../../src/core/gammaGamma";
import { ymdToSerial } from "../../src/core/excelDate";
import {
  CLV_SAMPLE_AS_OF,
  CLV_SAMPLE_COLUMNS as C,
  CLV_SAMPLE_PROCESS,
  clvSample,
} from "../../src/sample/clvSample";
import { rowRuleBroken } from "../../src/workflow/methods/clv";

const AS_OF = ymdToSerial(2026, 11, 30) as number;

test("the as-of date is the serial the rows end on", () => {
  expect(CLV_SAMPLE_AS_OF).toBe("2026-11-30");
});

test("same seed, same rows; another seed, other rows", () => {
  expect(clvSample(200)).toEqual(clvSample(200));
  expect(clvSample(200, 1).rows).not.toEqual(clvSample(200).rows);
  // A prefix of a longer sample: row i depends only on the rows before it.
  expect(clvSample(50).rows).toEqual(clvSample(200).rows.slice(0, 50));
});

test("every row is a purchase history the method accepts, with revenue the sum it claims", () => {
  const { rows } = clvSample(2000);
  for (const row of rows) {
    const orders = row[C.orders] as number;
    const first = row[C.firstPurchase] as number;
    const last = row[C.lastPurchase] as number;
    const average = row[C.averageValue];
    const revenue = row[C.revenue] as number;
    expect(
      rowRuleBroken(orders, first, last, average === null ? NaN : (average as number), AS_OF),
    ).toBeNull();
    expect(average === null).toBe(orders === 1);
    // Revenue = first purchase + (orders − 1) × the average repeat value: the first is positive.
    if (average !== null) expect(revenue).toBeGreaterThan((orders - 1) * (average as number) - 0.01 * orders);
    expect(revenue).toBeGreaterThan(0);
  }
  // About 60 % of CDNOW-like customers never come back (the paper's 1,411 of 2,357).
  const oneTime = rows.filter((row) => row[C.orders] === 1).length / rows.length;
  expect(oneTime).toBeGreaterThan(0.45);
  expect(oneTime).toBeLessThan(0.75);
});

test("a fit on 5,000 customers comes near the process' parameters", () => {
  const { rows } = clvSample(5000);
  const x = rows.map((row) => (row[C.orders] as number) - 1);
  const tx = rows.map((row) => ((row[C.lastPurchase] as number) - (row[C.firstPurchase] as number)) / 7);
  const T = rows.map((row) => (AS_OF - (row[C.firstPurchase] as number)) / 7);
  const fit = fitBgnbd({ x: Float64Array.from(x), tx: Float64Array.from(tx), T: Float64Array.from(T) });
  if (isCoreError(fit)) throw new Error(fit.message);
  const { r, alpha, a, b } = fit.parameters;
  const truth = CLV_SAMPLE_PROCESS;
  // Mean purchase rate r/α and mean dropout a/(a+b) are what 5,000 customers pin down best.
  expect(Math.abs(r / alpha / (truth.r / truth.alpha) - 1)).toBeLessThan(0.2);
  expect(Math.abs(a / (a + b) / (truth.a / (truth.a + truth.b)) - 1)).toBeLessThan(0.25);
  const repeat = rows.filter((row) => row[C.averageValue] !== null);
  const spend = fitGammaGamma({
    x: Float64Array.from(repeat, (row) => (row[C.orders] as number) - 1),
    zbar: Float64Array.from(repeat, (row) => row[C.averageValue] as number),
  });
  if (isCoreError(spend)) throw new Error(spend.message);
  const { p, q, v } = spend.parameters;
  // Mean spend per purchase p·γ/(q − 1): 6.25 · 15.44 / 2.74 = 35.2.
  const mean = (p * v) / (q - 1);
  expect(Math.abs(mean / ((truth.p * truth.gamma) / (truth.q - 1)) - 1)).toBeLessThan(0.15);
});
