/**
 * The segmentation workflow: everything the task pane and the command-line runner do, written once
 * against the small {@link Workbook} interface. A run
 *   1. finds the table under the selection and checks its headers, the settings and the sheet;
 *   2. reads only the mapped columns and checks their cells are numbers;
 *   3. computes the method (quadrants, RFM or ABC) and the summary over typed arrays;
 *   4. checks the cells it will write are empty (or asks), then writes the new columns and a summary
 *      sheet as one undo step, rolling back whatever it wrote if a write fails or the user cancels
 *      (and putting back the cells the user agreed to overwrite, where the workbook can);
 *   5. remembers what it added (for "Remove results") and its settings (for a one-click re-run).
 */
import type { Block, CellSnapshot, NewColumn, TableInfo, Workbook } from "../workbook/workbook";
import { runAbc } from "./abc";
import { detectMapping } from "./mapping";
import type { MethodInput } from "./methodInput";
import type { MethodResult } from "./methodResult";
import { cellAddress, sheetReference } from "../core/a1";
import { uniqueName } from "./names";
import { runQuadrant } from "./quadrantMethod";
import { runRfm } from "./rfm";
import { LAST_RUN_KEY, SETTINGS_KEY, defaultSettings, loadSavedSettings } from "./settings";
import { concentration, paretoCurve, paretoPoints, segmentSummaries } from "./summary";
import { buildSummarySheet } from "./summarySheet";
import type {
  Problem,
  Role,
  RunHooks,
  RunOutcome,
  RunRecord,
  RunSummary,
  SegmentationSettings,
  TablePreview,
} from "./types";
import {
  LISTED_ROWS,
  REQUIRED_ROLES,
  checkHeaders,
  checkSettings,
  excelRowOf,
  nonNumericProblem,
  toNumbers,
  type NumericColumn,
} from "./validate";
import { compact, validMask } from "./validRows";

export { defaultSettings, loadSavedSettings };

/** Base name of the summary sheet; "CX Summary 2", … when taken. */
export const SUMMARY_SHEET_NAME = "CX Summary";
/** How many non-empty target cells are listed when asking to overwrite. */
const OVERWRITE_LISTED = 20;

type Located = { ok: true; table: TableInfo; headers: string[] } | { ok: false; problem: Problem };

async function locate(wb: Workbook): Promise<Located> {
  const table = await wb.locateTable();
  if (table === null || table.columnCount === 0) {
    return {
      ok: false,
      problem: {
        code: "empty-selection",
        message:
          "Nothing to segment here: select a cell inside your customer table (or the whole table), then try again.",
      },
    };
  }
  const checked = checkHeaders(table);
  return checked.ok ? { ok: true, table, headers: checked.headers } : checked;
}

/**
 * The table under the selection, its first `rowCount` data rows (default 10) and the mapping guessed
 * from its headers — what the pane shows before a run. Reads only those rows.
 */
export async function previewTable(
  wb: Workbook,
  rowCount = 10,
): Promise<{ ok: true; preview: TablePreview } | { ok: false; problem: Problem }> {
  const located = await locate(wb);
  if (!located.ok) return located;
  const { table, headers } = located;
  const shown = Math.max(0, Math.min(rowCount, table.rowCount));
  const columns = await wb.readColumns(
    { ...table, rowCount: shown },
    headers.map((_, i) => i),
  );
  const rows = Array.from({ length: shown }, (_, r) => columns.map((column) => column[r] ?? null));
  return { ok: true, preview: { table, headers, rows, detected: detectMapping(headers) } };
}

function cancelled(message: string): RunOutcome {
  return { ok: false, problem: { code: "cancelled", message } };
}

