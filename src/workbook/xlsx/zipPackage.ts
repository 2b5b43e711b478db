/**
 * An .xlsx (or .xlsm) file as a zip package (ECMA-376 Part 2, Open Packaging Conventions): read with
 * `yauzl`, written with `yazl`. Reading lists the entries once (the central directory) and inflates
 * only the parts asked for, as a Buffer for the small ones or as a stream for the big ones (a
 * 500 MB sheet is never one string). Writing copies every entry in the original order; an entry
 * nobody replaced is streamed through unchanged, so its uncompressed bytes are identical, with its
 * compression method and modification time.
 *
 * Cost: opening is O(entries); reading a part is O(its size); writing is O(package size) time and
 * O(one chunk) memory per entry.
 *
 * @example
 * const zip = await ZipPackage.open("book.xlsx");
 * (await zip.readText("xl/workbook.xml")).startsWith("<?xml"); // => true
 * await zip.write("out.xlsx", new Map([["xl/workbook.xml", Buffer.from(newXml)]]));
 */
import { createWriteStream } from "node:fs";
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";
import yazl from "yazl";

/**
 * Entries above this size (and streamed replacements, i.e. the patched sheet) are deflated at
 * level 1 instead of zlib's default 6: measured on a 300,000-row sheet, deflate at level 6 was the
 * largest single cost of a run (≈ 7 of 20 CPU seconds); level 1 is several times faster and makes
 * those parts ≈ 25 % larger (see the README's benchmark notes).
 */
const FAST_ABOVE_BYTES = 1024 * 1024;

/** What replaces or adds an entry when writing: bytes, or a function giving a fresh stream of them. */
export type PartContent = Buffer | (() => Readable | Promise<Readable>);

export class ZipPackage {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    /** Entries by name, in the order of the central directory. */
    private readonly entries: Map<string, yauzl.Entry>,
  ) {}

  /** Opens the package and reads its directory; rejects with yauzl's error for a file that is not a zip. */
  static async open(filePath: string): Promise<ZipPackage> {
    const zip = await yauzl.openPromise(filePath, {
      lazyEntries: true,
      autoClose: false,
      strictFileNames: false,
    });
    const entries = new Map<string, yauzl.Entry>();
    try {
      for await (const entry of zip.eachEntry()) entries.set(entry.fileName, entry);
    } catch (error) {
      zip.close();
      throw error;
    }
    return new ZipPackage(zip, entries);
  }

  /** Entry names in package order (folders included, as the zip lists them). */
  names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The entry's uncompressed size in bytes (0 when missing). */
  size(name: string): number {
    return this.entries.get(name)?.uncompressedSize ?? 0;
  }

  /** True when any entry is encrypted with zip's own encryption (not how Office encrypts). */
  hasEncryptedEntry(): boolean {
    return [...this.entries.values()].some((entry) => entry.isEncrypted());
  }

  /** A stream of the entry's uncompressed bytes. */
  async openStream(name: string): Promise<Readable> {
    const entry = this.entries.get(name);
    if (!entry) throw new Error(`The package has no part ${name}.`);
    return this.zip.openReadStreamPromise(entry);
  }

  /** The whole entry as bytes (for small parts). */
  async readBuffer(name: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.openStream(name)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** The whole entry as UTF-8 text (for small parts), without a byte-order mark. */
  async readText(name: string): Promise<string> {
    const text = (await this.readBuffer(name)).toString("utf8");
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }

  /**
   * Writes a new package to `filePath`: every original entry in order (replaced where `replaced`
   * has its name, left out where `removed` has it), then the `added` entries. Entries not replaced
   * keep their bytes, compression and date. Rejects (and destroys the output stream) on any error;
   * the caller removes the partial file.
   */
  async write(
    filePath: string,
    replaced: ReadonlyMap<string, PartContent>,
    added: ReadonlyMap<string, PartContent> = new Map(),
    removed: ReadonlySet<string> = new Set(),
  ): Promise<void> {
    const out = new yazl.ZipFile();
    for (const [name, entry] of this.entries) {
      if (removed.has(name)) continue;
      if (name.endsWith("/")) {
        out.addEmptyDirectory(name, { mtime: entry.getLastModDate() });
        continue;
      }
      const replacement = replaced.get(name);
      const compress = entry.compressionMethod !== 0;
      const big =
        entry.uncompressedSize > FAST_ABOVE_BYTES ||
        (replacement !== undefined && !Buffer.isBuffer(replacement));
      const options = {
        mtime: entry.getLastModDate(),
        compress,
        ...(compress ? { compressionLevel: big ? 1 : 6 } : {}),
      };
      if (replacement === undefined) {
        out.addReadStreamLazy(name, options, (callback) => {
          this.openStream(name).then(
            (stream) => void callback(null, stream),
            (error: unknown) => void callback(error, undefined as unknown as Readable),
          );
        });
      } else addContent(out, name, replacement, options);
    }
    const now = new Date();
    for (const [name, content] of added) addContent(out, name, content, { mtime: now, compress: true });
    out.end();
    const file = createWriteStream(filePath);
    // yazl reports a failing input stream on the ZipFile, not on its output: stop the file there too.
    await new Promise<void>((resolve, reject) => {
      out.on("error", (error: Error) => {
        file.destroy();
        reject(error);
      });
      pipeline(out.outputStream as Readable, file as Writable).then(resolve, reject);
    });
  }

  close(): void {
    this.zip.close();
  }
}

function addContent(
  out: yazl.ZipFile,
  name: string,
  content: PartContent,
  options: { mtime: Date; compress: boolean },
): void {
  if (Buffer.isBuffer(content)) {
    out.addBuffer(content, name, options);
    return;
  }
  out.addReadStreamLazy(name, options, (callback) => {
    Promise.resolve()
      .then(content)
      .then(
        (stream) => void callback(null, stream),
        (error: unknown) => void callback(error, undefined as unknown as Readable),
      );
  });
}
