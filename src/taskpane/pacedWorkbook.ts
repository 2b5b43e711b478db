/**
 * A {@link Workbook} that hands control back to the browser between requests, as Office.js does.
 *
 * Why: every Office.js call is an asynchronous round trip to Excel, so the pane repaints and hears
 * clicks (Cancel!) while a run reads a big table chunk by chunk. An in-memory workbook answers in
 * the same task, and a run over 300,000 rows would freeze the preview until it is done. This wrapper
 * reads in row chunks with a macrotask between them — the same batching the Office adapter does —
 * so the preview shows progress and can be cancelled like the real pane. It moves no cells itself.
 */
import type {
  Block,
  CellValue,
  IoOptions,
  NewColumn,
  SheetContent,
  TableInfo,
  Workbook,
} from "../workbook/workbook";

/** Rows per read request; small enough that one chunk takes a few milliseconds. */
const READ_CHUNK_ROWS = 20_000;

/**
 * Resolves in a new macrotask, so pending input events and a repaint run first. MessageChannel, not
 * setTimeout(0): browsers clamp nested timeouts to 4 ms, which would add up over hundreds of chunks.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export class PacedWorkbook implements Workbook {
  /** Present when the inner workbook can snapshot cells, so a failed run restores overwritten cells. */
  readonly snapshotCells?: Workbook["snapshotCells"];
  readonly restoreCells?: Workbook["restoreCells"];

  constructor(private readonly inner: Workbook) {
    if (inner.snapshotCells && inner.restoreCells) {
      this.snapshotCells = inner.snapshotCells.bind(inner);
      this.restoreCells = inner.restoreCells.bind(inner);
    }
  }

  async locateTable(): Promise<TableInfo | null> {
    await nextTask();
    return this.inner.locateTable();
  }

  /** Reads `READ_CHUNK_ROWS` rows at a time, yielding between chunks and checking `signal`. */
  async readColumns(table: TableInfo, columns: readonly number[], io?: IoOptions): Promise<CellValue[][]> {
    const out: CellValue[][] = columns.map(() => []);
    const total = table.rowCount * columns.length;
    let start = 0;
    // do…while: a header-only table still makes one (empty) request, as the inner workbook expects.
    do {
      await nextTask();
      io?.signal?.throwIfAborted();
      const rowCount = Math.min(READ_CHUNK_ROWS, table.rowCount - start);
      // A chunk is the same table with its header moved down by `start` rows.
      const chunk = await this.inner.readColumns(
        { ...table, headerRow: table.headerRow + start, rowCount },
        columns,
      );
      chunk.forEach((cells, k) => {
        for (const cell of cells) out[k].push(cell);
      });
      start += rowCount;
      io?.onProgress?.(start * columns.length, total);
    } while (start < table.rowCount);
    return out;
  }

  async findNonEmptyCells(block: Block, limit: number, io?: IoOptions): Promise<string[]> {
    await nextTask();
    return this.inner.findNonEmptyCells(block, limit, io);
  }

  async sheetNames(): Promise<string[]> {
    return this.inner.sheetNames();
  }

  async appendColumns(table: TableInfo, columns: readonly NewColumn[], io?: IoOptions): Promise<void> {
    await nextTask();
    io?.signal?.throwIfAborted();
    return this.inner.appendColumns(table, columns, io);
  }

  async removeColumns(table: TableInfo, headers: readonly string[], block: Block): Promise<void> {
    await nextTask();
    return this.inner.removeColumns(table, headers, block);
  }

  async addSheet(content: SheetContent): Promise<void> {
    await nextTask();
    return this.inner.addSheet(content);
  }

  async deleteSheet(name: string): Promise<void> {
    return this.inner.deleteSheet(name);
  }

  async asOneUndoStep<T>(work: (wb: Workbook) => Promise<T>): Promise<T> {
    return this.inner.asOneUndoStep((step) => work(new PacedWorkbook(step)));
  }

  async readSetting(key: string): Promise<string | null> {
    return this.inner.readSetting(key);
  }

  async writeSetting(key: string, value: string | null): Promise<void> {
    return this.inner.writeSetting(key, value);
  }
}
