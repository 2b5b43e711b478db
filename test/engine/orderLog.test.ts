/**
 * The order-log aggregation on the DuckDB engine (a CSV of orders → one row per customer, dates as
 * Excel serials): a hand-worked log, then a random one against the plain reference implementation.
 */
import path from "node:path";
import { serialToIso } from "../../src/core/excelDate";
import { DuckDbEngine } from "../../src/engine/duckdbEngine";
import { aggregateOrderLog } from "../../src/engine/orderLog";
import { tempDir } from "./engineHarness";
import { close, randomOrderLog, referenceCustomers } from "./orderLogs";
import { writeTable } from "./randomTables";

const dir = tempDir("cx-order-log-");
let engine: DuckDbEngine;
beforeAll(async () => {
  engine = await DuckDbEngine.open({ threads: 2 });
});
afterAll(() => engine.close());

async function aggregate(name: string, rows: string[][], asOf: string, period: "day" | "week" | "month") {
  const file = path.join(dir, `${name}.csv`);
  writeTable(file, rows);
  const described = await engine.describe({ kind: "csv", path: file });
  if (!described.ok) throw new Error(described.problem.message);
  const outcome = await aggregateOrderLog(
    engine,
    described.table,
    { customer: 0, date: 1, amount: 2 },
    { asOf, period },
  );
  if (!outcome.ok) throw new Error(outcome.problem.message);
  return outcome.result;
}

it("aggregates a hand-worked log: same-day orders, an order after the as-of date, a one-order customer, a return, unsorted rows", async () => {
  const result = await aggregate(
    "hand",
    [
      ["Customer", "Order date", "Amount"],
      ["A", "2026-01-15", "20"],
      ["B", "2026-03-01", "50"],
      ["A", "2026-01-01", "10"],
      ["C", "2026-02-01", "30"],
      ["A", "2026-07-10", "99"], // after the as-of date 2026-06-30: not counted
      ["A", "2026-01-01", "5"], // same day as the 10: one purchase of 15
      ["C", "2026-02-01", "-5"], // a return on the day of the purchase: the day's amount is 25
      ["B", "2026-04-01", ""], // no amount: left out
    ],
    "2026-06-30",
    "week",
  );
  // Serials: 2026-01-01 = 46023 (2025-01-01 = 45658, + 365), 2026-01-15 = 46037, 2026-02-01 = 46054,
  // 2026-03-01 = 46082 (+ 31 + 28), 2026-06-30 = 46203 (+ 180 days from 1 January).
  expect(result.customers).toEqual([
    // A: days 1 Jan (15) and 15 Jan (20); recency 14 days = 2 weeks; age 180 days = 180/7 weeks.
    {
      customer: "A",
      first: 46023,
      last: 46037,
      purchases: 2,
      repeatPurchases: 1,
      recency: 2,
      age: 180 / 7,
      totalValue: 35,
      averageRepeatValue: 20,
    },
    // B: one purchase: recency 0, age 121 days, no repeat value.
    {
      customer: "B",
      first: 46082,
      last: 46082,
      purchases: 1,
      repeatPurchases: 0,
      recency: 0,
      age: 121 / 7,
      totalValue: 50,
      averageRepeatValue: null,
    },
    {
      customer: "C",
      first: 46054,
      last: 46054,
      purchases: 1,
      repeatPurchases: 0,
      recency: 0,
      age: 149 / 7,
      totalValue: 25,
      averageRepeatValue: null,
    },
  ]);
  expect(result.afterAsOf).toEqual({ count: 1, rows: [6] });
  expect(result.leftOut).toEqual({ count: 1, rows: [9] });
  expect(result.negative).toEqual({ count: 1, rows: [8] });
});

it.each(["day", "week", "month"] as const)(
  "agrees with the reference implementation on a random log of 50,000 orders (%s)",
  async (period) => {
    const rows = randomOrderLog(50_000, 17);
    const result = await aggregate(`random-${period}`, rows, "2026-06-30", period);
    const reference = referenceCustomers(rows, "2026-06-30", period);
    const got = [...result.customers].sort((a, b) =>
      a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : 0,
    );
    expect(got.length).toBe(reference.length);
    const wrong = got.filter((c, i) => {
      const r = reference[i];
      return !(
        c.customer === r.customer &&
        serialToIso(c.first) === r.first &&
        serialToIso(c.last) === r.last &&
        c.purchases === r.purchases &&
        c.repeatPurchases === r.repeatPurchases &&
        c.recency === r.recency &&
        c.age === r.age &&
        close(c.totalValue, r.totalValue) &&
        close(c.averageRepeatValue, r.averageRepeatValue)
      );
    });
    expect(wrong.slice(0, 3)).toEqual([]);
    // Customers come out in the order of their first counted order in the file.
    const firstSeen = new Map<string, number>();
    rows.slice(1).forEach(([customer, date, amount], i) => {
      const counted = customer !== "" && date !== "" && amount !== "" && date <= "2026-06-30";
      if (counted && !firstSeen.has(customer)) firstSeen.set(customer, i);
    });
    const seen = result.customers.map((c) => firstSeen.get(c.customer) as number);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  },
  60_000,
);
