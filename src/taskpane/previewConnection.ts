/**
 * The browser preview: the pane on a bundled sample table held in memory, for when office.js is not
 * there (opened in a plain browser, no network) — so the pane can be seen, tried and tested
 * without Excel. The sample is the same seeded table the CLI and the sample workbook use.
 */
import type { CellValue } from "../workbook/workbook";
import { MemoryWorkbook } from "../workbook/memoryWorkbook";
import { clvSample } from "../sample/clvSample";
import { orderLogSample } from "../sample/orderLogSample";
import { sampleCustomers } from "../sample/sampleCustomers";
import type { PaneConnection, SheetSnapshot } from "./connection";
import { FaultyWorkbook, previewFault } from "./faultyWorkbook";
import { PacedWorkbook } from "./pacedWorkbook";

/** Customers in the preview sample unless the page's `?rows=` says otherwise. */
export const DEFAULT_PREVIEW_ROWS = 1000;
/** Excel's last row is 1,048,576; one is the header. */
const MAX_ROWS = 1_048_575;
export const PREVIEW_SHEET = "Customers";
export const PREVIEW_TABLE = "Customers";
/** Columns probed when showing a sheet's first rows (the sample has 14, a run adds a few). */
const MAX_COLUMNS_SHOWN = 30;

/**
 * Row count from the query string: `?rows=300000` makes a big sample (used by the cancel test).
 * Anything that is not a whole number from 1 to 1,048,575 gives the default.
 *
 * @example
 * previewRowCount("?rows=300000") // => 300000
 * previewRowCount("?rows=abc")    // => 1000
 */
export function previewRowCount(search: string): number {
  const text = new URLSearchParams(search).get("rows");
  const rows = text === null ? Number.NaN : Number(text);
  return Number.isInteger(rows) && rows >= 1 && rows <= MAX_ROWS ? rows : DEFAULT_PREVIEW_ROWS;
}

/**
 * The note `?note=1` puts beside the table (in the first data row, right of the last column), the
 * way analysts jot remarks next to a table: a run would write over it, so the pane must ask first.
 */
export const NOTE_BESIDE_TABLE = "Checked by finance";

/**
 * A MemoryWorkbook with the sample as Excel table "Customers" at A1 and the selection inside it.
 * Query parameters, so the preview can show (and tests can reach) what a real workbook can be:
 * - `sample=orders`: a small order log (one row per order, `orderLogSample.ts`) instead of the customers;
 * - `rows`: sample size, see {@link previewRowCount};
 * - `sample=clv`: a customer table for the lifetime-value method instead (`src/sample/clvSample.ts`:
 *   first and last purchase dates, orders, average repeat value, revenue; as of 2026-11-30);
 * - `note=1`: {@link NOTE_BESIDE_TABLE} right of the table's first data row (the overwrite question);
 * - `protected=1`: the sheet is protected; `filtered=1`: rows 3 and 4 are hidden by a filter;
 * - `fail=read|write|settings`: Excel's requests of that kind fail (see `faultyWorkbook.ts`).
 */
export function previewConnection(search: string, locale: string): PaneConnection {
  const params = new URLSearchParams(search);
  const count = previewRowCount(search);
  const sample = params.get("sample");
  const { headers, rows } =
    sample === "clv" ? clvSample(count) : sample === "orders" ? orderLogSample() : sampleCustomers(count);
  const cells = [headers, ...rows];
  if (params.get("note") === "1") cells[1] = [...cells[1], NOTE_BESIDE_TABLE];
  const memory = new MemoryWorkbook({
    sheets: [
      {
        name: PREVIEW_SHEET,
        cells,
        protected: params.get("protected") === "1",
        // 0-based sheet rows 2 and 3 are Excel rows 3 and 4.
        hiddenRows: params.get("filtered") === "1" ? [2, 3] : [],
      },
    ],
    tables: [
      {
        name: PREVIEW_TABLE,
        sheet: PREVIEW_SHEET,
        headerRow: 0,
        firstColumn: 0,
        rowCount: rows.length,
        columnCount: headers.length,
      },
    ],
    selection: { sheet: PREVIEW_SHEET, row: 1, column: 0 },
  });
  const fault = previewFault(search);
  return {
    workbook: new PacedWorkbook(fault === null ? memory : new FaultyWorkbook(memory, fault)),
    preview: { firstRows: (rowCount) => firstRows(memory, rowCount, headers.length) },
    locale,
  };
}

/**
 * The first rows of every sheet, trimmed to the columns that hold something. On the sample's sheet,
 * once something is right of the table (a run's columns), only the first column (the customer) and those are shown:
 * in a 350-pixel pane the 14 sample columns would push the results out of sight.
 */
async function firstRows(
  memory: MemoryWorkbook,
  rowCount: number,
  sampleWidth: number,
): Promise<SheetSnapshot[]> {
  const names = await memory.sheetNames();
  return names.map((sheet) => {
    const grid: CellValue[][] = [];
    let width = 0;
    for (let r = 0; r < rowCount; r++) {
      const row: CellValue[] = [];
      for (let c = 0; c < MAX_COLUMNS_SHOWN; c++) {
        const value = memory.cell(sheet, r, c);
        row.push(value);
        if (value !== null && value !== "") width = Math.max(width, c + 1);
      }
      grid.push(row);
    }
    const columns = Array.from({ length: width }, (_unused, c) => c);
    const added = sheet === PREVIEW_SHEET && width > sampleWidth;
    const shown = added ? [0, ...columns.slice(sampleWidth)] : columns;
    return {
      sheet,
      note: added ? "the customer column and what is right of the table" : null,
      rows: grid.map((row) => shown.map((c) => row[c])),
    };
  });
}
