/**
 * The segmentation workflow: everything the task pane and the command-line runner do, written once
 * against the small {@link Workbook} interface, as named stages (`stages/`):
 *
 *   locate → check → read → customers → score → planWrites → write (→ remember)
 *
 *   - `locate` finds the table and checks its headers;
 *   - `check` checks the settings against it, and that the sheet can take the results;
 *   - `read` reads only the mapped columns the method uses;
 *   - `customers` decides which rows are customers (a totals row is not; an order log is
 *     aggregated per customer as of a date, `stages/orders.ts`, whose `readOrders` reads it);
 *   - `score` turns cells into numbers, runs the method's registry entry and builds the summary;
 *   - `planWrites` names the new columns and summary sheet and asks before overwriting anything;
 *   - `write` writes as one undo step and rolls back on any failure; `remember` saves the record
 *     "Remove results" uses, inside that step.
 *
 * A stage stops the run with a problem when the input is wrong; anything unexpected (a workbook
 * call that rejects, a bug) becomes a problem at one place, the boundary (`boundary.ts`). So
 * `runSegmentation`, `previewTable` and `removeLastRun` never throw, and never leave half a run.
 */
import type { CellValue, TableInfo, Workbook } from "../workbook/workbook";
import { atBoundary, GuardedWorkbook, RemovalFailed } from "./boundary";
import { detectMapping, detectOrderMapping } from "./mapping";
import { looksLikeOrderLog, ORDER_LOG_SAMPLE_ROWS } from "./orderLogDetection";
import { pass, stop } from "./problems";
import { PANE_WORDS, type SurfaceWords } from "./problemText";
import { LAST_RUN_KEY, defaultSettings, loadSavedSettings } from "./settings";
import { check } from "./stages/check";
import { type Customers, customersOfTable } from "./stages/customers";
import { customersOfOrders, readOrders } from "./stages/orders";
import { locate } from "./stages/locate";
import { planWrites } from "./stages/planWrites";
import { read } from "./stages/read";
import { remember } from "./stages/remember";
import { runContext, throwIfCancelled } from "./stages/runContext";
import { score } from "./stages/score";
import { write } from "./stages/write";
import type { Problem } from "./problems";
import type { RunHooks, RunOutcome, RunRecord, SegmentationSettings, TablePreview } from "./types";

export { defaultSettings, loadSavedSettings };
export { SUMMARY_SHEET_NAME } from "./stages/planWrites";

/** Runs one segmentation. Never throws: the outcome is the summary and record, or the problem. */
export async function runSegmentation(
  workbook: Workbook,
  settings: SegmentationSettings,
  hooks: RunHooks = {},
): Promise<RunOutcome> {
  const wb = new GuardedWorkbook(workbook);
  const run = runContext(hooks, "locate");
  const outcome = await atBoundary(run, hooks.words ?? PANE_WORDS, async () => {
    run.progress(0, "Reading");
    const located = await locate(wb, run);
    if (!located.ok) return located;
    const planned = check(located.value, settings, run);
    if (!planned.ok) return planned;
    throwIfCancelled(run);
    // The source decides who the customers are: the table's rows, or the order log aggregated.
    let customers: Customers;
    let used = settings;
    if (settings.source.kind === "orders") {
      const orders = await readOrders(wb, planned.value, run);
      throwIfCancelled(run);
      const aggregated = customersOfOrders(orders, settings, run);
      if (!aggregated.ok) return aggregated;
      customers = aggregated.value;
      // RFM's recency and the lifetime value's ages count up to the order log's as-of date, in its
      // period: one date and one unit for the whole run (the holdout check starts the day after it).
      const { asOf, period } = settings.source;
      used = { ...settings, rfm: { ...settings.rfm, asOf }, clv: { ...settings.clv, asOf, period } };
    } else {
      const cells = await read(wb, planned.value, run);
      throwIfCancelled(run);
      run.stage = "customers";
      customers = customersOfTable(cells);
    }
    const scored = await score(customers, planned.value, used, run);
    if (!scored.ok) return scored;
    const plan = await planWrites(wb, planned.value, customers, scored.value, run);
    if (!plan.ok) return plan;
    const record = await write(wb, plan.value, run, (step) => remember(step, plan.value, settings));
    run.progress(1, "Done");
    return pass({ summary: scored.value.summary, record });
  });
  return outcome.ok ? { ok: true, ...outcome.value } : outcome;
}

