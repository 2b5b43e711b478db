/**
 * The lifetime-value method's holdout check on a hand-made order log: the orders after the as-of
 * date, counted by hand (same-day orders once, only after the as-of date), beside E[Y(t) | x, tₓ, T]
 * computed here by a second, plain implementation of the paper's equation (10) with a literal ₂F₁
 * series (Fader, Hardie & Lee 2005), with the parameters the run fitted.
 */
import { holdoutCheck } from "../../../src/core/holdoutCheck";
import { runSegmentation } from "../../../src/workflow/run";
import { defaultOrderSource } from "../../../src/workflow/settings";
import type { RunOutcome, SegmentationSettings } from "../../../src/workflow/types";
import { settingsFor, workbookWith } from "../fixtures";
import { AS_OF, day, orderLog, PURCHASES } from "../holdoutLog";

/** By hand, from the table of test/workflow/holdoutLog.ts: calibration repeat purchases and holdout purchases per customer. */
const HAND = {
  A: { x: 5, holdout: 2 },
  B: { x: 0, holdout: 0 },
  C: { x: 1, holdout: 1 },
  D: { x: 0, holdout: 1 },
  E: { x: 9, holdout: 2 },
  F: { x: 1, holdout: 0 },
  G: { x: 0, holdout: 0 },
  H: { x: 2, holdout: 1 },
  I: { x: 1, holdout: 2 },
  J: { x: 0, holdout: 0 },
  L: { x: 2, holdout: 0 },
  M: { x: 3, holdout: 0 },
  N: { x: 2, holdout: 0 },
  O: { x: 4, holdout: 1 },
  Q: { x: 1, holdout: 0 },
} as const;

function settings(): SegmentationSettings {
  return settingsFor("clv", { customer: 0, orderDate: 1, value: 2 }, (s) => {
    s.source = { ...defaultOrderSource(AS_OF) };
    s.clv.asOf = AS_OF;
    s.clv.penalty = 0.001;
  });
}

function ok(outcome: RunOutcome) {
  if (!outcome.ok) throw new Error(`run stopped: ${outcome.problem.message}`);
  return outcome;
}

// ---- the plain closed forms (Fader, Hardie & Lee 2005), written out without the core

interface Bgnbd {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

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

/** The paper's equation (10): E[Y(t) | x, tₓ, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(…)] · P(alive). */
function plainExpected({ r, alpha, a, b }: Bgnbd, t: number, x: number, tx: number, T: number): number {
  const F = hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t));
  const ifAlive = ((a + b + x - 1) / (a - 1)) * (1 - Math.pow((alpha + T) / (alpha + T + t), r + x) * F);
  const alive = x === 0 ? 1 : 1 / (1 + (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x));
  return ifAlive * alive;
}

/** x, tₓ, T in weeks of a customer's calibration purchase days (distinct days up to the as-of date). */
function historyOf(customer: string): { x: number; tx: number; T: number } {
  const days = [...new Set(PURCHASES[customer].map((d) => day(`2025-${d}`)))].filter((d) => d <= day(AS_OF));
  const first = Math.min(...days);
  const last = Math.max(...days);
  return { x: days.length - 1, tx: (last - first) / 7, T: (day(AS_OF) - first) / 7 };
}

