/**
 * Writing a CSV run's output byte-faithfully: each record of the input is copied as its original
 * bytes, and the new fields are added before its original line ending.
 *
 * For a record with fields f₀ … fₙ₋₁ of a table W fields wide getting k new fields v₀ … vₖ₋₁:
 * - n = W (the normal case): bytes(record) + D + v₀ + … + D + vₖ₋₁ + its own line ending
 *   (CRLF, LF or CR, as that record had it; none for a last line without one);
 * - n < W (a short record): padded with W − n delimiters first, so vᵢ sits in column W + i;
 * - n > W (a long record): Excel would show fields f_W … as cells right of the table, exactly where
 *   the new columns go. The run counts them as non-empty target cells (so without `--force` it
 *   refuses and lists them); when they are blank or the user agreed to overwrite them, vᵢ replaces
 *   f_{W+i} and the fields beyond the new columns, f_{W+k} …, follow unchanged — every new value
 *   sits under its own header, and only the overwritten cells change.
 * - the byte-order mark, a `sep=` line and blank records after the table are copied as they are.
 *
 * The bytes are the input's: nothing is decoded and re-encoded. New fields are encoded in the
 * input's encoding; one it cannot hold is refused (never written as `?`). With `protect`
 * (`--csv-protect`), fields that Excel would run as formulas get a `'` in front — new fields, and
 * original fields too, because the user asked for a file that opens safely: only those fields
 * change (the `'` goes right after an opening quote), every other byte stays.
 */
import { isAscii } from "node:buffer";
import { serialToIso } from "../../core/excelDate";
import type { CellValue, NewColumn, SheetContent } from "../workbook";
import { FileInputError } from "../fileInputError";
import { ChunkedWriter } from "./chunkedWriter";
import { fieldCell } from "./csvCell";
import { csvMessages } from "./csvMessages";
import { fieldText } from "./csvFieldText";
import type { CsvText } from "./csvText";
import { fieldBounds, QUOTE } from "./recordScanner";

/** Distinct new values whose bytes are remembered (labels repeat; numbers mostly do not). */
const CACHE_LIMIT = 4096;

