/**
 * A CSV file as DuckDB reads it for the engine, with the cells typed exactly as the runner's CSV
 * workbook types them (`src/workbook/csvWorkbook.ts`): a field is trimmed as JavaScript's
 * `String.prototype.trim` trims; empty → blank; a plain decimal number (`12`, `-3.5`, `1e6`, no
 * thousands separators) → that number; an ISO date `yyyy-mm-dd` that exists → its Excel serial
 * (1900 system, with Excel's 29 February 1900); anything else → text. DuckDB's string-to-double
 * conversion rounds correctly, as `Number()` does (checked in test/engine/csvSource.test.ts).
 *
 * Records: DuckDB's reader is told everything instead of sniffing (delimiter, `"` quote and escape,
 * no header, as many VARCHAR columns as the header record has, short records padded with NULL,
 * extra fields dropped), because a sniffer that guesses a comment character or rows to skip would
 * shift rows. One difference with the runner's parser (csv-parse) remains: DuckDB skips empty
 * lines, which the runner keeps as blank rows; {@link findEmptyLine} finds them first so the engine
 * can refuse (or the runner fall back to JavaScript) instead of numbering rows differently.
 *
 * The delimiter rule and the number pattern mirror `csvWorkbook.ts` (which keeps them private);
 * when the CSV reader of issue 8 exports its own, these should import them instead.
 */
import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { parse } from "csv-parse";

