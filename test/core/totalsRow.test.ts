import { isTotalsLabel, nearlyTotal, TOTALS_LABELS, trailingTotalsRows } from "../../src/core/totalsRow";

const labels = (...xs: unknown[]) => Object.freeze(xs);
const values = (...xs: number[]) => Object.freeze(xs);

describe("isTotalsLabel", () => {
  it.each([
    "Total",
    "TOTAL",
    "  total  ",
    "Totals",
    "Sum",
    "Grand total",
    "Grand Total:",
    "Gesamt",
    "Summe",
    "Totale",
    "Totaal",
    "Somme",
    "Total général",
  ])("reads %p as the label of a totals row", (label) => {
    expect(isTotalsLabel(label)).toBe(true);
  });

  it.each(["Total Fitness GmbH", "Subtotal of Q1", "Summit AG", "", null, 1190, true])(
    "does not read %p as one",
    (label) => {
      expect(isTotalsLabel(label)).toBe(false);
    },
  );

  it("keeps its word list lower-case, so the comparison is case-insensitive", () => {
    for (const word of TOTALS_LABELS) expect(word).toBe(word.toLowerCase());
  });
});

describe("nearlyTotal", () => {
  it("accepts a difference within a cent, or within a relative 1e-9", () => {
    expect(nearlyTotal(100.01, 100)).toBe(true); // 0.01: exactly a cent (binary 0.010000000000005)
    expect(nearlyTotal(100.02, 100)).toBe(false);
    // 3e12 · 1e-9 = 3000: a total of three trillion rounded to the thousand still counts
    expect(nearlyTotal(3e12 + 2500, 3e12)).toBe(true);
    expect(nearlyTotal(3e12 + 3500, 3e12)).toBe(false);
  });

  it("never calls a non-number a total", () => {
    expect(nearlyTotal(NaN, 0)).toBe(false);
    expect(nearlyTotal(Infinity, Infinity)).toBe(false);
  });
});

describe("trailingTotalsRows", () => {
  it("finds the totals row in the last row", () => {
    // 500 + 120 + 480 + 90 = 1190
    expect(trailingTotalsRows(labels("a", "b", "c", "d", "Total"), values(500, 120, 480, 90, 1190))).toEqual({
      rows: 1,
      sum: 1190,
    });
  });

  it.each([
    ["Summe", 1190],
    ["Gesamt", 1190.004], // rounded amounts: within a cent
    ["Totale", 1190],
    ["Totaal", 1190],
    ["Somme", 1190],
    ["Grand total", 1190],
  ])("finds a %s row holding (nearly) the sum", (label, total) => {
    expect(trailingTotalsRows(labels("a", "b", "c", "d", label), values(500, 120, 480, 90, total)).rows).toBe(
      1,
    );
  });

  it("leaves a row labelled Total alone when its value is not the sum (a near miss)", () => {
    // 1190 is the sum; 1191 is a customer's value, one unit off
    expect(
      trailingTotalsRows(labels("a", "b", "c", "d", "Total"), values(500, 120, 480, 90, 1191)).rows,
    ).toBe(0);
  });

  it("leaves a Total in the middle of the list alone: only the last rows are candidates", () => {
    // "Total" holds 620 = 500 + 120, but another customer follows
    expect(trailingTotalsRows(labels("a", "b", "Total", "d"), values(500, 120, 620, 90)).rows).toBe(0);
  });

  it("finds a block of two trailing rows that both hold the sum", () => {
    // 10 + 20 + 30 = 60, in a "Sum" line and a "Grand total" line
    expect(
      trailingTotalsRows(labels("a", "b", "c", "Sum", "Grand total"), values(10, 20, 30, 60, 60)),
    ).toEqual({
      rows: 2,
      sum: 60,
    });
  });

  it("keeps a customer called Total just above the real totals row", () => {
    // customers a 10, Total 20; the totals row holds 10 + 20 = 30
    expect(trailingTotalsRows(labels("a", "Total", "Total"), values(10, 20, 30))).toEqual({
      rows: 1,
      sum: 30,
    });
  });

  it("adds only the numbers above, as SUM does", () => {
    // a blank value (NaN) is left out: 10 + 30 = 40
    expect(trailingTotalsRows(labels("a", "b", "c", "Total"), values(10, NaN, 30, 40)).rows).toBe(1);
  });

  it("needs only the labels of the last rows", () => {
    // 10 + 20 = 30; only the last label is given, aligned with the last value
    expect(trailingTotalsRows(labels("Total"), values(10, 20, 30))).toEqual({ rows: 1, sum: 30 });
  });

  it("never takes the only row for a totals row", () => {
    expect(trailingTotalsRows(labels("Total"), values(0)).rows).toBe(0);
  });

  it("agrees with a plain re-implementation on random lists", () => {
    // Independent check: the last row is a total exactly when labelled so and equal to the sum above.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 200; trial++) {
      const n = 2 + Math.floor(random() * 6);
      const xs = Array.from({ length: n - 1 }, () => Math.round(random() * 1000) / 100);
      const above = xs.reduce((s, x) => s + x, 0);
      const last = random() < 0.5 ? above : above + 1;
      const label = random() < 0.5 ? "Total" : "Customer";
      const expected = label === "Total" && Math.abs(last - above) <= 0.01 ? 1 : 0;
      expect(trailingTotalsRows([...xs.map(() => "c"), label], [...xs, last]).rows).toBe(expected);
    }
  });
});
