/**
 * The one catalogue of error messages (as HyperFormula's `error-message.ts`). Every message names
 * the argument and, where it is about one customer, the row — 1-based and relative to the argument
 * ("row 3 of benefits"), because a custom function does not know sheet addresses — and says what to
 * change. Functions build their {@link CoreError}s only through the helpers below, so the wording
 * stays consistent and is tested in one place (test/core/messages.test.ts renders every message).
 *
 * Each message is one English sentence ending with a full stop. It starts with a capital letter,
 * except where it starts with an argument's name as Excel shows it (`value_cut holds …`): those
 * names are lower case in Excel's own help, and capitalising them would misname the argument.
 */
import { isBlank } from "./blank";
import { CoreError, ErrorKind } from "./errors";
import type { OrderProblemKind } from "./orderLog";

/** "row 3 of benefits" or, for an argument with several columns, "row 3, column 2 of benefits". */
export function cellName(argument: string, row: number, column: number, columns: number): string {
  return columns > 1 ? `row ${row}, column ${column} of ${argument}` : `row ${row} of ${argument}`;
}

/**
 * The subject at the start of a sentence: an argument's bare name (`value_cut`, `weights`) as Excel
 * writes it; anything else ("row 3 of benefits", "weight 2") with a capital first letter.
 */
