/**
 * Stage between `read` and `score`: which rows are the customers the methods see. This is the seam
 * where the source of the customer table is decided.
 *
 * Two sources: a customer table (one row per customer), where every data row is a customer except
 * a totals row under a plain range (`src/core/totalsRow.ts`), left out with a note; and an order
 * log (one row per order), which `customersOfOrders` (`orders.ts`) aggregates into one entry per
 * customer. Each has a {@link CustomerSource} of its own kind telling `planWrites` where the results
 * go (beside the customer table; or a new sheet of customers plus each order row's segment).
 * `score` only sees {@link Customers}.
 */
import { columnLetters } from "../../core/a1";
import type { PurchaseHistory } from "../../core/observedRetention";
import type { OrderLogSummary } from "../../core/orderLog";
import type { PeriodName } from "../../core/purchasePeriod";
import { trailingTotalsRows } from "../../core/totalsRow";
import type { CellValue, TableInfo } from "../../workbook/workbook";
import { toNumbers } from "../numericColumn";
import type { ColumnRef } from "../problems";
import type { ColumnMapping, Role } from "../types";
import type { TableRead } from "./read";

/** A customer table: results go beside it, one per data row. */
export interface CustomerTableSource {
  kind: "customer-table";
  table: TableInfo;
  headers: readonly string[];
  mapping: ColumnMapping;
  /** Data rows at the end that are a totals row, not customers (0 for none). */
  totalsRows: number;
}

/**
 * An order log: one row per order, aggregated per customer as of a date. Results go to a new sheet
 * of customers (`CX Customers`), and each order row gets its customer's segment beside the log.
 */
export interface OrderLogSource {
  kind: "order-log";
  /** The order table. */
  table: TableInfo;
  headers: readonly string[];
  /** The order table's mapping (customer, orderDate, value = the order's amount, quantity, …). */
  mapping: ColumnMapping;
  /** A totals row is never looked for in an order log (a "Total" customer would be a customer). */
  totalsRows: 0;
  /** The as-of day (Excel serial) and as typed (yyyy-mm-dd). */
  asOf: number;
  asOfText: string;
  period: PeriodName;
  allowReturns: boolean;
  /** The aggregation (`src/core/orderLog.ts`): entry i of {@link Customers} is its customer i. */
  log: OrderLogSummary;
  /** Per order row: 1 when it was counted (on or before the as-of date, a usable row). */
  countedRow: Uint8Array;
}

/** Where the customers came from (and so where their results go). One kind per source. */
export type CustomerSource = CustomerTableSource | OrderLogSource;

/**
 * Each customer's purchase history, per entry of {@link Customers}, where the source knows it (an
 * order log): the purchase days the retention block reads, the as-of day and period unit, and the
 * purchases after the as-of date for a model's holdout check.
 */
export interface CustomerHistory extends PurchaseHistory {
  period: PeriodName;
  /** Distinct purchase days after the as-of day (holdout purchases), per entry. */
  holdoutPurchases?: Float64Array;
  /** Sum of the amounts after the as-of day, per entry. */
  holdoutValue?: Float64Array;
  /** From the as-of day to the last order day, in periods; absent when no order is after the as-of day. */
  holdoutPeriods?: number;
}

/** The customers a method scores: one entry per customer in every column. */
export interface Customers {
  /** Entries per column. */
  count: number;
  /** The cells of each role that was read, one per entry. */
  cells: Partial<Record<Role, readonly CellValue[]>>;
  /** 1 for entries that are customers; 0 for rows that are not (a totals row). */
  included: Uint8Array;
  /** What the user should read about rows left out here. */
  notes: string[];
  /**
   * The Excel row number (1-based) that names entry i in messages; given a role, the row its cell of
   * that role came from (an order log's per-customer columns are read from one order row).
   */
  excelRow(i: number, role?: Role): number;
  source: CustomerSource;
  /** Purchase histories, from an order log; absent for a customer table. */
  history?: CustomerHistory;
}

/** The Excel row number (1-based) of data row `index` (0-based) of the table. */
export function excelRowOf(table: TableInfo, index: number): number {
  return table.headerRow + 2 + index;
}

/** How messages name a role's column of the source: `column C "Revenue" (value)`. */
export function columnRefOf(
  source: Pick<CustomerSource, "table" | "headers" | "mapping">,
  role: Role,
): ColumnRef {
  const column = source.mapping[role] ?? 0;
  return {
    letter: columnLetters(source.table.firstColumn + column),
    header: source.headers[column] ?? "",
    role,
  };
}

/**
 * The customers of a customer table: every data row, less a totals row at the end of a plain range
 * (an Excel table keeps its totals row out of its data rows already). The totals row needs the
 * last customer cells (its label) and the value column (the sum it must hold). O(rows).
 */
export function customersOfTable(read: TableRead): Customers {
  const { table, headers, mapping, cells, lastLabels } = read;
  const included = new Uint8Array(table.rowCount).fill(1);
  const notes: string[] = [];
  let totalsRows = 0;
  const value = cells.value;
  if (lastLabels && value) {
    const found = trailingTotalsRows(lastLabels, toNumbers(value).values);
    totalsRows = found.rows;
    const first = table.rowCount - totalsRows;
    for (let i = first; i < table.rowCount; i++) included[i] = 0;
    if (totalsRows > 0) {
      const names = lastLabels
        .slice(lastLabels.length - totalsRows)
        .map((label, k) => `row ${excelRowOf(table, first + k)} ("${String(label).trim()}")`);
      notes.push(
        `${names.join(" and ")} ${totalsRows === 1 ? "holds" : "hold"} the sum of "${headers[mapping.value as number]}" (${formatSum(found.sum)}) ` +
          `and ${totalsRows === 1 ? "was" : "were"} left out as a totals row, not a customer.`,
      );
    }
  }
  return {
    count: table.rowCount,
    cells,
    included,
    notes,
    excelRow: (i) => excelRowOf(table, i),
    source: { kind: "customer-table", table, headers, mapping, totalsRows },
  };
}

function formatSum(sum: number): string {
  return sum.toLocaleString("en-US", { maximumFractionDigits: 2 });
}
