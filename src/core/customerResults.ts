/**
 * The per-customer results of CUSTOMERVALUE, SATISFACTION and SEGMENT in a compact form: one number
 * (or one label code) per customer in a typed array, and the few customers without a value — an
 * error — apart, by row. A million customers then cost 8 MB of numbers (or 1 MB of codes), not a
 * million boxed values; the functions layer turns them into Excel's spilled column in one pass.
 *
 * Customers are 0-based row indexes. A customer is blank (result `""`) when it has no value and no
 * error: `NaN` in `numbers`, {@link NO_LABEL} in `codes`, and no entry in `errors`. Results are
 * never `NaN` or ±Infinity otherwise (a result out of range is a `#NUM!` error).
 */
import { RowResult } from "./args";
import { CoreError } from "./errors";

/** Numbers per customer (CUSTOMERVALUE, SATISFACTION scores). */
export interface NumberResults {
  readonly kind: "numbers";
  /** The result of each customer; NaN where it has none (blank, or an error in `errors`). */
  readonly numbers: Float64Array;
  /** The customers whose result is an error. */
  readonly errors: ReadonlyMap<number, CoreError>;
}

/** One of a few labels per customer (SEGMENT's segments, SATISFACTION's labels). */
export interface LabelResults<L> {
  readonly kind: "labels";
  /** Index into `labels` for each customer; {@link NO_LABEL} where it has none. */
  readonly codes: Uint8Array;
  readonly labels: readonly L[];
  /** The customers whose result is an error. */
  readonly errors: ReadonlyMap<number, CoreError>;
}

/** The code of a customer without a label (blank, or an error). */
export const NO_LABEL = 255;

export type CustomerResults<L> = NumberResults | LabelResults<L>;

/** The number of customers. */
export function customerTotal(results: CustomerResults<unknown>): number {
  return results.kind === "numbers" ? results.numbers.length : results.codes.length;
}

/**
 * The result of one customer as a plain value: the number or label, `""` for a blank row, or its
 * error. O(1).
 *
 * @example
 * resultAt({ kind: "labels", codes: Uint8Array.of(1, NO_LABEL), labels: ["a", "b"], errors: new Map() }, 0)
 * // => "b"
 */
export function resultAt<L>(results: CustomerResults<L>, customer: number): RowResult<number | L> {
  const error = results.errors.get(customer);
  if (error !== undefined) return error;
  if (results.kind === "numbers") {
    const value = results.numbers[customer];
    return Number.isNaN(value) ? "" : value;
  }
  const code = results.codes[customer];
  return code === NO_LABEL ? "" : results.labels[code];
}

/** Every customer's result as a plain list (for tests and small callers). O(n). */
export function resultList<L>(results: CustomerResults<L>): RowResult<number | L>[] {
  return Array.from({ length: customerTotal(results) }, (_, i) => resultAt(results, i));
}
