/**
 * `--emit-sql`, verified by running it: on the same 100,000-row table the statements give the
 * runner's results row by row on DuckDB (embedded) and on PostgreSQL (Debian's server, started
 * here); the BigQuery, Snowflake, Spark and ClickHouse texts parse in sqlglot (Debian's
 * python3-sqlglot), and sqlglot's translation of each to DuckDB gives the runner's results too. The
 * order-log statements agree with a plain reference implementation of issue 9's definitions.
 */
import { spawnSync } from "node:child_process";
import { chmodSync } from "node:fs";
import path from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { parse } from "csv-parse/sync";
import { main } from "../../src/cli/main";
import type { SegmentationSettings } from "../../src/workflow/types";
import { runJs, settingsFor, tempDir } from "./engineHarness";
import {
  close,
  randomOrderLog,
  referenceCustomers,
  referenceHistories,
  type ReferenceCustomer,
} from "./orderLogs";
import { PostgresServer } from "./postgresServer";
import { HEADERS, randomTable, writeTable } from "./randomTables";

const ROWS = 100_000;
const AS_OF = "2026-06-30";
const dir = tempDir("cx-emit-sql-");
chmodSync(dir, 0o755);
const tableFile = path.join(dir, "customers.csv");
const ordersFile = path.join(dir, "orders.csv");

/** The method's options on the command line, and the same as workflow settings. */
const METHODS: [name: string, args: string[], change: (s: SegmentationSettings) => void][] = [
  ["quadrant", ["--method", "quadrant"], (s) => (s.method = "quadrant")],
  ["rfm", ["--method", "rfm", "--as-of", AS_OF], (s) => ((s.method = "rfm"), (s.rfm.asOf = AS_OF))],
  ["abc", ["--method", "abc"], (s) => (s.method = "abc")],
];

/** Runs `cx-segment argv` in-process; returns stdout or throws with stderr. */
async function emit(argv: string[]): Promise<string> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: dir,
    stderrIsTty: false,
    today: new Date(Date.UTC(2026, 10, 25)),
  });
  if (code !== 0) throw new Error(`exit ${code}: ${stderr}`);
  return stdout;
}

/** The runner's results per customer: the result cells as it writes them into its CSV. */
const runnerResults = new Map<string, Map<string, string[]>>();

/** A query's rows per customer (first column), cells as text the way the runner writes them. */
function byCustomer(rows: readonly (readonly unknown[])[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const row of rows)
    out.set(
      String(row[0]),
      row.slice(1).map((cell) => (cell === null || cell === undefined ? "" : String(cell))),
    );
  return out;
}

/**
 * Differences from the runner: labels and whole numbers must be equal; a share equal, or (for an
 * engine that adds in another order) within 1e-12 relative.
 */
function compare(method: string, got: Map<string, string[]>, exactShares: boolean): void {
  const expected = runnerResults.get(method) as Map<string, string[]>;
  expect(got.size).toBe(expected.size);
  const wrong: string[] = [];
  for (const [customer, cells] of expected) {
    const other = got.get(customer);
    if (!other) {
      wrong.push(`${customer}: missing`);
      continue;
    }
    cells.forEach((cell, i) => {
      const isShare = method === "abc" && i === 1 && cell !== "";
      if (isShare) {
        const [a, b] = [Number(cell), Number(other[i])];
        if (a !== b && (exactShares || !(Math.abs(a - b) <= 1e-12 * Math.abs(a))))
          wrong.push(`${customer}: ${cell} ≠ ${other[i]}`);
      } else if (cell !== other[i] && !(cell !== "" && Number(cell) === Number(other[i]))) {
        wrong.push(`${customer} column ${i + 1}: "${cell}" ≠ "${other[i]}"`);
      }
    });
  }
  expect(wrong.slice(0, 5)).toEqual([]);
}

const TABLE_DDL = `CREATE TABLE customers ("Customer ID" VARCHAR, "Revenue" DOUBLE PRECISION, "Strategic match" DOUBLE PRECISION,
  "Satisfaction" DOUBLE PRECISION, "Last purchase" DATE, "Orders" INTEGER)`;
const ORDERS_DDL = `CREATE TABLE orders ("Customer" VARCHAR, "Order date" DATE, "Amount" DOUBLE PRECISION)`;

beforeAll(async () => {
  // Customer IDs ascend with the rows, so ordering by the customer column is the runner's row order.
  writeTable(tableFile, randomTable({ rows: ROWS, seed: 2026, invalidShare: 0.03, warehouse: true }));
  chmodSync(tableFile, 0o644);
  for (const [name, , change] of METHODS) {
    const settings = await settingsFor(tableFile, (s) => {
      change(s);
      s.skipInvalidRows = true;
    });
    const js = await runJs(tableFile, settings, dir);
    if (!js.ok) throw new Error(js.problem?.message);
    const rows = parse(js.output!, { relax_column_count: true }) as string[][];
    runnerResults.set(name, byCustomer(rows.slice(1).map((row) => [row[0], ...row.slice(HEADERS.length)])));
  }
  writeTable(ordersFile, randomOrderLog(ROWS, 9));
  chmodSync(ordersFile, 0o644);
}, 300_000);

