/**
 * Stage between `read` and `score`: which rows are the customers the methods see. This is the seam
 * where the source of the customer table is decided.
 *
 * Today there is one source, a customer table (one row per customer): every data row is a customer,
 * except a totals row under a plain range (`src/core/totalsRow.ts`), which is left out with a note.
 * An order log (one row per order, the next issue) slots in here as a second source that turns the
 * order rows `read` gave it into one entry per customer (its own stage, `customersOfOrders`), with a
 * {@link CustomerSource} of its own kind telling `planWrites` where the results go (a new sheet of
 * customers, and each order row's segment). `score` only sees {@link Customers}, and never asks
 * which source it came from.
 */
import { columnLetters } from "../../core/a1";
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

/** Where the customers came from (and so where their results go). One kind per source. */
export type CustomerSource = CustomerTableSource;

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
  /** The Excel row number (1-based) that names entry i in messages. */
  excelRow(i: number): number;
  source: CustomerSource;
}

/** The Excel row number (1-based) of data row `index` (0-based) of the table. */
export function excelRowOf(table: TableInfo, index: number): number {
  return table.headerRow + 2 + index;
}

/** How messages name a role's column of the source: `column C "Revenue" (value)`. */
export function columnRefOf(source: CustomerSource, role: Role): ColumnRef {
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
