/**
 * The order-log aggregation (issue 9) on the DuckDB engine: a CSV or Parquet file with one row per
 * order becomes one row per customer, by the statement of `orderLogStatement` (the same one
 * `--emit-sql --orders` prints for a warehouse) over the file's rows typed as the runner types
 * cells. Dates are Excel serials (as `CX.CUSTOMERS` spills them); the customer key is the cell's
 * trimmed text. Customers come out in the order they first appear in the file.
 *
 * What the caller must decide is reported, not decided: rows left out (no customer, a date or an
 * amount that is not a number), and negative amounts (returns), which are counted as they are.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { LISTED_ROWS, asOfSerial } from "../workflow/validate";
import type { DuckDbEngine, EngineProblem, EngineTable } from "./duckdbEngine";
import { orderLogStatement, type OrderLogOptions } from "./orderLogSql";
import { DIALECTS } from "./sqlDialect";
import { cellNumber, cellText, loadTable } from "./tableLoad";

/** 0-based columns of the order log's roles. */
export interface OrderLogColumns {
  customer: number;
  date: number;
  amount: number;
}

export interface CustomerHistory {
  customer: string;
  /** First and last purchase day, as Excel serials. */
  first: number;
  last: number;
  purchases: number;
  repeatPurchases: number;
  /** In periods (see `PERIOD_DAYS`). */
  recency: number;
  age: number;
  totalValue: number;
  /** Null without a repeat purchase. */
  averageRepeatValue: number | null;
}

/** Rows of the file, counted, with the first few Excel row numbers. */
export interface RowCount {
  count: number;
  rows: number[];
}

export interface OrderLogResult {
  customers: CustomerHistory[];
  /** Order rows dated after the as-of day: not counted. */
  afterAsOf: RowCount;
  /** Rows with no customer, or a date or amount that is not a number: left out. */
  leftOut: RowCount;
  /** Rows with a negative amount (returns): counted as they are. */
  negative: RowCount;
}

async function count(connection: DuckDBConnection, condition: string): Promise<RowCount> {
  const total = (
    await connection.runAndReadAll(`SELECT count(*) FROM cx_order_rows WHERE ${condition}`)
  ).getRowsJS();
  const found = Number(total[0][0]);
  if (found === 0) return { count: 0, rows: [] };
  const first = (
    await connection.runAndReadAll(
      `SELECT cx_row FROM cx_order_rows WHERE ${condition} ORDER BY cx_row LIMIT ${LISTED_ROWS}`,
    )
  ).getRowsJS();
  // Excel row numbers: the header is row 1, data row 0 is row 2.
  return { count: found, rows: first.map((row) => Number(row[0]) + 2) };
}

/** Aggregates the order log of `table`; the problem when the file cannot be read. */
export async function aggregateOrderLog(
  engine: DuckDbEngine,
  table: EngineTable,
  columns: OrderLogColumns,
  options: OrderLogOptions,
): Promise<{ ok: true; result: OrderLogResult } | { ok: false; problem: EngineProblem }> {
  const connection = engine.sql;
  const asOf = asOfSerial(options.asOf);
  if (asOf === null) {
    return {
      ok: false,
      problem: {
        code: "invalid-setting",
        message: `The as-of date "${options.asOf}" is not a date in the form yyyy-mm-dd.`,
      },
    };
  }
  await connection.run("DROP TABLE IF EXISTS cx_order_rows");
  const problem = await loadTable(
    connection,
    table,
    [
      `${cellText(table, columns.customer)} AS cx_customer`,
      `${cellNumber(table, columns.date)} AS cx_date`,
      `${cellNumber(table, columns.amount)} AS cx_amount`,
    ],
    "cx_order_rows",
  );
  if (problem) return { ok: false, problem };
  const usable =
    "cx_customer IS NOT NULL AND coalesce(isfinite(cx_date), false) AND coalesce(isfinite(cx_amount), false)";
  const statement = orderLogStatement(
    DIALECTS.duckdb,
    {
      relation: "cx_order_rows",
      customer: "cx_customer",
      date: "cx_date",
      amount: "cx_amount",
      customerAlias: "customer",
      dates: "serial",
      usableAlso: usable,
      row: "cx_row",
    },
    { ...options, histories: false },
  );
  const rows = (await connection.runAndReadAll(statement)).getRowsJS();
  const customers = rows.map((row) => ({
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
  const result: OrderLogResult = {
    customers,
    afterAsOf: await count(connection, `${usable} AND floor(cx_date) > ${asOf}`),
    leftOut: await count(connection, `NOT (${usable})`),
    negative: await count(connection, `${usable} AND cx_amount < 0`),
  };
  return { ok: true, result };
}
