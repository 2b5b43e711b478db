/**
 * The order-log aggregation on a big year of a retailer: 5,000,000 order rows (about 1,000,000
 * customers), generated with a fixed seed, held as a CSV reader hands them over (one JS array per
 * column: customer keys as text, dates as serials with a time of day, amounts with cents).
 *
 * Each implementation runs in its own `node` (or python) process, so its peak RSS
 * (`process.resourceUsage().maxRSS`, `getrusage`) is its own; the data is generated inside it
 * first and its RSS with the data alone is reported beside the peak. Measured in the same run:
 * - `aggregateOrderLog` (src/core/orderLog.ts);
 * - a plain Map-of-arrays implementation of the same definitions (the obvious code: a Map from key
 *   to the customer's orders, each customer's orders sorted with Array.prototype.sort);
 * - pandas groupby in Debian's /usr/bin/python3, when pandas is importable (the analyst's tool:
 *   `lifetimes` does the same with pandas), on the same rows written to a binary file.
 *
 * `CX_BENCH_ORDER_ROWS` changes the number of rows (for a quick look). Nothing is printed here.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { aggregateOrderLog } from "../../src/core/orderLog";
import type { BenchRow } from "./benchRow";

const ROWS = Number(process.env.CX_BENCH_ORDER_ROWS ?? 5_000_000);
const SEED = 20261125;
/** The log covers 2023-01-01 (44927) … 2024-12-31 (45657); the as-of day leaves the last 61 days as holdout. */
const FIRST_DAY = 44927;
const DAYS = 731;
const AS_OF = 45596;

/** Deterministic pseudo-random numbers in [0, 1) (a 32-bit xorshift), so every process draws the same log. */
function generator(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
}

export interface GeneratedLog {
  customerIds: Int32Array;
  dates: Float64Array;
  amounts: Float64Array;
}

/**
 * Order rows in date order (as exports come), customers drawn with a skew (a few buy often, most
 * once or twice): about rows / 5 customers. Amounts log-uniform from 5 to 500, in cents.
 */
export function generateOrders(rows: number, seed = SEED): GeneratedLog {
  const random = generator(seed);
  const customerCount = Math.max(1, Math.round(rows / 5));
  const customerIds = new Int32Array(rows);
  const dates = new Float64Array(rows);
  const amounts = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const u = random();
    customerIds[i] = Math.floor(u * u * customerCount);
    dates[i] = FIRST_DAY + Math.floor((i / rows) * DAYS) + Math.floor(random() * 96) / 96;
    amounts[i] = Math.round(5 * Math.exp(random() * Math.log(100)) * 100) / 100;
  }
  return { customerIds, dates, amounts };
}

/** The columns as a CSV reader would hand them over: a fresh text per key cell, numbers as numbers. */
function asCells(log: GeneratedLog): { customers: string[]; dates: number[]; amounts: number[] } {
  const rows = log.customerIds.length;
  const customers: string[] = new Array(rows);
  const dates: number[] = new Array(rows);
  const amounts: number[] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    customers[i] = "C" + String(log.customerIds[i]).padStart(7, "0");
    dates[i] = log.dates[i];
    amounts[i] = log.amounts[i];
  }
  return { customers, dates, amounts };
}

/** The obvious implementation of the same definitions, for the baseline. */
function mapOfArrays(customers: string[], dates: number[], amounts: number[], asOf: number) {
  const orders = new Map<string, { days: number[]; amounts: number[]; holdoutDays: number[] }>();
  for (let i = 0; i < customers.length; i++) {
    const key = customers[i];
    const day = Math.floor(dates[i]);
    let entry = orders.get(key);
    if (day > asOf) {
      if (entry) entry.holdoutDays.push(day);
      continue;
    }
    if (!entry) orders.set(key, (entry = { days: [], amounts: [], holdoutDays: [] }));
    entry.days.push(day);
    entry.amounts.push(amounts[i]);
  }
  const table: {
    key: string;
    first: number;
    last: number;
    purchases: number;
    total: number;
    averageRepeat: number;
    holdout: number;
  }[] = [];
  for (const [key, entry] of orders) {
    const order = entry.days.map((_, j) => j).sort((a, b) => entry.days[a] - entry.days[b]);
    let purchases = 0;
    let total = 0;
    let repeatSum = 0;
    let previous = NaN;
    for (const j of order) {
      total += entry.amounts[j];
      if (entry.days[j] !== previous) purchases++;
      if (purchases > 1) repeatSum += entry.amounts[j];
      previous = entry.days[j];
    }
    table.push({
      key,
      first: entry.days[order[0]],
      last: previous,
      purchases,
      total,
      averageRepeat: purchases > 1 ? repeatSum / (purchases - 1) : NaN,
      holdout: new Set(entry.holdoutDays).size,
    });
  }
  return table;
}

interface ChildResult {
  ms: number;
  /** CPU time of the measured work (user + system): steadier than wall time on a shared machine. */
  cpuMs: number;
  dataRssMb: number;
  peakRssMb: number;
  customers: number;
  purchases: number;
}

