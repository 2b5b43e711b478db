/**
 * `cx-segment [sample] --emit-sql DIALECT --table NAME [method options]`: prints the segmentation
 * (or, with `--orders`, the order-log aggregation) as ONE SQL statement over a warehouse table, for
 * a warehouse team to run where the data lives. Nothing is read but the sample's header row.
 *
 * Column names come from `--map ROLE=COLUMN`, or from the header of a sample file (an export of the
 * table's first rows) by the runner's own header detection; `--map` then names headers of it. The
 * statement returns the customer column and the runner's result columns (named as the runner names
 * them), one row per table row, ordered by `--order-by` (default: the customer column), which also
 * orders ABC's equal values (the runner keeps their row order; a table has none).
 */
import path from "node:path";
import { orderLogStatement, PERIOD_DAYS, type Period } from "../engine/orderLogSql";
import { isSqlMethod, METHOD_ROLES, RESULT_HEADERS, segmentationStatement } from "../engine/segmentationSql";
import { DIALECT_NAMES, dialectNamed, tableName, type Dialect } from "../engine/sqlDialect";
import { FileInputError, openFileWorkbook } from "../workbook/fileWorkbook";
import { detectMapping } from "../workflow/mapping";
import { uniqueName } from "../workflow/names";
import { defaultSettings, previewTable } from "../workflow/run";
import type { Role, SegmentationSettings } from "../workflow/types";
import { isParquet, loadParquetWorkbook } from "./engine";
import type { CliIo } from "./main";
import { USAGE, applyMapping, parseCommandLine } from "./options";
import { runnerWords } from "./runnerWords";

/** The order log's roles: the customer, the order date and the amount. */
type OrderRole = "customer" | "orderDate" | "amount";

const ORDER_ROLE_ALIASES: Record<string, Exclude<OrderRole, "customer">> = {
  "order-date": "orderDate",
  orderdate: "orderDate",
  date: "orderDate",
  amount: "amount",
};

/** Header words for an order log (issue 9), tried in this order. */
const ORDER_ROLE_WORDS: readonly (readonly [OrderRole, readonly string[]])[] = [
  ["orderDate", ["order date", "invoice date", "date"]],
  ["amount", ["amount", "value", "revenue", "sales", "total"]],
  ["customer", ["customer", "client", "name", "id"]],
];

/** What the statement is built from: everything already checked. */
export interface EmitSqlRequest {
  dialect: Dialect;
  table: string;
  settings: SegmentationSettings;
  /** Column names by role, as the warehouse spells them. */
  columns: Partial<Record<Role | OrderRole, string>>;
  /** Result columns are made unique against these (the sample's headers, or the mapped columns). */
  takenNames: readonly string[];
  orderBy: string | null;
  orders: { period: Period; histories: boolean } | null;
}

/** True when the command line asks for SQL (then {@link emitSqlCommand} handles all of it). */
export function wantsEmitSql(argv: readonly string[]): boolean {
  return argv.some((arg) => arg === "--emit-sql" || arg.startsWith("--emit-sql="));
}

/** The statement for a checked request. */
export function buildStatement(request: EmitSqlRequest): string {
  const { dialect, columns } = request;
  const q = (name: string) => dialect.identifier(name);
  const relation = tableName(dialect, request.table);
  const customer = columns.customer as string;
  if (request.orders) {
    return orderLogStatement(
      dialect,
      {
        relation,
        customer: q(customer),
        date: q(columns.orderDate as string),
        amount: q(columns.amount as string),
        customerAlias: customer,
        dates: "date",
      },
      { asOf: request.settings.rfm.asOf, period: request.orders.period, histories: request.orders.histories },
    );
  }
  const taken = new Set([customer, ...request.takenNames].map((name) => name.toLowerCase()));
  const method = request.settings.method;
  if (!isSqlMethod(method)) throw new Error(`internal: no SQL for the ${method} method`);
  const headers = RESULT_HEADERS[method].map((header) => uniqueName(header, taken));
  const roleColumns: Record<string, string> = {};
  for (const role of METHOD_ROLES[method]) roleColumns[role] = q(columns[role] as string);
  return segmentationStatement(
    dialect,
    {
      relation,
      customer: { expression: q(customer), alias: customer },
      order: q(request.orderBy ?? customer),
      columns: roleColumns,
      dates: "date",
    },
    request.settings,
    headers,
  );
}

