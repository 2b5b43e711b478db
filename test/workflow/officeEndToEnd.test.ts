/**
 * The whole segmentation workflow (`runSegmentation`, `removeLastRun`, `previewTable`) driven through
 * the Office.js adapter on the fake Excel of `test/workbook/officeMock.ts`, for a plain range and an
 * Excel table, for each method. The reference is the in-memory workbook, an independent
 * implementation of the same interface: the same run on the same cells must leave the same cells
 * behind, in the customer sheet and on the summary sheet. A few results are also worked by hand.
 */
import { MemoryWorkbook } from "../../src/workbook/memoryWorkbook";
import { OfficeWorkbook } from "../../src/workbook/officeWorkbook";
import type { CellValue } from "../../src/workbook/workbook";
import { defaultSettings, previewTable, removeLastRun, runSegmentation } from "../../src/workflow/run";
import { LAST_RUN_KEY } from "../../src/workflow/settings";
import type { Method, RunOutcome, SegmentationSettings } from "../../src/workflow/types";
import { installExcelMock, type ExcelMock, type FakeTableSpec, type Rect } from "../workbook/officeMock";

afterEach(() => {
  delete (globalThis as { Excel?: unknown }).Excel;
  delete (globalThis as { Office?: unknown }).Office;
});

const SHEET = "Customers";
/** The header is in row 2 and the table starts in column B, so no position is 0 by accident. */
const HEADER_ROW = 1;
const FIRST_COLUMN = 1;
const HEADERS = Object.freeze(["Customer", "Revenue", "Match", "Last purchase", "Orders"]);
/** Last purchase as Excel serials: 45292 = 2024-01-01, 45657 = 2024-12-31 (the RFM as-of date). */
const CUSTOMERS: readonly (readonly [string, number, number, number, number])[] = Object.freeze([
  ["Alpha AG", 12000, 8, 45650, 14],
  ["=Hacker GmbH", 450, 9, 45300, 2],
  ["Beta Ltd", 3800, 3, 45640, 9],
  ["Gamma", 780, 6, 45500, 4],
  ["Delta & Co", 25000, 7, 45655, 22],
  ["Epsilon", 150, 2, 45100, 1],
  ["Zeta", 5200, 5, 45600, 7],
  ["Eta", 990, 10, 45620, 5],
  ["Theta", 60, 1, 45010, 1],
  ["Iota", 3100, 4, 45580, 6],
  ["Kappa", 17500, 2, 45645, 18],
  ["Lambda", 430, 8, 45400, 3],
  ["Mu", 2600, 6, 45560, 8],
  ["Nu", 880, 3, 45200, 2],
  ["Xi", 7400, 9, 45630, 11],
  ["Omicron", 210, 5, 45350, 2],
  ["Pi", 1500, 7, 45590, 5],
  ["Rho", 9600, 1, 45610, 12],
  ["Sigma", 330, 4, 45050, 1],
  ["+49 Telecom", 4300, 10, 45570, 6],
]);
const ROWS = CUSTOMERS.length;
const TABLE_RECT: Rect = Object.freeze({
  row: HEADER_ROW,
  column: FIRST_COLUMN,
  rowCount: ROWS + 1,
  columnCount: HEADERS.length,
});
/** First column right of the table, where the results go (G). */
const RESULT_COLUMN = FIRST_COLUMN + HEADERS.length;
/** The selected cell: C6, inside the table. */
const SELECTED = { row: 5, column: 2 };

/** The customer sheet's cell at (row, column), 0-based; null outside the table. */
function cellAt(row: number, column: number): string | number | null {
  const c = column - FIRST_COLUMN;
  if (c < 0 || c >= HEADERS.length || row < HEADER_ROW || row > HEADER_ROW + ROWS) return null;
  return row === HEADER_ROW ? HEADERS[c] : CUSTOMERS[row - HEADER_ROW - 1][c];
}

/** The customer sheet row-major from A1, for the memory workbook. */
function customerGrid(): CellValue[][] {
  return Array.from({ length: HEADER_ROW + ROWS + 1 }, (_, row) =>
    Array.from({ length: RESULT_COLUMN }, (_, column) => cellAt(row, column)),
  );
}

type Shape = "plain range" | "Excel table";

