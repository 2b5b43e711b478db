/**
 * The one catalogue of error messages (as HyperFormula's `error-message.ts`). Every message names
 * the argument and, where it is about one customer, the row — 1-based and relative to the argument
 * ("row 3 of benefits"), because a custom function does not know sheet addresses — and says what to
 * change. Functions build their {@link CoreError}s only through the helpers below, so the wording
 * stays consistent and is tested in one place.
 */
import { CoreError, ErrorKind } from "./errors";

/** "row 3 of benefits" or, for an argument with several columns, "row 3, column 2 of benefits". */
export function cellName(argument: string, row: number, column: number, columns: number): string {
  return columns > 1 ? `row ${row}, column ${column} of ${argument}` : `row ${row} of ${argument}`;
}

function describe(value: unknown): string {
  if (typeof value === "string")
    return `the text "${value.length > 40 ? value.slice(0, 37) + "..." : value}"`;
  if (typeof value === "boolean") return `the logical value ${value ? "TRUE" : "FALSE"}`;
  if (typeof value === "number") return `the number ${String(value)}`;
  return "a value that is not a number";
}

const oneRowHint = "a single row is used for every customer";

export const messages = {
  rowCountMismatch(first: string, firstRows: number, other: string, otherRows: number): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${first} has ${firstRows} rows but ${other} has ${otherRows}: give them the same number of rows (${oneRowHint}).`,
    );
  },

  columnCountMismatch(first: string, firstColumns: number, other: string, otherColumns: number): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${first} has ${firstColumns} columns but ${other} has ${otherColumns}: rate the same factors, in the same order, in both.`,
    );
  },

  notOneColumn(argument: string, columns: number): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${argument} must be one column, but it has ${columns}: select a single column.`,
    );
  },

  notANumber(where: string, value: unknown): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${where} holds ${describe(value)} where a number is needed: type a number or clear the cell.`,
    );
  },

  notFinite(where: string): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${where} is not a finite number: replace it with an ordinary number.`,
    );
  },

  blankInPartialRow(where: string): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${where} is blank while the rest of its row is filled: type the missing number, or clear the whole row to skip this customer.`,
    );
  },

  incomingError(where: string, kind: ErrorKind, detail: string): CoreError {
    const because = detail ? ` (${detail})` : "";
    return new CoreError(
      kind,
      `${where} holds the error ${kind}${because}: fix that cell and this result follows.`,
    );
  },

  negativeValue(where: string, value: number): CoreError {
    return new CoreError(
      ErrorKind.Num,
      `${where} is ${String(value)}: customer values must not be negative; correct it or leave it out of the range.`,
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
    return new CoreError(
      ErrorKind.Value,
      `${parameter} ${typeof given === "string" ? `"${given}"` : String(given)} is not known: use ${list}.`,
    );
  },

  outOfRange(parameter: string, given: number, rule: string): CoreError {
    return new CoreError(ErrorKind.Value, `${parameter} is ${String(given)}, but it must be ${rule}.`);
  },

  optionNotANumber(parameter: string, given: unknown, rule: string): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `${parameter} holds ${describe(given)}, but it must be a number ${rule}.`,
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
      `weight ${position} is blank: type its importance (0 leaves the factor out).`,
    );
  },

  weightNegative(position: number, value: number): CoreError {
    return new CoreError(
      ErrorKind.Value,
      `weight ${position} is ${String(value)}: importances must be zero or positive.`,
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
      `label ${position} is blank: type a name for it (the order is Strategic, Profit, Potential, Ordinary).`,
    );
  },
} as const;
