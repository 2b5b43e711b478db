/**
 * The runner's choice of engine. `--engine js` reads .xlsx and CSV (`src/workbook/`); `--engine
 * duckdb` reads Parquet through DuckDB (`src/engine/parquetWorkbook.ts`). Both feed the same
 * workflow, so the results, notes and messages are the same for the same table. By default a Parquet
 * file goes to DuckDB (JavaScript cannot read Parquet) and every other file to JavaScript — a CSV
 * too, whatever its size, because the JavaScript CSV reader and writer keep every byte of the input
 * (encoding, byte-order mark, `sep=` line, line endings, quoting), which DuckDB's CSV reader does not
 * promise (see the README, Engines).
 */
import { closeSync, openSync, readSync } from "node:fs";
import type { ParquetWorkbook } from "../engine/parquetWorkbook";

export type EngineChoice = { engine: "duckdb" | "js" } | { message: string };

const PARQUET_MAGIC = Buffer.from("PAR1");

/**
 * DuckDB's native library, loaded on first use: it would otherwise cost every run of the runner (an
 * .xlsx too) its loading time. A plain `require`, because the compiled runner is CommonJS and
 * `import()` there would resolve like an ES module (which needs the file's extension).
 */
export function loadParquetWorkbook(): typeof ParquetWorkbook {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require("../engine/parquetWorkbook") as typeof import("../engine/parquetWorkbook")).ParquetWorkbook;
}

/** Whether the file is Parquet: by its first four bytes ("PAR1"), or by its extension when it cannot be read. */
export function isParquet(file: string): boolean {
  try {
    const fd = openSync(file, "r");
    try {
      const head = Buffer.alloc(4);
      const read = readSync(fd, head, 0, 4, 0);
      if (read === 4) return head.equals(PARQUET_MAGIC);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Missing or unreadable: the extension decides, and opening the file reports the problem.
  }
  return /\.parquet$/i.test(file);
}

/** The engine for `input`: the one named by `--engine`, or the default described above. */
export function chooseEngine(input: string, requested: string | undefined): EngineChoice {
  const parquet = isParquet(input);
  if (requested === undefined) return { engine: parquet ? "duckdb" : "js" };
  const name = requested.trim().toLowerCase();
  if (name !== "duckdb" && name !== "js")
    return { message: `--engine must be duckdb or js (got "${requested}")` };
  if (name === "duckdb" && !parquet) {
    return {
      message:
        "--engine duckdb reads Parquet files; .xlsx and CSV files go through --engine js (the default), " +
        "whose CSV reader and writer keep every byte of the input",
    };
  }
  if (name === "js" && parquet) return { message: "--engine js cannot read Parquet; use --engine duckdb" };
  return { engine: name };
}
