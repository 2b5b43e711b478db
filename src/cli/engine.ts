/**
 * The runner's choice of engine, and its run on DuckDB. `--engine js` is the workflow on a file
 * workbook (every file kind); `--engine duckdb` reads .csv and .parquet with DuckDB
 * (`src/engine/duckdbEngine.ts`), with the same results. By default a Parquet file, a CSV larger
 * than {@link DUCKDB_ABOVE_BYTES} and a CSV with more rows than an Excel sheet holds go to DuckDB,
 * everything else to JavaScript; a CSV that DuckDB cannot line up with the runner (empty lines) falls
 * back to JavaScript when the engine was not asked for by name.
 *
 * Outputs: a CSV gets the input's records with the result columns appended (today through the
 * stand-in writer `src/engine/csvResultWriter.ts`, byte for byte what the JavaScript engine
 * writes), a Parquet file every input column and type plus the result columns; the summary goes to
 * `NAME.summary.csv` beside either. Each file is written to a temporary name and linked into place,
 * which fails if the name was taken meanwhile (`--force`: renamed over it).
 */
import {
  closeSync,
  existsSync,
  linkSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import type { EngineInput } from "../engine/duckdbEngine";
import { MisalignedCsvError, writeCsvWithResults } from "../engine/csvResultWriter";
import { sheetToCsv } from "../workbook/csvWorkbook";
import { detectMapping } from "../workflow/mapping";
import { defaultSettings } from "../workflow/run";
import type { CliIo } from "./main";
import { applyMapping, type CliOptions } from "./options";
import { formatSummary, summaryJson } from "./report";

/**
 * CSV files larger than this go to DuckDB by default. Measured (`npm run bench`, engine suite, and
 * the same four files by hand; CSV in and out, quadrant): both engines take about the same time up
 * to 1,048,575 rows (the CSV writer they share dominates), and DuckDB's library costs about 60 MB,
 * so below ~10 MB (300,000 rows) JavaScript uses less memory (30,000 rows: 125 vs 180 MB) and above
 * it DuckDB does (1,048,575 rows: 340 vs 493 MB), its memory no longer growing with the file.
 */
export const DUCKDB_ABOVE_BYTES = 10 * 1024 * 1024;

/**
 * The engine module, loaded on first use: DuckDB's native library would otherwise cost every run of
 * the runner (an .xlsx too) its loading time. A plain `require`, because the compiled runner is
 * CommonJS and `import()` there would resolve like an ES module (which needs the file's extension).
 */
export function loadDuckDbEngine(): typeof import("../engine/duckdbEngine") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("../engine/duckdbEngine");
}

/** Excel's rows per sheet: more data rows than this never fit a workbook. */
const EXCEL_ROWS = 1_048_576;

export type EngineChoice = { engine: "duckdb" | "js"; byName: boolean } | { message: string };

const PARQUET_MAGIC = Buffer.from("PAR1");

/** Whether the file is Parquet: by its first four bytes ("PAR1"), or its extension when empty. */
export function isParquet(file: string): boolean {
  try {
    const fd = openSync(file, "r");
    const head = Buffer.alloc(4);
    const read = readSync(fd, head, 0, 4, 0);
    closeSync(fd);
    if (read === 4) return head.equals(PARQUET_MAGIC);
  } catch {
    // Missing or unreadable: the extension decides, and reading reports the problem.
  }
  return /\.parquet$/i.test(file);
}

/** More line breaks than Excel has rows (a quick upper bound of the records; only for small files). */
function moreRowsThanExcel(file: string): boolean {
  const buffer = Buffer.alloc(1 << 20);
  const fd = openSync(file, "r");
  try {
    let breaks = 0;
    for (let position = 0; ;) {
      const read = readSync(fd, buffer, 0, buffer.length, position);
      if (read === 0) return false;
      for (let i = 0; i < read; i++) if (buffer[i] === 0x0a) breaks++;
      if (breaks > EXCEL_ROWS) return true;
      position += read;
    }
  } finally {
    closeSync(fd);
  }
}

/** The engine for `input`: the one named by `--engine`, or the default described above. */
export function chooseEngine(input: string, requested: string | undefined): EngineChoice {
  const parquet = isParquet(input);
  const csv = !parquet && /\.(csv|tsv|txt)$/i.test(input);
  if (requested !== undefined) {
    const name = requested.trim().toLowerCase();
    if (name !== "duckdb" && name !== "js")
      return { message: `--engine must be duckdb or js (got "${requested}")` };
    if (name === "duckdb" && !parquet && !csv) {
      return {
        message: "--engine duckdb reads .csv and .parquet files; an .xlsx workbook goes through --engine js",
      };
    }
    if (name === "js" && parquet) return { message: "--engine js cannot read Parquet; use --engine duckdb" };
    return { engine: name, byName: true };
  }
  if (parquet) return { engine: "duckdb", byName: false };
  if (!csv || !existsSync(input)) return { engine: "js", byName: false };
  const big = statSync(input).size > DUCKDB_ABOVE_BYTES || moreRowsThanExcel(input);
  return { engine: big ? "duckdb" : "js", byName: false };
}