/** Pulls out the flags only --emit-sql has (and order-log --map entries); the rest is the runner's. */
function splitArguments(
  argv: readonly string[],
):
  | { ok: true; own: Record<string, string | boolean | undefined>; orderMaps: string[]; rest: string[] }
  | { ok: false; message: string } {
  const own: Record<string, string | boolean | undefined> = {};
  const orderMaps: string[] = [];
  const rest: string[] = [];
  const valued = new Set(["--emit-sql", "--order-by", "--period"]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] =
      arg.startsWith("--") && arg.includes("=")
        ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
        : [arg, undefined];
    if (valued.has(flag)) {
      const value = inline ?? argv[++i];
      if (value === undefined) return { ok: false, message: `${flag} needs a value` };
      own[flag.slice(2)] = value;
    } else if (flag === "--orders" || flag === "--histories") {
      own[flag.slice(2)] = true;
    } else if (flag === "--map") {
      const entry = inline ?? argv[++i] ?? "";
      const role = entry.slice(0, entry.indexOf("=")).trim().toLowerCase();
      if (role in ORDER_ROLE_ALIASES) orderMaps.push(entry);
      else rest.push("--map", entry);
    } else {
      rest.push(arg);
    }
  }
  return { ok: true, own, orderMaps, rest };
}

/**
 * The header row of a sample file, read by the runner's own readers: CSV/TSV (main's CSV reader:
 * its encoding, delimiter and `sep=` line), .xlsx, or Parquet (its column names, through DuckDB).
 */
async function sampleHeaders(file: string, options: { sheet?: string; table?: string }): Promise<string[]> {
  if (isParquet(file)) {
    const workbook = await loadParquetWorkbook().open(file, { threads: 1, memoryLimit: "256MB" });
    try {
      return [...workbook.columnNames];
    } finally {
      workbook.close();
    }
  }
  const { workbook } = await openFileWorkbook(file, { sheet: options.sheet, table: options.table });
  const preview = await previewTable(workbook, 0, runnerWords());
  if (!preview.ok) throw new FileInputError(`${path.basename(file)}: ${preview.problem.message}`);
  return preview.preview.headers;
}

function detectOrderColumns(headers: readonly string[]): Partial<Record<OrderRole, number>> {
  const found: Partial<Record<OrderRole, number>> = {};
  const used = new Set<number>();
  const lowered = headers.map((h) => h.trim().toLowerCase());
  for (const [role, words] of ORDER_ROLE_WORDS) {
    for (const word of words) {
      const index = lowered.findIndex(
        (h, i) => !used.has(i) && (word.length > 3 ? h.includes(word) : h.split(/[^a-z0-9]+/).includes(word)),
      );
      if (index >= 0) {
        found[role] = index;
        used.add(index);
        break;
      }
    }
  }
  return found;
}

