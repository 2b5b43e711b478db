#!/usr/bin/env node
/**
 * `cx-segment` / `npm run segment -- [file] [options]`: segments a customer table in an .xlsx or
 * .csv file without Excel, through the same workflow as the task pane (`src/workflow/run.ts`) on a
 * file workbook. Writes a copy (never the input), prints the summary, exits 0 on success and 1 with
 * a one-line message on stderr otherwise (2 for a usage mistake). Nothing is left behind on failure:
 * the output is written to a temporary file in the same folder and renamed at the end.
 */
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sheetToCsv } from "../workbook/csvWorkbook";
import { FileInputError, openFileWorkbook } from "../workbook/fileWorkbook";
import { XlsxStreamWorkbook } from "../workbook/xlsxStreamWorkbook";
import { defaultSettings, previewTable, runSegmentation } from "../workflow/run";
import type { RunSummary } from "../workflow/types";
import { emitSqlCommand, wantsEmitSql } from "./emitSql";
import { chooseEngine, segmentWithDuckDb } from "./engine";
import { USAGE, applyMapping, parseCommandLine } from "./options";
import { formatSummary, summaryJson } from "./report";

/** Where the runner writes; tests pass their own. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** Show progress on stderr (a terminal, or a large file). */
  stderrIsTty: boolean;
  /** "Today" for RFM's default as-of date. */
  today?: Date;
}

/** Files above this size get a progress line even when stderr is not a terminal. */
const LARGE_FILE_BYTES = 20 * 1024 * 1024;

