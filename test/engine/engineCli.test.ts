/**
 * The runner with `--engine` and Parquet files, and `--emit-sql`: a Parquet file is segmented as
 * the same table in a CSV file (same results, printed summary and summary sheet), the default
 * engine follows the file (JavaScript for every CSV, whose bytes it keeps; DuckDB for Parquet), and
 * usage mistakes name the flag (exit 2).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { chooseEngine } from "../../src/cli/engine";
import { run, tempDir } from "../cli/cliHarness";
import { DuckDBInstance } from "@duckdb/node-api";
import { duckdb } from "./engineHarness";
import { randomTable, writeTable } from "./randomTables";

const dir = tempDir("cx-engine-cli-");
const csv = path.join(dir, "customers.csv");
writeTable(csv, randomTable({ rows: 3_000, seed: 99, invalidShare: 0.02 }));

/** The CSV's table as Parquet: text customers, DOUBLE numbers (NULL where the CSV cell is not a plain number). */
async function parquetOf(file: string, target: string): Promise<void> {
  await duckdb(
    `COPY (SELECT "Customer ID", TRY_CAST("Revenue" AS DOUBLE) AS "Revenue", TRY_CAST("Strategic match" AS DOUBLE) AS "Strategic match",
       TRY_CAST("Satisfaction" AS DOUBLE) AS "Satisfaction", TRY_CAST("Last purchase" AS DATE) AS "Last purchase", TRY_CAST("Orders" AS BIGINT) AS "Orders"
       FROM read_csv('${file}', all_varchar = true, header = true)) TO '${target}' (FORMAT parquet, ROW_GROUP_SIZE 2048)`,
  );
}

