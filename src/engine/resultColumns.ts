/**
 * What an engine hands to a file writer: the result columns to append to every data record of the
 * input, in file order. A CSV writer that keeps the input's bytes (issue 8) streams the input record
 * by record and appends `cell(c, row)` for each column; it never needs the input's cells in memory.
 *
 * So that two parsers of the same file (the engine's and the writer's) can never silently pair a
 * record with another record's results, {@link ResultColumns.alignment} carries the numbers the
 * engine read in one of the input's columns; a writer checks each record against them with
 * {@link misalignedRecord}, and checks the record count at the end.
 */
import { isoToSerial } from "../core/excelDate";
import type { CellValue, NewColumn } from "../workbook/workbook";

export interface ResultColumns {
  /** Headers of the appended columns, left to right, already unique against the input's headers. */
  readonly headers: readonly string[];
  /** Excel number format of each column where one applies (for writers of typed files), else undefined. */
  readonly numberFormats: readonly (string | undefined)[];
  /** Data records (after the header) the columns cover. */
  readonly rowCount: number;
  /** The appended cell of `column` for data record `row` (0-based, file order); null = blank. O(1). */
  cell(column: number, row: number): CellValue;
  /**
   * For each entry: a 0-based column of the input, and per data record the number the engine read
   * there (dates as serials, as the CSV workbook reads them; NaN where the cell is not a number).
   */
  readonly alignment: readonly { inputColumn: number; numbers: Float64Array }[];
}

/** `csvWorkbook.ts`'s number and date patterns (kept private there). */
const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The number a CSV field holds as the CSV workbook types it, or NaN for blank and text.
 *
 * @example csvFieldNumber(" 12.5 ") // => 12.5
 * @example csvFieldNumber("2024-01-31") // => 45322
 * @example csvFieldNumber("12 kg") // => NaN
 */
export function csvFieldNumber(field: string | undefined): number {
  const trimmed = (field ?? "").trim();
  if (trimmed === "") return NaN;
  if (NUMBER_PATTERN.test(trimmed)) return Number(trimmed);
  if (ISO_DATE_PATTERN.test(trimmed)) return isoToSerial(trimmed) ?? NaN;
  return NaN;
}

/**
 * Null when the record's fields agree with what the engine read for data record `row`; otherwise a
 * sentence saying where they differ (the writer must stop: it would append another record's results).
 */
export function misalignedRecord(
  results: ResultColumns,
  row: number,
  fields: readonly string[],
): string | null {
  if (row >= results.rowCount) {
    return `the file has more records than the engine read (${results.rowCount} data rows)`;
  }
  for (const { inputColumn, numbers } of results.alignment) {
    const written = csvFieldNumber(fields[inputColumn]);
    const read = numbers[row];
    if (!(written === read || (Number.isNaN(written) && Number.isNaN(read)))) {
      return `data row ${row + 1}, column ${inputColumn + 1}: the engine read ${read}, the writer sees "${fields[inputColumn] ?? ""}"`;
    }
  }
  return null;
}

/**
 * The columns as {@link NewColumn}s for a {@link Workbook}'s `appendColumns` (materialises one array
 * per column: for tables that fit a workbook, up to Excel's 1,048,576 rows).
 */
export function toNewColumns(results: ResultColumns): NewColumn[] {
  return results.headers.map((header, c) => {
    const values = new Array<CellValue>(results.rowCount);
    for (let r = 0; r < results.rowCount; r++) values[r] = results.cell(c, r);
    const format = results.numberFormats[c];
    return format === undefined ? { header, values } : { header, values, numberFormat: format };
  });
}
