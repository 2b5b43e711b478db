import { runSegmentation } from "../../../src/workflow/run";
import { columnValues, settingsFor, workbookWith } from "../fixtures";

const ABC = settingsFor("abc", { customer: 0, value: 1 });

describe("the ABC method", () => {
  it("classes by cumulative share with the crossing customer in the higher class", async () => {
    // ranking 50, 30, 10, 5, 5 of 100; share before 0, .5, .8, .9, .95 → A, A, B, B, C
    const wb = workbookWith([
      ["Customer", "Revenue"],
      ["a", 5],
      ["b", 50],
      ["c", 10],
      ["d", 30],
      ["e", 5],
    ]);
    const outcome = await runSegmentation(wb, ABC);
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(wb.cell("Customers", 0, 2)).toBe("ABC class");
    expect(columnValues(wb, 2, 5)).toEqual(["B", "A", "B", "A", "C"]);
    const shares = columnValues(wb, 3, 5) as number[];
    [0.95, 0.5, 0.9, 0.8, 1].forEach((x, i) => expect(shares[i]).toBeCloseTo(x, 12));
    expect(outcome.summary.segments.map((s) => [s.segment, s.customers, s.totalValue])).toEqual([
      ["A", 2, 80],
      ["B", 2, 15],
      ["C", 1, 5],
    ]);
  });

  it("follows edited thresholds", async () => {
    // A up to 50 %: only the 50 (before 0); B up to 90 %: 30 (.5) and 10 (.8); C: the 5s (.9, .95)
    const settings = settingsFor("abc", { value: 1 }, (s) => (s.abc = { aUpTo: 0.5, bUpTo: 0.9 }));
    const wb = workbookWith([
      ["Customer", "Revenue"],
      ["a", 5],
      ["b", 50],
      ["c", 10],
      ["d", 30],
      ["e", 5],
    ]);
    await runSegmentation(wb, settings);
    expect(columnValues(wb, 2, 5)).toEqual(["C", "A", "B", "B", "C"]);
  });

  it("notes that formulas were asked for but values were written", async () => {
    const settings = settingsFor("abc", { value: 1 }, (s) => (s.output = "formulas"));
    const wb = workbookWith([
      ["Customer", "Revenue"],
      ["a", 5],
      ["b", 50],
    ]);
    const outcome = await runSegmentation(wb, settings);
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(wb.isFormula("Customers", 1, 2)).toBe(false);
    expect(outcome.summary.notes.join(" ")).toContain("written as values");
  });

  it("refuses values that sum to zero, naming the column", async () => {
    const wb = workbookWith([
      ["Customer", "Revenue"],
      ["a", 0],
      ["b", 0],
    ]);
    const outcome = await runSegmentation(wb, ABC);
    expect(outcome).toMatchObject({ ok: false, problem: { code: "zero-total" } });
    if (outcome.ok) return;
    expect(outcome.problem.message).toContain('column B "Revenue" (value) adds up to 0');
  });
});
