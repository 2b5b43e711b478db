import { runSegmentation } from "../../src/workflow/run";
import { paretoPoints } from "../../src/workflow/summary";
import { settingsFor, workbookWith } from "./fixtures";

describe("the run summary", () => {
  it("counts customers and value per segment, with shares, Gini 4/15 and the top-20 % share", async () => {
    // values 1..5, matches 5,4,3,2,1: medians 3 and 3.
    // Strategic: value ≥ 3 and match ≥ 3 → the 3 (match 3); Profit: 4, 5; Potential: 1, 2; Ordinary: none.
    const settings = settingsFor("quadrant", { customer: 0, value: 1, match: 2, satisfaction: 3 });
    const wb = workbookWith([
      ["Customer", "Value", "Match", "Satisfaction"],
      ["a", 1, 5, 2],
      ["b", 2, 4, 4],
      ["c", 3, 3, 5],
      ["d", 4, 2, "n/a"],
      ["e", 5, 1, 1],
    ]);
    const outcome = await runSegmentation(wb, settings);
    if (!outcome.ok) throw new Error(outcome.problem.message);
    const { summary } = outcome;
    expect(summary.customers).toBe(5);
    expect(summary.totalValue).toBe(15);
    expect(summary.gini).toBeCloseTo(4 / 15, 12);
    // top 20 % of 5 customers = 1 customer: 5 / 15
    expect(summary.paretoTop20).toBeCloseTo(1 / 3, 12);
    const byName = Object.fromEntries(summary.segments.map((s) => [s.segment, s]));
    expect(byName.Strategic).toMatchObject({ customers: 1, totalValue: 3, averageSatisfaction: 5 });
    expect(byName.Strategic.customerShare).toBeCloseTo(0.2, 12);
    expect(byName.Strategic.valueShare).toBeCloseTo(3 / 15, 12);
    // Profit: 4 + 5 = 9 of 15; satisfaction of "d" is text, so the average is e's 1 alone
    expect(byName.Profit).toMatchObject({ customers: 2, totalValue: 9, averageSatisfaction: 1 });
    expect(byName.Profit.valueShare).toBeCloseTo(0.6, 12);
    // Potential: 1 + 2 = 3; satisfaction (2 + 4) / 2 = 3
    expect(byName.Potential).toMatchObject({ customers: 2, totalValue: 3, averageSatisfaction: 3 });
    expect(byName.Ordinary).toMatchObject({ customers: 0, totalValue: 0, averageSatisfaction: null });
    expect(summary.notes.join(" ")).toContain("1 satisfaction cell is blank or not a number");
  });

  it("writes a summary sheet with the segment table and three charts", async () => {
    const wb = workbookWith([
      ["Customer", "Value", "Match"],
      ["a", 1, 5],
      ["b", 2, 4],
      ["c", 3, 3],
      ["d", 4, 2],
      ["e", 5, 1],
    ]);
    const outcome = await runSegmentation(wb, settingsFor("quadrant", { value: 1, match: 2 }));
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.record.summarySheet).toBe("CX Summary");
    const grid = wb.sheetGrid("CX Summary");
    expect(grid[4].slice(0, 5)).toEqual([
      "Segment",
      "Customers",
      "Share of customers",
      "Total value",
      "Share of value",
    ]);
    expect(grid[5][0]).toBe("Strategic");
    const charts = wb.charts("CX Summary");
    expect(charts.map((c) => c.kind)).toEqual(["pie", "column", "pareto"]);
    // The pie reads the 4 segment rows; the Pareto chart 5 points (one per customer when n ≤ 100).
    expect(charts[0].categories).toMatchObject({ row: 5, column: 0, rowCount: 4 });
    expect(charts[2].series[1].values).toMatchObject({ rowCount: 5 });
    // The clustered columns: share of customers (column C) beside share of value (column E) per segment.
    expect(charts[1].title).toBe("Share of customers and share of value by segment");
    expect(charts[1].categories).toMatchObject({ row: 5, column: 0, rowCount: 4 });
    expect(
      charts[1].series.map((series) => [series.name, series.values.column, series.values.rowCount]),
    ).toEqual([
      ["Share of customers", 2, 4],
      ["Share of value", 4, 4],
    ]);
    expect(grid[4][2]).toBe("Share of customers");
    expect(grid[4][4]).toBe("Share of value");
    // The Pareto data: largest first, cumulative 5/15, 9/15, 12/15, 14/15, 1
    const cumulative = grid.slice(5, 10).map((row) => row[9] as number);
    [5 / 15, 9 / 15, 12 / 15, 14 / 15, 1].forEach((x, i) => expect(cumulative[i]).toBeCloseTo(x, 12));
  });
});

