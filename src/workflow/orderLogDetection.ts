/**
 * Whether a table looks like an order log (one row per order) rather than a customer table: its
 * headers map to a customer, an order date and an amount (`detectOrderMapping`), and a customer
 * appears on more than one of the first rows — a customer table names each customer once. The pane
 * pre-selects "One row per order" on it; the runner reads the table as an order log (`--orders`)
 * and says why in a note. O(sampled rows).
 */
import { isBlank } from "../core/blank";
import type { CellValue } from "../workbook/workbook";
import type { ColumnMapping } from "./types";

/** How many first data rows are looked at for a repeated customer. */
export const ORDER_LOG_SAMPLE_ROWS = 1000;

/** The verdict and its reason, worded for a note ("…: customer "C1" is on rows 2 and 4."). */
export interface OrderLogGuess {
  likely: boolean;
  reason: string;
}

/**
 * @param orderMapping the order-log mapping guessed from the headers
 * @param customerCells the first data rows' cells of that mapping's customer column
 * @param firstDataRow the Excel row number of the first data row (for the reason)
 * @example
 * looksLikeOrderLog({ ...emptyMapping(), customer: 0, orderDate: 1, value: 2 }, ["C1", "C2", "C1"], 2)
 * // => { likely: true, reason: 'customer "C1" is on rows 2 and 4' }
 */
export function looksLikeOrderLog(
  orderMapping: ColumnMapping,
  customerCells: readonly CellValue[],
  firstDataRow: number,
): OrderLogGuess {
  if (orderMapping.customer === null || orderMapping.orderDate === null || orderMapping.value === null) {
    return { likely: false, reason: "no customer, order date and amount columns were recognised" };
  }
  const firstRowOf = new Map<CellValue, number>();
  for (let i = 0; i < customerCells.length; i++) {
    const key = customerCells[i];
    if (isBlank(key)) continue;
    const seen = firstRowOf.get(key);
    if (seen !== undefined) {
      return {
        likely: true,
        reason: `customer ${typeof key === "string" ? `"${key}"` : String(key)} is on rows ${firstDataRow + seen} and ${firstDataRow + i}`,
      };
    }
    firstRowOf.set(key, i);
  }
  return { likely: false, reason: `no customer repeats in the first ${customerCells.length} rows` };
}
