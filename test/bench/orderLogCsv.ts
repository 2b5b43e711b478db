/**
 * Writes the order log of `orders.bench.ts` (`generateOrders`, its fixed seed) as a CSV file, for
 * timing the runner end to end on it: `node lib/test/bench/orderLogCsv.js FILE [ROWS]` (default
 * 5,000,000 rows, about 135 MB). Columns: Customer (`C0000042`), Order date (yyyy-mm-dd, the day
 * without its time), Amount. The README's runner figures were measured on this file with
 * `/usr/bin/time -v node lib/src/cli/main.js FILE --orders --as-of 2024-10-31 --method abc` against
 * `--no-orders --map value=Amount --method abc` on the same file.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { serialToIso } from "../../src/core/excelDate";
import { generateOrders } from "./orders.bench";

/** Writes `rows` generated orders to `file`, 100,000 lines per write. O(rows). */
export function writeOrderLogCsv(file: string, rows: number): void {
  const log = generateOrders(rows);
  const fd = openSync(file, "w");
  try {
    let lines = ["Customer,Order date,Amount"];
    for (let i = 0; i < rows; i++) {
      const customer = "C" + String(log.customerIds[i]).padStart(7, "0");
      lines.push(`${customer},${serialToIso(Math.floor(log.dates[i]))},${log.amounts[i]}`);
      if (lines.length === 100_000) {
        writeSync(fd, lines.join("\r\n") + "\r\n");
        lines = [];
      }
    }
    if (lines.length > 0) writeSync(fd, lines.join("\r\n") + "\r\n");
  } finally {
    closeSync(fd);
  }
}

if (require.main === module) {
  const [file, rows] = process.argv.slice(2);
  if (!file) {
    process.stderr.write("usage: node lib/test/bench/orderLogCsv.js FILE [ROWS]\n");
    process.exitCode = 2;
  } else writeOrderLogCsv(file, rows === undefined ? 5_000_000 : Number(rows));
}
