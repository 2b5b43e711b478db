/**
 * A Parquet file as a {@link Workbook} for the command-line runner, read and written by DuckDB
 * (embedded, in this process): one sheet named after the file, one table whose headers are the
 * file's column names and whose rows are its rows in file order. The workflow runs on it exactly as
 * on a CSV or .xlsx file (`src/workflow/run.ts`), so a Parquet file gets the same checks, results,
 * notes, messages and summary as the same table in any other file — one code computes them.
 *
 * Cells, as a workbook cell holding the same value would be read:
 * - integer, decimal and floating-point columns → numbers (as doubles; NaN and ±Infinity stay what
 *   they are, and the workflow calls them "not finite");
 * - DATE and TIMESTAMP → Excel serial numbers in the 1900 system (a timestamp's time as the
 *   fraction, in UTC, as `utcDateToSerial` reads date cells; dates before 1900 are blank, as Excel
 *   has no serial for them);
 * - BOOLEAN → TRUE/FALSE; VARCHAR → text (never parsed: a Parquet column's type says what it is);
 *   any other type (lists, structs, blobs…) → its text; NULL → blank.
 *
 * Rows are read in file order by `file_row_number` (DuckDB's own row numbers of a Parquet scan),
 * never left to the scan's order. Output (`save`): every input column with its type, then the new
 * columns (numbers as DOUBLE, labels as VARCHAR), in file order, by one DuckDB `COPY … TO … (FORMAT
 * parquet)`. The summary sheet (a companion, as for CSV) is a UTF-8 CSV file with CRLF line ends,
 * its fields written by the CSV writer's own `fieldText`.
 *
 * Memory: the columns the workflow reads and writes, as JavaScript arrays (16–24 bytes a number),
 * plus DuckDB's working memory, capped by its `memory_limit` (it spills to a temporary folder
 * beyond it). Measured for 10,000,000 rows in the README (Engines).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {
  BOOLEAN,
  DOUBLE,
  DuckDBDataChunk,
  DuckDBInstance,
  INTEGER,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBType,
} from "@duckdb/node-api";
import { serialToIso } from "../core/excelDate";
import { fieldText } from "../workbook/csv/csvFieldText";
import { dateCells } from "../workbook/csv/csvOutput";
import { FileInputError } from "../workbook/fileInputError";
import { type CompanionFile, SingleSheetFileWorkbook } from "../workbook/singleSheetFileWorkbook";
import type {
  Block,
  CellValue,
  IoOptions,
  NewColumn,
  SheetContent,
  TableInfo,
  Workbook,
} from "../workbook/workbook";
import { DIALECTS } from "./sqlDialect";

const duckdb = DIALECTS.duckdb;

/** How DuckDB runs for one file. */
export interface ParquetOptions {
  /**
   * DuckDB's memory limit (default "512MB": DuckDB only streams columns out and joins the results
   * in; see the README's measurements); beyond it DuckDB spills to its temporary folder.
   */
  memoryLimit?: string;
  /** Worker threads (default: DuckDB's, the number of cores). */
  threads?: number;
}

/** Rows per chunk handed to DuckDB's appender (its vector size). */
const CHUNK_ROWS = 2048;

export class ParquetWorkbook extends SingleSheetFileWorkbook implements Workbook {
  private constructor(
    private readonly filePath: string,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly workDirectory: string,
    /** Column names, in file order. */
    readonly columnNames: readonly string[],
    /** DuckDB's type of each column (`DESCRIBE`). */
    readonly columnTypes: readonly string[],
    private readonly rows: number,
  ) {
    super();
  }

