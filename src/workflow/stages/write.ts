/**
 * Stage `write`: the run's writes as one undo step — the summary sheet first (a new sheet touches
 * nothing of the user's), then the columns, then `remember` (the record "Remove results" reads).
 * If anything fails or the run is cancelled, whatever was written is removed again before the
 * error goes on, as a {@link RolledBack} saying what the removal achieved; the run's boundary
 * words it. So a run either leaves all of its results or none.
 *
 * When the user agreed to overwrite non-empty cells, the target block is snapshotted first (where
 * the workbook can: `snapshotCells`), and a rollback writes it back after removing the run's
 * columns; without that, the problem says the overwritten cells are lost to all but Undo.
 */
import type { CellSnapshot, Workbook } from "../../workbook/workbook";
import { messageOf, RolledBack } from "../boundary";
import type { Rollback } from "../problems";
import type { WritePlan } from "./planWrites";
import { throwIfCancelled, type RunContext } from "./runContext";

export async function write<T>(
  wb: Workbook,
  plan: WritePlan,
  run: RunContext,
  remember: (step: Workbook) => Promise<T>,
): Promise<T> {
  run.stage = "write";
  // The write takes the rest of the bar from 65 %, or from where a long scoring stage left it.
  const from = Math.max(0.65, run.fraction);
  run.progress(from, "Writing");
  const { signal } = run;
  const { table, columns, columnsBlock, sheet, customerSheet, overwriting } = plan;
  let started = false;
  let sheetStarted = false;
  let customerSheetStarted = false;
  let columnsStarted = false;
  let overwritten: CellSnapshot | null = null;
  const rollback = (failed: string | null, restored: boolean | null): Rollback => ({
    sheet: sheet.name,
    overwrote: overwriting && columnsStarted,
    restored,
    failed,
    ...(customerSheet ? { otherSheets: [customerSheet.name] } : {}),
  });
  try {
    return await wb.asOneUndoStep(async (step) => {
      started = true;
      try {
        if (overwriting && step.snapshotCells && step.restoreCells) {
          overwritten = await step.snapshotCells(columnsBlock, { signal });
        }
        // Before the call: a sheet that failed halfway (some cells written) must go too. Its name was
        // free before the run, so deleting it can only remove what this run added.
        sheetStarted = true;
        await step.addSheet(sheet);
        throwIfCancelled(run);
        if (customerSheet) {
          customerSheetStarted = true;
          await step.addSheet(customerSheet);
          throwIfCancelled(run);
        }
        columnsStarted = true;
        await step.appendColumns(table, columns, {
          signal,
          onProgress: (done, total) =>
            run.progress(from + ((1 - from) * done) / Math.max(1, total), "Writing"),
        });
        throwIfCancelled(run);
        run.stage = "remember";
        return await remember(step);
      } catch (error) {
        try {
          if (columnsStarted)
            await step.removeColumns(
              table,
              columns.map((c) => c.header),
              columnsBlock,
            );
          if (customerSheetStarted && customerSheet) await step.deleteSheet(customerSheet.name);
          if (sheetStarted) await step.deleteSheet(sheet.name);
          // No signal: a cancelled run must still get the user's cells back.
          if (columnsStarted && overwritten !== null) await step.restoreCells?.(overwritten);
        } catch (undoError) {
          throw new RolledBack(error, rollback(messageOf(undoError), null));
        }
        const restored = overwriting && columnsStarted ? overwritten !== null : null;
        throw new RolledBack(error, rollback(null, restored));
      }
    });
  } catch (error) {
    if (error instanceof RolledBack) throw error;
    // The undo step itself failed: before the work began nothing was written; after it, the host
    // did not confirm the writes, and what it kept cannot be checked from here.
    throw new RolledBack(
      error,
      rollback(started ? `the workbook did not confirm the writes: ${messageOf(error)}` : null, null),
    );
  }
}
