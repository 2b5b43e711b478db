/**
 * An in-memory {@link Workbook}: for the workflow's tests and the browser preview of the task pane.
 *
 * It models what matters to the workflow's promises:
 * - cells keep values and formulas apart: a string written as a value is text even when it starts
 *   with `=`, `+`, `-` or `@`; only `NewColumn.formulas` become formulas ({@link isFormula} tells);
 * - `locateTable` finds an Excel table containing the selection, otherwise the current region around
 *   it as Excel's Ctrl+* does (`currentRegion.ts`: the contiguous block of non-empty cells, diagonals
 *   included);
 * - protected sheets refuse writes, hidden rows are reported, and `failOnWrite` makes the Nth write
 *   call fail halfway (after its first column / before its sheet) so rollbacks can be tested.
 *
 * Cells are stored column-major (one array per column), which is what the workflow reads and
 * writes; a million-row table costs one array per column, not one per row.
 */
import { qualifiedCellAddress } from "../core/a1";
import { isBlank } from "../core/blank";
import { currentRegion } from "./currentRegion";
import type {
  Block,
  CellSnapshot,
  CellValue,
  ChartSpec,
  IoOptions,
  NewColumn,
  SheetContent,
  TableInfo,
  Workbook,
} from "./workbook";

export interface MemorySheetInit {
  name: string;
  /** Row-major cells from A1 (ragged rows are fine; missing cells are empty). */
  cells: CellValue[][];
  protected?: boolean;
  /** 0-based rows hidden (e.g. by a filter). */
  hiddenRows?: number[];
  /** 0-based cells whose string in `cells` is a formula (e.g. "=B2*2"); every other string is text. */
  formulaCells?: { row: number; column: number }[];
}

export interface MemoryTableInit {
  name: string;
  sheet: string;
  headerRow: number;
  firstColumn: number;
  /** Data rows below the header. */
  rowCount: number;
  columnCount: number;
}

interface SheetState {
  name: string;
  /** columns[c][r]; holes and undefined are empty cells. */
  columns: CellValue[][];
  /** Per column: 1 where the cell holds a formula (its text is in `columns`). */
  formulaFlags: Map<number, Uint8Array>;
  protected: boolean;
  hiddenRows: Set<number>;
  charts: ChartSpec[];
  numberFormats: { block: Block; format: string }[];
}

/** Rows between signal checks and progress reports in long loops. */
const CHUNK_ROWS = 65_536;

export class MemoryWorkbook implements Workbook {
  private readonly sheets = new Map<string, SheetState>();
  private readonly tables: MemoryTableInit[];
  private selection: { sheet: string; row: number; column: number } | null;
  private readonly settings = new Map<string, string>();
  private writeCalls = 0;
  private undoDepth = 0;

  /** Test hook: the Nth write call (appendColumns/addSheet, counted from 1) throws. */
  failOnWrite?: number;
  /** How many undo steps were opened, and how many writes happened outside any. */
  undoSteps = 0;
  writesOutsideUndoStep = 0;

  constructor(init: {
    sheets: MemorySheetInit[];
    tables?: MemoryTableInit[];
    selection?: { sheet: string; row: number; column: number } | null;
  }) {
    for (const sheet of init.sheets) {
      const state = this.newSheet(sheet.name);
      state.protected = sheet.protected ?? false;
      state.hiddenRows = new Set(sheet.hiddenRows ?? []);
      this.fillRowMajor(state, sheet.cells);
      for (const { row, column } of sheet.formulaCells ?? []) {
        this.setCell(state, row, column, state.columns[column]?.[row] ?? null, true);
      }
      this.sheets.set(sheet.name, state);
    }
    this.tables = (init.tables ?? []).map((t) => ({ ...t }));
    this.selection = init.selection ?? null;
  }

  // ---- test and preview helpers -------------------------------------------------------------

  select(sheet: string, row: number, column: number): void {
    this.selection = { sheet, row, column };
  }

  /** The stored value (for a formula cell: the formula text); null when empty or no such sheet. */
  cell(sheet: string, row: number, column: number): CellValue {
    const value = this.sheets.get(sheet)?.columns[column]?.[row];
    return value === undefined ? null : value;
  }

  isFormula(sheet: string, row: number, column: number): boolean {
    return (this.sheets.get(sheet)?.formulaFlags.get(column)?.[row] ?? 0) === 1;
  }

