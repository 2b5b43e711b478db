/**
 * `npm run bench`: every benchmark of the project, printed as one table. Each row is a time against
 * a baseline measured in the same run on the same data (these machines are noisy: ratios travel,
 * milliseconds do not). No timing is asserted anywhere in `npm test`.
 */
import type { BenchRow } from "./benchRow";
import { runClvBench } from "./clv.bench";
import { runEngineBench, runWarehouseBench } from "./engine.bench";
import { runFilesBench } from "./files.bench";
import { runFunctionsBench } from "./functions.bench";
import { runOfficeBench } from "./office.bench";
import { runOrdersBench } from "./orders.bench";
import { runWorkflowBench } from "./workflow.bench";

const suites: [string, () => Promise<BenchRow[]>][] = [
  ["Custom functions, one spilled call", () => runFunctionsBench()],
  ["Segmentation workflow, in-memory workbook", runWorkflowBench],
  ["Command-line runner on files", runFilesBench],
  ["Big files: CSV (JavaScript engine) and Parquet (DuckDB), beyond Excel, against pandas", runEngineBench],
  ["Warehouse order log: bytes out per customer and per history", runWarehouseBench],
  ["Segmentation workflow through the Office.js adapter (fake Excel)", runOfficeBench],
  ["Order log aggregation", () => runOrdersBench()],
  ["Lifetime value (BG/NBD + Gamma-Gamma), 1,048,576 customers", runClvBench],
];

function format(rows: BenchRow[]): string {
  const lines = rows.map((row) =>
    [row.name, row.ms.toFixed(0), row.baselineMs.toFixed(0), `${row.ratio.toFixed(2)}×`, row.note ?? ""].join(
      " | ",
    ),
  );
  return ["name | ms | baseline ms | ratio | note", "--- | ---: | ---: | ---: | ---", ...lines]
    .map((line) => `| ${line} |`)
    .join("\n");
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  console.log(`node ${process.version}, ${new Date().toISOString()}`);
  for (const [title, run] of suites) {
    if (only.length > 0 && !only.some((word) => title.toLowerCase().includes(word.toLowerCase()))) continue;
    console.log(`\n## ${title}\n`);
    console.log(format(await run()));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
