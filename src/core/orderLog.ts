/**
 * The order log, aggregated per customer as of a date: what R's `rfm_table_order` and Python's
 * `lifetimes.utils.summary_data_from_transaction_data` compute from one row per order, and what the
 * lifetime-value models (Fader, Hardie & Lee 2005) take as input.
 *
 * Definitions (the purchase DAY of an order is the whole part of its Excel serial: the time of day is
 * dropped; `asOf` likewise):
 * - orders after the as-of day are not counted; they are counted in `rowsAfterAsOf` and, for the
 *   customers already known on the as-of day, kept as HOLDOUT purchases (distinct days after the
 *   as-of day, up to `holdoutEnd` = the last order day), for the holdout check of the lifetime-value
 *   models;
 * - a purchase is a distinct day with at least one order of the customer that is not a return:
 *   several orders on one day are one purchase, as Fader & Hardie and `lifetimes` count them;
 * - first / last purchase: the first and last purchase days (Excel serials);
 * - purchases: the number of purchase days; repeat purchases = purchases − 1;
 * - recency = (last − first) / period days; age = (as-of − first) / period days (`lifetimes`'
 *   "recency" and "T" with `freq="D"` and `freq_multiplier` = the period's days);
 * - total value: the sum of all counted amounts (returns included, with their sign);
 * - average repeat value: the mean, over the repeat purchase days, of each day's summed amounts (the
 *   first purchase day left out, as the lifetime-value literature does); NaN without a repeat
 *   purchase (`lifetimes` writes 0 there; 0 would read as "bought for nothing");
 * - order rows: the counted order rows of the customer (returns included).
 *
 * Returns (negative amounts) are allowed only with `allowReturns`; otherwise they are a problem of
 * their row. An allowed return lowers the total value and the summed amount of its day, but a day
 * with only returns is not a purchase (returning goods is not buying again). A customer whose
 * counted orders are all returns has no purchase and is left out (counted in
 * `customersWithoutPurchase`).
 *
 * Bad rows are never thrown: each is marked in `rowProblem` (one code per row, the first problem
 * found, in the order customer, date, amount, quantity), the first {@link MAX_LISTED_PROBLEMS} are
 * listed with their cell, and the row is left out. A row whose cells are all blank is skipped
 * silently (whole-column references). Customer keys are matched exactly: the number 12 and the text
 * "12" are different customers, as are "C1" and "c1" (Excel's own lookups would blur these; an
 * exported key column does not).
 *
 * Cost: O(n) passes over the rows with typed arrays, customer keys interned in one Map, and a
 * counting sort of the rows by customer (no global sort); inside each customer its days are sorted
 * (insertion sort up to 24 orders, a typed-array sort above). Memory beyond the input: about
 * 40 bytes per order row (48 with quantities) and 150 per customer, the key Map included (measured
 * in test/bench/orders.bench.ts: 5,000,000 rows of 958,000 customers add about 350 MB).
 *
 * @example
 * // C1 buys on days 45000 (two orders: 10 + 5) and 45014 (20); C2 once on 45007; as of 45021, weeks.
 * const log = aggregateOrderLog({
 *   customers: ["C1", "C1", "C2", "C1"],
 *   dates: [45000.25, 45000.75, 45007, 45014],
 *   amounts: [10, 5, 8, 20],
 *   asOf: 45021,
 * }) as OrderLogSummary;
 * log.customers          // => ["C1", "C2"]
 * log.purchases          // => Int32Array [2, 1]       (same-day orders are one purchase)
 * log.recency            // => Float64Array [2, 0]     ((45014 − 45000) / 7 weeks)
 * log.age                // => Float64Array [3, 2]     ((45021 − 45000) / 7)
 * log.totalValue         // => Float64Array [35, 8]
 * log.averageRepeatValue // => Float64Array [20, NaN]  (first day left out)
 */
import { CellValue, isBlank } from "./args";
import { Result } from "./errors";
import { isoToSerial, MAX_SERIAL_1900 } from "./excelDate";
import { messages } from "./messages";
import { PeriodName, periodDays } from "./purchasePeriod";