describe("DuckDB, embedded", () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(":memory:", { threads: "2" });
    connection = await instance.connect();
    await connection.run(`${TABLE_DDL.replace(/DOUBLE PRECISION/g, "DOUBLE")}`);
    await connection.run(`INSERT INTO customers SELECT * FROM read_csv('${tableFile}', header = true, auto_detect = false,
      columns = {'a': 'VARCHAR', 'b': 'DOUBLE', 'c': 'DOUBLE', 'd': 'DOUBLE', 'e': 'DATE', 'f': 'INTEGER'})`);
    await connection.run(ORDERS_DDL.replace(/DOUBLE PRECISION/g, "DOUBLE"));
    await connection.run(`INSERT INTO orders SELECT * FROM read_csv('${ordersFile}', header = true, auto_detect = false,
      columns = {'a': 'VARCHAR', 'b': 'DATE', 'c': 'DOUBLE'})`);
  }, 120_000);
  afterAll(() => {
    connection.closeSync();
    instance.closeSync();
  });

  it.each(METHODS)(
    "%s: the runner's results for every one of the 100,000 rows",
    async (name, args) => {
      const sql = await emit([tableFile, "--emit-sql", "duckdb", "--table", "customers", ...args]);
      const rows = (await connection.runAndReadAll(sql)).getRowsJS();
      // DuckDB's window SUM adds in a tree, not row after row: ABC's shares may differ in the last
      // bits (classes must not), which is why the runner's DuckDB engine takes its sums from one pass.
      compare(name, byCustomer(rows), false);
    },
    120_000,
  );

  it("order log: the reference implementation's customers and histories", async () => {
    const reference = referenceCustomers(randomOrderLog(ROWS, 9), AS_OF, "week");
    const sql = await emit([
      ordersFile,
      "--emit-sql",
      "duckdb",
      "--table",
      "orders",
      "--orders",
      "--as-of",
      AS_OF,
    ]);
    const rows = (await connection.runAndReadAll(sql)).getRowsJS();
    expectCustomers(rows, reference);
    const histories = await emit([
      ordersFile,
      "--emit-sql",
      "duckdb",
      "--table",
      "orders",
      "--orders",
      "--histories",
      "--as-of",
      AS_OF,
    ]);
    expectHistories((await connection.runAndReadAll(histories)).getRowsJS(), reference);
  }, 120_000);
});

/** Customer rows of the order-log statement against the reference (dates as ISO text). */
function expectCustomers(
  rows: readonly (readonly unknown[])[],
  reference: readonly ReferenceCustomer[],
): void {
  expect(rows.length).toBe(reference.length);
  const iso = (cell: unknown) =>
    cell instanceof Date ? cell.toISOString().slice(0, 10) : String(cell).slice(0, 10);
  const number = (cell: unknown) => (cell === null || cell === "" ? null : Number(cell));
  const wrong: string[] = [];
  rows.forEach((row, i) => {
    const r = reference[i];
    const ok =
      String(row[0]) === r.customer &&
      iso(row[1]) === r.first &&
      iso(row[2]) === r.last &&
      Number(row[3]) === r.purchases &&
      Number(row[4]) === r.repeatPurchases &&
      Number(row[5]) === r.recency &&
      Number(row[6]) === r.age &&
      close(number(row[7]), r.totalValue) &&
      close(number(row[8]), r.averageRepeatValue);
    if (!ok) wrong.push(`${JSON.stringify(row)} ≠ ${JSON.stringify(r)}`);
  });
  expect(wrong.slice(0, 3)).toEqual([]);
}

function expectHistories(
  rows: readonly (readonly unknown[])[],
  reference: readonly ReferenceCustomer[],
): void {
  expect(rows.map((row) => row.map(Number))).toEqual(referenceHistories(reference));
}

describe("PostgreSQL (Debian's server on a loopback port)", () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await PostgresServer.start();
    server.psql(`${TABLE_DDL};\n\\copy customers FROM '${tableFile}' WITH (FORMAT csv, HEADER true)\n`);
    server.psql(`${ORDERS_DDL};\n\\copy orders FROM '${ordersFile}' WITH (FORMAT csv, HEADER true)\n`);
  }, 180_000);
  afterAll(() => server?.stop());

  it.each(METHODS)(
    "%s: the runner's results for every one of the 100,000 rows, ABC's shares to the last bit",
    async (name, args) => {
      const sql = await emit([tableFile, "--emit-sql", "postgres", "--table", "customers", ...args]);
      const rows = parse(server.psql(sql, { csv: true })) as string[][];
      // PostgreSQL's running SUM adds one row after another, as the runner does: the same doubles.
      compare(name, byCustomer(rows.slice(1)), true);
    },
    180_000,
  );

  it("order log: the reference implementation's customers and histories", async () => {
    const reference = referenceCustomers(randomOrderLog(ROWS, 9), AS_OF, "week");
    const sql = await emit([
      ordersFile,
      "--emit-sql",
      "postgres",
      "--table",
      "orders",
      "--orders",
      "--as-of",
      AS_OF,
    ]);
    expectCustomers((parse(server.psql(sql, { csv: true })) as string[][]).slice(1), reference);
    const histories = await emit([
      ordersFile,
      "--emit-sql",
      "postgres",
      "--table",
      "orders",
      "--orders",
      "--histories",
      "--as-of",
      AS_OF,
    ]);
    expectHistories((parse(server.psql(histories, { csv: true })) as string[][]).slice(1), reference);
  }, 180_000);
});

