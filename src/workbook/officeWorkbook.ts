/**
 * The workbook interface over Excel, through Office.js: the only code in the project that touches Excel.
 *
 * It only moves cells. Every operation proportional to rows is cut into chunks that keep each
 * request under Office's limits (see `officeChunks.ts`), queues all of a chunk's ranges before one
 * `context.sync()`, and checks for cancellation between chunks; the number of round trips grows with
 * rows / rows-per-chunk, never with rows. Errors from Excel (a protected sheet's `AccessDenied`, an
 * `InvalidOperation`) are not caught here: they reach the workflow, which says what went wrong.
 *
 * Each public method runs its own `Excel.run`, unless the object is the one `asOneUndoStep` hands to
 * its work: that one is bound to the step's single request context, so all writes of a run share it
 * (and, with `mergeUndoGroup`, one entry of Excel's undo).
 *
 * Requirement sets used: ExcelApi 1.9 (`Range.getTables`, the newest call made without a check;
 * {@link REQUIRED_EXCEL_API}, declared in manifest.xml), 1.7/1.8 (chart series: covered by 1.9), and,
 * detected with `isSetSupported` where the host may lack them: 1.6 (suspending calculation),
 * 1.13 (`getSurroundingRegion`, with the sheet's used range as the fallback), 1.20 (`mergeUndoGroup`).
 * The end of this file asks the host where the pane runs and what it supports ({@link officeHost}).
 */
import { qualifiedCellAddress, cellAddress } from "../core/a1";
import { isBlank } from "../core/blank";
import {
  ASSUMED_READ_BYTES_PER_CELL,
  CELL_ARRAY_OVERHEAD_BYTES,
  DEFAULT_OFFICE_LIMITS,
  cellJsonBytes,
  nextReadBytesPerCell,
  nextWriteChunkEnd,
  readChunkRows,
  utf8Length,
  type OfficeLimits,
} from "./officeChunks";
import { cellForValues } from "./officeText";
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

/** Overrides of the request limits (tests use small ones to see the chunking). */
export interface OfficeWorkbookOptions {
  /** Bytes of cell data per request (default 4,000,000; Excel on the web allows 5 MB). */
  maxRequestBytes?: number;
  /** Cells per read request (default 1,000,000; Excel allows 5 million). */
  maxCellsPerRead?: number;
}

type WritableCell = string | number | boolean;

/** Excel's error code when a response is over the payload limit; the read is retried with fewer rows. */
const RESPONSE_TOO_LARGE = "ResponsePayloadSizeLimitExceeded";

/**
 * Queues the loads of `rows` rows and syncs once. When Excel answers that the response is too large
 * (text longer than the chunk estimate allowed for), the same read is asked again with half the rows,
 * down to one row. Returns what was loaded and how many rows it covers.
 */
async function loadHalvingWhenTooLarge<T>(
  context: Excel.RequestContext,
  rows: number,
  queueLoads: (rows: number) => T,
): Promise<{ loaded: T; rows: number }> {
  for (;;) {
    const loaded = queueLoads(rows);
    try {
      await context.sync();
      return { loaded, rows };
    } catch (error) {
      if (errorCode(error) !== RESPONSE_TOO_LARGE || rows === 1) throw error;
      rows = Math.ceil(rows / 2);
    }
  }
}

/** Rows of the first read chunk, whose measured size sets the size of the following chunks. */
export const READ_PROBE_ROWS = 1000;

/** The ExcelApi requirement set that brought `Excel.run({ mergeUndoGroup: true })`. */
export const MERGE_UNDO_API_VERSION = "1.20";

export class OfficeWorkbook implements Workbook {
  private readonly limits: OfficeLimits;
  /** The request context of an `asOneUndoStep`, or null: each call then runs its own `Excel.run`. */
  private context: Excel.RequestContext | null = null;

