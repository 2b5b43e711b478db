/**
 * Opens a file for the command-line runner as a {@link Workbook}: an .xlsx/.xlsm workbook
 * ({@link XlsxWorkbook}: read and written as a stream, whatever its size, by patching the package)
 * or a CSV file ({@link CsvWorkbook}). The kind is decided from the file's first bytes, not only
 * its name, so a renamed file still gets a clear message.
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import path from "node:path";
import { csvMessages } from "./csv/csvMessages";
import { looksLikeUtf16 } from "./csv/textEncoding";
import { CsvWorkbook, type CsvOptions } from "./csvWorkbook";
import { FileInputError } from "./fileInputError";
import type { Workbook } from "./workbook";
import { NotAWorkbookError } from "./xlsx/packageStructure";
import { XlsxWorkbook, type FileTarget } from "./xlsxWorkbook";

export type { FileTarget } from "./xlsxWorkbook";
export { FileInputError };

/** A workbook read from a file, which can be saved to another file. */
export type FileWorkbook = (XlsxWorkbook | CsvWorkbook) & Workbook;

/**
 * How to open an .xlsx file. `stream` is accepted for compatibility and ignored: there is one
 * engine, and it always streams (`--stream` / `--no-stream` are no-ops).
 */
export interface XlsxOptions {
  stream?: boolean;
}

export type FileKind = "xlsx" | "csv";

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const GZIP = [0x1f, 0x8b];
/** Names the runner reads as CSV / tab-separated text. */
const TEXT_EXTENSIONS = [".csv", ".tsv", ".tab", ".txt"];
/** An empty zip (only the end record): still a zip, so it gets the zip messages. */
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
/** OLE compound file: legacy .xls, and also how Office stores a password-encrypted .xlsx. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * What the file is, from its first bytes (and its name for text): "xlsx" (any zip: the package
 * is checked when opened), "csv", or a {@link FileInputError} saying why it cannot be used
 * (missing, encrypted, legacy .xls, binary, a workbook under a text name). `textIsUtf16`: the user
 * named UTF-16 (`--encoding`), whose zero bytes are text.
 */
export function detectFileKind(filePath: string, textIsUtf16 = false): FileKind {
  let size: number;
  try {
    const stat = statSync(filePath);
    if (stat.isDirectory()) throw new FileInputError(`${filePath} is a folder, not a workbook file.`);
    size = stat.size;
  } catch (error) {
    if (error instanceof FileInputError) throw error;
    throw new FileInputError(`${filePath} does not exist (or cannot be read).`);
  }
  const head = readHead(filePath, Math.min(size, 4096));
  const startsWith = (magic: number[]) => magic.every((byte, i) => head[i] === byte);
  const extension = path.extname(filePath).toLowerCase();
  if (startsWith(ZIP) || startsWith(EMPTY_ZIP)) {
    if (!TEXT_EXTENSIONS.includes(extension)) return "xlsx";
    // A zip under a text name: say what it really is instead of reading it as CSV or xlsx.
    if (head.includes("[Content_Types].xml") || head.includes("xl/")) {
      throw new FileInputError(csvMessages.renamedXlsx(filePath, extension));
    }
    if (head.includes("opendocument")) throw new FileInputError(csvMessages.renamedOds(filePath, extension));
    throw new FileInputError(csvMessages.zipArchive(filePath));
  }
  if (startsWith(OLE)) {
    const whole = readHead(filePath, Math.min(size, 16 * 1024 * 1024));
    if (whole.includes(Buffer.from("EncryptionInfo", "utf16le"))) {
      throw new FileInputError(
        `${filePath} is password-protected (encrypted): open it in Excel, remove the password (File › Info › Protect Workbook), save, and run again.`,
      );
    }
    throw new FileInputError(
      `${filePath} is an Excel 97–2003 (.xls) or other Office binary file: save it as .xlsx or .csv and run again.`,
    );
  }
  if (extension === ".xlsx" || extension === ".xlsm") {
    throw new FileInputError(`${filePath} is not an .xlsx workbook (it is not a zip package).`);
  }
  if (startsWith(GZIP)) throw new FileInputError(csvMessages.gzip(filePath));
  if (size === 0) throw new FileInputError(csvMessages.empty(filePath));
  if (head.includes(0) && !textIsUtf16 && !looksLikeUtf16(head))
    throw new FileInputError(csvMessages.binary(filePath));
  return "csv";
}

/** Opens the file as the kind {@link detectFileKind} finds; parse failures become FileInputError. */
export async function openFileWorkbook(
  filePath: string,
  target: FileTarget = {},
  csvOptions: CsvOptions = {},
  xlsxOptions: XlsxOptions = {},
): Promise<{ kind: FileKind; workbook: FileWorkbook }> {
  void xlsxOptions;
  const kind = detectFileKind(filePath, csvOptions.encoding?.unitBytes === 2);
  try {
    if (kind === "xlsx") return { kind, workbook: await XlsxWorkbook.open(filePath, target) };
    return { kind, workbook: await CsvWorkbook.open(filePath, csvOptions) };
  } catch (error) {
    if (error instanceof FileInputError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof NotAWorkbookError) {
      throw new FileInputError(`${filePath} ${reason}`);
    }
    throw new FileInputError(
      `${filePath} could not be read as ${kind === "xlsx" ? "an .xlsx workbook" : "CSV"}: ${reason}`,
    );
  }
}

function readHead(filePath: string, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const fd = openSync(filePath, "r");
  try {
    const read = readSync(fd, buffer, 0, length, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
