/**
 * The segmentation workflow's public shapes: what the task pane and the command-line runner pass in
 * and get back. The workflow (this folder) holds all logic — mapping, methods, summaries, the
 * never-lose-data rules — and reaches the workbook only through `src/workbook/workbook.ts`.
 */
import type { ParetoCurvePoint } from "../core/paretoCurve";
import type { RfmGridCell } from "../core/rfmGrid";
import type { CellValue, TableInfo } from "../workbook/workbook";
import type { MethodSettings } from "./methods/registry";
import type { Problem } from "./problems";
import type { SurfaceWords } from "./problemText";

export type { CutRule } from "../core/quadrant";
export type { AbcSettings } from "./methods/abc";
export type { QuadrantSettings } from "./methods/quadrant";
export type { RfmSettings } from "./methods/rfm";
export type { MethodSettings } from "./methods/registry";
export type { Problem, ProblemCode, ProblemDetails } from "./problems";
export type { SurfaceWords } from "./problemText";

/** The columns the workflow knows how to use. */
export type Role = "customer" | "value" | "match" | "satisfaction" | "lastPurchase" | "orders";

/** Which table column (0-based within the table) plays each role; null = not mapped. */
export type ColumnMapping = Record<Role, number | null>;

/** A segmentation method's id: a key of the registry (`methods/registry.ts`). */
export type Method = keyof MethodSettings;

/** The settings every method shares. */
export interface CommonSettings {
  method: Method;
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
  detected: ColumnMapping;
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
}

/** What a run added, kept in the workbook so "Remove results" deletes exactly that. */
export interface RunRecord {
  sheet: string;
  tableName: string | null;
  /** Headers of the added columns and the block they occupy (header row included). */
  columnHeaders: string[];
  columnsBlock: { sheet: string; row: number; column: number; rowCount: number; columnCount: number };
  summarySheet: string;
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