  constructor(options: OfficeWorkbookOptions = {}) {
    this.limits = {
      maxRequestBytes: options.maxRequestBytes ?? DEFAULT_OFFICE_LIMITS.maxRequestBytes,
      maxCellsPerRead: options.maxCellsPerRead ?? DEFAULT_OFFICE_LIMITS.maxCellsPerRead,
    };
    if (!(this.limits.maxRequestBytes > 0) || !(this.limits.maxCellsPerRead > 0)) {
      throw new RangeError("OfficeWorkbook limits must be positive numbers.");
    }
  }

  /** The rows per read chunk this workbook starts with for `columnCount` columns. */
  rowsPerReadChunk(columnCount: number): number {
    return readChunkRows(columnCount, this.limits);
  }

  async locateTable(): Promise<TableInfo | null> {
    return this.run(async (context) => {
      const selection = context.workbook.getSelectedRange();
      const sheet = selection.worksheet;
      sheet.load("name");
      sheet.protection.load("protected");
      const tables = selection.getTables(false);
      tables.load("items/name");
      const region = supportsExcelApi("1.13")
        ? selection.getSurroundingRegion()
        : sheet.getUsedRangeOrNullObject(true);
      region.load("rowIndex,columnIndex,rowCount,columnCount");
      await context.sync();

      const sheetName = sheet.name;
      const sheetProtected = sheet.protection.protected;
      if (tables.items.length > 0) {
        const table = tables.items[0];
        const header = table.getHeaderRowRange();
        header.load("rowIndex,columnIndex,columnCount,values");
        const body = table.getDataBodyRange();
        body.load("rowCount");
        const visible = body.getColumn(0).getVisibleView();
        visible.load("rowCount");
        await context.sync();
        return {
          sheet: sheetName,
          tableName: table.name,
          headerRow: header.rowIndex,
          firstColumn: header.columnIndex,
          columnCount: header.columnCount,
          rowCount: body.rowCount,
          headers: header.values[0] as CellValue[],
          sheetProtected,
          hiddenRowCount: body.rowCount - visible.rowCount,
        };
      }

      if (region.isNullObject) return null;
      const header = region.getRow(0);
      header.load("values");
      const dataRows = region.rowCount - 1;
      const visible =
        dataRows > 0
          ? sheet.getRangeByIndexes(region.rowIndex + 1, region.columnIndex, dataRows, 1).getVisibleView()
          : null;
      visible?.load("rowCount");
      await context.sync();
      const headers = header.values[0] as CellValue[];
      if (dataRows === 0 && headers.every(isBlank)) return null;
      return {
        sheet: sheetName,
        tableName: null,
        headerRow: region.rowIndex,
        firstColumn: region.columnIndex,
        columnCount: region.columnCount,
        rowCount: dataRows,
        headers,
        sheetProtected,
        hiddenRowCount: visible ? dataRows - visible.rowCount : 0,
      };
    });
  }

