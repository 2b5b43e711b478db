/**
 * The preview's `?fail=read|write|settings`: a workbook whose requests fail the way Excel's can (a
 * lost connection, a busy Excel answering "GeneralException"), so the pane's error paths can be seen
 * and tested in a plain browser, as `?protected=1` shows a protected sheet.
 *
 * - `read`: reading cells fails (the table preview, the run's reads, the overwrite check);
 * - `write`: adding the result columns fails, after the summary sheet was added (the run must remove
 *   it again); removing columns and sheets still works, so the rollback can do its job;
 * - `settings`: the document settings cannot be read or saved.
 * Everything else is passed to the inner workbook unchanged.
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

export type PreviewFault = "read" | "write" | "settings";

const FAULTS: readonly PreviewFault[] = ["read", "write", "settings"];

/**
 * The fault the query string asks for, or null.
 *
 * @example
 * previewFault("?fail=write") // => "write"
 * previewFault("?rows=10")    // => null
 */
export function previewFault(search: string): PreviewFault | null {
  const asked = new URLSearchParams(search).get("fail");
  return FAULTS.find((fault) => fault === asked) ?? null;
}

/** An error shaped like Office.js's (`OfficeExtension.Error` has a code and a message). */
export class SimulatedExcelError extends Error {
  readonly code = "GeneralException";
  constructor(operation: string) {
    super(`GeneralException: Excel could not complete the request (${operation}; simulated by the preview)`);
    this.name = "RichApi.Error";
  }
}

export class FaultyWorkbook implements Workbook {
  readonly snapshotCells?: Workbook["snapshotCells"];
  readonly restoreCells?: Workbook["restoreCells"];

  constructor(
    private readonly inner: Workbook,
    private readonly fault: PreviewFault,
  ) {
    const { snapshotCells, restoreCells } = inner;
    if (snapshotCells && restoreCells) {
      this.snapshotCells = (block: Block, io?: IoOptions) => {
        this.fail("read", "reading the cells to overwrite");
        return snapshotCells.call(inner, block, io);
      };
      this.restoreCells = restoreCells.bind(inner);
    }
  }

  private fail(fault: PreviewFault, operation: string): void {
    if (this.fault === fault) throw new SimulatedExcelError(operation);
  }

  async locateTable(): Promise<TableInfo | null> {
    return this.inner.locateTable();
  }

  async readColumns(table: TableInfo, columns: readonly number[], io?: IoOptions): Promise<CellValue[][]> {
    this.fail("read", "reading cells");
    return this.inner.readColumns(table, columns, io);
  }

  async findNonEmptyCells(block: Block, limit: number, io?: IoOptions): Promise<string[]> {
    this.fail("read", "checking the cells beside the table");
    return this.inner.findNonEmptyCells(block, limit, io);
  }

  async sheetNames(): Promise<string[]> {
    return this.inner.sheetNames();
  }

  async appendColumns(table: TableInfo, columns: readonly NewColumn[], io?: IoOptions): Promise<void> {
    this.fail("write", "writing the result columns");
    return this.inner.appendColumns(table, columns, io);
  }

  async removeColumns(table: TableInfo, headers: readonly string[], block: Block): Promise<void> {
    return this.inner.removeColumns(table, headers, block);
  }

  async addSheet(content: SheetContent): Promise<void> {
    return this.inner.addSheet(content);
  }

  async deleteSheet(name: string): Promise<void> {
    return this.inner.deleteSheet(name);
  }

  async asOneUndoStep<T>(work: (wb: Workbook) => Promise<T>): Promise<T> {
    return this.inner.asOneUndoStep((step) =>
      work(step === this.inner ? this : new FaultyWorkbook(step, this.fault)),
    );
  }

  async readSetting(key: string): Promise<string | null> {
    this.fail("settings", "reading the document settings");
    return this.inner.readSetting(key);
  }

  async writeSetting(key: string, value: string | null): Promise<void> {
    this.fail("settings", "saving the document settings");
    return this.inner.writeSetting(key, value);
  }
}