/** `csvWorkbook.ts`'s NUMBER_PATTERN, in RE2 syntax for DuckDB (same language: ASCII digits). */
const NUMBER_PATTERN_RE2 = "[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?";
/** `csvWorkbook.ts`'s NUMBER_PATTERN, for headers (typed as the workbook types them). */
const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Every UTF-16 code unit that `String.prototype.trim` removes, found by asking the JavaScript
 * engine itself (so DuckDB's `trim(s, characters)` trims exactly the same set).
 */
export const JS_TRIM_CHARACTERS: string = (() => {
  let characters = "";
  for (let code = 0; code <= 0xffff; code++) {
    const ch = String.fromCharCode(code);
    if (ch.trim() === "") characters += ch;
  }
  return characters;
})();

/** A string literal for DuckDB (standard quoting). */
function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** {@link JS_TRIM_CHARACTERS} as an RE2 character class (`[\x{0009}…]`). */
const TRIM_CLASS = `[${[...JS_TRIM_CHARACTERS].map((ch) => `\\x{${ch.charCodeAt(0).toString(16).padStart(4, "0")}}`).join("")}]`;

/**
 * DuckDB macros that type a VARCHAR field as the CSV workbook does: `cx_trim(s)`, and
 * `cx_cell_number(s)` = the cell's number (dates as serials), or NULL for blank and text.
 *
 * Speed (measured, 1,048,575 rows × 2 columns): `trim(s, characters)` with these 25 characters
 * took 20 s, the same trim as one RE2 `regexp_replace` 0.9 s; and a field that already is a plain
 * number or date (nearly all of them) skips the trim: 1.9 s for both columns, typed.
 */
export function cellTypingMacros(): string[] {
  return [
    `CREATE OR REPLACE MACRO cx_trim(s) AS regexp_replace(s, ${literal(`^${TRIM_CLASS}+|${TRIM_CLASS}+$`)}, '', 'g')`,
    // Excel 1900 system: days since 1899-12-31 before 1900-03-01, since 1899-12-30 from then on
    // (serial 60 is Excel's 29 February 1900, which DuckDB rightly does not know).
    `CREATE OR REPLACE MACRO cx_iso_serial(t) AS CASE
       WHEN t = '1900-02-29' THEN 60.0
       WHEN TRY_CAST(t AS DATE) < DATE '1900-01-01' THEN NULL
       WHEN TRY_CAST(t AS DATE) < DATE '1900-03-01' THEN CAST(DATE_DIFF('day', DATE '1899-12-31', TRY_CAST(t AS DATE)) AS DOUBLE)
       ELSE CAST(DATE_DIFF('day', DATE '1899-12-30', TRY_CAST(t AS DATE)) AS DOUBLE) END`,
    `CREATE OR REPLACE MACRO cx_typed_number(t) AS CASE
       WHEN regexp_full_match(t, ${literal(NUMBER_PATTERN_RE2)}) THEN TRY_CAST(t AS DOUBLE)
       WHEN regexp_full_match(t, '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN cx_iso_serial(t) END`,
    // A field that is a number or date as it stands needs no trim (the patterns hold no spaces).
    `CREATE OR REPLACE MACRO cx_cell_number(s) AS CASE
       WHEN regexp_full_match(s, ${literal(NUMBER_PATTERN_RE2)}) THEN TRY_CAST(s AS DOUBLE)
       ELSE cx_typed_number(cx_trim(s)) END`,
  ];
}

/**
 * The delimiter of a CSV file: `;` when the first line has more semicolons than commas (European
 * Excel exports), a tab when it has more tabs than commas, else `,` — `csvWorkbook.ts`'s rule.
 */
export function sniffDelimiter(filePath: string): string {
  const buffer = Buffer.alloc(65_536);
  const fd = openSync(filePath, "r");
  const length = readSync(fd, buffer, 0, buffer.length, 0);
  closeSync(fd);
  const head = buffer.subarray(0, length).toString("utf8");
  const firstLine = head.split(/\r?\n/, 1)[0] ?? "";
  const count = (ch: string) => firstLine.split(ch).length - 1;
  return count(";") > count(",") ? ";" : count("\t") > count(",") ? "\t" : ",";
}

/** The first record of the file (the header), parsed as the runner parses it. */
export async function readHeaderRecord(filePath: string, delimiter: string): Promise<string[]> {
  const parser = createReadStream(filePath).pipe(
    parse({ delimiter, bom: true, relax_column_count: true, skip_empty_lines: false, to_line: 1 }),
  );
  for await (const record of parser) return record as string[];
  return [];
}

/**
 * A header cell typed as the CSV workbook types it for `TableInfo.headers`: blank → null, a number
 * → that number (so a file without a header row is reported as such), else the text.
 */
export function typedHeader(header: string): string | number | null {
  const trimmed = header.trim();
  if (trimmed === "") return null;
  return NUMBER_PATTERN.test(trimmed) ? Number(trimmed) : header;
}

/**
 * Where the file has an empty line outside the header — two line breaks in a row (`\n\n`,
 * `\r\n\r\n`, `\r\r`) — as the 1-based line number of the empty line, or null. It may also find one
 * inside a quoted field that spans lines (then the engine refuses a file it could have read: safe).
 * A final line break at the end of the file is not an empty line. O(file size), reading 1 MB at a time.
 */
export function findEmptyLine(filePath: string): number | null {
  const CR = 0x0d;
  const LF = 0x0a;
  const fd = openSync(filePath, "r");
  try {
    const chunk = Buffer.alloc(1 << 20);
    let line = 1;
    let atLineStart = true; // nothing since the last line break (or the start of the file)
    let afterCr = false; // the last byte was a CR, which an LF would complete to one CR LF break
    for (let position = 0; ;) {
      const length = readSync(fd, chunk, 0, chunk.length, position);
      if (length === 0) return null;
      for (let i = 0; i < length; i++) {
        const byte = chunk[i];
        if (afterCr) {
          afterCr = false;
          if (byte === LF) continue;
        }
        if (byte === CR || byte === LF) {
          if (atLineStart) return line;
          atLineStart = true;
          line++;
          afterCr = byte === CR;
        } else {
          atLineStart = false;
        }
      }
      position += length;
    }
  } finally {
    closeSync(fd);
  }
}

/** How DuckDB is to read the file. */
export interface CsvReadOptions {
  delimiter: string;
  /** Number of fields of the header record: that many VARCHAR columns. */
  width: number;
  /** DuckDB's parallel scanner (faster, but it refuses quoted line breaks with padding). */
  parallel: boolean;
  /** "utf-8" (default) or "latin-1" for a file that is not valid UTF-8. */
  encoding: "utf-8" | "latin-1";
  /**
   * DuckDB's read buffer in bytes (default 32 MiB). Each buffer is one task of the parallel scan,
   * so a smaller one splits a small file across threads; the longest record must fit in half of it.
   */
  bufferBytes?: number;
}

/** DuckDB's longest record (line) by default here: 16 MiB, for text cells with long notes. */
const MAX_RECORD_BYTES = 16 * 1024 * 1024;

/** Column `i` of {@link csvRelation}. */
export function csvColumn(index: number): string {
  return `c${index}`;
}

/** The `read_csv(…)` table function call that reads every record (the header is row 0) as text. */
export function csvRelation(filePath: string, options: CsvReadOptions): string {
  const columns = Array.from(
    { length: Math.max(1, options.width) },
    (_, i) => `${literal(csvColumn(i))}: 'VARCHAR'`,
  );
  return (
    `read_csv(${literal(filePath)}, header = false, auto_detect = false, columns = {${columns.join(", ")}}, ` +
    `delim = ${literal(options.delimiter)}, quote = '"', escape = '"', null_padding = true, strict_mode = false, ` +
    `parallel = ${options.parallel}, encoding = ${literal(options.encoding)}, ` +
    (options.bufferBytes === undefined
      ? `max_line_size = ${MAX_RECORD_BYTES})`
      : `buffer_size = ${options.bufferBytes}, max_line_size = ${Math.min(MAX_RECORD_BYTES, Math.floor(options.bufferBytes / 2))})`)
  );
}
