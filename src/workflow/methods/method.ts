/**
 * What a segmentation method is to the workflow: one entry of the registry (`registry.ts`), in the
 * manner of HyperFormula's function table. The entry declares what the stages around it need — its
 * titles, the columns it reads, the checks of its settings — and computes its result from typed
 * columns. It never reads or writes the workbook: the stages do (`../run.ts`).
 *
 * Adding a method: a file here with its settings type and its entry, one line in `registry.ts`,
 * and its fields in the pane and flags in the runner.
 */
import type { RfmGridCell } from "../../core/rfmGrid";
import type { PacingOptions } from "../../core/steps";
import type { LifetimeValueSummary } from "./clv";
import type { NewColumn } from "../../workbook/workbook";
import type { NumericColumn } from "../numericColumn";
import type { Checked, ProblemDetails } from "../problems";
import type { CustomerHistory, CustomerSource } from "../stages/customers";
import type { Method, MethodSettings, Role } from "../types";

/** What a method computes from. */
export interface MethodInput<S> {
  /** The method's own settings (`settings[method]`). */
  settings: S;
  output: "values" | "formulas";
  /** Where the customers came from (the table and its mapping), e.g. for live formulas. */
  source: CustomerSource;
  /** The numeric columns of the required and optional roles that were read, one entry per customer. */
  numbers: Partial<Record<Role, NumericColumn>>;
  /** 1 for customers the method segments (every required column usable), 0 for rows left out. */
  mask: Uint8Array;
  usedCount: number;
  /** "Skip invalid rows": a method with rules of its own leaves rows that break them out (mask 0) instead of stopping. */
  skipInvalidRows: boolean;
  /** The Excel row number (1-based) that names customer i in messages. */
  excelRow(i: number): number;
  /** Per customer, the purchase history when the source knows it (an order log), e.g. for a holdout check. */
  history?: CustomerHistory;
  /**
   * For a method whose work takes seconds on a million customers (the lifetime value's fits): pause
   * every few milliseconds so the pane stays responsive, stop on the run's signal, report progress.
   */
  pacing?: PacingOptions;
}

/**
 * What a method computes, before anything is written: the segment of every customer, the columns to
 * add (with their preferred headers; the run makes them unique) and what the user should read.
 */
export interface MethodResult {
  /** Segment names in summary order; a customer's segment code indexes this list. */
  segmentNames: string[];
  /** Per customer: the segment code, or −1 for a row left unsegmented. */
  segmentOf: Int32Array;
  columns: NewColumn[];
  cutPoints: Record<string, number[]>;
  notes: string[];
  /** RFM: the recency × frequency grid of mean monetary value, for the summary. */
  rfmGrid?: RfmGridCell[];
  /**
   * Per customer, the value the summary totals, shares and draws the Pareto of, when it is not the
   * value column (lifetime value: each customer's CLV); rows with segment −1 are not counted.
   */
  summaryValue?: Float64Array;
  /** Lifetime value: the fitted models, tiers, value at risk and fit chart. */
  lifetimeValue?: LifetimeValueSummary;
}

/** One method of the registry. */
export interface SegmentationMethod<M extends Method> {
  readonly id: M;
  /** The pane's label of the method and the runner's help line. */
  readonly title: string;
  /** The method in a sentence: "The {name} method needs…", "{name} classes…". */
  readonly name: string;
  /** The summary sheet's title for a run of this method. */
  readonly summaryTitle: string;
  /**
   * The header of the column that holds the segment ("RFM segment"): the one column an order log's
   * rows get beside them (so a pivot of orders by segment works). Default "Segment".
   */
  readonly segmentHeader?: string;
  /** Columns the method cannot run without. */
  readonly requiredRoles: readonly Role[];
  /** Columns it uses when mapped (besides customer and satisfaction, which every method may use). */
  readonly optionalRoles?: readonly Role[];
  /** Required columns whose values must be 0 or more (rows with negatives are refused or skipped). */
  readonly nonNegativeRoles?: readonly Role[];
  /** Required columns whose blank cells the method decides about itself (other non-numbers are refused). */
  readonly blankableRoles?: readonly Role[];
  /** The method's settings on a first run; `today` is yyyy-mm-dd. */
  defaults(today: string): MethodSettings[M];
  /**
   * Saved settings over the defaults: each field only when it has the right type, so a workbook
   * saved by an older version still loads. `saved` is whatever JSON the workbook held.
   */
  restore(saved: unknown, defaults: MethodSettings[M]): MethodSettings[M];
  /** Checks the method's settings against the table's headers, before anything is read. */
  check(settings: MethodSettings[M], headers: readonly string[]): ProblemDetails | null;
  /** Segments the customers; a problem only for what the numbers make impossible (a total of 0). */
  run(input: MethodInput<MethodSettings[M]>): Checked<MethodResult> | Promise<Checked<MethodResult>>;
}

/** The numeric column of a role the method requires (checked before the method runs). */
export function requireColumn(numbers: Partial<Record<Role, NumericColumn>>, role: Role): Float64Array {
  const column = numbers[role];
  if (!column) throw new Error(`internal: the ${role} column was not read`);
  return column.values;
}

/** Whether a value is a plain object (saved settings are checked field by field). */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
