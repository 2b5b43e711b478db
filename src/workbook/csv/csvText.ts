/**
 * A CSV file loaded for a run: its original bytes (kept, never re-encoded), the code units scanned
 * for boundaries, how it is encoded, its delimiter, and where every record is. The file's bytes and
 * the record index are the whole store: cells are typed only when the workflow reads a column
 * (`readColumns`), and only that column, so a 14-column, 1,048,576-row file costs its 73 MB plus
 * 20 bytes a record instead of 9 bytes a cell for every column.
 *
 * Layout of the text: [byte-order mark] [`sep=X` line] header record, data records, [blank
 * records]. Blank records (empty lines, or only delimiters, as Excel writes for emptied rows) at the
 * end are not table rows: they are copied to the output as they are. Records anywhere else are rows,
 * row n of the table being Excel's row n + 1, as Excel shows the file.
 */
import { open } from "node:fs/promises";
import { constants, isAscii } from "node:buffer";
import { columnLetters } from "../../core/a1";
import { FileInputError } from "../fileInputError";
import { csvMessages } from "./csvMessages";
import { delimiterForName, sepLine, sniffDelimiter, type SepLine } from "./csvDialect";
import { scanRecords, UnclosedQuoteError, type RecordIndex, type Units } from "./recordScanner";
import { detectEncoding, FieldCodec, type TextEncoding } from "./textEncoding";

export interface CsvText {
  /** The path, for messages. */
  file: string;
  /** The file as read. */
  bytes: Buffer;
  /** The units boundaries are found on (bytes, or UTF-16 code units in little-endian order). */
  units: Units;
  codec: FieldCodec;
  encoding: TextEncoding;
  /** Units of the byte-order mark (0, 1 for UTF-16, 3 for UTF-8). */
  bomUnits: number;
  /** What to tell the user about the encoding, or null. */
  note: string | null;
  /** Every byte is ASCII and no encoding was named: UTF-8 and the code pages read it alike. */
  plainAscii: boolean;
  /** The delimiter's unit (ASCII code). */
  delimiter: number;
  /** Excel's `sep=X` line before the header, kept in the output; null when there is none. */
  sepLine: SepLine | null;
  /** Every record after the `sep=` line: record 0 is the header. */
  records: RecordIndex;
  /** Data records in the table (records 1 … rowCount); blank records after them are not rows. */
  rowCount: number;
  /** Fields of the header record: the table's width. */
  width: number;
  /** The most fields any record has. */
  maxFields: number;
  /** Records with more fields than the header, in order (their extra cells sit right of the table). */
  longRecords: Uint32Array;
}

export interface LoadOptions {
  /** The user's `--encoding`, already resolved. */
  encoding?: TextEncoding;
  /** A delimiter the caller decided (one character); otherwise `sep=`, the file name, or sniffing. */
  delimiter?: string;
}

/** Reads and indexes `file`. O(bytes); throws {@link FileInputError} with a one-line message. */
export async function loadCsvText(file: string, options: LoadOptions = {}): Promise<CsvText> {
  const bytes = await readWhole(file);
  const detected = detectEncoding(bytes, file, options.encoding);
  const { encoding } = detected;
  const bomUnits = detected.bomBytes / encoding.unitBytes;
  let scanned = bytes;
  if (encoding.bigEndian) scanned = Buffer.from(bytes).swap16();
  const units: Units =
    encoding.unitBytes === 2
      ? new Uint16Array(scanned.buffer, scanned.byteOffset, scanned.length / 2)
      : scanned;
  const end = units.length;
  if (end === bomUnits) throw new FileInputError(csvMessages.empty(file));

  const sep = sepLine(units, bomUnits, end);
  const bodyStart = sep ? sep.next : bomUnits;
  if (bodyStart === end) throw new FileInputError(csvMessages.empty(file));
  const delimiter =
    sep?.delimiter ??
    (options.delimiter ? options.delimiter.charCodeAt(0) : null) ??
    delimiterForName(file) ??
    sniffDelimiter(units, bodyStart, end);
  if (encoding.doubleByte && delimiter >= 0x40) {
    throw new FileInputError(
      csvMessages.delimiterInDoubleByte(file, String.fromCharCode(delimiter), encoding.name),
    );
  }

  let records: RecordIndex;
  try {
    records = scanRecords(units, bodyStart, end, delimiter);
  } catch (error) {
    if (!(error instanceof UnclosedQuoteError)) throw error;
    const line = lineOf(units, bomUnits, error.at);
    throw new FileInputError(
      csvMessages.unclosedQuote(file, error.record + 1, columnLetters(error.field), line),
    );
  }

  const width = records.fieldCounts[0];
  let rowCount = records.count - 1;
  while (rowCount > 0 && isBlankRecord(units, records.starts[rowCount], records.ends[rowCount], delimiter))
    rowCount--;
  let maxFields = width;
  const long: number[] = [];
  for (let r = 1; r <= rowCount; r++) {
    const fields = records.fieldCounts[r];
    if (fields > width) {
      long.push(r);
      if (fields > maxFields) maxFields = fields;
    }
  }
  const longRecords = Uint32Array.from(long);
  return {
    file,
    bytes,
    units,
    codec: new FieldCodec(encoding, scanned),
    encoding,
    bomUnits,
    note: detected.note,
    plainAscii: options.encoding === undefined && encoding.unitBytes === 1 && isAscii(bytes),
    delimiter,
    sepLine: sep,
    records,
    rowCount,
    width,
    maxFields,
    longRecords,
  };
}

/** A record of nothing but delimiters (or nothing at all). */
function isBlankRecord(units: Units, start: number, end: number, delimiter: number): boolean {
  for (let i = start; i < end; i++) if (units[i] !== delimiter) return false;
  return true;
}

/** 1-based line number of unit `at`, counting from `from` (CRLF, LF and CR end a line). */
function lineOf(units: Units, from: number, at: number): number {
  let line = 1;
  for (let i = from; i < at; i++) {
    if (units[i] === 0x0a) line++;
    else if (units[i] === 0x0d && units[i + 1] !== 0x0a) line++;
  }
  return line;
}

/**
 * The whole file in one buffer of its own (offset 0, so UTF-16 can be viewed as 16-bit units),
 * read in 64 MB pieces: `readFile` stops at 2 GB, a Buffer at 4 GB.
 */
async function readWhole(file: string): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const size = (await handle.stat()).size;
    if (size > constants.MAX_LENGTH) throw new FileInputError(csvMessages.tooLarge(file, size / 2 ** 30));
    const bytes = Buffer.allocUnsafeSlow(size);
    let done = 0;
    while (done < size) {
      const { bytesRead } = await handle.read(bytes, done, Math.min(size - done, 1 << 26), done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return done === size ? bytes : bytes.subarray(0, done);
  } finally {
    await handle.close();
  }
}