/** Runs one segmentation. Never throws for bad input or a failed write: the outcome says what happened. */
export async function runSegmentation(
  wb: Workbook,
  settings: SegmentationSettings,
  hooks: RunHooks = {},
): Promise<RunOutcome> {
  const { signal } = hooks;
  const progress = (fraction: number, phase: string) =>
    hooks.onProgress?.(Math.min(1, Math.max(0, fraction)), phase);
  const notCancelledYet = "Cancelled: nothing was written.";

  progress(0, "Reading");
  const located = await locate(wb);
  if (!located.ok) return located;
  const { table, headers } = located;
  const settingsProblem = checkSettings(settings, headers);
  if (settingsProblem) return { ok: false, problem: settingsProblem };
  if (table.rowCount === 0) {
    return {
      ok: false,
      problem: {
        code: "no-data",
        message: `The table has a header row but no customers below it (row ${table.headerRow + 1}).`,
        rows: [table.headerRow + 1],
      },
    };
  }
  if (table.sheetProtected) {
    return {
      ok: false,
      problem: {
        code: "protected-sheet",
        message: `Sheet "${table.sheet}" is protected, so the results cannot be written beside the table. Unprotect it (Review › Unprotect Sheet) and run again.`,
      },
    };
  }
  if (table.hiddenRowCount > 0) {
    return {
      ok: false,
      problem: {
        code: "filtered-table",
        message: `${table.hiddenRowCount} row${table.hiddenRowCount === 1 ? " is" : "s are"} hidden by a filter. Clear the filter (Data › Clear) and run again: segments are computed over all customers, and values written into hidden rows would be easy to miss.`,
      },
    };
  }
  if (signal?.aborted) return cancelled(notCancelledYet);

  // Read only the mapped numeric columns the method uses (and satisfaction for the averages).
  const roles: Role[] = [...REQUIRED_ROLES[settings.method]];
  if (settings.mapping.satisfaction !== null) roles.push("satisfaction");
  const columnsToRead = [...new Set(roles.map((role) => settings.mapping[role] as number))];
  let cells;
  try {
    cells = await wb.readColumns(table, columnsToRead, {
      signal,
      onProgress: (done, total) => progress((0.5 * done) / Math.max(1, total), "Reading"),
    });
  } catch (error) {
    if (signal?.aborted) return cancelled(notCancelledYet);
    throw error;
  }
  if (signal?.aborted) return cancelled(notCancelledYet);

  progress(0.5, "Scoring");
  const numbers: Partial<Record<Role, NumericColumn>> = {};
  for (const role of roles) {
    const column = settings.mapping[role] as number;
    numbers[role] = toNumbers(cells[columnsToRead.indexOf(column)]);
  }
  const required = REQUIRED_ROLES[settings.method];
  const notes: string[] = [];
  if (!settings.skipInvalidRows) {
    const invalidColumns = required
      .map((role) => {
        const column = settings.mapping[role] as number;
        return { column, header: headers[column], role, data: numbers[role] as NumericColumn };
      })
      .filter(({ data }) => data.invalidCount > 0);
    if (invalidColumns.length > 0) return { ok: false, problem: nonNumericProblem(table, invalidColumns) };
  }
  const { mask, count: usedCount } = validMask(
    table.rowCount,
    required.map((role) => numbers[role] as NumericColumn),
  );
  if (usedCount === 0) {
    return {
      ok: false,
      problem: {
        code: "no-data",
        message:
          "No row has numbers in all the mapped columns, so there is nothing to segment. Check the column mapping.",
      },
    };
  }
  if (usedCount < table.rowCount) notes.push(skippedNote(table, mask, table.rowCount - usedCount));

  const value = (numbers.value as NumericColumn).values;
  const usedValues = compact(value, mask, usedCount).sort();
  if (settings.method === "abc" && !(usedValues.reduce((s, x) => s + x, 0) > 0)) {
    return {
      ok: false,
      problem: {
        code: "invalid-setting",
        message: "ABC classes need a positive total value; the value column sums to 0 or less.",
      },
    };
  }

  const input: MethodInput = { table, headers, settings, numbers, mask, usedCount };
  const result: MethodResult =
    settings.method === "quadrant"
      ? runQuadrant(input)
      : settings.method === "rfm"
        ? runRfm(input)
        : runAbc(input);
  if (signal?.aborted) return cancelled(notCancelledYet);

  const satisfaction = numbers.satisfaction ?? null;
  const totals = segmentSummaries(result.segmentNames, result.segmentOf, value, satisfaction);
  const { paretoTop20, gini } = concentration(usedValues);
  if (usedValues[0] < 0)
    notes.push(
      "Some values are negative: the Pareto share and the Gini coefficient are not defined and were left blank.",
    );
  if (satisfaction && totals.satisfactionIgnored > 0) {
    notes.push(
      `${totals.satisfactionIgnored} satisfaction cell${totals.satisfactionIgnored === 1 ? " is" : "s are"} blank or not a number and left out of the averages.`,
    );
  }
  const summary: RunSummary = {
    method: settings.method,
    segments: totals.segments,
    customers: totals.customers,
    totalValue: totals.totalValue,
    paretoTop20,
    gini,
    paretoCurve: paretoCurve(usedValues),
    ...(result.rfmGrid ? { rfmGrid: result.rfmGrid } : {}),
    cutPoints: result.cutPoints,
    notes: [...result.notes, ...notes],
  };

  // Names that collide with nothing already there.
  const takenHeaders = new Set(headers.map((h) => h.toLowerCase()));
  const columns: NewColumn[] = result.columns.map((c) => ({
    ...c,
    header: uniqueName(c.header, takenHeaders),
  }));
  const takenSheets = new Set((await wb.sheetNames()).map((s) => s.toLowerCase()));
  const summarySheet = uniqueName(SUMMARY_SHEET_NAME, takenSheets);
  const source = `${sheetReference(table.sheet)}!${cellAddress(table.headerRow, table.firstColumn)}:${cellAddress(table.headerRow + table.rowCount, table.firstColumn + table.columnCount - 1)}`;
  const sheet = buildSummarySheet(
    summarySheet,
    summary,
    paretoPoints(usedValues),
    table.tableName ?? source,
    satisfaction !== null,
  );

  // Never lose data: the block right of the table must be empty, or the user must say so.
  const columnsBlock: Block = {
    sheet: table.sheet,
    row: table.headerRow,
    column: table.firstColumn + table.columnCount,
    rowCount: table.rowCount + 1,
    columnCount: columns.length,
  };
  progress(0.6, "Checking");
  let occupied: string[];
  try {
    occupied = await wb.findNonEmptyCells(columnsBlock, OVERWRITE_LISTED, { signal });
  } catch (error) {
    if (signal?.aborted) return cancelled(notCancelledYet);
    throw error;
  }
  const overwriting = occupied.length > 0;
  if (overwriting) {
    const agreed = hooks.confirmOverwrite ? await hooks.confirmOverwrite(occupied) : false;
    if (!agreed) {
      return {
        ok: false,
        problem: {
          code: "declined-overwrite",
          message: `The cells where the results go are not empty (${occupied.slice(0, 5).join(", ")}${occupied.length > 5 ? ", …" : ""}); nothing was written. Move or clear them, or agree to overwrite.`,
        },
      };
    }
  }
  if (signal?.aborted) return cancelled(notCancelledYet);

  progress(0.65, "Writing");
  const written = await writeResults(wb, table, columns, columnsBlock, overwriting, sheet, hooks, progress);
  if (written !== null) return { ok: false, problem: written };

  const record: RunRecord = {
    sheet: table.sheet,
    tableName: table.tableName,
    columnHeaders: columns.map((c) => c.header),
    columnsBlock,
    summarySheet,
    at: new Date().toISOString(),
    table,
  };
  await wb.writeSetting(LAST_RUN_KEY, JSON.stringify(record));
  await wb.writeSetting(SETTINGS_KEY, JSON.stringify(settings));
  progress(1, "Done");
  return { ok: true, summary, record };
}

