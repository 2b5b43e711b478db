import { previewTable, runSegmentation } from "../../../src/workflow/run";
import { QUADRANT, columnValues, quadrantTable, settingsFor, workbookWith } from "../fixtures";

describe("the quadrant method", () => {
  it("segments the CX.SEGMENT example with median cuts 300 and 5.5", async () => {
    const wb = workbookWith(quadrantTable());
    const outcome = await runSegmentation(wb, QUADRANT);
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(wb.cell("Customers", 0, 3)).toBe("Segment");
    expect(columnValues(wb, 3, 4)).toEqual(["Strategic", "Potential", "Profit", "Ordinary"]);
    expect(outcome.summary.cutPoints).toEqual({ value: [300], match: [5.5] });
  });

  it("uses the mean or typed cuts when asked", async () => {
    // mean of revenue (500 + 120 + 480 + 90) / 4 = 297.5; typed match cut 9 → only Beta is high match
    const settings = settingsFor("quadrant", { value: 1, match: 2 }, (s) => {
      s.quadrant.valueCut = { kind: "mean" };
      s.quadrant.matchCut = { kind: "number", value: 9 };
    });
    const wb = workbookWith(quadrantTable());
    const outcome = await runSegmentation(wb, settings);
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.summary.cutPoints).toEqual({ value: [297.5], match: [9] });
    expect(columnValues(wb, 3, 4)).toEqual(["Profit", "Potential", "Profit", "Ordinary"]);
  });

  it("calls a value equal to the cut high, as CX.SEGMENT does", async () => {
    // 1, 2, 3: median 2 → the middle customer is high value and high match
    const wb = workbookWith([
      ["Customer", "Value", "Match"],
      ["a", 1, 1],
      ["b", 2, 2],
      ["c", 3, 3],
    ]);
    const outcome = await runSegmentation(wb, QUADRANT);
    expect(outcome.ok).toBe(true);
    expect(columnValues(wb, 3, 3)).toEqual(["Ordinary", "Strategic", "Strategic"]);
  });

  it("puts a single customer and all-equal customers in Strategic (value ≥ its own median)", async () => {
    const one = workbookWith([
      ["Customer", "Value", "Match"],
      ["only", 10, 4],
    ]);
    expect((await runSegmentation(one, QUADRANT)).ok).toBe(true);
    expect(one.cell("Customers", 1, 3)).toBe("Strategic");
    const equal = workbookWith([
      ["Customer", "Value", "Match"],
      ["a", 7, 1],
      ["b", 7, 1],
      ["c", 7, 1],
    ]);
    expect((await runSegmentation(equal, QUADRANT)).ok).toBe(true);
    expect(columnValues(equal, 3, 3)).toEqual(["Strategic", "Strategic", "Strategic"]);
  });

  it("writes the user's labels", async () => {
    const settings = settingsFor("quadrant", { value: 1, match: 2 }, (s) => {
      s.quadrant.labels = ["Strategisch", "Profit", "Potenzial", "Normal"];
    });
    const wb = workbookWith(quadrantTable());
    await runSegmentation(wb, settings);
    expect(columnValues(wb, 3, 4)).toEqual(["Strategisch", "Potenzial", "Profit", "Normal"]);
  });

  it("writes live CX.SEGMENT formulas with absolute median ranges for a plain range", async () => {
    const settings = settingsFor("quadrant", { value: 1, match: 2 }, (s) => (s.output = "formulas"));
    const wb = workbookWith(quadrantTable());
    const outcome = await runSegmentation(wb, settings);
    expect(outcome.ok).toBe(true);
    expect(wb.isFormula("Customers", 1, 3)).toBe(true);
    expect(wb.cell("Customers", 1, 3)).toBe("=CX.SEGMENT(B2,C2,MEDIAN($B$2:$B$5),MEDIAN($C$2:$C$5))");
    expect(wb.cell("Customers", 4, 3)).toBe("=CX.SEGMENT(B5,C5,MEDIAN($B$2:$B$5),MEDIAN($C$2:$C$5))");
  });

  it("writes structured references in an Excel table, with labels and typed cuts as arguments", async () => {
    const settings = settingsFor("quadrant", { value: 1, match: 2 }, (s) => {
      s.output = "formulas";
      s.quadrant.matchCut = { kind: "number", value: 5 };
      s.quadrant.labels = ["S", "P", "Pot", "O"];
    });
    const wb = workbookWith(quadrantTable(), {
      tables: [
        { name: "Clients", sheet: "Customers", headerRow: 0, firstColumn: 0, rowCount: 4, columnCount: 3 },
      ],
    });
    const outcome = await runSegmentation(wb, settings);
    expect(outcome.ok).toBe(true);
    expect(wb.cell("Customers", 2, 3)).toBe(
      '=CX.SEGMENT([@Revenue],[@[Strategic match]],MEDIAN([Revenue]),5,{"S","P","Pot","O"})',
    );
    expect(wb.tableDefinitions()[0].columnCount).toBe(4);
  });
});

describe("previewTable", () => {
  it("shows the headers, the first rows and the detected mapping", async () => {
    const wb = workbookWith(quadrantTable());
    const result = await previewTable(wb, 2);
    if (!result.ok) throw new Error(result.problem.message);
    expect(result.preview.headers).toEqual(["Customer", "Revenue", "Strategic match"]);
    expect(result.preview.rows).toEqual([
      ["Alpha", 500, 8],
      ["Beta", 120, 9],
    ]);
    expect(result.preview.detected).toMatchObject({ customer: 0, value: 1, match: 2 });
    expect(result.preview.table.rowCount).toBe(4);
  });
});
