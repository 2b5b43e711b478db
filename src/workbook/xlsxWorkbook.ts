/**
 * An .xlsx file as a {@link Workbook}, through exceljs: the whole workbook is loaded, changed in
 * memory and written to a new file, so every cell the run does not add keeps its value, formula and
 * number format, and Excel tables keep their definition (new columns become table columns).
 *
 * Limits of exceljs the caller must know: it cannot write charts (`skippedCharts` counts them), and
 * it keeps every cell as an object (≈ 1 KB each), so files above a few hundred thousand cells need a
 * large heap. Document settings live only in memory (a file run has no "Remove results" later).
 */
import { cellAddress as encodeAddress, parseCellAddress, qualifiedCellAddress } from "../core/a1";
import { utcDateToSerial } from "../core/excelDate";
import { FileWorkbookBase } from "./fileWorkbookBase";
import ExcelJS from "exceljs";
import type { Block, CellValue, IoOptions, NewColumn, SheetContent, TableInfo, Workbook } from "./workbook";

/** Which table to use: an Excel table by name, or a sheet's used region (or its first table). */
export interface FileTarget {
  sheet?: string;
  table?: string;
}

/**
 * What `Range.values` would show for an exceljs cell value: formulas give their cached result (or
 * blank when there is none), rich text its plain text, hyperlinks their text, errors their code.
 */
export function toCellValue(value: ExcelJS.CellValue | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return utcDateToSerial(value);
  if (typeof value === "object") {
    if ("error" in value) return value.error;
    if ("richText" in value) return value.richText.map((run) => run.text).join("");
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null) return null;
      if (typeof result === "object" && !(result instanceof Date))
        return (result as ExcelJS.CellErrorValue).error;
      return toCellValue(result as ExcelJS.CellValue);
    }
    if ("text" in value) return toCellValue((value as ExcelJS.CellHyperlinkValue).text);
  }
  return null;
}

export class XlsxWorkbook extends FileWorkbookBase implements Workbook {
  /** Charts the workflow asked for that exceljs cannot write. */
  skippedCharts = 0;

  private constructor(
    readonly workbook: ExcelJS.Workbook,
    private readonly target: FileTarget,
  ) {
    super();
  }

