/**
 * The per-customer table of an order log as cells: the result of CX.CUSTOMERS, and the rows the
 * pane and the runner write to the `CX Customers` sheet, so all three show the same numbers.
 *
 * Columns (headers exactly as written): Customer, First purchase, Last purchase, Purchases, Repeat
 * purchases, Recency (weeks), Age (weeks), Total value, Average repeat value — the unit in the
 * recency and age headers follows the period. Dates are Excel serials (whole days), so a date
 * format shows them; a customer without a repeat purchase has a blank average repeat value.
 * Definitions: {@link aggregateOrderLog}.
 *
 * @example
 * customerTableRows(aggregateOrderLog({ customers: ["A", "A"], dates: [45000, 45007],
 *   amounts: [10, 20], asOf: 45014 }) as OrderLogSummary)
 * // => [["Customer", "First purchase", …, "Average repeat value"],
 * //     ["A", 45000, 45007, 2, 1, 1, 2, 30, 20]]
 */
import { CellValue, columnCount, Grid, isBlank, readChoice } from "./args";
import { CoreError, isCoreError, Result } from "./errors";
import { isoToSerial, MAX_SERIAL_1900, serialToIso } from "./excelDate";
import { cellName, messages } from "./messages";
import {
  aggregateOrderLog,
  CustomerKey,
  OrderColumnName,
  orderProblemColumn,
  OrderLogSummary,
} from "./orderLog";
import { PeriodName, periodParameter, periodPlural } from "./purchasePeriod";

/** One cell of the table: a key, a number, a header, or "" (no repeat purchase). */
export type CustomerTableCell = CustomerKey | "";

/** The header row for a period. */
export function customerTableHeaders(period: PeriodName): string[] {
  const unit = periodPlural(period);
  return [
    "Customer",
    "First purchase",
    "Last purchase",
    "Purchases",
    "Repeat purchases",
    `Recency (${unit})`,
    `Age (${unit})`,
    "Total value",
    "Average repeat value",
  ];
}

/** The header row and one row per customer, in the summary's order. O(customers). */
export function customerTableRows(summary: OrderLogSummary): CustomerTableCell[][] {
  const rows: CustomerTableCell[][] = new Array<CustomerTableCell[]>(summary.customerCount + 1);
  rows[0] = customerTableHeaders(summary.period);
  for (let c = 0; c < summary.customerCount; c++) {
    const average = summary.averageRepeatValue[c];
    rows[c + 1] = [
      summary.customers[c],
      summary.firstPurchase[c],
      summary.lastPurchase[c],
      summary.purchases[c],
      summary.repeatPurchases[c],
      summary.recency[c],
      summary.age[c],
      summary.totalValue[c],
      Number.isNaN(average) ? "" : average,
    ];
  }
  return rows;
}

/** How many further bad rows a whole-call error lists by number. */
const LISTED_ROWS = 5;

const ARGUMENT_OF: Record<OrderColumnName, string> = {
  customer: "customers",
  date: "dates",
  amount: "amounts",
  quantity: "quantities",
};

/**
 * CX.CUSTOMERS over Excel's arguments. `customers`, `dates` and `amounts` are one column each with
 * the same rows (one row per order; all-blank rows are skipped). `asOf` blank → `today` (an Excel
 * serial the caller supplies); `period` blank → week; `returns` TRUE allows negative amounts.
 *
 * The result is one table, so a bad order row cannot be an error in "its" cell: any bad row makes
 * the whole call `#VALUE!`, the message explaining the first bad row in full and listing the next
 * ones by number. O(rows).
 */
export function customerTableFromCells(
  customers: Grid,
  dates: Grid,
  amounts: Grid,
  asOf: CellValue,
  period: CellValue,
  returns: CellValue,
  today: number,
): Result<CustomerTableCell[][]> {
  const columns = [
    { name: "customers", grid: customers },
    { name: "dates", grid: dates },
    { name: "amounts", grid: amounts },
  ];
  for (const column of columns) {
    const width = columnCount(column.grid);
    if (width > 1) return messages.notOneColumn(column.name, width);
  }
  for (const column of columns.slice(1)) {
    if (column.grid.length !== customers.length)
      return messages.orderColumnsMismatch("customers", customers.length, column.name, column.grid.length);
  }
  const asOfDay = readAsOf(asOf, today);
  if (isCoreError(asOfDay)) return asOfDay;
  const chosenPeriod = readChoice(period, periodParameter);
  if (isCoreError(chosenPeriod)) return chosenPeriod;
  const allowReturns = readLogical(returns, "returns");
  if (isCoreError(allowReturns)) return allowReturns;

  const summary = aggregateOrderLog({
    customers: columnReader(customers),
    dates: columnReader(dates),
    amounts: columnReader(amounts),
    rowCount: customers.length,
    asOf: asOfDay,
    period: chosenPeriod,
    allowReturns,
  });
  if (isCoreError(summary)) return summary;
  if (summary.problemCount > 0) return problemsError(summary);
  if (summary.customerCount === 0 && summary.rowsAfterAsOf > 0) {
    return messages.noOrdersByAsOf(summary.rowsAfterAsOf, serialToIso(asOfDay) ?? String(asOfDay));
  }
  return customerTableRows(summary);
}

/** A one-column grid read by row, without copying it. */
function columnReader(grid: Grid): { get(row: number): CellValue } {
  return { get: (row) => grid[row][0] };
}

/** The as-of day: blank → today; a date serial or yyyy-mm-dd text; anything else `#VALUE!`. */
function readAsOf(cell: CellValue, today: number): Result<number> {
  if (isBlank(cell)) return today;
  if (cell instanceof CoreError) return cell;
  const serial = typeof cell === "number" ? cell : typeof cell === "string" ? isoToSerial(cell) : null;
  if (serial === null || !Number.isFinite(serial) || serial < 1 || serial >= MAX_SERIAL_1900 + 1) {
    return messages.notADateParameter("as_of", cell);
  }
  return Math.floor(serial);
}

/** A TRUE/FALSE parameter: blank → FALSE; 1/0 as Excel coerces them; anything else `#VALUE!`. */
function readLogical(cell: CellValue, parameter: string): Result<boolean> {
  if (isBlank(cell)) return false;
  if (cell instanceof CoreError) return cell;
  if (typeof cell === "boolean") return cell;
  if (cell === 0 || cell === 1) return cell === 1;
  return messages.notALogical(parameter, cell);
}

/** The whole-call error for bad order rows: the first in full, then the next rows by number. */
function problemsError(summary: OrderLogSummary): CoreError {
  const [first, ...rest] = summary.problems;
  const argument = ARGUMENT_OF[orderProblemColumn(first.kind)];
  const firstError = messages.orderProblem(
    cellName(argument, first.row + 1, 1, 1),
    first.kind,
    first.value,
    "set returns to TRUE to allow returns",
  );
  const more = rest.slice(0, LISTED_ROWS).map((problem) => problem.row + 1);
  return messages.orderProblems(firstError, more, summary.problemCount - 1);
}
