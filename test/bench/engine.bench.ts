/**
 * The runner on big files: 10,000,000 customers (beyond Excel) from .csv (JavaScript engine, the
 * default for every CSV) and from .parquet (read and written by DuckDB) in one run each, with the
 * run's peak RSS against the 2 GB target; and the 1,048,575-customer CSV against pandas doing the
 * same read–segment–write in the same run (Debian's python3-pandas, when installed).
 *
 * Every run is a separate process (the built runner, `lib/src/cli/main.js`), so its peak RSS
 * (`process.resourceUsage().maxRSS`, DuckDB's native memory included) is the run's own. The
 * tables come from a seeded generator (mulberry32, the sample's shapes: lognormal revenue, match
 * 1–10, three years of purchase dates, orders growing with revenue) into a temp folder that is
 * deleted afterwards; nothing big is committed. `CX_BENCH_ENGINE_ROWS` overrides the 10,000,000.
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { serialToIso } from "../../src/core/excelDate";
import { orderLogStatement } from "../../src/engine/orderLogSql";
import { DIALECTS } from "../../src/engine/sqlDialect";
import { mulberry32 } from "../../src/sample/sampleCustomers";
import type { BenchRow } from "./benchRow";

const BIG_ROWS = Number(process.env.CX_BENCH_ENGINE_ROWS ?? 10_000_000);
const EXCEL_ROWS = 1_048_575;
const PYTHON = "/usr/bin/python3";

/** Streams `rows` customers to a CSV; returns the revenue column (for the sort baseline). */
export async function writeCustomers(file: string, rows: number, seed: number): Promise<Float64Array> {
  const random = mulberry32(seed);
  const revenue = new Float64Array(rows);
  const out = createWriteStream(file);
  const first = 45252; // 2023-11-21
  out.write("Customer ID,Revenue,Strategic match,Last purchase date,Orders\r\n");
  let chunk = "";
  for (let i = 0; i < rows; i++) {
    const u = 1 - random();
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
    const value = Math.round(Math.exp(8 + 1.6 * normal) * 100) / 100;
    revenue[i] = value;
    const orders = Math.max(1, Math.round(value / (400 + 1200 * random())));
    const day = serialToIso(first + Math.floor(random() ** 2 * 1095)) as string;
    chunk += `C${String(i + 1).padStart(8, "0")},${value},${1 + Math.floor(random() * 10)},${day},${orders}\r\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      chunk = "";
    }
  }
  out.write(chunk);
  await new Promise<void>((resolve) => out.end(resolve));
  return revenue;
}

/** The built runner in a child process: wall time, exit code, peak RSS, the last line of stderr. */
function runCli(args: string[]): { ms: number; code: number | null; maxRssMb: number; stderr: string } {
  const cli = path.resolve(__dirname, "../../src/cli/main.js");
  const script = `
    const { main } = require(${JSON.stringify(cli)});
    main(process.argv.slice(1), { stdout: () => {}, stderr: (t) => process.stderr.write(t), cwd: process.cwd(), stderrIsTty: false })
      .then((code) => { process.stdout.write(JSON.stringify({ code, maxRss: process.resourceUsage().maxRSS })); });`;
  const started = performance.now();
  const child = spawnSync(process.execPath, ["-e", script, ...args], {
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
  const stderr = child.stderr.trim().split("\n").pop() ?? "";
  return { ms, code: parsed.code, maxRssMb: parsed.maxRss / 1024, stderr };
}

/** What an analyst writes in pandas for the same job: read, segment (quadrant or ABC), write. */
const PANDAS_SCRIPT = `
import resource, sys
import numpy as np, pandas as pd
source, target, method = sys.argv[1:4]
df = pd.read_csv(source)
value = pd.to_numeric(df["Revenue"], errors="coerce")
if method == "quadrant":
    match = pd.to_numeric(df["Strategic match"], errors="coerce")
    high_value, high_match = value >= value.median(), match >= match.median()
    df["Segment"] = np.select([high_value & high_match, high_value, high_match], ["Strategic", "Profit", "Potential"], "Ordinary")
else:
    ranked = value.sort_values(ascending=False, kind="mergesort")
    cumulative = ranked.cumsum() / ranked.sum()
    before = cumulative - ranked / ranked.sum()
    df["ABC class"] = pd.Series(np.where(before < 0.8, "A", np.where(before < 0.95, "B", "C")), index=ranked.index)
    df["Cumulative value share"] = cumulative
df.to_csv(target, index=False)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
`;

function pandasAvailable(): boolean {
  return spawnSync(PYTHON, ["-c", "import pandas"]).status === 0;
}

function runPandas(args: string[]): { ms: number; ok: boolean; maxRssMb: number } {
  const started = performance.now();
  const child = spawnSync(PYTHON, ["-c", PANDAS_SCRIPT, ...args], { encoding: "utf8" });
  return {
    ms: performance.now() - started,
    ok: child.status === 0,
    maxRssMb: Number(child.stdout.trim()) / 1024,
  };
}

function sortBaseline(values: Float64Array): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const copy = values.slice();
    const started = performance.now();
    copy.sort();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

const mb = (file: string) => Math.round(statSync(file).size / 1048576);
const status = (run: { code: number | null; stderr: string }) =>
  run.code === 0 ? "ok" : `FAILED (exit ${run.code}: ${run.stderr})`;

export async function runEngineBench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cx-engine-bench-"));
  const rows: BenchRow[] = [];
  try {
    // 1. Excel's maximum against pandas, same file, same run.
    const excelCsv = path.join(dir, "customers-1m.csv");
    await writeCustomers(excelCsv, EXCEL_ROWS, 20261125);
    const havePandas = pandasAvailable();
    for (const method of ["quadrant", "abc"]) {
      const run = runCli([
        excelCsv,
        "--method",
        method,
        "--force",
        "--output",
        path.join(dir, `1m-${method}.csv`),
      ]);
      const pandas = havePandas
        ? runPandas([excelCsv, path.join(dir, `1m-${method}.pandas.csv`), method])
        : null;
      rows.push({
        name: `Runner (JavaScript engine, the default for CSV), ${EXCEL_ROWS.toLocaleString("en-US")} customers from .csv (${method}, read + segment + write)`,
        ms: run.ms,
        baselineMs: pandas?.ms ?? NaN,
        ratio: pandas ? run.ms / pandas.ms : NaN,
        note:
          `${status(run)}; input ${mb(excelCsv)} MB; peak RSS ${Math.round(run.maxRssMb)} MB; ` +
          (pandas
            ? `baseline: pandas ${pandas.ok ? "" : "FAILED "}read_csv + ${method} + to_csv (peak RSS ${Math.round(pandas.maxRssMb)} MB); target ≤ 0.33×`
            : "baseline: pandas is not installed (apt-get install python3-pandas)"),
      });
    }

    // 3. Beyond Excel: 10,000,000 customers, CSV in and out, then Parquet in and out.
    const bigCsv = path.join(dir, "customers-10m.csv");
    const revenue = await writeCustomers(bigCsv, BIG_ROWS, 1);
    const baselineMs = sortBaseline(revenue);
    const label = BIG_ROWS.toLocaleString("en-US");
    const csvRun = runCli([bigCsv, "--method", "quadrant", "--force", "--output", path.join(dir, "10m.csv")]);
    rows.push({
      name: `Runner (JavaScript engine), ${label} customers from .csv to .csv (quadrant)`,
      ms: csvRun.ms,
      baselineMs,
      ratio: csvRun.ms / baselineMs,
      note: `${status(csvRun)}; input ${mb(bigCsv)} MB; peak RSS ${Math.round(csvRun.maxRssMb)} MB (target < 2048); baseline: Float64Array sort of the revenue column`,
    });
    rmSync(path.join(dir, "10m.csv"), { force: true });
    const bigParquet = path.join(dir, "customers-10m.parquet");
    const instance = await DuckDBInstance.create(":memory:", { memory_limit: "1GB" });
    const connection = await instance.connect();
    await connection.run(`COPY (SELECT * FROM read_csv('${bigCsv}')) TO '${bigParquet}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    rmSync(bigCsv);
    for (const method of ["rfm", "abc"]) {
      const run = runCli([
        bigParquet,
        "--method",
        method,
        "--as-of",
        "2026-11-25",
        "--force",
        "--output",
        path.join(dir, `10m-${method}.parquet`),
      ]);
      rows.push({
        name: `Runner (DuckDB reads and writes Parquet), ${label} customers from .parquet to .parquet (${method})`,
        ms: run.ms,
        baselineMs,
        ratio: run.ms / baselineMs,
        note: `${status(run)}; input ${mb(bigParquet)} MB; peak RSS ${Math.round(run.maxRssMb)} MB (target < 2048); baseline: Float64Array sort of the revenue column`,
      });
      rmSync(path.join(dir, `10m-${method}.parquet`), { force: true });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Streams an order log of `orders` rows (customer, order date, amount): about 6 orders per
 * customer with a skewed activity (the square of a uniform picks the customer), order days spread
 * over 2024-01-01 … 2026-06-30, amounts 0.01–200.00 with 3 % returns.
 */
async function writeOrders(file: string, orders: number, seed: number): Promise<void> {
  const random = mulberry32(seed);
  const customers = Math.max(1, Math.floor(orders / 6));
  const out = createWriteStream(file);
  out.write("Customer,Order date,Amount\r\n");
  const first = 45292; // 2024-01-01
  let chunk = "";
  for (let i = 0; i < orders; i++) {
    const customer = Math.floor(random() * random() * customers);
    const day = serialToIso(first + Math.floor(random() * 912)) as string;
    const amount = (Math.floor(random() * 20000) + 1) / 100;
    chunk += `K${String(customer).padStart(9, "0")},${day},${random() < 0.03 ? -amount : amount}\r\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
      chunk = "";
    }
  }
  out.write(chunk);
  await new Promise<void>((resolve) => out.end(resolve));
}

/**
 * What leaves the warehouse for the order-log aggregation: DuckDB runs the `--emit-sql duckdb
 * --orders` statements (one row per customer, and one per distinct history) over order logs of
 * 1, 3 and 10 million orders, and the rows each returns are counted and measured as CSV text (what
 * a client receives, give or take the wire format). The time column is the per-customer
 * statement's, against reading the orders themselves out (the baseline: SELECT * of the orders).
 */
export async function runWarehouseBench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cx-warehouse-bench-"));
  const rows: BenchRow[] = [];
  const instance = await DuckDBInstance.create(":memory:", { memory_limit: "1GB", temp_directory: dir });
  const connection = await instance.connect();
  try {
    for (const orders of [1_000_000, 3_000_000, 10_000_000]) {
      const file = path.join(dir, `orders-${orders}.csv`);
      await writeOrders(file, orders, orders);
      await connection.run(
        `CREATE OR REPLACE TABLE orders AS SELECT * FROM read_csv('${file}', header = true, auto_detect = false, ` +
          `columns = {'Customer': 'VARCHAR', 'Order date': 'DATE', 'Amount': 'DOUBLE'})`,
      );
      rmSync(file);
      const source = {
        relation: '"orders"',
        customer: '"Customer"',
        date: '"Order date"',
        amount: '"Amount"',
        customerAlias: "Customer",
        dates: "date" as const,
      };
      const measure = async (sql: string, name: string) => {
        const target = path.join(dir, `${name}.csv`);
        const started = performance.now();
        await connection.run(`COPY (${sql}) TO '${target}' (HEADER, DELIMITER ',')`);
        const ms = performance.now() - started;
        const count = Number(
          (await connection.runAndReadAll(`SELECT count(*) FROM read_csv('${target}')`)).getRowsJS()[0][0],
        );
        const bytes = statSync(target).size;
        rmSync(target);
        return { ms, count, bytes };
      };
      const raw = await measure(`SELECT * FROM orders`, "orders");
      const options = { asOf: "2026-06-30", period: "week" as const };
      const customers = await measure(orderLogStatement(DIALECTS.duckdb, source, options), "customers");
      const histories = await measure(
        orderLogStatement(DIALECTS.duckdb, source, { ...options, histories: true }),
        "histories",
      );
      const perRow = (m: { count: number; bytes: number }) => (m.bytes / Math.max(1, m.count)).toFixed(0);
      rows.push({
        name: `order log of ${orders.toLocaleString("en-US")} orders: per-customer rows out of the warehouse`,
        ms: customers.ms,
        baselineMs: raw.ms,
        ratio: customers.ms / raw.ms,
        note:
          `orders ${raw.count.toLocaleString("en-US")} rows, ${(raw.bytes / 1e6).toFixed(1)} MB; ` +
          `customers ${customers.count.toLocaleString("en-US")} rows × ${perRow(customers)} B = ${(customers.bytes / 1e6).toFixed(1)} MB; ` +
          `histories ${histories.count.toLocaleString("en-US")} rows × ${perRow(histories)} B = ${(histories.bytes / 1e6).toFixed(2)} MB ` +
          `(${histories.ms.toFixed(0)} ms); baseline: the orders themselves as CSV`,
      });
    }
    return rows;
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}