describe("BigQuery, Snowflake, Spark SQL, ClickHouse: sqlglot parses, and its DuckDB translation runs", () => {
  const dialects = ["bigquery", "snowflake", "spark", "clickhouse"];
  /** sqlglot (Debian's 10.6.3) in one Python process: per statement, parsed or the error, and DuckDB SQL. */
  function sqlglot(
    statements: { dialect: string; sql: string }[],
  ): { parsed: boolean; error: string; duckdb: string | null }[] {
    const script = `
import json, sys, sqlglot
out = []
for item in json.load(sys.stdin):
    sql = item["sql"].rstrip().rstrip(";")
    try:
        sqlglot.parse_one(sql, read=item["dialect"])
    except Exception as error:
        out.append({"parsed": False, "error": str(error).splitlines()[0], "duckdb": None})
        continue
    try:
        out.append({"parsed": True, "error": "", "duckdb": sqlglot.transpile(sql, read=item["dialect"], write="duckdb")[0]})
    except Exception as error:
        out.append({"parsed": True, "error": str(error).splitlines()[0], "duckdb": None})
print(json.dumps(out))`;
    const result = spawnSync("/usr/bin/python3", ["-c", script], {
      input: JSON.stringify(statements),
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`sqlglot failed: ${result.stderr}`);
    return JSON.parse(result.stdout);
  }

  let connection: DuckDBConnection;
  let instance: DuckDBInstance;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(":memory:", { threads: "2" });
    connection = await instance.connect();
    await connection.run("CREATE SCHEMA shop");
    await connection.run(
      `${TABLE_DDL.replace("customers", "shop.customers").replace(/DOUBLE PRECISION/g, "DOUBLE")}`,
    );
    await connection.run(`INSERT INTO shop.customers SELECT * FROM read_csv('${tableFile}', header = true, auto_detect = false,
      columns = {'a': 'VARCHAR', 'b': 'DOUBLE', 'c': 'DOUBLE', 'd': 'DOUBLE', 'e': 'DATE', 'f': 'INTEGER'})`);
    await connection.run(ORDERS_DDL.replace("orders", "shop.orders").replace(/DOUBLE PRECISION/g, "DOUBLE"));
    await connection.run(`INSERT INTO shop.orders SELECT * FROM read_csv('${ordersFile}', header = true, auto_detect = false,
      columns = {'a': 'VARCHAR', 'b': 'DATE', 'c': 'DOUBLE'})`);
  }, 120_000);
  afterAll(() => {
    connection.closeSync();
    instance.closeSync();
  });

  for (const dialect of dialects) {
    it(`${dialect}: every statement parses; translated to DuckDB, it gives the runner's results`, async () => {
      const statements: { dialect: string; sql: string; check: (rows: unknown[][]) => void }[] = [];
      for (const [name, args] of METHODS) {
        const sql = await emit([tableFile, "--emit-sql", dialect, "--table", "shop.customers", ...args]);
        statements.push({ dialect, sql, check: (rows) => compare(name, byCustomer(rows), false) });
      }
      const reference = referenceCustomers(randomOrderLog(ROWS, 9), AS_OF, "week");
      const orders = ["--table", "shop.orders", "--orders", "--as-of", AS_OF];
      statements.push({
        dialect,
        sql: await emit([ordersFile, "--emit-sql", dialect, ...orders]),
        check: (rows) => expectCustomers(rows, reference),
      });
      statements.push({
        dialect,
        sql: await emit([ordersFile, "--emit-sql", dialect, ...orders, "--histories"]),
        check: (rows) => expectHistories(rows, reference),
      });
      const results = sqlglot(statements);
      expect(results.map((r) => r.error)).toEqual(statements.map(() => ""));
      for (let i = 0; i < statements.length; i++) {
        // sqlglot 10.6.3 writes the day unit of a date difference unquoted for DuckDB: BigQuery's
        // DATE_DIFF(a, b, DAY) becomes DATE_DIFF(DAY, b, a), and Snowflake's DATEDIFF(day, b, a), which
        // it does not know, is copied as is. DuckDB reads that as a column named day; its own
        // date_diff/datediff take the same arguments with the unit as a string, so only that is fixed.
        const translated = (results[i].duckdb as string).replace(
          /\b(DATE_DIFF|DATEDIFF)\((DAY|day),/g,
          "$1('day',",
        );
        statements[i].check((await connection.runAndReadAll(translated)).getRowsJS() as unknown[][]);
      }
    }, 180_000);
  }
});