  /** A row-major copy of the used grid (A1 to the last non-empty row and column); [] for an empty sheet. */
  sheetGrid(sheet: string): CellValue[][] {
    const state = this.requireSheet(sheet);
    let lastRow = -1;
    let lastColumn = -1;
    state.columns.forEach((column, c) => {
      if (!column) return;
      for (let r = column.length - 1; r >= 0; r--) {
        if (!isBlank(column[r])) {
          lastRow = Math.max(lastRow, r);
          lastColumn = Math.max(lastColumn, c);
          break;
        }
      }
    });
    const grid: CellValue[][] = [];
    for (let r = 0; r <= lastRow; r++) {
      const line: CellValue[] = [];
      for (let c = 0; c <= lastColumn; c++) {
        const value = state.columns[c]?.[r];
        line.push(isBlank(value) ? null : (value as CellValue));
      }
      grid.push(line);
    }
    return grid;
  }

  charts(sheet: string): ChartSpec[] {
    return [...this.requireSheet(sheet).charts];
  }

  /** Number formats applied to a sheet (summary sheets and added columns). */
  numberFormats(sheet: string): { block: Block; format: string }[] {
    return [...this.requireSheet(sheet).numberFormats];
  }

  /** The table definitions as they are now (added table columns widen them). */
  tableDefinitions(): MemoryTableInit[] {
    return this.tables.map((t) => ({ ...t }));
  }

  // ---- Workbook ------------------------------------------------------------------------------

  async locateTable(): Promise<TableInfo | null> {
    const selection = this.selection;
    if (selection === null) return null;
    const state = this.sheets.get(selection.sheet);
    if (!state) return null;
    const table = this.tables.find(
      (t) =>
        t.sheet === selection.sheet &&
        selection.row >= t.headerRow &&
        selection.row <= t.headerRow + t.rowCount &&
        selection.column >= t.firstColumn &&
        selection.column < t.firstColumn + t.columnCount,
    );
    if (table)
      return this.tableInfo(
        state,
        table.name,
        table.headerRow,
        table.firstColumn,
        table.rowCount,
        table.columnCount,
      );
    const region = currentRegion((r, c) => !isBlank(state.columns[c]?.[r]), selection.row, selection.column, {
      rowCount: this.rowCountOf(state),
      columnCount: state.columns.length,
    });
    if (region === null) return null;
    return this.tableInfo(
      state,
      null,
      region.top,
      region.left,
      region.bottom - region.top,
      region.right - region.left + 1,
    );
  }

  async readColumns(table: TableInfo, columns: readonly number[], io?: IoOptions): Promise<CellValue[][]> {
    const state = this.requireSheet(table.sheet);
    const out: CellValue[][] = [];
    const total = columns.length * table.rowCount;
    columns.forEach((c, k) => {
      io?.signal?.throwIfAborted();
      const source = state.columns[table.firstColumn + c] ?? [];
      const cells = new Array<CellValue>(table.rowCount);
      for (let i = 0; i < table.rowCount; i++) {
        const value = source[table.headerRow + 1 + i];
        cells[i] = value === undefined || value === "" ? null : value;
      }
      out.push(cells);
      io?.onProgress?.((k + 1) * table.rowCount, total);
    });
    return out;
  }

  async findNonEmptyCells(block: Block, limit: number, io?: IoOptions): Promise<string[]> {
    const state = this.requireSheet(block.sheet);
    const found: string[] = [];
    for (let r = block.row; r < block.row + block.rowCount && found.length < limit; r++) {
      if ((r - block.row) % CHUNK_ROWS === 0) io?.signal?.throwIfAborted();
      for (let c = block.column; c < block.column + block.columnCount && found.length < limit; c++) {
        if (!isBlank(state.columns[c]?.[r])) found.push(qualifiedCellAddress(block.sheet, r, c));
      }
    }
    return found;
  }

  async sheetNames(): Promise<string[]> {
    return [...this.sheets.keys()];
  }

  tableNames(): string[] {
    return this.tables.map((t) => t.name);
  }