  /**
   * Reads the data cells of the given columns, all columns of a chunk in one request.
   * A first probe of {@link READ_PROBE_ROWS} rows measures the cells; then chunks of
   * {@link readChunkRows} rows, fewer when the text read so far is longer than assumed; a chunk Excel
   * still finds too large is retried with half the rows.
   * Round trips: 1 + ⌈(rowCount − 1000) / rowsPerChunk⌉ (plus one per retry), e.g. 10 for
   * 1,048,576 rows of one numeric column (1 + ⌈1,047,576 / 125,000⌉ = 1 + 9).
   */
  async readColumns(
    table: TableInfo,
    columns: readonly number[],
    io: IoOptions = {},
  ): Promise<CellValue[][]> {
    const result: CellValue[][] = columns.map(() => []);
    const total = table.rowCount;
    if (columns.length === 0 || total === 0) return result;
    return this.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(table.sheet);
      const firstRow = table.headerRow + 1;
      let bytesPerCell = ASSUMED_READ_BYTES_PER_CELL;
      let done = 0;
      io.onProgress?.(0, total);
      while (done < total) {
        throwIfAborted(io.signal);
        // The first chunk is a small probe: it measures the text before a full-size chunk is asked for.
        const chunkRows = readChunkRows(columns.length, this.limits, bytesPerCell);
        const wanted = Math.min(total - done, done === 0 ? Math.min(chunkRows, READ_PROBE_ROWS) : chunkRows);
        const { loaded: chunk, rows } = await loadHalvingWhenTooLarge(context, wanted, (count) =>
          columns.map((column) =>
            sheet.getRangeByIndexes(firstRow + done, table.firstColumn + column, count, 1).load("values"),
          ),
        );
        let bytes = 0;
        chunk.forEach((range, index) => {
          const target = result[index];
          for (const row of range.values) {
            const value = row[0] as CellValue;
            bytes += cellJsonBytes(value) + CELL_ARRAY_OVERHEAD_BYTES;
            target.push(value);
          }
        });
        bytesPerCell = nextReadBytesPerCell(bytesPerCell, bytes, rows * columns.length);
        done += rows;
        io.onProgress?.(done, total);
      }
      return result;
    });
  }

  /**
   * Looks for non-empty cells only where the sheet has any: the block is first cut down to its
   * overlap with the sheet's used range (one small request), and only that overlap is read, in chunks,
   * by `formulas` — so a formula showing "" counts as non-empty (overwriting it would lose it).
   */
  async findNonEmptyCells(block: Block, limit: number, io: IoOptions = {}): Promise<string[]> {
    const found: string[] = [];
    if (limit <= 0 || block.rowCount <= 0 || block.columnCount <= 0) return found;
    return this.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(block.sheet);
      const area = await usedPartOf(context, sheet, block);
      if (area === null) return found;
      const chunkRows = readChunkRows(area.columnCount, this.limits);
      io.onProgress?.(0, area.rowCount);
      for (let start = 0; start < area.rowCount && found.length < limit; start += chunkRows) {
        throwIfAborted(io.signal);
        const rows = Math.min(chunkRows, area.rowCount - start);
        const range = sheet.getRangeByIndexes(area.row + start, area.column, rows, area.columnCount);
        range.load("formulas");
        await context.sync();
        range.formulas.forEach((cells, r) =>
          cells.forEach((cell, c) => {
            if (found.length < limit && !isBlank(cell as CellValue)) {
              found.push(qualifiedCellAddress(block.sheet, area.row + start + r, area.column + c));
            }
          }),
        );
        io.onProgress?.(start + rows, area.rowCount);
      }
      return found;
    });
  }

  async sheetNames(): Promise<string[]> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      await context.sync();
      return sheets.items.map((sheet) => sheet.name);
    });
  }

  /**
   * Writes the new columns right of the table. An Excel table gets them as table columns
   * (`TableColumnCollection.add` with the header as name); a plain range gets the header cells and
   * the data cells beside it. Data go by row chunks, each chunk one request under the byte budget,
   * with the calculation suspended until that request is done.
   */
  async appendColumns(table: TableInfo, columns: readonly NewColumn[], io: IoOptions = {}): Promise<void> {
    if (columns.length === 0) return;
    const prepared = columns.map((column) => prepareColumn(column, table.rowCount));
    await this.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(table.sheet);
      const startColumn = table.firstColumn + table.columnCount;
      const firstRow = table.headerRow + 1;
      let headerBytes: number;
      if (table.tableName !== null) {
        const excelTable = context.workbook.tables.getItem(table.tableName);
        // `index` omitted (sent as null) adds the column at the end of the table.
        for (const column of columns) excelTable.columns.add(undefined, undefined, column.header);
        headerBytes = columns.reduce((sum, column) => sum + cellJsonBytes(column.header), 0);
      } else {
        const headerCells = [columns.map((column) => cellForValues(column.header))];
        sheet.getRangeByIndexes(table.headerRow, startColumn, 1, columns.length).values = headerCells;
        headerBytes = utf8Length(JSON.stringify(headerCells));
      }
      const rowBytes = (row: number): number =>
        prepared.reduce((sum, column) => sum + column.bytesOfRow(row), 0);
      const arraysPerChunk = prepared.reduce((sum, column) => sum + column.arrays, 0);
      await this.writeRowsInChunks(
        context,
        table.rowCount,
        rowBytes,
        headerBytes,
        io,
        (start, end) => {
          prepared.forEach((column, index) => {
            const range = sheet.getRangeByIndexes(firstRow + start, startColumn + index, end - start, 1);
            column.queueWrite(range, start, end);
          });
        },
        arraysPerChunk,
      );
    });
  }

  async removeColumns(table: TableInfo, headers: readonly string[], block: Block): Promise<void> {
    await this.run(async (context) => {
      if (table.tableName === null) {
        if (block.rowCount <= 0 || block.columnCount <= 0) return;
        const sheet = context.workbook.worksheets.getItem(block.sheet);
        // Contents only: the cells were empty before the run, and formats the user gave them stay.
        sheet.getRangeByIndexes(block.row, block.column, block.rowCount, block.columnCount).clear("Contents");
        await context.sync();
        return;
      }
      const excelTable = context.workbook.tables.getItemOrNullObject(table.tableName);
      // `isNullObject` is known after the sync without loading anything (the *OrNullObject pattern).
      await context.sync();
      if (excelTable.isNullObject || headers.length === 0) return;
      const found = headers.map((header) => excelTable.columns.getItemOrNullObject(header));
      await context.sync();
      const present = found.filter((column) => !column.isNullObject);
      if (present.length === 0) return;
      present.forEach((column) => column.delete());
      await context.sync();
    });
  }

  /**
   * What the block holds, formulas apart from constants, so a failed run can put it back. Only the
   * block's overlap with the sheet's used range is read (the rest is empty: the snapshot's `block`
   * is that overlap), in row chunks that load `formulas` and `values` together, each chunk one request
   * sized like {@link readColumns}'s (every cell counted twice) and halved if Excel finds it too large.
   *
   * A cell is a formula when its `formulas` entry is a string starting with "=" that differs from its
   * value; a text constant such as "=not a formula" reads the same through both and stays text. Two
   * cases Office.js cannot tell apart this way are kept as constants: a formula showing exactly its
   * own text (=A1 where A1 holds the text "=A1"), and a typed error value such as #N/A (restored as
   * the text "#N/A").
   *
   * Round trips: 1 (used range) + ⌈rows / rowsPerChunk⌉, rowsPerChunk = readChunkRows(2 · columns).
   */
  async snapshotCells(block: Block, io: IoOptions = {}): Promise<CellSnapshot> {
    const nothing: CellSnapshot = { block: { ...block, rowCount: 0, columnCount: 0 }, columns: [] };
    if (block.rowCount <= 0 || block.columnCount <= 0) return nothing;
    return this.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(block.sheet);
      const area = await usedPartOf(context, sheet, block);
      if (area === null) return nothing;
      const columns: CellSnapshot["columns"] = Array.from({ length: area.columnCount }, () => ({
        values: [],
        formulas: [],
      }));
      const cellsPerRow = 2 * area.columnCount;
      let bytesPerCell = ASSUMED_READ_BYTES_PER_CELL;
      let done = 0;
      io.onProgress?.(0, area.rowCount);
      while (done < area.rowCount) {
        throwIfAborted(io.signal);
        const wanted = Math.min(area.rowCount - done, readChunkRows(cellsPerRow, this.limits, bytesPerCell));
        const { loaded: chunk, rows } = await loadHalvingWhenTooLarge(context, wanted, (count) =>
          sheet
            .getRangeByIndexes(area.row + done, area.column, count, area.columnCount)
            .load("formulas,values"),
        );
        const values = chunk.values as CellValue[][];
        let bytes = 0;
        (chunk.formulas as CellValue[][]).forEach((formulaRow, r) =>
          formulaRow.forEach((formula, c) => {
            const value = values[r][c];
            bytes += cellJsonBytes(formula) + cellJsonBytes(value) + 2 * CELL_ARRAY_OVERHEAD_BYTES;
            const isFormula = typeof formula === "string" && formula.startsWith("=") && formula !== value;
            columns[c].formulas.push(isFormula ? (formula as string) : null);
            columns[c].values.push(isFormula || isBlank(value) ? null : value);
          }),
        );
        bytesPerCell = nextReadBytesPerCell(bytesPerCell, bytes, rows * cellsPerRow);
        done += rows;
        io.onProgress?.(done, area.rowCount);
      }
      return { block: area, columns };
    });
  }

  /**
   * Writes a snapshot back in row chunks, each one request within the byte budget: constants through
   * `values`, text escaped by {@link cellForValues} so it stays text and empty cells as "" (cleared);
   * formulas through `formulas`. Each array holds null where the other one writes, and null leaves a
   * cell as it is ("Use null in 2-D arrays to leave specific cells unchanged while updating others",
   * learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-blank-null-values). Only chunks that
   * hold a formula send the formulas array.
   */
  async restoreCells(snapshot: CellSnapshot, io: IoOptions = {}): Promise<void> {
    const { block, columns } = snapshot;
    if (block.rowCount <= 0 || block.columnCount <= 0) return;
    const valueRows: (WritableCell | null)[][] = [];
    const formulaRows: (string | null)[][] = [];
    for (let r = 0; r < block.rowCount; r++) {
      valueRows.push(
        columns.map((column) => (column.formulas[r] !== null ? null : cellForValues(column.values[r]))),
      );
      formulaRows.push(columns.map((column) => column.formulas[r]));
    }
    const hasFormula = (rows: (string | null)[][]): boolean =>
      rows.some((row) => row.some((f) => f !== null));
    const withFormulas = hasFormula(formulaRows);
    // Budget as if every chunk sent both arrays when any formula is there: a little conservative.
    const rowBytes = (row: number): number =>
      utf8Length(JSON.stringify(valueRows[row])) +
      1 +
      (withFormulas ? utf8Length(JSON.stringify(formulaRows[row])) + 1 : 0);
    await this.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(block.sheet);
      await this.writeRowsInChunks(
        context,
        block.rowCount,
        rowBytes,
        0,
        io,
        (start, end) => {
          const range = sheet.getRangeByIndexes(
            block.row + start,
            block.column,
            end - start,
            block.columnCount,
          );
          range.values = valueRows.slice(start, end);
          const formulas = formulaRows.slice(start, end);
          if (hasFormula(formulas)) range.formulas = formulas;
        },
        withFormulas ? 2 : 1,
      );
    });
  }

  /** Adds the sheet, its cells (chunked like any write), number formats and charts. */
  async addSheet(content: SheetContent): Promise<void> {
    await this.run(async (context) => {
      const sheet = context.workbook.worksheets.add(content.name);
      const width = content.cells.reduce((max, row) => Math.max(max, row.length), 0);
      if (width > 0) {
        const grid = content.cells.map((row) =>
          Array.from({ length: width }, (_, c) => cellForValues(c < row.length ? row[c] : null)),
        );
        const rowBytes = (row: number): number => utf8Length(JSON.stringify(grid[row])) + 1;
        await this.writeRowsInChunks(context, grid.length, rowBytes, 0, {}, (start, end) => {
          sheet.getRangeByIndexes(start, 0, end - start, width).values = grid.slice(start, end);
        });
      }
      const formats = (content.numberFormats ?? []).filter(
        ({ block }) => block.rowCount > 0 && block.columnCount > 0,
      );
      const formatRowBytes = formats.map(
        ({ block, format }) => utf8Length(JSON.stringify(Array(block.columnCount).fill(format))) + 1,
      );
      const totalFormatBytes = formats.reduce(
        (sum, { block }, i) => sum + block.rowCount * formatRowBytes[i],
        0,
      );
      if (totalFormatBytes <= this.limits.maxRequestBytes) {
        // A summary's few format blocks fit one request: queue them all and send them with the charts.
        for (const { block, format } of formats) {
          sheet.getRangeByIndexes(block.row, block.column, block.rowCount, block.columnCount).numberFormat =
            Array.from({ length: block.rowCount }, () => Array(block.columnCount).fill(format));
        }
      } else {
        for (const [i, { block, format }] of formats.entries()) {
          const formatRow = Array.from({ length: block.columnCount }, () => format);
          await this.writeRowsInChunks(
            context,
            block.rowCount,
            () => formatRowBytes[i],
            0,
            {},
            (start, end) => {
              const range = sheet.getRangeByIndexes(
                block.row + start,
                block.column,
                end - start,
                block.columnCount,
              );
              range.numberFormat = Array.from({ length: end - start }, () => formatRow);
            },
          );
        }
      }
      (content.charts ?? []).forEach((spec) => addChart(sheet, spec));
      await context.sync();
    });
  }

  async deleteSheet(name: string): Promise<void> {
    await this.run(async (context) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(name);
      await context.sync();
      if (sheet.isNullObject) return;
      sheet.delete();
      await context.sync();
    });
  }

  /**
   * One `Excel.run` for all of `work`: with `mergeUndoGroup: true` where ExcelApi 1.20 is supported,
   * so every `context.sync()` inside becomes ONE entry of Excel's undo ("When true, all
   * `context.sync()` calls in a single `Excel.run` are merged into one `undo` group",
   * Excel.RunOptions.mergeUndoGroup). Elsewhere a plain `Excel.run`, and the workflow's own record of
   * what it added is the way back.
   */
  async asOneUndoStep<T>(work: (wb: Workbook) => Promise<T>): Promise<T> {
    if (this.context !== null) return work(this);
    const batch = (context: Excel.RequestContext): Promise<T> => work(this.boundTo(context));
    return supportsExcelApi(MERGE_UNDO_API_VERSION)
      ? Excel.run({ mergeUndoGroup: true }, batch)
      : Excel.run(batch);
  }

  /** Document settings (`Office.context.document.settings`), saved in the workbook. */
  async readSetting(key: string): Promise<string | null> {
    const value: unknown = Office.context.document.settings.get(key);
    if (value === null || value === undefined) return null;
    return typeof value === "string" ? value : String(value);
  }

  async writeSetting(key: string, value: string | null): Promise<void> {
    const settings = Office.context.document.settings;
    if (value === null) settings.remove(key);
    else settings.set(key, value);
    await new Promise<void>((resolve, reject) => {
      settings.saveAsync((result) => {
        if (result.status === Office.AsyncResultStatus.Failed) {
          reject(new Error(`Could not save the setting "${key}": ${result.error.message}`));
        } else {
          resolve();
        }
      });
    });
  }

  /** A copy of this workbook bound to one request context (see asOneUndoStep). */
  private boundTo(context: Excel.RequestContext): OfficeWorkbook {
    const bound = new OfficeWorkbook(this.limits);
    bound.context = context;
    return bound;
  }

  private run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    return this.context !== null ? batch(this.context) : Excel.run(batch);
  }

  /**
   * Writes rows [0, rowCount) in chunks: each chunk's writes are queued by `queueRows(start, end)`
   * and sent in one `context.sync()`, after suspending the calculation until that sync. Chunks are cut
   * by {@link nextWriteChunkEnd} so that `pendingBytes` (writes queued before, e.g. headers) plus the
   * chunk's bytes stay within the request budget. `rowBytes` counts a row with its brackets and
   * comma; each of the chunk's `arraysPerChunk` 2-D arrays adds one byte more (`[` `]` around it,
   * no comma after its last row: `[[1],[2]]` is 9 bytes, 2 · 4 + 1), so that much is kept back.
   * At least one sync is made even for 0 rows, so queued header writes are sent.
   */
  private async writeRowsInChunks(
    context: Excel.RequestContext,
    rowCount: number,
    rowBytes: (row: number) => number,
    pendingBytes: number,
    io: IoOptions,
    queueRows: (start: number, end: number) => void,
    arraysPerChunk = 1,
  ): Promise<void> {
    const suspend = supportsExcelApi("1.6");
    let start = 0;
    let alreadyQueued = pendingBytes;
    io.onProgress?.(0, rowCount);
    do {
      throwIfAborted(io.signal);
      const budget = Math.max(1, this.limits.maxRequestBytes - alreadyQueued - arraysPerChunk);
      const end = nextWriteChunkEnd(start, rowCount, rowBytes, budget, this.limits.maxCellsPerRead);
      if (end > start) queueRows(start, end);
      if (suspend) context.workbook.application.suspendApiCalculationUntilNextSync();
      await context.sync();
      alreadyQueued = 0;
      start = end;
      io.onProgress?.(start, rowCount);
    } while (start < rowCount);
  }
}