/** A customer as the log names it: text or a number, exactly as in the cell. */
export type CustomerKey = string | number;

/** Any column store that reads a cell by row (e.g. the file workbooks' `CellColumn`). */
export interface CellReader {
  get(row: number): CellValue;
}

/** One column of the order log: an array of cells, or a store read by row. */
export type OrderColumn = readonly CellValue[] | CellReader;

export interface OrderLogInput {
  /** The customer of each order row (text or number). */
  readonly customers: OrderColumn;
  /** The order date of each row: an Excel serial (1900 system; a fraction is the time) or yyyy-mm-dd text. */
  readonly dates: OrderColumn;
  /** The amount of each row: a number; negative only with `allowReturns`. */
  readonly amounts: OrderColumn;
  /** Optional quantity of each row (summed per customer into `totalQuantity`). */
  readonly quantities?: OrderColumn | null;
  /** How many rows to read; default the length of `customers` (required when it is a {@link CellReader}). */
  readonly rowCount?: number;
  /** Rows to use: 1 = use, 0 = leave out silently (e.g. rows the user chose to skip). Default: all. */
  readonly useRow?: Uint8Array | null;
  /** The as-of date (Excel serial; its time of day is dropped). */
  readonly asOf: number;
  /** The unit of recency and age; default week. */
  readonly period?: PeriodName;
  /** Whether negative amounts (and quantities) are returns rather than mistakes; default false. */
  readonly allowReturns?: boolean;
}

/** Why an order row was left out, in the order the cells are checked. */
export const ORDER_PROBLEMS = [
  "noCustomer",
  "customerNotAKey",
  "noDate",
  "notADate",
  "dateBefore1900",
  "noAmount",
  "notAnAmount",
  "negativeAmount",
  "noQuantity",
  "notAQuantity",
  "negativeQuantity",
] as const;

export type OrderProblemKind = (typeof ORDER_PROBLEMS)[number];

/** Which input column an order problem is about. */
export type OrderColumnName = "customer" | "date" | "amount" | "quantity";

/** The column a problem kind refers to. O(1). */
export function orderProblemColumn(kind: OrderProblemKind): OrderColumnName {
  if (kind === "noCustomer" || kind === "customerNotAKey") return "customer";
  if (kind === "noDate" || kind === "notADate" || kind === "dateBefore1900") return "date";
  if (kind === "noAmount" || kind === "notAnAmount" || kind === "negativeAmount") return "amount";
  return "quantity";
}

/** One bad order row: its 0-based index in the input columns, what is wrong, and the offending cell. */
export interface OrderProblem {
  readonly row: number;
  readonly kind: OrderProblemKind;
  readonly value: CellValue;
}

/** How many problems are listed in detail; all of them are counted and marked in `rowProblem`. */
export const MAX_LISTED_PROBLEMS = 100;

