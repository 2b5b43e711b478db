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
import { CoreError, ErrorKind } from "./errors";

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
} as const;