function subject(text: string): string {
  return /^[a-z][a-z_]*$/.test(text) ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

/** A number as Excel's General format writes it in a message: 1E+308 rather than JavaScript's 1e+308. */
function numberText(value: number): string {
  return String(value).replace("e", "E");
}

function describe(value: unknown): string {
  if (typeof value === "string")
    return `the text "${value.length > 40 ? value.slice(0, 37) + "..." : value}"`;
  if (typeof value === "boolean") return `the logical value ${value ? "TRUE" : "FALSE"}`;
  if (typeof value === "number") return `the number ${numberText(value)}`;
  return "a value of another kind (neither a number, nor text, nor a logical value)";
}

/** " (the other function's message)" for an incoming error, without its own full stop; "" when it has none. */
function detailOf(detail: string): string {
  const trimmed = detail.trim().replace(/\.$/, "");
  return trimmed ? ` (${trimmed})` : "";
}

const oneRowHint = "a single row is used for every customer";

/** The largest number a formula can produce in Excel (Excel's specifications: 1.7976931348623158E+308). */
const LARGEST = "1.8E+308";

export const messages = {
  rowCountMismatch(first: string, firstRows: number, other: string, otherRows: number): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${subject(first)} has ${firstRows} rows but ${other} has ${otherRows}: give them the same number of rows (${oneRowHint}).`,
    );
  },

  columnCountMismatch(first: string, firstColumns: number, other: string, otherColumns: number): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${subject(first)} has ${firstColumns} columns but ${other} has ${otherColumns}: rate the same factors, in the same order, in both.`,
    );
  },

  notOneColumn(argument: string, columns: number): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${subject(argument)} must be one column, but it has ${columns}: select a single column.`,
    );
  },

  /** A range argument without a single cell (a caller passed `[]` or `[[]]`; Excel never does). */
  emptyRange(argument: string): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${subject(argument)} has no cells: select the cells that hold the customers' values.`,
    );
  },

  /** A scalar argument given a range of several cells. */
  notOneCell(parameter: string, cells: number): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${subject(parameter)} is a range of ${cells} cells, but it must be a single value: select one cell or type the value.`,
    );
  },

  notANumber(where: string, value: unknown): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${subject(where)} holds ${describe(value)} where a number is needed: type a number or clear the cell.`,
    );
  },

  notFinite(where: string): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${subject(where)} is not a finite number: replace it with an ordinary number.`,
    );
  },

  blankInPartialRow(where: string): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${subject(where)} is blank while the rest of its row is filled: type the missing number, or clear the whole row to skip this customer.`,
    );
  },

  /** An error cell among a customer's inputs: that customer's result is the same error. */
  incomingError(where: string, kind: ErrorKind, detail: string): CoreError {
    return new CoreError(
      kind,
      `${subject(where)} holds the error ${kind}${detailOf(detail)}: fix that cell and this result follows.`,
    );
  },

  /** An error value given for an option (value_cut, method, a weight, a label, top): passed through. */
  errorInArgument(where: string, kind: ErrorKind, detail: string): CoreError {
    return new CoreError(
      kind,
      `${subject(where)} holds the error ${kind}${detailOf(detail)}: fix the cell it comes from, or give a value instead.`,
    );
  },

  /** A customer's result beyond Excel's number range: `#NUM!`, as Excel gives for =1E+308*10. */
  resultOutOfRange(result: string, inputs: string): CoreError {
    return new CoreError(
      ErrorKind.Num,
      `${subject(result)} is beyond the largest number Excel can calculate with (about ${LARGEST}): check ${inputs}.`,
    );
  },

  negativeValue(where: string, value: number): CoreError {
    return new CoreError(
      ErrorKind.Num,
      `${subject(where)} is ${numberText(value)}: customer values must not be negative; correct it or leave it out of the range.`,
    );
  },

  zeroTotal(argument: string): CoreError {
    return new CoreError(
      ErrorKind.DivByZero,
      `The numbers in ${argument} add up to 0, so no share can be computed: include customers with a positive value.`,
    );
  },

  zeroCost(row: number): CoreError {
    return new CoreError(
      ErrorKind.DivByZero,
      `The costs in row ${row} add up to 0, so the ratio benefits / costs has no value: enter the costs or use the "net" method.`,
    );
  },

  unknownChoice(parameter: string, given: unknown, valid: readonly string[]): CoreError {
    const list = valid.map((name) => `"${name}"`).join(" or ");
    if (typeof given === "string") {
      return new CoreError(ErrorKind.Value, `${subject(parameter)} "${given}" is not known: use ${list}.`);
    }
    return new CoreError(
      ErrorKind.Value,
      `${subject(parameter)} holds ${describe(given)}, but it must be ${list}.`,
    );
  },

  /** `rule` is a noun phrase that follows "must be": "a fraction greater than 0 and at most 1". */
  outOfRange(parameter: string, given: number, rule: string): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${subject(parameter)} is ${numberText(given)}, but it must be ${rule}.`,
    );
  },

  /** `rule` as in {@link messages.outOfRange}: "a number", "zero or more rating points". */
  optionNotANumber(parameter: string, given: unknown, rule: string): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${subject(parameter)} holds ${describe(given)}, but it must be ${rule}.`,
    );
  },

  weightsCount(given: number, factors: number): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `weights has ${given} cells but the ratings have ${factors} factors: give one weight per factor, in the same order.`,
    );
  },

  weightBlank(position: number): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `Weight ${position} is blank: type its importance (0 leaves the factor out).`,
    );
  },

  weightNegative(position: number, value: number): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `Weight ${position} is ${numberText(value)}: importances must be zero or positive.`,
    );
  },

  weightsAllZero(): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `All weights are 0, so no factor counts: give at least one factor a positive importance.`,
    );
  },

  cutNeeded(parameter: string): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `With a single customer the median is that customer itself: type ${parameter} to compare against.`,
    );
  },

  labelsCount(given: number): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `labels has ${given} cells: give exactly 4, in the order Strategic, Profit, Potential, Ordinary.`,
    );
  },

  labelBlank(position: number): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `Label ${position} is blank: type a name for it (the order is Strategic, Profit, Potential, Ordinary).`,
    );
  },

  // ── Retention economics and order logs (CX.LIFETIMEVALUE, CX.RETENTIONLIFT, CX.CUSTOMERS) ──

  retentionOutOfRange(where: string, value: number): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${subject(where)} is ${String(value)}, but retention must be at least 0 and below 1 (0.8 for 80 % of customers kept from one period to the next); exactly 1 only with periods.`,
    );
  },

  retentionOneWithoutPeriods(where: string): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${subject(where)} is 1: a customer who is never lost has no end to their value without a horizon; give periods, or a retention below 1.`,
    );
  },

  discountNegative(where: string, value: number): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${subject(where)} is ${String(value)}, but the discount rate must be 0 or more (0.1 for 10 % per period).`,
    );
  },

  periodsNotWhole(where: string, value: number): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${subject(where)} is ${String(value)}, but periods must be a positive whole number (3 for three periods); leave it empty for no horizon.`,
    );
  },

  churnCutTooLarge(where: string, retention: number, cut: number, withPeriods: boolean): CoreError {
    const lifted = retention + cut;
    const limit = withPeriods ? "above 1" : "to 1 or more";
    return new CoreError(
      ErrorKind.Value,
      `${subject(where)}: a churn cut of ${String(cut)} pushes retention ${String(retention)} ${limit} (${String(lifted)}); use a smaller churn_cut${withPeriods ? "" : ", or give periods"}.`,
    );
  },

  churnCutBelowZero(where: string, retention: number, cut: number): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${subject(where)}: a churn cut of ${String(cut)} pushes retention ${String(retention)} below 0; use a churn_cut of ${String(-retention)} or more.`,
    );
  },

  liftOfZeroValue(where: string): CoreError {
    return new CoreError(
      ErrorKind.DivByZero,
      `${subject(where)}: with retention 0 and timing "end" the lifetime value is 0, so its relative rise has no value; use a retention above 0, or timing "start".`,
    );
  },

  broadcastColumnsMismatch(
    first: string,
    firstColumns: number,
    other: string,
    otherColumns: number,
  ): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${subject(first)} has ${firstColumns} columns but ${other} has ${otherColumns}: give them the same number of columns (a single column is used for every column).`,
    );
  },

  orderColumnsMismatch(first: string, firstRows: number, other: string, otherRows: number): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${subject(first)} has ${firstRows} rows but ${other} has ${otherRows}: select the same rows of the order log in every column (one row per order).`,
    );
  },

  notADateParameter(parameter: string, value: unknown): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${subject(parameter)} holds ${describeCell(value)}, which is not a date: type a date (or yyyy-mm-dd text), or leave it empty for today.`,
    );
  },

  notALogical(parameter: string, value: unknown): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${subject(parameter)} holds ${describeCell(value)}, but it must be TRUE or FALSE (or empty for FALSE).`,
    );
  },

  orderRowCountNeeded(): CoreError {
    return new CoreError(
      ErrorKind.Value,
      "The order log needs a row count when its columns are read from a cell store.",
    );
  },

  orderRowMaskTooShort(entries: number, rows: number): CoreError {
    return new CoreError(ErrorKind.Value, `The row selection has ${entries} entries for ${rows} order rows.`);
  },

  /**
   * One bad order row in the words of a worksheet function or the pane: `where` names the cell
   * ("row 5 of dates"), `allowReturns` says how to allow returns on that surface.
   */
  orderProblem(where: string, kind: OrderProblemKind, value: unknown, allowReturns: string): CoreError {
    const cell = describeCell(value);
    const text: Record<OrderProblemKind, string> = {
      noCustomer: `${subject(where)} is blank: type the customer of this order, or clear the whole row.`,
      customerNotAKey: `${subject(where)} holds ${cell}, which cannot name a customer: type the customer's name or number.`,
      noDate: `${subject(where)} is blank: type the date of this order.`,
      notADate: `${subject(where)} holds ${cell}, which is not a date: type a date (a date cell or yyyy-mm-dd text).`,
      dateBefore1900: `${subject(where)} holds ${cell}, a date before 1900-01-01, where Excel's dates begin: correct the date.`,
      noAmount: `${subject(where)} is blank: type the amount of this order (0 for a free order).`,
      notAnAmount: `${subject(where)} holds ${cell} where an amount is needed: type a number.`,
      negativeAmount: `${subject(where)} is ${cell}: a negative amount is a return; ${allowReturns}, or correct the amount.`,
      noQuantity: `${subject(where)} is blank: type the quantity of this order.`,
      notAQuantity: `${subject(where)} holds ${cell} where a quantity is needed: type a number.`,
      negativeQuantity: `${subject(where)} is ${cell}: a negative quantity is a return; ${allowReturns}, or correct the quantity.`,
    };
    return new CoreError(ErrorKind.Value, text[kind]);
  },

  /** Several bad order rows as one error: the first in full, then how many more and which rows. */
  orderProblems(first: CoreError, moreRows: readonly number[], moreCount: number): CoreError {
    if (moreCount === 0) return first;
    const listed = moreRows.join(", ");
    const rest = moreCount > moreRows.length ? `, and ${moreCount - moreRows.length} more` : "";
    const rows = moreCount === 1 ? "row" : "rows";
    return new CoreError(
      ErrorKind.Value,
      `${first.message} ${moreCount} more order ${rows} cannot be used either (${rows} ${listed}${rest}).`,
    );
  },

  noOrdersByAsOf(after: number, asOf: string): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `All ${after} orders are dated after as_of (${asOf}), so no customer has bought yet: choose a later as_of, or leave it empty for today.`,
    );
  },
} as const;

