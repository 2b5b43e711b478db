/**
 * The one small workbook interface the segmentation workflow is written against.
 *
 * Implementations sit side by side in this folder:
 * - `officeWorkbook.ts`: Excel through Office.js (the only code in the project that touches Excel);
 * - `memoryWorkbook.ts`: an in-memory workbook for tests and the browser preview;
 * - `fileWorkbook.ts`: .xlsx/.xlsm (`xlsxWorkbook.ts`) and .csv files for the command-line runner.
 *
 * An implementation only moves cells: it never computes results. It alone knows chunk sizes and
 * payload limits, and it honours `signal` / reports `onProgress` for anything proportional to rows.
 * All positions are 0-based (row 0 = Excel row 1, column 0 = column A).
 */

/** One cell's value as Excel's `Range.values` gives it (dates are serial numbers). */
export type CellValue = string | number | boolean | null;

/** A rectangle of cells on one sheet. */
export interface Block {
  sheet: string;
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

/** The customer table found under the selection (or named for a file). */
export interface TableInfo {
  sheet: string;
  /** The Excel table's name when the region is an Excel table (ListObject); null for a plain range. */
  tableName: string | null;
  /** Position of the header row's first cell. */
  headerRow: number;
  firstColumn: number;
  columnCount: number;
  /** Data rows below the header row (0 for a header-only table). */
  rowCount: number;
  /** The header row's cells as found (may contain blanks or numbers: the workflow checks them). */
  headers: CellValue[];
  /** The sheet is protected: nothing can be written there. */
  sheetProtected: boolean;
  /** Rows of the table hidden by a filter (0 when none or unknown). */
  hiddenRowCount: number;
}

/** Cancellation and progress for long operations. `onProgress(done, total)` counts rows. */
export interface IoOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /**
   * `readColumns` only: text that repeats (an order log's customer keys) may be handed over as one
   * string per distinct text, so millions of rows of few customers hold few strings. A hint: the
   * values are the same either way (the CSV workbook pools them; the others hand over what they read).
   */
  internText?: boolean;
}

/** A column the workflow adds beside the table: a header and one entry per data row. */
export interface NewColumn {
  header: string;
  /**
   * Literal cells, one per data row. Strings are ALWAYS stored as text, never parsed as formulas,
   * even when they start with `=`, `+`, `-` or `@` (the implementation escapes as its host needs).
   */
  values?: readonly CellValue[];
  /** Or live formulas, one per data row, each starting with `=`. Exactly one of values/formulas. */
  formulas?: readonly string[];
  /** Optional Excel number format for the data cells, e.g. "0.00%". */
  numberFormat?: string;
}

/** A native chart on a sheet. Ranges refer to cells of the same sheet. */
export interface ChartSpec {
  /** "column" and "bar" are clustered (vertical / horizontal bars), one or more series each. */
  kind: "pie" | "column" | "bar" | "line" | "pareto";
  title: string;
  /** Category labels (one column). */
  categories: Block;
  /**
   * Series, each one column of the same length as `categories`. For "pareto" the first series is
   * drawn as columns and the second as a line on a secondary axis (the cumulative share).
   */
  series: { name: string; values: Block }[];
  /** Top-left cell where the chart is placed, and its size in cells. */
  anchor: { row: number; column: number; rowCount: number; columnCount: number };
}

/** A new sheet: a grid of cells (row-major) plus charts. */
export interface SheetContent {
  name: string;
  /**
   * What the sheet is, for workbooks that write added sheets as files of their own (a CSV output's
   * companions `NAME.summary.csv`, `NAME.customers.csv`); default "summary".
   */
  kind?: "summary" | "customers";
  /** Row-major cells from A1. Strings are stored as text, as in {@link NewColumn.values}. */
  cells: readonly (readonly CellValue[])[];
  /** Number formats by block (e.g. percentages), applied after the cells are written. */
  numberFormats?: { block: Block; format: string }[];
  charts?: ChartSpec[];
}

