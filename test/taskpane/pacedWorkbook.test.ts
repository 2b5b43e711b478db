/**
 * The preview's paced workbook reads and writes in row chunks with a macrotask between them: it must
 * read exactly what the inner workbook holds and write exactly what one call of the inner workbook
 * would write, report progress per chunk, and stop when cancelled — leaving nothing half-written.
 */
import { PacedWorkbook } from "../../src/taskpane/pacedWorkbook";
import type { CellValue, NewColumn, TableInfo } from "../../src/workbook/workbook";
import { MemoryWorkbook } from "../../src/workbook/memoryWorkbook";

/** 45,000 data rows: two full chunks of 20,000 and one of 5,000. Column B is 2 × column A. */
const ROWS = 45_000;

function memory(): MemoryWorkbook {
  const cells: CellValue[][] = [["n", "twice"]];
  for (let i = 1; i <= ROWS; i++) cells.push([i, 2 * i]);
  return new MemoryWorkbook({
    sheets: [{ name: "S", cells }],
    tables: [{ name: "T", sheet: "S", headerRow: 0, firstColumn: 0, rowCount: ROWS, columnCount: 2 }],
    selection: { sheet: "S", row: 0, column: 0 },
  });
}

describe("the preview's paced workbook", () => {
  test("reads every row in order across chunks, as the inner workbook holds them", async () => {
    const inner = memory();
    const paced = new PacedWorkbook(inner);
    const table = await paced.locateTable();
    if (table === null) throw new Error("no table");
    const progress: number[] = [];
    const [n, twice] = await paced.readColumns(table, [0, 1], { onProgress: (done) => progress.push(done) });
    expect(n).toHaveLength(ROWS);
    expect(n[0]).toBe(1);
    expect(n[ROWS - 1]).toBe(ROWS);
    expect(twice.every((cell, i) => cell === 2 * (i + 1))).toBe(true);
    // Progress counts cells: 2 columns × 20,000, × 40,000, × 45,000 rows.
    expect(progress).toEqual([40_000, 80_000, 90_000]);
  });

  test("passes snapshot and restore through, so the preview restores cells a failed run overwrote", async () => {
    // A plain range (no Excel table), where removing a run's columns clears its block.
    const inner = new MemoryWorkbook({
      sheets: [{ name: "S", cells: [["n"], [1], [2]] }],
      selection: { sheet: "S", row: 0, column: 0 },
    });
    const paced = new PacedWorkbook(inner);
    expect(paced.snapshotCells).toBeDefined();
    const block = { sheet: "S", row: 1, column: 0, rowCount: 2, columnCount: 1 };
    const snapshot = await paced.snapshotCells!(block);
    await inner.removeColumns((await inner.locateTable())!, [], block); // clears A2:A3
    expect([inner.cell("S", 1, 0), inner.cell("S", 2, 0)]).toEqual([null, null]);
    await paced.restoreCells!(snapshot);
    expect([inner.cell("S", 1, 0), inner.cell("S", 2, 0)]).toEqual([1, 2]);
  });

  test("a header-only table reads as empty columns", async () => {
    const paced = new PacedWorkbook(memory());
    const table = await paced.locateTable();
    if (table === null) throw new Error("no table");
    await expect(paced.readColumns({ ...table, rowCount: 0 }, [0, 1])).resolves.toEqual([[], []]);
  });

  test("stops with the abort reason when cancelled between chunks", async () => {
    const paced = new PacedWorkbook(memory());
    const table = await paced.locateTable();
    if (table === null) throw new Error("no table");
    const controller = new AbortController();
    const reading = paced.readColumns(table, [0], {
      signal: controller.signal,
      onProgress: () => controller.abort(new Error("user cancelled")),
    });
    await expect(reading).rejects.toThrow("user cancelled");
  });
});

