/**
 * Shared by the engine tests: temporary folders, a throw-away DuckDB, the runner's settings for a CSV, and one run of the
 * JavaScript workflow on the runner's CSV workbook (exactly what `cx-segment` does with a CSV),
 * returning what it writes: the output's text, the summary sheet and the summary.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CsvWorkbook } from "../../src/workbook/csvWorkbook";
import type { SheetContent } from "../../src/workbook/workbook";
import { defaultSettings, previewTable, runSegmentation } from "../../src/workflow/run";
import type { Problem, RunSummary, SegmentationSettings } from "../../src/workflow/types";

let outputs = 0;

export function tempDir(prefix = "cx-engine-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Runs SQL on a throw-away in-memory DuckDB; returns the rows. */
export async function duckdb(sql: string): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowsJS();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

export interface JsRun {
  ok: boolean;
  problem?: Problem;
  summary?: RunSummary;
  /** The output CSV, read as Latin-1 (one character per byte). */
  output?: string;
  summarySheet?: SheetContent;
}

/** Settings for `file` as the runner makes them: the detected mapping, then `change`. */
export async function settingsFor(
  file: string,
  change: (settings: SegmentationSettings) => void,
): Promise<SegmentationSettings> {
  const workbook = await CsvWorkbook.open(file);
  const preview = await previewTable(workbook, 0);
  if (!preview.ok) throw new Error(preview.problem.message);
  const settings = defaultSettings("2026-11-25");
  settings.mapping = preview.preview.detected;
  change(settings);
  return settings;
}

/** The workflow on the CSV workbook, saved to a new file in `dir`. */
export async function runJs(file: string, settings: SegmentationSettings, dir: string): Promise<JsRun> {
  const workbook = await CsvWorkbook.open(file);
  const outcome = await runSegmentation(workbook, settings, { confirmOverwrite: async () => false });
  if (!outcome.ok) return { ok: false, problem: outcome.problem };
  outputs++;
  const output = path.join(dir, `js-${outputs}-${path.basename(file)}`);
  await workbook.save(output);
  return {
    ok: true,
    summary: outcome.summary,
    output: readFileSync(output, "latin1"),
    summarySheet: workbook.addedSheets[0],
  };
}
