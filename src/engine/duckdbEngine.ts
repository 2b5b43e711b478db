/**
 * The runner's engine for big files: DuckDB (embedded, in this process, no server) reads a CSV or
 * Parquet file and computes the segmentation as SQL (`segmentationSql.ts`), with results identical
 * to the JavaScript workflow's on the same data (test/engine/duckdbEngine.test.ts compares them row
 * by row and summary by summary). Memory is bounded by DuckDB's `memory_limit` (it spills to a
 * temporary folder beyond it) plus the result columns kept in JavaScript, some 40–60 bytes a row
 * (measured: 1.4–1.7 GB peak RSS for 10,000,000 rows at the default 1 GB limit).
 *
 * A run, as the workflow's stages:
 *   1. describe: the header record (CSV, parsed as the runner parses it) or the Parquet schema;
 *   2. check: headers and settings, with the workflow's own checks;
 *   3. load: one scan into a table of the needed columns, typed as the runner types cells, each
 *      row numbered in file order by the scan itself (CSV: `row_number() OVER ()` directly over
 *      `read_csv`, which DuckDB documents as order-preserving; Parquet: `file_row_number`);
 *   4. inspect: rows, a trailing totals row, cells that are not numbers, ABC's negative values;
 *   5. score: the method's statement into a results table;
 *   6. collect: the results in file order into typed arrays, the summary from the workflow's own
 *      functions (`segmentSummaries`, `concentration`), so the figures are computed by one code.
 *
 * File order is never left to chance: every row carries its number from the scan, and every
 * statement that hands rows back orders by it. (Insertion order alone is not enough: measured with
 * DuckDB 1.5, `CREATE TABLE … AS SELECT … FROM read_csv(…)` whose projection holds an IN list of 5
 * or more items — which DuckDB rewrites into a hash join — stored a parallel scan's rows out of
 * file order, so the table's rowid was no longer the record's position.)
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DOUBLE, DuckDBDataChunk, DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { cellAddress, sheetReference } from "../core/a1";
import type { CellValue, SheetContent, TableInfo } from "../workbook/workbook";
import { uniqueName } from "../workflow/names";
import { SUMMARY_SHEET_NAME } from "../workflow/run";
import { concentration, paretoPoints, segmentSummaries } from "../workflow/summary";
import { buildSummarySheet } from "../workflow/summarySheet";
import type { Problem, Role, RunSummary, SegmentationSettings } from "../workflow/types";
import {
  LISTED_ROWS,
  REQUIRED_ROLES,
  checkHeaders,
  checkSettings,
  excelRowOf,
  nonNumericProblem,
  type InvalidColumn,
} from "../workflow/validate";
import { compact } from "../workflow/validRows";
import {
  cellTypingMacros,
  findEmptyLine,
  readHeaderRecord,
  sniffDelimiter,
  typedHeader,
  type CsvReadOptions,
} from "./csvSource";
import { cellNumber, cellRaw, cellText, isTextColumn, loadTable } from "./tableLoad";
import type { ResultColumns } from "./resultColumns";
import {
  ABC_TOTAL_NOT_POSITIVE,
  NEGATIVE_VALUES_NOTE,
  NO_USABLE_ROWS,
  emptyScoresNote,
  futurePurchasesNote,
  negativeAbcValuesProblem,
  noCustomersProblem,
  satisfactionIgnoredNote,
  skippedRowsNote,
} from "./runNotes";
import {
  RESULT_HEADERS,
  cutPointsStatement,
  segmentNames,
  segmentationStatement,
  usedCondition,
  type NumericRole,
  type SegmentationSource,
} from "./segmentationSql";
import { DIALECTS } from "./sqlDialect";
import { TOTALS_LABELS, isSumOfOthers, isTotalsLabel, totalsRowNote } from "./totalsRow";

const duckdb = DIALECTS.duckdb;

export interface EngineOptions {
  /** DuckDB's memory limit (default "1GB"); beyond it DuckDB spills to `tempDirectory`. */
  memoryLimit?: string;
  /** Worker threads (default: DuckDB's, the number of cores). */
  threads?: number;
  /** Where DuckDB spills (default: the run's own folder in the system's temp folder, removed on close). */
  tempDirectory?: string;
  /** DuckDB's CSV read buffer (see `CsvReadOptions.bufferBytes`; default DuckDB's 32 MiB). */
  csvBufferBytes?: number;
}

