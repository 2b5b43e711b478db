/**
 * Reads a few small entries of a zip package (an .xlsx) by name, without unpacking the rest: the
 * end-of-central-directory record gives the directory, the directory gives each entry's offset, and
 * only the wanted entries are read and inflated. The streaming .xlsx reader skips table parts; this
 * is how {@link readTableParts} gets them cheaply from a 100 MB workbook.
 *
 * Format: PKWARE APPNOTE.TXT §4.3 (local header, central directory header, end of central directory).
 * Supports "stored" (0) and "deflate" (8) entries; ZIP64 archives (entries or offsets ≥ 4 GiB) are
 * not needed for the parts read here and give an empty result. Cost: O(directory size + wanted bytes).
 *
 * @example
 * readZipEntries("book.xlsx", (name) => name.startsWith("xl/tables/"));
 * // => Map { "xl/tables/table1.xml" => "<?xml …><table … name=\"Customers\" ref=\"A1:N5001\" …" }
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { constants, inflateRawSync } from "node:zlib";

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** The end record is 22 bytes plus a comment of at most 65,535 bytes. */
const END_SEARCH = 22 + 65_535;

/**
 * The text (UTF-8) of every entry whose name `wanted` accepts and whose size is at most `maxBytes`.
 * Returns an empty map for a file that is not a readable zip (the caller treats that as "no parts").
 */
export function readZipEntries(
  filePath: string,
  wanted: (name: string) => boolean,
  maxBytes = 16 * 1024 * 1024,
): Map<string, string> {
  return readEntries(filePath, wanted, maxBytes, Infinity);
}

/**
 * The beginning of each wanted entry, whatever its size: at most `compressedBytes` of its data are
 * read and inflated as far as they go (enough for the `<cols>` at the top of a 100 MB sheet part).
 */
export function readZipEntryHeads(
  filePath: string,
  wanted: (name: string) => boolean,
  compressedBytes = 64 * 1024,
): Map<string, string> {
  return readEntries(filePath, wanted, Infinity, compressedBytes);
}

function readEntries(
  filePath: string,
  wanted: (name: string) => boolean,
  maxBytes: number,
  headBytes: number,
): Map<string, string> {
  const found = new Map<string, string>();
  const fd = openSync(filePath, "r");
  try {
    const size = fstatSync(fd).size;
    const tailLength = Math.min(size, END_SEARCH);
    const tail = readAt(fd, size - tailLength, tailLength);
    let end = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === END_OF_DIRECTORY) {
        end = i;
        break;
      }
    }
    if (end < 0) return found;
    const entryCount = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    if (directoryOffset === 0xffffffff || directoryOffset + directorySize > size) return found;
    const directory = readAt(fd, directoryOffset, directorySize);
    let at = 0;
    for (let n = 0; n < entryCount && at + 46 <= directory.length; n++) {
      if (directory.readUInt32LE(at) !== DIRECTORY_ENTRY) break;
      const method = directory.readUInt16LE(at + 10);
      const compressedSize = directory.readUInt32LE(at + 20);
      const uncompressedSize = directory.readUInt32LE(at + 24);
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      const localOffset = directory.readUInt32LE(at + 42);
      const name = directory.toString("utf8", at + 46, at + 46 + nameLength);
      at += 46 + nameLength + extraLength + commentLength;
      if (!wanted(name) || uncompressedSize > maxBytes || compressedSize === 0xffffffff) continue;
      const local = readAt(fd, localOffset, 30);
      if (local.readUInt32LE(0) !== LOCAL_HEADER) continue;
      const dataOffset = localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      const data = readAt(fd, dataOffset, Math.min(compressedSize, headBytes));
      if (method === 0) found.set(name, data.toString("utf8"));
      else if (method === 8) {
        // A sync flush lets a cut-off stream inflate as far as its bytes go instead of failing.
        const partial = data.length < compressedSize ? { finishFlush: constants.Z_SYNC_FLUSH } : {};
        found.set(name, inflateRawSync(data, partial).toString("utf8"));
      }
    }
    return found;
  } finally {
    closeSync(fd);
  }
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const read = readSync(fd, buffer, done, length - done, position + done);
    if (read === 0) break;
    done += read;
  }
  return buffer.subarray(0, done);
}
