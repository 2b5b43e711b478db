/**
 * The runner with `--engine`, Parquet files and `--emit-sql`: the DuckDB engine's files are the
 * JavaScript engine's byte for byte, the default engine follows the file, and usage mistakes name
 * the flag (exit 2).
 */
import { readFileSync, truncateSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { chooseEngine, DUCKDB_ABOVE_BYTES, segmentWithDuckDb } from "../../src/cli/engine";
import { parseCommandLine } from "../../src/cli/options";
import { run, tempDir } from "../cli/cliHarness";
import { randomTable, writeTable } from "./randomTables";

const dir = tempDir("cx-engine-cli-");
const csv = path.join(dir, "customers.csv");
writeTable(csv, randomTable({ rows: 3_000, seed: 99, invalidShare: 0.02 }));

describe("--engine duckdb on a CSV", () => {
  it.each([
    ["quadrant", []],
    ["rfm", ["--as-of", "2026-06-30"]],
    ["abc", ["--abc", "0.7,0.9"]],
  ])(
    "%s: the output and summary files and the printed summary are the JavaScript engine's",
    async (method, extra) => {
      const outputs: Record<string, { stdout: string; file: string; summary: string }> = {};
      for (const engine of ["js", "duckdb"]) {
        const output = path.join(dir, `${method}-${engine}.csv`);
        const result = await run(
          [csv, "--method", method, ...extra, "--skip-invalid", "--engine", engine, "--output", output],
          dir,
        );
        expect(result.stderr).toBe("");
        expect(result.code).toBe(0);
        outputs[engine] = {
          stdout: result.stdout.replace(new RegExp(`${method}-${engine}`, "g"), "OUT"),
          file: readFileSync(output, "latin1"),
          summary: readFileSync(output.replace(/\.csv$/, ".summary.csv"), "latin1"),
        };
      }
      expect(outputs.duckdb).toEqual(outputs.js);
    },
  );

  it("never writes over an existing output without --force, and replaces it with --force", async () => {
    const output = path.join(dir, "taken.csv");
    writeFileSync(output, "mine");
    const refused = await run([csv, "--engine", "duckdb", "--skip-invalid", "--output", output], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/taken\.csv already exists; pass --force/);
    expect(readFileSync(output, "utf8")).toBe("mine");
    const forced = await run(
      [csv, "--engine", "duckdb", "--skip-invalid", "--output", output, "--force"],
      dir,
    );
    expect(forced.code).toBe(0);
    expect(readFileSync(output, "utf8")).toMatch(/^Customer ID,Revenue,.*,Segment\r\n/);
  });

  it("stops with the workflow's message when a cell is not a number, naming --skip-invalid's problem rows", async () => {
    const result = await run([csv, "--engine", "duckdb", "--output", path.join(dir, "stopped.csv")], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^cx-segment: customers\.csv: \d+ cells? in column B "Revenue" \(value\)/);
  });
});

describe("Parquet", () => {
  it("writes NAME.segmented.parquet and its summary CSV by default, keeping the input's columns", async () => {
    const parquet = path.join(dir, "customers.parquet");
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(
      `COPY (SELECT "Customer ID", TRY_CAST("Revenue" AS DOUBLE) AS "Revenue", TRY_CAST("Strategic match" AS DOUBLE) AS "Strategic match"
         FROM read_csv('${csv}', all_varchar = true)) TO '${parquet}' (FORMAT parquet)`,
    );
    const result = await run([parquet, "--skip-invalid"], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /Wrote .*customers\.segmented\.parquet\nWrote .*customers\.segmented\.summary\.csv\n$/,
    );
    const columns = (
      await connection.runAndReadAll(
        `DESCRIBE SELECT * FROM '${path.join(dir, "customers.segmented.parquet")}'`,
      )
    ).getRowsJS();
    expect(columns.map((row) => `${row[0]} ${row[1]}`)).toEqual([
      "Customer ID VARCHAR",
      "Revenue DOUBLE",
      "Strategic match DOUBLE",
      "Segment VARCHAR",
    ]);
    connection.closeSync();
    instance.closeSync();
  });
});

describe("choosing the engine", () => {
  it("names the flag for an unknown engine, DuckDB on an .xlsx and JavaScript on Parquet (exit 2)", async () => {
    const unknown = await run([csv, "--engine", "spark"], dir);
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      'cx-segment: --engine must be duckdb or js (got "spark")\n',
    ]);
    const xlsx = await run(
      [path.join(__dirname, "../../assets/sample-customers.xlsx"), "--engine", "duckdb"],
      dir,
    );
    expect(xlsx.code).toBe(2);
    expect(xlsx.stderr).toMatch(/--engine duckdb reads \.csv and \.parquet/);
    expect(chooseEngine(path.join(dir, "x.parquet"), "js")).toEqual({
      message: "--engine js cannot read Parquet; use --engine duckdb",
    });
  });

  it("takes JavaScript for a small CSV, DuckDB above the measured size or beyond Excel's rows, and always for Parquet", () => {
    expect(chooseEngine(csv, undefined)).toEqual({ engine: "js", byName: false });
    const large = path.join(dir, "large.csv");
    writeFileSync(large, "a,b\n");
    truncateSync(large, DUCKDB_ABOVE_BYTES + 1);
    expect(chooseEngine(large, undefined)).toEqual({ engine: "duckdb", byName: false });
    const long = path.join(dir, "long.csv");
    writeFileSync(long, "a\n" + "1\n".repeat(1_048_577)); // 2 MB, one row more than Excel holds
    expect(chooseEngine(long, undefined)).toEqual({ engine: "duckdb", byName: false });
    expect(chooseEngine(path.join(dir, "x.parquet"), undefined)).toEqual({ engine: "duckdb", byName: false });
  });

  it("falls back to JavaScript, with a note, when DuckDB was not asked for and the CSV has an empty line", async () => {
    const withGap = path.join(dir, "gap.csv");
    writeFileSync(withGap, "Customer,Revenue,Strategic match\r\nA,1,2\r\n\r\nB,3,4\r\n");
    let stderr = "";
    const io = { stdout: () => {}, stderr: (t: string) => (stderr += t), cwd: dir, stderrIsTty: false };
    const parsed = parseCommandLine([withGap]);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(await segmentWithDuckDb(withGap, path.join(dir, "gap.out.csv"), parsed.options, false, io)).toBe(
      "use-js",
    );
    expect(stderr).toMatch(/empty line \(line 3\).*Using the JavaScript engine/);
    const byName = await run([withGap, "--engine", "duckdb"], dir);
    expect(byName.code).toBe(1);
    expect(byName.stderr).toMatch(/empty line \(line 3\)/);
  });
});

