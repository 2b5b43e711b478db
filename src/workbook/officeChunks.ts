/**
 * Chunk-size arithmetic for Office.js requests: how many rows fit in one `context.sync()`.
 *
 * Excel on the web limits each request and each response to 5 MB and a range read to 5 million
 * cells ("Platform limits", learn.microsoft.com/office/dev/scripts/testing/platform-limits; the same
 * service answers Office.js add-ins). We keep every request under a byte budget (default 4 MB, leaving
 * 1 MB for Office.js's own envelope) and every read under a cell budget. Payloads are measured as the
 * UTF-8 length of the JSON text of the cells, which is how Office.js ships them.
 *
 * Pure functions, no Office: the adapter (`officeWorkbook.ts`) and its tests share them.
 */
import type { CellValue } from "./workbook";

/** The limits one Office.js request must respect. */
export interface OfficeLimits {
  /** Bytes of cell data in one request or response (JSON, UTF-8). */
  maxRequestBytes: number;
  /** Cells loaded by one read request. */
  maxCellsPerRead: number;
}

/**
 * 4,000,000 bytes (under the 5 MB of Excel on the web, with 1 MB of headroom for the batch's own
 * JSON) and 1,000,000 cells per read (a fifth of the 5-million-cell limit; bytes bind first anyway).
 */
export const DEFAULT_OFFICE_LIMITS: Readonly<OfficeLimits> = Object.freeze({
  maxRequestBytes: 4_000_000,
  maxCellsPerRead: 1_000_000,
});

/**
 * Bytes a read is assumed to cost per cell before anything has been read: a 17-digit double is
 * 18–24 bytes of JSON, and each cell of a one-column 2-D array adds `[`, `]` and `,` (3 bytes).
 * Longer text is handled by {@link nextReadBytesPerCell} after each chunk.
 */
export const ASSUMED_READ_BYTES_PER_CELL = 32;

/** JSON bytes a cell costs inside a one-column 2-D array: the value plus `[`, `]`, `,`. */
export const CELL_ARRAY_OVERHEAD_BYTES = 3;

/**
 * Rows per read chunk for `columnCount` columns read together in one request:
 * min(⌊maxRequestBytes / (bytesPerCell · columnCount)⌋, ⌊maxCellsPerRead / columnCount⌋), at least 1.
 *
 * Big-O: O(1).
 *
 * @example readChunkRows(1) // => 125000   (4,000,000 / 32)
 * @example readChunkRows(3) // => 41666    (⌊4,000,000 / 96⌋)
 */
export function readChunkRows(
  columnCount: number,
  limits: OfficeLimits = DEFAULT_OFFICE_LIMITS,
  bytesPerCell: number = ASSUMED_READ_BYTES_PER_CELL,
): number {
  const columns = Math.max(1, columnCount);
  const byBytes = Math.floor(limits.maxRequestBytes / (bytesPerCell * columns));
  const byCells = Math.floor(limits.maxCellsPerRead / columns);
  return Math.max(1, Math.min(byBytes, byCells));
}

/**
 * The per-cell byte estimate for the next read, after a chunk of `cellCount` cells came back as
 * `observedBytes`: never lower than before, and 25 % above the observed mean so that a chunk of
 * somewhat longer text still fits. A chunk that is far longer still is caught by the adapter's
 * retry with half the rows on `ResponsePayloadSizeLimitExceeded`.
 *
 * @example nextReadBytesPerCell(32, 100 * 80, 100) // => 100  (mean 80 bytes · 1.25)
 */
export function nextReadBytesPerCell(current: number, observedBytes: number, cellCount: number): number {
  if (cellCount <= 0) return current;
  return Math.max(current, Math.ceil((observedBytes / cellCount) * 1.25));
}

/**
 * UTF-8 length of a string: 1 byte below U+0080, 2 below U+0800, 4 for a surrogate pair
 * (2 per UTF-16 unit), 3 otherwise. O(length).
 *
 * @example utf8Length("é€") // => 5  (2 + 3)
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdfff) bytes += 2;
    else bytes += 3;
  }
  return bytes;
}

/**
 * Bytes of one cell in the JSON Office.js sends: its JSON text, UTF-8 encoded.
 * Numbers and booleans cost their printed length, `null` 4, strings their quoted, escaped text.
 *
 * @example cellJsonBytes("Strategic") // => 11
 * @example cellJsonBytes(0.25) // => 4
 */
export function cellJsonBytes(value: CellValue): number {
  if (typeof value === "string") return utf8Length(JSON.stringify(value));
  return String(JSON.stringify(value)).length;
}

/**
 * Where the next write chunk ends: rows [start, end) are taken greedily while their bytes stay within
 * `budgetBytes` and their count within `maxRows`; a single row is always taken, even if it alone is
 * over the budget (a row cannot be split; Excel caps a cell at 32,767 characters, so a row of a few
 * columns is far below 5 MB).
 *
 * Big-O: O(end − start) calls of `rowBytes`.
 *
 * @example
 * // rows of 10, 10, 10 bytes and a budget of 25 → the first chunk is rows 0–1
 * nextWriteChunkEnd(0, 3, () => 10, 25, 100) // => 2
 */
export function nextWriteChunkEnd(
  start: number,
  rowCount: number,
  rowBytes: (row: number) => number,
  budgetBytes: number,
  maxRows: number,
): number {
  let end = start;
  let bytes = 0;
  while (end < rowCount && end - start < maxRows) {
    const next = rowBytes(end);
    if (end > start && bytes + next > budgetBytes) break;
    bytes += next;
    end++;
  }
  return end;
}
