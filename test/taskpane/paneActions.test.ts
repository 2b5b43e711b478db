/**
 * The pane's boundary (src/taskpane/paneActions.ts): whatever the workbook throws — a failed read, a
 * failed write, settings that cannot be read or saved — every action settles with a message in pane
 * words, and nothing is left half-written. Driven through both workbooks the pane uses: the Office.js
 * adapter on office-addin-mock's fake Excel (test/workbook/officeMock.ts), whose syncs are made to
 * fail, and the browser preview's paced in-memory workbook with its `?fail=` switch.
 */
import { FaultyWorkbook, SimulatedExcelError } from "../../src/taskpane/faultyWorkbook";
import { PacedWorkbook } from "../../src/taskpane/pacedWorkbook";
import {
  openPane,
  reasonOf,
  readSelection,
  removeResults,
  segment,
  type SegmentOutcome,
} from "../../src/taskpane/paneActions";
import { MemoryWorkbook } from "../../src/workbook/memoryWorkbook";
import { OfficeWorkbook } from "../../src/workbook/officeWorkbook";
import type { CellValue } from "../../src/workbook/workbook";
import * as workflow from "../../src/workflow/run";
import { defaultSettings } from "../../src/workflow/run";
import { emptyMapping } from "../../src/workflow/mapping";
import type { SegmentationSettings } from "../../src/workflow/types";
import { installExcelMock, type ExcelMock, type MockLog } from "../workbook/officeMock";

afterEach(() => {
  delete (globalThis as { Excel?: unknown }).Excel;
  delete (globalThis as { Office?: unknown }).Office;
});

const SHEET = "Customers";
const HEADERS = ["Customer", "Revenue", "Match"] as const;
/** Ten customers: revenue 100, 200, …, 1000; match 1–10 in another order. */
const ROWS: readonly (readonly [string, number, number])[] = Array.from({ length: 10 }, (_, i) => [
  `C${i + 1}`,
  100 * (i + 1),
  ((i * 7) % 10) + 1,
]);
/** Where the results go: column D, right of the table A1:C11. */
const RESULT_COLUMN = HEADERS.length;

function cellAt(row: number, column: number): string | number {
  if (column >= HEADERS.length || row > ROWS.length) return "";
  return row === 0 ? HEADERS[column] : ROWS[row - 1][column];
}

const SETTINGS: SegmentationSettings = {
  ...defaultSettings(new Date(Date.UTC(2026, 11, 1))),
  mapping: { ...emptyMapping(), customer: 0, value: 1, match: 2 },
};

/** Which syncs of the fake Excel fail: `fail(log, batch)` is asked before each one. */
type SyncFault = (log: MockLog, batch: { cellsRead: number; requestBytes: number }) => boolean;

function fakeExcel(fault: SyncFault = () => false): ExcelMock {
  const rect = { row: 0, column: 0, rowCount: ROWS.length + 1, columnCount: HEADERS.length };
  return installExcelMock({
    sheets: [{ name: SHEET, cell: cellAt, usedRange: rect, region: rect }],
    selection: { row: 2, column: 1, rowCount: 1, columnCount: 1 },
    beforeSync: (log, batch) => {
      if (fault(log, batch)) {
        throw Object.assign(new Error("The request failed because Excel is busy."), {
          code: "GeneralException",
        });
      }
    },
  });
}

/** The sheets that exist now (a deleted or never-added summary sheet is not there). */
function sheetsOf(mock: ExcelMock): string[] {
  return ["Customers", "CX Summary"].filter((sheet) => {
    try {
      mock.stored(sheet, 0, 0);
      return true;
    } catch {
      return false;
    }
  });
}

/** The cells right of the table (header row included), as they are now. */
function resultColumn(mock: ExcelMock): (string | number | boolean | null)[] {
  return Array.from({ length: ROWS.length + 1 }, (_, row) => mock.stored(SHEET, row, RESULT_COLUMN));
}

/** "code: message" of a failed outcome (and fails the test when it succeeded). */
function expectFailed(
  outcome: { ok: true } | { ok: false; problem: { code: string; message: string } },
): string {
  expect(outcome.ok).toBe(false);
  return outcome.ok ? "" : `${outcome.problem.code}: ${outcome.problem.message}`;
}

