/**
 * The few places where the SQL of the six engines we target differs: how an identifier and a string
 * are quoted, what the double type is called, and how days between two dates are counted. Every
 * statement the add-in writes (`segmentationSql.ts`, `orderLogSql.ts`) is built from these, so one
 * text serves DuckDB, PostgreSQL, BigQuery, Snowflake, Spark SQL and ClickHouse.
 *
 * Everything else in those statements is deliberately the common core of SQL:2003 that all six run:
 * CTEs, CASE, CAST, FLOOR, COALESCE, NULLIF, ROW_NUMBER() / COUNT(*) / SUM() / LAG() OVER (…). In
 * particular quantiles are built from ROW_NUMBER() and COUNT(*) OVER (), never PERCENTILE_CONT or
 * quantileExactInclusive, whose spellings and tie rules differ per engine.
 *
 * Quoting: an identifier is quoted exactly as given, so its case is kept. Snowflake folds unquoted
 * names to upper case: a table created as `create table t (revenue …)` has the column REVENUE, and
 * must be named that way (`--map value=REVENUE`).
 */

export type DialectName = "duckdb" | "postgres" | "bigquery" | "snowflake" | "spark" | "clickhouse";

export const DIALECT_NAMES: readonly DialectName[] = [
  "duckdb",
  "postgres",
  "bigquery",
  "snowflake",
  "spark",
  "clickhouse",
];

export interface Dialect {
  name: DialectName;
  /** A quoted identifier (column, table, alias); a dotted table name is quoted part by part elsewhere. */
  identifier(name: string): string;
  /** A string literal. */
  string(text: string): string;
  /** The 64-bit IEEE double type. */
  double: string;
  /** A 64-bit integer type. */
  bigint: string;
  /** The calendar day of a DATE or TIMESTAMP expression (its time of day dropped). */
  toDate(expression: string): string;
  /** Whole days from `earlier` to `later`, both DATE expressions (later − earlier). */
  daysBetween(later: string, earlier: string): string;
}

/** `"a""b"`: the SQL standard's identifier quoting (DuckDB, PostgreSQL, Snowflake, ClickHouse). */
function doubleQuoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `` `a``b` ``… BigQuery and Spark escape a backtick with a backslash, not by doubling. */
function backQuoted(name: string): string {
  return `\`${name.replace(/\\/g, "\\\\").replace(/`/g, "\\`")}\``;
}

/** `'it''s'`: the standard's string literal. */
function standardString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** `'it\'s'`: BigQuery, Snowflake and Spark read a backslash as an escape inside strings. */
function backslashString(text: string): string {
  return `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n").replace(/\r/g, "\\r")}'`;
}

/**
 * `'it''s'` with backslashes doubled: ClickHouse reads both `''` and `\'`, and a backslash as an
 * escape (the doubled quote is the form Debian's sqlglot 10.6 also parses).
 */
function clickhouseString(text: string): string {
  return `'${text.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

const castToDate = (expression: string) => `CAST(${expression} AS DATE)`;

export const DIALECTS: Readonly<Record<DialectName, Dialect>> = Object.freeze({
  duckdb: {
    name: "duckdb",
    identifier: doubleQuoted,
    string: standardString,
    double: "DOUBLE",
    bigint: "BIGINT",
    toDate: castToDate,
    daysBetween: (later, earlier) => `DATE_DIFF('day', ${earlier}, ${later})`,
  },
  postgres: {
    name: "postgres",
    identifier: doubleQuoted,
    string: standardString,
    double: "DOUBLE PRECISION",
    bigint: "BIGINT",
    toDate: castToDate,
    // date − date is an integer number of days in PostgreSQL.
    daysBetween: (later, earlier) => `(${later} - ${earlier})`,
  },
  bigquery: {
    name: "bigquery",
    identifier: backQuoted,
    string: backslashString,
    double: "FLOAT64",
    bigint: "INT64",
    toDate: castToDate,
    daysBetween: (later, earlier) => `DATE_DIFF(${later}, ${earlier}, DAY)`,
  },
  snowflake: {
    name: "snowflake",
    identifier: doubleQuoted,
    string: backslashString,
    double: "DOUBLE",
    bigint: "BIGINT",
    toDate: castToDate,
    daysBetween: (later, earlier) => `DATEDIFF(day, ${earlier}, ${later})`,
  },
  spark: {
    name: "spark",
    identifier: backQuoted,
    string: backslashString,
    double: "DOUBLE",
    bigint: "BIGINT",
    toDate: castToDate,
    daysBetween: (later, earlier) => `DATEDIFF(${later}, ${earlier})`,
  },
  clickhouse: {
    name: "clickhouse",
    identifier: doubleQuoted,
    string: clickhouseString,
    double: "Float64",
    bigint: "Int64",
    toDate: castToDate,
    daysBetween: (later, earlier) => `dateDiff('day', ${earlier}, ${later})`,
  },
});

/** The dialect of a name given by the user (case-insensitive), or null. */
export function dialectNamed(name: string): Dialect | null {
  const key = name.trim().toLowerCase() as DialectName;
  return DIALECT_NAMES.includes(key) ? DIALECTS[key] : null;
}

/**
 * A double literal that every engine reads back as exactly `x`: the shortest decimal that
 * round-trips (JavaScript's `String(x)`), cast from a string. (A bare `0.1` is an exact DECIMAL in
 * DuckDB and PostgreSQL, and arithmetic with it would not be the double arithmetic of the runner.)
 *
 * @example doubleLiteral(DIALECTS.postgres, 0.2) // => "CAST('0.2' AS DOUBLE PRECISION)"
 */
export function doubleLiteral(dialect: Dialect, x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`internal: ${x} is not a finite number`);
  return `CAST('${String(x)}' AS ${dialect.double})`;
}

/** A table name, `project.dataset.table` quoted part by part. */
export function tableName(dialect: Dialect, name: string): string {
  return name
    .split(".")
    .map((part) => dialect.identifier(part))
    .join(".");
}
