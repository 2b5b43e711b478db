/**
 * A large .xlsx file as a {@link Workbook}, read and written as streams so that Excel's maximum of
 * 1,048,576 rows fits in memory. {@link XlsxWorkbook} keeps every cell as an exceljs object (≈ 1.1 GB
 * per 50,000 rows of 14 columns); this class keeps each column of each sheet as typed arrays instead:
 * a kind byte, a Float64 and a 16-bit style index per cell, plus sparse arrays for text and a map for
 * formulas — about 11 bytes per cell plus the text itself, so 1,048,576 × 14 cells take ≈ 160 MB.
 *
 * Reading: exceljs's `stream.xlsx.WorkbookReader` (shared strings and styles cached, one row object
 * at a time). Excel tables are not parsed by that reader: their name and range come from the package
 * parts ({@link readTableParts}); without a table the customer table is the current region around
 * the sheet's first non-empty cell, header = its first row.
 *
 * Writing ({@link save}): exceljs's `stream.xlsx.WorkbookWriter`, one committed row at a time, every
 * original sheet and cell (value, formula, style: number format, font, fill, border, alignment) and
 * the column widths, then the new columns beside the table and the added sheets. What this path cannot
 * keep is listed by {@link lossNotes} for the user (the table object becomes a plain range with a
 * filter; charts, merged cells, conditional formats, … are not copied).
 *
 * Cost: O(cells) time for reading and for writing; memory as above, flat while writing.
 */
import { FileWorkbookBase } from "./fileWorkbookBase";
import { createWriteStream } from "node:fs";
import ExcelJS from "exceljs";
import type { Block, CellValue, IoOptions, NewColumn, SheetContent, TableInfo, Workbook } from "./workbook";
import { cellAddress as encodeAddress, parseCellAddress, qualifiedCellAddress } from "../core/a1";
import { utcDateToSerial as dateToSerial } from "../core/excelDate";
import type { FileTarget } from "./xlsxWorkbook";
import { readColumnWidths, readTableParts, type TablePart } from "./xlsxTableParts";

const BLANK = 0;
const NUMBER = 1;
const TEXT = 2;
const BOOLEAN = 3;
const ERROR = 4;

/** Rows written between two pauses that let the zip stream drain (keeps the writer's memory flat). */
const ROWS_PER_PAUSE = 1000;
/** Sheet XML allowed to wait for the compressor before writing pauses. */
const MAX_ZIP_BACKLOG = 8 * 1024 * 1024;

/** An exceljs style model (numFmt, font, fill, border, alignment, protection), shared by many cells. */
type StyleModel = Partial<ExcelJS.Style>;

/** One column of one sheet, grown by doubling. */
class CellColumn {
  kinds = new Uint8Array(64);
  numbers = new Float64Array(64);
  /** Index into the workbook's style list; 0 = no style. */
  styles = new Uint16Array(64);
  /** Text of TEXT and ERROR cells (and of text formula results), by row. */
  texts: (string | undefined)[] = [];
  /** Formula text (without "="), by row; the cached result sits in kinds/numbers/texts. */
  formulas: Map<number, string> | null = null;

  ensure(row: number): void {
    if (row < this.kinds.length) return;
    let size = this.kinds.length;
    while (size <= row) size *= 2;
    const kinds = new Uint8Array(size);
    kinds.set(this.kinds);
    const numbers = new Float64Array(size);
    numbers.set(this.numbers);
    const styles = new Uint16Array(size);
    styles.set(this.styles);
    this.kinds = kinds;
    this.numbers = numbers;
    this.styles = styles;
  }

  /** What `Range.values` shows: formula cells give their cached result. */
  get(row: number): CellValue {
    if (row >= this.kinds.length) return null;
    switch (this.kinds[row]) {
      case NUMBER:
        return this.numbers[row];
      case TEXT:
      case ERROR:
        return this.texts[row] ?? "";
      case BOOLEAN:
        return this.numbers[row] !== 0;
      default:
        return null;
    }
  }

  /** Empty as Excel's current region sees it: no value (or "") and no formula. */
  isEmpty(row: number): boolean {
    if (row >= this.kinds.length) return true;
    const kind = this.kinds[row];
    if (kind === BLANK || (kind === TEXT && this.texts[row] === "")) return !this.formulas?.has(row);
    return false;
  }
}

