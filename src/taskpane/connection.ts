/**
 * What the pane is connected to: a workbook, and — in the browser preview only — a way to look at
 * the in-memory sheets, since there is no Excel grid beside the pane to show what a run wrote.
 */
import type { CellValue, Workbook } from "../workbook/workbook";

/** The first rows of one sheet, as a grid (row 0 = Excel row 1). */
export interface SheetSnapshot {
  sheet: string;
  /** Says which columns are shown when not all are; null when the grid starts at column A. */
  note: string | null;
  rows: CellValue[][];
}

export interface PreviewSheets {
  /** The first `rowCount` rows of every sheet, in sheet order. */
  firstRows(rowCount: number): Promise<SheetSnapshot[]>;
}

export interface PaneConnection {
  workbook: Workbook;
  /** Non-null in the browser preview (a MemoryWorkbook holding the bundled sample). */
  preview: PreviewSheets | null;
  /** The language numbers and dates are shown in: Office's display language, or the browser's. */
  locale: string;
}