/** Runs inside the child process: generate, measure one implementation, print the result as JSON. */
export function childMain(kind: "core" | "map", rows: number): void {
  const cells = asCells(generateOrders(rows));
  // Warm the JIT on a small slice so the timed run is not the first.
  const small = 20_000;
  const warm = {
    customers: cells.customers.slice(0, small),
    dates: cells.dates.slice(0, small),
    amounts: cells.amounts.slice(0, small),
  };
  if (kind === "core") aggregateOrderLog({ ...warm, asOf: AS_OF });
  else mapOfArrays(warm.customers, warm.dates, warm.amounts, AS_OF);
  (globalThis as { gc?: () => void }).gc?.();
  const dataRssMb = process.memoryUsage().rss / 1048576;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let customers = 0;
  let purchases = 0;
  if (kind === "core") {
    const summary = aggregateOrderLog({ ...cells, asOf: AS_OF });
    if ("kind" in summary) throw new Error(summary.message);
    customers = summary.customerCount;
    for (let c = 0; c < customers; c++) purchases += summary.purchases[c];
  } else {
    const table = mapOfArrays(cells.customers, cells.dates, cells.amounts, AS_OF);
    customers = table.length;
    for (const row of table) purchases += row.purchases;
  }
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  const result: ChildResult = {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    dataRssMb,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    customers,
    purchases,
  };
  process.stdout.write(JSON.stringify(result));
}

function runNodeChild(kind: "core" | "map", rows: number): ChildResult | string {
  const script = `require(${JSON.stringify(__filename)}).childMain(${JSON.stringify(kind)}, ${rows})`;
  const child = spawnSync(process.execPath, ["--expose-gc", "--max-old-space-size=4096", "-e", script], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  try {
    return JSON.parse(child.stdout) as ChildResult;
  } catch {
    return `failed (exit ${child.status}): ${child.stderr.trim().split("\n").pop() ?? ""}`;
  }
}

/** pandas: the same rows from a binary file; groupby (customer, day), then per customer. */
const PANDAS_SCRIPT = `
import sys, time, resource, json
import numpy as np, pandas as pd
folder, rows, as_of = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
ids = np.fromfile(folder + "/ids.bin", dtype=np.int32)
df = pd.DataFrame({
    "customer": pd.Series(ids).map(lambda i: "C%07d" % i),
    "date": np.fromfile(folder + "/dates.bin", dtype=np.float64),
    "amount": np.fromfile(folder + "/amounts.bin", dtype=np.float64),
})
data_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
started = time.perf_counter()
cpu_started = time.process_time()
df["day"] = np.floor(df["date"])
cal = df[df["day"] <= as_of]
days = cal.groupby(["customer", "day"], sort=True)["amount"].sum().reset_index()
first = days.groupby("customer").cumcount() == 0
per = days.groupby("customer", sort=False).agg(first=("day", "min"), last=("day", "max"), purchases=("day", "count"), total=("amount", "sum"))
per["average_repeat"] = days[~first].groupby("customer")["amount"].mean()
hold = df[df["day"] > as_of]
hold = hold[hold["customer"].isin(per.index)]
per["holdout"] = hold.groupby("customer")["day"].nunique()
ms = (time.perf_counter() - started) * 1000
cpu_ms = (time.process_time() - cpu_started) * 1000
print(json.dumps({"ms": ms, "cpuMs": cpu_ms, "dataRssMb": data_rss, "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "customers": int(len(per)), "purchases": int(per["purchases"].sum())}))
`;

function runPandas(rows: number): ChildResult | string {
  const python = "/usr/bin/python3";
  const probe = spawnSync(python, ["-c", "import pandas"], { encoding: "utf8" });
  if (probe.status !== 0) return "not run: pandas is not importable by /usr/bin/python3";
  const folder = mkdtempSync(path.join(os.tmpdir(), "cx-orders-bench-"));
  try {
    const log = generateOrders(rows);
    writeFileSync(path.join(folder, "ids.bin"), Buffer.from(log.customerIds.buffer));
    writeFileSync(path.join(folder, "dates.bin"), Buffer.from(log.dates.buffer));
    writeFileSync(path.join(folder, "amounts.bin"), Buffer.from(log.amounts.buffer));
    const child = spawnSync(python, ["-c", PANDAS_SCRIPT, folder, String(rows), String(AS_OF)], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    try {
      return JSON.parse(child.stdout) as ChildResult;
    } catch {
      return `failed (exit ${child.status}): ${child.stderr.trim().split("\n").pop() ?? ""}`;
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export async function runOrdersBench(rows = ROWS): Promise<BenchRow[]> {
  const count = rows.toLocaleString("en-US");
  const core = runNodeChild("core", rows);
  const plain = runNodeChild("map", rows);
  const pandas = runPandas(rows);
  if (typeof core === "string") {
    return [
      { name: `aggregateOrderLog, ${count} order rows`, ms: NaN, baselineMs: NaN, ratio: NaN, note: core },
    ];
  }
  const memory = (r: ChildResult) =>
    `CPU ${Math.round(r.cpuMs)} ms, peak RSS ${Math.round(r.peakRssMb)} MB (data alone ${Math.round(r.dataRssMb)} MB); ${r.customers.toLocaleString("en-US")} customers, ${r.purchases.toLocaleString("en-US")} purchases`;
  const same = (r: ChildResult) =>
    r.customers === core.customers && r.purchases === core.purchases
      ? "same customers and purchases"
      : "DIFFERENT customers or purchases";
  const result: BenchRow[] = [];
  const versus = (baseline: ChildResult | string, what: string) => {
    if (typeof baseline === "string") {
      result.push({
        name: `aggregateOrderLog, ${count} order rows, vs ${what}`,
        ms: core.ms,
        baselineMs: NaN,
        ratio: NaN,
        note: `${memory(core)}; baseline ${baseline}`,
      });
      return;
    }
    result.push({
      name: `aggregateOrderLog, ${count} order rows, vs ${what}`,
      ms: core.ms,
      baselineMs: baseline.ms,
      ratio: core.ms / baseline.ms,
      note: `ours: ${memory(core)}. Baseline: ${memory(baseline)}; ${same(baseline)}`,
    });
  };
  versus(plain, "a plain Map of arrays");
  versus(pandas, "pandas groupby");
  return result;
}