  /**
   * Opens `filePath` (reads its schema and row count only). Throws {@link FileInputError} with a
   * one-line message when it is not a Parquet file DuckDB can read. Call {@link close} when done.
   */
  static async open(filePath: string, options: ParquetOptions = {}): Promise<ParquetWorkbook> {
    const workDirectory = mkdtempSync(path.join(os.tmpdir(), "cx-duckdb-"));
    const config: Record<string, string> = {
      memory_limit: options.memoryLimit ?? "512MB",
      temp_directory: workDirectory,
      preserve_insertion_order: "true",
    };
    if (options.threads !== undefined) config.threads = String(options.threads);
    let instance: DuckDBInstance | null = null;
    try {
      // A database file in the run's own folder (removed on close), not ":memory:": DuckDB can then
      // write tables out when they outgrow memory_limit.
      instance = await DuckDBInstance.create(path.join(workDirectory, "run.duckdb"), config);
      const connection = await instance.connect();
      const source = `read_parquet(${duckdb.string(filePath)})`;
      let described: unknown[][];
      let rows: number;
      try {
        described = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`)).getRowsJS();
        rows = Number((await connection.runAndReadAll(`SELECT count(*) FROM ${source}`)).getRowsJS()[0][0]);
      } catch (error) {
        throw new FileInputError(`${filePath} could not be read as Parquet: ${firstLine(error)}`);
      }
      const names = described.map((row) => String(row[0]));
      if (names.some((name) => name.toLowerCase() === "file_row_number")) {
        throw new FileInputError(
          `${filePath} has a column named "file_row_number", the name DuckDB gives the row numbers it keeps the file's order by. Rename that column.`,
        );
      }
      const types = described.map((row) => String(row[1]));
      return new ParquetWorkbook(filePath, instance, connection, workDirectory, names, types, rows);
    } catch (error) {
      instance?.closeSync();
      rmSync(workDirectory, { recursive: true, force: true });
      throw error;
    }
  }

  /** Stops DuckDB and removes its temporary folder. */
  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
    rmSync(this.workDirectory, { recursive: true, force: true });
  }

  get sheetName(): string {
    return path.basename(this.filePath).replace(/\.[^.]*$/, "") || "Sheet1";
  }

  async locateTable(): Promise<TableInfo | null> {
    if (this.columnNames.length === 0) return null;
    return {
      sheet: this.sheetName,
      tableName: null,
      headerRow: 0,
      firstColumn: 0,
      columnCount: this.columnNames.length,
      rowCount: this.rows,
      headers: [...this.columnNames],
      sheetProtected: false,
      hiddenRowCount: 0,
    };
  }

  /**
   * The cells of `columns` for the block's data rows (file rows `headerRow` … `headerRow + rowCount
   * − 1`, since the header is not a row of the file), typed as the module comment says. O(rows).
   */
  async readColumns(table: TableInfo, columns: readonly number[], io?: IoOptions): Promise<CellValue[][]> {
    const first = Math.max(0, table.headerRow);
    const rows = Math.max(0, Math.min(table.rowCount, this.rows - first));
    const cells = columns.map(() => new Array<CellValue>(rows).fill(null));
    if (rows === 0 || columns.length === 0) return cells;
    const expressions = columns.map((c) =>
      cellExpression(duckdb.identifier(this.columnNames[c]), this.columnTypes[c]),
    );
    const result = await this.connection.stream(
      `SELECT file_row_number - ${first} AS cx_row, ${expressions.join(", ")} FROM ${parquetSource(this.filePath)} ` +
        `WHERE file_row_number >= ${first} AND file_row_number < ${first + rows} ORDER BY file_row_number`,
    );
    let row = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (chunk === null || chunk.rowCount === 0) break;
      const vectors = Array.from({ length: columns.length + 1 }, (_, c) => chunk.getColumnVector(c));
      for (let i = 0; i < chunk.rowCount; i++, row++) {
        if (Number(vectors[0].getItem(i)) !== row)
          throw new Error(`internal: Parquet row ${row} out of order`);
        for (let j = 0; j < columns.length; j++) cells[j][row] = vectors[j + 1].getItem(i) as CellValue;
      }
      if (io?.signal?.aborted) throw io.signal.reason ?? new Error("Cancelled");
      io?.onProgress?.(row, rows);
    }
    if (row !== rows) throw new Error(`internal: read ${row} of ${rows} Parquet rows`);
    return cells;
  }

  /** A Parquet file has nothing outside its columns: the new columns always go into empty cells. */
  async findNonEmptyCells(_block: Block, _limit: number): Promise<string[]> {
    return [];
  }

  /**
   * Writes every input column and the new columns to `outputPath` as Parquet, in file order. The new
   * columns go into a DuckDB table first (by the appender, one chunk of 2,048 rows at a time), joined
   * to the input on the row number. O(rows).
   */
  async save(outputPath: string): Promise<void> {
    const q = duckdb.identifier;
    const columns = this.newColumns;
    const types = columns.map((column) => duckDbTypeOf(column.values ?? []));
    await this.connection.run("DROP TABLE IF EXISTS cx_results");
    await this.connection.run(
      `CREATE TABLE cx_results (cx_row INTEGER${columns.map((c, i) => `, ${q(c.header)} ${types[i].toString()}`).join("")})`,
    );
    const appender = await this.connection.createAppender("cx_results");
    const chunk = DuckDBDataChunk.create([INTEGER, ...types], CHUNK_ROWS);
    for (let start = 0; start < this.rows; start += CHUNK_ROWS) {
      const end = Math.min(this.rows, start + CHUNK_ROWS);
      chunk.rowCount = end - start;
      chunk.setColumnValues(
        0,
        Array.from({ length: end - start }, (_, i) => start + i),
      );
      columns.forEach((column, c) => {
        const values = column.values ?? [];
        const slice: (number | string | boolean | null)[] = new Array(end - start);
        for (let r = start; r < end; r++) slice[r - start] = asType(values[r] ?? null, types[c]);
        chunk.setColumnValues(c + 1, slice);
      });
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
    appender.closeSync();
    const added = columns.map((c) => `cx_res.${q(c.header)}`).join(", ");
    await this.connection.run(
      `COPY (SELECT cx_src.* EXCLUDE (file_row_number)${added ? `, ${added}` : ""} ` +
        `FROM ${parquetSource(this.filePath)} AS cx_src ` +
        `LEFT JOIN cx_results AS cx_res ON cx_src.file_row_number = cx_res.cx_row ORDER BY cx_src.file_row_number) ` +
        `TO ${duckdb.string(outputPath)} (FORMAT parquet)`,
    );
  }

  /**
   * The sheets the run added, each as `NAME.<kind>.csv` (UTF-8, CRLF), named as a CSV run names
   * them: the summary, and an order log's per-customer table.
   */
  companions(): CompanionFile[] {
    return this.companionsWrittenBy(writeSheetCsv);
  }

  protected checkNewColumns(columns: readonly NewColumn[]): void {
    for (const column of columns) {
      if (column.formulas)
        throw new FileInputError("A Parquet file cannot hold formulas (--formulas needs .xlsx).");
    }
  }
}