  /** Reads a file (throws exceljs's error for a file that is not an .xlsx workbook). */
  static async open(filePath: string, target: FileTarget = {}): Promise<XlsxWorkbook> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(filePath);
    return new XlsxWorkbook(workbook, target);
  }

  /** Wraps a workbook already in memory (tests, the sample). */
  static of(workbook: ExcelJS.Workbook, target: FileTarget = {}): XlsxWorkbook {
    return new XlsxWorkbook(workbook, target);
  }

  async save(filePath: string): Promise<void> {
    await this.workbook.xlsx.writeFile(filePath);
  }

  /**
   * The named table; else the first table of the named sheet (or of the workbook); else the named
   * (or first) sheet's used region with its first row as header. Null when that region is empty or
   * the named sheet/table does not exist.
   */
  async locateTable(): Promise<TableInfo | null> {
    // Sheet and table names match case-insensitively, as Excel matches them.
    const wantedSheet = this.target.sheet?.toLowerCase();
    const wantedTable = this.target.table?.toLowerCase();
    const sheets = wantedSheet
      ? this.workbook.worksheets.filter((ws) => ws.name.toLowerCase() === wantedSheet)
      : this.workbook.worksheets;
    for (const sheet of sheets) {
      for (const table of tablesOf(sheet)) {
        const model = tableModel(table);
        if (wantedTable && model.name.toLowerCase() !== wantedTable) continue;
        return this.tableInfo(sheet, model);
      }
    }
    if (this.target.table) return null;
    const sheet = sheets[0];
    return sheet ? this.regionInfo(sheet) : null;
  }

  async readColumns(table: TableInfo, columns: readonly number[], io?: IoOptions): Promise<CellValue[][]> {
    const sheet = this.sheet(table.sheet);
    const result = columns.map(() => new Array<CellValue>(table.rowCount).fill(null));
    for (let r = 0; r < table.rowCount; r++) {
      if (r % 10_000 === 0) checkAbort(io, r, table.rowCount);
      const row = sheet.findRow(table.headerRow + 2 + r);
      if (!row) continue;
      columns.forEach((column, i) => {
        const cell = row.findCell(table.firstColumn + column + 1);
        result[i][r] = cell ? toCellValue(cell.value) : null;
      });
    }
    io?.onProgress?.(table.rowCount, table.rowCount);
    return result;
  }

  async findNonEmptyCells(block: Block, limit: number): Promise<string[]> {
    const sheet = this.workbook.getWorksheet(block.sheet);
    if (!sheet) return [];
    const found: string[] = [];
    for (let r = block.row; r < block.row + block.rowCount && found.length < limit; r++) {
      const row = sheet.findRow(r + 1);
      if (!row) continue;
      for (let c = block.column; c < block.column + block.columnCount && found.length < limit; c++) {
        const cell = row.findCell(c + 1);
        if (cell && cell.value !== null && cell.value !== undefined && cell.value !== "") {
          found.push(qualifiedCellAddress(block.sheet, r, c));
        }
      }
    }
    return found;
  }

  async sheetNames(): Promise<string[]> {
    return this.workbook.worksheets.map((ws) => ws.name);
  }

  /** The names of the workbook's Excel tables, sheet by sheet. */
  tableNames(): string[] {
    return this.workbook.worksheets.flatMap((sheet) =>
      tablesOf(sheet).map((table) => tableModel(table).name),
    );
  }

  async appendColumns(table: TableInfo, columns: readonly NewColumn[], io?: IoOptions): Promise<void> {
    const sheet = this.sheet(table.sheet);
    const headerRow = sheet.getRow(table.headerRow + 1);
    columns.forEach((column, j) => {
      const columnNumber = table.firstColumn + table.columnCount + j + 1;
      headerRow.getCell(columnNumber).value = column.header;
      for (let r = 0; r < table.rowCount; r++) {
        if (r % 10_000 === 0) checkAbort(io, r, table.rowCount);
        const cell = sheet.getRow(table.headerRow + 2 + r).getCell(columnNumber);
        // exceljs stores a JS string as a text cell whatever its first character: "=x" stays text.
        if (column.formulas)
          cell.value = { formula: column.formulas[r].replace(/^=/, "") } as ExcelJS.CellFormulaValue;
        else cell.value = column.values?.[r] ?? null;
        if (column.numberFormat) cell.numFmt = column.numberFormat;
      }
    });
    if (table.tableName) {
      const model = tableModel(this.findTable(sheet, table.tableName));
      for (const column of columns) model.columns.push({ name: column.header, filterButton: true });
      resizeTable(model, model.columns.length);
    }
  }

  async removeColumns(table: TableInfo, headers: readonly string[], block: Block): Promise<void> {
    const sheet = this.workbook.getWorksheet(block.sheet);
    if (!sheet) return;
    for (let r = block.row; r < block.row + block.rowCount; r++) {
      const row = sheet.findRow(r + 1);
      for (let c = block.column; c < block.column + block.columnCount; c++) {
        const cell = row?.findCell(c + 1);
        if (cell) cell.value = null;
      }
    }
    if (table.tableName) {
      const model = tableModel(this.findTable(sheet, table.tableName));
      model.columns = model.columns.filter((column) => !headers.includes(column.name));
      resizeTable(model, model.columns.length);
    }
  }

  async addSheet(content: SheetContent): Promise<void> {
    const sheet = this.workbook.addWorksheet(content.name);
    content.cells.forEach((cells, r) => {
      const row = sheet.getRow(r + 1);
      cells.forEach((value, c) => {
        if (value !== null) row.getCell(c + 1).value = value;
      });
    });
    for (const { block, format } of content.numberFormats ?? []) {
      for (let r = block.row; r < block.row + block.rowCount; r++) {
        for (let c = block.column; c < block.column + block.columnCount; c++) {
          sheet.getCell(r + 1, c + 1).numFmt = format;
        }
      }
    }
    this.skippedCharts += content.charts?.length ?? 0;
  }

  async deleteSheet(name: string): Promise<void> {
    const sheet = this.workbook.getWorksheet(name);
    if (sheet) this.workbook.removeWorksheet(sheet.id);
  }

  private sheet(name: string): ExcelJS.Worksheet {
    const sheet = this.workbook.getWorksheet(name);
    if (!sheet) throw new Error(`The sheet "${name}" does not exist.`);
    return sheet;
  }

  private findTable(sheet: ExcelJS.Worksheet, name: string): ExcelJS.Table {
    const table = tablesOf(sheet).find((t) => tableModel(t).name === name);
    if (!table) throw new Error(`The table "${name}" does not exist on sheet "${sheet.name}".`);
    return table;
  }

  private tableInfo(sheet: ExcelJS.Worksheet, model: TableModel): TableInfo {
    const [from, to] = tableRange(model).split(":").map(decodeAddress);
    const totals = model.totalsRow ? 1 : 0;
    const headerRow = from.row;
    const rowCount = (to ? to.row : from.row) - from.row - totals;
    return this.info(sheet, model.name, headerRow, from.column, model.columns.length, rowCount);
  }

  private regionInfo(sheet: ExcelJS.Worksheet): TableInfo | null {
    let top = Infinity;
    let bottom = -1;
    let left = Infinity;
    let right = -1;
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
        if (cell.value === null || cell.value === "") return;
        top = Math.min(top, rowNumber - 1);
        bottom = Math.max(bottom, rowNumber - 1);
        left = Math.min(left, columnNumber - 1);
        right = Math.max(right, columnNumber - 1);
      });
    });
    if (bottom < 0) return null;
    return this.info(sheet, null, top, left, right - left + 1, bottom - top);
  }

  private info(
    sheet: ExcelJS.Worksheet,
    tableName: string | null,
    headerRow: number,
    firstColumn: number,
    columnCount: number,
    rowCount: number,
  ): TableInfo {
    const header = sheet.findRow(headerRow + 1);
    const headers: CellValue[] = [];
    for (let c = 0; c < columnCount; c++)
      headers.push(toCellValue(header?.findCell(firstColumn + c + 1)?.value));
    let hiddenRowCount = 0;
    for (let r = 0; r < rowCount; r++) if (sheet.findRow(headerRow + 2 + r)?.hidden) hiddenRowCount++;
    const protection = (sheet as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection;
    return {
      sheet: sheet.name,
      tableName,
      headerRow,
      firstColumn,
      columnCount,
      rowCount,
      headers,
      sheetProtected: Boolean(protection?.sheet),
      hiddenRowCount,
    };
  }
}

