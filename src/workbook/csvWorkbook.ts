/**
 * A .csv file as a {@link Workbook} for the command-line runner: one sheet (named after the file,
 * as Excel names it when opening a CSV), one table = every record, the first record = headers.
 *
 * Reading: the file is parsed once into compact columns — a kind byte and a Float64 per cell, text
 * only where a cell is text — so 1,048,576 rows × 14 columns take ≈ 130 MB plus the text cells, not
 * millions of objects. CSV has no types, so a cell is read as Excel reads it: empty → blank; a plain
 * decimal number (`12`, `-3.5`, `1e6`; no thousands separators) → number; an ISO date `yyyy-mm-dd` →
 * its Excel serial number; anything else → text.
 *
 * Writing: {@link save} streams the input file again and writes each record unchanged (same fields,
 * re-quoted only where CSV needs it) followed by the new columns, so the original data survive the
 * round trip exactly. Summary sheets are kept in {@link addedSheets} for the caller to write.
 */
import { qualifiedCellAddress } from "../core/a1";
import { isoToSerial } from "../core/excelDate";
import { CellColumn } from "./cellColumn";
import { FileWorkbookBase } from "./fileWorkbookBase";
import { closeSync, createReadStream, createWriteStream, openSync, readSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse";
import { stringify } from "csv-stringify/sync";
import type { Block, CellValue, IoOptions, NewColumn, SheetContent, TableInfo, Workbook } from "./workbook";

const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Options for reading and writing a CSV file. */
export interface CsvOptions {
  /** Field delimiter; by default sniffed from the first line (`;` when it has more `;` than `,`). */
  delimiter?: string;
  /**
   * Prefix text cells that start with `=`, `+`, `-` or `@` (and are not numbers) with an apostrophe
   * when writing, so Excel opens them as text rather than formulas (OWASP's CSV-injection advice).
   * Off by default: it changes the data.
   */
  protectFormulaText?: boolean;
}

/** Types one CSV field as Excel does when it opens the file, into the column store. */
function setField(column: CellColumn, row: number, field: string): void {
  const trimmed = field.trim();
  if (trimmed === "") column.setBlank(row);
  else if (NUMBER_PATTERN.test(trimmed)) column.setNumber(row, Number(trimmed));
  else {
    const serial = ISO_DATE_PATTERN.test(trimmed) ? isoToSerial(trimmed) : null;
    if (serial !== null) column.setNumber(row, serial);
    else column.setText(row, field);
  }
}

export class CsvWorkbook extends FileWorkbookBase implements Workbook {
  /** Sheets the workflow added (the summary): CSV has one sheet, so the caller writes these apart. */
  readonly addedSheets: SheetContent[] = [];
  /** Columns to append when saving (header + one value or formula per data row). */
  private readonly newColumns: NewColumn[] = [];

  private constructor(
    private readonly filePath: string,
    private readonly delimiter: string,
    private readonly options: CsvOptions,
    private readonly headers: string[],
    private readonly columns: CellColumn[],
    private readonly rowCount: number,
    /** Cells right of the header's width (ragged records), as "Sheet!A1" addresses, at most 100. */
    private readonly overhang: { row: number; column: number }[],
  ) {
    super();
  }

  /** Parses the whole file into compact columns. O(cells) time; see the class comment for memory. */
  static async open(filePath: string, options: CsvOptions = {}, io?: IoOptions): Promise<CsvWorkbook> {
    const delimiter = options.delimiter ?? sniffDelimiter(filePath);
    let headers: string[] = [];
    const columns: CellColumn[] = [];
    const overhang: { row: number; column: number }[] = [];
    let row = -1;
    for await (const record of createReadStream(filePath).pipe(csvParser(delimiter))) {
      const fields = record as string[];
      if (row === -1) {
        headers = fields;
        for (let c = 0; c < fields.length; c++) columns.push(new CellColumn());
      } else {
        const width = Math.min(fields.length, headers.length);
        for (let c = 0; c < width; c++) setField(columns[c], row, fields[c]);
        for (let c = headers.length; c < fields.length && overhang.length < 100; c++) {
          if (fields[c].trim() !== "") overhang.push({ row: row + 1, column: c });
        }
        if (row % 65_536 === 0) {
          if (io?.signal?.aborted) throw io.signal.reason ?? new Error("Cancelled");
          io?.onProgress?.(row, NaN);
        }
      }
      row++;
    }
    return new CsvWorkbook(filePath, delimiter, options, headers, columns, Math.max(0, row), overhang);
  }

  get sheetName(): string {
    return path.basename(this.filePath).replace(/\.[^.]*$/, "") || "Sheet1";
  }

  async locateTable(): Promise<TableInfo | null> {
    if (this.headers.length === 0) return null;
    return {
      sheet: this.sheetName,
      tableName: null,
      headerRow: 0,
      firstColumn: 0,
      columnCount: this.headers.length,
      rowCount: this.rowCount,
      // Typed like any other row (Excel does the same when it opens a CSV), so a file without a
      // header row — first record all numbers — is reported as such, not as unmapped columns.
      headers: this.headers.map((header) =>
        header.trim() === "" ? null : NUMBER_PATTERN.test(header.trim()) ? Number(header.trim()) : header,
      ),
      sheetProtected: false,
      hiddenRowCount: 0,
    };
  }

  async readColumns(table: TableInfo, columns: readonly number[], io?: IoOptions): Promise<CellValue[][]> {
    return columns.map((c) => {
      const column = this.columns[c];
      const cells = new Array<CellValue>(table.rowCount);
      // Sheet row headerRow + 1 + r is data record headerRow + r (the header is record −1 here), so a
      // block of the table's rows (the last few, say) reads as the interface says.
      for (let r = 0; r < table.rowCount; r++) cells[r] = column ? column.get(table.headerRow + r) : null;
      io?.onProgress?.(table.rowCount, table.rowCount);
      return cells;
    });
  }

  async findNonEmptyCells(block: Block, limit: number): Promise<string[]> {
    const found: string[] = [];
    const inBlock = (row: number, column: number) =>
      row >= block.row &&
      row < block.row + block.rowCount &&
      column >= block.column &&
      column < block.column + block.columnCount;
    for (let c = 0; c < this.headers.length && found.length < limit; c++) {
      if (inBlock(0, c) && this.headers[c].trim() !== "") found.push(this.address(0, c));
      for (let r = 0; r < this.rowCount && found.length < limit; r++) {
        if (inBlock(r + 1, c) && this.columns[c].get(r) !== null) found.push(this.address(r + 1, c));
      }
    }
    for (const { row, column } of this.overhang) {
      if (found.length < limit && inBlock(row, column)) found.push(this.address(row, column));
    }
    return found;
  }

  async sheetNames(): Promise<string[]> {
    return [this.sheetName, ...this.addedSheets.map((sheet) => sheet.name)];
  }

  async appendColumns(_table: TableInfo, columns: readonly NewColumn[]): Promise<void> {
    this.newColumns.push(...columns);
  }

  async removeColumns(_table: TableInfo, headers: readonly string[]): Promise<void> {
    for (let i = this.newColumns.length - 1; i >= 0; i--) {
      if (headers.includes(this.newColumns[i].header)) this.newColumns.splice(i, 1);
    }
  }

  async addSheet(content: SheetContent): Promise<void> {
    this.addedSheets.push(content);
  }

  async deleteSheet(name: string): Promise<void> {
    const index = this.addedSheets.findIndex((sheet) => sheet.name === name);
    if (index >= 0) this.addedSheets.splice(index, 1);
  }

  /**
   * Writes the table with the new columns to `outputPath`, streaming the input again record by
   * record (batches of 8,192 rows), in the input's delimiter. Records shorter than the header are
   * padded so the new columns line up.
   */
  async save(outputPath: string, io?: IoOptions): Promise<void> {
    const out = createWriteStream(outputPath);
    const write = (text: string) =>
      new Promise<void>((resolve, reject) => {
        out.once("error", reject);
        if (out.write(text)) resolve();
        else out.once("drain", resolve);
      });
    const width = this.headers.length;
    const protect = this.options.protectFormulaText === true;
    let batch: string[][] = [];
    let row = -1;
    try {
      for await (const record of createReadStream(this.filePath).pipe(csvParser(this.delimiter))) {
        const fields = (record as string[]).slice();
        while (fields.length < width) fields.push("");
        for (const column of this.newColumns) {
          if (row === -1) fields.push(column.header);
          else if (column.formulas) fields.push(column.formulas[row] ?? "");
          else fields.push(formatCell(column.values?.[row] ?? null));
        }
        batch.push(protect ? fields.map(protectText) : fields);
        if (batch.length === 8192) {
          await write(stringify(batch, { delimiter: this.delimiter, record_delimiter: "\r\n" }));
          batch = [];
          if (io?.signal?.aborted) throw io.signal.reason ?? new Error("Cancelled");
          io?.onProgress?.(row, this.rowCount);
        }
        row++;
      }
      if (batch.length > 0)
        await write(stringify(batch, { delimiter: this.delimiter, record_delimiter: "\r\n" }));
    } finally {
      await new Promise<void>((resolve) => out.end(resolve));
    }
  }

  private address(row: number, column: number): string {
    return qualifiedCellAddress(this.sheetName, row, column);
  }
}

/** Writes sheet content (the summary) as CSV text: numbers as JS prints them, blanks empty. */
export function sheetToCsv(content: SheetContent, options: CsvOptions = {}): string {
  const rows = content.cells.map((cells) => cells.map(formatCell));
  const protect = options.protectFormulaText === true;
  return stringify(protect ? rows.map((r) => r.map(protectText)) : rows, {
    delimiter: options.delimiter ?? ",",
    record_delimiter: "\r\n",
  });
}

function formatCell(value: CellValue): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

/** `=1+2` → `'=1+2`; numbers such as `-3` and other text are left alone. */
export function protectText(field: string): string {
  return /^[=+\-@]/.test(field) && !NUMBER_PATTERN.test(field.trim()) ? `'${field}` : field;
}

function csvParser(delimiter: string) {
  return parse({ delimiter, bom: true, relax_column_count: true, skip_empty_lines: false });
}

/** `;` when the first line has more semicolons than commas (European Excel exports), else `,`. */
function sniffDelimiter(filePath: string): string {
  const buffer = Buffer.alloc(65_536);
  const fd = openSync(filePath, "r");
  const length = readSync(fd, buffer, 0, buffer.length, 0);
  closeSync(fd);
  const head = buffer.subarray(0, length).toString("utf8");
  const firstLine = head.split(/\r?\n/, 1)[0] ?? "";
  const count = (ch: string) => firstLine.split(ch).length - 1;
  return count(";") > count(",") ? ";" : count("\t") > count(",") ? "\t" : ",";
}
