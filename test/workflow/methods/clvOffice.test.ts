/**
 * The lifetime-value method through the Office.js adapter on the fake Excel (the pane's path), on
 * the CDNOW customer table: the same cells, number formats, summary sheet and charts as the
 * in-memory workbook, whose numbers `clv.test.ts` checks against the papers, the worksheet
 * functions and a plain implementation.
 */
import { MemoryWorkbook } from "../../../src/workbook/memoryWorkbook";
import { OfficeWorkbook } from "../../../src/workbook/officeWorkbook";
import type { CellValue } from "../../../src/workbook/workbook";
import { runSegmentation } from "../../../src/workflow/run";
import { CDNOW_AS_OF, cdnowCustomerTable } from "../../data/cdnow/cdnow";
import { installExcelMock } from "../../workbook/officeMock";
import { settingsFor } from "../fixtures";

afterEach(() => {
  delete (globalThis as { Excel?: unknown }).Excel;
  delete (globalThis as { Office?: unknown }).Office;
});

const SHEET = "Customers";

it("writes the same cells, formats, summary and charts through the adapter as on the in-memory workbook", async () => {
  const grid = cdnowCustomerTable() as CellValue[][];
  const rect = { row: 0, column: 0, rowCount: grid.length, columnCount: grid[0].length };
  const settings = settingsFor(
    "clv",
    { customer: 0, firstPurchase: 1, lastPurchase: 2, orders: 3, value: 4, averageValue: 5 },
    (s) => {
      s.clv.asOf = CDNOW_AS_OF;
      s.clv.margin = 0.3;
      s.clv.period = "month";
    },
  );
  const memory = new MemoryWorkbook({
    sheets: [{ name: SHEET, cells: grid }],
    selection: { sheet: SHEET, row: 1, column: 1 },
  });
  const expected = await runSegmentation(memory, settings);
  if (!expected.ok) throw new Error(expected.problem.message);

  const mock = installExcelMock({
    sheets: [
      {
        name: SHEET,
        cell: (row, column) => grid[row]?.[column] ?? "",
        usedRange: rect,
        region: rect,
        tables: [],
      },
    ],
    selection: { row: 1, column: 1, rowCount: 1, columnCount: 1 },
    excelApi: "1.20",
  });
  const outcome = await runSegmentation(new OfficeWorkbook(), settings);
  if (!outcome.ok) throw new Error(outcome.problem.message);
  expect(outcome.summary).toEqual(expected.summary);
  // Months: one year ahead is 12 periods.
  expect(outcome.summary.lifetimeValue!.model.horizon).toBe(12);
  expect(mock.stored(SHEET, 0, 9)).toBe("CLV (12 months)");

  const width = grid[0].length + 5 + 1;
  for (let r = 0; r <= grid.length; r++) {
    for (let c = 6; c < width; c++) {
      const stored = mock.stored(SHEET, r, c);
      expect(stored === "" ? null : stored).toEqual(memory.cell(SHEET, r, c));
    }
  }
  for (const { block, format } of memory.numberFormats(SHEET)) {
    for (const r of [block.row, block.row + block.rowCount - 1])
      expect(mock.written(SHEET, r, block.column, "numberFormat")).toBe(format);
  }
  const summaryGrid = memory.sheetGrid("CX Summary");
  const summaryWidth = Math.max(...summaryGrid.map((row) => row.length));
  for (let r = 0; r < summaryGrid.length; r++) {
    for (let c = 0; c < summaryWidth; c++) {
      const stored = mock.stored("CX Summary", r, c);
      expect(stored === "" ? null : stored).toEqual(memory.cell("CX Summary", r, c));
    }
  }
  const charts = memory.charts("CX Summary");
  expect(charts.map((chart) => chart.title)).toContain(
    "Customers by repeat purchases: actual and expected (BG/NBD)",
  );
  expect(mock.log.charts.map((chart) => chart.title.text)).toEqual(charts.map((chart) => chart.title));
}, 120000);