/** A new column made ready to write: its cells escaped once, and its bytes per row known. */
interface PreparedColumn {
  bytesOfRow(row: number): number;
  /** 2-D arrays each chunk of this column sends: its cells, and its number formats if it has one. */
  arrays: number;
  queueWrite(range: Excel.Range, start: number, end: number): void;
}

function prepareColumn(column: NewColumn, rowCount: number): PreparedColumn {
  const hasValues = column.values !== undefined;
  const hasFormulas = column.formulas !== undefined;
  if (hasValues === hasFormulas) {
    throw new TypeError(`Column "${column.header}" must have exactly one of values or formulas.`);
  }
  const cells: readonly WritableCell[] = column.values ? column.values.map(cellForValues) : column.formulas!;
  if (cells.length !== rowCount) {
    throw new RangeError(`Column "${column.header}" has ${cells.length} cells for ${rowCount} table rows.`);
  }
  const format = column.numberFormat;
  const formatBytes = format === undefined ? 0 : cellJsonBytes(format) + CELL_ARRAY_OVERHEAD_BYTES;
  return {
    bytesOfRow: (row) => cellJsonBytes(cells[row]) + CELL_ARRAY_OVERHEAD_BYTES + formatBytes,
    arrays: format === undefined ? 1 : 2,
    queueWrite(range, start, end) {
      const slice: WritableCell[][] = [];
      for (let row = start; row < end; row++) slice.push([cells[row]]);
      if (hasFormulas) range.formulas = slice;
      else range.values = slice;
      if (format !== undefined) range.numberFormat = slice.map(() => [format]);
    },
  };
}

