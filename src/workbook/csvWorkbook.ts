/**
 * A CSV (or tab-separated text) file as a {@link Workbook} for the command-line runner: one sheet,
 * named after the file as Excel names it when opening a CSV; one table of every record, the first
 * record (after an optional `sep=` line) being the headers.
 *
 * Reading (`csv/csvText.ts`): the file is read once into memory and indexed by a byte-level record
 * scanner; its encoding comes from its byte-order mark, from being valid UTF-8, or is Windows-1252
 * with a note (`--encoding` names another). Cells are typed the way Excel types them on opening a
 * CSV (`csv/csvCell.ts`), and only for the columns the workflow reads.
 *
 * Writing (`csv/csvOutput.ts`): every input record is copied as its original bytes — quoting, line
 * endings (CRLF, LF, CR, mixed), byte-order mark and encoding included — with the new fields
 * added before its line ending; the summary sheet goes to a companion file in the same dialect.
 */
import { qualifiedCellAddress } from "../core/a1";
import { fieldCell, isBlankField, NUMBER_PATTERN, unquote } from "./csv/csvCell";
import { csvMessages } from "./csv/csvMessages";
import { writeSheet, writeTable } from "./csv/csvOutput";
import { loadCsvText, type CsvText } from "./csv/csvText";
import { fieldBounds } from "./csv/recordScanner";
import type { TextEncoding } from "./csv/textEncoding";
import { type CompanionFile, SingleSheetFileWorkbook } from "./singleSheetFileWorkbook";
import path from "node:path";
import type { Block, CellValue, IoOptions, TableInfo, Workbook } from "./workbook";

/** Options for reading and writing a CSV file. */
export interface CsvOptions {
  /** Field delimiter (one character); by default `sep=`, the file name (.tsv), else sniffed. */
  delimiter?: string;
  /** The file's encoding (`--encoding`); by default detected (see `csv/textEncoding.ts`). */
  encoding?: TextEncoding;
  /**
   * Put `'` before text that Excel would run as a formula (starting with `=`, `+`, `-` or `@`, not a
   * number), in the new columns, the summary and the original fields — only those fields change.
   * Off by default: it changes the data.
   */
  protectFormulaText?: boolean;
}

/** The companion files a CSV run writes, known before the run so their names can be checked first. */
export const CSV_COMPANIONS: readonly string[] = ["summary"];
/** The companions of a run on an order log: the summary and the per-customer table. */
export const CSV_ORDER_LOG_COMPANIONS: readonly string[] = ["summary", "customers"];

export class CsvWorkbook extends SingleSheetFileWorkbook implements Workbook {
  /** A non-ASCII new value written into a plain-ASCII file (so as UTF-8), for a note; else null. */
  private nonAsciiWritten: string | null = null;

  private constructor(
    private readonly filePath: string,
    private readonly text: CsvText,
    private readonly options: CsvOptions,
  ) {
    super();
  }

  /** Reads and indexes the file. O(bytes) time; the file's size plus 20 bytes a record of memory. */
  static async open(filePath: string, options: CsvOptions = {}): Promise<CsvWorkbook> {
    const text = await loadCsvText(filePath, { encoding: options.encoding, delimiter: options.delimiter });
    return new CsvWorkbook(filePath, text, options);
  }

  get sheetName(): string {
    return path.basename(this.filePath).replace(/\.[^.]*$/, "") || "Sheet1";
  }

  /** The delimiter, as a character (for naming the output: tab-separated text is .tsv). */
  get delimiter(): string {
    return String.fromCharCode(this.text.delimiter);
  }

  /** What the user should know about how the file was read and written (its encoding), for the runner's notes. */
  readerNotes(): string[] {
    const notes = this.text.note ? [this.text.note] : [];
    if (this.nonAsciiWritten !== null)
      notes.push(csvMessages.utf8IntoAscii(this.filePath, this.nonAsciiWritten));
    return notes;
  }

  async locateTable(): Promise<TableInfo | null> {
    const { text } = this;
    const bounds = new Float64Array(2 * text.width);
    const count = fieldBounds(
      text.units,
      text.records.starts[0],
      text.records.ends[0],
      text.delimiter,
      bounds,
      text.width,
    );
    const headers: CellValue[] = [];
    for (let c = 0; c < count; c++) {
      const header = unquote(text.codec.decode(bounds[2 * c], bounds[2 * c + 1]));
      const trimmed = header.trim();
      // Typed like a data cell (Excel does the same), so a file without a header row — first record
      // all numbers — is reported as such, not as unmapped columns.
      headers.push(trimmed === "" ? null : NUMBER_PATTERN.test(trimmed) ? Number(trimmed) : header);
    }
    return {
      sheet: this.sheetName,
      tableName: null,
      headerRow: 0,
      firstColumn: 0,
      columnCount: text.width,
      rowCount: text.rowCount,
      headers,
      sheetProtected: false,
      hiddenRowCount: 0,
    };
  }

