/**
 * The one place where an unexpected exception becomes a {@link Problem}: a workbook call that
 * rejects (Excel's `InvalidOperation`, a lost connection, a file that cannot be read), a bug, a
 * cancelled run. `runSegmentation`, `previewTable` and `removeLastRun` each run their stages inside
 * {@link atBoundary}, so none of them ever throws.
 *
 * To tell the workbook's failures from our own, every call to the workbook goes through
 * {@link GuardedWorkbook}, which wraps what a call throws in a {@link WorkbookFailure} naming the
 * call. The `write` stage, which must undo what it wrote before the run ends, throws a
 * {@link RolledBack} carrying what the undo achieved; the boundary words both.
 */
import type {
  Block,
  CellSnapshot,
  CellValue,
  IoOptions,
  NewColumn,
  SheetContent,
  TableInfo,
  Workbook,
} from "../workbook/workbook";
import { describeProblem, type SurfaceWords } from "./problemText";
import type { Checked, Problem, ProblemDetails, Rollback, Stage } from "./problems";

/** A workbook call that threw: which one, and what it threw. */
export class WorkbookFailure extends Error {
  constructor(
    readonly operation: keyof Workbook,
    readonly cause: unknown,
  ) {
    super(`${operation}: ${messageOf(cause)}`);
  }

  /** Calls that only read (a failure leaves the workbook as it was). */
  get isRead(): boolean {
    return READS.has(this.operation);
  }
}

const READS: ReadonlySet<keyof Workbook> = new Set<keyof Workbook>([
  "locateTable",
  "readColumns",
  "findNonEmptyCells",
  "sheetNames",
  "readSetting",
  "snapshotCells",
]);

/** The write stage failed (or was cancelled) and removed what it had written, as `rollback` says. */
export class RolledBack extends Error {
  constructor(
    readonly cause: unknown,
    readonly rollback: Rollback,
  ) {
    super(messageOf(cause));
  }
}

/** "Remove results" failed partway: which columns and sheet it was removing. */
export class RemovalFailed extends Error {
  constructor(
    readonly cause: unknown,
    readonly columns: readonly string[],
    readonly sheet: string,
  ) {
    super(messageOf(cause));
  }
}

/** The text of whatever was thrown, for a message. */
export function messageOf(error: unknown): string {
  if (error instanceof WorkbookFailure || error instanceof RolledBack || error instanceof RemovalFailed)
    return messageOf(error.cause);
  // Without its closing full stop: the text is quoted inside a sentence of ours.
  if (error instanceof Error) return (error.message || error.name).replace(/\.\s*$/, "");
  return String(error).replace(/\.\s*$/, "");
}

/**
 * Runs `work` (a sequence of stages) and answers with its result, or with the problem that stopped
 * it — a stage's own problem, or the one an exception becomes. `where.stage` is the stage running
 * when the exception came (the stages keep it current). Problems are told in `words`.
 */
export async function atBoundary<T>(
  where: { stage: Stage; signal?: AbortSignal },
  words: SurfaceWords,
  work: () => Promise<Checked<T>>,
): Promise<{ ok: true; value: T } | { ok: false; problem: Problem }> {
  let checked: Checked<T>;
  try {
    checked = await work();
  } catch (error) {
    checked = { ok: false, problem: problemOf(error, where.stage, where.signal) };
  }
  return checked.ok ? checked : { ok: false, problem: describeProblem(checked.problem, words) };
}

/** What an exception means to the user. */
function problemOf(error: unknown, stage: Stage, signal?: AbortSignal): ProblemDetails {
  const rollback = error instanceof RolledBack ? error.rollback : null;
  const cause = error instanceof RolledBack ? error.cause : error;
  if (signal?.aborted) return { code: "cancelled", rollback };
  if (error instanceof RemovalFailed) {
    return {
      code: "remove-failed",
      reason: messageOf(error),
      columns: [...error.columns],
      sheet: error.sheet,
    };
  }
  if (cause instanceof WorkbookFailure) {
    if (rollback !== null) return { code: "write-failed", reason: messageOf(cause), rollback };
    if (cause.isRead) return { code: "read-failed", reason: messageOf(cause), stage };
  }
  return { code: "internal-error", reason: messageOf(cause), stage, rollback };
}

/**
 * A workbook whose every call, when it throws, throws a {@link WorkbookFailure} naming the call.
 * The workbook `asOneUndoStep` hands to its work is guarded too; what the work itself throws passes
 * through unchanged.
 */
export class GuardedWorkbook implements Workbook {
  snapshotCells?: (block: Block, io?: IoOptions) => Promise<CellSnapshot>;
  restoreCells?: (snapshot: CellSnapshot, io?: IoOptions) => Promise<void>;

  constructor(private readonly inner: Workbook) {
    const { snapshotCells, restoreCells } = inner;
    if (snapshotCells)
      this.snapshotCells = (block, io) =>
        this.call("snapshotCells", () => snapshotCells.call(inner, block, io));
    if (restoreCells)
      this.restoreCells = (snapshot, io) =>
        this.call("restoreCells", () => restoreCells.call(inner, snapshot, io));
  }

  private async call<T>(operation: keyof Workbook, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw error instanceof WorkbookFailure ? error : new WorkbookFailure(operation, error);
    }
  }

  locateTable(): Promise<TableInfo | null> {
    return this.call("locateTable", () => this.inner.locateTable());
  }

  readColumns(table: TableInfo, columns: readonly number[], io?: IoOptions): Promise<CellValue[][]> {
    return this.call("readColumns", () => this.inner.readColumns(table, columns, io));
  }

  findNonEmptyCells(block: Block, limit: number, io?: IoOptions): Promise<string[]> {
    return this.call("findNonEmptyCells", () => this.inner.findNonEmptyCells(block, limit, io));
  }

  sheetNames(): Promise<string[]> {
    return this.call("sheetNames", () => this.inner.sheetNames());
  }

  appendColumns(table: TableInfo, columns: readonly NewColumn[], io?: IoOptions): Promise<void> {
    return this.call("appendColumns", () => this.inner.appendColumns(table, columns, io));
  }

  removeColumns(table: TableInfo, headers: readonly string[], block: Block): Promise<void> {
    return this.call("removeColumns", () => this.inner.removeColumns(table, headers, block));
  }

  addSheet(content: SheetContent): Promise<void> {
    return this.call("addSheet", () => this.inner.addSheet(content));
  }

  deleteSheet(name: string): Promise<void> {
    return this.call("deleteSheet", () => this.inner.deleteSheet(name));
  }

  async asOneUndoStep<T>(work: (wb: Workbook) => Promise<T>): Promise<T> {
    let fromWork = false;
    try {
      return await this.inner.asOneUndoStep(async (step) => {
        try {
          return await work(new GuardedWorkbook(step));
        } catch (error) {
          fromWork = true;
          throw error;
        }
      });
    } catch (error) {
      if (fromWork || error instanceof WorkbookFailure) throw error;
      throw new WorkbookFailure("asOneUndoStep", error);
    }
  }

  readSetting(key: string): Promise<string | null> {
    return this.call("readSetting", () => this.inner.readSetting(key));
  }

  writeSetting(key: string, value: string | null): Promise<void> {
    return this.call("writeSetting", () => this.inner.writeSetting(key, value));
  }
}
