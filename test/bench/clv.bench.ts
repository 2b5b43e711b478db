/**
 * Lifetime value on Excel's maximum of 1,048,576 customers drawn from the BG/NBD process (seeded:
 * test/support/bgnbdSimulation.ts, CDNOW-like parameters r 0.243, α 4.414, a 0.793, b 2.426,
 * 12-week cohort, 39-week calibration, times to the day, weeks as days/7).
 *
 * - The BG/NBD fit grouping identical histories, against the same fit customer by customer
 *   (`groupHistories: false`) in the same run; the same fit paced for the task pane
 *   (`fitBgnbdAsync`, pauses every 25 ms) with its longest stretch without a pause; and, when
 *   Debian's python has SciPy, the same likelihood fitted by SciPy's L-BFGS-B (test/bench/scipy_bgnbd.py),
 *   run on the same customers in the same run.
 * - The Gamma-Gamma fit on the repeat customers.
 * - Scoring every customer (P(alive), E[Y(52)], E[Z], 52-week CLV) against one Float64Array sort of
 *   1,048,576 values (the project's floor for a pass over a column).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { fitBgnbd, fitBgnbdAsync } from "../../src/core/bgnbdFit";
import { scoreCustomers } from "../../src/core/customerLifetimeValue";
import { isCoreError } from "../../src/core/errors";
import { fitGammaGamma } from "../../src/core/gammaGamma";
import { simulateCustomers } from "../support/bgnbdSimulation";
import type { BenchRow } from "./benchRow";

const CUSTOMERS = 1_048_576;
const PYTHON = "/usr/bin/python3";

function timed<T>(work: () => T): [T, number] {
  const start = performance.now();
  const result = work();
  return [result, performance.now() - start];
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function row(name: string, ms: number, baselineMs: number, note: string): BenchRow {
  return { name, ms: round(ms), baselineMs: round(baselineMs), ratio: round(ms / baselineMs), note };
}

const describeParameters = (p: { r: number; alpha: number; a: number; b: number }) =>
  `r ${p.r.toFixed(4)}, α ${p.alpha.toFixed(4)}, a ${p.a.toFixed(4)}, b ${p.b.toFixed(4)}`;

/** SciPy's time for the same fit, or why it could not run. */
function scipyFit(data: {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
}): { seconds: number; note: string } | string {
  try {
    execFileSync(PYTHON, ["-c", "import scipy"], { stdio: "ignore" });
  } catch {
    return `${PYTHON} has no scipy: SciPy's fit not timed`;
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "cx-bgnbd-"));
  try {
    for (const [name, column] of Object.entries(data)) {
      fs.writeFileSync(
        path.join(folder, `${name}.f64`),
        Buffer.from(column.buffer, column.byteOffset, column.byteLength),
      );
    }
    const script = path.resolve(__dirname, "../../../test/bench/scipy_bgnbd.py");
    const output = JSON.parse(
      execFileSync(PYTHON, [script, folder], { encoding: "utf8", maxBuffer: 1 << 20 }),
    );
    return {
      seconds: output.seconds,
      note: `${describeParameters(output)}, ${output.iterations} iterations, success ${output.success}`,
    };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

export async function runClvBench(): Promise<BenchRow[]> {
  const truth = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  const data = simulateCustomers({ customers: CUSTOMERS, seed: 2026, ...truth, p: 6.25, q: 3.74, v: 15.44 });
  const count = CUSTOMERS.toLocaleString("en-US");
  const rows: BenchRow[] = [];

  const [grouped, groupedMs] = timed(() => fitBgnbd(data));
  const [plain, plainMs] = timed(() => fitBgnbd(data, { groupHistories: false }));
  if (isCoreError(grouped) || isCoreError(plain))
    throw new Error("the benchmark population could not be fitted");
  rows.push(
    row(
      `BG/NBD fit, ${count} customers, grouped (${grouped.distinctHistories.toLocaleString("en-US")} distinct histories)`,
      groupedMs,
      plainMs,
      `baseline: the same fit customer by customer; ${describeParameters(grouped.parameters)} (true ${describeParameters(truth)}), ${grouped.iterations} iterations`,
    ),
  );

  // The longest stretch of work between two pauses, in CPU time of this process (wall time on a
  // shared machine also counts other processes' turns).
  let longestSlice = 0;
  let resumed = process.cpuUsage();
  const cpuMsSince = (start: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  const startPaced = performance.now();
  await fitBgnbdAsync(data, {
    pause: () =>
      new Promise<void>((resolve) => {
        longestSlice = Math.max(longestSlice, cpuMsSince(resumed));
        setTimeout(() => {
          resumed = process.cpuUsage();
          resolve();
        }, 0);
      }),
  });
  const pacedMs = performance.now() - startPaced;
  rows.push(
    row(
      `BG/NBD fit paced for the pane (pause every 25 ms), ${count} customers`,
      pacedMs,
      groupedMs,
      `baseline: the same fit at once; longest stretch of work between two pauses ${longestSlice.toFixed(0)} ms of CPU`,
    ),
  );

  const scipy = scipyFit(data);
  if (typeof scipy === "string") {
    rows.push({ name: `SciPy L-BFGS-B, same fit`, ms: NaN, baselineMs: groupedMs, ratio: NaN, note: scipy });
  } else {
    rows.push(
      row(
        `SciPy L-BFGS-B (finite-difference gradient, one row per customer), same ${count} customers`,
        scipy.seconds * 1000,
        groupedMs,
        `baseline: our grouped fit above; SciPy: ${scipy.note}`,
      ),
    );
  }

  const [spend, spendMs] = timed(() => fitGammaGamma(data));
  if (isCoreError(spend)) throw new Error("the benchmark spends could not be fitted");
  const sortBaseline = (() => {
    const work = Float64Array.from(data.T);
    return timed(() => work.sort())[1];
  })();
  rows.push(
    row(
      `Gamma-Gamma fit, ${spend.repeatCustomers.toLocaleString("en-US")} repeat customers`,
      spendMs,
      sortBaseline,
      `baseline: one Float64Array sort of ${count} values; p ${spend.parameters.p.toFixed(3)}, q ${spend.parameters.q.toFixed(3)}, v ${spend.parameters.v.toFixed(3)} (true 6.25, 3.74, 15.44)`,
    ),
  );

  const settings = { horizon: 52, margin: 0.3, annualDiscount: 0.1, periodsPerYear: 52.1775 };
  const [, scoreMs] = timed(() => scoreCustomers(grouped.parameters, spend.parameters, data, settings));
  rows.push(
    row(
      `Scoring ${count} customers: P(alive), E[Y(52)], E[Z], 52-week CLV`,
      scoreMs,
      sortBaseline,
      `baseline: one Float64Array sort of ${count} values`,
    ),
  );
  return rows;
}