export type EngineInput =
  { kind: "csv"; path: string; delimiter?: string } | { kind: "parquet"; path: string };

/** A problem the engine reports: the workflow's, or one of its own (a file it cannot read faithfully). */
export interface EngineProblem {
  code: Problem["code"] | "engine-unsupported" | "unreadable";
  message: string;
  rows?: number[];
  count?: number;
}

/** The input as the engine will read it. */
export interface EngineTable {
  input: EngineInput;
  /** The runner's name for the one sheet of a file: its name without the extension. */
  sheetName: string;
  /** The header texts (CSV: the first record's fields; Parquet: the column names). */
  headers: string[];
  /** How to read each column's cells (CSV: text to type; Parquet: the column's DuckDB type). */
  columnTypes: string[];
  csv: CsvReadOptions | null;
}

export type EngineOutcome =
  | { ok: true; summary: RunSummary; results: SegmentationResults; summarySheet: SheetContent }
  | { ok: false; problem: EngineProblem };

export interface EngineHooks {
  signal?: AbortSignal;
  onProgress?: (fraction: number, phase: string) => void;
}

/** Roles the load keeps, and the column name each gets in `cx_data`. */
const LOADED: Record<Exclude<Role, "customer">, string> = {
  value: "cx_value",
  match: "cx_match",
  orders: "cx_orders",
  lastPurchase: "cx_last",
  satisfaction: "cx_sat",
};

/** A run's results per data row, in file order, handed to the file writers. */
export class SegmentationResults implements ResultColumns {
  constructor(
    readonly headers: readonly string[],
    readonly numberFormats: readonly (string | undefined)[],
    readonly rowCount: number,
    /** Per row the segment code (index in `segmentNames`), −1 for rows left out. */
    readonly segmentOf: Int32Array,
    readonly segmentNames: readonly string[],
    readonly alignment: readonly { inputColumn: number; numbers: Float64Array }[],
    private readonly cellOf: (column: number, row: number) => CellValue,
    /** Writes the input with the result columns to a Parquet file (Parquet input only). */
    readonly writeParquet: ((outputPath: string) => Promise<void>) | null,
  ) {}

  cell(column: number, row: number): CellValue {
    return this.cellOf(column, row);
  }
}