  /**
   * Types the requested columns of the block's rows (`headerRow + 1` … `headerRow + rowCount`).
   * O(rows × bytes up to the last column).
   */
  async readColumns(table: TableInfo, columns: readonly number[], io?: IoOptions): Promise<CellValue[][]> {
    const { units, records, delimiter, codec, width } = this.text;
    // Sheet row headerRow + 1 + r is record headerRow + 1 + r (record 0 is the header), so a block of
    // the table's rows (its last few, say) reads as the Workbook interface says.
    const first = Math.max(0, table.headerRow);
    const rows = Math.max(0, Math.min(table.rowCount, this.text.rowCount - first));
    const span = Math.min(width, Math.max(0, ...columns) + 1);
    const bounds = new Float64Array(2 * Math.max(1, span));
    const cells = columns.map(() => new Array<CellValue>(rows));
    // `internText`: one string per distinct text, so a column of few distinct keys holds few strings.
    const pool = io?.internText ? new Map<string, string>() : null;
    for (let r = 0; r < rows; r++) {
      const record = first + r + 1;
      const found = fieldBounds(units, records.starts[record], records.ends[record], delimiter, bounds, span);
      for (let j = 0; j < columns.length; j++) {
        const c = columns[j];
        let cell = c < found && c < width ? fieldCell(units, bounds[2 * c], bounds[2 * c + 1], codec) : null;
        if (pool !== null && typeof cell === "string") {
          const pooled = pool.get(cell);
          if (pooled === undefined) pool.set(cell, cell);
          else cell = pooled;
        }
        cells[j][r] = cell;
      }
      if ((r & 0xffff) === 0xffff) {
        if (io?.signal?.aborted) throw io.signal.reason ?? new Error("Cancelled");
        io?.onProgress?.(r, rows);
      }
    }
    io?.onProgress?.(rows, rows);
    return cells;
  }

  /**
   * Non-empty cells inside the block. Right of the table (where the runner writes) only records with
   * more fields than the header can have any, so only those are looked at.
   */
  async findNonEmptyCells(block: Block, limit: number): Promise<string[]> {
    const { units, records, delimiter, codec, width } = this.text;
    const found: string[] = [];
    const lastColumn = block.column + block.columnCount;
    const bounds = new Float64Array(2 * Math.max(1, Math.min(lastColumn, this.text.maxFields)));
    const check = (record: number) => {
      if (record < block.row || record >= block.row + block.rowCount) return;
      const count = fieldBounds(
        units,
        records.starts[record],
        records.ends[record],
        delimiter,
        bounds,
        lastColumn,
      );
      for (let c = block.column; c < Math.min(count, lastColumn) && found.length < limit; c++) {
        if (!isBlankField(units, bounds[2 * c], bounds[2 * c + 1], codec))
          found.push(this.address(record, c));
      }
    };
    if (block.column >= width) {
      for (const record of this.text.longRecords) {
        if (found.length >= limit) break;
        check(record);
      }
    } else {
      const last = Math.min(block.row + block.rowCount, this.text.rowCount + 1);
      for (let record = block.row; record < last && found.length < limit; record++) check(record);
    }
    return found;
  }

  /** Writes the table with the new columns to `outputPath` (see `csv/csvOutput.ts`). O(bytes). */
  async save(outputPath: string, io?: IoOptions): Promise<void> {
    const protect = this.options.protectFormulaText === true;
    const nonAscii = await writeTable(this.text, this.newColumns, protect, outputPath, io);
    this.nonAsciiWritten = this.text.plainAscii ? nonAscii : null;
  }

  /**
   * The files to write beside the output, in the input's dialect: one per sheet the run added, named
   * by its kind (the summary; from an order log also the customers).
   */
  companions(): CompanionFile[] {
    const protect = this.options.protectFormulaText === true;
    return this.companionsWrittenBy((sheet, file) => writeSheet(this.text, sheet, protect, file));
  }

  private address(row: number, column: number): string {
    return qualifiedCellAddress(this.sheetName, row, column);
  }
}