/** Excel's chart type for each kind (a "pareto" starts as columns; its second series becomes a line). */
const CHART_TYPES: Record<ChartSpec["kind"], "Pie" | "ColumnClustered" | "BarClustered" | "Line"> = {
  pie: "Pie",
  column: "ColumnClustered",
  bar: "BarClustered",
  line: "Line",
  pareto: "ColumnClustered",
};

/** Queues one native chart; a "pareto" chart's second series becomes a line on the secondary axis. */
function addChart(sheet: Excel.Worksheet, spec: ChartSpec): void {
  if (spec.series.length === 0) throw new RangeError(`Chart "${spec.title}" has no series.`);
  const rangeOf = (block: Block): Excel.Range =>
    sheet.getRangeByIndexes(block.row, block.column, block.rowCount, block.columnCount);
  const categories = rangeOf(spec.categories);
  const [first, ...others] = spec.series;
  const chart = sheet.charts.add(CHART_TYPES[spec.kind], rangeOf(first.values), "Columns");
  chart.title.text = spec.title;
  const firstSeries = chart.series.getItemAt(0);
  firstSeries.name = first.name;
  firstSeries.setXAxisValues(categories);
  others.forEach((other, index) => {
    const series = chart.series.add(other.name);
    series.setValues(rangeOf(other.values));
    series.setXAxisValues(categories);
    if (spec.kind === "pareto" && index === 0) {
      series.chartType = "Line";
      series.axisGroup = "Secondary";
    }
  });
  const { row, column, rowCount, columnCount } = spec.anchor;
  chart.setPosition(
    cellAddress(row, column),
    cellAddress(row + Math.max(1, rowCount) - 1, column + Math.max(1, columnCount) - 1),
  );
}