/** Writes through a temporary file beside `target`, then links it into place (renames with `force`). */
async function writeExclusively(
  target: string,
  force: boolean,
  write: (temp: string) => Promise<void>,
): Promise<void> {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  rmSync(temp, { force: true });
  try {
    await write(temp);
    if (force) renameSync(temp, target);
    else {
      linkSync(temp, target); // EEXIST when another run took the name meanwhile
      rmSync(temp);
    }
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Segments `input` on DuckDB and writes `output` (and its summary CSV). Returns the exit code, or
 * "use-js" when the engine was chosen by default and cannot read this CSV faithfully.
 */
export async function segmentWithDuckDb(
  input: string,
  output: string,
  options: CliOptions,
  byName: boolean,
  io: CliIo,
): Promise<number | "use-js"> {
  const fail = (message: string, code = 1) => {
    io.stderr(`cx-segment: ${message.replace(/\s*\n\s*/g, " ")}\n`);
    return code;
  };
  const parquet = isParquet(input);
  if (parquet && !options.output) output = input.replace(/(\.[^./\\]*)?$/, ".segmented.parquet");
  const outputKind = /\.parquet$/i.test(output) ? "parquet" : /\.csv$/i.test(output) ? "csv" : "other";
  if (outputKind !== (parquet ? "parquet" : "csv")) {
    return fail(
      `The output must be the same kind of file as the input (.${parquet ? "parquet" : "csv"}): ${output}`,
      2,
    );
  }
  if (options.formulas)
    return fail(`--formulas needs an .xlsx file (${parquet ? "Parquet" : "CSV"} has no formulas).`, 2);
  const summaryCsv = output.replace(/\.(csv|parquet)$/i, ".summary.csv");
  if (!existsSync(input)) return fail(`${input} does not exist (or cannot be read).`);
  for (const file of [output, summaryCsv]) {
    if (path.resolve(file) === path.resolve(input)) {
      return fail(`The output would overwrite the input ${input}; choose another --output.`, 2);
    }
    if (existsSync(file) && !options.force) {
      return fail(`${file} already exists; pass --force to overwrite it or choose another --output.`);
    }
  }

  const { DuckDbEngine } = loadDuckDbEngine();
  const engine = await DuckDbEngine.open();
  try {
    const source: EngineInput = parquet ? { kind: "parquet", path: input } : { kind: "csv", path: input };
    const described = await engine.describe(source);
    if (!described.ok) {
      if (described.problem.code === "engine-unsupported" && !byName && !parquet) {
        io.stderr(`cx-segment: note: ${described.problem.message} Using the JavaScript engine.\n`);
        return "use-js";
      }
      return fail(described.problem.message);
    }
    const { table } = described;
    const headers = table.headers.map((h) => h.trim());
    const mapping = applyMapping(detectMapping(headers), options.mapByHeader, headers);
    if (typeof mapping === "string") return fail(mapping, 2);
    const settings = options.apply({ ...defaultSettings(io.today ?? new Date()), mapping });
    const showProgress = io.stderrIsTty || statSync(input).size > 20 * 1024 * 1024;
    let lastShown = "";
    const outcome = await engine.segment(table, settings, {
      onProgress: (fraction, phase) => {
        const line = `${phase} ${Math.round(fraction * 100)} %`;
        if (showProgress && line !== lastShown) io.stderr(`\r${line}   `);
        lastShown = line;
      },
    });
    if (showProgress && lastShown) io.stderr("\n");
    if (!outcome.ok) return fail(`${path.basename(input)}: ${outcome.problem.message}`);

    const written: string[] = [];
    try {
      if (showProgress) io.stderr("Writing the output file…\n");
      await writeExclusively(output, options.force, async (temp) => {
        if (outcome.results.writeParquet) await outcome.results.writeParquet(temp);
        else {
          await writeCsvWithResults(input, temp, outcome.results, {
            delimiter: (table.csv as { delimiter: string }).delimiter,
            protectFormulaText: options.csvProtect,
          });
        }
      });
      written.push(output);
      await writeExclusively(summaryCsv, options.force, async (temp) =>
        writeFileSync(temp, sheetToCsv(outcome.summarySheet), { flag: "wx" }),
      );
      written.push(summaryCsv);
    } catch (error) {
      for (const file of written) rmSync(file, { force: true });
      const reason =
        error instanceof MisalignedCsvError
          ? `the CSV writer and DuckDB read the file's records differently (${error.message}); run with --engine js`
          : error instanceof Error
            ? error.message
            : String(error);
      return fail(`Could not write ${output}: ${reason}`);
    }
    const notes = [...outcome.summary.notes];
    if (options.json) io.stdout(`${JSON.stringify(summaryJson(outcome.summary, notes, written), null, 2)}\n`);
    else io.stdout(formatSummary(outcome.summary, notes, written));
    return 0;
  } finally {
    engine.close();
  }
}
