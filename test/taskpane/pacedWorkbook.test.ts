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
  const headers = columns.map((column) => column.header);
  /** The new columns' block: C1 down to the last row (header row included). */
  const block = { sheet: "S", row: 0, column: 2, rowCount: ROWS + 1, columnCount: 3 };

  async function tableOf(workbook: MemoryWorkbook | PacedWorkbook, asTable = true): Promise<TableInfo> {
    const table = await workbook.locateTable();
    if (table === null) throw new Error("no table");
    return asTable ? table : { ...table, tableName: null };
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
    const reference = memory();
    await reference.appendColumns(await tableOf(reference, asTable), columns);
    const inner = memory();
    const calls = jest.spyOn(inner, "appendColumns");
    const paced = new PacedWorkbook(inner);
    const progress: number[] = [];
    await paced.appendColumns(await tableOf(inner, asTable), columns, {
      onProgress: (done) => progress.push(done),
    });
    expect(resultCells(inner)).toEqual(resultCells(reference));
    // "=not a formula" (row 9) stays text, the formulas stay formulas across chunk borders (row 10,001).
    expect(inner.isFormula("S", 8, 2)).toBe(false);
    expect(inner.isFormula("S", 10_000, 4)).toBe(true);
    expect(inner.tableDefinitions()).toEqual(reference.tableDefinitions());
    // 30,000 cells per chunk over 3 columns: rows 0–9,999 (the headers with them), then 10,000 rows at
    // a time, each a call of its own.
    expect(calls).toHaveBeenCalledTimes(5);
    expect(progress).toEqual([10_000, 20_000, 30_000, 40_000, 45_000]);
    // The number format covers every data row of the Score column, in pieces.
    const covered = new Uint8Array(ROWS);
    for (const { block: formatted, format } of inner.numberFormats("S")) {
      expect(format).toBe("0.00");
      expect(formatted.column).toBe(3);
      for (let r = formatted.row; r < formatted.row + formatted.rowCount; r++) covered[r - 1] = 1;
    }
    expect(covered.every((flag) => flag === 1)).toBe(true);
  });

  test.each([
    ["an Excel table", true],
    ["a plain range", false],
  ])(
    "cancelled between chunks in %s: the headers went first, so the run's rollback removes every row written",
    async (_shape, asTable) => {
      const inner = memory();
      const paced = new PacedWorkbook(inner);
      const controller = new AbortController();
      const table = await tableOf(inner, asTable);
      const writing = paced.appendColumns(table, columns, {
        signal: controller.signal,
        onProgress: (done) => done >= 40_000 && controller.abort(new Error("user cancelled")),
      });
      await expect(writing).rejects.toThrow("user cancelled");
      expect(inner.cell("S", 0, 2)).toBe("Label");
      expect(inner.cell("S", 40_000, 2)).toBe("L39999");
      expect(inner.cell("S", 40_001, 2)).toBeNull();
      // What the workflow does after a failed or cancelled write:
      await paced.removeColumns(table, headers, block);
      expect(resultCells(inner).every((cell) => cell === "null")).toBe(true);
      expect(inner.tableDefinitions()[0].columnCount).toBe(2);
    },
  );

  test("a chunk that fails halfway leaves only what the run's rollback removes", async () => {
    const inner = memory();
    inner.failOnWrite = 2; // the second chunk fails after writing its first column
    const paced = new PacedWorkbook(inner);
    const table = await tableOf(inner);
    await expect(paced.appendColumns(table, columns)).rejects.toThrow("simulated write failure");
    await paced.removeColumns(table, headers, block);
    expect(resultCells(inner).every((cell) => cell === "null")).toBe(true);
  });

  test.each([
    ["an Excel table", true],
    ["a plain range", false],
  ])(
    "removes a run's columns from %s in chunks: the same cells as one call of the inner workbook",
    async (_shape, asTable) => {
      const reference = memory();
      await reference.appendColumns(await tableOf(reference, asTable), columns);
      await reference.removeColumns(await tableOf(reference, asTable), headers, block);
      const inner = memory();
      const paced = new PacedWorkbook(inner);
      await paced.appendColumns(await tableOf(inner, asTable), columns);
      const calls = jest.spyOn(inner, "removeColumns");
      await paced.removeColumns(await tableOf(inner, asTable), headers, block);
      expect(resultCells(inner)).toEqual(resultCells(reference));
      expect(resultCells(inner).every((cell) => cell === "null")).toBe(true);
      expect(inner.tableDefinitions()).toEqual(reference.tableDefinitions());
      // 45,000 data rows in chunks of 10,000 (30,000 cells over 3 columns), then the removal itself,
      // last column first.
      expect(calls).toHaveBeenCalledTimes(6);
      expect(calls.mock.calls[5][1]).toEqual(["Twice", "Score", "Label"]);
    },
  );

  test("a block whose header row does not hold the headers is left to the inner workbook, uncleared", async () => {
    const inner = memory();
    const paced = new PacedWorkbook(inner);
    await paced.appendColumns(await tableOf(inner), columns);
    const calls = jest.spyOn(inner, "removeColumns");
    // Headers of columns that are not there: the table keeps its columns, and no cell is cleared.
    await paced.removeColumns(await tableOf(inner), ["Other", "Names", "Here"], block);
    expect(calls).toHaveBeenCalledTimes(1);
    expect(inner.cell("S", 45_000, 2)).toBe("L44999");
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

  test("an inner workbook that cannot restore cells gets the columns in one call", async () => {
    const inner = memory();
    const calls = jest.spyOn(inner, "appendColumns");
    const withoutRestore = Object.assign(Object.create(inner) as MemoryWorkbook, {
      restoreCells: undefined,
      snapshotCells: undefined,
    });
    await new PacedWorkbook(withoutRestore).appendColumns(await tableOf(inner), columns);
    expect(calls).toHaveBeenCalledTimes(1);
    expect(inner.cell("S", ROWS, 4)).toBe(`=B${ROWS + 1}*2`);
  });
});
