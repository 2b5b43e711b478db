/**
 * Where the records and fields of a CSV text are, without decoding it: the boundaries are all that
 * the delimiter, the quote `"` and the line breaks CR and LF decide, and those are ASCII in every
 * encoding the runner reads (see `textEncoding.ts`), so the scanner compares code units with ASCII
 * codes. Units are the file's bytes for UTF-8, Windows-1252 and the other ASCII-compatible
 * encodings, and its 16-bit code units (in little-endian order) for UTF-16. Offsets are unit
 * offsets, so a record's original bytes can be copied unchanged (`unitBytes × offset`).
 *
 * The grammar is RFC 4180 read the way Excel reads it:
 * - a field that starts with `"` is quoted: it runs to the next `"` not followed by another `"`
 *   (`""` is a quote inside it), and may hold delimiters, CR and LF; anything between the closing
 *   quote and the next delimiter belongs to the field (Excel appends it to the text);
 * - any other field runs to the next delimiter, CR or LF; a `"` inside it is an ordinary character;
 * - a record ends at CRLF, at LF or at CR alone (old Mac files), outside quotes; the last record
 *   may end without a line break. Every record has at least one field (an empty line has one empty
 *   field).
 *
 * Why hand-written: on the 1,048,576-row benchmark file (73 MB) csv-parse 7 with `raw` and `info`
 * (needed to get the bytes back) was 40–100× slower at finding the boundaries (20.6 s against
 * 0.2–0.4 s; see `npm run bench` and the README). Both are O(units); the difference is csv-parse's
 * per-character state machine building strings, where this scanner finds line ends with `indexOf`
 * (memchr) and counts delimiters, taking the quote-aware path only for records with a quote or a
 * lone CR.
 */

export const QUOTE = 0x22;
export const CR = 0x0d;
export const LF = 0x0a;

/** The text as code units: bytes (ASCII-compatible encodings) or UTF-16 code units. */
export type Units = Uint8Array | Uint16Array;

/**
 * The records of a scanned range. Record `r` spans units `[starts[r], ends[r])` without its line
 * ending; its line ending is `[ends[r], starts[r + 1])` (CRLF, CR, LF, or nothing for a last line
 * without one). `starts[count]` is the end of the scanned range.
 */
export interface RecordIndex {
  count: number;
  starts: Float64Array;
  ends: Float64Array;
  fieldCounts: Uint32Array;
}

/** The text ends inside a quoted field: `record` (0-based in the scan) opened it at unit `at`. */
export class UnclosedQuoteError extends Error {
  constructor(
    readonly record: number,
    readonly field: number,
    readonly at: number,
  ) {
    super(`record ${record + 1}, field ${field + 1}: quoted field opened at unit ${at} is never closed`);
  }
}

/** Options of {@link scanRecords}. */
export interface ScanLimits {
  /** Stop after this many records (for sniffing); default all. */
  maxRecords?: number;
  /**
   * The range is a prefix of the text (sniffing): a quoted field still open at its end stops the
   * scan quietly instead of throwing, and that unfinished record is left out.
   */
  prefix?: boolean;
}

/**
 * Finds every record in `units[from, to)`. O(to − from) time; 20 bytes per record.
 *
 * @example
 * scanRecords(Buffer.from('a,"b\nc"\r\nd'), 0, 11, 0x2c) // => 2 records: [0, 7) + CRLF, [9, 10) (no line ending)
 */
