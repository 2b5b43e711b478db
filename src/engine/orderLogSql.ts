/**
 * The order-log aggregation of issue 9 as one SQL statement: from a table with one row per order
 * (customer, order date, amount) to one row per customer, as of a date:
 *
 * - orders after the as-of day are not counted; rows with no customer, no date or an amount that is
 *   not a finite number are left out;
 * - a purchase is a customer's DAY with orders (orders on the same day are one purchase, as Fader &
 *   Hardie and Python's `lifetimes` count them); its amount is the day's sum;
 * - per customer: first and last purchase day, purchases (distinct days), repeat purchases
 *   (purchases − 1), recency = (last − first) and age = (as-of − first) in periods (day, week = 7
 *   days, month = 365.25/12, quarter = 365.25/4, year = 365.25), total value, and the average repeat
 *   value = the mean over repeat days of each day's amount (the first day left out; NULL without
 *   a repeat purchase).
 *
 * The histories variant returns one row per distinct (repeat purchases x, recency tₓ, age T) with
 * the number of customers that have it: all a BG/NBD lifetime-value fit needs, and far fewer rows.
 *
 * Either way the warehouse sends back customers or histories, never orders. Cost: one GROUP BY over
 * the orders (customer, day), one over the days (customer), one join of the days to their first day.
 */
import { asOfSerial } from "../workflow/methods/rfm";
import type { Dialect } from "./sqlDialect";
import { doubleLiteral } from "./sqlDialect";

export type Period = "day" | "week" | "month" | "quarter" | "year";

/** Days per period. 365.25 / 12 = 30.4375 and 365.25 / 4 = 91.3125 are exact doubles. */
export const PERIOD_DAYS: Readonly<Record<Period, number>> = Object.freeze({
  day: 1,
  week: 7,
  month: 365.25 / 12,
  quarter: 365.25 / 4,
  year: 365.25,
});

/** The per-customer columns, in order. */
export const CUSTOMER_TABLE_HEADERS = [
  "First purchase",
  "Last purchase",
  "Purchases",
  "Repeat purchases",
  "Recency",
  "Age",
  "Total value",
  "Average repeat value",
] as const;

/** The per-history columns, in order. */
export const HISTORY_HEADERS = ["Repeat purchases", "Recency", "Age", "Customers"] as const;

export interface OrderLogSource {
  /** What follows FROM: a quoted table name or a parenthesised subquery with an alias. */
  relation: string;
  /** Expressions of the customer, order date and amount columns. */
  customer: string;
  date: string;
  amount: string;
  /** The customer column's name in the output. */
  customerAlias: string;
  /** "date": DATE or TIMESTAMP columns (a warehouse); "serial": Excel serial numbers (the engine). */
  dates: "date" | "serial";
  /** A further condition for an order row to count (the engine's typed-cell checks), or null. */
  usableAlso?: string | null;
  /**
   * An expression numbering the order rows (the engine's file row): customers then come out in the
   * order they first appear. Without it they come out ordered by the customer column.
   */
  row?: string | null;
}

export interface OrderLogOptions {
  asOf: string;
  period: Period;
  /** One row per distinct (x, tₓ, T) with a count, instead of one row per customer. */
  histories?: boolean;
}

const MAX_DOUBLE = 1.7976931348623157e308;

