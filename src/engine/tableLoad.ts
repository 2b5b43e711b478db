/**
 * One scan of the input into a DuckDB table of the columns a run needs, each row numbered in file
 * order by the scan itself (`cx_row`, 0 = the first data row), and the expressions that read an
 * input column's cells as the workflow reads them. Shared by the segmentation and the order log.
 *
 * File order: CSV rows are numbered by `row_number() OVER ()` directly over `read_csv` (DuckDB
 * documents a window with an empty OVER over a single scan as order-preserving); Parquet rows by
 * `file_row_number`. Never by the loaded table's rowid: measured with DuckDB 1.5, a
 * `CREATE TABLE … AS SELECT` whose projection holds an IN list of 5 or more items (which DuckDB
 * rewrites into a hash join) stored a parallel scan's rows out of file order.
 */
import path from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { csvColumn, csvRelation, type CsvReadOptions } from "./csvSource";
import type { EngineProblem, EngineTable } from "./duckdbEngine";
import { DIALECTS } from "./sqlDialect";

const duckdb = DIALECTS.duckdb;

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}

/**
 * `CREATE TABLE name AS SELECT cx_row, <select>` over the input. CSV: retried without DuckDB's
 * parallel scanner when the file has quoted line breaks, and as Latin-1 when it is not UTF-8.
 * Returns null, or the problem when the file cannot be read.
 */
export async function loadTable(
  connection: DuckDBConnection,
  table: EngineTable,
  select: readonly string[],
  name: string,
  isCancelled: () => boolean = () => false,
): Promise<EngineProblem | null> {
  const columns = select.length > 0 ? `, ${select.join(", ")}` : "";
  const { input } = table;
  if (input.kind === "parquet") {
    try {
      await connection.run(
        `CREATE TABLE ${name} AS SELECT file_row_number AS cx_row${columns} ` +
          `FROM read_parquet(${duckdb.string(input.path)}, file_row_number = true)`,
      );
      return null;
    } catch (error) {
      return { code: "unreadable", message: `${input.path} could not be read: ${firstLine(error)}` };
    }
  }
  const options: CsvReadOptions = { ...(table.csv as CsvReadOptions) };
  for (;;) {
    try {
      // Record 1 of the scan is the header, so data row i is scan row i + 2; the header gets −1.
      await connection.run(
        `CREATE TABLE ${name} AS SELECT * FROM (SELECT cx_scan_row - 2 AS cx_row${columns} ` +
          `FROM (SELECT row_number() OVER () AS cx_scan_row, * FROM ${csvRelation(input.path, options)})) WHERE cx_row >= 0`,
      );
      return null;
    } catch (error) {
      const message = String(error);
      if (options.parallel && /quoted new ?lines/i.test(message)) options.parallel = false;
      else if (options.encoding === "utf-8" && /unicode|utf-?8/i.test(message)) options.encoding = "latin-1";
      else if (isCancelled()) return { code: "cancelled", message: "Cancelled: nothing was written." };
      else {
        return {
          code: "unreadable",
          message: `${path.basename(input.path)} could not be read as CSV: ${firstLine(error)}`,
        };
      }
    }
  }
}

/** Column `column`'s cells as numbers (dates as Excel serials), NULL for blank and text. */
export function cellNumber(table: EngineTable, column: number): string {
  if (table.csv) return `cx_cell_number(${csvColumn(column)})`;
  return parquetNumber(duckdb.identifier(table.headers[column]), table.columnTypes[column]);
}

/** Column `column`'s cells as trimmed text, NULL when blank (numbers as their text in the file). */
export function cellText(table: EngineTable, column: number): string {
  return `nullif(cx_trim(${cellRaw(table, column)}), '')`;
}

/** Column `column`'s cells as the file holds them, as VARCHAR (untrimmed). */
export function cellRaw(table: EngineTable, column: number): string {
  return table.csv ? csvColumn(column) : `CAST(${duckdb.identifier(table.headers[column])} AS VARCHAR)`;
}

/** Whether column `column` holds text (always for CSV). */
export function isTextColumn(table: EngineTable, column: number): boolean {
  return table.csv !== null || /VARCHAR/.test(table.columnTypes[column]);
}

/**
 * A Parquet column as the number the workflow would read from the same cell of a workbook: numbers
 * as doubles, dates and timestamps as Excel serials (1900 system; a timestamp's time as the
 * fraction, read in UTC as `utcDateToSerial` reads date cells), anything else (text, logicals) NULL.
 */
function parquetNumber(column: string, type: string): string {
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
  return "NULL";
}