/** Progress and cancellation while writing, as `IoOptions`. */
export interface WriteProgress {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Writes the table with `columns` appended to `path` (see the module comment). O(bytes). Returns the
 * first new value that is not ASCII, or null (for the note on plain-ASCII inputs).
 */
export async function writeTable(
  text: CsvText,
  columns: readonly NewColumn[],
  protect: boolean,
  path: string,
  io: WriteProgress = {},
): Promise<string | null> {
  const { bytes, units, records, width, rowCount, codec } = text;
  const unit = text.encoding.unitBytes;
  const delimiter = encodeOrFail(text, String.fromCharCode(text.delimiter), "the delimiter");
  const apostrophe = encodeOrFail(text, "'", "--csv-protect");
  const encoders = columns.map((column) => new ColumnEncoder(text, column, protect));
  const k = columns.length;
  const bounds = new Float64Array(2 * Math.max(1, text.maxFields));
  const writer = await ChunkedWriter.open(path);
  let completed = false;
  try {
    const copy = (from: number, to: number) => writer.copy(bytes, from * unit, to * unit);
    copy(0, records.starts[0]);
    for (let r = 0; r < records.count; r++) {
      const start = records.starts[r];
      const end = records.ends[r];
      const next = records.starts[r + 1];
      if (r > rowCount) {
        copy(start, next);
        continue;
      }
      const fields = records.fieldCounts[r];
      if (fields === width && !protect) {
        copy(start, end);
      } else {
        const found = fieldBounds(units, start, end, text.delimiter, bounds, fields);
        const kept = Math.min(found, width);
        for (let f = 0; f < kept; f++) {
          if (f > 0) writer.copy(delimiter);
          copyField(f);
        }
        for (let f = kept; f < width; f++) writer.copy(delimiter);
      }
      for (let c = 0; c < k; c++) {
        writer.copy(delimiter);
        if (r === 0) writer.copy(encoders[c].header);
        else encoders[c].write(writer, r - 1);
      }
      for (let f = width + k; f < fields; f++) {
        writer.copy(delimiter);
        copyField(f);
      }
      copy(end, next);
      if (writer.full) await writer.flush();
      if ((r & 0xffff) === 0 && r > 0) {
        if (io.signal?.aborted) throw io.signal.reason ?? new Error("Cancelled");
        io.onProgress?.(r, rowCount);
      }
    }
    await writer.close();
    completed = true;
  } finally {
    if (!completed) await writer.abort();
  }
  return encoders.map((encoder) => encoder.firstNonAscii).find((value) => value !== null) ?? null;

  function copyField(f: number): void {
    const start = bounds[2 * f];
    const end = bounds[2 * f + 1];
    if (protect && isFormulaField(start, end)) {
      const quoted = units[start] === QUOTE;
      if (quoted) writer.copy(bytes, start * unit, (start + 1) * unit);
      writer.copy(apostrophe);
      writer.copy(bytes, (quoted ? start + 1 : start) * unit, end * unit);
    } else {
      writer.copy(bytes, start * unit, end * unit);
    }
  }

  function isFormulaField(start: number, end: number): boolean {
    const first = units[units[start] === QUOTE ? start + 1 : start];
    if (first !== 0x3d && first !== 0x2b && first !== 0x2d && first !== 0x40) return false;
    return typeof fieldCell(units, start, end, codec) !== "number";
  }
}

/**
 * Writes a sheet (the summary) as a CSV file in the input's dialect: its delimiter, encoding and
 * byte-order mark, its `sep=` line, and the line ending of its header record. O(cells).
 */
export async function writeSheet(
  text: CsvText,
  sheet: SheetContent,
  protect: boolean,
  path: string,
): Promise<void> {
  const { bytes, records } = text;
  const unit = text.encoding.unitBytes;
  const delimiter = String.fromCharCode(text.delimiter);
  const lineEnding =
    records.starts[1] > records.ends[0]
      ? bytes.subarray(records.ends[0] * unit, records.starts[1] * unit)
      : encodeOrFail(text, "\r\n", "a line ending");
  const writer = await ChunkedWriter.open(path);
  let completed = false;
  try {
    writer.copy(bytes, 0, records.starts[0] * unit);
    const separator = encodeOrFail(text, delimiter, "the delimiter");
    const isDate = dateCells(sheet);
    sheet.cells.forEach((row, r) => {
      row.forEach((value, c) => {
        if (c > 0) writer.copy(separator);
        // A date-formatted serial as yyyy-mm-dd, which Excel reads back as a date (a CSV has no formats).
        const iso = typeof value === "number" && isDate(r, c) ? serialToIso(value) : null;
        const cell = iso ?? value;
        const field = fieldText(cell, delimiter, protect);
        const encoded =
          text.codec.encode(field) ??
          (typeof cell === "string" ? text.codec.encode(plainTypography(field)) : null);
        writer.copy(encoded ?? encodeOrFail(text, field, `summary, row ${r + 1}`, String(cell)));
      });
      writer.copy(lineEnding);
    });
    await writer.close();
    completed = true;
  } finally {
    if (!completed) await writer.abort();
  }
}

/** Whether the cell at (row, column) of a sheet lies in a block with a date format ("yyyy-mm-dd"). */
export function dateCells(sheet: SheetContent): (row: number, column: number) => boolean {
  const blocks = (sheet.numberFormats ?? []).filter((f) => /^y{2,4}-m{1,2}-d{1,2}$/i.test(f.format));
  return (row, column) =>
    blocks.some(
      ({ block }) =>
        row >= block.row &&
        row < block.row + block.rowCount &&
        column >= block.column &&
        column < block.column + block.columnCount,
    );
}

/**
 * The runner's own typographic characters in plain ASCII, for a summary written in a code page
 * without them (Windows-1251 has no "×"): the summary's words are ours, so they may be spelled
 * differently; the user's data and labels never are (they are refused instead).
 */
const PLAIN: Record<string, string> = {
  "×": "x",
  "–": "-",
  "—": "-",
  "≥": ">=",
  "≤": "<=",
  "…": "...",
  "’": "'",
};

function plainTypography(text: string): string {
  return text.replace(/[×–—≥≤…’]/g, (character) => PLAIN[character]);
}

/** `field` in the input's encoding, or a one-line refusal naming the value (`shown`) and where it goes. */
function encodeOrFail(text: CsvText, field: string, where: string, shown = field): Buffer {
  const encoded = text.codec.encode(field);
  if (encoded === null) {
    throw new FileInputError(csvMessages.unrepresentable(shown, where, text.encoding.name, text.file));
  }
  return encoded;
}

/** One new column's bytes, row by row, in the input's encoding; repeated values are encoded once. */
class ColumnEncoder {
  readonly header: Buffer;
  /** The first value written whose bytes are not all ASCII. */
  firstNonAscii: string | null = null;
  private readonly cache = new Map<CellValue, Buffer>();
  private readonly delimiter: string;

  constructor(
    private readonly text: CsvText,
    private readonly column: NewColumn,
    private readonly protect: boolean,
  ) {
    this.delimiter = String.fromCharCode(text.delimiter);
    this.header = this.encode(column.header, `header of the new column "${column.header}"`);
  }

  /**
   * Writes row `row`'s field. A number is ASCII in every byte encoding, so its text goes straight
   * into the chunk (1,048,576 distinct shares would otherwise be 1,048,576 small buffers); other
   * values are encoded once and their bytes remembered.
   */
  write(writer: ChunkedWriter, row: number): void {
    const value: CellValue = this.column.values?.[row] ?? this.column.formulas?.[row] ?? null;
    if (value === null) return;
    if (typeof value === "number" && this.text.encoding.unitBytes === 1) {
      writer.writeAscii(Number.isFinite(value) ? String(value) : "");
      return;
    }
    const cached = this.cache.get(value);
    if (cached) {
      writer.copy(cached);
      return;
    }
    const bytes = this.encode(value, `column "${this.column.header}", row ${row + 2}`);
    if (this.cache.size < CACHE_LIMIT) this.cache.set(value, bytes);
    writer.copy(bytes);
  }

  private encode(value: CellValue, where: string): Buffer {
    const bytes = encodeOrFail(
      this.text,
      fieldText(value, this.delimiter, this.protect),
      where,
      String(value),
    );
    if (this.firstNonAscii === null && !isAscii(bytes)) this.firstNonAscii = String(value);
    return bytes;
  }
}
