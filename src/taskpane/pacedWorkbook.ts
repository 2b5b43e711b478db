/**
 * A {@link Workbook} that hands control back to the browser between requests, as Office.js does.
 *
 * Why: every Office.js call is an asynchronous round trip to Excel, so the pane repaints and hears
 * clicks (Cancel!) while a run reads a big table chunk by chunk. An in-memory workbook answers in
 * the same task, and a run over 300,000 rows would freeze the preview until it is done. This wrapper
 * reads and writes in row chunks with a macrotask between them — the same batching the Office
 * adapter does — so the preview shows progress and answers Cancel within a chunk, like the real pane.
 * It moves no cells itself: every chunk is a call of the inner workbook.
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
 * Cells per write chunk (rows × new columns). 60,000 cells take 5–20 ms in the in-memory workbook in
 * Chromium on the 2-core development machine, so no task of the write phase comes near the 200 ms
 * at which a click on Cancel feels ignored, even with the machine busy.
 */
const WRITE_CHUNK_CELLS = 60_000;

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

/** Rows [start, end) of a new column: its values or formulas, header and number format kept. */
function sliceColumn(column: NewColumn, start: number, end: number): NewColumn {
  return column.formulas !== undefined
    ? { ...column, formulas: column.formulas.slice(start, end) }
    : { ...column, values: column.values?.slice(start, end) };
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

  /**
   * Writes the new columns in row chunks, yielding and checking `signal` between them. The chunks are
   * written bottom-up, each as the same columns of a plain range whose header row is the row just above
   * the chunk (that "header" cell is then written over by the chunk above it); the top chunk, written
   * last, is the real call on `table`: it writes the headers and, for an Excel table, adds the columns to
   * it. If a chunk fails or the run is cancelled, the rows already written below are cleared before the
   * error is passed on, so the workflow sees one call that failed before it wrote anything but what its
   * own rollback removes.
   */
  async appendColumns(table: TableInfo, columns: readonly NewColumn[], io?: IoOptions): Promise<void> {
    const chunkRows = Math.max(1, Math.floor(WRITE_CHUNK_CELLS / Math.max(1, columns.length)));
    const starts: number[] = [];
    for (let start = chunkRows; start < table.rowCount; start += chunkRows) starts.push(start);
    // What the bottom-up chunks cover: from the "header" cell of the first of them (the top chunk's last
    // row) to the table's last row.
    const below: Block = {
      sheet: table.sheet,
      row: table.headerRow + chunkRows,
      column: table.firstColumn + table.columnCount,
      rowCount: Math.max(0, table.rowCount - chunkRows + 1),
      columnCount: columns.length,
    };
    const plain: TableInfo = { ...table, tableName: null };
    let written = 0;
    try {
      for (const start of starts.reverse()) {
        await nextTask();
        io?.signal?.throwIfAborted();
        const end = Math.min(table.rowCount, start + chunkRows);
        await this.inner.appendColumns(
          { ...plain, headerRow: table.headerRow + start, rowCount: end - start },
          columns.map((column) => sliceColumn(column, start, end)),
        );
        written += end - start;
        io?.onProgress?.(written, table.rowCount);
      }
      await nextTask();
      io?.signal?.throwIfAborted();
      const top = Math.min(chunkRows, table.rowCount);
      await this.inner.appendColumns(
        { ...table, rowCount: top },
        columns.map((column) => sliceColumn(column, 0, top)),
      );
      io?.onProgress?.(table.rowCount, table.rowCount);
    } catch (error) {
      if (written > 0) await this.inner.removeColumns(plain, [], below);
      throw error;
    }
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
