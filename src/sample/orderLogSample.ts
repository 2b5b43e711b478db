/**
 * A small seeded order log (one row per order), for the task pane's browser preview (`?sample=orders`)
 * and its tests: the kind of export a finance team has, from which the add-in builds its customer
 * table as of a date (`src/core/orderLog.ts`).
 *
 * Pure: the same `customerCount` and `seed` give the same rows on every machine (the mulberry32
 * generator of `sampleCustomers.ts`, no `Math.random`, no clock). O(orders) time and memory.
 */
import type { CellValue } from "../workbook/workbook";
import { excelSerial, mulberry32 } from "./sampleCustomers";

/** The log's columns, in order. The workflow's order-log detection maps them without help. */
export const ORDER_LOG_SAMPLE_HEADERS: readonly string[] = Object.freeze([
  "Customer",
  "Order date",
  "Amount",
]);

/**
 * The as-of date the sample is made for: orders run on for three weeks after it (to
 * {@link ORDER_LOG_SAMPLE_LAST_DAY}), so a run as of this date leaves a few out and says so.
 */
export const ORDER_LOG_SAMPLE_AS_OF = "2026-10-31";

/** The first day anyone orders: 2025-01-01 (serial 45658). */
export const ORDER_LOG_SAMPLE_FIRST_DAY = excelSerial(2025, 1, 1);
/** The last day anyone orders: 2026-11-20 (serial 46346). */
export const ORDER_LOG_SAMPLE_LAST_DAY = excelSerial(2026, 11, 20);

/** Share of purchase days on which the customer places a second order (a forgotten item). */
const SECOND_ORDER_SAME_DAY = 0.12;
/** Chance that a customer stops buying after any purchase (a lapsed customer). */
const LAPSE_AFTER_PURCHASE = 0.08;

/**
 * Generates the orders of `customerCount` customers (keys "K001", "K002", …), sorted by order date
 * as a shop system exports them (orders of one day in the order they were placed).
 *
 * How each customer buys:
 * - the first purchase is on a uniformly drawn day from {@link ORDER_LOG_SAMPLE_FIRST_DAY} to
 *   {@link ORDER_LOG_SAMPLE_LAST_DAY} (so a few customers start only after the as-of date);
 * - the gaps between purchase days are exponential (rounded up to whole days, at least 1) with a
 *   mean of 20–200 days drawn per customer, so frequent and rare buyers mix; after each purchase
 *   the customer lapses with probability 8 %;
 * - on 12 % of purchase days a second order follows (same customer, same day: one purchase);
 * - amounts are lognormal around the customer's own level (level e^(4.5 + 0.8·z), median ≈ 90;
 *   each order level · e^(0.4·z)), rounded to cents.
 * Dates are whole Excel serial numbers (format them as dates when writing).
 *
 * @example
 * const { headers, rows } = orderLogSample();
 * headers          // => ["Customer", "Order date", "Amount"]
 * rows[0][0]       // => a key such as "K017"; the same one on every machine
 * rows.length      // => a few hundred (299 for the defaults)
 */
export function orderLogSample(
  customerCount = 80,
  seed = 20261202,
): { headers: string[]; rows: CellValue[][] } {
  const random = mulberry32(seed);
  const normal = () => {
    // Box–Muller: two uniforms in (0, 1] give one standard normal draw.
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const span = ORDER_LOG_SAMPLE_LAST_DAY - ORDER_LOG_SAMPLE_FIRST_DAY + 1;
  const orders: { customer: string; day: number; amount: number; placed: number }[] = [];
  for (let c = 0; c < customerCount; c++) {
    const customer = `K${String(c + 1).padStart(3, "0")}`;
    const level = Math.exp(4.5 + 0.8 * normal());
    const meanGapDays = 20 + 180 * random();
    let day = ORDER_LOG_SAMPLE_FIRST_DAY + Math.floor(random() * span);
    while (day <= ORDER_LOG_SAMPLE_LAST_DAY) {
      const ordersToday = random() < SECOND_ORDER_SAME_DAY ? 2 : 1;
      for (let k = 0; k < ordersToday; k++) {
        const amount = Math.round(level * Math.exp(0.4 * normal()) * 100) / 100;
        orders.push({ customer, day, amount, placed: orders.length });
      }
      if (random() < LAPSE_AFTER_PURCHASE) break;
      // Exponential gap by inversion: −mean · ln(1 − U), U in [0, 1).
      day += Math.max(1, Math.ceil(-meanGapDays * Math.log(1 - random())));
    }
  }
  orders.sort((a, b) => a.day - b.day || a.placed - b.placed);
  return {
    headers: [...ORDER_LOG_SAMPLE_HEADERS],
    rows: orders.map((order) => [order.customer, order.day, order.amount]),
  };
}