export class DuckDbEngine {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly workDirectory: string,
    private readonly csvBufferBytes: number | undefined,
  ) {}

  /** Starts an embedded DuckDB on a temporary database file (spilling to a temporary folder). */
  static async open(options: EngineOptions = {}): Promise<DuckDbEngine> {
    const workDirectory = mkdtempSync(path.join(os.tmpdir(), "cx-duckdb-"));
    const config: Record<string, string> = {
      memory_limit: options.memoryLimit ?? "1GB",
      temp_directory: options.tempDirectory ?? workDirectory,
      preserve_insertion_order: "true",
      enable_external_access: "true",
    };
    if (options.threads !== undefined) config.threads = String(options.threads);
    // A database file in the run's own folder (deleted on close), not ":memory:": DuckDB can then
    // write the loaded tables out when they outgrow memory_limit, so memory stays bounded for any
    // file size (measured with 10,000,000 rows: 1.6 GB peak RSS either way at a 1 GB limit).
    const instance = await DuckDBInstance.create(path.join(workDirectory, "run.duckdb"), config);
    const connection = await instance.connect();
    for (const macro of cellTypingMacros()) await connection.run(macro);
    return new DuckDbEngine(instance, connection, workDirectory, options.csvBufferBytes);
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
    rmSync(this.workDirectory, { recursive: true, force: true });
  }

  /** The file's header and column types, or why the engine cannot read it faithfully. */
  async describe(
    input: EngineInput,
  ): Promise<{ ok: true; table: EngineTable } | { ok: false; problem: EngineProblem }> {
    const sheetName = path.basename(input.path).replace(/\.[^.]*$/, "") || "Sheet1";
    if (input.kind === "parquet") {
      let rows: unknown[][];
      try {
        rows = (
          await this.connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${sqlString(input.path)})`)
        ).getRowsJS();
      } catch (error) {
        return unreadable(`${input.path} could not be read as Parquet: ${firstLine(error)}`);
      }
      const headers = rows.map((row) => String(row[0]));
      if (headers.some((h) => h.toLowerCase() === "file_row_number")) {
        return {
          ok: false,
          problem: {
            code: "engine-unsupported",
            message: `${input.path} has a column named "file_row_number", the name DuckDB gives the row numbers it keeps the file's order by. Rename that column.`,
          },
        };
      }
      return {
        ok: true,
        table: { input, sheetName, headers, columnTypes: rows.map((row) => String(row[1])), csv: null },
      };
    }
    const delimiter = input.delimiter ?? sniffDelimiter(input.path);
    const headers = await readHeaderRecord(input.path, delimiter);
    const emptyLine = findEmptyLine(input.path);
    if (emptyLine !== null) {
      return {
        ok: false,
        problem: {
          code: "engine-unsupported",
          message:
            `${path.basename(input.path)} has an empty line (line ${emptyLine}). The DuckDB engine's CSV reader skips empty lines ` +
            `while the runner counts them as rows, so rows would not line up: remove the empty lines, or run with --engine js.`,
        },
      };
    }
    return {
      ok: true,
      table: {
        input,
        sheetName,
        headers,
        columnTypes: headers.map(() => "VARCHAR"),
        csv: {
          delimiter,
          width: headers.length,
          parallel: true,
          encoding: "utf-8",
          bufferBytes: this.csvBufferBytes,
        },
      },
    };
  }

  /** Runs one segmentation. Never throws for bad input: the outcome says what is wrong. */
  async segment(
    table: EngineTable,
    settings: SegmentationSettings,
    hooks: EngineHooks = {},
  ): Promise<EngineOutcome> {
    const abort = () => this.connection.interrupt();
    hooks.signal?.addEventListener("abort", abort);
    try {
      // The previous run's tables live until now: its results may still be writing Parquet.
      await this.connection.run(
        "DROP TABLE IF EXISTS cx_results; DROP VIEW IF EXISTS cx_data; DROP TABLE IF EXISTS cx_load; DROP TABLE IF EXISTS cx_abc_groups",
      );
      return await new SegmentationRun(this.connection, table, settings, hooks).run();
    } finally {
      hooks.signal?.removeEventListener("abort", abort);
    }
  }

  /** The connection, for the engine's other statements (the order-log aggregation). */
  get sql(): DuckDBConnection {
    return this.connection;
  }
}

function sqlString(text: string): string {
  return duckdb.string(text);
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}

function unreadable(message: string): { ok: false; problem: EngineProblem } {
  return { ok: false, problem: { code: "unreadable", message } };
}

/** Finite (not NULL, NaN or ±Infinity), as `Number.isFinite`. */
function finite(column: string): string {
  return `coalesce(isfinite(${column}), false)`;
}

