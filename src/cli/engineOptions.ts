/**
 * The runner's flags for engines and warehouse SQL, kept apart from `options.ts` (which spreads
 * {@link ENGINE_OPTIONS} into its option table and appends the usage text) so the two stay small
 * and neither imports the other's dependencies. Read by `engine.ts` and `emitSql.ts`.
 */

/** Entries for `util.parseArgs`. (`--emit-sql` and its flags are parsed by `emitSql.ts` itself.) */
export const ENGINE_OPTIONS = { engine: { type: "string" } } as const;

export const ENGINE_USAGE = `Engine:
  --engine E            js (.xlsx and CSV of any size, keeping every byte of a CSV) or duckdb
                        (Parquet); default: duckdb for a Parquet file, js for everything else
`;

export const EMIT_SQL_USAGE = `Warehouse SQL (prints one statement; reads at most the sample file's header row):
  cx-segment [sample] --emit-sql DIALECT --table NAME [--map ROLE=COLUMN …] [method options]
  --emit-sql DIALECT    duckdb, postgres, bigquery, snowflake, spark or clickhouse
  --table NAME          the warehouse table (project.dataset.table parts are quoted one by one)
  --order-by COLUMN     orders the output and ABC's equal values (default: the customer column)
  --orders              the order-log aggregation instead: one row per customer (columns from
                        --map customer=… order-date=… amount=…), as of --as-of, in --period
  --histories           with --orders: one row per distinct (repeat purchases, recency, age)
  --period P            day, week (default), month, quarter or year
`;
