/**
 * The runner's command line: parsing `cx-segment [file] [options]` into the workflow's settings.
 * Pure (no files, no output): a usage mistake comes back as `{ ok: false, message }`.
 */
import { parseArgs } from "node:util";
import { METHOD_IDS, METHODS, methodOf } from "../workflow/methods/registry";
import { describeProblem } from "../workflow/problemText";
import { defaultSettings } from "../workflow/settings";
import { PERIOD_NAMES, type PeriodName } from "../core/purchasePeriod";
import type { ColumnMapping, CutRule, Method, Role, SegmentationSettings } from "../workflow/types";
import { EMIT_SQL_USAGE, ENGINE_OPTIONS, ENGINE_USAGE } from "./engineOptions";
import { ROLE_FLAGS, runnerWords } from "./runnerWords";

const ROLE_NAMES_FOR_USAGE = Object.values(ROLE_FLAGS).join(", ");

/** The `--method` lines of the usage: one per registry entry. */
const METHOD_LINES = METHOD_IDS.map(
  (id) => `                        ${id.padEnd(10)}${METHODS[id].title}`,
).join("\n");

export const USAGE = `Usage: cx-segment [file.xlsx|file.csv] [options]

Segments a customer table in an .xlsx or .csv file and writes a copy with the results.
With no file, segments the bundled sample (assets/sample-customers.xlsx) into the current folder.

Table:
  --sheet NAME          sheet to use (default: the first table, else the first sheet's used region)
  --table NAME          Excel table to use (names match case-insensitively, as in Excel)
Method:
  --method M            one of (default quadrant):
${METHOD_LINES}
  --value-cut C         quadrant value cut: median (default), mean or a number (e.g. 2500 or 0.75)
  --match-cut C         quadrant match cut: median (default), mean or a number
  --labels a,b,c,d      four different names for Strategic, Profit, Potential, Ordinary
  --as-of yyyy-mm-dd    RFM, clv and order logs: count up to this date (default today)
  --abc A,B             ABC: cumulative value shares of A and B, 0 < A ≤ B ≤ 1 (default 0.8,0.95)
  --horizon K           clv: whole periods ahead (default one year: 52 weeks, 12 months, 365 days)
  --penalty L           clv: L2 penalty of both fits, e.g. 0.001 (default 0)
  --period P            clv and order logs: unit of recency and age, day, week (default), month,
                        quarter or year
  --margin M            clv: share of spend that is profit; order logs' retention block: margin as
                        a share of value; e.g. 0.3 or 30% (default 100%)
  --discount D          clv and the retention block: discount rate a year, e.g. 0.1 or 10%
                        (default 10%)
Order log (one row per order: customer, order date, amount, optional quantity):
  --orders              read the table as an order log; without it, a table whose customer column
                        repeats (and that has order date and amount headers) is read as one too
  --no-orders           read the table as a customer table (one row per customer) even so
  --allow-returns       count negative amounts as returns instead of stopping at them
  --retention-period P  retention block: the window of observed retention (default year)
Columns (detected from the headers by default):
  --map ROLE=HEADER     ROLE: ${ROLE_NAMES_FOR_USAGE} (repeatable)
Output:
  --output FILE         default: NAME.segmented.xlsx (.xlsm for a macro workbook, .csv) beside the input
  --force               overwrite an existing output file, and non-empty cells beside the table
  --formulas            write live CX formulas instead of values (xlsx only)
  --skip-invalid        leave rows with cells that are not numbers (for ABC also negative values,
                        for clv impossible purchase histories) unsegmented instead of stopping; in
                        an order log, leave bad order rows out
  --stream, --no-stream accepted and ignored: .xlsx files are always streamed and patched in
                        place (every part the run does not change is kept as it was)
  --csv-protect         CSV output: prefix text starting with = + - @ with ' so Excel keeps it as text
  --encoding NAME       CSV input's encoding (default: byte-order mark, UTF-8, else Windows-1252);
                        the output is written in the same encoding
  --json                print a machine-readable summary on stdout
  --help                show this help
${ENGINE_USAGE}${EMIT_SQL_USAGE}
Exit codes: 0 done, 1 the file or its data stopped the run, 2 a mistake in the command line.
`;