export function orderLogStatement(
  dialect: Dialect,
  source: OrderLogSource,
  options: OrderLogOptions,
): string {
  const q = (name: string) => dialect.identifier(name);
  const double = dialect.double;
  const num = (x: number) => doubleLiteral(dialect, x);
  const amount = `CAST(${source.amount} AS ${double})`;
  let day: string;
  let asOf: string;
  let daysBetween: (later: string, earlier: string) => string;
  if (source.dates === "date") {
    day = dialect.toDate(source.date);
    asOf = `CAST('${options.asOf}' AS DATE)`;
    daysBetween = (later, earlier) => `CAST(${dialect.daysBetween(later, earlier)} AS ${double})`;
  } else {
    const serial = asOfSerial(options.asOf);
    if (serial === null) throw new Error(`internal: as-of date ${options.asOf} is not a date`);
    day = `FLOOR(CAST(${source.date} AS ${double}))`;
    asOf = num(serial);
    daysBetween = (later, earlier) => `(${later} - ${earlier})`;
  }
  const usable = [
    `${source.customer} IS NOT NULL`,
    `${source.date} IS NOT NULL`,
    `${amount} BETWEEN ${num(-MAX_DOUBLE)} AND ${num(MAX_DOUBLE)}`,
  ];
  if (source.usableAlso) usable.push(`(${source.usableAlso})`);
  const period = num(PERIOD_DAYS[options.period]);
  // First appearance of each customer, carried only when the rows are numbered.
  const seenOfRow = source.row ? `, ${source.row} AS cx_seen` : "";
  const seen = source.row ? ", MIN(cx_seen) AS cx_seen" : "";
  const ctes = [
    `cx_orders AS (\n  SELECT ${source.customer} AS cx_customer, ${day} AS cx_day, ${amount} AS cx_amount${seenOfRow}\n  FROM ${source.relation}\n  WHERE ${usable.join("\n    AND ")}\n)`,
    `cx_days AS (\n  SELECT cx_customer, cx_day, SUM(cx_amount) AS cx_day_amount${seen}\n  FROM cx_orders\n  WHERE cx_day <= ${asOf}\n  GROUP BY cx_customer, cx_day\n)`,
    `cx_customers AS (\n  SELECT cx_customer, MIN(cx_day) AS cx_first, MAX(cx_day) AS cx_last, COUNT(*) AS cx_purchases,\n    SUM(cx_day_amount) AS cx_total${seen}\n  FROM cx_days\n  GROUP BY cx_customer\n)`,
    `cx_repeats AS (\n  SELECT cx_days.cx_customer, SUM(cx_days.cx_day_amount) AS cx_repeat_total\n  FROM cx_days JOIN cx_customers ON cx_days.cx_customer = cx_customers.cx_customer\n  WHERE cx_days.cx_day > cx_customers.cx_first\n  GROUP BY cx_days.cx_customer\n)`,
    `cx_table AS (\n  SELECT cx_customers.cx_customer${source.row ? ", cx_seen" : ""}, cx_first, cx_last, cx_purchases, cx_purchases - 1 AS cx_repeat,\n` +
      `    ${daysBetween("cx_last", "cx_first")} / ${period} AS cx_recency,\n` +
      `    ${daysBetween(asOf, "cx_first")} / ${period} AS cx_age,\n` +
      `    cx_total, cx_repeat_total / NULLIF(cx_purchases - 1, 0) AS cx_average_repeat\n` +
      `  FROM cx_customers LEFT JOIN cx_repeats ON cx_customers.cx_customer = cx_repeats.cx_customer\n)`,
  ];
  const head = `WITH\n${ctes.join(",\n")}\n`;
  if (options.histories) {
    const [x, tx, age, count] = HISTORY_HEADERS.map(q);
    return (
      head +
      `SELECT cx_repeat AS ${x}, cx_recency AS ${tx}, cx_age AS ${age}, COUNT(*) AS ${count}\n` +
      `FROM cx_table\nGROUP BY cx_repeat, cx_recency, cx_age\nORDER BY cx_repeat, cx_recency, cx_age`
    );
  }
  const names = CUSTOMER_TABLE_HEADERS.map(q);
  const columns = [
    "cx_first",
    "cx_last",
    "cx_purchases",
    "cx_repeat",
    "cx_recency",
    "cx_age",
    "cx_total",
    "cx_average_repeat",
  ];
  return (
    head +
    `SELECT cx_customer AS ${q(source.customerAlias)}, ${columns.map((c, i) => `${c} AS ${names[i]}`).join(", ")}\n` +
    `FROM cx_table\nORDER BY ${source.row ? "cx_seen" : "cx_customer"}`
  );
}