describe("paretoPoints", () => {
  it("aggregates a million customers to 100 points ending at 100 %", () => {
    const n = 1_000_000;
    const sorted = new Float64Array(n).fill(1);
    const points = paretoPoints(sorted);
    expect(points).toHaveLength(100);
    expect(points[0]).toMatchObject({ label: "1%", value: 10_000 });
    expect(points[0].cumulativeShare).toBeCloseTo(0.01, 12);
    expect(points[99].cumulativeShare).toBeCloseTo(1, 12);
  });
});

describe("chart data in the summary", () => {
  it("carries the Pareto curve: largest customers first, from {0,0} to {1,1}", async () => {
    // Values 1…5, total 15: top 1 → 5/15, top 2 → 9/15, top 3 → 12/15, top 4 → 14/15
    const wb = workbookWith([
      ["Customer", "Value", "Match"],
      ["a", 1, 5],
      ["b", 2, 4],
      ["c", 3, 3],
      ["d", 4, 2],
      ["e", 5, 1],
    ]);
    const outcome = await runSegmentation(wb, settingsFor("quadrant", { value: 1, match: 2 }));
    if (!outcome.ok) throw new Error(outcome.problem.message);
    const curve = outcome.summary.paretoCurve;
    expect(curve.map((p) => p.customerShare)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    [0, 5 / 15, 9 / 15, 12 / 15, 14 / 15, 1].forEach((x, i) =>
      expect(curve[i].valueShare).toBeCloseTo(x, 12),
    );
    expect(outcome.summary.rfmGrid).toBeUndefined();
  });

  it("leaves the curve empty when values are negative", async () => {
    const wb = workbookWith([
      ["Customer", "Value", "Match"],
      ["a", -1, 5],
      ["b", 2, 4],
    ]);
    const outcome = await runSegmentation(wb, settingsFor("quadrant", { value: 1, match: 2 }));
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.summary.paretoCurve).toEqual([]);
  });

  it("carries the RFM grid and shows it on the summary sheet as a table of mean monetary value", async () => {
    // As of 2024-01-31 (45322): days 1, 10, 30, 60, 200 → R 5…1; orders 10…1 → F 5…1; so the five
    // customers sit on the diagonal, each alone in its cell with its own revenue as the mean.
    const wb = workbookWith([
      ["Customer", "Last purchase", "Orders", "Revenue"],
      ["a", 45321, 10, 1000],
      ["b", 45312, 5, 500],
      ["c", 45292, 3, 300],
      ["d", 45262, 2, 200],
      ["e", 45122, 1, 100],
    ]);
    const settings = settingsFor("rfm", { customer: 0, lastPurchase: 1, orders: 2, value: 3 }, (s) => {
      s.rfm.asOf = "2024-01-31";
    });
    const outcome = await runSegmentation(wb, settings);
    if (!outcome.ok) throw new Error(outcome.problem.message);
    const grid = outcome.summary.rfmGrid ?? [];
    expect(grid).toHaveLength(25);
    const diagonal = [100, 200, 300, 500, 1000];
    for (const cell of grid) {
      const expected = cell.recencyScore === cell.frequencyScore ? diagonal[cell.recencyScore - 1] : null;
      expect(cell.meanMonetary).toBe(expected);
      expect(cell.customers).toBe(expected === null ? 0 : 1);
    }
    const sheet = wb.sheetGrid("CX Summary");
    const title = sheet.findIndex((row) => String(row[0]).startsWith("Mean monetary value by recency score"));
    expect(title).toBeGreaterThan(0);
    expect(sheet[title + 1].slice(0, 6)).toEqual(["Recency \\ Frequency", "F 1", "F 2", "F 3", "F 4", "F 5"]);
    expect(sheet[title + 2].slice(0, 6)).toEqual(["R 1", 100, null, null, null, null]);
    expect(sheet[title + 6].slice(0, 6)).toEqual(["R 5", null, null, null, null, 1000]);
  });
});
