#!/usr/bin/env node
/**
 * `cx-segment` / `npm run segment -- [file] [options]`: segments a customer table in an .xlsx or
 * .csv file without Excel, through the same workflow as the task pane (`src/workflow/run.ts`) on a
 * file workbook. Writes a copy (never the input), prints the summary, exits 0 on success and 1 with
 * a one-line message on stderr otherwise (2 for a usage mistake). Outputs never collide and nothing is
 * left behind on failure: see `outputFiles.ts`.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { resolveEncoding, type TextEncoding } from "../workbook/csv/textEncoding";
import { CSV_COMPANIONS, CSV_ORDER_LOG_COMPANIONS, CsvWorkbook } from "../workbook/csvWorkbook";
import type { ParquetWorkbook } from "../engine/parquetWorkbook";
import { FileInputError, openFileWorkbook, type FileWorkbook } from "../workbook/fileWorkbook";
import { XlsxWorkbook } from "../workbook/xlsxWorkbook";
import { defaultSettings, previewTable, runSegmentation } from "../workflow/run";
import { defaultOrderSource } from "../workflow/settings";
import type { RunSummary } from "../workflow/types";
import { describeProblem } from "../workflow/problemText";
import type { ProblemCode, ProblemDetails } from "../workflow/problems";
import { emitSqlCommand, wantsEmitSql } from "./emitSql";
import { chooseEngine, loadParquetWorkbook } from "./engine";
import { USAGE, applyMapping, parseCommandLine, type CliOptions } from "./options";
import { checkOutputs, companionPath, defaultOutputPath, writeOutputs, type OutputFile } from "./outputFiles";
import { formatSummary, summaryJson } from "./report";
import { runnerWords } from "./runnerWords";

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
  let encoding: TextEncoding | undefined;
  if (options.encoding !== undefined) {
    const resolved = resolveEncoding(options.encoding);
    if (typeof resolved === "string") return fail(`${resolved} (see --help)`, 2);
    encoding = resolved;
  }
  const engine = chooseEngine(input, options.engine);
  if ("message" in engine) return fail(engine.message, 2);

  let opened:
    { kind: "xlsx" | "csv"; workbook: FileWorkbook } | { kind: "parquet"; workbook: ParquetWorkbook };
  try {
    opened =
      engine.engine === "duckdb"
        ? { kind: "parquet", workbook: await loadParquetWorkbook().open(input) }
        : await openFileWorkbook(
            input,
            { sheet: options.sheet, table: options.table },
            { protectFormulaText: options.csvProtect, encoding },
            { stream: options.stream },
          );
  } catch (error) {
    return fail(error instanceof FileInputError ? error.message : `${input}: ${String(error)}`);
  }
  try {
    return await segmentOpened(opened, input, options, io, fail);
  } finally {
    if (opened.kind === "parquet") opened.workbook.close();
  }
}

/** The run on an opened file: check the outputs, segment, write, report. */
async function segmentOpened(
  opened: { kind: "xlsx" | "csv"; workbook: FileWorkbook } | { kind: "parquet"; workbook: ParquetWorkbook },
  input: string,
  options: CliOptions,
  io: CliIo,
  fail: (message: string, code?: number) => number,
): Promise<number> {
  const { kind, workbook } = opened;
  // What the reader noticed in the file (formulas without results, a merged header, …), shown with the outcome.
  const readerNotes = "readerNotes" in workbook ? workbook.readerNotes() : [];
  if (options.formulas && kind !== "xlsx")
    return fail(`--formulas needs an .xlsx file (${kind === "csv" ? "CSV" : "Parquet"} has no formulas).`, 2);
  const inputKind = {
    kind,
    delimiter: workbook instanceof CsvWorkbook ? workbook.delimiter : undefined,
    extension: workbook instanceof XlsxWorkbook ? workbook.extension : undefined,
  };
  const output = options.output
    ? path.resolve(io.cwd, options.output)
    : options.file
      ? defaultOutputPath(input, inputKind)
      : path.join(io.cwd, "sample-customers.segmented.xlsx");

  // Problems in the runner's words: flags, the headers it saw, the sheets and tables there are.
  const sheets = kind === "xlsx" ? await workbook.sheetNames() : [];
  const tables = "tableNames" in workbook && workbook.tableNames ? workbook.tableNames() : [];
  const words = runnerWords({ kind, sheet: options.sheet, sheets, tables });
  const stopped = (details: ProblemDetails) => {
    const problem = describeProblem(details, words);
    for (const note of readerNotes) io.stderr(`cx-segment: note: ${note}\n`);
    return fail(`${path.basename(input)}: ${problem.message}`, exitCodeOf(problem));
  };
  const missing = missingTarget(options, kind, sheets, tables);
  if (missing) return stopped(missing);

  const previewed = await previewTable(workbook, 0, words);
  if (!previewed.ok) return stopped(previewed.problem);
  // Before the run, so a taken name costs nothing: the output and, beside a CSV, its companions.
  const mayBeOrders = options.orders ?? previewed.preview.orderLog.likely;
  // A Parquet run's companions are CSV files beside it (tables of words and figures, not typed columns).
  const companionExtension = kind === "parquet" ? ".csv" : undefined;
  const companions =
    kind !== "xlsx"
      ? (mayBeOrders ? CSV_ORDER_LOG_COMPANIONS : CSV_COMPANIONS).map((suffix) =>
          companionPath(output, suffix, companionExtension),
        )
      : [];
  const refused = checkOutputs(input, inputKind, [output, ...companions], options.force);
  if (refused) return fail(refused.message, refused.code);
  const { headers, detected, detectedOrders, orderLog } = previewed.preview;
  // An order log when asked (--orders), or when it looks like one and --no-orders was not passed.
  const asOrders = options.orders ?? orderLog.likely;
  const mapping = applyMapping(asOrders ? detectedOrders : detected, options.mapByHeader, headers);
  if (typeof mapping === "string") return fail(mapping, 2);
  const base = defaultSettings(io.today ?? new Date());
  const settings = options.apply({
    ...base,
    mapping,
    ...(asOrders ? { source: defaultOrderSource(base.rfm.asOf) } : {}),
  });
  if (asOrders && options.orders === undefined)
    readerNotes.unshift(
      `Read as an order log (one row per order) because ${orderLog.reason}; pass --no-orders to read it as a customer table.`,
    );

  const showProgress = io.stderrIsTty || statSync(input).size > LARGE_FILE_BYTES;
  let lastShown = "";
  const outcome = await runSegmentation(workbook, settings, {
    onProgress: (fraction, phase) => {
      const line = `${phase} ${Math.round(fraction * 100)} %`;
      if (showProgress && line !== lastShown) io.stderr(`\r${line}   `);
      lastShown = line;
    },
    confirmOverwrite: async () => options.force,
    words,
  });
  if (showProgress && lastShown) io.stderr("\n");
  if (!outcome.ok) return stopped(outcome.problem);

  if (showProgress) io.stderr("Writing the output file…\n");
  const files: OutputFile[] = [{ path: output, write: (temp) => workbook.save(temp) }];
  if ("companions" in workbook) {
    for (const companion of workbook.companions()) {
      files.push({
        path: companionPath(output, companion.suffix, companionExtension),
        write: companion.write,
      });
    }
  }
  // Checked again with the files the run actually writes (and what the folder holds by now).
  const late = checkOutputs(
    input,
    inputKind,
    files.map((file) => file.path),
    options.force,
  );
  if (late) return fail(late.message, late.code);
  const failure = await writeOutputs(files, options.force);
  if (failure !== null) return fail(failure);

  // Asked again after writing: what the writer noticed (non-ASCII labels into a plain-ASCII CSV) is known only now.
  const known = new Set(readerNotes);
  const writerNotes =
    "readerNotes" in workbook ? workbook.readerNotes().filter((note) => !known.has(note)) : [];
  const notes = [...outcome.summary.notes, ...readerNotes, ...writerNotes];
  report(
    io,
    options.json,
    outcome.summary,
    notes,
    files.map((file) => file.path),
  );
  return 0;
}