/** One sheet as read: its columns and what else of it is kept. */
interface SheetCells {
  name: string;
  state: string;
  columns: (CellColumn | undefined)[];
  /** Rows up to the last one the file holds (1 + last 0-based row index). */
  rowCount: number;
  /** Column widths in characters, by 0-based column (undefined = default). */
  widths: (number | undefined)[];
}

/** The parts of exceljs's streaming worksheet reader this class uses (its typings omit them). */
interface WorksheetStream extends AsyncIterable<ExcelJS.Row> {
  name: string;
  state?: string;
}

/** The reader's model of `xl/workbook.xml` (its typings omit it): the sheets in workbook order. */
interface ReaderState {
  model?: { sheets?: { name: string }[] };
}

export class XlsxStreamWorkbook extends FileWorkbookBase implements Workbook {
  /** Charts the workflow asked for that exceljs cannot write. */
  skippedCharts = 0;
  private readonly added: SheetContent[] = [];
  private pendingColumns: { table: TableInfo; columns: NewColumn[] } | null = null;
  /** The Excel table the customer table came from (written back as a plain range). */
  private sourceTable: TablePart | null = null;

  private constructor(
    private readonly sheets: SheetCells[],
    private readonly styleList: StyleModel[],
    private readonly tables: TablePart[],
    private readonly target: FileTarget,
    /** Cells filled from a shared formula: the reader gives no formula text, only the result. */
    private readonly sharedFormulaCells: number,
  ) {
    super();
  }

  /**
   * Reads every sheet of the file into compact columns. `io.onProgress(rows, NaN)` reports rows read.
   * Rejects with exceljs's error for a file that is not an .xlsx workbook.
   */
  static async open(filePath: string, target: FileTarget = {}, io?: IoOptions): Promise<XlsxStreamWorkbook> {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(filePath, {
      worksheets: "emit",
      sharedStrings: "cache",
      styles: "cache",
      hyperlinks: "ignore",
      entries: "emit",
    });
    const styles = new StyleIndex();
    const sheets: SheetCells[] = [];
    let sharedFormulaCells = 0;
    let rowsRead = 0;
    for await (const worksheet of reader as unknown as AsyncIterable<WorksheetStream>) {
      const sheet: SheetCells = {
        name: worksheet.name,
        state: worksheet.state ?? "visible",
        columns: [],
        rowCount: 0,
        widths: [],
      };
      for await (const row of worksheet) {
        const r = row.number - 1;
        sheet.rowCount = Math.max(sheet.rowCount, r + 1);
        row.eachCell({ includeEmpty: true }, (cell, columnNumber) => {
          const style = styles.indexOf(cell.style as StyleModel | undefined);
          const value = cell.value;
          if (style === 0 && (value === null || value === undefined)) return;
          const column = (sheet.columns[columnNumber - 1] ??= new CellColumn());
          column.ensure(r);
          column.styles[r] = style;
          if (storeValue(column, r, value)) sharedFormulaCells++;
        });
        if (++rowsRead % 65_536 === 0) {
          if (io?.signal?.aborted) throw io.signal.reason ?? new Error("Cancelled");
          io?.onProgress?.(rowsRead, NaN);
        }
      }
      sheets.push(sheet);
    }
    // exceljs's reader parses <cols> but loses it (Column.fromModel is called without the sheet).
    const widths = readColumnWidths(filePath);
    for (const sheet of sheets) sheet.widths = widths.get(sheet.name) ?? [];
    // Worksheets arrive in zip order; the workbook's order is the one in xl/workbook.xml.
    const order = ((reader as unknown as ReaderState).model?.sheets ?? []).map((s) => s.name);
    sheets.sort((a, b) => rank(order, a.name) - rank(order, b.name));
    return new XlsxStreamWorkbook(sheets, styles.list, readTableParts(filePath), target, sharedFormulaCells);
  }

