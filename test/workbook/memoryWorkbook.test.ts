import { MemoryWorkbook } from "../../src/workbook/memoryWorkbook";

function sample(): MemoryWorkbook {
  return new MemoryWorkbook({
    sheets: [
      {
        name: "Data",
        cells: [
          [null, null, null, null, null],
          [null, "Name", "Revenue", null, null, null, "far"],
          [null, "a", 1, null, null],
          [null, "b", null, 2, null],
        ],
      },
    ],
    selection: { sheet: "Data", row: 2, column: 1 },
  });
}

describe("MemoryWorkbook", () => {
  it("finds the current region around the selection, diagonals included, as Excel's Ctrl+*", async () => {
    // D4 touches C3 diagonally, so the region is B2:D4; G2 is separated by the empty columns E and F.
    const table = await sample().locateTable();
    expect(table).toMatchObject({
      headerRow: 1,
      firstColumn: 1,
      rowCount: 2,
      columnCount: 3,
      tableName: null,
    });
    expect(table?.headers).toEqual(["Name", "Revenue", null]);
  });

  it("returns null for a selection on an isolated empty cell", async () => {
    const wb = sample();
    wb.select("Data", 10, 10);
    expect(await wb.locateTable()).toBeNull();
  });

  it("stores strings as text and formulas as formulas", async () => {
    const wb = sample();
    const table = (await wb.locateTable())!;
    await wb.appendColumns(table, [
      { header: "Text", values: ["=1+1", "@x"] },
      { header: "Live", formulas: ["=B3", "=B4"] },
    ]);
    expect(wb.cell("Data", 2, 4)).toBe("=1+1");
    expect(wb.isFormula("Data", 2, 4)).toBe(false);
    expect(wb.cell("Data", 3, 5)).toBe("=B4");
    expect(wb.isFormula("Data", 3, 5)).toBe(true);
  });

  it("lists non-empty cells of a block with sheet-qualified addresses", async () => {
    const wb = sample();
    expect(
      await wb.findNonEmptyCells({ sheet: "Data", row: 1, column: 3, rowCount: 3, columnCount: 4 }, 10),
    ).toEqual(["Data!G2", "Data!D4"]);
  });

  it("fails the Nth write call when asked, and refuses writes to a protected sheet", async () => {
    const wb = sample();
    wb.failOnWrite = 1;
    await expect(wb.addSheet({ name: "S", cells: [] })).rejects.toThrow("simulated");
    await wb.addSheet({ name: "S", cells: [["x"]] });
    expect(await wb.sheetNames()).toEqual(["Data", "S"]);
    const locked = new MemoryWorkbook({
      sheets: [{ name: "P", cells: [["h"], [1]], protected: true }],
      selection: { sheet: "P", row: 0, column: 0 },
    });
    const table = (await locked.locateTable())!;
    expect(table.sheetProtected).toBe(true);
    await expect(locked.appendColumns(table, [{ header: "x", values: [1] }])).rejects.toThrow("protected");
  });
});
