/**
 * Seeded random customer tables for the engine tests, heavy in ties (values from small sets, so
 * medians, quintile cuts and ABC boundaries fall on equal values) and in cells the runner leaves
 * out (blanks, text, impossible dates). Written as CSV text exactly as a user's export would hold it.
 */
import { writeFileSync } from "node:fs";
import { mulberry32 } from "../../src/sample/sampleCustomers";

/** mulberry32, the sample generator's: a small, well-mixed 32-bit generator. */
export const random = mulberry32;

export const HEADERS = [
  "Customer ID",
  "Revenue",
  "Strategic match",
  "Satisfaction",
  "Last purchase",
  "Orders",
];

export interface TableOptions {
  rows: number;
  seed: number;
  /** Share of cells that are blank or text (0 = all numbers). */
  invalidShare?: number;
  /** Allow negative revenues. */
  negatives?: boolean;
  /**
   * A table a typed warehouse table can hold: the only cells left out are blanks (NULL), numbers
   * are written plainly, last purchases are ISO dates.
   */
  warehouse?: boolean;
}

const TEXT_CELLS = ["n/a", "12 kg", "-", "TRUE", "2026-02-31", "1,5", "#N/A"];

/** The rows of a random table as CSV fields (header first). */
export function randomTable({
  rows,
  seed,
  invalidShare = 0,
  negatives = false,
  warehouse = false,
}: TableOptions): string[][] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const maybeInvalid = (field: string) =>
    invalidShare > 0 && next() < invalidShare ? (warehouse ? "" : pick(["", " ", ...TEXT_CELLS])) : field;
  // Few distinct values: ties everywhere. Decimals whose sums are inexact in binary (0.1, 0.7 …).
  const revenues = [
    "0",
    "1",
    "2",
    "2",
    "5",
    "10",
    "10",
    "0.1",
    "0.7",
    "12.34",
    "99.99",
    "100",
    "250.5",
    "1000",
    "1e3",
    " 7 ",
  ];
  const table: string[][] = [HEADERS];
  for (let i = 0; i < rows; i++) {
    let revenue = pick(revenues);
    if (warehouse) revenue = revenue.trim();
    if (negatives && next() < 0.1) revenue = `-${revenue.trim()}`;
    const day = 1 + Math.floor(next() * 28);
    const month = 1 + Math.floor(next() * 12);
    const lastPurchase =
      !warehouse && next() < 0.1
        ? String(45000 + Math.floor(next() * 700) + pick([0, 0.25, 0.75])) // a serial number, maybe with a time
        : `${pick(["2024", "2025", "2026"])}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    table.push([
      `C${String(i + 1).padStart(7, "0")}`,
      maybeInvalid(revenue),
      maybeInvalid(String(1 + Math.floor(next() * 5) * 2)),
      next() < 0.2 ? "" : String(1 + Math.floor(next() * 5)),
      maybeInvalid(lastPurchase),
      maybeInvalid(String(pick([1, 1, 1, 2, 2, 3, 5, 8, 13]))),
    ]);
  }
  return table;
}

/** CSV text with CRLF line ends, quoting only where needed. */
export function toCsv(table: readonly (readonly string[])[]): string {
  const field = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  return table.map((row) => row.map(field).join(",")).join("\r\n") + "\r\n";
}

export function writeTable(file: string, table: readonly (readonly string[])[]): void {
  writeFileSync(file, toCsv(table));
}