export function scanRecords(
  units: Units,
  from: number,
  to: number,
  delimiter: number,
  limits: ScanLimits = {},
): RecordIndex {
  const maxRecords = limits.maxRecords ?? Infinity;
  let capacity = Math.max(16, Math.min(1 << 20, Math.ceil((to - from) / 48)));
  let starts = new Float64Array(capacity + 1);
  let ends = new Float64Array(capacity);
  let fieldCounts = new Uint32Array(capacity);
  let count = 0;
  let i = from;
  // Where the next quote, CR and LF are (memchr-fast indexOf, remembered until passed): a line with
  // no quote and no lone CR before its LF is one record, and only its delimiters need counting.
  let nextQuote = -1;
  let nextCr = -1;
  let nextLf = -1;
  const find = (code: number, at: number) => {
    const found = units.indexOf(code, at);
    return found < 0 || found >= to ? to : found;
  };
  while (i < to && count < maxRecords) {
    if (count === capacity) {
      capacity *= 2;
      starts = grow(starts, capacity + 1);
      ends = grow(ends, capacity);
      fieldCounts = grow(fieldCounts, capacity);
    }
    const start = i;
    if (nextQuote < start) nextQuote = find(QUOTE, start);
    if (nextCr < start) nextCr = find(CR, start);
    if (nextLf < start) nextLf = find(LF, start);
    const lineEnd = nextLf;
    const contentEnd = lineEnd > start && units[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd;
    if (nextQuote >= contentEnd && nextCr >= contentEnd) {
      let fields = 1;
      for (let p = start; p < contentEnd; p++) if (units[p] === delimiter) fields++;
      starts[count] = start;
      ends[count] = contentEnd;
      fieldCounts[count] = fields;
      count++;
      i = lineEnd < to ? lineEnd + 1 : to;
      continue;
    }
    let fields = 0;
    let unit = 0;
    for (;;) {
      fields++;
      if (i < to && units[i] === QUOTE) {
        const opened = i;
        i++;
        for (;;) {
          const close = units.indexOf(QUOTE, i);
          if (close < 0 || close >= to) {
            if (limits.prefix) return finish(starts, ends, fieldCounts, count, start);
            throw new UnclosedQuoteError(count, fields - 1, opened);
          }
          i = close + 1;
          if (i < to && units[i] === QUOTE) i++;
          else break;
        }
      }
      while (i < to && (unit = units[i]) !== delimiter && unit !== LF && unit !== CR) i++;
      if (i >= to) {
        unit = -1;
        break;
      }
      if (unit !== delimiter) break;
      i++;
    }
    starts[count] = start;
    ends[count] = i;
    fieldCounts[count] = fields;
    count++;
    if (unit === CR) i += i + 1 < to && units[i + 1] === LF ? 2 : 1;
    else if (unit === LF) i++;
  }
  return finish(starts, ends, fieldCounts, count, i);
}

function finish(
  starts: Float64Array,
  ends: Float64Array,
  fieldCounts: Uint32Array,
  count: number,
  end: number,
): RecordIndex {
  starts[count] = end;
  return { count, starts, ends, fieldCounts };
}

function grow<T extends Float64Array | Uint32Array>(array: T, size: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(size);
  bigger.set(array);
  return bigger;
}

/**
 * The fields of one record `[start, end)` (no line ending inside, quoted line breaks aside): writes
 * field f's raw span (quotes included) to `bounds[2f]`, `bounds[2f + 1]` for the first `maxFields`
 * fields and returns how many fields it found (at most `maxFields`). O(end − start).
 *
 * @example
 * const bounds = new Float64Array(6);
 * fieldBounds(Buffer.from('x,"a,b",y'), 0, 9, 0x2c, bounds, 3) // => 3; bounds = [0, 1, 2, 7, 8, 9]
 */
export function fieldBounds(
  units: Units,
  start: number,
  end: number,
  delimiter: number,
  bounds: Float64Array,
  maxFields: number,
): number {
  let i = start;
  let field = 0;
  while (field < maxFields) {
    const fieldStart = i;
    if (i < end && units[i] === QUOTE) {
      i++;
      for (;;) {
        const close = units.indexOf(QUOTE, i);
        if (close < 0 || close >= end) {
          i = end;
          break;
        }
        i = close + 1;
        if (i < end && units[i] === QUOTE) i++;
        else break;
      }
    }
    while (i < end && units[i] !== delimiter) i++;
    bounds[2 * field] = fieldStart;
    bounds[2 * field + 1] = i;
    field++;
    if (i >= end) break;
    i++;
  }
  return field;
}
