/**
 * An order log through the Office.js adapter on the fake Excel of `test/workbook/officeMock.ts`: the
 * same run as on the in-memory workbook (an independent implementation of the same interface) must
 * give the same summary, the same `CX Customers` sheet and the same segment column beside the log,
 * and "Remove results" must take all of it away again. The log is test/workflow/orders.test.ts's,
 * whose numbers are worked by hand there.
 */
import { isoToSerial } from "../../src/core/excelDate";
import { MemoryWorkbook } from "../../src/workbook/memoryWorkbook";
import { OfficeWorkbook } from "../../src/workbook/officeWorkbook";
import type { CellValue } from "../../src/workbook/workbook";
import { defaultSettings, removeLastRun, runSegmentation } from "../../src/workflow/run";
import { defaultOrderSource } from "../../src/workflow/settings";
import type { SegmentationSettings } from "../../src/workflow/types";
import { installExcelMock, type Rect } from "../workbook/officeMock";

afterEach(() => {
  delete (globalThis as { Excel?: unknown }).Excel;
  delete (globalThis as { Office?: unknown }).Office;
});

const day = (iso: string) => isoToSerial(iso) as number;
const SHEET = "Orders";
const LOG: CellValue[][] = [
  ["Customer", "Order date", "Amount"],
  ["A", day("2024-01-01"), 100],
  ["B", day("2024-01-03"), 40],
  ["A", day("2024-01-01"), 50],
  ["C", day("2024-02-15"), 10],
  ["A", day("2024-01-15"), 30],
  ["B", day("2024-03-01"), 60],
  ["C", day("2024-04-10"), 500],
  ["D", day("2024-04-02"), 70],
];
const RECT: Rect = { row: 0, column: 0, rowCount: LOG.length, columnCount: 3 };

function settings(): SegmentationSettings {
  const s = defaultSettings("2024-03-31");
  s.method = "abc";
  s.source = defaultOrderSource("2024-03-31");
  Object.assign(s.mapping, { customer: 0, orderDate: 1, value: 2 });
  return s;
}

function officeSide() {
  const mock = installExcelMock({
    sheets: [
      {
        name: SHEET,
        cell: (row, column) => LOG[row]?.[column] ?? "",
        usedRange: RECT,
        region: RECT,
        tables: [],
      },
    ],
    selection: { row: 1, column: 1, rowCount: 1, columnCount: 1 },
    excelApi: "1.20",
  });
  return { mock, wb: new OfficeWorkbook() };
}

function memorySide(): MemoryWorkbook {
  return new MemoryWorkbook({
    sheets: [{ name: SHEET, cells: LOG }],
    selection: { sheet: SHEET, row: 1, column: 1 },
  });
}

describe("an order log through the Office.js adapter", () => {
  it("writes the same customer sheet, segment column and summary as the in-memory workbook", async () => {
    const memory = memorySide();
    const expected = await runSegmentation(memory, settings());
    const { mock, wb } = officeSide();
    const outcome = await runSegmentation(wb, settings());
    if (!outcome.ok || !expected.ok) throw new Error("a run stopped");
    expect(outcome.summary).toEqual(expected.summary);
    expect({ ...outcome.record, at: "" }).toEqual({ ...expected.record, at: "" });
    const customers = memory.sheetGrid("CX Customers");
    expect(customers).toHaveLength(4); // A, B, C (D bought only after the as-of date)
    for (let r = 0; r < customers.length; r++)
      for (let c = 0; c < customers[0].length; c++)
        expect([r, c, mock.stored("CX Customers", r, c) ?? null]).toEqual([r, c, customers[r][c] ?? null]);
    // The class column beside the log: A, A, A, C, A, A, then blank for the two orders after the date.
    const segments = LOG.map((_, r) => mock.stored(SHEET, r, 3) ?? null);
    expect(segments).toEqual(["ABC class", "A", "A", "A", "C", "A", "A", null, null]);
  });

  it("Remove results deletes both sheets and the column", async () => {
    const { mock, wb } = officeSide();
    const outcome = await runSegmentation(wb, settings());
    expect(outcome.ok).toBe(true);
    const removed = await removeLastRun(wb);
    expect(removed.ok).toBe(true);
    expect(await wb.sheetNames()).toEqual([SHEET]);
    expect(LOG.map((_, r) => mock.stored(SHEET, r, 3) ?? null)).toEqual(LOG.map(() => null));
  });
});
