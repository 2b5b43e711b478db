/**
 * Runs one segmentation of a CSV file through both engines — the JavaScript workflow on the
 * runner's CSV workbook (exactly what `cx-segment --engine js` does) and the DuckDB engine — and
 * returns what each would write: the output CSV's bytes, the summary CSV's bytes and the summary.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDbEngine, type EngineProblem } from "../../src/engine/duckdbEngine";
import { writeCsvWithResults } from "../../src/engine/csvResultWriter";
import { CsvWorkbook, sheetToCsv } from "../../src/workbook/csvWorkbook";
import { defaultSettings, previewTable, runSegmentation } from "../../src/workflow/run";
import type { Problem, RunSummary, SegmentationSettings } from "../../src/workflow/types";

let outputs = 0;

/** A new file name in `dir` for an output (never an existing one: the writers create exclusively). */
function outputIn(dir: string, prefix: string, file: string): string {
  outputs++;
  return path.join(dir, `${prefix}-${outputs}-${path.basename(file)}`);
}

export function tempDir(prefix = "cx-engine-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface EngineRun {
  ok: boolean;
  problem?: Problem | EngineProblem;
  summary?: RunSummary;
  output?: string;
  summaryCsv?: string;
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

export async function runJs(file: string, settings: SegmentationSettings, dir: string): Promise<EngineRun> {
  const workbook = await CsvWorkbook.open(file);
  const outcome = await runSegmentation(workbook, settings, { confirmOverwrite: async () => false });
  if (!outcome.ok) return { ok: false, problem: outcome.problem };
  const output = outputIn(dir, "js", file);
  await workbook.save(output);
  return {
    ok: true,
    summary: outcome.summary,
    output: readFileSync(output, "latin1"),
    summaryCsv: sheetToCsv(workbook.addedSheets[0]),
  };
}

export async function runEngine(
  engine: DuckDbEngine,
  file: string,
  settings: SegmentationSettings,
  dir: string,
): Promise<EngineRun> {
  const described = await engine.describe({ kind: "csv", path: file });
  if (!described.ok) return { ok: false, problem: described.problem };
  const outcome = await engine.segment(described.table, settings);
  if (!outcome.ok) return { ok: false, problem: outcome.problem };
  const output = outputIn(dir, "duckdb", file);
  await writeCsvWithResults(file, output, outcome.results, { delimiter: described.table.csv!.delimiter });
  return {
    ok: true,
    summary: outcome.summary,
    output: readFileSync(output, "latin1"),
    summaryCsv: sheetToCsv(outcome.summarySheet),
  };
}

/** The first line where two outputs differ, for a readable failure. */
export function firstDifference(a: string, b: string): string | null {
  if (a === b) return null;
  const left = a.split("\r\n");
  const right = b.split("\r\n");
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i]) return `line ${i + 1}:\n  js:     ${left[i]}\n  duckdb: ${right[i]}`;
  }
  return "same lines, different bytes";
}