function report(io: CliIo, json: boolean, summary: RunSummary, notes: string[], written: string[]): void {
  if (json) io.stdout(`${JSON.stringify(summaryJson(summary, notes, written), null, 2)}\n`);
  else io.stdout(formatSummary(summary, notes, written));
}

/** Problems that come from the command line rather than the file: exit code 2, as usage mistakes. */
const USAGE_PROBLEMS: ReadonlySet<ProblemCode> = new Set<ProblemCode>([
  "invalid-setting",
  "sheet-not-found",
  "table-not-found",
]);

/** The exit code of a problem, decided by its code: 2 for a mistake in the command line, else 1. */
export function exitCodeOf(problem: { code: ProblemCode }): number {
  return USAGE_PROBLEMS.has(problem.code) ? 2 : 1;
}

/**
 * `--sheet NAME` or `--table NAME` that names nothing in the file (compared case-insensitively, as
 * Excel compares names), with the names there are; null when both are found or not given.
 */
function missingTarget(
  options: { sheet?: string; table?: string },
  kind: "xlsx" | "csv" | "parquet",
  sheets: readonly string[],
  tables: readonly string[],
): ProblemDetails | null {
  const has = (names: readonly string[], name: string) =>
    names.some((candidate) => candidate.toLowerCase() === name.trim().toLowerCase());
  if (options.sheet !== undefined && kind === "xlsx" && !has(sheets, options.sheet)) {
    return { code: "sheet-not-found", sheet: options.sheet, sheets: [...sheets] };
  }
  if (options.table !== undefined && !has(tables, options.table)) {
    return { code: "table-not-found", table: options.table, tables: [...tables] };
  }
  return null;
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