/** Runs the command line; resolves to the exit code. Never throws. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    if (wantsEmitSql(argv)) return await emitSqlCommand(argv, io);
    return await segmentFile(argv, io);
  } catch (error) {
    // A bug or an unexpected library failure: still one line, and nothing written (see writeAtomically).
    io.stderr(`cx-segment: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

async function segmentFile(argv: readonly string[], io: CliIo): Promise<number> {
  const fail = (message: string, code = 1) => {
    io.stderr(`cx-segment: ${message.replace(/\s*\n\s*/g, " ")}\n`);
    return code;
  };
  const parsed = parseCommandLine(argv);
  if (!parsed.ok) return fail(`${parsed.message} (see --help)`, 2);
  const options = parsed.options;
  if (options.help) {
    io.stdout(USAGE.endsWith("\n") ? USAGE : `${USAGE}\n`);
    return 0;
  }

  const input = options.file ? path.resolve(io.cwd, options.file) : bundledSample();
  const inputIsCsv = /\.(csv|tsv|txt)$/i.test(input);
  const defaultOutput = options.file
    ? input.replace(/(\.[^./\\]*)?$/, inputIsCsv ? ".segmented.csv" : ".segmented.xlsx")
    : path.join(io.cwd, "sample-customers.segmented.xlsx");
  const output = options.output ? path.resolve(io.cwd, options.output) : defaultOutput;
  const engine = chooseEngine(input, options.engine);
  if ("message" in engine) return fail(engine.message, 2);
  if (engine.engine === "duckdb") {
    const code = await segmentWithDuckDb(input, output, options, engine.byName, io);
    if (code !== "use-js") return code;
  }

  let opened;
  try {
    opened = await openFileWorkbook(
      input,
      { sheet: options.sheet, table: options.table },
      {
        protectFormulaText: options.csvProtect,
      },
      { stream: options.stream },
    );
  } catch (error) {
    return fail(error instanceof FileInputError ? error.message : `${input}: ${String(error)}`);
  }
  const { kind, workbook } = opened;
  const outputKind = /\.csv$/i.test(output) ? "csv" : "xlsx";
  if (outputKind !== kind) {
    return fail(`The output must be the same kind of file as the input (.${kind}): ${output}`, 2);
  }
  if (options.formulas && kind === "csv")
    return fail("--formulas needs an .xlsx file (CSV has no formulas).", 2);
  const summaryCsv = kind === "csv" ? output.replace(/\.csv$/i, ".summary.csv") : null;
  if (path.resolve(output) === path.resolve(input)) {
    return fail(`The output would overwrite the input ${input}; choose another --output.`, 2);
  }
  for (const file of [output, summaryCsv]) {
    if (file && existsSync(file) && !options.force) {
      return fail(`${file} already exists; pass --force to overwrite it or choose another --output.`);
    }
  }

  const previewed = await previewTable(workbook, 0);
  if (!previewed.ok) return fail(problemText(previewed.problem.message, input, options.sheet, options.table));
  const { headers, detected } = previewed.preview;
  const mapping = applyMapping(detected, options.mapByHeader, headers);
  if (typeof mapping === "string") return fail(mapping, 2);
  const settings = options.apply({ ...defaultSettings(io.today ?? new Date()), mapping });

  const showProgress = io.stderrIsTty || statSync(input).size > LARGE_FILE_BYTES;
  let lastShown = "";
  const outcome = await runSegmentation(workbook, settings, {
    onProgress: (fraction, phase) => {
      const line = `${phase} ${Math.round(fraction * 100)} %`;
      if (showProgress && line !== lastShown) io.stderr(`\r${line}   `);
      lastShown = line;
    },
    confirmOverwrite: async () => options.force,
  });
  if (showProgress && lastShown) io.stderr("\n");
  if (!outcome.ok) {
    const problem = outcome.problem;
    const hint = problem.code === "declined-overwrite" ? " Pass --force to overwrite those cells." : "";
    return fail(`${path.basename(input)}: ${problem.message}${hint}`);
  }

  const written: string[] = [];
  try {
    if (showProgress) io.stderr("Writing the output file…\n");
    await writeAtomically(output, (temp) => workbook.save(temp));
    written.push(output);
    if (summaryCsv && "addedSheets" in workbook) {
      const sheet = workbook.addedSheets[0];
      if (sheet) {
        await writeAtomically(summaryCsv, async (temp) => writeFileSync(temp, sheetToCsv(sheet)));
        written.push(summaryCsv);
      }
    }
  } catch (error) {
    for (const file of written) rmSync(file, { force: true });
    return fail(`Could not write ${output}: ${error instanceof Error ? error.message : String(error)}`);
  }

  const skippedCharts = "skippedCharts" in workbook ? workbook.skippedCharts : 0;
  const notes = [...outcome.summary.notes];
  if (workbook instanceof XlsxStreamWorkbook) notes.push(...workbook.lossNotes());
  if (skippedCharts > 0) notes.push("No chart was written: the xlsx library (exceljs) cannot write charts.");
  report(io, options.json, outcome.summary, notes, written);
  return 0;
}

function report(io: CliIo, json: boolean, summary: RunSummary, notes: string[], written: string[]): void {
  if (json) io.stdout(`${JSON.stringify(summaryJson(summary, notes, written), null, 2)}\n`);
  else io.stdout(formatSummary(summary, notes, written));
}

/**
 * Writes through `write(tempPath)` to a temporary file beside `target`, then renames it over the
 * target (atomic on one file system), so a failure never leaves a partial file under the real name.
 */
async function writeAtomically(target: string, write: (tempPath: string) => Promise<void>): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    await write(temp);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

function problemText(message: string, input: string, sheet?: string, table?: string): string {
  if (/select a cell/i.test(message)) {
    const where = table ? `table "${table}"` : sheet ? `sheet "${sheet}"` : "the first sheet";
    return `${input}: no table found in ${where} (it is empty or does not exist).`;
  }
  return `${path.basename(input)}: ${message}`;
}

/** The bundled sample, found from the package root (works from src/ under jest and from lib/). */
export function bundledSample(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, "assets", "sample-customers.xlsx");
}

if (require.main === module) {
  main(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    stderrIsTty: Boolean(process.stderr.isTTY),
  }).then((code) => {
    process.exitCode = code;
  });
}