function skippedNote(table: TableInfo, mask: Uint8Array, skipped: number): string {
  const rows: number[] = [];
  for (let i = 0; i < mask.length && rows.length < LISTED_ROWS; i++)
    if (!mask[i]) rows.push(excelRowOf(table, i));
  return (
    `${skipped} row${skipped === 1 ? " was" : "s were"} left unsegmented (blank result) because a mapped cell is not a number: ` +
    `row${rows.length === 1 ? "" : "s"} ${rows.join(", ")}${skipped > rows.length ? ", …" : ""}.`
  );
}

/**
 * The writes of a run as one undo step: the summary sheet first (a new sheet touches nothing of the
 * user's), then the columns. If anything throws or the run is cancelled, whatever was written is
 * removed again, and the problem says so. Returns null on success.
 *
 * When the user agreed to overwrite non-empty cells (`overwriting`), the target block is snapshotted
 * first (where the workbook can: `snapshotCells`), and a rollback writes it back after removing the
 * run's columns; without that, the problem says the overwritten cells are lost to all but Undo.
 */
async function writeResults(
  wb: Workbook,
  table: TableInfo,
  columns: NewColumn[],
  columnsBlock: Block,
  overwriting: boolean,
  sheet: ReturnType<typeof buildSummarySheet>,
  hooks: RunHooks,
  progress: (fraction: number, phase: string) => void,
): Promise<Problem | null> {
  const { signal } = hooks;
  let sheetAdded = false;
  let columnsStarted = false;
  let overwritten: CellSnapshot | null = null;
  let rollbackError: unknown = null;
  let failure: unknown = null;
  await wb.asOneUndoStep(async (step) => {
    try {
      if (overwriting && step.snapshotCells && step.restoreCells) {
        overwritten = await step.snapshotCells(columnsBlock, { signal });
      }
      await step.addSheet(sheet);
      sheetAdded = true;
      if (signal?.aborted) throw new Error("cancelled");
      columnsStarted = true;
      await step.appendColumns(table, columns, {
        signal,
        onProgress: (done, total) => progress(0.65 + (0.35 * done) / Math.max(1, total), "Writing"),
      });
      if (signal?.aborted) throw new Error("cancelled");
    } catch (error) {
      failure = error;
      try {
        if (columnsStarted)
          await step.removeColumns(
            table,
            columns.map((c) => c.header),
            columnsBlock,
          );
        if (sheetAdded) await step.deleteSheet(sheet.name);
        // No signal: a cancelled run must still get the user's cells back.
        if (columnsStarted && overwritten !== null) await step.restoreCells?.(overwritten);
      } catch (undoError) {
        rollbackError = undoError;
      }
    }
  });
  if (failure === null) return null;
  const cellsLost = overwriting && columnsStarted;
  let rolledBack: string;
  if (rollbackError !== null) {
    rolledBack = `Removing what was written failed too (${messageOf(rollbackError)}): check columns right of the table and delete sheet "${sheet.name}" if it is there.`;
    if (cellsLost) rolledBack += OVERWRITTEN_NEED_UNDO;
  } else if (cellsLost && overwritten === null) {
    rolledBack = `Everything this run had written was removed again, but the cells it had overwritten could not be restored here.${OVERWRITTEN_NEED_UNDO}`;
  } else if (cellsLost) {
    rolledBack =
      "Everything this run had written was removed again and the cells it had overwritten were restored; the sheet is as it was.";
  } else {
    rolledBack = "Everything this run had written was removed again; the sheet is as it was.";
  }
  if (signal?.aborted) return { code: "cancelled", message: `Cancelled while writing. ${rolledBack}` };
  return {
    code: "write-failed",
    message: `Writing the results failed (${messageOf(failure)}). ${rolledBack}`,
  };
}

