import { MemoryWorkbook } from "../../src/workbook/memoryWorkbook";
import { previewTable, runSegmentation } from "../../src/workflow/run";
import { QUADRANT, quadrantTable, settingsFor, snapshot, workbookWith } from "./fixtures";

/** Runs the quadrant method and checks the workbook was not touched. */
async function problemOf(wb: MemoryWorkbook, settings = QUADRANT) {
  const before = await snapshot(wb);
  const outcome = await runSegmentation(wb, settings);
  expect(await snapshot(wb)).toEqual(before);
  if (outcome.ok) throw new Error("expected a problem");
  return outcome.problem;
}

describe("bad input stops the run with a clear problem and writes nothing", () => {
  it("an empty selection", async () => {
    const wb = new MemoryWorkbook({
      sheets: [{ name: "Customers", cells: quadrantTable() }],
      selection: null,
    });
    expect((await problemOf(wb)).code).toBe("empty-selection");
    wb.select("Customers", 20, 10);
    expect((await problemOf(wb)).message).toContain("select a cell inside your customer table");
    expect(await previewTable(wb)).toMatchObject({ ok: false, problem: { code: "empty-selection" } });
  });

  it("a selection without a header row", async () => {
    const wb = workbookWith([
      ["Alpha", 500, 8],
      ["Beta", 120, 9],
    ]);
    const problem = await problemOf(wb);
    expect(problem.code).toBe("no-header");
    expect(problem.message).toContain("B1 (500)");
  });

  it("duplicate headers, compared as Excel does (case-insensitive)", async () => {
    const problem = await problemOf(
      workbookWith([
        ["Customer", "Revenue", "revenue"],
        ["a", 1, 2],
      ]),
    );
    expect(problem.code).toBe("duplicate-headers");
    expect(problem.message).toContain("columns B and C");
  });

  it("a blank header", async () => {
    const problem = await problemOf(
      workbookWith([
        ["Customer", "Revenue", ""],
        ["a", 1, 2],
      ]),
    );
    // The region still spans column C because its data cell is filled.
    expect(problem).toMatchObject({ code: "blank-headers", rows: [1] });
    expect(problem.message).toContain("Column C");
  });

  it("non-numeric cells in a mapped column, with their Excel row numbers", async () => {
    const cells = quadrantTable();
    cells[2][1] = "n/a";
    cells[4][1] = null;
    const problem = await problemOf(workbookWith(cells));
    expect(problem).toMatchObject({ code: "non-numeric", rows: [3, 5], count: 2 });
    expect(problem.message).toContain('column B "Revenue"');
  });

  it("non-numeric cells in several mapped columns are all reported at once", async () => {
    const cells = quadrantTable();
    cells[2][1] = "n/a"; // Revenue, Excel row 3
    cells[4][2] = "high"; // Strategic match, Excel row 5
    const problem = await problemOf(workbookWith(cells));
    expect(problem).toMatchObject({ code: "non-numeric", rows: [3, 5], count: 2 });
    expect(problem.message).toContain('1 cell in column B "Revenue" (value) is text, not a number: row 3.');
    expect(problem.message).toContain('column C "Strategic match"');
    expect(problem.message).toContain("row 5");
  });

  it("a protected sheet", async () => {
    const problem = await problemOf(workbookWith(quadrantTable(), { protected: true }));
    expect(problem.code).toBe("protected-sheet");
  });

  it("a filtered table (hidden rows)", async () => {
    const problem = await problemOf(workbookWith(quadrantTable(), { hiddenRows: [2] }));
    expect(problem.code).toBe("filtered-table");
    expect(problem.message).toContain("Clear the filter");
  });

  it("a column the method needs but nobody mapped", async () => {
    const problem = await problemOf(workbookWith(quadrantTable()), settingsFor("quadrant", { value: 1 }));
    expect(problem.code).toBe("unmapped-column");
    expect(problem.message).toContain("strategic match");
  });

  it("a header row without customers", async () => {
    const wb = new MemoryWorkbook({
      sheets: [{ name: "Customers", cells: [["Customer", "Revenue", "Match"]] }],
      tables: [{ name: "T", sheet: "Customers", headerRow: 0, firstColumn: 0, rowCount: 0, columnCount: 3 }],
      selection: { sheet: "Customers", row: 0, column: 0 },
    });
    expect((await problemOf(wb)).code).toBe("no-data");
  });

  it("thresholds that make no sense", async () => {
    const settings = settingsFor("abc", { value: 1 }, (s) => (s.abc = { aUpTo: 0.9, bUpTo: 0.8 }));
    expect((await problemOf(workbookWith(quadrantTable()), settings)).code).toBe("invalid-setting");
  });
});

describe("skipInvalidRows", () => {
  it("leaves invalid rows unsegmented with a blank cell and says which", async () => {
    const cells = quadrantTable();
    cells[2][2] = "high";
    const settings = settingsFor("quadrant", { value: 1, match: 2 }, (s) => (s.skipInvalidRows = true));
    const wb = workbookWith(cells);
    const outcome = await runSegmentation(wb, settings);
    if (!outcome.ok) throw new Error(outcome.problem.message);
    // Used rows 500/8, 480/2, 90/3: medians 480 and 3 → Strategic, (blank), Profit, Potential (3 ≥ 3)
    expect([1, 2, 3, 4].map((r) => wb.cell("Customers", r, 3))).toEqual([
      "Strategic",
      null,
      "Profit",
      "Potential",
    ]);
    expect(outcome.summary.customers).toBe(3);
    expect(outcome.summary.notes.join(" ")).toContain("1 row was left unsegmented");
    expect(outcome.summary.notes.join(" ")).toContain("row 3");
  });
});