  async appendColumns(table: TableInfo, columns: readonly NewColumn[], io?: IoOptions): Promise<void> {
    const failing = this.countWrite();
    const state = this.requireSheet(table.sheet);
    if (state.protected) throw new Error(`Sheet "${table.sheet}" is protected`);
    const excelTable =
      table.tableName === null ? undefined : this.tables.find((t) => t.name === table.tableName);
    const start = table.firstColumn + (excelTable ? excelTable.columnCount : table.columnCount);
    const total = columns.length * table.rowCount;
    for (let k = 0; k < columns.length; k++) {
      io?.signal?.throwIfAborted();
      const column = columns[k];
      const target = start + k;
      this.setCell(state, table.headerRow, target, column.header, false);
      const isFormulas = column.formulas !== undefined;
      const cells = (column.formulas ?? column.values ?? []) as readonly CellValue[];
      for (let i = 0; i < table.rowCount; i++) {
        if (i % CHUNK_ROWS === 0 && i > 0) {
          io?.signal?.throwIfAborted();
          io?.onProgress?.(k * table.rowCount + i, total);
        }
        const value = cells[i] ?? null;
        this.setCell(state, table.headerRow + 1 + i, target, value, isFormulas && typeof value === "string");
      }
      if (column.numberFormat) {
        state.numberFormats.push({
          block: {
            sheet: table.sheet,
            row: table.headerRow + 1,
            column: target,
            rowCount: table.rowCount,
            columnCount: 1,
          },
          format: column.numberFormat,
        });
      }
      if (excelTable) excelTable.columnCount++;
      io?.onProgress?.((k + 1) * table.rowCount, total);
      // A failing call has written its first column: a write that breaks halfway, as a lost connection would.
      if (failing) throw new Error("simulated write failure");
    }
    if (failing) throw new Error("simulated write failure");
  }

  async removeColumns(table: TableInfo, headers: readonly string[], block: Block): Promise<void> {
    const state = this.requireSheet(table.sheet);
    if (state.protected) throw new Error(`Sheet "${table.sheet}" is protected`);
    const excelTable =
      table.tableName === null ? undefined : this.tables.find((t) => t.name === table.tableName);
    if (!excelTable) {
      for (let c = block.column; c < block.column + block.columnCount; c++) {
        for (let r = block.row; r < block.row + block.rowCount; r++) this.setCell(state, r, c, null, false);
      }
      return;
    }
    for (const header of headers) {
      const wanted = header.toLowerCase();
      let index = -1;
      for (let c = 0; c < excelTable.columnCount; c++) {
        const value = state.columns[excelTable.firstColumn + c]?.[excelTable.headerRow];
        if (typeof value === "string" && value.toLowerCase() === wanted) index = c;
      }
      if (index < 0) continue;
      // Deleting a table column shifts the table's later columns left, as Excel does.
      const last = excelTable.firstColumn + excelTable.columnCount - 1;
      for (let c = excelTable.firstColumn + index; c <= last; c++) {
        for (let r = excelTable.headerRow; r <= excelTable.headerRow + excelTable.rowCount; r++) {
          if (c === last) this.setCell(state, r, c, null, false);
          else
            this.setCell(
              state,
              r,
              c,
              this.cell(table.sheet, r, c + 1),
              this.isFormula(table.sheet, r, c + 1),
            );
        }
      }
      excelTable.columnCount--;
    }
  }

  /** The block's cells, formulas kept apart from constants (text stays text). O(cells of the block). */
  async snapshotCells(block: Block, io?: IoOptions): Promise<CellSnapshot> {
    this.requireSheet(block.sheet);
    const columns: CellSnapshot["columns"] = [];
    for (let c = block.column; c < block.column + block.columnCount; c++) {
      io?.signal?.throwIfAborted();
      const values = new Array<CellValue>(block.rowCount).fill(null);
      const formulas = new Array<string | null>(block.rowCount).fill(null);
      for (let r = 0; r < block.rowCount; r++) {
        const value = this.cell(block.sheet, block.row + r, c);
        if (isBlank(value)) continue;
        if (this.isFormula(block.sheet, block.row + r, c)) formulas[r] = String(value);
        else values[r] = value;
      }
      columns.push({ values, formulas });
    }
    io?.onProgress?.(block.rowCount, block.rowCount);
    return { block: { ...block }, columns };
  }