/** `read_parquet` of the file with DuckDB's row numbers. */
function parquetSource(filePath: string): string {
  return `read_parquet(${duckdb.string(filePath)}, file_row_number = true)`;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}

/** DOUBLE for a column of numbers, BOOLEAN for logicals, else VARCHAR (blanks do not decide). */
function duckDbTypeOf(values: readonly CellValue[]): DuckDBType {
  let numbers = false;
  let logicals = false;
  let texts = false;
  for (const value of values) {
    if (typeof value === "number") numbers = true;
    else if (typeof value === "boolean") logicals = true;
    else if (typeof value === "string") texts = true;
  }
  if (texts || (numbers && logicals)) return VARCHAR;
  return logicals ? BOOLEAN : DOUBLE;
}

function asType(value: CellValue, type: DuckDBType): number | string | boolean | null {
  if (value === null) return null;
  if (type === VARCHAR) return typeof value === "string" ? value : fieldText(value, ",");
  return value;
}

/**
 * A column as the cell a workbook would hold: numbers as DOUBLE, dates and timestamps as Excel
 * serials (1900 system, one day less before 1900-03-01 for Excel's 29 February 1900), BOOLEAN and
 * VARCHAR as they are, anything else as its text.
 */
export function cellExpression(column: string, type: string): string {
  if (
    /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/.test(
      type,
    )
  ) {
    return `CAST(${column} AS DOUBLE)`;
  }
  if (type === "DATE") {
    return (
      `CASE WHEN ${column} < DATE '1900-01-01' THEN NULL ` +
      `WHEN ${column} < DATE '1900-03-01' THEN CAST(DATE_DIFF('day', DATE '1899-12-31', ${column}) AS DOUBLE) ` +
      `ELSE CAST(DATE_DIFF('day', DATE '1899-12-30', ${column}) AS DOUBLE) END`
    );
  }
  if (/^TIMESTAMP/.test(type)) {
    // (ms − Date.UTC(1899, 11, 30)) / 86,400,000, one day less before 1900-03-01 (Excel's 1900 leap day).
    const days = `(CAST(epoch_ms(${column}) AS DOUBLE) + 2209161600000) / 86400000`;
    return (
      `CASE WHEN ${column} < TIMESTAMP '1900-01-01' THEN NULL ` +
      `WHEN ${column} < TIMESTAMP '1900-03-01' THEN ${days} - 1 ELSE ${days} END`
    );
  }
  if (type === "BOOLEAN" || type === "VARCHAR") return column;
  return `CAST(${column} AS VARCHAR)`;
}

/**
 * A sheet as CSV text (comma, CRLF, UTF-8), each cell as the CSV writer writes a sheet's cells
 * (`fieldText`, and a date-formatted serial as yyyy-mm-dd, by its `dateCells`).
 */
async function writeSheetCsv(sheet: SheetContent, file: string): Promise<void> {
  const isDate = dateCells(sheet);
  const field = (cell: CellValue, r: number, c: number) =>
    fieldText(typeof cell === "number" && isDate(r, c) ? (serialToIso(cell) ?? cell) : cell, ",");
  const text = sheet.cells
    .map((row, r) => row.map((cell, c) => field(cell, r, c)).join(",") + "\r\n")
    .join("");
  await writeFile(file, text, { flag: "wx" });
}