  /**
   * The named table, else the first table of the named (or any) sheet, else the current region
   * around the first non-empty cell of the named (or first) sheet. The result is always a plain range
   * (`tableName` null): the streaming writer cannot write Excel tables, so new columns are plain
   * columns and formulas use A1 references.
   */
  async locateTable(): Promise<TableInfo | null> {
    // Sheet and table names match case-insensitively, as Excel matches them.
    const sheetName = this.target.sheet?.toLowerCase();
    const tableName = this.target.table?.toLowerCase();
    const sheets = sheetName ? this.sheets.filter((s) => s.name.toLowerCase() === sheetName) : this.sheets;
    const part = this.tables.find(
      (t) =>
        (tableName ? t.name.toLowerCase() === tableName : true) && sheets.some((s) => s.name === t.sheet),
    );
    if (part) {
      const sheet = this.sheets.find((s) => s.name === part.sheet);
      const [from, to = from] = part.ref.split(":").map(decodeAddress);
      if (sheet && from && to) {
        this.sourceTable = part;
        const rowCount = to.row - from.row - part.totalsRowCount;
        return this.info(sheet, from.row, from.column, to.column - from.column + 1, Math.max(0, rowCount));
      }
    }
    if (tableName) return null;
    const sheet = sheets[0];
    if (!sheet) return null;
    const region = currentRegion(sheet);
    if (!region) return null;
    return this.info(
      sheet,
      region.top,
      region.left,
      region.right - region.left + 1,
      region.bottom - region.top,
    );
  }

  async readColumns(table: TableInfo, columns: readonly number[], io?: IoOptions): Promise<CellValue[][]> {
    const sheet = this.sheet(table.sheet);
    return columns.map((c) => {
      const column = sheet.columns[table.firstColumn + c];
      const cells = new Array<CellValue>(table.rowCount);
      for (let r = 0; r < table.rowCount; r++) cells[r] = column ? column.get(table.headerRow + 1 + r) : null;
      io?.onProgress?.(table.rowCount, table.rowCount);
      return cells;
    });
  }

  async findNonEmptyCells(block: Block, limit: number): Promise<string[]> {
    const sheet = this.sheets.find((s) => s.name === block.sheet);
    if (!sheet) return [];
    const found: string[] = [];
    const lastRow = Math.min(block.row + block.rowCount, sheet.rowCount);
    for (let r = block.row; r < lastRow && found.length < limit; r++) {
      for (let c = block.column; c < block.column + block.columnCount && found.length < limit; c++) {
        const column = sheet.columns[c];
        if (column && !column.isEmpty(r)) found.push(qualifiedCellAddress(sheet.name, r, c));
      }
    }
    return found;
  }

  async sheetNames(): Promise<string[]> {
    return [...this.sheets.map((s) => s.name), ...this.added.map((s) => s.name)];
  }

  /** The names of the workbook's Excel tables. */
  tableNames(): string[] {
    return this.tables.map((t) => t.name);
  }

  async appendColumns(table: TableInfo, columns: readonly NewColumn[]): Promise<void> {
    const pending = (this.pendingColumns ??= { table, columns: [] });
    pending.columns.push(...columns);
  }

  async removeColumns(_table: TableInfo, headers: readonly string[]): Promise<void> {
    if (!this.pendingColumns) return;
    this.pendingColumns.columns = this.pendingColumns.columns.filter((c) => !headers.includes(c.header));
  }

  async addSheet(content: SheetContent): Promise<void> {
    this.added.push(content);
    this.skippedCharts += content.charts?.length ?? 0;
  }

  async deleteSheet(name: string): Promise<void> {
    const index = this.added.findIndex((sheet) => sheet.name === name);
    if (index >= 0) this.added.splice(index, 1);
  }

  /** What the output lacks compared with the input (and with the in-memory path), for the user. */
  lossNotes(): string[] {
    const notes = [
      "Large-file (streaming) mode: values, formulas, cell styles and column widths were copied; " +
        "merged cells, conditional formats, data validation, comments, hyperlinks (their text is kept), " +
        "rich-text formatting inside cells, row heights, hidden rows, frozen panes, defined names, " +
        "sheet protection, pictures and charts of the input were not.",
    ];
    if (this.sourceTable) {
      notes.push(
        `The Excel table "${this.sourceTable.name}" was written as a plain range with a filter (the streaming ` +
          `writer cannot write tables); formulas that use ${this.sourceTable.name}[…] references will need ` +
          `the table again (select the range, Insert › Table).`,
      );
    }
    if (this.sharedFormulaCells > 0) {
      notes.push(
        `${this.sharedFormulaCells} cell${this.sharedFormulaCells === 1 ? "" : "s"} filled from a shared ` +
          `formula were written as their last calculated values (the streaming reader gives no formula text for them).`,
      );
    }
    return notes;
  }