describe("Parquet", () => {
  // A CSV whose every cell means the same in both files: numbers, ISO dates, blanks for the invalid ones.
  const plain = path.join(dir, "plain.csv");
  writeTable(
    plain,
    randomTable({ rows: 5_000, seed: 7, invalidShare: 0.02 }).map((row, i) =>
      i === 0
        ? row
        : row.map((cell, c) =>
            c === 0
              ? cell
              : c === 4
                ? /^\d{4}-\d{2}-\d{2}$/.test(cell.trim())
                  ? cell.trim()
                  : ""
                : /^-?\d+(\.\d+)?$/.test(cell.trim())
                  ? cell.trim()
                  : "",
          ),
    ),
  );
  const parquet = path.join(dir, "plain.parquet");
  beforeAll(() => parquetOf(plain, parquet));

  it.each([
    ["quadrant", []],
    ["rfm", ["--as-of", "2026-06-30"]],
    ["abc", ["--abc", "0.7,0.9"]],
  ])(
    "%s: the same results, printed summary and summary sheet as the same table in a CSV file",
    async (method, extra) => {
      const fromCsv = path.join(dir, `${method}-csv.csv`);
      const fromParquet = path.join(dir, `${method}-parquet.parquet`);
      const js = await run([plain, "--method", method, ...extra, "--skip-invalid", "--output", fromCsv], dir);
      const db = await run(
        [parquet, "--method", method, ...extra, "--skip-invalid", "--output", fromParquet],
        dir,
      );
      expect([db.code, db.stderr]).toEqual([0, ""]);
      expect(js.code).toBe(0);
      const named = (text: string, out: string) =>
        text
          .split(out)
          .join("OUT")
          .replace(/\.(csv|parquet)\b/g, ".EXT");
      expect(named(db.stdout, `${method}-parquet`)).toBe(named(js.stdout, `${method}-csv`));
      expect(readFileSync(fromParquet.replace(/\.parquet$/, ".summary.csv"), "utf8")).toBe(
        readFileSync(fromCsv.replace(/\.csv$/, ".summary.csv"), "utf8").replace(/\bplain\b/g, "plain"),
      );
      // The result columns, row by row in file order, against the CSV output's.
      const csvRows = parse(readFileSync(fromCsv, "utf8"), { relax_column_count: true }) as string[][];
      const width = 6;
      const written = await duckdb(`SELECT * FROM '${fromParquet}'`);
      const columns = await duckdb(`DESCRIBE SELECT * FROM '${fromParquet}'`);
      expect(columns.map((row) => row[0])).toEqual(csvRows[0]);
      expect(
        written.map((row) =>
          row
            .slice(width)
            .map((cell) => (cell === null ? "" : String(cell)))
            .join("|"),
        ),
      ).toEqual(csvRows.slice(1).map((row) => row.slice(width).join("|")));
      // Every input column and its type kept, in file order.
      const input = await duckdb(`SELECT * FROM '${parquet}'`);
      expect(written.map((row) => row.slice(0, width))).toEqual(input);
      const inputTypes = await duckdb(`DESCRIBE SELECT * FROM '${parquet}'`);
      expect(columns.slice(0, width).map((row) => row[1])).toEqual(inputTypes.map((row) => row[1]));
    },
    120_000,
  );

  it("writes NAME.segmented.parquet and its summary CSV by default", async () => {
    const file = path.join(dir, "customers.parquet");
    await parquetOf(csv, file);
    const result = await run([file, "--skip-invalid"], dir);
    expect([result.code, result.stderr]).toEqual([0, ""]);
    expect(result.stdout).toMatch(
      /Wrote .*customers\.segmented\.parquet\nWrote .*customers\.segmented\.summary\.csv\n$/,
    );
    const again = await run([file, "--skip-invalid"], dir);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/customers\.segmented\.parquet already exists; pass --force/);
  });

  it("reads a TIMESTAMP last purchase as a date cell with its time; a missing date leaves the row out, with the workflow's note", async () => {
    const file = path.join(dir, "typed.parquet");
    await duckdb(
      `COPY (SELECT * FROM (VALUES ('A', 10.0, TIMESTAMP '2026-06-29 23:59:00', 1), ('B', 20.0, TIMESTAMP '2026-06-01 00:00:00', 2),
         ('C', 30.0, NULL, 3)) AS t("Customer", "Revenue", "Last purchase", "Orders")) TO '${file}' (FORMAT parquet)`,
    );
    const output = path.join(dir, "typed.out.parquet");
    const result = await run(
      [file, "--method", "rfm", "--as-of", "2026-06-30", "--skip-invalid", "--output", output],
      dir,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/1 row was left unsegmented .*: row 4\./);
    const days = await duckdb(`SELECT "Recency days" FROM '${output}'`);
    // The same cells in an .xlsx: 2026-06-29 23:59 and 2026-06-01 00:00 against the as-of day 2026-06-30.
    const xlsxLike = path.join(dir, "typed.csv");
    writeFileSync(
      xlsxLike,
      "Customer,Revenue,Last purchase,Orders\r\nA,10,2026-06-29T23:59,1\r\nB,20,2026-06-01,2\r\nC,30,,3\r\n",
    );
    const viaCsv = path.join(dir, "typed-csv.out.csv");
    expect(
      (
        await run(
          [xlsxLike, "--method", "rfm", "--as-of", "2026-06-30", "--skip-invalid", "--output", viaCsv],
          dir,
        )
      ).code,
    ).toBe(0);
    const csvDays = (parse(readFileSync(viaCsv, "utf8")) as string[][])
      .slice(1)
      .map((row) => (row[4] === "" ? null : Number(row[4])));
    expect(days.map((row) => row[0])).toEqual(csvDays);
    expect(csvDays[2]).toBeNull();
  });

  it("an order log in Parquet: the same printed summary, summary and per-customer CSV files as the same log in a CSV file", async () => {
    const orders = path.join(dir, "orders.csv");
    const rows = ["Customer,Order date,Amount"];
    for (let i = 0; i < 600; i++) {
      const day = String(1 + ((i * 7) % 28)).padStart(2, "0");
      const month = String(1 + ((i * 5) % 12)).padStart(2, "0");
      rows.push(`K${(i * 37) % 97},2025-${month}-${day},${((i * 13) % 50) + 0.5}`);
    }
    writeFileSync(orders, rows.join("\r\n") + "\r\n");
    const parquet = path.join(dir, "orders.parquet");
    await duckdb(
      `COPY (SELECT "Customer", CAST("Order date" AS DATE) AS "Order date", CAST("Amount" AS DOUBLE) AS "Amount"
         FROM read_csv('${orders}', all_varchar = true, header = true)) TO '${parquet}' (FORMAT parquet)`,
    );
    const args = ["--method", "rfm", "--as-of", "2026-01-31"];
    const js = await run([orders, ...args, "--output", path.join(dir, "orders-js.csv")], dir);
    const db = await run([parquet, ...args, "--output", path.join(dir, "orders-db.parquet")], dir);
    expect([db.code, db.stderr]).toEqual([0, ""]);
    expect(js.code).toBe(0);
    expect(db.stdout.replace(/orders-db\.(parquet|summary\.csv|customers\.csv)/g, "OUT")).toBe(
      js.stdout.replace(/orders-js\.(csv|summary\.csv|customers\.csv)/g, "OUT"),
    );
    for (const kind of ["summary", "customers"]) {
      expect(readFileSync(path.join(dir, `orders-db.${kind}.csv`), "utf8")).toBe(
        readFileSync(path.join(dir, `orders-js.${kind}.csv`), "utf8"),
      );
    }
  }, 60_000);

  it("refuses what Parquet cannot take, naming the flag: --formulas, a .csv output (exit 2)", async () => {
    const file = path.join(dir, "customers.parquet");
    const formulas = await run([file, "--formulas", "--output", path.join(dir, "f.parquet")], dir);
    expect([formulas.code, formulas.stderr]).toEqual([
      2,
      "cx-segment: --formulas needs an .xlsx file (Parquet has no formulas).\n",
    ]);
    const asCsv = await run([file, "--output", path.join(dir, "f.csv")], dir);
    expect(asCsv.code).toBe(2);
    expect(asCsv.stderr).toMatch(/cannot write \.csv files for a Parquet file .*use \.parquet/);
  });
});