function tableSpec(): FakeTableSpec {
  return {
    name: "Clients",
    headerRow: HEADER_ROW,
    firstColumn: FIRST_COLUMN,
    columnCount: HEADERS.length,
    rowCount: ROWS,
  };
}

/** The fake Excel with the customer sheet (and an unrelated "Notes" sheet), and the adapter over it. */
function officeSide(shape: Shape, excelApi = "1.20") {
  const table = shape === "Excel table" ? tableSpec() : null;
  const mock = installExcelMock({
    sheets: [
      {
        name: SHEET,
        cell: (row, column) => cellAt(row, column) ?? "",
        usedRange: TABLE_RECT,
        region: TABLE_RECT,
        tables: table ? [table] : [],
      },
      { name: "Notes" },
    ],
    selection: { ...SELECTED, rowCount: 1, columnCount: 1 },
    excelApi,
  });
  return { mock, table, wb: new OfficeWorkbook() };
}

/** The same cells in the in-memory workbook. */
function memorySide(shape: Shape): MemoryWorkbook {
  return new MemoryWorkbook({
    sheets: [
      { name: SHEET, cells: customerGrid() },
      { name: "Notes", cells: [] },
    ],
    tables: shape === "Excel table" ? [{ ...tableSpec(), sheet: SHEET }] : [],
    selection: { sheet: SHEET, ...SELECTED },
  });
}

function settingsFor(method: Method): SegmentationSettings {
  const settings = defaultSettings("2024-12-31");
  settings.method = method;
  settings.mapping = { ...settings.mapping, customer: 0, value: 1, match: 2, lastPurchase: 3, orders: 4 };
  return settings;
}

/** Columns each method adds (checked against the memory run, not assumed). */
function addedColumns(outcome: RunOutcome): number {
  if (!outcome.ok) throw new Error(`run failed: ${outcome.problem.message}`);
  return outcome.record.columnHeaders.length;
}

/** A rectangle of the fake Excel's cells as they are now: value and whether each is a formula. */
function officeCells(mock: ExcelMock, sheet: string, rows: number, columns: number) {
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: columns }, (_, c) => ({
      value: mock.stored(sheet, r, c),
      formula: mock.isFormula(sheet, r, c),
    })),
  );
}

function memoryCells(wb: MemoryWorkbook, sheet: string, rows: number, columns: number) {
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: columns }, (_, c) => ({
      value: wb.cell(sheet, r, c),
      formula: wb.isFormula(sheet, r, c),
    })),
  );
}

/** Both sides after the same run, plus what the comparison needs. */
async function runBoth(
  shape: Shape,
  method: Method,
  excelApi = "1.20",
  change: (settings: SegmentationSettings) => void = () => {},
) {
  const settings = settingsFor(method);
  change(settings);
  Object.freeze(settings);
  const memory = memorySide(shape);
  const expected = await runSegmentation(memory, settings);
  const office = officeSide(shape, excelApi);
  const outcome = await runSegmentation(office.wb, settings);
  return { memory, expected, ...office, outcome };
}

const SHAPES: Shape[] = ["plain range", "Excel table"];
const METHODS: Method[] = ["quadrant", "rfm", "abc"];