const OVERWRITTEN_NEED_UNDO =
  " To get back the cells you agreed to overwrite, use Excel's Undo (Ctrl+Z) now.";

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * "Remove results": deletes exactly what the last run added (its columns and its summary sheet), as
 * one undo step, and forgets the record. Columns or a sheet the user already deleted are ignored.
 */
export async function removeLastRun(
  wb: Workbook,
): Promise<{ ok: true; removed: RunRecord; message: string } | { ok: false; problem: Problem }> {
  const text = await wb.readSetting(LAST_RUN_KEY);
  let record: RunRecord | null = null;
  try {
    record = text === null ? null : (JSON.parse(text) as RunRecord);
  } catch {
    record = null;
  }
  if (record === null || !Array.isArray(record.columnHeaders) || typeof record.summarySheet !== "string") {
    return {
      ok: false,
      problem: { code: "no-data", message: "There are no results of a run in this workbook to remove." },
    };
  }
  const found = record;
  const block = found.columnsBlock;
  const table: TableInfo = found.table ?? {
    sheet: found.sheet,
    tableName: found.tableName,
    headerRow: block.row,
    firstColumn: block.column,
    columnCount: block.columnCount,
    rowCount: block.rowCount - 1,
    headers: found.columnHeaders,
    sheetProtected: false,
    hiddenRowCount: 0,
  };
  try {
    await wb.asOneUndoStep(async (step) => {
      await step.removeColumns(table, found.columnHeaders, block);
      await step.deleteSheet(found.summarySheet);
    });
  } catch (error) {
    return {
      ok: false,
      problem: { code: "write-failed", message: `Removing the last results failed: ${messageOf(error)}.` },
    };
  }
  await wb.writeSetting(LAST_RUN_KEY, null);
  const columnsText = found.columnHeaders.map((h) => `"${h}"`).join(", ");
  return {
    ok: true,
    removed: found,
    message: `Removed the column${found.columnHeaders.length === 1 ? "" : "s"} ${columnsText} and the sheet "${found.summarySheet}".`,
  };
}
