/**
 * The two rules of issue 8 the engine applies (and the JavaScript workflow is getting in parallel):
 * a trailing totals row is not a customer, and ABC refuses negative values, naming the rows.
 */
import path from "node:path";
import { DuckDbEngine } from "../../src/engine/duckdbEngine";
import { isSumOfOthers, isTotalsLabel } from "../../src/engine/totalsRow";
import { defaultSettings } from "../../src/workflow/run";
import type { SegmentationSettings } from "../../src/workflow/types";
import { tempDir } from "./engineHarness";
import { writeTable } from "./randomTables";

const dir = tempDir("cx-engine-rules-");
let engine: DuckDbEngine;
beforeAll(async () => {
  engine = await DuckDbEngine.open({ threads: 1 });
});
afterAll(() => engine.close());

function settings(method: SegmentationSettings["method"]): SegmentationSettings {
  const s = defaultSettings("2026-11-25");
  s.method = method;
  s.mapping = { ...s.mapping, customer: 0, value: 1, match: 2 };
  return s;
}

async function segment(name: string, rows: string[][], method: SegmentationSettings["method"]) {
  const file = path.join(dir, `${name}.csv`);
  writeTable(file, [["Customer", "Revenue", "Strategic match"], ...rows]);
  const described = await engine.describe({ kind: "csv", path: file });
  if (!described.ok) throw new Error(described.problem.message);
  return engine.segment(described.table, settings(method));
}

const SPEC_EXAMPLE = [
  ["Alpha", "500", "8"],
  ["Beta", "120", "9"],
  ["Gamma", "480", "2"],
  ["Delta", "90", "3"],
];

describe("a trailing totals row", () => {
  it("is left out: the spec's medians 300 and 5.5 stand, the totals row gets no segment, a note names it", async () => {
    // Without the rule the Total row (1190 = 500 + 120 + 480 + 90) would be a fifth customer and
    // move the value median to 480. Its blank match does not stop the run either.
    const outcome = await segment("totals", [...SPEC_EXAMPLE, ["Total", "1190", ""]], "quadrant");
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.summary.cutPoints).toEqual({ value: [300], match: [5.5] });
    expect([0, 1, 2, 3, 4].map((row) => outcome.results.cell(0, row))).toEqual([
      "Strategic",
      "Potential",
      "Profit",
      "Ordinary",
      null,
    ]);
    expect(outcome.summary.customers).toBe(4);
    expect(outcome.summary.notes).toEqual([
      'Row 6 ("Total") is a totals row (its value is the sum of the rows above it): it was left out of the segments and the summary.',
    ]);
  });

  it("is a customer when its value is not the sum, or when it is not the last row", async () => {
    const notSum = await segment("not-sum", [...SPEC_EXAMPLE, ["Total", "7", "1"]], "quadrant");
    const notLast = await segment("not-last", [["Total", "1190", "1"], ...SPEC_EXAMPLE], "quadrant");
    for (const outcome of [notSum, notLast]) {
      if (!outcome.ok) throw new Error(outcome.problem.message);
      expect(outcome.summary.customers).toBe(5);
      expect(outcome.summary.notes).toEqual([]);
    }
  });

  it("is recognised in other languages and with rounding, not inside other names", () => {
    expect(
      ["Total", "SUM", "Grand total", "Totals:", "Gesamt", "Summe", "Totale", "Totaal", "Somme"].every(
        isTotalsLabel,
      ),
    ).toBe(true);
    expect(["Totalgas GmbH", "Sum Corp", "Subtotal", ""].some(isTotalsLabel)).toBe(false);
    expect(isSumOfOthers(1190, 1190.004)).toBe(true); // an export rounded to cents
    expect(isSumOfOthers(1190, 1189)).toBe(false);
  });
});

describe("ABC and negative values", () => {
  it("refuses the run, naming the rows with a negative value", async () => {
    const outcome = await segment(
      "negative",
      [
        ["A", "5", "1"],
        ["B", "-3", "1"],
        ["C", "10", "1"],
        ["D", "-0.5", "1"],
      ],
      "abc",
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problem.message).toBe(
      "ABC classes need values of 0 or more, but 2 values are negative: rows 3, 5. Fix them or map another value column.",
    );
    expect(outcome.problem.rows).toEqual([3, 5]);
  });

  it("still refuses a value column that sums to 0", async () => {
    const outcome = await segment(
      "zero",
      [
        ["A", "0", "1"],
        ["B", "0", "1"],
      ],
      "abc",
    );
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.problem.message).toMatch(/positive total value/);
  });

  it("classes the hand-worked example of abcClass.ts: 5, 50, 10, 30, 5 → B, A, B, A, C", async () => {
    // Ranking 50, 30, 10, 5 (row 1), 5 (row 5) of 100; shares before: 0, .5, .8, .9, .95.
    const outcome = await segment(
      "abc",
      [
        ["a", "5", ""],
        ["b", "50", ""],
        ["c", "10", ""],
        ["d", "30", ""],
        ["e", "5", ""],
      ],
      "abc",
    );
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect([0, 1, 2, 3, 4].map((row) => outcome.results.cell(0, row))).toEqual(["B", "A", "B", "A", "C"]);
    expect([0, 1, 2, 3, 4].map((row) => outcome.results.cell(1, row))).toEqual([0.95, 0.5, 0.9, 0.8, 1]);
  });
});