describe("the lifetime-value method's holdout check", () => {
  it("compares expected and actual purchases after the as-of date, per group of repeat purchases and in total", async () => {
    const outcome = ok(await runSegmentation(workbookWith(orderLog()), settings()));
    const lifetime = outcome.summary.lifetimeValue!;
    const holdout = lifetime.holdout!;
    expect(holdout).toBeDefined();
    // 2025-10-01 to 2025-12-23: 84 days = 12 weeks.
    expect(holdout.from).toBe("2025-10-01");
    expect(holdout.to).toBe("2025-12-23");
    expect(holdout.periods).toBe(12);
    expect(holdout.customers).toBe(15);

    // The hand counts: the histories' x agree with the table above, then each group's actual mean.
    for (const [customer, hand] of Object.entries(HAND)) expect(historyOf(customer).x).toBe(hand.x);
    expect(holdout.groups.map((g) => g.repeatPurchases)).toEqual(["0", "1", "2", "3", "4", "5", "6", "7+"]);
    expect(holdout.groups.map((g) => g.customers)).toEqual([4, 4, 3, 1, 1, 1, 0, 1]);
    const actual = [1 / 4, 3 / 4, 1 / 3, 0, 1, 2, null, 2];
    holdout.groups.forEach((group, k) => {
      if (actual[k] === null) expect(group.actual).toBeNull();
      else expect(group.actual).toBeCloseTo(actual[k] as number, 15);
    });
    expect(holdout.total.actual).toBe(10);

    // The expectations, by the plain equation (10) with the run's fitted parameters.
    const fit = lifetime.model.bgnbd;
    const expectedOf = (customer: string) => {
      const { x, tx, T } = historyOf(customer);
      return plainExpected(fit, 12, x, tx, T);
    };
    const groupOf = (x: number) => Math.min(7, x);
    const sums = new Array<number>(8).fill(0);
    let total = 0;
    for (const [customer, hand] of Object.entries(HAND)) {
      sums[groupOf(hand.x)] += expectedOf(customer);
      total += expectedOf(customer);
    }
    const counts = [4, 4, 3, 1, 1, 1, 0, 1];
    holdout.groups.forEach((group, k) => {
      if (counts[k] === 0) expect(group.expected).toBeNull();
      else expect(group.expected).toBeCloseTo(sums[k] / counts[k], 10);
    });
    expect(holdout.total.expected).toBeCloseTo(total, 10);
    expect(total).toBeGreaterThan(0);
  });

  it("writes the check on the summary sheet with its chart", async () => {
    const wb = workbookWith(orderLog());
    const outcome = ok(await runSegmentation(wb, settings()));
    const sheet = wb.sheetGrid("CX Summary");
    const title = sheet.findIndex((row) => row[0] === "Holdout check: purchases after the as-of date");
    expect(title).toBeGreaterThan(0);
    expect(sheet[title + 1][0]).toBe(
      "2025-10-01 to 2025-12-23 (12 weeks), 15 customers known on the as-of date",
    );
    expect(sheet[title + 2].slice(0, 5)).toEqual([
      "Repeat purchases",
      "Customers",
      "Actual purchases per customer",
      "Expected purchases per customer (BG/NBD)",
      null,
    ]);
    const groups = sheet.slice(title + 3, title + 11);
    expect(groups.map((row) => row.slice(0, 2))).toEqual([
      ["0", 4],
      ["1", 4],
      ["2", 3],
      ["3", 1],
      ["4", 1],
      ["5", 1],
      ["6", 0],
      ["7+", 1],
    ]);
    const holdout = outcome.summary.lifetimeValue!.holdout!;
    // The means as cells (group 6 has no customer: blank, not 0), the chart's two series.
    expect(groups.map((row) => row[2])).toEqual(holdout.groups.map((g) => g.actual));
    expect(groups.map((row) => row[3])).toEqual(holdout.groups.map((g) => g.expected));
    expect(groups[6].slice(2, 4)).toEqual([null, null]);
    expect(sheet[title + 11].slice(0, 3)).toEqual(["Total purchases in the holdout: actual", 10, null]);
    expect(sheet[title + 12].slice(0, 3)).toEqual([
      "Total purchases in the holdout: expected (BG/NBD)",
      holdout.total.expected,
      null,
    ]);
    const charts = wb.charts("CX Summary");
    const chart = charts.find(
      (c) => c.title === "Holdout: actual vs expected purchases per customer by repeat purchases",
    );
    expect(chart).toBeDefined();
    expect(chart!.kind).toBe("column");
    expect(chart!.categories).toMatchObject({ row: title + 3, column: 0, rowCount: 8 });
    expect(chart!.series.map((s) => [s.name, s.values.row, s.values.column])).toEqual([
      ["Actual", title + 3, 2],
      ["Expected (BG/NBD)", title + 3, 3],
    ]);
  });

  it("gives the core's check the same numbers as the run", async () => {
    // The core function on the histories by hand: what the summary holds, computed without the workflow.
    const outcome = ok(await runSegmentation(workbookWith(orderLog()), settings()));
    const lifetime = outcome.summary.lifetimeValue!;
    const customers = Object.keys(HAND);
    const histories = customers.map(historyOf);
    const check = holdoutCheck(
      lifetime.model.bgnbd,
      {
        x: histories.map((h) => h.x),
        tx: histories.map((h) => h.tx),
        T: histories.map((h) => h.T),
        holdout: customers.map((c) => HAND[c as keyof typeof HAND].holdout),
      },
      12,
    );
    expect(lifetime.holdout!.groups).toEqual(check.groups);
    expect(lifetime.holdout!.total.actual).toBe(check.total.actual);
    expect(lifetime.holdout!.total.expected).toBeCloseTo(check.total.expected, 12);
  });

  it("has no holdout check when no order is after the as-of date", async () => {
    const wb = workbookWith(orderLog((date) => date <= "09-30"));
    const outcome = ok(await runSegmentation(wb, settings()));
    expect(outcome.summary.lifetimeValue).toBeDefined();
    expect(outcome.summary.lifetimeValue!.holdout).toBeUndefined();
    expect(wb.sheetGrid("CX Summary").some((row) => String(row[0]).startsWith("Holdout"))).toBe(false);
    expect(wb.charts("CX Summary").some((chart) => chart.title.startsWith("Holdout"))).toBe(false);
    expect(outcome.summary.notes.join(" ")).not.toMatch(/holdout/i);
  });
});
