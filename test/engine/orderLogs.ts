/**
 * Seeded random order logs (one row per order: customer, order date, amount) for the tests, and a
 * plain reference implementation of issue 9's per-customer aggregation to check the SQL against.
 */
import { isoToSerial, serialToIso } from "../../src/core/excelDate";
import { PERIOD_DAYS, type Period } from "../../src/engine/orderLogSql";
import { random } from "./randomTables";

export const ORDER_HEADERS = ["Customer", "Order date", "Amount"];

/**
 * Rows in no particular order: customers of very different activity, several orders on one day,
 * orders after `2026-06-30`, returns (negative amounts) and blank cells.
 */
export function randomOrderLog(orders: number, seed: number, blanks = true): string[][] {
  const next = random(seed);
  const customers = Math.max(1, Math.floor(orders / 6));
  const rows: string[][] = [ORDER_HEADERS];
  const start = isoToSerial("2024-01-01") as number;
  for (let i = 0; i < orders; i++) {
    // Squaring skews activity: low ids order often, high ids rarely.
    const customer = `K${String(Math.floor(next() * next() * customers)).padStart(6, "0")}`;
    const day = start + Math.floor(next() * 940); // to 2026-07-28: some after the as-of date
    let amount = (Math.floor(next() * 20000) / 100).toFixed(2);
    if (next() < 0.03) amount = `-${amount}`;
    const row = [customer, serialToIso(day) as string, amount];
    if (blanks && next() < 0.01) row[Math.floor(next() * 3)] = "";
    rows.push(row);
  }
  return rows;
}

export interface ReferenceCustomer {
  customer: string;
  first: string;
  last: string;
  purchases: number;
  repeatPurchases: number;
  recency: number;
  age: number;
  totalValue: number;
  averageRepeatValue: number | null;
}

/**
 * Issue 9's definitions, written the obvious way: per customer, the days with orders up to the
 * as-of date, each day's summed amount, and the figures from those days. Rows with a blank are
 * left out. Customers sorted by name.
 */
export function referenceCustomers(
  rows: readonly (readonly string[])[],
  asOf: string,
  period: Period,
): ReferenceCustomer[] {
  const asOfDay = isoToSerial(asOf) as number;
  const days = new Map<string, Map<number, number>>();
  for (const [customer, date, amount] of rows.slice(1)) {
    if (customer === "" || date === "" || amount === "") continue;
    const day = isoToSerial(date) as number;
    if (day > asOfDay) continue;
    const perDay = days.get(customer) ?? new Map<number, number>();
    perDay.set(day, (perDay.get(day) ?? 0) + Number(amount));
    days.set(customer, perDay);
  }
  const length = PERIOD_DAYS[period];
  return [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([customer, perDay]) => {
      const sorted = [...perDay.entries()].sort(([a], [b]) => a - b);
      const first = sorted[0][0];
      const last = sorted[sorted.length - 1][0];
      const total = sorted.reduce((sum, [, amount]) => sum + amount, 0);
      const repeats = sorted.slice(1);
      return {
        customer,
        first: serialToIso(first) as string,
        last: serialToIso(last) as string,
        purchases: sorted.length,
        repeatPurchases: sorted.length - 1,
        recency: (last - first) / length,
        age: (asOfDay - first) / length,
        totalValue: total,
        averageRepeatValue:
          repeats.length === 0 ? null : repeats.reduce((sum, [, amount]) => sum + amount, 0) / repeats.length,
      };
    });
}

/** The histories (repeat purchases, recency, age) with their customer counts, sorted. */
export function referenceHistories(
  customers: readonly ReferenceCustomer[],
): [number, number, number, number][] {
  const counts = new Map<string, [number, number, number, number]>();
  for (const c of customers) {
    const key = `${c.repeatPurchases}|${c.recency}|${c.age}`;
    const entry = counts.get(key) ?? [c.repeatPurchases, c.recency, c.age, 0];
    entry[3]++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
}

/** Relative closeness for sums whose order of addition the engine chooses. */
export function close(a: number | null, b: number | null, relative = 1e-9): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= relative * Math.max(1, Math.abs(a), Math.abs(b));
}