describe.each(SHAPES)("the workflow through the Office.js adapter on a %s", (shape) => {
  describe.each(METHODS)("%s", (method) => {
    it("succeeds with the same summary and record as on the in-memory workbook", async () => {
      const { expected, outcome } = await runBoth(shape, method);
      expect(expected.ok).toBe(true);
      expect(outcome.ok).toBe(true);
      if (!outcome.ok || !expected.ok) return;
      expect(outcome.summary).toEqual(expected.summary);
      expect({ ...outcome.record, at: "" }).toEqual({ ...expected.record, at: "" });
      expect(outcome.record.columnsBlock).toEqual({
        sheet: SHEET,
        row: HEADER_ROW,
        column: RESULT_COLUMN,
        rowCount: ROWS + 1,
        columnCount: addedColumns(expected),
      });
    });

    it("leaves the customer sheet cell for cell as the in-memory run does, text as text", async () => {
      const { memory, expected, mock } = await runBoth(shape, method);
      // the table, the added columns and one empty row and column beyond
      const rows = HEADER_ROW + ROWS + 2;
      const columns = RESULT_COLUMN + addedColumns(expected) + 1;
      expect(officeCells(mock, SHEET, rows, columns)).toEqual(memoryCells(memory, SHEET, rows, columns));
      expect(mock.stored(SHEET, HEADER_ROW, RESULT_COLUMN)).toBe(
        method === "quadrant" ? "Segment" : method === "rfm" ? "Recency days" : "ABC class",
      );
    });

    it("gives the added columns the same number formats", async () => {
      const { memory, mock } = await runBoth(shape, method);
      const formats = memory.numberFormats(SHEET);
      // RFM's recency days ("0") and ABC's cumulative share ("0.00%") have one; quadrant labels none
      expect(formats.length).toBe(method === "quadrant" ? 0 : 1);
      for (const { block, format } of formats) {
        for (let r = block.row; r < block.row + block.rowCount; r++)
          expect(mock.written(SHEET, r, block.column, "numberFormat")).toBe(format);
      }
    });

    it("adds the summary sheet with the same cells, number formats and charts", async () => {
      const { memory, mock } = await runBoth(shape, method);
      const name = "CX Summary";
      const grid = memory.sheetGrid(name);
      expect(grid.length).toBeGreaterThan(10);
      const width = Math.max(...grid.map((row) => row.length));
      // one row and column beyond the memory sheet's used grid must be empty in Excel too
      expect(officeCells(mock, name, grid.length + 1, width + 1)).toEqual(
        memoryCells(memory, name, grid.length + 1, width + 1),
      );
      for (const { block, format } of memory.numberFormats(name)) {
        for (let r = block.row; r < block.row + block.rowCount; r++)
          for (let c = block.column; c < block.column + block.columnCount; c++)
            expect(mock.written(name, r, c, "numberFormat")).toBe(format);
      }
      const charts = memory.charts(name);
      expect(mock.log.charts.map((chart) => chart.title.text)).toEqual(charts.map((chart) => chart.title));
      mock.log.charts.forEach((chart, k) => {
        expect(chart.type).toBe(charts[k].kind === "pie" ? "Pie" : "ColumnClustered");
        const { sheet: _sheet, ...values } = charts[k].series[0].values;
        expect(chart.seriesList[0].values).toEqual(values);
      });
      expect(await new OfficeWorkbook().sheetNames()).toEqual([SHEET, "Notes", name]);
    });

    it("makes every write inside one Excel.run with mergeUndoGroup on ExcelApi 1.20", async () => {
      const { mock } = await runBoth(shape, method);
      const { runOptions, runOfSync, runOfCall, requestBytes, calls } = mock.log;
      const merged = runOptions.flatMap((options, k) =>
        options !== null && (options as { mergeUndoGroup?: boolean }).mergeUndoGroup === true ? [k] : [],
      );
      expect(merged.length).toBe(1);
      const writingSyncs = requestBytes.flatMap((bytes, k) => (bytes > 0 ? [k] : []));
      expect(writingSyncs.length).toBeGreaterThan(0);
      expect(writingSyncs.map((k) => runOfSync[k])).toEqual(writingSyncs.map(() => merged[0]));
      // the structural changes (new sheet, table columns) belong to that run too
      expect(calls.length).toBeGreaterThan(0);
      expect(runOfCall).toEqual(calls.map(() => merged[0]));
      // the reads before it (locate, columns, sheet names, target check; for a plain range also the
      // last customer cells, where a totals row would be) each had their own run
      expect(runOptions.length).toBe(shape === "plain range" ? 6 : 5);
    });

    it("remove results takes away exactly what the run added, as one more undo step", async () => {
      const { memory, expected, mock, table } = await runBoth(shape, method);
      const added = addedColumns(expected);
      const runsBefore = mock.log.runOptions.length;
      const callsBefore = mock.log.calls.length;
      const removed = await removeLastRun(new OfficeWorkbook());
      const removalRuns = mock.log.runOptions.slice(runsBefore);
      const removalCalls = mock.log.calls.slice(callsBefore);
      const removalCallRuns = mock.log.runOfCall.slice(callsBefore);
      const memoryRemoved = await removeLastRun(memory);
      expect(removed).toMatchObject({ ok: true });
      expect(memoryRemoved).toMatchObject({ ok: true });
      if (!removed.ok || !memoryRemoved.ok) return;
      expect(removed.message).toBe(memoryRemoved.message);

      const rows = HEADER_ROW + ROWS + 2;
      const columns = RESULT_COLUMN + added + 1;
      const office = officeCells(mock, SHEET, rows, columns);
      expect(office).toEqual(memoryCells(memory, SHEET, rows, columns));
      // and that is the sheet as it was: the table, nothing right of it
      expect(office.map((row) => row.map((cell) => cell.value))).toEqual(
        Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => cellAt(r, c))),
      );
      expect(await new OfficeWorkbook().sheetNames()).toEqual([SHEET, "Notes"]);
      expect(mock.settings.has(LAST_RUN_KEY)).toBe(false);
      if (table) expect(table.columnCount).toBe(HEADERS.length);

      expect(removalRuns).toEqual([{ mergeUndoGroup: true }]);
      expect(removalCallRuns).toEqual(removalCalls.map(() => runsBefore));
      const expectedCalls =
        shape === "Excel table"
          ? expected.ok
            ? expected.record.columnHeaders.map((header) => `table Clients delete column ${header}`)
            : []
          : [
              `clear ${SHEET} ${JSON.stringify({ row: HEADER_ROW, column: RESULT_COLUMN, rowCount: ROWS + 1, columnCount: added })} Contents`,
            ];
      expect(removalCalls).toEqual([...expectedCalls, "delete sheet CX Summary"]);
    });
  });

  it("writes live CX.SEGMENT formulas as formulas when asked, as the in-memory run does", async () => {
    const { memory, expected, mock } = await runBoth(shape, "quadrant", "1.20", (settings) => {
      settings.output = "formulas";
    });
    expect(expected.ok).toBe(true);
    const rows = HEADER_ROW + ROWS + 2;
    const columns = RESULT_COLUMN + 2;
    expect(officeCells(mock, SHEET, rows, columns)).toEqual(memoryCells(memory, SHEET, rows, columns));
    expect(mock.isFormula(SHEET, HEADER_ROW + 1, RESULT_COLUMN)).toBe(true);
    expect(String(mock.stored(SHEET, HEADER_ROW + 1, RESULT_COLUMN))).toMatch(/^=CX\.SEGMENT\(/);
  });

  it("keeps labels that look like formulas or numbers as text", async () => {
    const labels: [string, string, string, string] = ["=VIP", "+Grow", "-Watch-", "100%"];
    const { memory, mock, outcome } = await runBoth(shape, "quadrant", "1.20", (settings) => {
      settings.quadrant.labels = labels;
    });
    expect(outcome.ok).toBe(true);
    const rows = HEADER_ROW + ROWS + 2;
    const columns = RESULT_COLUMN + 2;
    expect(officeCells(mock, SHEET, rows, columns)).toEqual(memoryCells(memory, SHEET, rows, columns));
    // Alpha AG is Strategic (see the hand-worked quadrants below): the first label, as text
    expect(mock.stored(SHEET, HEADER_ROW + 1, RESULT_COLUMN)).toBe("=VIP");
    expect(mock.isFormula(SHEET, HEADER_ROW + 1, RESULT_COLUMN)).toBe(false);
    // Theta is Ordinary: "100%" stays text, not the number 1
    expect(mock.stored(SHEET, HEADER_ROW + 9, RESULT_COLUMN)).toBe("100%");
    const summaryLabels = memory.sheetGrid("CX Summary").map((row) => row[0]);
    expect(summaryLabels).toEqual(expect.arrayContaining(labels));
  });

  it("uses one plain Excel.run for the writes on a host before ExcelApi 1.20", async () => {
    const { mock, outcome } = await runBoth(shape, "quadrant", "1.19");
    expect(outcome.ok).toBe(true);
    expect(mock.log.runOptions.every((options) => options === null)).toBe(true);
    const writingRuns = new Set(
      mock.log.requestBytes.flatMap((bytes, k) => (bytes > 0 ? [mock.log.runOfSync[k]] : [])),
    );
    expect(writingRuns.size).toBe(1);
  });

  it("previews the same first rows, the customer that starts with = as text", async () => {
    const memory = await previewTable(memorySide(shape), 3);
    const { mock, wb } = officeSide(shape);
    const office = await previewTable(wb, 3);
    expect(office).toEqual(memory);
    if (!office.ok) return;
    expect(office.preview.rows[1]).toEqual(["=Hacker GmbH", 450, 9, 45300, 2]);
    expect(office.preview.table.tableName).toBe(shape === "Excel table" ? "Clients" : null);
    expect(mock.log.requestBytes.every((bytes) => bytes === 0)).toBe(true);
  });
});

