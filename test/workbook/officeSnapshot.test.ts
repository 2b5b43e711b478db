/**
 * OfficeWorkbook's snapshotCells / restoreCells on the fake Excel of ./officeMock.ts: what a failed
 * run uses to put back cells the user agreed to overwrite. The reference for "as it was" is the fake
 * sheet's own definition (its cell and formula functions), compared cell by cell.
 */
import { OfficeWorkbook } from "../../src/workbook/officeWorkbook";
import type { Block, CellValue, TableInfo } from "../../src/workbook/workbook";
import { installExcelMock, type Cell, type FakeSheetSpec } from "./officeMock";

afterEach(() => {
  delete (globalThis as { Excel?: unknown }).Excel;
  delete (globalThis as { Office?: unknown }).Office;
});

const ROWS = 6;

/**
 * Sheet1: a customer table B3:D9 (header row index 2, data rows i = 1..6: B "Customer i", C 100·i,
 * D i % 10), and the user's cells right of it, in E and F, where a run's two columns would go:
 *   E3 "Notes", E4 42, E5 =C5*2 (shows 400: C5 holds 100·2 = 200), E6 "=not a formula" (text),
 *   E7 "+49 GmbH" (text), F4 TRUE, F8 =IF(C8>0,"","x") (shows ""). Everything else is empty.
 */
const USER_CELLS: Readonly<Record<string, Cell>> = Object.freeze({
  "2,4": "Notes",
  "3,4": 42,
  "4,4": 400,
  "5,4": "=not a formula",
  "6,4": "+49 GmbH",
  "3,5": true,
  "7,5": "",
});
const USER_FORMULAS: Readonly<Record<string, string>> = Object.freeze({
  "4,4": "=C5*2",
  "7,5": '=IF(C8>0,"","x")',
});

function sheetWithNotes(): FakeSheetSpec {
  return {
    name: "Sheet1",
    cell: (row, column) => {
      if (column >= 4) return USER_CELLS[`${row},${column}`] ?? "";
      if (column < 1 || row < 2 || row > 2 + ROWS) return "";
      if (row === 2) return ["Customer", "Revenue", "Match"][column - 1];
      const i = row - 2;
      return column === 1 ? `Customer ${i}` : column === 2 ? 100 * i : i % 10;
    },
    formula: (row, column) => USER_FORMULAS[`${row},${column}`],
    usedRange: { row: 2, column: 1, rowCount: ROWS + 1, columnCount: 5 },
    region: { row: 2, column: 1, rowCount: ROWS + 1, columnCount: 3 },
  };
}

const TABLE: TableInfo = Object.freeze({
  sheet: "Sheet1",
  tableName: null,
  headerRow: 2,
  firstColumn: 1,
  columnCount: 3,
  rowCount: ROWS,
  headers: ["Customer", "Revenue", "Match"],
  sheetProtected: false,
  hiddenRowCount: 0,
});

/** E3:F9, the block two new columns of the table would take (header row + 6 data rows). */
const TARGET: Block = Object.freeze({
  sheet: "Sheet1",
  row: 2,
  column: 4,
  rowCount: ROWS + 1,
  columnCount: 2,
});

/** What a cell of the target holds before any run: its formula text if it has one, else its value. */
function original(row: number, column: number): { value: CellValue; formula: boolean } {
  const formula = USER_FORMULAS[`${row},${column}`];
  if (formula !== undefined) return { value: formula, formula: true };
  const value = USER_CELLS[`${row},${column}`];
  return { value: value === undefined || value === "" ? null : value, formula: false };
}

describe("snapshotCells", () => {
  it("keeps formulas apart from constants, and text starting with = as text", async () => {
    installExcelMock({ sheets: [sheetWithNotes()] });
    const snapshot = await new OfficeWorkbook().snapshotCells(TARGET);
    expect(snapshot.block).toEqual(TARGET);
    const [e, f] = snapshot.columns;
    // Rows 0..6 of the snapshot are sheet rows 3..9 (indexes 2..8).
    expect(e.values).toEqual(["Notes", 42, null, "=not a formula", "+49 GmbH", null, null]);
    expect(e.formulas).toEqual([null, null, "=C5*2", null, null, null, null]);
    expect(f.values).toEqual([null, true, null, null, null, null, null]);
    expect(f.formulas).toEqual([null, null, null, null, null, '=IF(C8>0,"","x")', null]);
  });

  it("reads only the part of the block inside the used range", async () => {
    installExcelMock({ sheets: [sheetWithNotes()] });
    // Asked for E1:F1000; the used range is B3:F9, so E3:F9 is all that can hold anything.
    const snapshot = await new OfficeWorkbook().snapshotCells({ ...TARGET, row: 0, rowCount: 1000 });
    expect(snapshot.block).toEqual(TARGET);
    expect(snapshot.columns[0].values).toHaveLength(ROWS + 1);
  });
});

