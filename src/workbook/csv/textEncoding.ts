/**
 * The character encoding of a CSV file: found from its byte-order mark, else from whether it is valid
 * UTF-8, else Windows-1252 (what Excel on Western Windows writes for "CSV (Comma delimited)"), with a
 * note; or named by the user (`--encoding NAME`, any name iconv-lite knows that the runner can read).
 *
 * The runner never decodes a record it copies: it finds boundaries on the raw code units (see
 * `recordScanner.ts`) and decodes only the fields it needs as values, one at a time. That is exact
 * only when the delimiter, `"`, CR and LF can never be part of another character, so an encoding is
 * accepted only if it is UTF-16 (scanned as 16-bit units) or ASCII-compatible (ASCII bytes mean
 * ASCII): UTF-8, every single-byte code page, and the East Asian double-byte ones (Shift_JIS, GBK,
 * GB18030, Big5, EUC-KR), whose second bytes are ≥ 0x40 — so for those the delimiter must be below
 * 0x40 (`,` `;` tab, not `|`). UTF-7, UTF-32 and ISO-2022 are refused.
 *
 * Libraries: Node's own UTF-8/UTF-16 codecs and `buffer.isUtf8`; iconv-lite for every other code
 * page (it is what the CSV ecosystem uses, pure JavaScript, no native build); chardet only for a
 * hint in the note when a non-UTF-8 file looks like something other than a Western code page.
 */
import { isUtf8 } from "node:buffer";
import chardet from "chardet";
import iconv from "iconv-lite";
import { csvMessages } from "./csvMessages";
import { FileInputError } from "../fileInputError";

/** How to read and write one encoding. */
export interface TextEncoding {
  /** As shown to the user: "UTF-8", "Windows-1252", "UTF-16LE", or the name the user gave. */
  name: string;
  /** Bytes per scanned unit: 1, or 2 for UTF-16. */
  unitBytes: 1 | 2;
  /** UTF-16BE: the bytes are swapped into little-endian units for scanning (writing copies the originals). */
  bigEndian: boolean;
  /** A double-byte code page: its second bytes can be ASCII 0x40–0x7E. */
  doubleByte: boolean;
  /** iconv-lite's codec name; null for UTF-8 and UTF-16, which Node decodes itself. */
  iconvName: string | null;
}

export const UTF8: TextEncoding = {
  name: "UTF-8",
  unitBytes: 1,
  bigEndian: false,
  doubleByte: false,
  iconvName: null,
};
export const UTF16LE: TextEncoding = { ...UTF8, name: "UTF-16LE", unitBytes: 2 };
export const UTF16BE: TextEncoding = { ...UTF16LE, name: "UTF-16BE", bigEndian: true };
export const WINDOWS_1252: TextEncoding = { ...UTF8, name: "Windows-1252", iconvName: "windows-1252" };

/** The encoding and byte-order mark a file was read with, and what the user should know about it. */
export interface DetectedEncoding {
  encoding: TextEncoding;
  /** Length of the byte-order mark at the start of the file (0 when none). */
  bomBytes: number;
  /** A note for the runner's output, or null. */
  note: string | null;
}

/** A UTF-16 surrogate without its partner: no UTF encoding can write it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const ASCII = Array.from({ length: 0x7f - 0x09 }, (_, i) => String.fromCharCode(0x09 + i)).join("");

/**
 * The encoding `name` names, or a message saying why the runner cannot use it (a usage mistake).
 *
 * @example resolveEncoding("cp1252") // => { name: "cp1252", iconvName: "cp1252", unitBytes: 1, … }
 * @example resolveEncoding("utf-7") // => "--encoding utf-7: … cannot be read safely …"
 */
export function resolveEncoding(name: string): TextEncoding | string {
  const key = name.toLowerCase().replace(/[^0-9a-z]/g, "");
  if (key === "utf8") return UTF8;
  if (key === "utf16le" || key === "ucs2" || key === "utf16") return { ...UTF16LE, name: name.trim() };
  if (key === "utf16be") return { ...UTF16BE, name: name.trim() };
  if (!iconv.encodingExists(name)) return csvMessages.unknownEncoding(name);
  const codec = iconv.getCodec(name) as object;
  const kind = codec.constructor.name;
  const asciiSafe =
    (kind === "SBCSCodec" || kind === "DBCSCodec") &&
    iconv.encode(ASCII, name).equals(Buffer.from(ASCII, "latin1")) &&
    iconv.decode(Buffer.from(ASCII, "latin1"), name) === ASCII;
  if (!asciiSafe) return csvMessages.unsafeEncoding(name);
  return {
    name: name.trim(),
    unitBytes: 1,
    bigEndian: false,
    doubleByte: kind === "DBCSCodec",
    iconvName: name,
  };
}