describe("the pane's boundary on the fake Excel (OfficeWorkbook)", () => {
  test("a good run works through the boundary: the control case for the failures below", async () => {
    const mock = fakeExcel();
    const outcome = await segment(new OfficeWorkbook(), SETTINGS);
    expect(outcome.ok).toBe(true);
    expect(sheetsOf(mock)).toEqual(["Customers", "CX Summary"]);
    // Median revenue 550, median match 5.5: C1 (100, 1) is Ordinary.
    expect(resultColumn(mock)[0]).toBe("Segment");
    expect(resultColumn(mock)[1]).toBe("Ordinary");
  });

  test("opening the pane with every read failing settles with a message, and the spinner can stop", async () => {
    fakeExcel((_log, batch) => batch.cellsRead > 0);
    const opened = await openPane(new OfficeWorkbook(), 5);
    expect(opened.preview).toBeNull();
    // The workflow's boundary answers the failed read; the pane only shows it.
    expect(opened.problem?.code).toBe("read-failed");
    expect(opened.problem?.message).toBe(
      "Reading from the workbook failed (The request failed because Excel is busy). Nothing was written; try again.",
    );
  });

  test("unreadable document settings do not stop the pane from opening: it says so and reads the table", async () => {
    fakeExcel();
    const office = (
      globalThis as unknown as { Office: { context: { document: { settings: { get: unknown } } } } }
    ).Office;
    office.context.document.settings.get = () => {
      throw new Error("Settings are not available");
    };
    const opened = await openPane(new OfficeWorkbook(), 5);
    expect(opened.saved).toBeNull();
    expect(opened.settingsUnreadable).toContain("“Settings are not available”");
    expect(opened.preview?.headers).toEqual([...HEADERS]);
  });

  test("a run whose column read fails says nothing was written, and nothing was", async () => {
    // The header and the first rows are read to find the table; the run's read of all 10 rows fails.
    const mock = fakeExcel((_log, batch) => batch.cellsRead >= ROWS.length);
    const outcome = await segment(new OfficeWorkbook(), SETTINGS);
    expect(expectFailed(outcome)).toBe(
      "read-failed: Reading from the workbook failed (The request failed because Excel is busy). Nothing was written; try again.",
    );
    expect(mock.log.writes).toEqual([]);
    expect(sheetsOf(mock)).toEqual(["Customers"]);
  });

  test("a run whose write of the result columns fails removes the summary sheet again and writes no cell", async () => {
    // Find, in a run that succeeds, which write sync is the first to touch the customer sheet: the
    // writes of sync s are log.writes[before[s] .. before[s + 1]).
    const before: number[] = [];
    const writeSyncs: number[] = [];
    const probe = fakeExcel((log, batch) => {
      before.push(log.writes.length);
      if (batch.requestBytes > 0) writeSyncs.push(before.length - 1);
      return false;
    });
    expect((await segment(new OfficeWorkbook(), SETTINGS)).ok).toBe(true);
    const firstCustomerWrite = probe.log.writes.findIndex((write) => write.sheet === SHEET);
    const syncOfIt = before.findIndex(
      (start, sync) => start <= firstCustomerWrite && firstCustomerWrite < (before[sync + 1] ?? Infinity),
    );
    const failingWriteSync = writeSyncs.indexOf(syncOfIt);
    expect(failingWriteSync).toBeGreaterThan(0); // the summary sheet is written first

    let writeSync = -1;
    const mock = fakeExcel((_log, batch) => batch.requestBytes > 0 && ++writeSync === failingWriteSync);
    const outcome = await segment(new OfficeWorkbook(), SETTINGS);
    const text = expectFailed(outcome);
    expect(text).toMatch(/^write-failed: Writing the results failed/);
    expect(text).toContain("the sheet is as it was");
    expect(sheetsOf(mock)).toEqual(["Customers"]);
    expect(resultColumn(mock)).toEqual(Array(ROWS.length + 1).fill(null));
  });

  test("a run whose settings cannot be saved after writing is rolled back whole: the sheet is as it was", async () => {
    const mock = fakeExcel();
    const office = (
      globalThis as unknown as {
        Office: { AsyncResultStatus: unknown; context: { document: { settings: { saveAsync: unknown } } } };
      }
    ).Office;
    // office-addin-mock answers every unloaded property with an error text, Office.AsyncResultStatus
    // too: give it Office's values ("succeeded", "failed"), as the real office.js has them.
    office.AsyncResultStatus = { Succeeded: "succeeded", Failed: "failed" };
    office.context.document.settings.saveAsync = (callback: (result: unknown) => void) =>
      callback({ status: "failed", error: { message: "The document is read-only" } });
    const outcome: SegmentOutcome = await segment(new OfficeWorkbook(), SETTINGS);
    const text = expectFailed(outcome);
    // Remembering the run is the last write of its undo step: a run keeps all its results or none.
    expect(text).toBe(
      'write-failed: Writing the results failed (Could not save the setting "cx.settings": The document is read-only). Everything this run had written was removed again; the sheet is as it was.',
    );
    expect(sheetsOf(mock)).toEqual(["Customers"]);
    expect(resultColumn(mock)).toEqual(Array(ROWS.length + 1).fill(null));
  });

  test("'Remove results' whose settings read fails settles with a message and removes nothing", async () => {
    const mock = fakeExcel();
    expect((await segment(new OfficeWorkbook(), SETTINGS)).ok).toBe(true);
    const office = (
      globalThis as unknown as { Office: { context: { document: { settings: { get: unknown } } } } }
    ).Office;
    office.context.document.settings.get = () => {
      throw new Error("Settings are not available");
    };
    const outcome = await removeResults(new OfficeWorkbook());
    expect(expectFailed(outcome)).toBe(
      "read-failed: Reading from the workbook failed (Settings are not available). Nothing was removed; try again.",
    );
    expect(sheetsOf(mock)).toEqual(["Customers", "CX Summary"]);
    expect(resultColumn(mock)[0]).toBe("Segment");
  });

  test("re-reading the selection when Excel fails is a message, not a rejection", async () => {
    fakeExcel(() => true);
    const read = await readSelection(new OfficeWorkbook(), 5);
    expect(expectFailed(read)).toMatch(/^read-failed: Reading from the workbook failed/);
  });
});

