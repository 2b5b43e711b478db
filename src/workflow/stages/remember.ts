/**
 * Stage `remember`: what the run added (for "Remove results") and its settings (for a one-click
 * re-run), saved in the workbook's document settings. It runs inside the `write` stage's undo step,
 * last, so a failure here removes the results again: a run is never left without its record. The
 * settings go first and the record last; a record that failed to save never points at results.
 */
import type { Workbook } from "../../workbook/workbook";
import { LAST_RUN_KEY, SETTINGS_KEY } from "../settings";
import type { RunRecord, SegmentationSettings } from "../types";
import type { WritePlan } from "./planWrites";

export async function remember(
  step: Workbook,
  plan: WritePlan,
  settings: SegmentationSettings,
  now: Date = new Date(),
): Promise<RunRecord> {
  const { table, columns, columnsBlock, sheet, customerSheet } = plan;
  const record: RunRecord = {
    sheet: table.sheet,
    tableName: table.tableName,
    columnHeaders: columns.map((c) => c.header),
    columnsBlock,
    summarySheet: sheet.name,
    ...(customerSheet ? { customerSheet: customerSheet.name } : {}),
    at: now.toISOString(),
    table,
  };
  await step.writeSetting(SETTINGS_KEY, JSON.stringify(settings));
  await step.writeSetting(LAST_RUN_KEY, JSON.stringify(record));
  return record;
}