/** Runs `--emit-sql`: prints the statement; 0, or 2 for a usage mistake, 1 for an unreadable sample. */
export async function emitSqlCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const usage = (message: string) => {
    io.stderr(`cx-segment: ${message} (see --help)\n`);
    return 2;
  };
  const split = splitArguments(argv);
  if (!split.ok) return usage(split.message);
  const { own, orderMaps, rest } = split;
  const parsed = parseCommandLine(rest);
  if (!parsed.ok) return usage(parsed.message);
  const options = parsed.options;
  if (options.help) {
    io.stdout(USAGE.endsWith("\n") ? USAGE : `${USAGE}\n`);
    return 0;
  }
  const dialect = dialectNamed(String(own["emit-sql"]));
  if (!dialect)
    return usage(`--emit-sql must be one of ${DIALECT_NAMES.join(", ")} (got "${own["emit-sql"]}")`);
  if (!options.table) return usage("--emit-sql needs --table NAME, the warehouse table to read");
  const period = String(own.period ?? "week").toLowerCase() as Period;
  if (!(period in PERIOD_DAYS))
    return usage(`--period must be day, week, month, quarter or year (got "${own.period}")`);
  if (own.histories && !own.orders) return usage("--histories goes with --orders");
  const settings = options.apply(defaultSettings(io.today ?? new Date()));
  const orderLog = own.orders === true;

  let headers: string[] | null = null;
  if (options.file) {
    try {
      headers = await sampleHeaders(path.resolve(io.cwd, options.file), options);
    } catch (error) {
      io.stderr(`cx-segment: ${error instanceof Error ? error.message : String(error)}\n`);
      return 1;
    }
  }

  const columns: Partial<Record<Role | OrderRole, string>> = {};
  const byHeader = (name: string): string | null => {
    if (headers === null) return name;
    return headers.find((h) => h.trim().toLowerCase() === name.trim().toLowerCase()) ?? null;
  };
  if (orderLog) {
    const detected = headers ? detectOrderColumns(headers) : {};
    for (const [role, index] of Object.entries(detected) as [OrderRole, number][])
      columns[role] = (headers as string[])[index];
    const entries = [
      ...orderMaps.map((entry) => ({
        entry,
        role: ORDER_ROLE_ALIASES[entry.slice(0, entry.indexOf("=")).trim().toLowerCase()] as OrderRole,
      })),
    ];
    if (options.mapByHeader.customer !== undefined)
      entries.push({ entry: `customer=${options.mapByHeader.customer}`, role: "customer" });
    for (const { entry, role } of entries) {
      const name = byHeader(entry.slice(entry.indexOf("=") + 1));
      if (name === null)
        return usage(
          `--map ${entry}: the sample has no such column (columns: ${(headers as string[]).join(", ")})`,
        );
      columns[role] = name;
    }
    const missing = (["customer", "orderDate", "amount"] as const).filter(
      (role) => columns[role] === undefined,
    );
    if (missing.length > 0) {
      const flags = { customer: "customer=COLUMN", orderDate: "order-date=COLUMN", amount: "amount=COLUMN" };
      return usage(`--orders needs the column of ${missing.map((r) => `--map ${flags[r]}`).join(", ")}`);
    }
  } else if (headers) {
    const mapping = applyMapping(detectMapping(headers), options.mapByHeader, headers);
    if (typeof mapping === "string") return usage(mapping);
    for (const [role, index] of Object.entries(mapping) as [Role, number | null][])
      if (index !== null) columns[role] = headers[index];
  } else {
    Object.assign(columns, options.mapByHeader);
  }
  if (!orderLog) {
    if (!isSqlMethod(settings.method)) {
      return usage(
        `--emit-sql has no statement for --method ${settings.method} (a lifetime-value fit is an optimisation, not SQL); use quadrant, rfm or abc`,
      );
    }
    const needed: Role[] = ["customer", ...METHOD_ROLES[settings.method]];
    const flags: Record<string, string> = { lastPurchase: "last-purchase" };
    const missing = needed.filter((role) => columns[role] === undefined);
    if (missing.length > 0) {
      return usage(
        `--emit-sql --method ${settings.method} needs ${missing.map((r) => `--map ${flags[r] ?? r}=COLUMN`).join(", ")}${headers ? " (not found in the sample's header)" : ""}`,
      );
    }
  }
  const orderBy = own["order-by"] === undefined ? null : (byHeader(String(own["order-by"])) ?? null);
  if (own["order-by"] !== undefined && orderBy === null)
    return usage(`--order-by ${own["order-by"]}: the sample has no such column`);

  const statement = buildStatement({
    dialect,
    table: options.table,
    settings,
    columns,
    takenNames: headers ?? Object.values(columns),
    orderBy,
    orders: orderLog ? { period, histories: own.histories === true } : null,
  });
  io.stdout(`${statement};\n`);
  return 0;
}