describe("the preview's paced workbook writing", () => {
  /** Three new columns: text (with a formula-like string), numbers with a format, formulas. */
  const columns: NewColumn[] = [
    {
      header: "Label",
      values: Array.from({ length: ROWS }, (_, i) => (i === 7 ? "=not a formula" : `L${i}`)),
    },
    { header: "Score", values: Array.from({ length: ROWS }, (_, i) => i / 4), numberFormat: "0.00" },
    { header: "Twice", formulas: Array.from({ length: ROWS }, (_, i) => `=B${i + 2}*2`) },
  ];

  async function tableOf(workbook: MemoryWorkbook | PacedWorkbook): Promise<TableInfo> {
    const table = await workbook.locateTable();
    if (table === null) throw new Error("no table");
    return table;
  }

  /** Every cell of columns C–F (the new ones and one beyond) with its formula flag. */
  function resultCells(workbook: MemoryWorkbook): string[] {
    const cells: string[] = [];
    for (let row = 0; row <= ROWS + 1; row++)
      for (let column = 2; column < 6; column++)
        cells.push(
          `${String(workbook.cell("S", row, column))}${workbook.isFormula("S", row, column) ? " (formula)" : ""}`,
        );
    return cells;
  }

  test.each([
    ["an Excel table", true],
    ["a plain range", false],
  ])("writes in %s exactly what one call of the inner workbook writes", async (_shape, asTable) => {
    const make = () => {
      const inner = memory();
      if (!asTable) inner.tableDefinitions().length = 0;
      return inner;
    };
    const reference = make();
    await reference.appendColumns(
      { ...(await tableOf(reference)), tableName: asTable ? "T" : null },
      columns,
    );
    const inner = make();
    const paced = new PacedWorkbook(inner);
    const progress: number[] = [];
    await paced.appendColumns({ ...(await tableOf(inner)), tableName: asTable ? "T" : null }, columns, {
      onProgress: (done) => progress.push(done),
    });
    expect(resultCells(inner)).toEqual(resultCells(reference));
    expect(inner.tableDefinitions()).toEqual(reference.tableDefinitions());
    // 60,000 cells per chunk over 3 columns: rows 40,000–44,999, then 20,000–39,999, then 0–19,999.
    expect(progress).toEqual([5_000, 25_000, 45_000]);
    // The number format covers every data row of the Score column, in pieces.
    const covered = new Uint8Array(ROWS);
    for (const { block, format } of inner.numberFormats("S")) {
      expect(format).toBe("0.00");
      expect(block.column).toBe(3);
      for (let r = block.row; r < block.row + block.rowCount; r++) covered[r - 1] = 1;
    }
    expect(covered.every((flag) => flag === 1)).toBe(true);
  });

  test("cancelled between chunks, it clears what it wrote: the columns right of the table stay empty", async () => {
    const inner = memory();
    const paced = new PacedWorkbook(inner);
    const controller = new AbortController();
    const writing = paced.appendColumns(await tableOf(inner), columns, {
      signal: controller.signal,
      onProgress: () => controller.abort(new Error("user cancelled")),
    });
    await expect(writing).rejects.toThrow("user cancelled");
    expect(resultCells(inner).every((cell) => cell === "null")).toBe(true);
    expect(inner.tableDefinitions()[0].columnCount).toBe(2);
  });

  test("a chunk that fails halfway is cleared with the chunks below it before the error is passed on", async () => {
    const inner = memory();
    inner.failOnWrite = 2; // the middle chunk fails after writing its first column
    const paced = new PacedWorkbook(inner);
    await expect(paced.appendColumns(await tableOf(inner), columns)).rejects.toThrow(
      "simulated write failure",
    );
    expect(resultCells(inner).every((cell) => cell === "null")).toBe(true);
  });

  test("hands the browser back between chunks: a task queued meanwhile runs before the write ends", async () => {
    const inner = memory();
    const paced = new PacedWorkbook(inner);
    const order: string[] = [];
    const writing = paced.appendColumns(await tableOf(inner), columns).then(() => order.push("written"));
    setTimeout(() => order.push("other task"), 0);
    await writing;
    expect(order).toEqual(["other task", "written"]);
  });
});