export interface CliOptions {
  file: string | null;
  sheet?: string;
  table?: string;
  output?: string;
  force: boolean;
  json: boolean;
  help: boolean;
  csvProtect: boolean;
  /** --encoding NAME: the CSV file's encoding as the user named it (checked by the CSV reader). */
  encoding?: string;
  /** --stream / --no-stream; undefined = decided by file size. */
  stream?: boolean;
  /** Role → header name given with --map. */
  mapByHeader: Partial<Record<Role, string>>;
  /** Applies the method options to settings that already carry the detected mapping. */
  apply: (settings: SegmentationSettings) => SegmentationSettings;
  formulas: boolean;
  /** --engine duckdb|js; undefined = decided by the file (src/cli/engine.ts). */
  engine?: string;
  /** --orders (true) / --no-orders (false); undefined = an order log when the table looks like one. */
  orders?: boolean;
}

/** `--map` role names: each role's flag name, plus a few words people type for them. */
const ROLE_ALIASES: Record<string, Role> = {
  ...Object.fromEntries((Object.entries(ROLE_FLAGS) as [Role, string][]).map(([role, flag]) => [flag, role])),
  lastpurchase: "lastPurchase",
  "last-purchase-date": "lastPurchase",
  recency: "lastPurchase",
  "first-purchase-date": "firstPurchase",
  firstpurchase: "firstPurchase",
  aov: "averageValue",
  "average-order-value": "averageValue",
  frequency: "orders",
  revenue: "value",
  monetary: "value",
};