  /**
   * Writes every sheet (originals first, in order, then the added ones) to `filePath`, one committed
   * row at a time. On failure the stream is closed and the promise rejects; the caller removes the
   * partial file (the CLI writes to a temporary name and renames at the end).
   */
  async save(filePath: string, io?: IoOptions): Promise<void> {
    const out = createWriteStream(filePath);
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    const totalRows = this.sheets.reduce((sum, sheet) => sum + sheet.rowCount, 0);
    let rowsWritten = 0;
    let ws: ExcelJS.Worksheet | null = null;
    const pause = async () => {
      if (io?.signal?.aborted) throw io.signal.reason ?? new Error("Cancelled");
      io?.onProgress?.(rowsWritten, totalRows);
      // Let the zip's deflate catch up: exceljs ignores back-pressure, so without this wait the
      // sheet's XML (≈ 1 GB for a full sheet) would pile up in memory in front of the compressor.
      do await new Promise<void>((resolve) => setTimeout(resolve, 1));
      while (ws && zipBacklog(ws) > MAX_ZIP_BACKLOG);
    };
    try {
      for (const sheet of this.sheets) {
        const added = this.pendingColumns?.table.sheet === sheet.name ? this.pendingColumns : null;
        const sheetWriter = writer.addWorksheet(sheet.name, { state: sheet.state as ExcelJS.WorksheetState });
        ws = sheetWriter;
        sheet.widths.forEach((width, c) => {
          if (width !== undefined && Number.isFinite(width)) sheetWriter.getColumn(c + 1).width = width;
        });
        if (added && this.sourceTable?.sheet === sheet.name) sheetWriter.autoFilter = filterRange(added);
        const lastRow = Math.max(
          sheet.rowCount,
          added ? added.table.headerRow + added.table.rowCount + 1 : 0,
        );
        for (let r = 0; r < lastRow; r++) {
          // Rows are fetched only when they get a cell: a fetched row is written even if empty.
          let row: ExcelJS.Row | null = null;
          const rowAt = () => (row ??= sheetWriter.getRow(r + 1));
          this.writeOriginalCells(rowAt, sheet, r);
          if (added) writeNewCells(rowAt, added, r);
          (row as ExcelJS.Row | null)?.commit();
          if (++rowsWritten % ROWS_PER_PAUSE === 0) await pause();
        }
        sheetWriter.commit();
      }
      for (const content of this.added) writeAddedSheet(writer.addWorksheet(content.name), content);
      await writer.commit();
    } catch (error) {
      out.destroy();
      throw error;
    }
  }

  /** Copies row `r` of `sheet` into the writer's row (fetched through `rowAt` at the first cell). */
  private writeOriginalCells(rowAt: () => ExcelJS.Row, sheet: SheetCells, r: number): void {
    sheet.columns.forEach((column, c) => {
      if (!column || r >= column.kinds.length) return;
      const style = column.styles[r];
      const formula = column.formulas?.get(r);
      const value = column.get(r);
      if (value === null && formula === undefined && style === 0) return;
      const cell = rowAt().getCell(c + 1);
      if (formula !== undefined) {
        cell.value = { formula, result: value ?? undefined } as ExcelJS.CellFormulaValue;
      } else if (column.kinds[r] === ERROR) {
        cell.value = { error: value as ExcelJS.CellErrorValue["error"] };
      } else {
        // A JS string is always a text cell in exceljs, whatever its first character ("=x" stays text).
        cell.value = value;
      }
      if (style !== 0) cell.style = this.styleList[style];
    });
  }

  private sheet(name: string): SheetCells {
    const sheet = this.sheets.find((s) => s.name === name);
    if (!sheet) throw new Error(`The sheet "${name}" does not exist.`);
    return sheet;
  }