/** The parts of exceljs's table model this class reads and changes (its typings omit them). */
interface TableModel {
  name: string;
  /** Set on tables created with addTable; a loaded table has only tableRef. */
  ref?: string;
  tableRef?: string;
  autoFilterRef?: string;
  totalsRow?: boolean;
  columns: { name: string; filterButton?: boolean }[];
}

/** exceljs's typings describe `getTables()` wrongly (as pairs); at run time it returns the tables. */
function tablesOf(sheet: ExcelJS.Worksheet): ExcelJS.Table[] {
  return sheet.getTables() as unknown as ExcelJS.Table[];
}

function tableModel(table: ExcelJS.Table): TableModel {
  // A loaded table keeps its model in `table` (a Table wrapper) or is the model itself.
  const wrapped = table as unknown as { table?: TableModel };
  return wrapped.table ?? (table as unknown as TableModel);
}

/**
 * Widens (or narrows) a table's references to `width` columns. Changing the model directly, not
 * through `Table.commit()`, matters: commit rewrites every cell of the table from its row cache,
 * which for a loaded file would replace formulas by values.
 */
function resizeTable(model: TableModel, width: number): void {
  const [from, to] = tableRange(model).split(":").map(decodeAddress);
  const bottom = to ? to.row : from.row;
  const ref = `${encodeAddress(from.row, from.column)}:${encodeAddress(bottom, from.column + width - 1)}`;
  if (model.ref !== undefined) model.ref = ref;
  model.tableRef = ref;
  const filterBottom = model.totalsRow ? bottom - 1 : bottom;
  model.autoFilterRef = `${encodeAddress(from.row, from.column)}:${encodeAddress(filterBottom, from.column + width - 1)}`;
}

/** The table's range including header and totals, e.g. "A1:N5001". */
function tableRange(model: TableModel): string {
  const range = model.tableRef ?? model.ref;
  if (!range) throw new Error(`The table "${model.name}" has no range.`);
  return range;
}

function decodeAddress(address: string): { row: number; column: number } {
  const position = parseCellAddress(address);
  if (position === null) throw new Error(`Not a cell address: ${address}`);
  return position;
}

function checkAbort(io: IoOptions | undefined, done: number, total: number): void {
  if (io?.signal?.aborted) throw io.signal.reason ?? new Error("Cancelled");
  io?.onProgress?.(done, total);
}
