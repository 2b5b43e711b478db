/**
 * Writes a file from many small pieces with flat memory: pieces are copied into a 1 MB chunk; a full
 * chunk is handed to the file system while the next one fills, and the writer waits for the earlier
 * write before reusing its buffer (back-pressure), so at most two chunks exist whatever the file's
 * size. One `write` call per megabyte instead of one per record.
 */
import { open, type FileHandle } from "node:fs/promises";

const CHUNK_BYTES = 1 << 20;
/**
 * Below this many bytes a piece is copied byte by byte: measured (Node 20) a loop copies a 1–9-byte
 * field 5–10× faster than `set(source.subarray(…))`, which allocates a view, while a 70-byte record
 * goes 1.5–2× faster through `set`.
 */
const SMALL_COPY = 24;

export class ChunkedWriter {
  private current = Buffer.allocUnsafe(CHUNK_BYTES);
  private spare = Buffer.allocUnsafe(CHUNK_BYTES);
  private length = 0;
  private inFlight: Promise<unknown> | null = null;

  private constructor(private readonly file: FileHandle) {}

  /** Creates or truncates `path` for writing. */
  static async open(path: string): Promise<ChunkedWriter> {
    return new ChunkedWriter(await open(path, "w"));
  }

  /** True when the current chunk is full enough that the caller should `await flush()`. */
  get full(): boolean {
    return this.length >= CHUNK_BYTES - 65_536;
  }

  /** Appends `source[start, end)`. Pieces larger than the space left go out in a direct write. */
  copy(source: Uint8Array, start = 0, end = source.length): void {
    const size = end - start;
    if (size <= CHUNK_BYTES - this.length) {
      if (size < SMALL_COPY) {
        const chunk = this.current;
        let at = this.length;
        for (let i = start; i < end; i++) chunk[at++] = source[i];
        this.length = at;
      } else {
        this.current.set(
          start === 0 && end === source.length ? source : source.subarray(start, end),
          this.length,
        );
        this.length += size;
      }
      return;
    }
    // Rare (a record over ~1 MB): keep order by queueing the current chunk, then the piece itself.
    this.queue(this.current.subarray(0, this.length));
    this.current = Buffer.allocUnsafe(CHUNK_BYTES);
    this.length = 0;
    this.queue(Buffer.from(source.subarray(start, end)));
  }

  /** Appends ASCII text (a number's digits) without making a buffer for it. */
  writeAscii(text: string): void {
    if (text.length > CHUNK_BYTES - this.length) {
      this.copy(Buffer.from(text, "latin1"));
      return;
    }
    const chunk = this.current;
    let at = this.length;
    for (let i = 0; i < text.length; i++) chunk[at++] = text.charCodeAt(i);
    this.length = at;
  }

  /** Sends the current chunk (after the previous write finished) and continues in the spare one. */
  async flush(): Promise<void> {
    if (this.length === 0) return;
    await this.inFlight;
    const chunk = this.current;
    const length = this.length;
    this.current = this.spare;
    this.spare = chunk;
    this.length = 0;
    this.inFlight = writeAll(this.file, chunk, length);
    // The spare buffer is reused only after this write: the next flush awaits inFlight first.
  }

  /** Writes what is left and closes the file. */
  async close(): Promise<void> {
    try {
      await this.flush();
      await this.inFlight;
    } finally {
      await this.file.close();
    }
  }

  /** Closes the file after a failure, without writing more. */
  async abort(): Promise<void> {
    await this.inFlight?.catch(() => undefined);
    await this.file.close().catch(() => undefined);
  }

  private queue(bytes: Buffer): void {
    const previous = this.inFlight;
    this.inFlight = (async () => {
      await previous;
      await writeAll(this.file, bytes, bytes.length);
    })();
  }
}

/** `write` may write less than asked (a full disk, a signal): continue until all is out or it throws. */
async function writeAll(file: FileHandle, bytes: Buffer, length: number): Promise<void> {
  let done = 0;
  while (done < length) {
    const { bytesWritten } = await file.write(bytes, done, length - done);
    done += bytesWritten;
  }
}