  private info(
    sheet: SheetCells,
    headerRow: number,
    firstColumn: number,
    columnCount: number,
    rowCount: number,
  ): TableInfo {
    const headers: CellValue[] = [];
    for (let c = 0; c < columnCount; c++)
      headers.push(sheet.columns[firstColumn + c]?.get(headerRow) ?? null);
    return {
      sheet: sheet.name,
      tableName: null,
      headerRow,
      firstColumn,
      columnCount,
      rowCount,
      headers,
      // Neither is read by the streaming reader; the output is written without protection anyway.
      sheetProtected: false,
      hiddenRowCount: 0,
    };
  }
}

/**
 * Stores one exceljs cell value; returns true for a cell of a shared formula (formula text "").
 * Dates (the reader has already applied the 1904 system where the file uses it) become serial
 * numbers in the 1900 system, which the written workbook uses.
 */
function storeValue(column: CellColumn, r: number, value: ExcelJS.CellValue | undefined): boolean {
  const setText = (text: string, kind = TEXT) => {
    column.kinds[r] = kind;
    column.texts[r] = text;
  };
  const setNumber = (number: number, kind = NUMBER) => {
    column.kinds[r] = kind;
    column.numbers[r] = number;
  };
  if (value === null || value === undefined) return false;
  if (typeof value === "number") setNumber(value);
  else if (typeof value === "string") setText(value);
  else if (typeof value === "boolean") setNumber(value ? 1 : 0, BOOLEAN);
  else if (value instanceof Date) setNumber(dateToSerial(value));
  else if ("error" in value) setText(String(value.error), ERROR);
  else if ("richText" in value) setText(value.richText.map((run) => run.text).join(""));
  else if ("formula" in value || "sharedFormula" in value) {
    const { formula, result } = value as ExcelJS.CellFormulaValue;
    if (typeof result === "number" && Number.isFinite(result)) setNumber(result);
    else if (typeof result === "string") setText(result);
    else if (result instanceof Date) setNumber(dateToSerial(result));
    if (!formula) return true;
    (column.formulas ??= new Map()).set(r, formula);
  } else if ("text" in value) setText(String((value as ExcelJS.CellHyperlinkValue).text));
  return false;
}

/** Interns exceljs style models: one index per distinct style, 0 for "no style". */
class StyleIndex {
  readonly list: StyleModel[] = [{}];
  private readonly byObject = new WeakMap<object, number>();
  private readonly byJson = new Map<string, number>();

  indexOf(style: StyleModel | undefined): number {
    if (!style) return 0;
    const known = this.byObject.get(style);
    if (known !== undefined) return known;
    // The reader shares one model per style id; cells without an id get a fresh (usually empty) one.
    let index = 0;
    if (Object.keys(style).length > 0) {
      const json = JSON.stringify(style);
      index = this.byJson.get(json) ?? this.list.push(style) - 1;
      if (index > 0xffff) throw new Error("The workbook has more than 65,535 cell styles.");
      this.byJson.set(json, index);
    }
    this.byObject.set(style, index);
    return index;
  }
}

/**
 * Excel's current region (Ctrl+*): the smallest rectangle around the sheet's first non-empty cell
 * (top-most row, then left-most) with only empty cells around its border. O(rows × columns) at most.
 */
export function currentRegion(
  sheet: Pick<SheetCells, "columns" | "rowCount">,
): { top: number; bottom: number; left: number; right: number } | null {
  const filled = (r: number, c: number) => {
    const column = c >= 0 ? sheet.columns[c] : undefined;
    return r >= 0 && column !== undefined && !column.isEmpty(r);
  };
  let start: { r: number; c: number } | null = null;
  for (let r = 0; r < sheet.rowCount && !start; r++) {
    for (let c = 0; c < sheet.columns.length; c++) {
      if (filled(r, c)) {
        start = { r, c };
        break;
      }
    }
  }
  if (!start) return null;
  let [top, bottom, left, right] = [start.r, start.r, start.c, start.c];
  const rowTouches = (r: number) => {
    for (let c = left - 1; c <= right + 1; c++) if (filled(r, c)) return true;
    return false;
  };
  const columnTouches = (c: number) => {
    for (let r = top - 1; r <= bottom + 1; r++) if (filled(r, c)) return true;
    return false;
  };
  for (let grown = true; grown;) {
    grown = false;
    while (bottom + 1 < sheet.rowCount && rowTouches(bottom + 1)) [bottom, grown] = [bottom + 1, true];
    while (top > 0 && rowTouches(top - 1)) [top, grown] = [top - 1, true];
    while (right + 1 < sheet.columns.length && columnTouches(right + 1)) [right, grown] = [right + 1, true];
    while (left > 0 && columnTouches(left - 1)) [left, grown] = [left - 1, true];
  }
  return { top, bottom, left, right };
}

