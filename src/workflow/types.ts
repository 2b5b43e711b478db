/**
 * The segmentation workflow's public shapes: what the task pane and the command-line runner pass in
 * and get back. The workflow (this folder) holds all logic — mapping, methods, summaries, the
 * never-lose-data rules — and reaches the workbook only through `src/workbook/workbook.ts`.
 */
import type { CellValue, TableInfo } from "../workbook/workbook";

/** The columns the workflow knows how to use. */
export type Role = "customer" | "value" | "match" | "satisfaction" | "lastPurchase" | "orders";

/** Which table column (0-based within the table) plays each role; null = not mapped. */
export type ColumnMapping = Record<Role, number | null>;

export type Method = "quadrant" | "rfm" | "abc";

/** How a quadrant cut is chosen. */
export type CutRule = { kind: "median" } | { kind: "mean" } | { kind: "number"; value: number };

export interface QuadrantSettings {
  valueCut: CutRule;
  matchCut: CutRule;
  /** Names for Strategic, Profit, Potential, Ordinary, in that order. */
  labels: [string, string, string, string];
}

export interface RfmSettings {
  /** Recency is counted in days up to this date (ISO yyyy-mm-dd); default today. */
  asOf: string;
  /**
   * Typed cut points per dimension (4 ascending numbers each, splitting scores 1|2|3|4|5), or null to
   * use quintiles of the data. Recency cuts are in days (fewer days = better = higher score).
   */
  cuts: { recency: number[] | null; frequency: number[] | null; monetary: number[] | null };
}

export interface AbcSettings {
  /** Cumulative share of value up to which customers are class A (default 0.8) and B (default 0.95). */
  aUpTo: number;
  bUpTo: number;
}

export interface SegmentationSettings {
  method: Method;
  mapping: ColumnMapping;
  quadrant: QuadrantSettings;
  rfm: RfmSettings;
  abc: AbcSettings;
  /** "values" (default: readable without the add-in) or live `CX.` formulas where the method has one. */
  output: "values" | "formulas";
  /** Rows with non-numeric cells in mapped numeric columns: stop (false, default) or leave them unsegmented. */
  skipInvalidRows: boolean;
}

/** What the pane shows before a run: the table found, the first rows, and the detected mapping. */
export interface TablePreview {
  table: TableInfo;
  headers: string[];
  /** First rows (row-major), at most the number asked for. */
  rows: CellValue[][];
  detected: ColumnMapping;
}

/** A problem that stops a run (or the preview). `rows` are Excel row numbers (1-based) where it applies. */
export interface Problem {
  code:
    | "empty-selection"
    | "no-header"
    | "duplicate-headers"
    | "blank-headers"
    | "unmapped-column"
    | "non-numeric"
    | "protected-sheet"
    | "filtered-table"
    | "no-data"
    | "invalid-setting"
    | "cancelled"
    | "declined-overwrite"
    | "write-failed";
  message: string;
  rows?: number[];
  /** For "non-numeric": how many cells in all (rows lists the first few). */
  count?: number;
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
  /**
   * The Lorenz (Pareto) curve of value, largest customers first: the top `customerShare` of customers
   * hold `valueShare` of the value. At most 101 points from {0, 0} to {1, 1}; empty when the Pareto
   * share is undefined (negative values or a zero total).
   */
  paretoCurve: { customerShare: number; valueShare: number }[];
  /**
   * RFM only: the 25 cells of recency score × frequency score (recency 1…5, each with frequency 1…5),
   * with the customers in each cell and their mean monetary value (null for an empty cell).
   */
  rfmGrid?: {
    recencyScore: number;
    frequencyScore: number;
    customers: number;
    meanMonetary: number | null;
  }[];
  /** Cut points used (quadrant cuts, RFM score cut points per dimension, ABC thresholds), for display. */
  cutPoints: Record<string, number[]>;
  /** Notes the user should read (ties leaving a score empty, skipped rows, …). */
  notes: string[];
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
}
