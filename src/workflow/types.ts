/**
 * The segmentation workflow's public shapes: what the task pane and the command-line runner pass in
 * and get back. The workflow (this folder) holds all logic — mapping, methods, summaries, the
 * never-lose-data rules — and reaches the workbook only through `src/workbook/workbook.ts`.
 */
import type { ParetoCurvePoint } from "../core/paretoCurve";
import type { PeriodName } from "../core/purchasePeriod";
import type { RfmGridCell } from "../core/rfmGrid";
import type { CellValue, TableInfo } from "../workbook/workbook";
import type { LifetimeValueSummary } from "./methods/clv";
import type { MethodSettings } from "./methods/registry";
import type { Problem } from "./problems";
import type { SurfaceWords } from "./problemText";
import type { RetentionSummary } from "./retention";

export type { CutRule } from "../core/quadrant";
export type { AbcSettings } from "./methods/abc";
export type { ClvSettings, LifetimeValueSummary } from "./methods/clv";
export type { QuadrantSettings } from "./methods/quadrant";
export type { RfmSettings } from "./methods/rfm";
export type { MethodSettings } from "./methods/registry";
export type { Problem, ProblemCode, ProblemDetails } from "./problems";
export type { SurfaceWords } from "./problemText";
export type { PeriodName } from "../core/purchasePeriod";
export type { RetentionSummary } from "./retention";

/**
 * The columns the workflow knows how to use. In a customer table each is a column; from an order log
 * (`source.kind === "orders"`) `customer`, `orderDate`, `value` (the order's amount), `quantity`,
 * `match` and `satisfaction` are columns of the log, and the order-log source fills `value` (total
 * value), `lastPurchase`, `firstPurchase`, `orders` (purchases) and `averageValue` (average repeat
 * value) per customer (`stages/orders.ts`).
 */
export type Role =
  | "customer"
  | "value"
  | "match"
  | "satisfaction"
  | "lastPurchase"
  | "orders"
  | "orderDate"
  | "quantity"
  /** The day of a customer's first purchase (lifetime value; filled per customer from an order log). */
  | "firstPurchase"
  /** The average value of a customer's repeat purchases (lifetime value's z̄; filled from an order log). */
  | "averageValue";

/** Which table column (0-based within the table) plays each role; null = not mapped. */
export type ColumnMapping = Record<Role, number | null>;

/** A segmentation method's id: a key of the registry (`methods/registry.ts`). */
export type Method = keyof MethodSettings;

/**
 * Where the customers come from: a customer table (one row per customer), or an order log (one row
 * per order) aggregated per customer as of a date (ISO yyyy-mm-dd) in a period unit (recency and age),
 * negative amounts being returns when `allowReturns`.
 */
export type SourceSettings =
  { kind: "customers" } | { kind: "orders"; asOf: string; period: PeriodName; allowReturns: boolean };

/**
 * The retention block of a summary (from an order log): the window length of the observed
 * retention (default a year), the margin as a share of value (1 = 100 %, the default: the amounts
 * already are margins) and the discount rate per year (0.1).
 */
export interface RetentionSettings {
  period: PeriodName;
  marginShare: number;
  annualDiscount: number;
}

/** The settings every method shares. */
export interface CommonSettings {
  method: Method;
  /** A customer table (default) or an order log. */
  source: SourceSettings;
  /** The retention block's settings (used when the source is an order log). */
  retention: RetentionSettings;
  mapping: ColumnMapping;
  /** "values" (default: readable without the add-in) or live `CX.` formulas where the method has one. */
  output: "values" | "formulas";
  /** Rows with cells a method cannot use (not numbers; for ABC also negative): stop (false, default) or leave them unsegmented. */
  skipInvalidRows: boolean;
}

/**
 * Everything a run needs: the shared settings and each method's own (`quadrant`, `rfm`, `abc`, …),
 * kept for all methods so switching method in the pane loses nothing.
 */
export type SegmentationSettings = CommonSettings & MethodSettings;

