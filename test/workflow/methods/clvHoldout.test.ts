/**
 * The lifetime-value method's holdout check on a hand-made order log: the orders after the as-of
 * date, counted by hand (same-day orders once, only after the as-of date), beside E[Y(t) | x, tₓ, T]
 * computed here by a second, plain implementation of the paper's equation (10) with a literal ₂F₁
 * series (Fader, Hardie & Lee 2005), with the parameters the run fitted.
 */
import { holdoutCheck } from "../../../src/core/holdoutCheck";
import { isoToSerial } from "../../../src/core/excelDate";
import { runSegmentation } from "../../../src/workflow/run";
import { defaultOrderSource } from "../../../src/workflow/settings";
import type { CellValue } from "../../../src/workbook/workbook";
import type { RunOutcome, SegmentationSettings } from "../../../src/workflow/types";
import { settingsFor, workbookWith } from "../fixtures";

const day = (iso: string) => isoToSerial(iso) as number;
const AS_OF = "2025-09-30";

/**
 * Calibration up to 2025-09-30 (a Tuesday), in weeks; the holdout is 2025-10-01 to the log's last
 * order day 2025-12-23 = 84 days = 12 weeks. Per customer: calibration purchase days → x (repeat
 * purchases); holdout purchase days → actual.
 *   A  01-06, 02-03, 03-10, 05-05, 07-14, 09-01            x 5 | 10-14 (two orders: one day), 11-18  → 2
 *   B  01-13 (two orders: one day)                          x 0 | none                               → 0
 *   C  02-10, 04-07                                         x 1 | 12-23 (the last order day)          → 1
 *   D  03-03                                                x 0 | 10-07                              → 1
 *   E  01-20, 02-17, 03-17, 04-14, 05-12, 06-09, 07-07,
 *      08-04, 09-01, 09-29                                  x 9 | 10-27, 11-24                       → 2
 *   F  05-19, 06-16                                         x 1 | none                               → 0
 *   G  06-02                                                x 0 | none                               → 0
 *   H  04-21, 08-18, 09-30 (the as-of day: calibration)     x 2 | 10-01 (the holdout's first day)     → 1
 *   I  07-21, 08-25                                         x 1 | 10-20, 10-21                       → 2
 *   J  02-24                                                x 0 | none                               → 0
 *   K  only 11-03: not a customer on the as-of date, not in the check
 *   L  01-27, 03-24, 06-23                                  x 2 | none                               → 0
 *   M  01-05, 01-19, 02-02, 02-16 (then silent)             x 3 | none                               → 0
 *   N  01-08, 01-22, 02-05 (then silent)                    x 2 | none                               → 0
 *   O  01-10, 01-24, 02-07, 02-21, 03-07 (then silent)      x 4 | 11-11 (back after eight months)     → 1
 *   Q  01-14, 02-11 (then silent)                           x 1 | none                               → 0
 * (The silent ones are what lets the model see dropouts: without them a and b run to 0.)
 * Groups by x: 0 → B, D, G, J (actual 0+1+0+0 = 1, mean 1/4); 1 → C, F, I, Q (1+0+2+0 = 3, mean 3/4);
 * 2 → H, L, N (1+0+0 = 1, mean 1/3); 3 → M (0); 4 → O (1); 5 → A (2); 6 empty; 7+ → E (2).
 * Total 1+3+1+0+1+2+2 = 10 purchases of 15 customers.
 */
const PURCHASES: Record<string, string[]> = {
  A: ["01-06", "02-03", "03-10", "05-05", "07-14", "09-01", "10-14", "10-14", "11-18"],
  B: ["01-13", "01-13"],
  C: ["02-10", "04-07", "12-23"],
  D: ["03-03", "10-07"],
  E: [
    "01-20",
    "02-17",
    "03-17",
    "04-14",
    "05-12",
    "06-09",
    "07-07",
    "08-04",
    "09-01",
    "09-29",
    "10-27",
    "11-24",
  ],
  F: ["05-19", "06-16"],
  G: ["06-02"],
  H: ["04-21", "08-18", "09-30", "10-01"],
  I: ["07-21", "08-25", "10-20", "10-21"],
  J: ["02-24"],
  K: ["11-03"],
  L: ["01-27", "03-24", "06-23"],
  M: ["01-05", "01-19", "02-02", "02-16"],
  N: ["01-08", "01-22", "02-05"],
  O: ["01-10", "01-24", "02-07", "02-21", "03-07", "11-11"],
  Q: ["01-14", "02-11"],
};

/** By hand, from the table above: calibration repeat purchases and holdout purchases per customer. */
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

/** The log's rows, interleaved by date (an export is in order-date order), amounts 10 + row. */
function orderLog(keep: (date: string) => boolean = () => true): CellValue[][] {
  const rows: [string, string][] = [];
  for (const [customer, dates] of Object.entries(PURCHASES))
    for (const date of dates) if (keep(date)) rows.push([customer, date]);
  rows.sort((p, q) => p[1].localeCompare(q[1]) || p[0].localeCompare(q[0]));
  return [
    ["Customer", "Order date", "Amount"],
    ...rows.map(([customer, date], i): CellValue[] => [customer, day(`2025-${date}`), 10 + i]),
  ];
}

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