/** The per-customer table (typed columns, index = customer, in order of first appearance). */
export interface OrderLogSummary {
  /** The as-of day (whole serial). */
  readonly asOf: number;
  readonly period: PeriodName;
  /** Days in one period (7 for weeks). */
  readonly periodDays: number;
  readonly customerCount: number;
  /** Customer keys, in order of their first counted order row. */
  readonly customers: CustomerKey[];
  /** First purchase day (Excel serial, whole). */
  readonly firstPurchase: Float64Array;
  /** Last purchase day on or before the as-of day. */
  readonly lastPurchase: Float64Array;
  /** Distinct purchase days. */
  readonly purchases: Int32Array;
  /** purchases − 1 (`lifetimes`' "frequency", Fader & Hardie's x). */
  readonly repeatPurchases: Int32Array;
  /** (last − first) in periods (`lifetimes`' "recency", tₓ). */
  readonly recency: Float64Array;
  /** (as-of − first) in periods (`lifetimes`' "T"). */
  readonly age: Float64Array;
  /** Sum of the counted amounts, returns included. */
  readonly totalValue: Float64Array;
  /** Mean summed amount of the repeat purchase days; NaN without a repeat purchase. */
  readonly averageRepeatValue: Float64Array;
  /** Counted order rows (on or before the as-of day). */
  readonly orderRows: Int32Array;
  /** Sum of the counted quantities; null when no quantity column was given. */
  readonly totalQuantity: Float64Array | null;
  /** Distinct purchase days after the as-of day (holdout purchases). */
  readonly holdoutPurchases: Int32Array;
  /** Sum of the amounts after the as-of day. */
  readonly holdoutValue: Float64Array;
  /** The last order day after the as-of day (the holdout's end); NaN when no order is after it. */
  readonly holdoutEnd: number;
  /** (holdoutEnd − asOf) in periods (`lifetimes`' "duration_holdout"); NaN when no order is after the as-of day. */
  readonly holdoutDuration: number;
  /**
   * Every customer's purchase days, ascending, as one compressed list: customer c's days are
   * `purchaseDays[purchaseDayStart[c] … purchaseDayStart[c + 1] − 1]`, with each day's summed amount
   * in `purchaseDayValue` at the same index (what observed retention reads).
   */
  readonly purchaseDayStart: Int32Array;
  readonly purchaseDays: Int32Array;
  readonly purchaseDayValue: Float64Array;
  /**
   * For each input row, the index of its customer, or −1 for a row not counted (blank, left out by
   * `useRow`, a problem, a customer first seen after the as-of day, a customer with only returns).
   * Rows after the as-of day of a known customer carry that customer (so every order row can get its
   * customer's segment); tell them apart by their date.
   */
  readonly customerOfRow: Int32Array;
  /** For each input row, 0 or 1 + the index of its problem in {@link ORDER_PROBLEMS}. */
  readonly rowProblem: Uint8Array;
  /** The first {@link MAX_LISTED_PROBLEMS} problems, in row order. */
  readonly problems: OrderProblem[];
  readonly problemCount: number;
  /** Rows read (the row count). */
  readonly rowsRead: number;
  /** Valid rows on or before the as-of day of customers in the table. */
  readonly rowsCounted: number;
  /** Valid rows dated after the as-of day (not counted; the note says how many). */
  readonly rowsAfterAsOf: number;
  /** Customers whose orders are all after the as-of day (not in the table). */
  readonly customersAfterAsOf: number;
  /** Customers whose counted orders are all returns (not in the table). */
  readonly customersWithoutPurchase: number;
  /** Counted rows that are returns (negative amount). */
  readonly returnRows: number;
  /** Rows whose cells are all blank. */
  readonly blankRows: number;
  /** Rows left out by `useRow`. */
  readonly skippedRows: number;
}

/** The problem code stored in `rowProblem` for a kind. */
function codeOf(kind: OrderProblemKind): number {
  return ORDER_PROBLEMS.indexOf(kind) + 1;
}

const NO_CUSTOMER = codeOf("noCustomer");
const CUSTOMER_NOT_A_KEY = codeOf("customerNotAKey");
const NO_DATE = codeOf("noDate");
const NOT_A_DATE = codeOf("notADate");
const DATE_BEFORE_1900 = codeOf("dateBefore1900");
const NO_AMOUNT = codeOf("noAmount");
const NOT_AN_AMOUNT = codeOf("notAnAmount");
const NEGATIVE_AMOUNT = codeOf("negativeAmount");
const NO_QUANTITY = codeOf("noQuantity");
const NOT_A_QUANTITY = codeOf("notAQuantity");
const NEGATIVE_QUANTITY = codeOf("negativeQuantity");

/** The kind stored in `rowProblem` (0 = none). */
export function orderProblemOf(code: number): OrderProblemKind | null {
  return code === 0 ? null : ORDER_PROBLEMS[code - 1];
}

/** A day times this, plus the position of the row within its customer, fits exactly in a double. */
const DAY_SHIFT = 2 ** 31;
/** Marks a row after the as-of day whose customer is looked up once all earlier rows are interned. */
const AFTER_AS_OF = -2;
const INSERTION_SORT_MAX = 24;

