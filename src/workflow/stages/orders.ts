/**
 * The order-log source: stages `read` and `customers` for a table with one row per order.
 *
 * - `readOrders` reads the order table's mapped columns (customer, order date, amount, and the
 *   quantity, match and satisfaction columns when mapped) in one `readColumns` call, asking the
 *   workbook to hand repeated text over as one string (a 5,000,000-row log has far fewer customers);
 * - `customersOfOrders` aggregates them as of the as-of date with `aggregateOrderLog`
 *   (`src/core/orderLog.ts`, every definition is there) and fills, per customer, the cells every
 *   method reads: `customer`, `value` (total value), `firstPurchase`, `lastPurchase` (serials),
 *   `orders` (purchases = distinct purchase days), `averageValue` (average repeat value, blank
 *   without a repeat purchase) and `match` / `satisfaction` when mapped.
 *
 * Per-customer columns of an order log (match, satisfaction) are taken from the customer's LATEST
 * counted order row whose cell is not blank (latest order date; on the same day the lower row):
 * an export repeats a customer attribute on every order, and the newest value is the one that holds
 * today. A customer whose cells are all blank gets a blank (named as such if a method needs it).
 *
 * Bad order rows (no customer, a date that is not a date, a text or missing amount, a negative
 * amount unless returns are allowed) stop the run naming them by row, or with "skip invalid rows"
 * are left out with a note. Orders after the as-of date are not counted; a note says how many.
 */
import { isBlank } from "../../core/blank";
import { isoToSerial, serialToIso } from "../../core/excelDate";
import {
  aggregateOrderLog,
  MAX_LISTED_PROBLEMS,
  orderProblemColumn,
  type OrderColumnName,
  type OrderLogSummary,
} from "../../core/orderLog";
import { isCoreError } from "../../core/errors";
import type { CellValue, TableInfo, Workbook } from "../../workbook/workbook";
import { type BadOrderRow, type Checked, LISTED_ROWS, pass, stop } from "../problems";
import { ORDER_LOG_OPTIONAL_ROLES, ORDER_LOG_REQUIRED_ROLES } from "../roles";
import { asOfSerial } from "../methods/rfm";
import type { ColumnMapping, Role, SegmentationSettings } from "../types";
import type { Planned } from "./check";
import { columnRefOf, type Customers, excelRowOf, type OrderLogSource } from "./customers";
import type { RunContext } from "./runContext";

/** The cells of an order log's mapped columns, by role, one per order row. */
export interface OrderLogRead {
  table: TableInfo;
  headers: readonly string[];
  mapping: ColumnMapping;
  cells: Partial<Record<Role, CellValue[]>>;
}

/** The roles an order log's read covers: the required three, then those of the optional ones that are mapped. */
export function orderRolesToRead(mapping: ColumnMapping): Role[] {
  return [...ORDER_LOG_REQUIRED_ROLES, ...ORDER_LOG_OPTIONAL_ROLES.filter((role) => mapping[role] !== null)];
}

export async function readOrders(wb: Workbook, planned: Planned, run: RunContext): Promise<OrderLogRead> {
  run.stage = "read";
  const { table, headers, mapping } = planned;
  const roles = orderRolesToRead(mapping);
  const columns = [...new Set(roles.map((role) => mapping[role] as number))];
  const read = await wb.readColumns(table, columns, {
    signal: run.signal,
    internText: true,
    onProgress: (done, total) => run.progress((0.4 * done) / Math.max(1, total), "Reading"),
  });
  const cells: Partial<Record<Role, CellValue[]>> = {};
  for (const role of roles) cells[role] = read[columns.indexOf(mapping[role] as number)];
  return { table, headers, mapping, cells };
}

/** The order log's column of each kind of row problem. */
const ROLE_OF_COLUMN: Record<OrderColumnName, Role> = {
  customer: "customer",
  date: "orderDate",
  amount: "value",
  quantity: "quantity",
};

/** The purchase day of a date cell the aggregation accepted (a serial or yyyy-mm-dd text). */
function dayOfCell(cell: CellValue): number {
  if (typeof cell === "number") return Math.floor(cell);
  const serial = typeof cell === "string" ? isoToSerial(cell) : null;
  return serial === null ? NaN : Math.floor(serial);
}

