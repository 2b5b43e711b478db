/**
 * The runner's command line: parsing `cx-segment [file] [options]` into the workflow's settings.
 * Pure (no files, no output): a usage mistake comes back as `{ ok: false, message }`.
 */
import { parseArgs } from "node:util";
import type { ColumnMapping, CutRule, Method, Role, SegmentationSettings } from "../workflow/types";
import { EMIT_SQL_USAGE, ENGINE_OPTIONS, ENGINE_USAGE } from "./engineOptions";

export const USAGE = `Usage: cx-segment [file.xlsx|file.csv] [options]

Segments a customer table in an .xlsx or .csv file and writes a copy with the results.
With no file, segments the bundled sample (assets/sample-customers.xlsx) into the current folder.

Table:
  --sheet NAME          sheet to use (default: the first table, else the first sheet's used region)
  --table NAME          Excel table to use
Method:
  --method M            quadrant (default), rfm or abc
  --value-cut C         quadrant value cut: median (default), mean or a number
  --match-cut C         quadrant match cut: median (default), mean or a number
  --labels a,b,c,d      names for Strategic, Profit, Potential, Ordinary
  --as-of yyyy-mm-dd    RFM: count recency up to this date (default today)
  --abc A,B             ABC: cumulative value share limits of A and B (default 0.8,0.95)
Columns (detected from the headers by default):
  --map ROLE=HEADER     ROLE: customer, value, match, satisfaction, last-purchase, orders (repeatable)
Output:
  --output FILE         default: NAME.segmented.xlsx (or .csv) beside the input
  --force               overwrite an existing output file, and non-empty cells beside the table
  --formulas            write live CX formulas instead of values (xlsx only)
  --skip-invalid        leave rows with non-numeric cells unsegmented instead of stopping
  --stream              .xlsx: read and write as streams (automatic above 8 MB); keeps values,
                        formulas, styles and widths, but an Excel table becomes a plain range
  --no-stream           .xlsx: load the whole workbook in memory even when it is large
  --csv-protect         CSV output: prefix text starting with = + - @ with ' so Excel keeps it as text
  --json                print a machine-readable summary on stdout
  --help                show this help
${ENGINE_USAGE}${EMIT_SQL_USAGE}`;

export interface CliOptions {
  file: string | null;
  sheet?: string;
  table?: string;
  output?: string;
  force: boolean;
  json: boolean;
  help: boolean;
  csvProtect: boolean;
  /** --stream / --no-stream; undefined = decided by file size. */
  stream?: boolean;
  /** Role → header name given with --map. */
  mapByHeader: Partial<Record<Role, string>>;
  /** Applies the method options to settings that already carry the detected mapping. */
  apply: (settings: SegmentationSettings) => SegmentationSettings;
  formulas: boolean;
  /** --engine duckdb|js; undefined = decided by the file (src/cli/engine.ts). */
  engine?: string;
}

const ROLE_ALIASES: Record<string, Role> = {
  customer: "customer",
  value: "value",
  match: "match",
  satisfaction: "satisfaction",
  "last-purchase": "lastPurchase",
  lastpurchase: "lastPurchase",
  recency: "lastPurchase",
  orders: "orders",
  frequency: "orders",
};

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
        map: { type: "string", multiple: true },
        output: { type: "string", short: "o" },
        force: { type: "boolean" },
        formulas: { type: "boolean" },
        "skip-invalid": { type: "boolean" },
        "csv-protect": { type: "boolean" },
        stream: { type: "boolean" },
        "no-stream": { type: "boolean" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        ...ENGINE_OPTIONS,
      },
    });
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1)
    return { ok: false, message: `One input file at most (got ${positionals.join(", ")}).` };

  const method = (values.method ?? "quadrant").toLowerCase();
  if (method !== "quadrant" && method !== "rfm" && method !== "abc") {
    return { ok: false, message: `--method must be quadrant, rfm or abc (got "${values.method}").` };
  }
  const valueCut = parseCut(values["value-cut"], "--value-cut");
  const matchCut = parseCut(values["match-cut"], "--match-cut");
  for (const cut of [valueCut, matchCut]) if (typeof cut === "string") return { ok: false, message: cut };

  let labels: [string, string, string, string] | null = null;
  if (values.labels !== undefined) {
    const parts = values.labels.split(",").map((label) => label.trim());
    if (parts.length !== 4)
      return { ok: false, message: `--labels needs four names separated by commas (got ${parts.length}).` };
    labels = parts as [string, string, string, string];
  }
  if (values["as-of"] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values["as-of"])) {
    return { ok: false, message: `--as-of must be a date yyyy-mm-dd (got "${values["as-of"]}").` };
  }
  let abc: { aUpTo: number; bUpTo: number } | null = null;
  if (values.abc !== undefined) {
    const parts = values.abc.split(",").map(Number);
    if (parts.length !== 2 || !parts.every((x) => x > 0 && x <= 1) || parts[0] >= parts[1]) {
      return {
        ok: false,
        message: `--abc needs two shares 0 < A < B ≤ 1, e.g. 0.8,0.95 (got "${values.abc}").`,
      };
    }
    abc = { aUpTo: parts[0], bUpTo: parts[1] };
  }
  const mapByHeader: Partial<Record<Role, string>> = {};
  for (const entry of values.map ?? []) {
    const at = entry.indexOf("=");
    const role = ROLE_ALIASES[entry.slice(0, at).trim().toLowerCase()];
    if (at < 0 || !role) {
      return {
        ok: false,
        message: `--map needs ROLE=HEADER with ROLE one of ${Object.keys(ROLE_ALIASES).join(", ")} (got "${entry}").`,
      };
    }
    mapByHeader[role] = entry.slice(at + 1).trim();
  }

  const apply = (base: SegmentationSettings): SegmentationSettings => ({
    ...base,
    method: method as Method,
    quadrant: {
      valueCut: (valueCut as CutRule | null) ?? base.quadrant.valueCut,
      matchCut: (matchCut as CutRule | null) ?? base.quadrant.matchCut,
      labels: labels ?? base.quadrant.labels,
    },
    rfm: { ...base.rfm, asOf: values["as-of"] ?? base.rfm.asOf },
    abc: abc ?? base.abc,
    output: values.formulas ? "formulas" : "values",
    skipInvalidRows: values["skip-invalid"] ?? false,
  });
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
      stream: values.stream ? true : values["no-stream"] ? false : undefined,
      formulas: values.formulas ?? false,
      engine: values.engine,
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
    const index = headers.findIndex((h) => h.trim().toLowerCase() === header.toLowerCase());
    if (index < 0)
      return `--map ${role}=${header}: no column has that header (headers: ${headers.join(", ")}).`;
    for (const other of Object.keys(mapping) as Role[]) if (mapping[other] === index) mapping[other] = null;
    mapping[role] = index;
  }
  return mapping;
}

function parseCut(text: string | undefined, flag: string): CutRule | null | string {
  if (text === undefined) return null;
  const lowered = text.trim().toLowerCase();
  if (lowered === "median" || lowered === "mean") return { kind: lowered };
  const value = Number(text);
  if (text.trim() !== "" && Number.isFinite(value)) return { kind: "number", value };
  return `${flag} must be median, mean or a number (got "${text}").`;
}
