/**
 * Which delimiter a CSV text uses, decided in this order:
 * 1. a `sep=X` first line (Excel's own hint: Excel takes X as the delimiter and does not show the
 *    line), which the runner keeps in the output and does not read as the header;
 * 2. the user's choice, where a caller passes one;
 * 3. the file name: `.tsv` and `.tab` are tab-separated;
 * 4. sniffing: for each candidate (`,` `;` tab `|`) the first 50 records of the first 64 KB are split
 *    with quotes respected; the candidate that gives the header at least two fields and the most
 *    records with the header's field count wins (then the one with more fields, then the order
 *    above); `,` when none splits the header.
 */
import path from "node:path";
import { CR, LF, QUOTE, scanRecords, type Units } from "./recordScanner";

export const TAB = 0x09;
const CANDIDATES = [0x2c, 0x3b, TAB, 0x7c];
const SNIFF_UNITS = 65_536;
const SNIFF_RECORDS = 50;

/** A `sep=X` first line: its delimiter and the unit where the next line starts. */
export interface SepLine {
  delimiter: number;
  /** First unit after the line and its line ending. */
  next: number;
}

/**
 * Reads Excel's `sep=X` hint at `from` (case-insensitive `sep=`, one character, then a line ending
 * or the end of the text). X may be any character but `"`, CR and LF. O(1).
 *
 * @example sepLine(Buffer.from("sep=;\r\nA;B"), 0, 10) // => { delimiter: 0x3b, next: 7 }
 */
export function sepLine(units: Units, from: number, to: number): SepLine | null {
  if (to - from < 5) return null;
  const lower = (i: number) => units[from + i] | 0x20;
  if (lower(0) !== 0x73 || lower(1) !== 0x65 || lower(2) !== 0x70 || units[from + 3] !== 0x3d) return null;
  const delimiter = units[from + 4];
  if (delimiter === QUOTE || delimiter === CR || delimiter === LF) return null;
  let next = from + 5;
  if (next < to && units[next] === CR) next++;
  if (next < to && units[next] === LF) next++;
  else if (next < to && units[next - 1] !== CR) return null;
  return { delimiter, next };
}

/** Tab for `.tsv` and `.tab` files, else null (decide from the content). */
export function delimiterForName(file: string): number | null {
  const extension = path.extname(file).toLowerCase();
  return extension === ".tsv" || extension === ".tab" ? TAB : null;
}

/**
 * The delimiter of the text `units[from, to)` by content (see the module comment). O(64 KB).
 *
 * @example sniffDelimiter(Buffer.from('"Kunde, Name";Umsatz\nA;1,5\n'), 0, 27) // => 0x3b (";")
 */
export function sniffDelimiter(units: Units, from: number, to: number): number {
  const end = Math.min(to, from + SNIFF_UNITS);
  let best = CANDIDATES[0];
  let bestScore = -1;
  let bestFields = 0;
  for (const candidate of CANDIDATES) {
    // An unclosed quote stops the sample quietly here; reading the whole file reports it.
    const index = scanRecords(units, from, end, candidate, { maxRecords: SNIFF_RECORDS, prefix: true });
    // A record cut off by the 64 KB window is not evidence.
    const complete =
      end < to && index.count > 1 && index.starts[index.count] >= end ? index.count - 1 : index.count;
    if (complete === 0) continue;
    const headerFields = index.fieldCounts[0];
    if (headerFields < 2) continue;
    let consistent = 0;
    for (let r = 0; r < complete; r++) if (index.fieldCounts[r] === headerFields) consistent++;
    const score = consistent / complete;
    if (score > bestScore || (score === bestScore && headerFields > bestFields)) {
      best = candidate;
      bestScore = score;
      bestFields = headerFields;
    }
  }
  return best;
}