/**
 * Stage `customers` for an order log (see the module comment). `settings.source` must be an order
 * log (checked before). O(rows) plus the aggregation's own cost.
 */
export function customersOfOrders(
  read: OrderLogRead,
  settings: SegmentationSettings,
  run: RunContext,
): Checked<Customers> {
  run.stage = "customers";
  run.progress(0.4, "Reading");
  const source = settings.source;
  if (source.kind !== "orders") throw new Error("internal: customersOfOrders needs an order-log source");
  const { table, headers, mapping, cells } = read;
  const asOf = asOfSerial(source.asOf) as number;
  const rowCount = table.rowCount;
  const customerCells = cells.customer as CellValue[];
  const dateCells = cells.orderDate as CellValue[];
  const log = aggregateOrderLog({
    customers: customerCells,
    dates: dateCells,
    amounts: cells.value as CellValue[],
    quantities: cells.quantity ?? null,
    rowCount,
    asOf,
    period: source.period,
    allowReturns: source.allowReturns,
  });
  if (isCoreError(log)) throw new Error(`internal: ${log.message}`);

  const refOf = (role: Role) => columnRefOf({ table, headers, mapping }, role);
  const notes: string[] = [];
  if (log.problemCount > 0) {
    if (!settings.skipInvalidRows) {
      const rows: BadOrderRow[] = log.problems
        .slice(0, Math.min(LISTED_ROWS, MAX_LISTED_PROBLEMS))
        .map((problem) => ({
          row: excelRowOf(table, problem.row),
          column: refOf(ROLE_OF_COLUMN[orderProblemColumn(problem.kind)]),
          kind: problem.kind,
          // Cells read from a workbook are never error objects: the core's wider cell type narrows here.
          value: (problem.value ?? null) as CellValue,
        }));
      return stop({
        code: "bad-order-rows",
        badRows: rows,
        count: log.problemCount,
        allowReturns: source.allowReturns,
      });
    }
    const listed = log.problems.slice(0, 5).map((problem) => excelRowOf(table, problem.row));
    notes.push(
      `${log.problemCount} order row${log.problemCount === 1 ? " was" : "s were"} left out because ${log.problemCount === 1 ? "it" : "they"} cannot be used (no customer, no date, or no usable amount): ` +
        `row${listed.length === 1 ? "" : "s"} ${listed.join(", ")}${log.problemCount > listed.length ? ", …" : ""}.`,
    );
  }
  if (log.customerCount === 0) {
    if (log.rowsAfterAsOf > 0)
      return stop({ code: "no-orders-by-as-of", asOf: source.asOf, afterAsOf: log.rowsAfterAsOf });
    return stop({ code: "no-data", reason: "no-valid-rows", headers: [...headers] });
  }

  // Which rows were counted, each customer's last counted row (it names the customer in messages),
  // and the latest non-blank cell of each per-customer column.
  const n = log.customerCount;
  const countedRow = new Uint8Array(rowCount);
  const lastRow = new Int32Array(n).fill(-1);
  const lastDay = new Float64Array(n).fill(-Infinity);
  const perCustomer = (["match", "satisfaction"] as const).filter((role) => cells[role] !== undefined);
  const taken = perCustomer.map(() => ({
    row: new Int32Array(n).fill(-1),
    day: new Float64Array(n).fill(-Infinity),
  }));
  for (let row = 0; row < rowCount; row++) {
    const c = log.customerOfRow[row];
    if (c < 0) continue;
    const day = dayOfCell(dateCells[row]);
    if (!(day <= asOf)) continue;
    countedRow[row] = 1;
    if (day >= lastDay[c]) {
      lastDay[c] = day;
      lastRow[c] = row;
    }
    for (let k = 0; k < perCustomer.length; k++) {
      if (isBlank((cells[perCustomer[k]] as CellValue[])[row])) continue;
      if (day >= taken[k].day[c]) {
        taken[k].day[c] = day;
        taken[k].row[c] = row;
      }
    }
  }

  const customerColumn: CellValue[] = log.customers.slice();
  const value = new Array<CellValue>(n);
  const firstPurchase = new Array<CellValue>(n);
  const lastPurchase = new Array<CellValue>(n);
  const purchases = new Array<CellValue>(n);
  const averageValue = new Array<CellValue>(n);
  for (let c = 0; c < n; c++) {
    value[c] = log.totalValue[c];
    firstPurchase[c] = log.firstPurchase[c];
    lastPurchase[c] = log.lastPurchase[c];
    purchases[c] = log.purchases[c];
    const average = log.averageRepeatValue[c];
    averageValue[c] = Number.isNaN(average) ? null : average;
  }
  const customerCellsOut: Partial<Record<Role, readonly CellValue[]>> = {
    customer: customerColumn,
    value,
    firstPurchase,
    lastPurchase,
    orders: purchases,
    averageValue,
  };
  perCustomer.forEach((role, k) => {
    const source = cells[role] as CellValue[];
    const rows = taken[k].row;
    const out = new Array<CellValue>(n);
    for (let c = 0; c < n; c++) out[c] = rows[c] >= 0 ? source[rows[c]] : null;
    customerCellsOut[role] = out;
  });
  const takenRows = new Map<Role, Int32Array>(perCustomer.map((role, k) => [role, taken[k].row]));

  notes.push(...countNotes(log, source.asOf));
  const orderSource: OrderLogSource = {
    kind: "order-log",
    table,
    headers,
    mapping,
    totalsRows: 0,
    asOf,
    asOfText: source.asOf,
    period: source.period,
    allowReturns: source.allowReturns,
    log,
    countedRow,
  };
  const toFloat = (column: ArrayLike<number>) => Float64Array.from(column);
  return pass({
    count: n,
    cells: customerCellsOut,
    included: new Uint8Array(n).fill(1),
    notes,
    excelRow: (i, role) => {
      const fromRow = role === undefined ? undefined : takenRows.get(role);
      const row = fromRow !== undefined && fromRow[i] >= 0 ? fromRow[i] : lastRow[i];
      return excelRowOf(table, row);
    },
    source: orderSource,
    history: {
      asOf,
      period: source.period,
      customerCount: n,
      firstPurchase: log.firstPurchase,
      purchaseDayStart: log.purchaseDayStart,
      purchaseDays: log.purchaseDays,
      purchaseDayValue: log.purchaseDayValue,
      holdoutPurchases: toFloat(log.holdoutPurchases),
      holdoutValue: log.holdoutValue,
      ...(Number.isFinite(log.holdoutDuration) ? { holdoutPeriods: log.holdoutDuration } : {}),
    },
  });
}

