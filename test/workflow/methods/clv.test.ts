/**
 * The lifetime-value method on the CDNOW customers (test/data/cdnow, Fader, Hardie & Lee 2005) as
 * a customer table: the workflow's fit is the papers' fit and the worksheet functions' fit, and its
 * columns are the closed forms computed here by a second, plain implementation.
 */
import {
  bgnbdFitSheet,
  clvSheet,
  expectedSpendSheet,
  gammaGammaFitSheet,
  pAliveSheet,
} from "../../../src/core/lifetimeValueSheet";
import { rowRuleBroken } from "../../../src/workflow/methods/clv";
import { runSegmentation } from "../../../src/workflow/run";
import type { CellValue } from "../../../src/workbook/workbook";
import type { RunSummary, SegmentationSettings } from "../../../src/workflow/types";
import { CDNOW_AS_OF, CDNOW_AS_OF_SERIAL, cdnowCustomerTable, loadCdnow } from "../../data/cdnow/cdnow";
import { columnValues, settingsFor, workbookWith } from "../fixtures";

const MAPPING = { customer: 0, firstPurchase: 1, lastPurchase: 2, orders: 3, value: 4, averageValue: 5 };
const CLV = settingsFor("clv", MAPPING, (s) => {
  s.clv.asOf = CDNOW_AS_OF;
  s.clv.margin = 0.3;
});
// Columns added after the six of the table: G P(alive), H expected purchases, I expected average value, J CLV, K tier.
const [ALIVE, PURCHASES, SPEND, VALUE, TIER] = [6, 7, 8, 9, 10];

// ---- the plain closed forms (Fader, Hardie & Lee 2005), written out without the core

interface Bgnbd {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

function plainPAlive({ r, alpha, a, b }: Bgnbd, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  return 1 / (1 + (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x));
}

/** ₂F₁(a, b; c; z) by its series, term by term until it stops changing. */
function hyp2f1(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let j = 0; j < 10000 && Math.abs(term) > 1e-16 * Math.abs(sum); j++) {
    term *= ((a + j) * (b + j) * z) / ((c + j) * (j + 1));
    sum += term;
  }
  return sum;
}

/** The paper's equation (10): E[Y(t) | x, tₓ, T]. */
function plainExpected(p: Bgnbd, t: number, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const F = hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
  const ifAlive = ((a + b + x - 1) / (a - 1)) * (1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * F);
  return ifAlive * plainPAlive(p, x, tx, T);
}

function plainSpend(g: { p: number; q: number; v: number }, x: number, zbar: number): number {
  return (
    ((g.q - 1) / (g.p * x + g.q - 1)) * ((g.v * g.p) / (g.q - 1)) + ((g.p * x) / (g.p * x + g.q - 1)) * zbar
  );
}

// ---- helpers

async function runCdnow(settings: SegmentationSettings = CLV) {
  const wb = workbookWith(cdnowCustomerTable() as CellValue[][]);
  const outcome = await runSegmentation(wb, settings);
  if (!outcome.ok) throw new Error(outcome.problem.message);
  return { wb, summary: outcome.summary };
}

function column(grid: readonly number[]): CellValue[][] {
  return grid.map((v) => [v]);
}

