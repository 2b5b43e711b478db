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
 * Cells per write (or clear) chunk: rows × columns. 30,000 cells take 1–15 ms in the in-memory
 * workbook on the 2-core development machine (more when a garbage collection falls into the chunk),
 * so no task of the write phase comes near the 200 ms at which a click on Cancel feels ignored.
 */
const WRITE_CHUNK_CELLS = 30_000;

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

/** One cell of a new column as a snapshot holds it: a formula, or a value. */
function cellOf(column: NewColumn, row: number): { values: CellValue[]; formulas: (string | null)[] } {
  return column.formulas !== undefined
    ? { values: [null], formulas: [column.formulas[row] ?? null] }
    : { values: [column.values?.[row] ?? null], formulas: [null] };
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
    // Sized up front: a million pushes would regrow each column, copying it in one long task.
    const out: CellValue[][] = columns.map(() => new Array<CellValue>(table.rowCount));
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
        const column = out[k];
        for (let i = 0; i < cells.length; i++) column[start + i] = cells[i];
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
   * Writes the new columns in row chunks, top to bottom, yielding and checking `signal` between them.
   * The first chunk is the real call on `table`: it writes the headers and, for an Excel table, adds
   * the columns to it. Each later chunk is the same columns of a plain range whose header row is the
   * row just above the chunk; that "header" cell lands on the previous chunk's last row, which
   * `restoreCells` then puts back (value or formula, as the column has it). Because the headers go
   * first, the workflow's rollback (`removeColumns` on the table) removes every row a failed or
   * cancelled write got to.
   *
   * Top-down matters for the in-memory workbook: its columns grow as they are written, and a first
   * write near the bottom of 300,000 rows would grow them in one long task.
   * Without `restoreCells` on the inner workbook, the columns go in one call, as before.
   */
  async appendColumns(table: TableInfo, columns: readonly NewColumn[], io?: IoOptions): Promise<void> {
    const restore = this.inner.restoreCells?.bind(this.inner);
    const chunkRows = Math.max(1, Math.floor(WRITE_CHUNK_CELLS / Math.max(1, columns.length)));
    await nextTask();
    io?.signal?.throwIfAborted();
    if (restore === undefined || table.rowCount <= chunkRows) {
      await this.inner.appendColumns(table, columns, io);
      return;
    }
    await this.inner.appendColumns(
      { ...table, rowCount: chunkRows },
      columns.map((column) => sliceColumn(column, 0, chunkRows)),
    );
    io?.onProgress?.(chunkRows, table.rowCount);
    const plain: TableInfo = { ...table, tableName: null };
    for (let start = chunkRows; start < table.rowCount; start += chunkRows) {
      await nextTask();
      io?.signal?.throwIfAborted();
      const end = Math.min(table.rowCount, start + chunkRows);
      await this.inner.appendColumns(
        { ...plain, headerRow: table.headerRow + start, rowCount: end - start },
        columns.map((column) => sliceColumn(column, start, end)),
      );
      // The chunk's header row is data row start − 1: put its cells back.
      await restore({
        block: {
          sheet: table.sheet,
          row: table.headerRow + start,
          column: table.firstColumn + table.columnCount,
          rowCount: 1,
          columnCount: columns.length,
        },
        columns: columns.map((column) => cellOf(column, start - 1)),
      });
      io?.onProgress?.(end, table.rowCount);
    }
  }

  /**
   * Removes a run's columns (the rollback of a failed or cancelled run, or "Remove results"). When
   * the block's header row holds exactly these headers, its data cells are first cleared in row
   * chunks with a macrotask between them, and the columns are then removed last one first — the
   * in-memory workbook shifts every later table column left, row by row, so removing the first of six
   * new columns first would move the other five over 300,000 rows in one task (about a second).
   */
  async removeColumns(table: TableInfo, headers: readonly string[], block: Block): Promise<void> {
    await nextTask();
    if (headers.length > 0 && block.rowCount > 1 && (await this.holdsHeaders(block, headers))) {
      const plain: TableInfo = { ...table, tableName: null };
      const chunkRows = Math.max(1, Math.floor(WRITE_CHUNK_CELLS / Math.max(1, block.columnCount)));
      for (let row = block.row + 1; row < block.row + block.rowCount; row += chunkRows) {
        const rowCount = Math.min(chunkRows, block.row + block.rowCount - row);
        await this.inner.removeColumns(plain, [], { ...block, row, rowCount });
        await nextTask();
      }
    }
    return this.inner.removeColumns(table, [...headers].reverse(), block);
  }

  /** Whether the block's first row holds `headers`, in order (read as a one-row "table" above it). */
  private async holdsHeaders(block: Block, headers: readonly string[]): Promise<boolean> {
    if (block.columnCount !== headers.length) return false;
    const above: TableInfo = {
      sheet: block.sheet,
      tableName: null,
      headerRow: block.row - 1,
      firstColumn: block.column,
      columnCount: block.columnCount,
      rowCount: 1,
      headers: [],
      sheetProtected: false,
      hiddenRowCount: 0,
    };
    try {
      const cells = await this.inner.readColumns(
        above,
        headers.map((_header, k) => k),
      );
      return cells.every((column, k) => column[0] === headers[k]);
    } catch {
      return false; // cannot tell: remove as the inner workbook does, without clearing first
    }
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