/** A plain decimal number as people type it: `2500`, `-3.5`, `.75`, `1e6`; not `0x10`, `1,5` or `Infinity`. */
const PLAIN_DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** The number in `text` when it is a plain decimal number with a finite value, else null. */
export function plainDecimal(text: string): number | null {
  const trimmed = text.trim();
  if (!PLAIN_DECIMAL.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

export function parseCommandLine(
  argv: readonly string[],
): { ok: true; options: CliOptions } | { ok: false; message: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        sheet: { type: "string" },
        table: { type: "string" },
        method: { type: "string" },
        "value-cut": { type: "string" },
        "match-cut": { type: "string" },
        labels: { type: "string" },
        "as-of": { type: "string" },
        abc: { type: "string" },
        period: { type: "string" },
        horizon: { type: "string" },
        margin: { type: "string" },
        discount: { type: "string" },
        penalty: { type: "string" },
        map: { type: "string", multiple: true },
        output: { type: "string", short: "o" },
        force: { type: "boolean" },
        formulas: { type: "boolean" },
        "skip-invalid": { type: "boolean" },
        "csv-protect": { type: "boolean" },
        encoding: { type: "string" },
        stream: { type: "boolean" },
        "no-stream": { type: "boolean" },
        orders: { type: "boolean" },
        "no-orders": { type: "boolean" },
        "allow-returns": { type: "boolean" },
        "retention-period": { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        ...ENGINE_OPTIONS,
      },
    });
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) return usage(`One input file at most (got ${positionals.join(", ")}).`);

  const method = (values.method ?? "quadrant").trim().toLowerCase();
  if (!(METHOD_IDS as readonly string[]).includes(method)) {
    return usage(`--method must be one of ${METHOD_IDS.join(", ")} (got "${values.method}").`);
  }
  const valueCut = parseCut(values["value-cut"], "--value-cut");
  const matchCut = parseCut(values["match-cut"], "--match-cut");
  for (const cut of [valueCut, matchCut]) if (typeof cut === "string") return usage(cut);

  let labels: string[] | null = null;
  if (values.labels !== undefined) labels = values.labels.split(",").map((label) => label.trim());
  let abc: { aUpTo: number; bUpTo: number } | null = null;
  if (values.abc !== undefined) {
    const parts = values.abc.split(",").map(plainDecimal);
    if (parts.length !== 2 || parts.some((x) => x === null)) {
      return usage(
        `--abc needs two plain decimal numbers separated by a comma, the shares of A and B, e.g. 0.8,0.95 (got "${values.abc}").`,
      );
    }
    abc = { aUpTo: parts[0] as number, bUpTo: parts[1] as number };
  }
  const lifetime: Partial<Record<"horizon" | "penalty", number>> = {};
  for (const flag of ["horizon", "penalty"] as const) {
    const text = values[flag];
    if (text === undefined) continue;
    const number = plainDecimal(text);
    if (number === null) {
      const example = { horizon: "52", penalty: "0.001" }[flag];
      return usage(`--${flag} needs a plain decimal number such as ${example} (got "${text}").`);
    }
    lifetime[flag] = number;
  }
  if (values.orders && values["no-orders"])
    return usage("--orders and --no-orders contradict each other: pass one.");
  const period = parsePeriod(values.period, "--period");
  const retentionPeriod = parsePeriod(values["retention-period"], "--retention-period");
  const margin = parseShare(values.margin, "--margin", "a margin of 30 %");
  const discount = parseShare(values.discount, "--discount", "10 % a year");
  for (const parsedOption of [period, retentionPeriod, margin, discount])
    if (isMistake(parsedOption)) return usage(parsedOption.mistake);
  const mapByHeader: Partial<Record<Role, string>> = {};
  for (const entry of values.map ?? []) {
    const at = entry.indexOf("=");
    const role = at < 0 ? undefined : ROLE_ALIASES[entry.slice(0, at).trim().toLowerCase()];
    const header = at < 0 ? "" : entry.slice(at + 1).trim();
    if (!role || header === "") {
      return usage(
        `--map needs ROLE=HEADER with ROLE one of ${ROLE_NAMES_FOR_USAGE} and the column's header after the = (got "${entry}").`,
      );
    }
    if (mapByHeader[role] !== undefined) {
      return usage(
        `--map names the ${ROLE_FLAGS[role]} column twice ("${mapByHeader[role]}" and "${header}").`,
      );
    }
    mapByHeader[role] = header;
  }
  const asOf = values["as-of"]?.trim();
  const apply = (base: SegmentationSettings): SegmentationSettings => ({
    ...base,
    // The order-log options apply when the table is read as an order log (the runner decides).
    source:
      base.source.kind === "orders"
        ? {
            kind: "orders",
            asOf: asOf ?? base.source.asOf,
            period: (period as PeriodName | null) ?? base.source.period,
            allowReturns: values["allow-returns"] ?? base.source.allowReturns,
          }
        : base.source,
    retention: {
      period: (retentionPeriod as PeriodName | null) ?? base.retention.period,
      marginShare: (margin as number | null) ?? base.retention.marginShare,
      annualDiscount: (discount as number | null) ?? base.retention.annualDiscount,
    },
    method: method as Method,
    quadrant: {
      valueCut: (valueCut as CutRule | null) ?? base.quadrant.valueCut,
      matchCut: (matchCut as CutRule | null) ?? base.quadrant.matchCut,
      labels: (labels as SegmentationSettings["quadrant"]["labels"] | null) ?? base.quadrant.labels,
    },
    rfm: { ...base.rfm, asOf: asOf ?? base.rfm.asOf },
    abc: abc ?? base.abc,
    clv: {
      ...base.clv,
      ...lifetime,
      asOf: asOf ?? base.clv.asOf,
      period: (period as PeriodName | null) ?? base.clv.period,
      margin: (margin as number | null) ?? base.clv.margin,
      discount: (discount as number | null) ?? base.clv.discount,
    },
    output: values.formulas ? "formulas" : "values",
    skipInvalidRows: values["skip-invalid"] ?? false,
  });
  // Every method's settings rule, as its registry entry states it, in the runner's words: a typed
  // setting that no method would accept is a mistake in the command line, whichever method runs.
  const checked = apply(defaultSettings("2000-01-01"));
  for (const id of METHOD_IDS) {
    const problem = methodOf(id).check(checked[id], []);
    if (problem !== null) return usage(describeProblem(problem, runnerWords()).message);
  }
  return {
    ok: true,
    options: {
      file: positionals[0] ?? null,
      sheet: values.sheet,
      table: values.table,
      output: values.output,
      force: values.force ?? false,
      json: values.json ?? false,
      help: values.help ?? false,
      csvProtect: values["csv-protect"] ?? false,
      encoding: values.encoding,
      stream: values.stream ? true : values["no-stream"] ? false : undefined,
      formulas: values.formulas ?? false,
      engine: values.engine,
      orders: values.orders ? true : values["no-orders"] ? false : undefined,
      mapByHeader,
      apply,
    },
  };
}