describe("choosing the engine", () => {
  it("names the flag for an unknown engine, DuckDB on a CSV or .xlsx and JavaScript on Parquet (exit 2)", async () => {
    const unknown = await run([csv, "--engine", "spark"], dir);
    expect([unknown.code, unknown.stderr]).toEqual([
      2,
      'cx-segment: --engine must be duckdb or js (got "spark")\n',
    ]);
    for (const file of [csv, path.join(__dirname, "../../assets/sample-customers.xlsx")]) {
      const named = await run([file, "--engine", "duckdb"], dir);
      expect(named.code).toBe(2);
      expect(named.stderr).toMatch(
        /--engine duckdb reads Parquet files; \.xlsx and CSV files go through --engine js/,
      );
    }
    expect(chooseEngine(path.join(dir, "x.parquet"), "js")).toEqual({
      message: "--engine js cannot read Parquet; use --engine duckdb",
    });
  });

  it("takes JavaScript for every CSV, whatever its size, and DuckDB for Parquet (by content, not by name)", async () => {
    expect(chooseEngine(csv, undefined)).toEqual({ engine: "js" });
    const long = path.join(dir, "long.csv");
    writeFileSync(long, "a\n" + "1\n".repeat(1_048_577)); // one row more than Excel holds
    expect(chooseEngine(long, undefined)).toEqual({ engine: "js" });
    expect(chooseEngine(path.join(dir, "missing.parquet"), undefined)).toEqual({ engine: "duckdb" });
    const disguised = path.join(dir, "parquet.dat");
    await parquetOf(csv, disguised);
    expect(chooseEngine(disguised, undefined)).toEqual({ engine: "duckdb" });
    const notParquet = path.join(dir, "text.parquet");
    writeFileSync(notParquet, "Customer,Revenue\nA,1\n");
    expect(chooseEngine(notParquet, undefined)).toEqual({ engine: "js" });
  });
});

describe("a big CSV by default (where the runner once took DuckDB) keeps every byte of the input", () => {
  /** Over 10 MB: a byte-order mark, LF endings, a quoted line break, or Windows-1252 text with CRLF. */
  function bigCsv(file: string, encoding: "utf8-bom" | "windows-1252"): Buffer {
    const eol = encoding === "utf8-bom" ? "\n" : "\r\n";
    const lines = [`Customer,Revenue,Strategic match,Note${eol}`];
    for (let i = 0; i < 400_000; i++) {
      const note = i === 7 ? '"first line\nsecond, line"' : i % 3 === 0 ? "Müller & Söhne" : "plain";
      lines.push(`C${i},${(i * 7919) % 10007}.5,${1 + (i % 10)},${note}${eol}`);
    }
    const text = lines.join("");
    const bytes =
      encoding === "utf8-bom"
        ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")])
        : Buffer.from(text.replace(/ü/g, "\xfc").replace(/ö/g, "\xf6"), "latin1");
    writeFileSync(file, bytes);
    expect(bytes.length).toBeGreaterThan(10 * 1024 * 1024);
    return bytes;
  }

  it.each(["utf8-bom", "windows-1252"] as const)(
    "%s: each output record is the input record's bytes, then its segment",
    async (encoding) => {
      const file = path.join(dir, `big-${encoding}.csv`);
      const input = bigCsv(file, encoding);
      expect(chooseEngine(file, undefined)).toEqual({ engine: "js" });
      const output = path.join(dir, `big-${encoding}.out.csv`);
      const result = await run([file, "--output", output], dir);
      expect(result.code).toBe(0);
      const written = readFileSync(output);
      // Taking the appended ",Segment" / ",<label>" off the end of every record gives the input back.
      const unappended = written
        .toString("latin1")
        .replace(/,(Segment|Strategic|Profit|Potential|Ordinary)(?=\r?\n)/g, "");
      expect(unappended === input.toString("latin1")).toBe(true);
      expect(written.length - input.length).toBeGreaterThan(400_000 * 6);
    },
    120_000,
  );
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
      ["--emit-sql", "postgres", "--table", "t", "--method", "clv", "--map", "customer=id"],
      /--emit-sql has no statement for --method clv .*use quadrant, rfm or abc/,
    ],
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
    expect(result.stdout).toMatch(
      /--engine E +js \(.xlsx and CSV of any size.*\n.*default: duckdb for a Parquet file, js for everything else\n/,
    );
    expect(result.stdout).toMatch(/--emit-sql DIALECT/);
  });
});
