/**
 * A run the user let overwrite non-empty cells, and that then fails or is cancelled, puts those cells
 * back as they were: constants as constants (text starting with "=" stays text), formulas as formulas.
 * The reference is the sheet before the run, compared cell by cell (value AND whether it is a formula).
 */
import { MemoryWorkbook, type MemoryTableInit } from "../../src/workbook/memoryWorkbook";
import { OfficeWorkbook } from "../../src/workbook/officeWorkbook";
import type { CellValue, Workbook } from "../../src/workbook/workbook";
import { runSegmentation } from "../../src/workflow/run";
import type { RunOutcome } from "../../src/workflow/types";
import { installExcelMock, type Cell } from "../workbook/officeMock";
import { QUADRANT, quadrantTable, settingsFor } from "./fixtures";

afterEach(() => {
  delete (globalThis as { Excel?: unknown }).Excel;
  delete (globalThis as { Office?: unknown }).Office;
});

/** RFM on the example table writes six columns, D to I; write call 2 fails after the first (D). */
const RFM = settingsFor("rfm", { lastPurchase: 1, orders: 2, value: 1 }, (s) => (s.rfm.asOf = "1901-01-01"));

const TABLE: MemoryTableInit = Object.freeze({
  name: "Clients",
  sheet: "Customers",
  headerRow: 0,
  firstColumn: 0,
  rowCount: 4,
  columnCount: 3,
});

/**
 * The example as an Excel table (A1:C5) with the user's things right of it, where the results go:
 * D1 a note, D3 the number 42, D4 the formula =B4*2, E2 the text "=not a formula". (Beside a plain
 * range they would belong to its current region, so only a table has neighbours to overwrite.)
 */
function sheetWithNotes(): MemoryWorkbook {
  const cells = quadrantTable();
  cells[0][3] = "note: call Beta";
  cells[1][4] = "=not a formula";
  cells[2][3] = 42;
  cells[3][3] = "=B4*2";
  for (const row of cells) while (row.length < 5) row.push(null);
  return new MemoryWorkbook({
    sheets: [
      {
        name: "Customers",
        cells,
        formulaCells: [{ row: 3, column: 3 }],
      },
    ],
    tables: [{ ...TABLE }],
    selection: { sheet: "Customers", row: 1, column: 1 },
  });
}

/** Every sheet's used grid, each cell with whether it holds a formula. */
async function cellsOf(
  wb: MemoryWorkbook,
): Promise<Record<string, { value: CellValue; formula: boolean }[][]>> {
  const out: Record<string, { value: CellValue; formula: boolean }[][]> = {};
  for (const sheet of await wb.sheetNames()) {
    out[sheet] = wb
      .sheetGrid(sheet)
      .map((row, r) => row.map((value, c) => ({ value, formula: wb.isFormula(sheet, r, c) })));
  }
  return out;
}

const agree = { confirmOverwrite: async () => true };

function messageOf(outcome: RunOutcome): string {
  if (outcome.ok) throw new Error("expected the run to fail");
  return outcome.problem.message;
}