  async restoreCells(snapshot: CellSnapshot, io?: IoOptions): Promise<void> {
    const { block, columns } = snapshot;
    const state = this.requireSheet(block.sheet);
    if (state.protected) throw new Error(`Sheet "${block.sheet}" is protected`);
    columns.forEach(({ values, formulas }, k) => {
      for (let r = 0; r < block.rowCount; r++) {
        const formula = formulas[r];
        if (formula !== null) this.setCell(state, block.row + r, block.column + k, formula, true);
        else this.setCell(state, block.row + r, block.column + k, values[r] ?? null, false);
      }
    });
    io?.onProgress?.(block.rowCount, block.rowCount);
  }

  async addSheet(content: SheetContent): Promise<void> {
    const failing = this.countWrite();
    if (failing) throw new Error("simulated write failure");
    if (this.sheets.has(content.name)) throw new Error(`A sheet named "${content.name}" exists already`);
    const state = this.newSheet(content.name);
    this.fillRowMajor(state, content.cells);
    state.charts = [...(content.charts ?? [])];
    state.numberFormats = [...(content.numberFormats ?? [])];
    this.sheets.set(content.name, state);
  }

  async deleteSheet(name: string): Promise<void> {
    this.sheets.delete(name);
  }

  async asOneUndoStep<T>(work: (wb: Workbook) => Promise<T>): Promise<T> {
    this.undoSteps++;
    this.undoDepth++;
    try {
      return await work(this);
    } finally {
      this.undoDepth--;
    }
  }

  async readSetting(key: string): Promise<string | null> {
    return this.settings.get(key) ?? null;
  }

  async writeSetting(key: string, value: string | null): Promise<void> {
    if (value === null) this.settings.delete(key);
    else this.settings.set(key, value);
  }

  // ---- internals -----------------------------------------------------------------------------

  private newSheet(name: string): SheetState {
    return {
      name,
      columns: [],
      formulaFlags: new Map(),
      protected: false,
      hiddenRows: new Set(),
      charts: [],
      numberFormats: [],
    };
  }

  private requireSheet(name: string): SheetState {
    const state = this.sheets.get(name);
    if (!state) throw new Error(`No sheet named "${name}"`);
    return state;
  }

  /** Counts a write call; true when this is the one `failOnWrite` asks to fail. */
  private countWrite(): boolean {
    this.writeCalls++;
    if (this.undoDepth === 0) this.writesOutsideUndoStep++;
    return this.failOnWrite === this.writeCalls;
  }

  private fillRowMajor(state: SheetState, cells: readonly (readonly CellValue[])[]): void {
    const width = cells.reduce((w, row) => Math.max(w, row.length), 0);
    for (let c = 0; c < width; c++) {
      const column = new Array<CellValue>(cells.length);
      for (let r = 0; r < cells.length; r++) {
        const value = cells[r][c];
        column[r] = value === undefined ? null : value;
      }
      state.columns[c] = column;
    }
  }

  private setCell(state: SheetState, row: number, column: number, value: CellValue, formula: boolean): void {
    let cells = state.columns[column];
    if (!cells) {
      if (isBlank(value)) return;
      cells = state.columns[column] = [];
    }
    while (cells.length < row) cells.push(null);
    cells[row] = value;
    let flags = state.formulaFlags.get(column);
    if (formula) {
      if (!flags || flags.length <= row) {
        const grown = new Uint8Array(Math.max(row + 1, (flags?.length ?? 0) * 2));
        if (flags) grown.set(flags);
        flags = grown;
        state.formulaFlags.set(column, flags);
      }
      flags[row] = 1;
    } else if (flags && row < flags.length) {
      flags[row] = 0;
    }
  }

  private rowCountOf(state: SheetState): number {
    return state.columns.reduce((n, column) => Math.max(n, column ? column.length : 0), 0);
  }

  private tableInfo(
    state: SheetState,
    tableName: string | null,
    headerRow: number,
    firstColumn: number,
    rowCount: number,
    columnCount: number,
  ): TableInfo {
    const headers: CellValue[] = [];
    for (let c = 0; c < columnCount; c++) {
      const value = state.columns[firstColumn + c]?.[headerRow];
      headers.push(value === undefined || value === "" ? null : value);
    }
    let hiddenRowCount = 0;
    for (const r of state.hiddenRows) if (r > headerRow && r <= headerRow + rowCount) hiddenRowCount++;
    return {
      sheet: state.name,
      tableName,
      headerRow,
      firstColumn,
      columnCount,
      rowCount,
      headers,
      sheetProtected: state.protected,
      hiddenRowCount,
    };
  }
}