describe("the pane's boundary on the preview workbook (?fail=)", () => {
  function preview(fault: "read" | "write" | "settings"): {
    memory: MemoryWorkbook;
    workbook: PacedWorkbook;
  } {
    const cells: CellValue[][] = Array.from({ length: ROWS.length + 1 }, (_, row) =>
      HEADERS.map((_header, column) => cellAt(row, column)),
    );
    const memory = new MemoryWorkbook({
      sheets: [{ name: SHEET, cells }],
      tables: [
        { name: "T", sheet: SHEET, headerRow: 0, firstColumn: 0, rowCount: ROWS.length, columnCount: 3 },
      ],
      selection: { sheet: SHEET, row: 1, column: 0 },
    });
    return { memory, workbook: new PacedWorkbook(new FaultyWorkbook(memory, fault)) };
  }

  test("a failing read: opening settles with a message, a run says nothing was written", async () => {
    const { memory, workbook } = preview("read");
    const opened = await openPane(workbook, 5);
    expect(opened.problem?.code).toBe("read-failed");
    expect(opened.problem?.message).toContain("simulated by the preview");
    expect(expectFailed(await segment(workbook, SETTINGS))).toContain("Nothing was written");
    expect(await memory.sheetNames()).toEqual([SHEET]);
  });

  test("a failing write: the run is rolled back — no summary sheet, no column", async () => {
    const { memory, workbook } = preview("write");
    expect((await openPane(workbook, 5)).problem).toBeNull();
    const text = expectFailed(await segment(workbook, SETTINGS));
    expect(text).toMatch(
      /^write-failed: Writing the results failed \(GeneralException: Excel could not complete/,
    );
    expect(await memory.sheetNames()).toEqual([SHEET]);
    expect(
      Array.from({ length: ROWS.length + 1 }, (_, row) => memory.cell(SHEET, row, RESULT_COLUMN)),
    ).toEqual(Array(ROWS.length + 1).fill(null));
  });

  test("failing settings: the pane opens from its defaults, and a run that cannot save them says so", async () => {
    const { workbook } = preview("settings");
    const opened = await openPane(workbook, 5);
    expect(opened.settingsUnreadable).toContain("could not be read");
    expect(opened.preview).not.toBeNull();
    expect(expectFailed(await segment(workbook, SETTINGS))).toMatch(
      /^write-failed: Writing the results failed \(.*saving the document settings; simulated by the preview.*the sheet is as it was\.$/,
    );
  });
});

describe("the pane's last net, under the workflow's own boundary", () => {
  // The workflow never throws (its boundary turns a failing workbook into a Problem); these stand
  // in for a bug that escapes it anyway, so the pane still settles instead of spinning forever.
  afterEach(() => jest.restoreAllMocks());

  test("a run that rejects after writing began says where to look", async () => {
    jest.spyOn(workflow, "runSegmentation").mockImplementation(async (_wb, _settings, hooks) => {
      hooks?.onProgress?.(0.7, "Writing");
      throw new TypeError("x is undefined");
    });
    const text = expectFailed(await segment(new MemoryWorkbook({ sheets: [] }), SETTINGS));
    expect(text).toBe(
      "excel-failed: The run stopped while writing the results (“x is undefined”). Check the columns right of the table and the summary sheets: Excel's Undo (Ctrl+Z) takes back a run, or delete what it added by hand.",
    );
  });

  test("a preview or a removal that rejects is a message too", async () => {
    jest.spyOn(workflow, "previewTable").mockRejectedValue(new TypeError("y is undefined"));
    jest.spyOn(workflow, "removeLastRun").mockRejectedValue(new TypeError("z is undefined"));
    const wb = new MemoryWorkbook({ sheets: [] });
    expect(expectFailed(await readSelection(wb, 5))).toMatch(/^excel-failed: .*“y is undefined”/);
    expect(expectFailed(await removeResults(wb))).toMatch(
      /^excel-failed: Removing the last results failed \(“z is undefined”\)/,
    );
  });
});

describe("reasons in pane words", () => {
  test("Office.js errors are named as Excel's with their code; other errors are quoted", () => {
    expect(reasonOf(Object.assign(new Error("The request failed."), { code: "GeneralException" }))).toBe(
      "Excel: “The request failed”, GeneralException",
    );
    expect(reasonOf(new SimulatedExcelError("reading cells"))).toBe(
      "Excel: “GeneralException: Excel could not complete the request (reading cells; simulated by the preview)”",
    );
    expect(reasonOf(new TypeError("x is undefined"))).toBe("“x is undefined”");
    expect(reasonOf("plain text")).toBe("“plain text”");
  });
});
