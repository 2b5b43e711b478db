/**
 * The whole segmentation workflow through the Office.js adapter (`OfficeWorkbook`) on the fake Excel
 * of `test/workbook/officeMock.ts`, on Excel's maximum: 1,048,576 rows (header + 1,048,575
 * customers) in a plain range A:E. The cells are generated lazily, row by row, only when the adapter
 * loads a chunk, so the sheet itself costs nothing until it is read.
 *
 * What it shows is the adapter's side of a real run: how many `context.sync()` round trips the
 * workflow makes, and the largest request (writes) and response (reads) in bytes of cell JSON, which
 * must stay under Excel's 5 MB. The time includes the fake Excel's own work (building the loaded
 * cells, measuring each batch as JSON); the part spent inside the fake `sync` is given separately.
 * A real Excel adds its own latency per round trip and its own write time, which no fake can tell.
 * Baseline: a Float64Array sort of the revenue column in the same run. One run per method (each
 * takes seconds). Nothing is printed here.
 */
import { OfficeWorkbook } from "../../src/workbook/officeWorkbook";
import { defaultSettings, runSegmentation } from "../../src/workflow/run";
import type { Method, SegmentationSettings } from "../../src/workflow/types";
import { installExcelMock, type Cell } from "../workbook/officeMock";
import type { BenchRow } from "./benchRow";

const ROWS = 1_048_576;
const HEADERS = ["Customer", "Revenue", "Match", "Last purchase", "Orders"];

/** A uniform number in [0, 1) from (row, k): an integer hash, so any cell can be made on its own. */
function uniform(row: number, k: number): number {
  let h = Math.imul(row ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(k + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/**
 * The sheet's cell at (row, column): row 0 the headers, then customer "C<row>", revenue (skewed:
 * 100 / (0.01 + u²), a few large customers), match 1–10, last purchase a serial in 2023,
 * orders 1–30 (skewed); "" outside A1:E1048576.
 */
function cell(row: number, column: number): Cell {
  if (row >= ROWS || column >= HEADERS.length) return "";
  if (row === 0) return HEADERS[column];
  switch (column) {
    case 0:
      return `C${row}`;
    case 1: {
      const u = uniform(row, 1);
      return Math.round(100 / (0.01 + u * u));
    }
    case 2:
      return 1 + Math.floor(uniform(row, 2) * 10);
    case 3:
      return 45000 + Math.floor(uniform(row, 3) * 365);
    default:
      return 1 + Math.floor(uniform(row, 4) * uniform(row, 5) * 30);
  }
}

function settingsFor(method: Method): SegmentationSettings {
  const settings = defaultSettings("2024-12-31");
  settings.method = method;
  settings.mapping = { ...settings.mapping, customer: 0, value: 1, match: 2, lastPurchase: 3, orders: 4 };
  return settings;
}

function bytes(count: number): string {
  return `${count.toLocaleString("en-US")} bytes`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(2)} MB`;
}

export async function runOfficeBench(): Promise<BenchRow[]> {
  const revenue = new Float64Array(ROWS - 1);
  for (let row = 1; row < ROWS; row++) revenue[row - 1] = cell(row, 1) as number;
  const sortStart = performance.now();
  revenue.slice().sort();
  const baselineMs = performance.now() - sortStart;

  const table = { row: 0, column: 0, rowCount: ROWS, columnCount: HEADERS.length };
  const rows: BenchRow[] = [];
  for (const method of ["quadrant", "rfm", "abc"] as const) {
    const previous = { Excel: Reflect.get(globalThis, "Excel"), Office: Reflect.get(globalThis, "Office") };
    const mock = installExcelMock({
      sheets: [{ name: "Customers", cell, usedRange: table, region: table }],
      selection: { row: 1, column: 1, rowCount: 1, columnCount: 1 },
      excelApi: "1.20",
      // A million rows of written cells would be kept only for tests that look at them.
      recordWrites: false,
    });
    try {
      const start = performance.now();
      const outcome = await runSegmentation(new OfficeWorkbook(), settingsFor(method));
      const ms = performance.now() - start;
      const { log } = mock;
      const writingSyncs = log.requestBytes.filter((bytes) => bytes > 0).length;
      const readingSyncs = log.responseBytes.filter((bytes) => bytes > 0).length;
      const excelRuns = log.runOptions.length;
      rows.push({
        name: `workflow ${method}, ${ROWS - 1} customers (OfficeWorkbook, fake Excel)`,
        ms,
        baselineMs,
        ratio: ms / baselineMs,
        note: [
          outcome.ok ? "ok" : `FAILED: ${outcome.problem.message}`,
          `${log.syncs} context.sync() round trips in ${excelRuns} Excel.run (${readingSyncs} reading cells, ${writingSyncs} writing)`,
          `largest request ${bytes(Math.max(0, ...log.requestBytes))}`,
          `largest response ${bytes(Math.max(0, ...log.responseBytes))}`,
          `${megabytes(log.requestBytes.reduce((a, b) => a + b, 0))} written, ${megabytes(log.responseBytes.reduce((a, b) => a + b, 0))} read`,
          `${Math.round(log.syncMs)} ms inside the fake sync`,
          "baseline: Float64Array sort of the revenue column",
        ].join("; "),
      });
    } finally {
      for (const [name, value] of Object.entries(previous)) {
        if (value === undefined) Reflect.deleteProperty(globalThis, name);
        else Reflect.set(globalThis, name, value);
      }
    }
  }
  return rows;
}
