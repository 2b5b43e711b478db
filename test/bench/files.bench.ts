/**
 * The command-line runner on Excel's maximum: 1,048,575 customers (1,048,576 rows with the header)
 * from .csv and from .xlsx, generated with the sample generator into a temp folder. Each run is a
 * separate `node` process (so its peak RSS, `process.resourceUsage().maxRSS`, is the run's own);
 * the baseline is sorting the revenue column as a Float64Array in this process. Time, peak memory
 * and the exit status go into `note`. Nothing is printed here.
 *
 * The .xlsx (≈ 86 MB, ≈ 500 MB of sheet XML) goes through the one .xlsx engine (`xlsxWorkbook.ts`:
 * streamed read, patched write). Its baseline is pandas + openpyxl doing the same job on the same
 * file (read, median-cut quadrants, write the table and a summary sheet: `pandas_xlsx.py`) through
 * Debian's /usr/bin/python3, when pandas is installed there; otherwise the row says so and falls
 * back to the sort baseline. Issue 12's target: the runner at least as fast (ratio ≤ 1).
 *
 * `CX_BENCH_FILE_ROWS` overrides the number of customers (for a quick look).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtempSync, rmSync, statSync, writeFileSync, createWriteStream } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { SAMPLE_COLUMNS, sampleCustomers } from "../../src/sample/sampleCustomers";
import type { CellValue } from "../../src/workbook/workbook";
import type { BenchRow } from "./benchRow";

const CUSTOMERS = Number(process.env.CX_BENCH_FILE_ROWS ?? 1_048_575);

/** Runs the built CLI in a child process; reports wall time, exit code and the child's peak RSS. */
function runCli(args: string[]): { ms: number; code: number | null; maxRssMb: number; stderr: string } {
  const cli = path.resolve(__dirname, "../../src/cli/main.js");
  const script = `
    const { main } = require(${JSON.stringify(cli)});
    main(process.argv.slice(1), { stdout: () => {}, stderr: (t) => process.stderr.write(t), cwd: process.cwd(), stderrIsTty: false })
      .then((code) => { process.stdout.write(JSON.stringify({ code, maxRss: process.resourceUsage().maxRSS })); });`;
  const started = performance.now();
  const child = spawnSync(process.execPath, ["--max-old-space-size=4096", "-e", script, ...args], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  const ms = performance.now() - started;
  let parsed = { code: child.status, maxRss: NaN };
  try {
    parsed = JSON.parse(child.stdout);
  } catch {
    // The child died (e.g. out of memory): keep its exit status and stderr.
  }
  return {
    ms,
    code: parsed.code,
    maxRssMb: parsed.maxRss / 1024,
    stderr: child.stderr.trim().split("\n").pop() ?? "",
  };
}

const PYTHON = "/usr/bin/python3";

/**
 * pandas + openpyxl on the same .xlsx (`pandas_xlsx.py`), in its own process: its wall time and
 * peak RSS, or why it could not run (Debian's python or its pandas/openpyxl missing).
 */
function runPandasXlsx(
  input: string,
  output: string,
): { ms: number; maxRssMb: number } | { missing: string } {
  if (!existsSync(PYTHON)) return { missing: `${PYTHON} is not installed` };
  const probe = spawnSync(PYTHON, ["-c", "import pandas, openpyxl"], { encoding: "utf8" });
  if (probe.status !== 0)
    return {
      missing:
        "pandas or openpyxl is not installed for /usr/bin/python3 (apt-get install python3-pandas python3-openpyxl)",
    };
  const script = path.resolve(__dirname, "../../../test/bench/pandas_xlsx.py");
  const started = performance.now();
  const child = spawnSync(
    PYTHON,
    [existsSync(script) ? script : path.resolve(__dirname, "pandas_xlsx.py"), input, output],
    {
      encoding: "utf8",
      maxBuffer: 1 << 24,
    },
  );
  const ms = performance.now() - started;
  if (child.status !== 0) return { missing: `pandas failed: ${child.stderr.trim().split("\n").pop()}` };
  const parsed = JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}") as { maxRssMb?: number };
  return { ms, maxRssMb: parsed.maxRssMb ?? NaN };
}

function toCsvField(cell: CellValue, isDate: boolean): string {
  if (cell === null) return "";
  if (isDate && typeof cell === "number") {
    return new Date(Date.UTC(1899, 11, 30) + cell * 86_400_000).toISOString().slice(0, 10);
  }
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function writeCsv(file: string, headers: string[], rows: CellValue[][]): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${headers.join(",")}\r\n`);
  for (let start = 0; start < rows.length; start += 10_000) {
    const chunk = rows
      .slice(start, start + 10_000)
      .map((row) => row.map((cell, c) => toCsvField(cell, c === SAMPLE_COLUMNS.lastPurchase)).join(","))
      .join("\r\n");
    if (!out.write(`${chunk}\r\n`)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

/** Streams the rows into an .xlsx (exceljs's streaming writer cannot add a table: a plain range). */
async function writeXlsx(file: string, headers: string[], rows: CellValue[][]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const sheet = workbook.addWorksheet("Customers");
  sheet.addRow(headers).commit();
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
}

export async function runFilesBench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cx-files-bench-"));
  try {
    const { headers, rows } = sampleCustomers(CUSTOMERS);
    const revenue = Float64Array.from(rows, (row) => row[SAMPLE_COLUMNS.revenue] as number);
    let baselineMs = Infinity;
    for (let i = 0; i < 3; i++) {
      const copy = revenue.slice();
      const started = performance.now();
      copy.sort();
      baselineMs = Math.min(baselineMs, performance.now() - started);
    }
    const csvFile = path.join(dir, "customers.csv");
    const xlsxFile = path.join(dir, "customers.xlsx");
    await writeCsv(csvFile, headers, rows);
    await writeXlsx(xlsxFile, headers, rows);
    writeFileSync(
      path.join(dir, "README"),
      "Generated by test/bench/files.bench.ts; deleted after the run.\n",
    );

    const results: BenchRow[] = [];
    for (const [kind, file] of [
      ["csv", csvFile],
      ["xlsx", xlsxFile],
    ] as const) {
      const run = runCli([file, "--force", "--output", path.join(dir, `out.${kind}`)]);
      const status = run.code === 0 ? "ok" : `FAILED (exit ${run.code}: ${run.stderr})`;
      const input = `input ${Math.round(statSync(file).size / 1048576)} MB; peak RSS ${Math.round(run.maxRssMb)} MB`;
      const pandas = kind === "xlsx" ? runPandasXlsx(file, path.join(dir, "pandas-out.xlsx")) : null;
      if (pandas && "ms" in pandas) {
        results.push({
          name: `cx-segment, ${CUSTOMERS.toLocaleString("en-US")} customers from .xlsx (quadrant, values) vs pandas + openpyxl`,
          ms: run.ms,
          baselineMs: pandas.ms,
          ratio: run.ms / pandas.ms,
          note: `${status}; ${input}; target ≤ 1× (${run.ms <= pandas.ms ? "met" : "NOT met"}); baseline: pandas.read_excel + quadrants + to_excel (openpyxl) on the same file, peak RSS ${Math.round(pandas.maxRssMb)} MB`,
        });
        continue;
      }
      const missing = pandas ? `; no pandas baseline: ${pandas.missing}` : "";
      results.push({
        name: `cx-segment, ${CUSTOMERS.toLocaleString("en-US")} customers from .${kind} (quadrant, values)`,
        ms: run.ms,
        baselineMs,
        ratio: run.ms / baselineMs,
        note: `${status}; ${input}; baseline: Float64Array sort of the revenue column${missing}`,
      });
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