describe("a failed run puts back the cells the user agreed to overwrite", () => {
  it("restores a note, a number, a formula and a text starting with = when a write fails", async () => {
    const wb = sheetWithNotes();
    wb.failOnWrite = 2;
    const before = await cellsOf(wb);
    // The sheet really holds what the test is about: one formula, and "=not a formula" as text.
    expect(wb.isFormula("Customers", 3, 3)).toBe(true);
    expect(wb.isFormula("Customers", 1, 4)).toBe(false);

    const outcome = await runSegmentation(wb, RFM, agree);

    expect(outcome).toMatchObject({ ok: false, problem: { code: "write-failed" } });
    expect(messageOf(outcome)).toContain("the cells it had overwritten were restored");
    expect(messageOf(outcome)).toContain("the sheet is as it was");
    expect(await cellsOf(wb)).toEqual(before);
    expect(wb.cell("Customers", 3, 3)).toBe("=B4*2");
    expect(wb.isFormula("Customers", 3, 3)).toBe(true);
    expect(wb.cell("Customers", 1, 4)).toBe("=not a formula");
    expect(wb.isFormula("Customers", 1, 4)).toBe(false);
    expect(await wb.sheetNames()).toEqual(["Customers"]);
    expect(wb.tableDefinitions()[0].columnCount).toBe(3);
  });

  it("restores them when the user cancels after the first column was written over them", async () => {
    const wb = sheetWithNotes();
    const before = await cellsOf(wb);
    const controller = new AbortController();
    let overwrittenWhenCancelled: CellValue = null;
    const outcome = await runSegmentation(wb, RFM, {
      ...agree,
      signal: controller.signal,
      onProgress: (fraction, phase) => {
        if (phase === "Writing" && fraction > 0.65 && !controller.signal.aborted) {
          overwrittenWhenCancelled = wb.cell("Customers", 2, 3);
          controller.abort();
        }
      },
    });
    // The cancel came after column D had replaced the 42: there was something to restore.
    expect(overwrittenWhenCancelled).not.toBe(42);
    expect(outcome).toMatchObject({ ok: false, problem: { code: "cancelled" } });
    expect(messageOf(outcome)).toContain("were restored");
    expect(await cellsOf(wb)).toEqual(before);
  });

  it("snapshots only the block it writes, and only when the user agreed to overwrite", async () => {
    const empty = new MemoryWorkbook({
      sheets: [{ name: "Customers", cells: quadrantTable() }],
      tables: [{ ...TABLE }],
      selection: { sheet: "Customers", row: 1, column: 1 },
    });
    const untouched = jest.spyOn(empty, "snapshotCells");
    expect((await runSegmentation(empty, QUADRANT, agree)).ok).toBe(true);
    expect(untouched).not.toHaveBeenCalled();

    const wb = sheetWithNotes();
    const snapshot = jest.spyOn(wb, "snapshotCells");
    expect((await runSegmentation(wb, QUADRANT, agree)).ok).toBe(true);
    // Quadrant writes one column, D, over the header row and the 4 data rows: D1:D5.
    expect(snapshot).toHaveBeenCalledTimes(1);
    expect(snapshot.mock.calls[0][0]).toEqual({
      sheet: "Customers",
      row: 0,
      column: 3,
      rowCount: 5,
      columnCount: 1,
    });
    // Row 4 is Gamma: revenue 480 ≥ median 300, match 2 < median 5.5 → "Profit", a constant.
    expect(wb.cell("Customers", 3, 3)).toBe("Profit");
    expect(wb.isFormula("Customers", 3, 3)).toBe(false);
  });

  it("says the cells could not be restored, and to use Undo, where the workbook cannot snapshot", async () => {
    const wb = sheetWithNotes();
    wb.failOnWrite = 2;
    // The same workbook without the two optional methods, as the command-line file workbooks are.
    const withoutSnapshots = Object.assign(Object.create(wb) as MemoryWorkbook, {
      snapshotCells: undefined,
      restoreCells: undefined,
    }) as Workbook;
    const outcome = await runSegmentation(withoutSnapshots, RFM, agree);
    expect(outcome).toMatchObject({ ok: false, problem: { code: "write-failed" } });
    expect(messageOf(outcome)).toContain("could not be restored");
    expect(messageOf(outcome)).toContain("Undo");
    expect(messageOf(outcome)).not.toContain("the sheet is as it was");
    // Today's rollback still ran: the added column D is cleared, so the 42 is gone.
    expect(wb.cell("Customers", 2, 3)).toBeNull();
  });
});

describe("the same through Office.js on the fake Excel", () => {
  it("puts back a note, a number, a formula and a text starting with = when the user cancels", async () => {
    // The example table at A1:C5 (region told to the fake, as Excel would find it), and beside it in
    // D: D1 a note, D3 42, D4 =B4*2 (shows 960: B4 is 480), D5 "=not a formula" as text.
    const table = quadrantTable();
    const user: Record<number, Cell> = { 0: "note: call Beta", 2: 42, 3: 960, 4: "=not a formula" };
    const mock = installExcelMock({
      sheets: [
        {
          name: "Customers",
          cell: (row, column) => (column === 3 ? (user[row] ?? "") : ((table[row]?.[column] ?? "") as Cell)),
          formula: (row, column) => (row === 3 && column === 3 ? "=B4*2" : undefined),
          usedRange: { row: 0, column: 0, rowCount: 5, columnCount: 4 },
          region: { row: 0, column: 0, rowCount: 5, columnCount: 3 },
        },
      ],
      selection: { row: 1, column: 1, rowCount: 1, columnCount: 1 },
    });
    const controller = new AbortController();
    const outcome = await runSegmentation(new OfficeWorkbook(), QUADRANT, {
      ...agree,
      signal: controller.signal,
      // The one column is written in one chunk; cancel once it is there, before the run completes.
      onProgress: (fraction, phase) => {
        if (phase === "Writing" && fraction === 1) controller.abort();
      },
    });
    expect(outcome).toMatchObject({ ok: false, problem: { code: "cancelled" } });
    expect(messageOf(outcome)).toContain("were restored");
    // D3 was overwritten by Beta's segment (revenue 120 < 300, match 9 ≥ 5.5: "Potential") before
    // the rollback cleared it; the restore, the last write there, is what brought 42 back.
    const overwrote = mock.log.writes.some(
      (write) =>
        write.column === 3 && write.row === 1 && write.kind === "values" && write.data[1][0] === "Potential",
    );
    expect(overwrote).toBe(true);
    expect(mock.written("Customers", 2, 3)).toBe(42);
    const column = (row: number) => ({
      value: mock.stored("Customers", row, 3),
      formula: mock.isFormula("Customers", row, 3),
    });
    expect([0, 1, 2, 3, 4].map(column)).toEqual([
      { value: "note: call Beta", formula: false },
      { value: null, formula: false },
      { value: 42, formula: false },
      { value: "=B4*2", formula: true },
      { value: "=not a formula", formula: false },
    ]);
  });
});