/**
 * Applies `--map` entries (matched to headers case-insensitively) over the detected mapping.
 * Returns a message naming the header when one is not found.
 */
export function applyMapping(
  detected: ColumnMapping,
  byHeader: Partial<Record<Role, string>>,
  headers: readonly string[],
): ColumnMapping | string {
  const mapping = { ...detected };
  for (const [role, header] of Object.entries(byHeader) as [Role, string][]) {
    const index = headers.findIndex((h) => h.trim().toLowerCase() === header.trim().toLowerCase());
    if (index < 0)
      return `--map ${ROLE_FLAGS[role]}=${header}: no column has that header (headers: ${headers.map((h) => `"${h}"`).join(", ")}).`;
    for (const other of Object.keys(mapping) as Role[]) if (mapping[other] === index) mapping[other] = null;
    mapping[role] = index;
  }
  return mapping;
}

function parseCut(text: string | undefined, flag: string): CutRule | null | string {
  if (text === undefined) return null;
  const lowered = text.trim().toLowerCase();
  if (lowered === "median" || lowered === "mean") return { kind: lowered };
  const value = plainDecimal(text);
  if (value !== null) return { kind: "number", value };
  const comma = /^[+-]?\d+,\d+$/.test(text.trim()) ? " (write decimals with a point: 2.5)" : "";
  return `${flag} must be median, mean or a plain decimal number such as 2500 or 0.75 (got "${text}")${comma}.`;
}

/** A flag's value the runner cannot use, with the message saying so. */
interface Mistake {
  mistake: string;
}

function isMistake(x: unknown): x is Mistake {
  return typeof x === "object" && x !== null && "mistake" in x;
}

function parsePeriod(text: string | undefined, flag: string): PeriodName | null | Mistake {
  if (text === undefined) return null;
  const lowered = text.trim().toLowerCase();
  if ((PERIOD_NAMES as readonly string[]).includes(lowered)) return lowered as PeriodName;
  return { mistake: `${flag} must be one of ${PERIOD_NAMES.join(", ")} (got "${text}").` };
}

/** A share of 0 or more typed as a decimal (0.3) or a percentage (30%). */
function parseShare(text: string | undefined, flag: string, example: string): number | null | Mistake {
  if (text === undefined) return null;
  const trimmed = text.trim();
  const percent = trimmed.endsWith("%");
  const value = plainDecimal(percent ? trimmed.slice(0, -1) : trimmed);
  if (value === null || value < 0)
    return {
      mistake: `${flag} must be a share of 0 or more, as a decimal or a percentage, e.g. ${flag === "--margin" ? "0.3 or 30%" : "0.1 or 10%"} for ${example} (got "${text}").`,
    };
  return percent ? value / 100 : value;
}

function usage(message: string): { ok: false; message: string } {
  return { ok: false, message };
}
