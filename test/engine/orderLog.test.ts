/**
 * The order-log aggregation as the warehouse runs it (`orderLogStatement`, printed by `--emit-sql
 * --orders`), run on an embedded DuckDB over a table of orders → one row per customer (dates as
 * Excel serials): a hand-worked log, then a random one against the plain reference implementation.
 * The orders are typed here, plainly (trimmed text, ISO dates through core/excelDate, plain numbers).
 */
import {
  DuckDBDataChunk,
  DuckDBInstance,
  DOUBLE,
  INTEGER,
  VARCHAR,
  type DuckDBConnection,
} from "@duckdb/node-api";
import { isoToSerial, serialToIso } from "../../src/core/excelDate";
import { orderLogStatement } from "../../src/engine/orderLogSql";
import { DIALECTS } from "../../src/engine/sqlDialect";
import { close, randomOrderLog, referenceCustomers } from "./orderLogs";

let instance: DuckDBInstance;
let connection: DuckDBConnection;
beforeAll(async () => {
  instance = await DuckDBInstance.create(":memory:", { threads: "2" });
  connection = await instance.connect();
});
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

/** A field as the runner types it, for these tests' plain logs: a plain decimal number, or null. */
function plainNumber(field: string): number | null {
  const trimmed = field.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed) ? Number(trimmed) : null;
}

async function aggregate(name: string, rows: string[][], asOf: string, period: "day" | "week" | "month") {
  const table = `orders_${name.replace(/\W/g, "_")}`;
  await connection.run(
    `CREATE OR REPLACE TABLE ${table} (cx_row INTEGER, cx_customer VARCHAR, cx_date DOUBLE, cx_amount DOUBLE)`,
  );
  const appender = await connection.createAppender(table);
  const data = rows.slice(1);
  for (let start = 0; start < data.length; start += 2048) {
    const slice = data.slice(start, start + 2048);
    const chunk = DuckDBDataChunk.create([INTEGER, VARCHAR, DOUBLE, DOUBLE], slice.length);
    chunk.rowCount = slice.length;
    chunk.setColumnValues(
      0,
      slice.map((_, i) => start + i),
    );
    chunk.setColumnValues(
      1,
      slice.map(([customer]) => (customer.trim() === "" ? null : customer.trim())),
    );
    chunk.setColumnValues(
      2,
      slice.map(([, date]) => isoToSerial(date.trim()) ?? plainNumber(date)),
    );
    chunk.setColumnValues(
      3,
      slice.map(([, , amount]) => plainNumber(amount)),
    );
    appender.appendDataChunk(chunk);
  }
  appender.flushSync();
  appender.closeSync();
  const statement = orderLogStatement(
    DIALECTS.duckdb,
    {
      relation: table,
      customer: "cx_customer",
      date: "cx_date",
      amount: "cx_amount",
      customerAlias: "customer",
      dates: "serial",
      usableAlso:
        "cx_customer IS NOT NULL AND coalesce(isfinite(cx_date), false) AND coalesce(isfinite(cx_amount), false)",
      row: "cx_row",
    },
    { asOf, period, histories: false },
  );
  const customers = (await connection.runAndReadAll(statement)).getRowsJS().map((row) => ({
    customer: String(row[0]),
    first: Number(row[1]),
    last: Number(row[2]),
    purchases: Number(row[3]),
    repeatPurchases: Number(row[4]),
    recency: Number(row[5]),
    age: Number(row[6]),
    totalValue: Number(row[7]),
    averageRepeatValue: row[8] === null ? null : Number(row[8]),
  }));
  return { customers };
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