/**
 * What a block of cells held before a run overwrote it, so a failed run can put it back
 * (see {@link Workbook.snapshotCells}). Column-major: `columns[c]` is column `block.column + c`,
 * row `r` of it is sheet row `block.row + r`. Each cell is exactly one of:
 * - a formula: `formulas[r]` holds its text (starting with `=`), `values[r]` is null;
 * - a constant: `values[r]` holds it, `formulas[r]` is null. A string constant is TEXT and is restored
 *   as text, even when it starts with `=`, `+`, `-` or `@` (as {@link NewColumn.values});
 * - empty: both null.
 * Cells of the requested block outside `block` (an implementation may cut it down to where the sheet
 * has any content) were empty. Number formats are not part of it.
 */
export interface CellSnapshot {
  block: Block;
  columns: { values: CellValue[]; formulas: (string | null)[] }[];
}

/** The workbook operations the workflow needs; nothing more. */
export interface Workbook {
  /**
   * The table around the current selection: an Excel table if the selection is inside one,
   * otherwise the current region (contiguous block) around it, header = its first row.
   * Returns null when there is no usable selection (nothing selected / empty region).
   */
  locateTable(): Promise<TableInfo | null>;

  /**
   * Data cells (below the header) of the given table columns (0-based within the table), column-major:
   * sheet rows `headerRow + 1` … `headerRow + rowCount`. A caller may pass part of a table (fewer
   * rows, or `headerRow` moved down to read only its last rows); implementations read exactly that.
   */
  readColumns(table: TableInfo, columns: readonly number[], io?: IoOptions): Promise<CellValue[][]>;

  /** Addresses (like "Sheet1!M7") of at most `limit` non-empty cells inside the block; [] when all empty. */
  findNonEmptyCells(block: Block, limit: number, io?: IoOptions): Promise<string[]>;

  /** Names of all sheets, in order. */
  sheetNames(): Promise<string[]>;

  /**
   * Names of the workbook's Excel tables, where the implementation knows them without a round trip
   * (the file and memory workbooks): the runner lists them when `--table NAME` matches none.
   */
  tableNames?(): string[];

  /**
   * Adds columns at the right edge of the table: as table columns for an Excel table, otherwise as
   * header + cells in the columns right of the range. The workflow has already checked they are empty.
   */
  appendColumns(table: TableInfo, columns: readonly NewColumn[], io?: IoOptions): Promise<void>;

  /**
   * Removes columns a run added: deletes the named table columns for an Excel table, or clears the
   * block for a plain range. Missing columns are ignored (the user may have deleted them).
   */
  removeColumns(table: TableInfo, headers: readonly string[], block: Block): Promise<void>;

  /**
   * What the block holds now, formulas apart from constants: taken by the workflow only when the
   * user agreed to overwrite non-empty cells, and only of the block it will write, so a normal run
   * pays nothing. Optional: a host without it cannot restore overwritten cells after a failed run
   * (the workflow then says so). The command-line file workbooks leave it out: a failed run there
   * discards its output file anyway.
   */
  snapshotCells?(block: Block, io?: IoOptions): Promise<CellSnapshot>;

  /**
   * Writes a snapshot back: formulas as formulas, constants as they were (text as text), empty cells
   * cleared. Called during a rollback, after the run's own columns were removed; the workflow passes
   * no `signal` there, since a cancelled run must still be restored. Present when `snapshotCells` is.
   */
  restoreCells?(snapshot: CellSnapshot, io?: IoOptions): Promise<void>;

  /** Adds a sheet with the given content. The workflow picks a name that does not exist yet. */
  addSheet(content: SheetContent): Promise<void>;

  /** Deletes a sheet by name; ignored if it no longer exists. */
  deleteSheet(name: string): Promise<void>;

  /**
   * Runs `work` (all the writes of one segmentation run) as ONE step of the host's undo where the
   * host supports it (Office: `Excel.run({ mergeUndoGroup: true })`, ExcelApi 1.20); elsewhere it
   * simply runs `work`. Operations called on `wb` inside belong to that step.
   */
  asOneUndoStep<T>(work: (wb: Workbook) => Promise<T>): Promise<T>;

  /** A document-level setting (remembered in the workbook), or null. */
  readSetting(key: string): Promise<string | null>;
  writeSetting(key: string, value: string | null): Promise<void>;
}
