/**
 * The `CX Customers` sheet a run on an order log adds: the per-customer table of the log (the same
 * columns and numbers as CX.CUSTOMERS, `src/core/customerTable.ts`), the per-customer columns taken
 * from the log (strategic match, satisfaction) when mapped, then the method's result columns
 * (segment, scores, …), one row per customer. First and last purchase are Excel serials with a date
 * format. Pure: it builds a {@link SheetContent}; the workbook writes it. O(customers · columns).
 */
import { customerTableRows } from "../core/customerTable";
import type { OrderLogSummary } from "../core/orderLog";
import type { CellValue, NewColumn, SheetContent } from "../workbook/workbook";
import { uniqueName } from "./names";

/** Base name of the customer sheet; "CX Customers 2", … when taken. */
export const CUSTOMER_SHEET_NAME = "CX Customers";

/** A per-customer column from the log itself (its header as in the log). */
export interface LogColumn {
  header: string;
  values: readonly CellValue[];
}

/**
 * @param name the sheet's (unique) name
 * @param log the aggregation: row c + 1 is its customer c
 * @param fromLog per-customer columns of the log (match, satisfaction), one value per customer
 * @param results the method's columns, one value per customer (headers made unique here)
 */
export function buildCustomerSheet(
  name: string,
  log: OrderLogSummary,
  fromLog: readonly LogColumn[],
  results: readonly NewColumn[],
): SheetContent {
  const table = customerTableRows(log);
  const width = table[0].length;
  const taken = new Set(table[0].map((h) => String(h).toLowerCase()));
  const extra: (LogColumn & { numberFormat?: string })[] = fromLog.map((c) => ({
    ...c,
    header: uniqueName(c.header, taken),
  }));
  for (const column of results) {
    if (column.values === undefined) continue; // an order log's results are always values
    extra.push({
      header: uniqueName(column.header, taken),
      values: column.values,
      numberFormat: column.numberFormat,
    });
  }
  const cells: CellValue[][] = table.map((row, r) => {
    const line: CellValue[] = row.map((cell) => (cell === "" ? null : cell));
    for (const column of extra) line.push(r === 0 ? column.header : (column.values[r - 1] ?? null));
    return line;
  });
  const numberFormats: NonNullable<SheetContent["numberFormats"]> = [];
  if (log.customerCount > 0) {
    const block = (column: number, columnCount: number) => ({
      sheet: name,
      row: 1,
      column,
      rowCount: log.customerCount,
      columnCount,
    });
    numberFormats.push({ block: block(1, 2), format: "yyyy-mm-dd" });
    numberFormats.push({ block: block(5, 2), format: "0.00" });
    numberFormats.push({ block: block(7, 2), format: "#,##0.00" });
    extra.forEach((column, k) => {
      if (column.numberFormat)
        numberFormats.push({ block: block(width + k, 1), format: column.numberFormat });
    });
  }
  return { name, kind: "customers", cells, numberFormats };
}
