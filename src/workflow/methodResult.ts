import type { NewColumn } from "../workbook/workbook";
import type { RunSummary } from "./types";

/**
 * What a method computes, before anything is written: the segment of every row, the columns to add
 * (with their preferred headers; the run makes them unique) and what the user should read.
 */
export interface MethodResult {
  /** Segment names in summary order; a row's segment code indexes this list. */
  segmentNames: string[];
  /** Per data row: the segment code, or −1 for a row left unsegmented (skipped as invalid). */
  segmentOf: Int32Array;
  columns: NewColumn[];
  cutPoints: Record<string, number[]>;
  notes: string[];
  /** RFM only: customers and mean monetary value per recency × frequency score (see RunSummary). */
  rfmGrid?: RunSummary["rfmGrid"];
}