function supportsExcelApi(version: string): boolean {
  const requirements = typeof Office === "undefined" ? undefined : Office.context?.requirements;
  return requirements !== undefined && requirements.isSetSupported("ExcelApi", version);
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DOMException("The operation was cancelled.", "AbortError");
}

function errorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
}

/**
 * The part of `block` inside the sheet's used range (one small request), or null when they do not
 * overlap: cells outside the used range are empty, so nothing there needs reading.
 */
async function usedPartOf(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  block: Block,
): Promise<Block | null> {
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("rowIndex,columnIndex,rowCount,columnCount");
  await context.sync();
  if (used.isNullObject) return null;
  return intersect(block, {
    sheet: block.sheet,
    row: used.rowIndex,
    column: used.columnIndex,
    rowCount: used.rowCount,
    columnCount: used.columnCount,
  });
}

function intersect(a: Block, b: Block): Block | null {
  const row = Math.max(a.row, b.row);
  const column = Math.max(a.column, b.column);
  const rowEnd = Math.min(a.row + a.rowCount, b.row + b.rowCount);
  const columnEnd = Math.min(a.column + a.columnCount, b.column + b.columnCount);
  if (rowEnd <= row || columnEnd <= column) return null;
  return { sheet: a.sheet, row, column, rowCount: rowEnd - row, columnCount: columnEnd - column };
}

