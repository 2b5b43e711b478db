/**
 * CX.CUSTOMERVALUE: Kotler's customer delivered value per customer.
 *
 * - `"net"` (Kotler): total customer benefit − total customer cost, where benefits are product,
 *   service, personnel and image value and costs are money, time, energy and psychic cost.
 * - `"ratio"` (Ravald & Grönroos, 1996): total benefit / total cost.
 *
 * One row per customer; each argument may have any number of component columns, blank = 0.
 * Excel's order inside: check the arguments, then per row pass incoming errors through, check the
 * cells, compute. A result beyond the double range (Excel's largest number is about 1.8E+308) is
 * `#NUM!` in that row, as Excel gives for `=1E+308*10`; partial sums that overflow while the true
 * result does not (1E+308 + 1E+308 − 1E+308) are summed again exactly enough ({@link WideSum}).
 *
 * O(n · (columns of benefits + columns of costs)); the common row (finite numbers only) takes one
 * fast pass without allocation, the results land in a Float64Array.
 *
 * @example
 * resultList(customerValue([[80, 20, 10, 5]], [[40, 5, 3, 2]]))          // => [65]   (115 − 50)
 * resultList(customerValue([[80, 20, 10, 5]], [[40, 5, 3, 2]], "ratio")) // => [2.3]  (115 / 50)
 */
import { CellValue, customerCount, Grid, parameters, readChoice, rowAt, sumRow } from "./args";
import { NumberResults } from "./customerResults";
import { CoreError, isCoreError, Result } from "./errors";
import { messages } from "./messages";
import { WideSum } from "./wideSum";

export function customerValue(benefits: Grid, costs: Grid, method: CellValue = null): Result<NumberResults> {
  const chosen = readChoice(method, parameters.method);
  if (isCoreError(chosen)) return chosen;
  const args = [
    { name: "benefits", grid: benefits },
    { name: "costs", grid: costs },
  ];
  const n = customerCount(args);
  if (isCoreError(n)) return n;
  const errors = new Map<number, CoreError>();
  const rows: CustomerRows = {
    benefits,
    costs,
    // A row is blank when the arguments with a row per customer are blank in it (see blankDeciders).
    benefitsDecide: benefits.length === n || costs.length !== n,
    costsDecide: costs.length === n || benefits.length !== n,
  };
  return { kind: "numbers", numbers: values(rows, n, chosen === "ratio", errors), errors };
}

/**
 * The value of every customer (NaN for a blank or an error row, the error put in `errors`). The hot
 * loop lives in its own small function so that V8 optimises it whole (see satisfaction.ts).
 */
function values(rows: CustomerRows, n: number, ratio: boolean, errors: Map<number, CoreError>): Float64Array {
  const { benefits, costs } = rows;
  const numbers = new Float64Array(n);
  // rowAt's broadcast, decided once: no call into another module per row.
  const benefitsStep = benefits.length === 1 ? 0 : 1;
  const costsStep = costs.length === 1 ? 0 : 1;
  for (let i = 0; i < n; i++) {
    const benefit = plainSum(benefits[i * benefitsStep]);
    const cost = plainSum(costs[i * costsStep]);
    const result = ratio ? benefit / cost : benefit - cost;
    // NaN for a blank, text, error or non-finite cell; ±Infinity (or NaN) for an overflow or a zero
    // cost. A cost total that overflowed would make a ratio 0: that row takes the slow path too.
    if (result - result === 0 && cost - cost === 0) numbers[i] = result;
    else {
      const slow = slowRow(rows, i, ratio);
      if (slow instanceof CoreError) {
        numbers[i] = NaN;
        errors.set(i, slow);
      } else numbers[i] = slow;
    }
  }
  return numbers;
}

interface CustomerRows {
  readonly benefits: Grid;
  readonly costs: Grid;
  readonly benefitsDecide: boolean;
  readonly costsDecide: boolean;
}

/** Σ of a row of finite numbers; NaN as soon as a cell is anything else (the slow path decides). */
function plainSum(row: readonly CellValue[]): number {
  let sum = 0;
  for (let c = 0; c < row.length; c++) {
    const cell = row[c];
    if (typeof cell !== "number") return NaN;
    sum += cell;
  }
  // A NaN or ±Infinity cell, or an overflow, leaves a non-finite sum: the slow path tells them apart.
  return row.length === 0 ? NaN : sum;
}

/**
 * A row the fast path could not finish: blank (NaN), an error, a zero cost, or sums beyond the
 * double range. Returns the result, NaN for a blank row, or the row's error.
 */
function slowRow(rows: CustomerRows, i: number, ratio: boolean): number | CoreError {
  const { benefits, costs } = rows;
  const benefit = sumRow(rowAt(benefits, i), "benefits", benefits.length === 1 ? 1 : i + 1);
  const cost = sumRow(rowAt(costs, i), "costs", costs.length === 1 ? 1 : i + 1);
  if ((benefit === null || !rows.benefitsDecide) && (cost === null || !rows.costsDecide)) return NaN;
  if (benefit instanceof CoreError) return benefit;
  if (cost instanceof CoreError) return cost;
  const b = benefit ?? 0;
  const c = cost ?? 0;
  const plain = ratio ? b / c : b - c;
  if (Number.isFinite(b) && Number.isFinite(c)) {
    if (ratio && c === 0) return messages.zeroCost(i + 1);
    if (Number.isFinite(plain)) return plain;
  }
  // Some sum left the double range: add the components again, wide.
  let result: number;
  if (ratio) {
    const wideBenefit = wideRowSum(rowAt(benefits, i), 1);
    const wideCost = wideRowSum(rowAt(costs, i), 1);
    const totalBenefit = wideBenefit.value();
    const totalCost = wideCost.value();
    if (totalCost === 0) return messages.zeroCost(i + 1);
    // A total beyond the range: both scaled by the same power of two, which cancels in the quotient
    // (a tiny total may scale to 0 then: its quotient is beyond the range, or below it, either way).
    result =
      Number.isFinite(totalBenefit) && Number.isFinite(totalCost)
        ? totalBenefit / totalCost
        : wideBenefit.scaledValue() / wideCost.scaledValue();
  } else {
    const net = wideRowSum(rowAt(benefits, i), 1);
    wideRowSum(rowAt(costs, i), -1, net);
    result = net.value();
  }
  if (Number.isFinite(result)) return result;
  return messages.resultOutOfRange(
    `the ${ratio ? "ratio" : "net value"} of row ${i + 1}`,
    "the benefits and costs in that row",
  );
}

/**
 * Adds `sign` × each number of a row to a {@link WideSum} (blanks are 0; the caller has already
 * ruled out anything else). O(columns).
 */
function wideRowSum(row: readonly CellValue[], sign: 1 | -1, sum = new WideSum()): WideSum {
  for (let c = 0; c < row.length; c++) {
    const cell = row[c];
    if (typeof cell === "number") sum.add(sign * cell);
  }
  return sum;
}