describe("the lifetime-value method on the CDNOW customer table", () => {
  const cdnow = loadCdnow();
  const n = cdnow.x.length;
  let wb: Awaited<ReturnType<typeof runCdnow>>["wb"];
  let summary: RunSummary;
  beforeAll(async () => {
    ({ wb, summary } = await runCdnow());
  }, 120000);

  it("fits the papers' parameters, and the worksheet functions' fit", () => {
    const model = summary.lifetimeValue!.model;
    // Fader, Hardie & Lee (2005) Marketing Science: r 0.243, α 4.414, a 0.793, b 2.426, LL −9582.4.
    expect(model.bgnbd.r).toBeCloseTo(0.243, 3);
    expect(model.bgnbd.alpha).toBeCloseTo(4.414, 2);
    expect(model.bgnbd.a).toBeCloseTo(0.793, 3);
    expect(model.bgnbd.b).toBeCloseTo(2.426, 2);
    expect(model.bgnbd.logLikelihood).toBeCloseTo(-9582.4, 1);
    // Fader, Hardie & Lee (2005) JMR: p 6.25, q 3.74, v 15.44.
    expect(model.gammaGamma.p).toBeCloseTo(6.25, 2);
    expect(model.gammaGamma.q).toBeCloseTo(3.74, 2);
    expect(model.gammaGamma.v).toBeCloseTo(15.44, 1);
    expect(model.period).toBe("week");
    expect(model.horizon).toBe(52);

    const x = column([...cdnow.x]);
    const fit = bgnbdFitSheet(x, column([...cdnow.tx]), column([...cdnow.T])) as number[][];
    const [r, alpha, a, b] = fit[0];
    expect(model.bgnbd.r).toBeCloseTo(r, 8);
    expect(model.bgnbd.alpha).toBeCloseTo(alpha, 6);
    expect(model.bgnbd.a).toBeCloseTo(a, 8);
    expect(model.bgnbd.b).toBeCloseTo(b, 6);
    const spend = gammaGammaFitSheet(x, column([...cdnow.zbar])) as number[][];
    expect(model.gammaGamma.p).toBeCloseTo(spend[0][0], 6);
    expect(model.gammaGamma.q).toBeCloseTo(spend[0][1], 6);
    expect(model.gammaGamma.v).toBeCloseTo(spend[0][2], 5);
  });

  it("writes P(alive), E[Y(52)], E[Z] and CLV as the plain closed forms give them", () => {
    const { bgnbd, gammaGamma } = summary.lifetimeValue!.model;
    const alive = columnValues(wb, ALIVE, n) as number[];
    const purchases = columnValues(wb, PURCHASES, n) as number[];
    const spend = columnValues(wb, SPEND, n) as number[];
    const value = columnValues(wb, VALUE, n) as number[];
    expect(wb.cell("Customers", 0, ALIVE)).toBe("P(alive)");
    expect(wb.cell("Customers", 0, PURCHASES)).toBe("Expected purchases (52 weeks)");
    expect(wb.cell("Customers", 0, VALUE)).toBe("CLV (52 weeks)");
    // Every customer: the plain P(alive), E[Y(52)] and E[Z].
    for (let i = 0; i < n; i++) {
      const [x, tx, T, z] = [cdnow.x[i], cdnow.tx[i], cdnow.T[i], cdnow.zbar[i]];
      expect(alive[i]).toBeCloseTo(plainPAlive(bgnbd, x, tx, T), 10);
      expect(purchases[i]).toBeCloseTo(plainExpected(bgnbd, 52, x, tx, T), 8);
      expect(spend[i]).toBeCloseTo(plainSpend(gammaGamma, x, z), 8);
    }
    // CLV = m Σₖ (E[Y(k)] − E[Y(k−1)]) E[Z] / 1.1^(k/52.1775), for the first 25 customers.
    for (let i = 0; i < 25; i++) {
      const [x, tx, T, z] = [cdnow.x[i], cdnow.tx[i], cdnow.T[i], cdnow.zbar[i]];
      let sum = 0;
      for (let k = 1; k <= 52; k++) {
        const step = plainExpected(bgnbd, k, x, tx, T) - plainExpected(bgnbd, k - 1, x, tx, T);
        sum += step / Math.pow(1.1, k / 52.1775);
      }
      expect(value[i]).toBeCloseTo(0.3 * plainSpend(gammaGamma, x, z) * sum, 8);
    }
  });

  it("gives the numbers of CX.PALIVE, CX.EXPECTEDSPEND and CX.CLV with the fitted parameters", () => {
    const { bgnbd, gammaGamma } = summary.lifetimeValue!.model;
    const params = [[bgnbd.r, bgnbd.alpha, bgnbd.a, bgnbd.b]];
    const spendParams = [[gammaGamma.p, gammaGamma.q, gammaGamma.v]];
    const x = column([...cdnow.x]);
    const tx = column([...cdnow.tx]);
    const T = column([...cdnow.T]);
    const zbar = column([...cdnow.zbar]);
    const fromFunctions = {
      alive: pAliveSheet(x, tx, T, params) as number[],
      spend: expectedSpendSheet(x, zbar, spendParams) as number[],
      value: clvSheet(x, tx, T, zbar, params, spendParams, 52, 0.3, 0.1, 52.1775) as number[],
    };
    const sheet = {
      alive: columnValues(wb, ALIVE, n),
      spend: columnValues(wb, SPEND, n),
      value: columnValues(wb, VALUE, n),
    };
    expect(sheet.alive).toEqual(fromFunctions.alive);
    expect(sheet.spend).toEqual(fromFunctions.spend);
    expect(sheet.value).toEqual(fromFunctions.value);
  });

  it("ranks customers into tiers of 20 %, 30 % and the rest, with their sums", () => {
    const lv = summary.lifetimeValue!;
    const value = columnValues(wb, VALUE, n) as number[];
    const tiers = columnValues(wb, TIER, n);
    // 2357 customers: top ⌈471.4⌉ = 472, next ⌈1178.5⌉ − 472 = 707, rest 1178.
    expect(lv.tiers.map((t) => t.customers)).toEqual([472, 707, 1178]);
    expect(summary.segments.map((s) => s.customers)).toEqual([472, 707, 1178]);
    const sorted = [...value].sort((p, q) => q - p);
    const sum = (xs: number[]) => xs.reduce((s, v) => s + v, 0);
    const total = sum(value);
    expect(lv.tiers[0].lifetimeValue).toBeCloseTo(sum(sorted.slice(0, 472)), 6);
    expect(lv.tiers[1].lifetimeValue).toBeCloseTo(sum(sorted.slice(472, 1179)), 6);
    expect(lv.tiers[2].lifetimeValue).toBeCloseTo(sum(sorted.slice(1179)), 6);
    expect(lv.tiers[0].lifetimeValueShare).toBeCloseTo(sum(sorted.slice(0, 472)) / total, 10);
    expect(summary.totalValue).toBeCloseTo(total, 6);
    // Every top-tier customer is worth at least every customer of the next tier.
    const lowestTop = Math.min(...value.filter((_, i) => tiers[i] === "Top 20 %"));
    const highestNext = Math.max(...value.filter((_, i) => tiers[i] === "Next 30 %"));
    expect(lowestTop).toBeGreaterThanOrEqual(highestNext);
    const purchases = columnValues(wb, PURCHASES, n) as number[];
    const expectedTop = sum(purchases.filter((_, i) => tiers[i] === "Top 20 %"));
    expect(lv.tiers[0].expectedPurchases).toBeCloseTo(expectedTop, 8);
  });

  it("counts the value at risk: past value of the customers with P(alive) below 50 %", () => {
    const risk = summary.lifetimeValue!.valueAtRisk;
    const alive = columnValues(wb, ALIVE, n) as number[];
    let customers = 0;
    let past = 0;
    let allPast = 0;
    for (let i = 0; i < n; i++) {
      const repeatValue = cdnow.x[i] * cdnow.zbar[i];
      allPast += repeatValue;
      if (alive[i] < 0.5) {
        customers++;
        past += repeatValue;
      }
    }
    expect(customers).toBeGreaterThan(0);
    expect(risk.customers).toBe(customers);
    expect(risk.pastValue).toBeCloseTo(past, 6);
    expect(risk.pastValueShare).toBeCloseTo(past / allPast, 10);
  });

  it("draws the paper's fit chart: actual and expected customers with 0…6 and 7+ repeat purchases", () => {
    const chart = summary.lifetimeValue!.fitChart;
    expect(chart.map((bin) => bin.repeatPurchases)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    // Actual counts of CDNOW (the paper's Figure 3 left bars): 1411, 439, 214, 100, 62, 38, 29, 64.
    expect(chart.map((bin) => bin.actual)).toEqual([1411, 439, 214, 100, 62, 38, 29, 64]);
    // Expected (core's doc example, the paper's figure): 1407.7, 460.3, 192.5, 101.2, 59.8, 38.1, 25.5, 71.9.
    [1407.7, 460.3, 192.5, 101.2, 59.8, 38.1, 25.5, 71.9].forEach((e, k) =>
      expect(chart[k].expected).toBeCloseTo(e, 0),
    );
    const sheet = wb.sheetGrid("CX Summary");
    const charts = wb.charts("CX Summary");
    expect(charts.some((c) => c.kind === "column" && /repeat purchases/i.test(c.title))).toBe(true);
    expect(sheet.some((row) => row[0] === "Fit: customers by repeat purchases")).toBe(true);
  });
});

describe("the lifetime-value method's checks", () => {
  const HEADERS = [
    "Customer",
    "First purchase",
    "Last purchase",
    "Purchases",
    "Total value",
    "Average repeat value",
  ];
  const AS_OF = CDNOW_AS_OF_SERIAL;

  it("names the rows whose histories are impossible, and skips them when asked", async () => {
    const rows: CellValue[][] = cdnowCustomerTable().slice(0, 300) as CellValue[][];
    rows[0] = HEADERS;
    rows[5] = ["bad1", AS_OF - 10, AS_OF + 3, 4, 30, 10]; // last purchase after the as-of date
    rows[9] = ["bad2", AS_OF - 10, AS_OF - 20, 4, 30, 10]; // last before first
    rows[12] = ["bad3", AS_OF - 10, AS_OF - 5, 1, 30, null]; // one purchase on two days
    rows[20] = ["bad4", AS_OF - 10, AS_OF - 5, 3, 30, null]; // repeat buyer without an average value
    const stopped = await runSegmentation(workbookWith(rows), CLV);
    expect(stopped.ok).toBe(false);
    if (stopped.ok) return;
    expect(stopped.problem.code).toBe("invalid-rows");
    // Excel rows are the 1-based grid index + 1.
    expect(stopped.problem.message).toMatch(
      /last purchase \(column C "Last purchase"\) is before the first purchase \(column B "First purchase"\): row 10/,
    );
    expect(stopped.problem.message).toMatch(/after the as-of date 1997-09-30: row 6/);
    expect(stopped.problem.message).toMatch(/there is 1 purchase .*: row 13/);
    expect(stopped.problem.message).toMatch(
      /average value \(column F "Average repeat value"\) is blank or not a number: row 21/,
    );
    expect(stopped.problem.message).toMatch(/Skip these rows/);

    const skipping = { ...CLV, skipInvalidRows: true };
    const wb = workbookWith(rows);
    const outcome = await runSegmentation(wb, skipping);
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.summary.customers).toBe(299 - 4);
    expect(outcome.summary.notes.join(" ")).toMatch(
      /4 rows were left out of the lifetime value .*rows 6, 10, 13, 21\./,
    );
    expect(wb.cell("Customers", 5, ALIVE)).toBeNull();
    expect(typeof wb.cell("Customers", 6, ALIVE)).toBe("number");
  });

  it("says why the model cannot be fitted when nobody bought twice", async () => {
    const rows: CellValue[][] = [HEADERS];
    for (let i = 0; i < 20; i++) rows.push([`c${i}`, AS_OF - 10 * i, AS_OF - 10 * i, 1, 20, null]);
    const outcome = await runSegmentation(workbookWith(rows), CLV);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problem.code).toBe("model-not-identified");
    expect(outcome.problem.message).toMatch(
      /^The BG\/NBD model cannot be fitted to these customers\. No customer has a repeat purchase/,
    );
    expect(outcome.problem.message).toMatch(/"Purchases" − 1/);
  });

  it("says a single customer cannot identify the model", async () => {
    const outcome = await runSegmentation(
      workbookWith([HEADERS, ["a", AS_OF - 50, AS_OF - 10, 3, 60, 20]]),
      CLV,
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problem.message).toMatch(/A single customer cannot identify the model's parameters/);
  });

  it("refuses a horizon that is not a whole number of periods, in the pane's words", async () => {
    const settings = { ...CLV, clv: { ...CLV.clv, horizon: 2.5 } };
    const outcome = await runSegmentation(workbookWith(cdnowCustomerTable() as CellValue[][]), settings);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problem.code).toBe("invalid-setting");
    expect(outcome.problem.message).toMatch(/^The horizon must be a whole number/);
    expect(outcome.problem.message).not.toMatch(/--horizon/);
  });

  it("checks each row rule in order (a hand-made table of cases)", () => {
    // (purchases, first, last, average, as-of 100)
    expect(rowRuleBroken(0, 10, 10, NaN, 100)).toBe("purchases-below-one");
    expect(rowRuleBroken(2.5, 10, 20, 5, 100)).toBe("purchases-not-whole");
    expect(rowRuleBroken(3, 20, 10, 5, 100)).toBe("last-before-first");
    expect(rowRuleBroken(1, 101, 101, NaN, 100)).toBe("first-after-as-of");
    expect(rowRuleBroken(3, 90, 101, 5, 100)).toBe("last-after-as-of");
    expect(rowRuleBroken(1, 10, 11, NaN, 100)).toBe("one-purchase-two-days");
    expect(rowRuleBroken(2, 10, 20, NaN, 100)).toBe("average-value-missing");
    expect(rowRuleBroken(2, 10, 20, 0, 100)).toBe("average-value-not-positive");
    expect(rowRuleBroken(1, 10, 10, NaN, 100)).toBeNull();
    expect(rowRuleBroken(2, 10, 100, 5, 100)).toBeNull();
  });
});