/**
 * The table under the selection, its first `rowCount` data rows (default 10) and the mapping guessed
 * from its headers — what the pane shows before a run. Reads only those rows. Never throws.
 */
export async function previewTable(
  workbook: Workbook,
  rowCount = 10,
  words: SurfaceWords = PANE_WORDS,
): Promise<{ ok: true; preview: TablePreview } | { ok: false; problem: Problem }> {
  const wb = new GuardedWorkbook(workbook);
  const run = runContext({}, "locate");
  const outcome = await atBoundary(run, words, async () => {
    const located = await locate(wb, run);
    if (!located.ok) return located;
    run.stage = "preview";
    const { table, headers } = located.value;
    const shown = Math.max(0, Math.min(rowCount, table.rowCount));
    const columns = await wb.readColumns(
      { ...table, rowCount: shown },
      headers.map((_, i) => i),
    );
    const rows = Array.from({ length: shown }, (_, r) => columns.map((column) => column[r] ?? null));
    const detectedOrders = detectOrderMapping(headers);
    let sample: CellValue[] = [];
    if (detectedOrders.customer !== null) {
      const sampled = Math.min(ORDER_LOG_SAMPLE_ROWS, table.rowCount);
      [sample] = await wb.readColumns({ ...table, rowCount: sampled }, [detectedOrders.customer]);
    }
    const orderLog = looksLikeOrderLog(detectedOrders, sample, table.headerRow + 2);
    return pass({ table, headers, rows, detected: detectMapping(headers), detectedOrders, orderLog });
  });
  return outcome.ok ? { ok: true, preview: outcome.value } : outcome;
}

/**
 * "Remove results": deletes exactly what the last run added (its columns and its summary sheet), as
 * one undo step, and forgets the record. Columns or a sheet the user already deleted are ignored.
 * Never throws.
 */
export async function removeLastRun(
  workbook: Workbook,
  words: SurfaceWords = PANE_WORDS,
): Promise<{ ok: true; removed: RunRecord; message: string } | { ok: false; problem: Problem }> {
  const wb = new GuardedWorkbook(workbook);
  const run = runContext({}, "remove");
  const outcome = await atBoundary(run, words, async () => {
    const record = parseRecord(await wb.readSetting(LAST_RUN_KEY));
    if (record === null) return stop({ code: "no-data", reason: "nothing-to-remove" });
    const block = record.columnsBlock;
    const table: TableInfo = record.table ?? {
      sheet: record.sheet,
      tableName: record.tableName,
      headerRow: block.row,
      firstColumn: block.column,
      columnCount: block.columnCount,
      rowCount: block.rowCount - 1,
      headers: record.columnHeaders as CellValue[],
      sheetProtected: false,
      hiddenRowCount: 0,
    };
    try {
      await wb.asOneUndoStep(async (step) => {
        await step.removeColumns(table, record.columnHeaders, block);
        await step.deleteSheet(record.summarySheet);
        if (typeof record.customerSheet === "string") await step.deleteSheet(record.customerSheet);
        await step.writeSetting(LAST_RUN_KEY, null);
      });
    } catch (error) {
      // Nothing to roll back to: say what was being removed, so the user can check.
      throw new RemovalFailed(error, record.columnHeaders, record.summarySheet);
    }
    return pass(record);
  });
  if (!outcome.ok) return outcome;
  const removed = outcome.value;
  const columnsText = removed.columnHeaders.map((h) => `"${h}"`).join(", ");
  const sheets =
    typeof removed.customerSheet === "string"
      ? `the sheets "${removed.summarySheet}" and "${removed.customerSheet}"`
      : `the sheet "${removed.summarySheet}"`;
  return {
    ok: true,
    removed,
    message: `Removed the column${removed.columnHeaders.length === 1 ? "" : "s"} ${columnsText} and ${sheets}.`,
  };
}

/** The record of the last run, or null when there is none or it cannot be read. */
function parseRecord(text: string | null): RunRecord | null {
  if (text === null) return null;
  let record: RunRecord;
  try {
    record = JSON.parse(text) as RunRecord;
  } catch {
    return null;
  }
  const valid =
    typeof record === "object" &&
    record !== null &&
    Array.isArray(record.columnHeaders) &&
    typeof record.summarySheet === "string" &&
    typeof record.columnsBlock === "object" &&
    record.columnsBlock !== null;
  return valid ? record : null;
}