/**
 * Decides how to read `bytes` (the whole file): the byte-order mark first (UTF-8, UTF-16LE/BE; a
 * UTF-32 mark is refused), then `explicit` (the user's `--encoding`), then UTF-16 without a mark
 * (every other byte zero), valid UTF-8, and finally Windows-1252 with a note. Throws
 * {@link FileInputError} with a one-line message. O(bytes) (the UTF-8 check is native).
 */
export function detectEncoding(bytes: Buffer, file: string, explicit?: TextEncoding): DetectedEncoding {
  const bom = byteOrderMark(bytes);
  if (bom === "utf-32") throw new FileInputError(csvMessages.utf32(file));
  if (explicit) {
    const agrees = bom === null || (bom === "utf-8" ? explicit === UTF8 : explicit.unitBytes === 2);
    if (bom !== null && !agrees) {
      throw new FileInputError(csvMessages.bomDisagrees(file, bomEncoding(bom).name, explicit.name));
    }
    const bomBytes = bom === null ? 0 : bom === "utf-8" ? 3 : 2;
    const encoding =
      explicit.unitBytes === 2 && bom !== null ? { ...bomEncoding(bom), name: explicit.name } : explicit;
    checkUnits(bytes, bomBytes, encoding, file);
    // UTF-16 writes the delimiter and line breaks with a zero byte: without any, it is 8-bit text.
    if (encoding.unitBytes === 2 && bom === null && !bytes.subarray(0, 4096).includes(0)) {
      throw new FileInputError(csvMessages.notUtf16AsSaid(file, explicit.name));
    }
    if (encoding === UTF8 && !isUtf8(bytes.subarray(bomBytes))) {
      throw new FileInputError(
        csvMessages.notUtf8AsSaid(file, lineOf(bytes, firstInvalidUtf8(bytes, bomBytes))),
      );
    }
    return { encoding, bomBytes, note: null };
  }
  if (bom !== null) {
    const encoding = bomEncoding(bom);
    const bomBytes = bom === "utf-8" ? 3 : 2;
    checkUnits(bytes, bomBytes, encoding, file);
    let note: string | null = null;
    if (bom === "utf-8" && !isUtf8(bytes.subarray(3))) {
      note = csvMessages.bomButNotUtf8(file, lineOf(bytes, firstInvalidUtf8(bytes, 3)));
    }
    return { encoding, bomBytes, note };
  }
  const guessed16 = utf16WithoutMark(bytes);
  if (guessed16) {
    checkUnits(bytes, 0, guessed16, file);
    return { encoding: guessed16, bomBytes: 0, note: csvMessages.utf16WithoutMark(file, guessed16.name) };
  }
  if (isUtf8(bytes)) return { encoding: UTF8, bomBytes: 0, note: null };
  const invalidAt = firstInvalidUtf8(bytes, 0);
  return {
    encoding: WINDOWS_1252,
    bomBytes: 0,
    note: csvMessages.readAsWindows1252(file, lineOf(bytes, invalidAt), chardetHint(bytes, invalidAt)),
  };
}

type Bom = "utf-8" | "utf-16le" | "utf-16be" | "utf-32";

function byteOrderMark(bytes: Buffer): Bom | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return "utf-8";
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0)
    return "utf-32";
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff)
    return "utf-32";
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return null;
}

function bomEncoding(bom: Exclude<Bom, "utf-32">): TextEncoding {
  return bom === "utf-8" ? UTF8 : bom === "utf-16le" ? UTF16LE : UTF16BE;
}

function checkUnits(bytes: Buffer, bomBytes: number, encoding: TextEncoding, file: string): void {
  if (encoding.unitBytes === 2 && (bytes.length - bomBytes) % 2 !== 0) {
    throw new FileInputError(csvMessages.oddUtf16(file, encoding.name));
  }
}

/**
 * True when the first bytes of a file are UTF-16 (or UTF-32) text, whose zero bytes would otherwise
 * make it look binary: a byte-order mark, or the pattern of {@link utf16WithoutMark}.
 */
export function looksLikeUtf16(head: Buffer): boolean {
  const bom = byteOrderMark(head);
  return bom === "utf-16le" || bom === "utf-16be" || bom === "utf-32" || utf16WithoutMark(head) !== null;
}