/** One run of {@link DuckDbEngine.segment}: the stages of the file comment. */
class SegmentationRun {
  private readonly progress: (fraction: number, phase: string) => void;
  private readonly headers: string[] = [];
  private tableInfo!: TableInfo;
  private rowCount = 0;
  private totalsRow: { row: number; label: string } | null = null;

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly table: EngineTable,
    private readonly settings: SegmentationSettings,
    private readonly hooks: EngineHooks,
  ) {
    this.progress = (fraction, phase) => hooks.onProgress?.(Math.min(1, Math.max(0, fraction)), phase);
  }

  private get cancelled(): boolean {
    return this.hooks.signal?.aborted === true;
  }

  async run(): Promise<EngineOutcome> {
    this.progress(0, "Reading");
    const checked = this.check();
    if (checked) return { ok: false, problem: checked };
    const loaded = await this.load();
    if (loaded) return { ok: false, problem: loaded };
    if (this.cancelled) return cancelled();
    this.progress(0.4, "Checking");
    const inspected = await this.inspect();
    if (!inspected.ok) return inspected;
    if (this.cancelled) return cancelled();
    this.progress(0.5, "Scoring");
    await this.score();
    if (this.cancelled) return cancelled();
    this.progress(0.7, "Collecting");
    return this.collect(inspected.notes);
  }

  private check(): EngineProblem | null {
    this.tableInfo = {
      sheet: this.table.sheetName,
      tableName: null,
      headerRow: 0,
      firstColumn: 0,
      columnCount: this.table.headers.length,
      rowCount: 0,
      headers: this.table.headers.map((h) => (this.table.csv ? typedHeader(h) : h)),
      sheetProtected: false,
      hiddenRowCount: 0,
    };
    if (this.table.headers.length === 0) {
      return {
        code: "empty-selection",
        message: `${path.basename(this.table.input.path)} is empty: there is no header row.`,
      };
    }
    const headers = checkHeaders(this.tableInfo);
    if (!headers.ok) return headers.problem;
    this.headers.push(...headers.headers);
    return checkSettings(this.settings, this.headers);
  }

  /** The roles whose cells the run reads: the method's, satisfaction when mapped. */
  private loadedRoles(): Exclude<Role, "customer">[] {
    const roles: Exclude<Role, "customer">[] = [...REQUIRED_ROLES[this.settings.method]] as Exclude<
      Role,
      "customer"
    >[];
    if (this.settings.mapping.satisfaction !== null) roles.push("satisfaction");
    return [...new Set(roles)];
  }

  /** The customer text when it is a totals word (checked again in JavaScript), else NULL. */
  private labelExpression(column: number): string {
    if (!isTextColumn(this.table, column)) return "NULL";
    const text = cellText(this.table, column);
    const words = TOTALS_LABELS.map((w) => duckdb.string(w)).join(", ");
    // A cheap filter first (every totals word contains one of these), then the exact test.
    return (
      `CASE WHEN regexp_matches(${cellRaw(this.table, column)}, '(?i)(tota|sum|gesamt|somme)') ` +
      `AND list_contains([${words}], lower(cx_trim(regexp_replace(${text}, ':$', '')))) THEN ${text} END`
    );
  }

  private async load(): Promise<EngineProblem | null> {
    const select = this.loadedRoles().map(
      (role) => `${cellNumber(this.table, this.settings.mapping[role] as number)} AS ${LOADED[role]}`,
    );
    const customer = this.settings.mapping.customer;
    select.push(`${customer === null ? "NULL" : this.labelExpression(customer)} AS cx_label`);
    const problem = await loadTable(this.connection, this.table, select, "cx_load", () => this.cancelled);
    if (problem) return problem;
    await this.connection.run("CREATE VIEW cx_data AS SELECT * FROM cx_load");
    return null;
  }

  private async value<T>(sql: string): Promise<T> {
    const rows = (await this.connection.runAndReadAll(sql)).getRowsJS();
    return rows[0][0] as T;
  }

  private async rowsWhere(condition: string): Promise<{ count: number; first: number[] }> {
    const count = Number(await this.value<bigint>(`SELECT count(*) FROM cx_data WHERE ${condition}`));
    if (count === 0) return { count, first: [] };
    const first = (
      await this.connection.runAndReadAll(
        `SELECT cx_row FROM cx_data WHERE ${condition} ORDER BY cx_row LIMIT ${LISTED_ROWS}`,
      )
    )
      .getRowsJS()
      .map((row) => Number(row[0]));
    return { count, first };
  }

  private source(): SegmentationSource {
    const columns: Partial<Record<NumericRole, string>> = {};
    for (const role of REQUIRED_ROLES[this.settings.method])
      columns[role as NumericRole] = LOADED[role as NumericRole];
    const carry = [
      { expression: "cx_row", alias: "cx_row" },
      { expression: "cx_value", alias: "cx_row_value" },
    ];
    if (this.settings.mapping.satisfaction !== null)
      carry.push({ expression: "cx_sat", alias: "cx_row_sat" });
    return {
      relation: "cx_data",
      customer: null,
      order: "cx_row",
      columns,
      dates: "serial",
      usedAlso: this.totalsRow === null ? null : `cx_row <> ${this.totalsRow.row}`,
      carry,
      withCodes: true,
    };
  }

  /** Counts, the totals row, cells that are not numbers, ABC's checks; the run's notes so far. */
  private async inspect(): Promise<{ ok: true; notes: string[] } | { ok: false; problem: EngineProblem }> {
    this.rowCount = Number(await this.value<bigint>("SELECT count(*) FROM cx_data"));
    this.tableInfo = { ...this.tableInfo, rowCount: this.rowCount };
    if (this.rowCount === 0) return { ok: false, problem: noCustomersProblem(1) };
    const notes: string[] = [];
    const { mapping } = this.settings;
    const last = this.rowCount - 1;
    if (mapping.customer !== null) {
      const rows = (
        await this.connection.runAndReadAll(`SELECT cx_label, cx_value FROM cx_data WHERE cx_row = ${last}`)
      ).getRowsJS();
      const [label, value] = (rows[0] ?? [null, null]) as [string | null, number | null];
      if (label !== null && isTotalsLabel(label) && typeof value === "number" && Number.isFinite(value)) {
        const others = await this.value<number | null>(
          `SELECT sum(cx_value) FROM cx_data WHERE cx_row <> ${last} AND ${finite("cx_value")}`,
        );
        if (others !== null && isSumOfOthers(value, others)) {
          this.totalsRow = { row: last, label };
          notes.push(totalsRowNote(excelRowOf(this.tableInfo, last), label));
        }
      }
    }
    const notTotals = this.totalsRow === null ? "true" : `cx_row <> ${this.totalsRow.row}`;
    const required = REQUIRED_ROLES[this.settings.method];
    if (!this.settings.skipInvalidRows) {
      const invalid: InvalidColumn[] = [];
      for (const role of required) {
        const column = mapping[role] as number;
        const found = await this.rowsWhere(`NOT ${finite(LOADED[role as NumericRole])} AND ${notTotals}`);
        if (found.count === 0) continue;
        const flags = new Uint8Array(this.rowCount);
        for (const row of found.first) flags[row] = 1;
        invalid.push({
          column,
          header: this.headers[column],
          role,
          data: { values: new Float64Array(0), invalid: flags, invalidCount: found.count },
        });
      }
      if (invalid.length > 0) return { ok: false, problem: nonNumericProblem(this.tableInfo, invalid) };
    }
    const allFinite = required.map((role) => finite(LOADED[role as NumericRole])).join(" AND ");
    const unused = await this.rowsWhere(`NOT (${allFinite}) AND ${notTotals}`);
    const usedCount = this.rowCount - unused.count - (this.totalsRow === null ? 0 : 1);
    if (usedCount === 0) return { ok: false, problem: NO_USABLE_ROWS };
    if (unused.count > 0) {
      notes.push(
        skippedRowsNote(
          unused.count,
          unused.first.map((row) => excelRowOf(this.tableInfo, row)),
        ),
      );
    }
    if (this.settings.method === "abc") {
      const negative = await this.rowsWhere(`${allFinite} AND ${notTotals} AND cx_value < 0`);
      if (negative.count > 0) {
        return {
          ok: false,
          problem: negativeAbcValuesProblem(
            negative.count,
            negative.first.map((row) => excelRowOf(this.tableInfo, row)),
          ),
        };
      }
      const largest = await this.value<number | null>(
        `SELECT max(cx_value) FROM cx_data WHERE ${allFinite} AND ${notTotals}`,
      );
      if (!(largest !== null && largest > 0)) return { ok: false, problem: ABC_TOTAL_NOT_POSITIVE };
    }
    return { ok: true, notes };
  }

  private resultHeaders(): string[] {
    const taken = new Set(this.headers.map((h) => h.toLowerCase()));
    return RESULT_HEADERS[this.settings.method].map((h) => uniqueName(h, taken));
  }

  /**
   * ABC's sums of larger values, added one by one from the largest down exactly as
   * `src/core/abcClass.ts` adds them (so the shares are the same doubles), into `cx_abc_groups`.
   * O(rows) additions over the distinct values, which DuckDB groups and sorts.
   */
  private async abcGroupSums(): Promise<void> {
    const condition = usedCondition(duckdb, this.source(), this.settings);
    const groups = await this.connection.stream(
      `SELECT cx_value, count(*)::DOUBLE FROM cx_data WHERE ${condition} GROUP BY cx_value ORDER BY cx_value DESC`,
    );
    const values: number[] = [];
    const above: number[] = [];
    let running = 0;
    for (;;) {
      const chunk = await groups.fetchChunk();
      if (chunk === null || chunk.rowCount === 0) break;
      const valueVector = chunk.getColumnVector(0);
      const countVector = chunk.getColumnVector(1);
      for (let i = 0; i < chunk.rowCount; i++) {
        const value = valueVector.getItem(i) as number;
        const count = countVector.getItem(i) as number;
        values.push(value);
        above.push(running);
        for (let k = 0; k < count; k++) running += value;
      }
    }
    await this.connection.run(
      "CREATE TABLE cx_abc_groups (cx_value DOUBLE, cx_above DOUBLE, cx_total DOUBLE)",
    );
    const appender = await this.connection.createAppender("cx_abc_groups");
    const chunkRows = 2048;
    const chunk = DuckDBDataChunk.create([DOUBLE, DOUBLE, DOUBLE], chunkRows);
    for (let start = 0; start < values.length; start += chunkRows) {
      const end = Math.min(values.length, start + chunkRows);
      chunk.rowCount = end - start;
      chunk.setColumnValues(0, values.slice(start, end));
      chunk.setColumnValues(1, above.slice(start, end));
      chunk.setColumnValues(2, new Array<number>(end - start).fill(running));
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
    appender.closeSync();
  }

  private async score(): Promise<void> {
    if (this.settings.method === "abc") await this.abcGroupSums();
    const statement = segmentationStatement(duckdb, this.source(), this.settings, this.resultHeaders(), {
      groupSums: "table",
      sequentialMean: true,
    });
    await this.connection.run(`CREATE TABLE cx_results AS ${statement}`);
  }

  private async cutPoints(): Promise<Record<string, number[]>> {
    const { settings } = this;
    if (settings.method === "abc") return { abc: [settings.abc.aUpTo, settings.abc.bUpTo] };
    const statement = cutPointsStatement(duckdb, this.source(), settings, { sequentialMean: true }) as string;
    const row = (await this.connection.runAndReadAll(statement)).getRowObjectsJS()[0];
    const at = (name: string) => Number(row[name]);
    if (settings.method === "quadrant") return { value: [at("value")], match: [at("match")] };
    const cuts: Record<string, number[]> = {};
    for (const d of ["recency", "frequency", "monetary"]) cuts[d] = [1, 2, 3, 4].map((k) => at(`${d}_${k}`));
    return cuts;
  }

  private async collect(notes: string[]): Promise<EngineOutcome> {
    const { settings } = this;
    const headers = this.resultHeaders();
    const n = this.rowCount;
    const q = duckdb.identifier;
    const method = settings.method;
    const satisfactionMapped = settings.mapping.satisfaction !== null;
    const extra =
      method === "rfm"
        ? [`CAST(${q(headers[0])} AS DOUBLE)`, q(headers[1]), q(headers[2]), q(headers[3])]
        : method === "abc"
          ? [q(headers[1])]
          : [];
    const columns = [
      "CAST(cx_row AS INTEGER)",
      "cx_row_value",
      satisfactionMapped ? "cx_row_sat" : "NULL::DOUBLE",
      "coalesce(cx_code, -1)",
      ...extra,
    ];
    const value = new Float64Array(n);
    const satisfaction = satisfactionMapped ? new Float64Array(n) : null;
    const segmentOf = new Int32Array(n);
    const days = method === "rfm" ? new Float64Array(n) : null;
    const scores = method === "rfm" ? [new Uint8Array(n), new Uint8Array(n), new Uint8Array(n)] : null;
    const share = method === "abc" ? new Float64Array(n) : null;
    const result = await this.connection.stream(
      `SELECT ${columns.join(", ")} FROM cx_results ORDER BY cx_row`,
    );
    let row = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (chunk === null || chunk.rowCount === 0) break;
      const vectors = Array.from({ length: columns.length }, (_, c) => chunk.getColumnVector(c));
      for (let i = 0; i < chunk.rowCount; i++, row++) {
        if (vectors[0].getItem(i) !== row) throw new Error(`internal: result row ${row} out of order`);
        value[row] = (vectors[1].getItem(i) as number | null) ?? NaN;
        if (satisfaction) satisfaction[row] = (vectors[2].getItem(i) as number | null) ?? NaN;
        const code = vectors[3].getItem(i) as number;
        segmentOf[row] = code;
        if (days && scores) {
          days[row] = (vectors[4].getItem(i) as number | null) ?? NaN;
          for (let s = 0; s < 3; s++) scores[s][row] = (vectors[5 + s].getItem(i) as number | null) ?? 0;
        } else if (share) {
          share[row] = (vectors[4].getItem(i) as number | null) ?? NaN;
        }
      }
      if ((row & 0xfffff) < chunk.rowCount) this.progress(0.7 + (0.25 * row) / n, "Collecting");
    }
    if (row !== n) throw new Error(`internal: ${row} result rows for ${n} data rows`);
    const names = segmentNames(settings);
    const cutPoints = await this.cutPoints();

    // The method's notes, then the run's, as the workflow orders them.
    const methodNotes: string[] = [];
    if (days && scores) {
      (["recency", "frequency", "monetary"] as const).forEach((dimension, s) => {
        const counts = [0, 0, 0, 0, 0, 0];
        for (let i = 0; i < n; i++) if (segmentOf[i] >= 0) counts[scores[s][i]]++;
        const empty = [1, 2, 3, 4, 5].filter((score) => counts[score] === 0);
        if (empty.length > 0) methodNotes.push(emptyScoresNote(dimension, empty, cutPoints[dimension]));
      });
      let future = 0;
      for (let i = 0; i < n; i++) if (segmentOf[i] >= 0 && days[i] < 0) future++;
      if (future > 0) methodNotes.push(futurePurchasesNote(future, settings.rfm.asOf));
    }

    const mask = new Uint8Array(n);
    let usedCount = 0;
    for (let i = 0; i < n; i++) {
      if (segmentOf[i] < 0) continue;
      mask[i] = 1;
      usedCount++;
    }
    const usedValues = compact(value, mask, usedCount).sort();
    const satisfactionColumn = satisfaction
      ? { values: satisfaction, invalid: Uint8Array.from(satisfaction, (x) => (Number.isFinite(x) ? 0 : 1)) }
      : null;
    const totals = segmentSummaries(names, segmentOf, value, satisfactionColumn);
    const { paretoTop20, gini } = concentration(usedValues);
    if (usedValues[0] < 0) notes.push(NEGATIVE_VALUES_NOTE);
    if (satisfactionColumn && totals.satisfactionIgnored > 0)
      notes.push(satisfactionIgnoredNote(totals.satisfactionIgnored));
    const summary: RunSummary = {
      method,
      segments: totals.segments,
      customers: totals.customers,
      totalValue: totals.totalValue,
      paretoTop20,
      gini,
      cutPoints,
      notes: [...methodNotes, ...notes],
    };

    const table = this.tableInfo;
    const sheetName = uniqueName(SUMMARY_SHEET_NAME, new Set([table.sheet.toLowerCase()]));
    const sourceAddress = `${sheetReference(table.sheet)}!${cellAddress(0, 0)}:${cellAddress(n, table.columnCount - 1)}`;
    const summarySheet = buildSummarySheet(
      sheetName,
      summary,
      paretoPoints(usedValues),
      sourceAddress,
      satisfactionMapped,
    );

    const label = (row: number) => (segmentOf[row] >= 0 ? names[segmentOf[row]] : null);
    const numberOrNull = (x: number) => (Number.isNaN(x) ? null : x);
    let cellOf: (column: number, row: number) => CellValue;
    let numberFormats: (string | undefined)[];
    if (days && scores) {
      const [r, f, m] = scores;
      numberFormats = ["0", undefined, undefined, undefined, undefined, undefined];
      cellOf = (column, row) => {
        if (segmentOf[row] < 0) return null;
        switch (column) {
          case 0:
            return days[row];
          case 1:
            return r[row];
          case 2:
            return f[row];
          case 3:
            return m[row];
          case 4:
            return r[row] * 100 + f[row] * 10 + m[row];
          default:
            return label(row);
        }
      };
    } else if (share) {
      numberFormats = [undefined, "0.00%"];
      cellOf = (column, row) =>
        column === 0 ? label(row) : segmentOf[row] < 0 ? null : numberOrNull(share[row]);
    } else {
      numberFormats = [undefined];
      cellOf = (_column, row) => label(row);
    }
    const valueColumn = settings.mapping.value as number;
    const input = this.table.input;
    const writeParquet =
      input.kind === "parquet"
        ? (outputPath: string) => this.writeParquet(input.path, outputPath, headers)
        : null;
    const results = new SegmentationResults(
      headers,
      numberFormats,
      n,
      segmentOf,
      names,
      [{ inputColumn: valueColumn, numbers: value }],
      cellOf,
      writeParquet,
    );
    this.progress(1, "Done");
    return { ok: true, summary, results, summarySheet };
  }

  /** Every input column with its type, then the result columns, in file order (DuckDB COPY). */
  private async writeParquet(
    inputPath: string,
    outputPath: string,
    headers: readonly string[],
  ): Promise<void> {
    const q = duckdb.identifier;
    const results = headers.map((h) => `cx_res.${q(h)}`).join(", ");
    await this.connection.run(
      `COPY (SELECT cx_src.* EXCLUDE (file_row_number), ${results} ` +
        `FROM read_parquet(${sqlString(inputPath)}, file_row_number = true) AS cx_src ` +
        `LEFT JOIN cx_results AS cx_res ON cx_src.file_row_number = cx_res.cx_row ORDER BY cx_src.file_row_number) ` +
        `TO ${sqlString(outputPath)} (FORMAT parquet)`,
    );
  }
}

function cancelledProblem(): EngineProblem {
  return { code: "cancelled", message: "Cancelled: nothing was written." };
}

function cancelled(): EngineOutcome {
  return { ok: false, problem: cancelledProblem() };
}
