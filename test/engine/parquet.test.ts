/**
 * Parquet in and out: a typed file (numbers, a DATE, a TIMESTAMP, text, logicals) is segmented as
 * the workflow segments the same table, and the output keeps every input column with its type, in
 * file order across row groups read by several threads, followed by the result columns.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { parse } from "csv-parse/sync";
import { DuckDbEngine } from "../../src/engine/duckdbEngine";
import type { SegmentationSettings } from "../../src/workflow/types";
import { runJs, settingsFor, tempDir } from "./engineHarness";
import { randomTable, writeTable } from "./randomTables";

const dir = tempDir("cx-parquet-");

/** The random table as CSV (for the workflow) and as a typed Parquet file of small row groups. */
async function bothFiles(rows: number, seed: number): Promise<{ csv: string; parquet: string }> {
  const csv = path.join(dir, `t-${rows}-${seed}.csv`);
  const parquet = path.join(dir, `t-${rows}-${seed}.parquet`);
  // No invalid cells and ISO dates only: every cell has one meaning in both formats.
  const table = randomTable({ rows, seed }).map((row, i) =>
    i === 0
      ? row
      : [row[0], row[1].trim(), row[2], row[3], /^\d+(\.\d+)?$/.test(row[4]) ? "2025-03-04" : row[4], row[5]],
  );
  writeTable(csv, table);
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await connection.run(
    `COPY (SELECT "Customer ID", CAST("Revenue" AS DOUBLE) AS "Revenue", CAST("Strategic match" AS INTEGER) AS "Strategic match",
       CAST(nullif("Satisfaction", '') AS DECIMAL(4, 1)) AS "Satisfaction", CAST("Last purchase" AS DATE) AS "Last purchase",
       CAST("Orders" AS BIGINT) AS "Orders", TIMESTAMP '2026-01-02 03:04:05' + to_days(CAST("Orders" AS INTEGER)) AS "Seen at",
       CAST("Orders" AS INTEGER) % 2 = 0 AS "Even"
     FROM read_csv('${csv}', all_varchar = true))
     TO '${parquet}' (FORMAT parquet, ROW_GROUP_SIZE 2048)`,
  );
  connection.closeSync();
  instance.closeSync();
  return { csv, parquet };
}

async function readParquet(file: string): Promise<{ names: string[]; types: string[]; rows: unknown[][] }> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const described = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM '${file}'`)).getRowsJS();
  const rows = (await connection.runAndReadAll(`SELECT * FROM '${file}'`)).getRowsJS();
  connection.closeSync();
  instance.closeSync();
  return { names: described.map((r) => String(r[0])), types: described.map((r) => String(r[1])), rows };
}

describe("Parquet", () => {
  let engine: DuckDbEngine;
  beforeAll(async () => {
    engine = await DuckDbEngine.open({ threads: 4 });
  });
  afterAll(() => engine.close());

  const variants: [string, (s: SegmentationSettings) => void][] = [
    ["quadrant", (s) => (s.method = "quadrant")],
    ["rfm", (s) => ((s.method = "rfm"), (s.rfm.asOf = "2026-06-30"))],
    ["abc", (s) => (s.method = "abc")],
  ];

  it.each(variants)(
    "%s: the workflow's results and summary, every input column and type kept",
    async (method, change) => {
      const { csv, parquet } = await bothFiles(8_000, method.length);
      const settings = await settingsFor(csv, change);
      const js = await runJs(csv, settings, dir);
      expect(js.ok).toBe(true);

      const described = await engine.describe({ kind: "parquet", path: parquet });
      if (!described.ok) throw new Error(described.problem.message);
      const outcome = await engine.segment(described.table, settings);
      if (!outcome.ok) throw new Error(outcome.problem.message);
      expect(outcome.summary).toEqual(js.summary);

      const output = path.join(dir, `out-${method}.parquet`);
      await outcome.results.writeParquet!(output);
      const input = await readParquet(parquet);
      const written = await readParquet(output);
      const jsRows = parse(js.output!, { relax_column_count: true }) as string[][];
      const csvWidth = 6; // the Parquet file has two more input columns (Seen at, Even)
      const resultHeaders = jsRows[0].slice(csvWidth);
      expect(written.names).toEqual([...input.names, ...resultHeaders]);
      expect(written.types.slice(0, input.types.length)).toEqual(input.types);
      expect(written.rows.length).toBe(input.rows.length);
      expect(written.rows.map((row) => row.slice(0, input.names.length))).toEqual(input.rows);
      // The result cells, as text, against what the workflow wrote into its CSV.
      const results = written.rows.map((row) =>
        row
          .slice(input.names.length)
          .map((cell) => (cell === null ? "" : String(cell)))
          .join("|"),
      );
      expect(results).toEqual(jsRows.slice(1).map((row) => row.slice(csvWidth).join("|")));
    },
    120_000,
  );

  it("reads a TIMESTAMP last purchase as the serial of its day (the time of day does not count); a missing date leaves the row out", async () => {
    const file = path.join(dir, "typed.parquet");
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(
      `COPY (SELECT * FROM (VALUES ('A', 10.0, TIMESTAMP '2026-06-29 23:59:00', 1), ('B', 20.0, TIMESTAMP '2026-06-01 00:00:00', 2),
         ('C', 30.0, NULL, 3)) AS t("Customer", "Revenue", "Last purchase", "Orders"))
       TO '${file}' (FORMAT parquet)`,
    );
    connection.closeSync();
    instance.closeSync();
    const described = await engine.describe({ kind: "parquet", path: file });
    if (!described.ok) throw new Error(described.problem.message);
    const settings = await settingsFor(
      writeCsvHeader(["Customer", "Revenue", "Last purchase", "Orders"]),
      (s) => {
        s.method = "rfm";
        s.rfm.asOf = "2026-06-30";
        s.skipInvalidRows = true;
      },
    );
    const outcome = await engine.segment(described.table, settings);
    if (!outcome.ok) throw new Error(outcome.problem.message);
    // 2026-06-30 − 2026-06-29 = 1 day (23:59 is still the 29th); − 2026-06-01 = 29 days; C has no date.
    expect([0, 1, 2].map((row) => outcome.results.cell(0, row))).toEqual([1, 29, null]);
    expect(outcome.summary.notes).toContainEqual(
      expect.stringMatching(/^1 row was left unsegmented .*: row 4\.$/),
    );
  });
});

/** A one-line CSV with these headers, so the runner's mapping detection can be reused. */
function writeCsvHeader(headers: string[]): string {
  const file = path.join(dir, `header-${headers.length}.csv`);
  writeTable(file, [headers, headers.map(() => "1")]);
  expect(readFileSync(file, "utf8").startsWith(headers[0])).toBe(true);
  return file;
}