/** A cell in words, error cells included ("the error #N/A"). */
function describeCell(value: unknown): string {
  if (value instanceof CoreError) return `the error ${value.kind}`;
  return describe(value);
}

// ---- Lifetime value (BG/NBD, Gamma-Gamma, CLV): CX.BGNBDFIT, CX.PALIVE, CX.EXPECTEDPURCHASES,
// CX.GAMMAGAMMAFIT, CX.EXPECTEDSPEND, CX.CLV and the core models behind them. Column names come in
// as arguments, so the pane can use its own headers.

/** The names of the three history columns in messages. */
interface HistoryColumnNames {
  readonly frequency: string;
  readonly recency: string;
  readonly age: string;
}

/** Why one customer's history is impossible (the codes of core/purchaseHistory.ts). */
type HistoryProblemCode =
  | "notFinite"
  | "frequencyNegative"
  | "frequencyNotWhole"
  | "recencyNegative"
  | "ageNegative"
  | "recencyAfterAge"
  | "recencyWithoutRepeat";

const tryPenalty =
  "try a small penalty (for example 0.001, the penalty argument; lifetimes calls it penalizer_coef), or check the histories";

export const lifetimeValueMessages = {
  historyProblem(
    row: number,
    problem: HistoryProblemCode,
    names: HistoryColumnNames,
    x: number,
    tx: number,
    T: number,
  ): CoreError {
    const at = `Row ${row}`;
    const text: Record<HistoryProblemCode, string> = {
      notFinite: `${at}: ${names.frequency}, ${names.recency} and ${names.age} must be ordinary numbers.`,
      frequencyNegative: `${at}: ${names.frequency} is ${String(x)}, but a number of repeat purchases cannot be negative.`,
      frequencyNotWhole: `${at}: ${names.frequency} is ${String(x)}, but repeat purchases are counted in whole purchases (purchase days after the first).`,
      recencyNegative: `${at}: ${names.recency} is ${String(tx)}, but the time from the first to the last purchase cannot be negative.`,
      ageNegative: `${at}: ${names.age} is ${String(T)}, but the time since the first purchase cannot be negative.`,
      recencyAfterAge: `${at}: ${names.recency} (${String(tx)}) is larger than ${names.age} (${String(T)}): the last purchase cannot come after the end of observation; measure both from the first purchase, in the same period unit.`,
      recencyWithoutRepeat: `${at}: ${names.recency} is ${String(tx)} but ${names.frequency} is 0: with no repeat purchase the last purchase is the first, so ${names.recency} must be 0.`,
    };
    return new CoreError(ErrorKind.Value, text[problem]);
  },

  historyLengths(names: HistoryColumnNames, x: number, tx: number, T: number): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${names.frequency}, ${names.recency} and ${names.age} have ${x}, ${tx} and ${T} entries: give one of each per customer.`,
    );
  },

  noCustomers(): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `There are no customers to fit: give at least two customers' histories.`,
    );
  },

  singleCustomer(): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `A single customer cannot identify the model's parameters: give the histories of all customers (whole columns).`,
    );
  },

  noRepeatPurchases(frequency: string): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `No customer has a repeat purchase (every ${frequency} is 0), so nothing shows how often customers buy or when they stop: the model needs customers who bought more than once.`,
    );
  },

  noTimeObserved(age: string): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `Every ${age} is 0, so no customer has been observed for any time: measure ${age} from the first purchase to the as-of date.`,
    );
  },

  identicalHistories(customers: number): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `All ${customers} customers have the same history, which cannot separate the model's parameters: give the histories of customers who differ.`,
    );
  },

  tooFewRepeatCustomers(customers: number, frequency: string): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `Only ${customers} customer${customers === 1 ? " has" : "s have"} a repeat purchase (${frequency} above 0): the spend model is fitted on repeat customers and needs at least two with different histories.`,
    );
  },

  spendNotPositive(row: number, averageValue: string, value: number): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `Row ${row}: ${averageValue} is ${String(value)}, but a repeat customer's average purchase value must be greater than 0 for the spend model.`,
    );
  },

  spendNegative(row: number, averageValue: string, value: number): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `Row ${row}: ${averageValue} is ${String(value)}, but an average purchase value cannot be negative.`,
    );
  },

  spendLengths(frequency: number, averageValue: number): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `frequency has ${frequency} entries but average_value has ${averageValue}: give one of each per customer.`,
    );
  },

  spendMeanUndefined(q: number): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `The spend model's q is ${String(q)}, but the expected average value exists only when q is greater than 1 (the mean of the Gamma-Gamma spend is vp/(q−1)): refit with more repeat customers or a penalty.`,
    );
  },

  fitConverged(iterations: number, starts: number, withErrors: boolean): string {
    const from = starts === 1 ? "" : ` (from the second start, ${starts} starts)`;
    const errors = withErrors
      ? ""
      : "; standard errors are unavailable because the Hessian is not positive definite there";
    return `Converged after ${iterations} iterations${from}${errors}.`;
  },

  fitNotConverged(model: string, stop: string, parameter: string, starts: number): CoreError {
    const why: Record<string, string> = {
      runsOff: `parameter ${parameter} runs off towards 0 or infinity, which means the data cannot pin it down`,
      flat: parameter
        ? `the likelihood is almost flat in parameter ${parameter} (its standard error is over 1,000 times its value), so the data cannot pin it down`
        : `the likelihood is flat or curved the wrong way where the optimiser stopped (its Hessian is not positive definite), so that point is not a proper maximum`,
      iterations: `the iteration limit was reached`,
      lineSearch: `no step improved the likelihood any further (precision loss)`,
      notFinite: `the likelihood is not finite at the start`,
      boundary: `a parameter ran off towards 0 or infinity`,
    };
    return new CoreError(
      ErrorKind.Num,
      `The ${model} fit did not converge from ${starts} start${starts === 1 ? "" : "s"}: ${why[stop] ?? stop}; ${tryPenalty}.`,
    );
  },

  /** A fit's not-converged report as the #NUM! error a worksheet function returns. */
  notConverged(message: string): CoreError {
    return new CoreError(ErrorKind.Num, message);
  },

  parametersCount(
    argument: string,
    expected: readonly string[],
    given: number,
    fitFunction: string,
  ): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${argument} has ${given} cell${given === 1 ? "" : "s"}: give the ${expected.length} cells ${expected.join(", ")} that ${fitFunction} returns, in that order.`,
    );
  },

  parameterNotPositive(argument: string, name: string, value: unknown): CoreError {
    const shown = typeof value === "number" ? String(value) : isBlank(value) ? "blank" : `"${String(value)}"`;
    return new CoreError(
      ErrorKind.Value,
      `${argument}: ${name} is ${shown}, but every model parameter must be a number greater than 0 (the cells of a fit).`,
    );
  },

  seriesNotConverged(what: string, row: number): CoreError {
    return new CoreError(
      ErrorKind.Num,
      `Row ${row}: the series for ${what} did not converge (the horizon is very long compared with the customer's age and alpha): use a shorter horizon or a coarser period unit.`,
    );
  },
} as const;