describe("--emit-sql", () => {
  it("takes the column names from a sample's header and quotes them for the dialect", async () => {
    const result = await run([csv, "--emit-sql", "bigquery", "--table", "shop.customers"], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/FROM `shop`\.`customers`/);
    expect(result.stdout).toMatch(/CAST\(`Revenue` AS FLOAT64\)/);
    expect(result.stdout).toMatch(/AS `Segment`\nFROM cx_coded\nORDER BY cx_order;\n$/);
  });

  it.each([
    [
      ["--emit-sql", "oracle", "--table", "t"],
      /--emit-sql must be one of duckdb, postgres, bigquery, snowflake, spark, clickhouse \(got "oracle"\)/,
    ],
    [["--emit-sql", "postgres"], /--emit-sql needs --table NAME/],
    [
      ["--emit-sql", "postgres", "--table", "t", "--map", "value=rev"],
      /needs --map customer=COLUMN, --map match=COLUMN/,
    ],
    [
      ["--emit-sql", "postgres", "--table", "t", "--method", "rfm", "--map", "customer=id"],
      /--map last-purchase=COLUMN, --map orders=COLUMN, --map value=COLUMN/,
    ],
    [["--emit-sql", "postgres", "--table", "t", "--histories"], /--histories goes with --orders/],
    [
      ["--emit-sql", "postgres", "--table", "t", "--orders", "--map", "customer=c"],
      /--orders needs the column of --map order-date=COLUMN, --map amount=COLUMN/,
    ],
    [
      ["--emit-sql", "postgres", "--table", "t", "--orders", "--period", "fortnight"],
      /--period must be day, week, month, quarter or year/,
    ],
  ])("%j is a usage mistake that names the flag (exit 2)", async (argv, message) => {
    const result = await run(argv as string[], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message as RegExp);
  });

  it("orders ABC's equal values by --order-by, and by the customer column by default", async () => {
    // Revenues 10, 10, 10, 70 of 100. Ranked 70 first (share before 0 → A), then the three 10s.
    // By customer (a, m, z): shares before 0.7, 0.8, 0.9 → A, B, B. By file order (z, a, m): the same
    // shares go to z, a, m, so z is A.
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(
      `CREATE TABLE t AS SELECT * FROM (VALUES (1, 'z', 10.0), (2, 'a', 10.0), (3, 'm', 10.0), (4, 'b', 70.0)) AS v(seq, customer, revenue)`,
    );
    const classes = async (extra: string[]) => {
      const sql = await run(
        [
          "--emit-sql",
          "duckdb",
          "--table",
          "t",
          "--method",
          "abc",
          "--map",
          "customer=customer",
          "--map",
          "value=revenue",
          ...extra,
        ],
        dir,
      );
      const rows = (await connection.runAndReadAll(sql.stdout)).getRowsJS();
      return Object.fromEntries(rows.map((row) => [row[0], row[1]]));
    };
    expect(await classes([])).toEqual({ a: "A", b: "A", m: "B", z: "B" });
    expect(await classes(["--order-by", "seq"])).toEqual({ z: "A", a: "B", m: "B", b: "A" });
    connection.closeSync();
    instance.closeSync();
  });

  it("prints the runner's help, with the engine and warehouse flags", async () => {
    const result = await run(["--emit-sql", "postgres", "--help"], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/--engine E/);
    expect(result.stdout).toMatch(/--emit-sql DIALECT/);
  });
});
