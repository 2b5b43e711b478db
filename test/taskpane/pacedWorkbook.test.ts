/**
 * The preview's paced workbook reads in row chunks with a macrotask between them: it must return
 * exactly what the inner workbook holds, report progress per chunk, and stop when cancelled.
 */
import { PacedWorkbook } from "../../src/taskpane/pacedWorkbook";
import type { CellValue } from "../../src/workbook/workbook";
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