/** What the pane shows before a run: the table found, the first rows, and the detected mapping. */
export interface TablePreview {
  table: TableInfo;
  headers: string[];
  /** First rows (row-major), at most the number asked for. */
  rows: CellValue[][];
  /** The mapping guessed for a customer table. */
  detected: ColumnMapping;
  /** The mapping guessed for an order log (order date, amount, quantity…), see `orderLogDetection.ts`. */
  detectedOrders: ColumnMapping;
  /** Whether the table looks like an order log, and why (for the pane's and the runner's note). */
  orderLog: { likely: boolean; reason: string };
}

/** One segment's line in the summary. */
export interface SegmentSummary {
  segment: string;
  customers: number;
  customerShare: number;
  totalValue: number;
  valueShare: number;
  /** Average satisfaction of the segment's customers where a satisfaction column is mapped, else null. */
  averageSatisfaction: number | null;
}

export interface RunSummary {
  method: Method;
  segments: SegmentSummary[];
  customers: number;
  totalValue: number;
  /** Share of value held by the top 20 % of customers. */
  paretoTop20: number;
  /** Gini coefficient of value (0 = equal, → 1 = concentrated). */
  gini: number;
  /** Cut points used (quadrant cuts, RFM score cut points per dimension, ABC thresholds), for display. */
  cutPoints: Record<string, number[]>;
  /** Notes the user should read (ties leaving a score empty, skipped rows, …). */
  notes: string[];
  /**
   * The Pareto curve for charts: customers ranked largest value first, at most 101 points from
   * {0, 0} to {1, 1} (see `src/core/paretoCurve.ts`); empty when the Pareto share is undefined
   * (negative values or a total of 0).
   */
  paretoCurve: ParetoCurvePoint[];
  /**
   * RFM only: the 25 cells of recency score 1–5 × frequency score 1–5 (recency-major), with the
   * customers and their mean monetary value (null when a cell is empty); see `src/core/rfmGrid.ts`.
   */
  rfmGrid?: RfmGridCell[];
  /**
   * Lifetime value only: the fitted BG/NBD and Gamma-Gamma models, the CLV tiers, the value at risk
   * and the fit chart's data (`methods/clv.ts`). Its segments are the tiers, and its values the CLVs.
   */
  lifetimeValue?: LifetimeValueSummary;
  /**
   * From an order log: observed retention per segment, its lifetime value and what a 5-point churn
   * cut is worth (`retention.ts`); absent for a customer table.
   */
  retention?: RetentionSummary;
  /** From an order log: how its rows were counted (for the runner's JSON and the pane's notice). */
  orderLog?: OrderLogCounts;
}

/** How the rows of an order log were used. */
export interface OrderLogCounts {
  asOf: string;
  period: PeriodName;
  /** Order rows read, counted, dated after the as-of date, skipped as bad ("Skip these rows"), blank. */
  rows: number;
  counted: number;
  afterAsOf: number;
  skipped: number;
  blank: number;
  /** Counted rows that are returns (negative amounts). */
  returns: number;
  /** Customers in the per-customer table. */
  customers: number;
  /** Customers whose orders are all after the as-of date (not in the table). */
  customersAfterAsOf: number;
}

/** What a run added, kept in the workbook so "Remove results" deletes exactly that. */
export interface RunRecord {
  sheet: string;
  tableName: string | null;
  /** Headers of the added columns and the block they occupy (header row included). */
  columnHeaders: string[];
  columnsBlock: { sheet: string; row: number; column: number; rowCount: number; columnCount: number };
  summarySheet: string;
  /** The per-customer sheet a run on an order log added (`CX Customers`); absent otherwise. */
  customerSheet?: string;
  at: string;
  /**
   * The table as it was found by the run (optional: records written before this field existed lack
   * it). "Remove results" hands it to `Workbook.removeColumns`.
   */
  table?: TableInfo;
}

export type RunOutcome =
  { ok: true; summary: RunSummary; record: RunRecord } | { ok: false; problem: Problem };

/** Hooks the face (pane or runner) gives a run. */
export interface RunHooks {
  signal?: AbortSignal;
  /** Progress as a fraction 0…1 with a short phase name ("Reading", "Scoring", "Writing"). */
  onProgress?: (fraction: number, phase: string) => void;
  /** Asked when target cells are not empty; the run writes nothing unless this resolves true. */
  confirmOverwrite?: (nonEmptyCells: string[]) => Promise<boolean>;
  /** The words problems are told in (default: the pane's; the runner passes its own). */
  words?: SurfaceWords;
}
