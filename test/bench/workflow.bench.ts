/**
 * The whole segmentation workflow on Excel's maximum of 1,048,575 customers (1,048,576 rows with
 * the header) in the memory workbook, per method, against sorting the value column as a
 * Float64Array in the same run (the floor for anything that ranks customers). Peak heap in `note`.
 */
import type { CellValue } from "../../src/workbook/workbook";
import { MemoryWorkbook } from "../../src/workbook/memoryWorkbook";
import { defaultSettings, runSegmentation } from "../../src/workflow/run";
import type { Method, SegmentationSettings } from "../../src/workflow/types";
import type { BenchRow } from "./benchRow";

const ROWS = 1_048_576;

/** A deterministic table: customer, revenue (skewed), match 1–10, last purchase serial, orders. */
function bigTable(): CellValue[][] {
  const cells: CellValue[][] = new Array(ROWS);
  cells[0] = ["Customer", "Revenue", "Match", "Last purchase", "Orders"];
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let r = 1; r < ROWS; r++) {
    const u = random();
    cells[r] = [
      `C${r}`,
      Math.round(100 / (0.01 + u * u)),
      1 + Math.floor(random() * 10),
      45000 + Math.floor(random() * 365),
      1 + Math.floor(random() * random() * 30),
    ];
  }
  return cells;
}

function settingsFor(method: Method): SegmentationSettings {
  const settings = defaultSettings("2024-12-31");
  settings.method = method;
  settings.mapping = { ...settings.mapping, customer: 0, value: 1, match: 2, lastPurchase: 3, orders: 4 };
  return settings;
}

export async function runWorkflowBench(): Promise<BenchRow[]> {
  const cells = bigTable();
  const values = new Float64Array(ROWS - 1);
  for (let r = 1; r < ROWS; r++) values[r - 1] = cells[r][1] as number;
  const sortStart = performance.now();
  values.slice().sort();
  const baselineMs = performance.now() - sortStart;

  const rows: BenchRow[] = [];
  for (const method of ["quadrant", "rfm", "abc"] as const) {
    const wb = new MemoryWorkbook({
      sheets: [{ name: "Customers", cells }],
      selection: { sheet: "Customers", row: 0, column: 0 },
    });
    let peak = process.memoryUsage().heapUsed;
    const start = performance.now();
    const outcome = await runSegmentation(wb, settingsFor(method), {
      onProgress: () => {
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      },
    });
    const ms = performance.now() - start;
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    rows.push({
      name: `workflow ${method}, ${ROWS - 1} customers (memory workbook)`,
      ms,
      baselineMs,
      ratio: ms / baselineMs,
      note: `${outcome.ok ? "ok" : `FAILED: ${outcome.problem.message}`}; peak heap ${Math.round(peak / 1048576)} MB; baseline: Float64Array sort of the value column`,
    });
  }
  return rows;
}