// ---- The host: where the pane runs and what it supports ---------------------------------------

/**
 * The ExcelApi version the pane cannot work without, declared in manifest.xml: `Range.getTables`
 * (1.9) finds the Excel table under the selection. Everything it uses is at most 1.9 or checked with
 * `isSetSupported` before use (1.13, 1.20, see the top of this file).
 */
export const REQUIRED_EXCEL_API = "1.9";

/** What Office says about the host once it is ready. */
export interface OfficeHost {
  /** The host Office.onReady reports ("Excel", "Word", …), or null when the page is not in Office. */
  host: string | null;
  /** Office's display language, e.g. "de-DE"; null when Office does not say. */
  displayLanguage: string | null;
  /** Requirement sets the pane needs that this host lacks, named as in the manifest ("ExcelApi 1.9"). */
  missingRequirementSets: string[];
}

/** Whether office.js loaded at all: it comes from Microsoft's CDN, and without a network it does not. */
export function officeScriptLoaded(): boolean {
  return typeof Office !== "undefined";
}

/**
 * Waits for `Office.onReady` — as long as Office takes: a cold start of Excel can take many seconds,
 * and no timer can tell a slow Excel from no Excel — then reads the host, its display language and
 * which required requirement sets it lacks (those only when the host is Excel).
 */
export async function officeHost(): Promise<OfficeHost> {
  const info = await Office.onReady();
  const host = info?.host === null || info?.host === undefined ? null : String(info.host);
  if (host !== "Excel") return { host, displayLanguage: null, missingRequirementSets: [] };
  const language = Office.context?.displayLanguage;
  return {
    host,
    displayLanguage: typeof language === "string" && language !== "" ? language : null,
    missingRequirementSets: supportsExcelApi(REQUIRED_EXCEL_API) ? [] : [`ExcelApi ${REQUIRED_EXCEL_API}`],
  };
}