function readerOf(column: OrderColumn): (row: number) => CellValue {
  if (Array.isArray(column)) {
    const cells = column as readonly CellValue[];
    return (row) => cells[row];
  }
  const store = column as CellReader;
  return (row) => store.get(row);
}

/** A customer key, or the problem code of the cell. */
function customerCode(cell: CellValue): number {
  if (typeof cell === "string") return cell === "" ? NO_CUSTOMER : 0;
  if (typeof cell === "number") return Number.isFinite(cell) ? 0 : CUSTOMER_NOT_A_KEY;
  return isBlank(cell) ? NO_CUSTOMER : CUSTOMER_NOT_A_KEY;
}

/** The purchase day (whole serial) of a date cell, or −(problem code). */
function dayOf(cell: CellValue): number {
  let serial: number | null;
  if (typeof cell === "number") serial = cell;
  else if (typeof cell === "string") {
    if (cell === "") return -NO_DATE;
    serial = isoToSerial(cell);
    if (serial === null)
      return /^\s*\d{4}-/.test(cell) && Number(cell.trim().slice(0, 4)) < 1900
        ? -DATE_BEFORE_1900
        : -NOT_A_DATE;
  } else return isBlank(cell) ? -NO_DATE : -NOT_A_DATE;
  if (!Number.isFinite(serial) || serial >= MAX_SERIAL_1900 + 1) return -NOT_A_DATE;
  if (serial < 1) return -DATE_BEFORE_1900;
  return Math.floor(serial);
}

/** Problem code of an amount or quantity cell (0 = a usable number). */
function numberCode(
  cell: CellValue,
  allowNegative: boolean,
  none: number,
  notANumber: number,
  negative: number,
): number {
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return notANumber;
    return cell < 0 && !allowNegative ? negative : 0;
  }
  return isBlank(cell) ? none : notANumber;
}

