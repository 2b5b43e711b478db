/**
 * CX.CUSTOMERVALUE: Kotler's customer delivered value per customer.
 *
 * - `"net"` (Kotler): total customer benefit − total customer cost, where benefits are product,
 *   service, personnel and image value and costs are money, time, energy and psychic cost.
 * - `"ratio"` (Ravald & Grönroos, 1996): total benefit / total cost.
 *
 * One row per customer; each argument may have any number of component columns, blank = 0.
 * Excel's order inside: check the arguments, then per row pass incoming errors through, check the
 * cells, compute. O(n · (columns of benefits + columns of costs)).
 *
 * @example
 * customerValue([[80, 20, 10, 5]], [[40, 5, 3, 2]])          // => [65]   (115 − 50)
 * customerValue([[80, 20, 10, 5]], [[40, 5, 3, 2]], "ratio") // => [2.3]  (115 / 50)
 */
import { CellValue, customerCount, Grid, parameters, readChoice, rowAt, RowResult, sumRow } from "./args";
import { CoreError, isCoreError, Result } from "./errors";
import { messages } from "./messages";

export function customerValue(
  benefits: Grid,
  costs: Grid,
  method: CellValue = null,
): Result<RowResult<number>[]> {
  const chosen = readChoice(method, parameters.method);
  if (isCoreError(chosen)) return chosen;
  const args = [
    { name: "benefits", grid: benefits },
    { name: "costs", grid: costs },
  ];
  const n = customerCount(args);
  if (isCoreError(n)) return n;
  // A row is blank when the arguments with a row per customer are blank in it (see blankDeciders).
  const benefitsDecide = benefits.length === n || costs.length !== n;
  const costsDecide = costs.length === n || benefits.length !== n;
  const results: RowResult<number>[] = new Array<RowResult<number>>(n);
  for (let i = 0; i < n; i++) {
    const benefit = sumRow(rowAt(benefits, i), "benefits", benefits.length === 1 ? 1 : i + 1);
    const cost = sumRow(rowAt(costs, i), "costs", costs.length === 1 ? 1 : i + 1);
    if ((benefit === null || !benefitsDecide) && (cost === null || !costsDecide)) results[i] = "";
    else if (benefit instanceof CoreError) results[i] = benefit;
    else if (cost instanceof CoreError) results[i] = cost;
    else if (chosen === "net") results[i] = (benefit ?? 0) - (cost ?? 0);
    else results[i] = !cost ? messages.zeroCost(i + 1) : (benefit ?? 0) / cost;
  }
  return results;
}