/**
 * UTF-16 without a byte-order mark: in the first 4 KB (at least 16 bytes), at least 30 % of the
 * pairs have a zero in one position and at most a tenth as many in the other (a character beyond
 * U+FFFF, or one like U+0100, has a zero there), and the byte beside those zeros is printable ASCII
 * (ASCII text in UTF-16 is every other byte zero).
 */
function utf16WithoutMark(bytes: Buffer): TextEncoding | null {
  const pairs = Math.floor(Math.min(bytes.length, 4096) / 2);
  if (pairs < 8) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  let evenText = 0;
  let oddText = 0;
  for (let i = 0; i < pairs; i++) {
    const even = bytes[2 * i];
    const odd = bytes[2 * i + 1];
    if (even === 0) {
      evenZeros++;
      if (isTextByte(odd)) oddText++;
    }
    if (odd === 0) {
      oddZeros++;
      if (isTextByte(even)) evenText++;
    }
  }
  // ASCII characters in UTF-16: one byte zero, the other printable (or a tab or line break).
  if (oddZeros >= 0.3 * pairs && evenZeros * 10 <= oddZeros && evenText >= 0.9 * oddZeros) return UTF16LE;
  if (evenZeros >= 0.3 * pairs && oddZeros * 10 <= evenZeros && oddText >= 0.9 * evenZeros) return UTF16BE;
  return null;
}

function isTextByte(byte: number): boolean {
  return (byte >= 0x20 && byte < 0x7f) || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

/** Offset of the first byte that does not belong to a valid UTF-8 sequence (bytes.length if none). */
export function firstInvalidUtf8(bytes: Uint8Array, from: number): number {
  let i = from;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const length = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    const second = bytes[i + 1];
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += length;
  }
  return i;
}

/** 1-based line number of a byte offset (CRLF, LF and CR each end a line). */
function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 0x0a) line++;
    else if (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a) line++;
  }
  return line;
}

/**
 * chardet's guess for a file that does not look Western (e.g. windows-1251), to suggest in the note,
 * or null. Only a clear guess counts: confidence ≥ 30 and 10 points ahead of the next one
 * (chardet gives 43 for a page of Russian in Windows-1251, 42/40 for German in Latin-1/Latin-5).
 */
function chardetHint(bytes: Buffer, invalidAt: number): string | null {
  const start = Math.max(0, invalidAt - 4096);
  const [guess, next] = chardet.analyse(bytes.subarray(start, start + 65_536));
  if (!guess || guess.confidence < 30 || (next && guess.confidence - next.confidence < 10)) return null;
  // Latin-1, Latin-9 and Latin-5 differ from Windows-1252 in a handful of characters: no hint.
  const western = ["ISO-8859-1", "windows-1252", "ISO-8859-15", "ISO-8859-9", "UTF-8", "ASCII"];
  return western.includes(guess.name) || !iconv.encodingExists(guess.name) ? null : guess.name;
}

/** Decodes fields and encodes new text in one encoding. */
export class FieldCodec {
  constructor(
    readonly encoding: TextEncoding,
    /** The units as scanned: the file's bytes, or for UTF-16BE a byte-swapped copy. */
    private readonly scanned: Buffer,
  ) {}

  /**
   * The text of units `[start, end)`. O(end − start).
   *
   * @example new FieldCodec(WINDOWS_1252, Buffer.from([0x4d, 0xfc])).decode(0, 2) // => "Mü"
   */
  decode(start: number, end: number): string {
    const { encoding, scanned } = this;
    if (encoding.unitBytes === 2) return scanned.toString("utf16le", 2 * start, 2 * end);
    if (encoding.iconvName === null) return scanned.toString("utf8", start, end);
    let ascii = true;
    for (let i = start; i < end && ascii; i++) ascii = scanned[i] < 0x80;
    return ascii
      ? scanned.toString("latin1", start, end)
      : iconv.decode(scanned.subarray(start, end), encoding.iconvName);
  }

  /**
   * The bytes of `text` in this encoding, or null when the encoding cannot hold every character of it
   * (never a `?` in its place).
   *
   * @example new FieldCodec(WINDOWS_1252, Buffer.alloc(0)).encode("≥ Gold") // => null
   */
  encode(text: string): Buffer | null {
    const { encoding } = this;
    if (encoding.iconvName === null) {
      if (LONE_SURROGATE.test(text)) return null;
      if (encoding.unitBytes === 1) return Buffer.from(text, "utf8");
      const bytes = Buffer.from(text, "utf16le");
      return encoding.bigEndian ? bytes.swap16() : bytes;
    }
    const bytes = iconv.encode(text, encoding.iconvName);
    return iconv.decode(bytes, encoding.iconvName) === text ? bytes : null;
  }
}