/** What the user should know about how the log's rows were counted. */
function countNotes(log: OrderLogSummary, asOfText: string): string[] {
  const notes: string[] = [];
  const count = (k: number, one: string, many: string) =>
    `${k.toLocaleString("en-US")} ${k === 1 ? one : many}`;
  notes.push(
    `Read as an order log: ${count(log.rowsCounted, "order row", "order rows")} of ${count(log.customerCount, "customer", "customers")} up to ${asOfText}, ` +
      `recency and age in ${log.period}s.`,
  );
  if (log.rowsAfterAsOf > 0) {
    const newOnes =
      log.customersAfterAsOf > 0
        ? ` ${count(log.customersAfterAsOf, "customer", "customers")} bought only after it and ${log.customersAfterAsOf === 1 ? "is" : "are"} not in the table.`
        : "";
    const last = serialToIso(log.holdoutEnd);
    notes.push(
      `${count(log.rowsAfterAsOf, "order row", "order rows")} dated after the as-of date ${asOfText}${last ? ` (up to ${last})` : ""} ${log.rowsAfterAsOf === 1 ? "was" : "were"} not counted; ` +
        `${log.rowsAfterAsOf === 1 ? "its" : "their"} segment cell${log.rowsAfterAsOf === 1 ? " is" : "s are"} blank.${newOnes}`,
    );
  }
  if (log.returnRows > 0)
    notes.push(
      `${count(log.returnRows, "return", "returns")} (negative amounts) lowered their customers' total value.`,
    );
  if (log.customersWithoutPurchase > 0)
    notes.push(
      `${count(log.customersWithoutPurchase, "customer", "customers")} whose orders up to the as-of date are all returns ${log.customersWithoutPurchase === 1 ? "has" : "have"} no purchase and ${log.customersWithoutPurchase === 1 ? "was" : "were"} left out.`,
    );
  return notes;
}