/** Sorts `keys[0 … k − 1]` ascending (small k: insertion sort, which is O(k) on rows already in date order). */
function sortPacked(keys: Float64Array, k: number): void {
  if (k > INSERTION_SORT_MAX) {
    let sorted = true;
    for (let i = 1; i < k && sorted; i++) sorted = keys[i - 1] <= keys[i];
    if (!sorted) keys.subarray(0, k).sort();
    return;
  }
  for (let i = 1; i < k; i++) {
    const key = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
}

/**
 * Aggregates an order log per customer as of a date (see the module comment for every definition).
 * Returns a CoreError only for an as-of that is not a date or a row count the columns cannot give;
 * bad rows are reported in the result, never thrown.
 */
export function aggregateOrderLog(input: OrderLogInput): Result<OrderLogSummary> {
  const period = input.period ?? "week";
  const daysPerPeriod = periodDays(period);
  const allowReturns = input.allowReturns ?? false;
  if (!Number.isFinite(input.asOf) || input.asOf < 1 || input.asOf >= MAX_SERIAL_1900 + 1) {
    return messages.notADateParameter("as_of", input.asOf);
  }
  const asOf = Math.floor(input.asOf);
  const n = input.rowCount ?? (Array.isArray(input.customers) ? input.customers.length : NaN);
  if (!Number.isInteger(n) || n < 0) {
    return messages.orderRowCountNeeded();
  }
  const useRow = input.useRow ?? null;
  if (useRow !== null && useRow.length < n) {
    return messages.orderRowMaskTooShort(useRow.length, n);
  }
  const customerCell = readerOf(input.customers);
  const dateCell = readerOf(input.dates);
  const amountCell = readerOf(input.amounts);
  const quantityCell = input.quantities ? readerOf(input.quantities) : null;

  const customerOfRow = new Int32Array(n).fill(-1);
  const dayOfRow = new Int32Array(n);
  const amountOfRow = new Float64Array(n);
  const quantityOfRow = quantityCell ? new Float64Array(n) : null;
  const rowProblem = new Uint8Array(n);
  const problems: OrderProblem[] = [];
  let problemCount = 0;
  let blankRows = 0;
  let skippedRows = 0;
  let rowsAfterAsOf = 0;
  let returnRows = 0;
  let holdoutEnd = -Infinity;

  const indexOfKey = new Map<CustomerKey, number>();
  const keys: CustomerKey[] = [];
  let rowsOfCustomer = new Int32Array(1024);
  let previousKey: CellValue = undefined;
  let previousCustomer = -1;

  const report = (row: number, code: number, value: CellValue) => {
    rowProblem[row] = code;
    problemCount++;
    if (problems.length < MAX_LISTED_PROBLEMS) problems.push({ row, kind: ORDER_PROBLEMS[code - 1], value });
  };

  // Pass 1: read and check every row; intern the customers of rows on or before the as-of day, in row order.
  for (let row = 0; row < n; row++) {
    if (useRow !== null && useRow[row] === 0) {
      skippedRows++;
      continue;
    }
    const key = customerCell(row);
    const date = dateCell(row);
    const amount = amountCell(row);
    const quantity = quantityCell === null ? null : quantityCell(row);
    if (isBlank(key) && isBlank(date) && isBlank(amount) && isBlank(quantity)) {
      blankRows++;
      continue;
    }
    const keyProblem = customerCode(key);
    if (keyProblem !== 0) {
      report(row, keyProblem, key);
      continue;
    }
    const day = dayOf(date);
    if (day < 0) {
      report(row, -day, date);
      continue;
    }
    const amountProblem = numberCode(amount, allowReturns, NO_AMOUNT, NOT_AN_AMOUNT, NEGATIVE_AMOUNT);
    if (amountProblem !== 0) {
      report(row, amountProblem, amount);
      continue;
    }
    if (quantityOfRow !== null) {
      const quantityProblem = numberCode(
        quantity,
        allowReturns,
        NO_QUANTITY,
        NOT_A_QUANTITY,
        NEGATIVE_QUANTITY,
      );
      if (quantityProblem !== 0) {
        report(row, quantityProblem, quantity);
        continue;
      }
      quantityOfRow[row] = quantity as number;
    }
    dayOfRow[row] = day;
    amountOfRow[row] = amount as number;
    if (day > asOf) {
      customerOfRow[row] = AFTER_AS_OF;
      rowsAfterAsOf++;
      if (day > holdoutEnd) holdoutEnd = day;
      continue;
    }
    if ((amount as number) < 0) returnRows++;
    // Order-line exports repeat a customer on consecutive rows: skip the Map for those.
    let customer = key === previousKey ? previousCustomer : indexOfKey.get(key as CustomerKey);
    if (customer === undefined) {
      customer = keys.length;
      indexOfKey.set(key as CustomerKey, customer);
      keys.push(key as CustomerKey);
      if (customer === rowsOfCustomer.length) {
        const grown = new Int32Array(rowsOfCustomer.length * 2);
        grown.set(rowsOfCustomer);
        rowsOfCustomer = grown;
      }
    }
    customerOfRow[row] = customer;
    rowsOfCustomer[customer]++;
    previousKey = key;
    previousCustomer = customer;
  }

  // Pass 2: rows after the as-of day belong to a customer only if that customer bought by then.
  let customersAfterAsOf = 0;
  if (rowsAfterAsOf > 0) {
    const newKeys = new Set<CustomerKey>();
    for (let row = 0; row < n; row++) {
      if (customerOfRow[row] !== AFTER_AS_OF) continue;
      const key = customerCell(row) as CustomerKey;
      const customer = indexOfKey.get(key);
      if (customer === undefined) {
        customerOfRow[row] = -1;
        newKeys.add(key);
      } else {
        customerOfRow[row] = customer;
        rowsOfCustomer[customer]++;
      }
    }
    customersAfterAsOf = newKeys.size;
  }

  // Counting sort of the rows by customer, keeping row order within each customer.
  const customerCount = keys.length;
  const rowStart = new Int32Array(customerCount + 1);
  for (let c = 0; c < customerCount; c++) rowStart[c + 1] = rowStart[c] + rowsOfCustomer[c];
  const assigned = rowStart[customerCount];
  const rowsByCustomer = new Int32Array(assigned);
  const cursor = rowStart.slice(0, customerCount);
  let maxRowsOfOne = 0;
  for (let c = 0; c < customerCount; c++)
    if (rowsOfCustomer[c] > maxRowsOfOne) maxRowsOfOne = rowsOfCustomer[c];
  for (let row = 0; row < n; row++) {
    const customer = customerOfRow[row];
    if (customer >= 0) rowsByCustomer[cursor[customer]++] = row;
  }

  const firstPurchase = new Float64Array(customerCount);
  const lastPurchase = new Float64Array(customerCount);
  const purchases = new Int32Array(customerCount);
  const totalValue = new Float64Array(customerCount);
  const averageRepeatValue = new Float64Array(customerCount);
  const orderRows = new Int32Array(customerCount);
  const totalQuantity = quantityOfRow ? new Float64Array(customerCount) : null;
  const holdoutPurchases = new Int32Array(customerCount);
  const holdoutValue = new Float64Array(customerCount);
  const purchaseDayStart = new Int32Array(customerCount + 1);
  // At most one purchase day per assigned row; trimmed below when far fewer are used.
  let purchaseDays = new Int32Array(assigned);
  let purchaseDayValue = new Float64Array(purchaseDays.length);
  let dayCursor = 0;
  const packed = new Float64Array(maxRowsOfOne);

  for (let c = 0; c < customerCount; c++) {
    const from = rowStart[c];
    const k = rowStart[c + 1] - from;
    for (let j = 0; j < k; j++) packed[j] = dayOfRow[rowsByCustomer[from + j]] * DAY_SHIFT + j;
    sortPacked(packed, k);
    purchaseDayStart[c] = dayCursor;
    let value = 0;
    let quantitySum = 0;
    let counted = 0;
    let repeatSum = 0;
    let first = NaN;
    let last = NaN;
    let bought = 0;
    let i = 0;
    while (i < k) {
      const day = Math.floor(packed[i] / DAY_SHIFT);
      let daySum = 0;
      let dayQuantity = 0;
      let isPurchase = false;
      let rows = 0;
      while (i < k && Math.floor(packed[i] / DAY_SHIFT) === day) {
        const row = rowsByCustomer[from + (packed[i] - day * DAY_SHIFT)];
        const amount = amountOfRow[row];
        daySum += amount;
        if (quantityOfRow !== null) dayQuantity += quantityOfRow[row];
        if (amount >= 0) isPurchase = true;
        rows++;
        i++;
      }
      if (day > asOf) {
        if (isPurchase) holdoutPurchases[c]++;
        holdoutValue[c] += daySum;
        continue;
      }
      value += daySum;
      quantitySum += dayQuantity;
      counted += rows;
      if (!isPurchase) continue;
      if (bought === 0) first = day;
      else repeatSum += daySum;
      last = day;
      bought++;
      purchaseDays[dayCursor] = day;
      purchaseDayValue[dayCursor] = daySum;
      dayCursor++;
    }
    firstPurchase[c] = first;
    lastPurchase[c] = last;
    purchases[c] = bought;
    totalValue[c] = value;
    averageRepeatValue[c] = bought > 1 ? repeatSum / (bought - 1) : NaN;
    orderRows[c] = counted;
    if (totalQuantity !== null) totalQuantity[c] = quantitySum;
  }
  purchaseDayStart[customerCount] = dayCursor;
  if (dayCursor < purchaseDays.length * 0.75) {
    purchaseDays = purchaseDays.slice(0, dayCursor);
    purchaseDayValue = purchaseDayValue.slice(0, dayCursor);
  }

  const table = {
    customers: keys,
    firstPurchase,
    lastPurchase,
    purchases,
    totalValue,
    averageRepeatValue,
    orderRows,
    totalQuantity,
    holdoutPurchases,
    holdoutValue,
    purchaseDayStart,
  };
  const customersWithoutPurchase = dropCustomersWithoutPurchase(table, customerOfRow);
  const kept = table.customers.length;
  const repeatPurchases = new Int32Array(kept);
  const recency = new Float64Array(kept);
  const age = new Float64Array(kept);
  for (let c = 0; c < kept; c++) {
    repeatPurchases[c] = table.purchases[c] - 1;
    recency[c] = (table.lastPurchase[c] - table.firstPurchase[c]) / daysPerPeriod;
    age[c] = (asOf - table.firstPurchase[c]) / daysPerPeriod;
  }

  return {
    asOf,
    period,
    periodDays: daysPerPeriod,
    customerCount: kept,
    ...table,
    repeatPurchases,
    recency,
    age,
    holdoutEnd: rowsAfterAsOf > 0 ? holdoutEnd : NaN,
    holdoutDuration: rowsAfterAsOf > 0 ? (holdoutEnd - asOf) / daysPerPeriod : NaN,
    purchaseDays,
    purchaseDayValue,
    customerOfRow,
    rowProblem,
    problems,
    problemCount,
    rowsRead: n,
    rowsCounted: table.orderRows.reduce((sum, rows) => sum + rows, 0),
    rowsAfterAsOf,
    customersAfterAsOf,
    customersWithoutPurchase,
    returnRows,
    blankRows,
    skippedRows,
  };
}

interface MutableTable {
  customers: CustomerKey[];
  firstPurchase: Float64Array;
  lastPurchase: Float64Array;
  purchases: Int32Array;
  totalValue: Float64Array;
  averageRepeatValue: Float64Array;
  orderRows: Int32Array;
  totalQuantity: Float64Array | null;
  holdoutPurchases: Int32Array;
  holdoutValue: Float64Array;
  purchaseDayStart: Int32Array;
}

/**
 * Removes the customers with no purchase (all their counted orders were returns), keeping the order
 * of the others, and points their rows at −1. Returns how many were removed. O(customers + rows),
 * and nothing at all in the usual case where there are none.
 */
function dropCustomersWithoutPurchase(table: MutableTable, customerOfRow: Int32Array): number {
  const count = table.purchases.length;
  let removed = 0;
  for (let c = 0; c < count; c++) if (table.purchases[c] === 0) removed++;
  if (removed === 0) return 0;
  const newIndex = new Int32Array(count);
  const keep = count - removed;
  const pick = <T extends Float64Array | Int32Array>(column: T, make: (size: number) => T): T => {
    const out = make(keep);
    for (let c = 0; c < count; c++) if (newIndex[c] >= 0) out[newIndex[c]] = column[c];
    return out;
  };
  let next = 0;
  for (let c = 0; c < count; c++) newIndex[c] = table.purchases[c] === 0 ? -1 : next++;
  const floats = (size: number) => new Float64Array(size);
  const ints = (size: number) => new Int32Array(size);
  const starts = new Int32Array(keep + 1);
  for (let c = 0; c < count; c++) if (newIndex[c] >= 0) starts[newIndex[c]] = table.purchaseDayStart[c];
  starts[keep] = table.purchaseDayStart[count];
  table.customers = table.customers.filter((_, c) => newIndex[c] >= 0);
  table.firstPurchase = pick(table.firstPurchase, floats);
  table.lastPurchase = pick(table.lastPurchase, floats);
  table.purchases = pick(table.purchases, ints);
  table.totalValue = pick(table.totalValue, floats);
  table.averageRepeatValue = pick(table.averageRepeatValue, floats);
  table.orderRows = pick(table.orderRows, ints);
  table.totalQuantity = table.totalQuantity && pick(table.totalQuantity, floats);
  table.holdoutPurchases = pick(table.holdoutPurchases, ints);
  table.holdoutValue = pick(table.holdoutValue, floats);
  table.purchaseDayStart = starts;
  for (let row = 0; row < customerOfRow.length; row++) {
    const customer = customerOfRow[row];
    if (customer >= 0) customerOfRow[row] = newIndex[customer];
  }
  return removed;
}