describe("results checked by hand, through the adapter", () => {
  /** The label written for customer number `k` (1-based) in the first added column. */
  const label = (mock: ExcelMock, k: number) => mock.stored(SHEET, HEADER_ROW + k, RESULT_COLUMN);

  it("quadrants: medians 2,050 and 5.5 put five customers in each quadrant", async () => {
    // Revenue sorted: …, 1,500 (10th), 2,600 (11th), … → median (1,500 + 2,600) / 2 = 2,050.
    // Match sorted: 1,1,2,2,3,3,4,4,5,5 | 6,6,… → median (5 + 6) / 2 = 5.5. No value equals a cut.
    const { mock, outcome } = await runBoth("plain range", "quadrant");
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(outcome.summary.cutPoints).toEqual({ value: [2050], match: [5.5] });
    expect(label(mock, 1)).toBe("Strategic"); // Alpha AG: 12,000 ≥ 2,050 and 8 ≥ 5.5
    expect(label(mock, 2)).toBe("Potential"); // =Hacker GmbH: 450 < 2,050, 9 ≥ 5.5
    expect(label(mock, 3)).toBe("Profit"); // Beta Ltd: 3,800 ≥ 2,050, 3 < 5.5
    expect(label(mock, 9)).toBe("Ordinary"); // Theta: 60, 1
    expect(label(mock, 13)).toBe("Strategic"); // Mu: 2,600 ≥ 2,050 and 6 ≥ 5.5, just above both cuts
    // Strategic: Alpha, Delta, Mu, Xi, +49 Telecom; Profit: Beta, Zeta, Iota, Kappa, Rho; …
    expect(outcome.summary.segments.map((s) => s.customers)).toEqual([5, 5, 5, 5]);
  });

  it("ABC: the customer crossing 80 % is still A, the next is B", async () => {
    // Total 96,280. Largest first, with the share held BEFORE each: Delta 25,000 (0), Kappa 17,500
    // (.260), Alpha 12,000 (.441), Rho 9,600 (.566), Xi 7,400 (.666), Zeta 5,200 (.743),
    // +49 Telecom 4,300 (76,700 / 96,280 = .797 < .8 → A), Beta 3,800 (81,000 / 96,280 = .841 → B),
    // Iota (.881), Mu (.913), Pi 1,500 (90,500 / 96,280 = .940 → B), Eta 990 (92,000 / 96,280 = .956 → C).
    const { mock, outcome } = await runBoth("Excel table", "abc");
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(label(mock, 20)).toBe("A"); // +49 Telecom
    expect(label(mock, 3)).toBe("B"); // Beta Ltd
    expect(label(mock, 17)).toBe("B"); // Pi
    expect(label(mock, 8)).toBe("C"); // Eta
    expect(label(mock, 2)).toBe("C"); // =Hacker GmbH
    const [a, b, c] = outcome.summary.segments;
    // A: 25,000 + 17,500 + 12,000 + 9,600 + 7,400 + 5,200 + 4,300 = 81,000 over 7 customers
    expect([a.customers, a.totalValue]).toEqual([7, 81000]);
    // B: 3,800 + 3,100 + 2,600 + 1,500 = 11,000 over 4; C: the other 9, 96,280 − 92,000 = 4,280
    expect([b.customers, b.totalValue]).toEqual([4, 11000]);
    expect([c.customers, c.totalValue]).toEqual([9, 4280]);
    // the cumulative share column: +49 Telecom holds 81,000 / 96,280 including itself
    expect(mock.stored(SHEET, HEADER_ROW + 20, RESULT_COLUMN + 1)).toBeCloseTo(81000 / 96280, 12);
  });
});