/** Writes the new columns' cells of row `r` (header or data); nothing when `r` is outside the table. */
function writeNewCells(
  rowAt: () => ExcelJS.Row,
  added: { table: TableInfo; columns: NewColumn[] },
  r: number,
): void {
  const { table, columns } = added;
  const i = r - table.headerRow - 1;
  if (i < -1 || i >= table.rowCount) return;
  columns.forEach((column, j) => {
    const cell = rowAt().getCell(table.firstColumn + table.columnCount + j + 1);
    if (i === -1) {
      cell.value = column.header;
      return;
    }
    if (column.formulas) {
      cell.value = { formula: column.formulas[i].replace(/^=/, "") } as ExcelJS.CellFormulaValue;
    } else {
      cell.value = column.values?.[i] ?? null;
    }
    if (column.numberFormat) cell.style = formatStyle(column.numberFormat);
  });
}

/**
 * Bytes of sheet XML written but not yet taken by the zip's compressor. Reads exceljs internals (the
 * worksheet's StreamBuf and the PassThrough archiver pipes it into); 0 if they are not there.
 */
function zipBacklog(ws: ExcelJS.Worksheet): number {
  const stream = (ws as unknown as { _stream?: { pipes?: { writableLength?: number }[] } })._stream;
  return stream?.pipes?.[0]?.writableLength ?? 0;
}

/** The summary (or any added) sheet: small, so written whole. */
function writeAddedSheet(ws: ExcelJS.Worksheet, content: SheetContent): void {
  const formats = new Map<string, string>();
  for (const { block, format } of content.numberFormats ?? []) {
    for (let r = block.row; r < block.row + block.rowCount; r++) {
      for (let c = block.column; c < block.column + block.columnCount; c++) formats.set(`${r},${c}`, format);
    }
  }
  const rowCount = Math.max(
    content.cells.length,
    ...[...formats.keys()].map((key) => Number(key.split(",")[0]) + 1),
  );
  for (let r = 0; r < rowCount; r++) {
    const row = ws.getRow(r + 1);
    const width = Math.max(
      content.cells[r]?.length ?? 0,
      ...(content.numberFormats ?? []).map((f) => f.block.column + f.block.columnCount),
    );
    for (let c = 0; c < width; c++) {
      const value = content.cells[r]?.[c] ?? null;
      const format = formats.get(`${r},${c}`);
      if (value === null && format === undefined) continue;
      const cell = row.getCell(c + 1);
      if (value !== null) cell.value = value;
      if (format !== undefined) cell.style = formatStyle(format);
    }
    row.commit();
  }
  ws.commit();
}

const formatStyles = new Map<string, StyleModel>();
/** One shared style object per number format, so the writer's style table sees each once. */
function formatStyle(numFmt: string): StyleModel {
  let style = formatStyles.get(numFmt);
  if (!style) formatStyles.set(numFmt, (style = { numFmt }));
  return style;
}

/** The filter range over the table including the new columns, e.g. "A1:P5001". */
function filterRange({ table, columns }: { table: TableInfo; columns: NewColumn[] }): string {
  const last = table.firstColumn + table.columnCount + columns.length - 1;
  return `${encodeAddress(table.headerRow, table.firstColumn)}:${encodeAddress(table.headerRow + table.rowCount, last)}`;
}

function decodeAddress(address: string): { row: number; column: number } | undefined {
  return parseCellAddress(address) ?? undefined;
}

function rank(order: readonly string[], name: string): number {
  const index = order.indexOf(name);
  return index < 0 ? order.length : index;
}