describe("snapshotCells then restoreCells", () => {
  it("puts back every cell a run overwrote and then cleared, value and formula alike", async () => {
    const mock = installExcelMock({ sheets: [sheetWithNotes()] });
    const workbook = new OfficeWorkbook();
    const snapshot = await workbook.snapshotCells(TARGET);
    // What a run and its rollback do to the block: two columns written over it, then cleared.
    const filler = Array.from({ length: ROWS }, () => "x");
    await workbook.appendColumns(TABLE, [
      { header: "Segment", values: filler },
      { header: "Score", formulas: filler.map(() => "=1") },
    ]);
    expect(mock.stored("Sheet1", 3, 4)).toBe("x");
    await workbook.removeColumns(TABLE, ["Segment", "Score"], TARGET);
    expect(mock.stored("Sheet1", 3, 4)).toBeNull();

    await workbook.restoreCells(snapshot);

    for (let row = TARGET.row; row < TARGET.row + TARGET.rowCount; row++) {
      for (let column = TARGET.column; column < TARGET.column + TARGET.columnCount; column++) {
        const cell = {
          value: mock.stored("Sheet1", row, column),
          formula: mock.isFormula("Sheet1", row, column),
        };
        expect([row, column, cell]).toEqual([row, column, original(row, column)]);
      }
    }
  });

  it("writes text starting with = or + escaped through values, and formulas through formulas", async () => {
    const mock = installExcelMock({ sheets: [sheetWithNotes()] });
    const workbook = new OfficeWorkbook();
    await workbook.restoreCells(await workbook.snapshotCells(TARGET));
    expect(mock.written("Sheet1", 5, 4, "values")).toBe("'=not a formula");
    expect(mock.written("Sheet1", 6, 4, "values")).toBe("'+49 GmbH");
    expect(mock.written("Sheet1", 3, 4, "values")).toBe(42);
    expect(mock.written("Sheet1", 8, 4, "values")).toBe("");
    expect(mock.written("Sheet1", 4, 4, "formulas")).toBe("=C5*2");
    // The formula cell is left alone by the values array (null), and the constants by the formulas one.
    expect(mock.written("Sheet1", 4, 4, "values")).toBeNull();
    expect(mock.written("Sheet1", 3, 4, "formulas")).toBeNull();
    // One chunk: the used range, one read, one write.
    expect(mock.log.syncs).toBe(3);
  });

  it("writes no formulas array when the block holds no formula", async () => {
    const mock = installExcelMock({ sheets: [sheetWithNotes()] });
    const workbook = new OfficeWorkbook();
    // E3:E5 only holds "Notes" and 42 (rows 2..3); row 4 is the formula, so stop before it.
    await workbook.restoreCells(await workbook.snapshotCells({ ...TARGET, rowCount: 2, columnCount: 1 }));
    expect(mock.log.writes.map((write) => write.kind)).toEqual(["values"]);
  });
});

describe("round trips grow with rows per chunk, not with rows", () => {
  /** One column of n digits (row r holds r % 10) at A1:An, all of it used. */
  function digits(rowCount: number): FakeSheetSpec {
    return {
      name: "Sheet1",
      cell: (row, column) => (column === 0 && row < rowCount ? row % 10 : ""),
      usedRange: { row: 0, column: 0, rowCount, columnCount: 1 },
    };
  }

  it.each([
    [1000, 11, 10],
    [2000, 21, 20],
  ])("%i rows: %i syncs to snapshot, %i to restore", async (rowCount, snapshotSyncs, restoreSyncs) => {
    const block: Block = { sheet: "Sheet1", row: 0, column: 0, rowCount, columnCount: 1 };
    // Reading: each cell counts twice (formula and value) at 32 bytes assumed, so a 6,400-byte budget
    // reads ⌊6,400 / (32 · 2)⌋ = 100 rows per chunk, plus one request for the used range:
    // 1 + 1000 / 100 = 11 and 1 + 2000 / 100 = 21.
    const reads = installExcelMock({ sheets: [digits(rowCount)] });
    const snapshot = await new OfficeWorkbook({ maxRequestBytes: 6400 }).snapshotCells(block);
    expect(reads.log.syncs).toBe(snapshotSyncs);
    expect(reads.log.cellsRead.slice(1)).toEqual(Array.from({ length: snapshotSyncs - 1 }, () => 200));

    // Writing: a row [7] is 3 bytes + 1 comma; the 2-D array's outer brackets cost 1 byte more, so a
    // 401-byte budget takes 100 rows (4 · 100 = 400 ≤ 401 − 1) and sends exactly 401 bytes each time.
    const writes = installExcelMock({ sheets: [digits(rowCount)] });
    await new OfficeWorkbook({ maxRequestBytes: 401 }).restoreCells(snapshot);
    expect(writes.log.syncs).toBe(restoreSyncs);
    expect(writes.log.requestBytes).toEqual(Array.from({ length: restoreSyncs }, () => 401));
    expect(writes.stored("Sheet1", rowCount - 1, 0)).toBe((rowCount - 1) % 10);
  });

  it("stops between chunks of the snapshot when cancelled", async () => {
    const mock = installExcelMock({ sheets: [digits(1000)] });
    const controller = new AbortController();
    const block: Block = { sheet: "Sheet1", row: 0, column: 0, rowCount: 1000, columnCount: 1 };
    const snapshot = new OfficeWorkbook({ maxRequestBytes: 6400 }).snapshotCells(block, {
      signal: controller.signal,
      onProgress: (done) => {
        if (done >= 300) controller.abort();
      },
    });
    await expect(snapshot).rejects.toThrow("cancelled");
    // The used range and three chunks of 100 rows were read before the cancel was seen.
    expect(mock.log.syncs).toBe(4);
  });
});
