/**
 * The runner's words for the workflow's problems (`src/workflow/problemText.ts` says what is
 * wrong; these say how to fix it on the command line): flags instead of pane controls, the headers
 * it saw, the sheets and tables there are, and "in Excel, save the file" where a fix needs Excel.
 */
import { listOf, type SurfaceWords } from "../workflow/problemText";
import type { SettingKey } from "../workflow/problems";
import type { Role } from "../workflow/types";

/** Each role as `--map` names it. */
export const ROLE_FLAGS: Readonly<Record<Role, string>> = Object.freeze({
  customer: "customer",
  value: "value",
  match: "match",
  satisfaction: "satisfaction",
  lastPurchase: "last-purchase",
  orders: "orders",
  orderDate: "order-date",
  quantity: "quantity",
  firstPurchase: "first-purchase",
  averageValue: "average-value",
});

const SETTING_FLAGS: Record<SettingKey, string> = {
  method: "--method",
  mapping: "--map",
  valueCut: "--value-cut",
  matchCut: "--match-cut",
  labels: "--labels",
  asOf: "--as-of",
  // The runner has no flags for typed RFM cut points: only saved pane settings could hold them.
  "rfmCuts.recency": "the saved recency cut points",
  "rfmCuts.frequency": "the saved frequency cut points",
  "rfmCuts.monetary": "the saved monetary cut points",
  abc: "--abc",
  period: "--period",
  horizon: "--horizon",
  margin: "--margin",
  discount: "--discount",
  penalty: "--penalty",
  source: "--orders",
  "source.asOf": "--as-of",
  "source.period": "--period",
  "retention.period": "--retention-period",
  "retention.margin": "--margin",
  "retention.discount": "--discount",
};

/** What the runner knows about the file when it words a problem. */
export interface RunnerContext {
  kind?: "xlsx" | "csv" | "parquet";
  /** The sheet given with --sheet, and the sheets of the file. */
  sheet?: string;
  sheets?: readonly string[];
  /** The Excel tables of the file, where known. */
  tables?: readonly string[];
}

const quoted = (names: readonly string[]) => names.map((name) => `"${name}"`);

/** The runner's vocabulary, for a file of the given kind. */
export function runnerWords(context: RunnerContext = {}): SurfaceWords {
  const headersSeen = (headers: readonly string[]) =>
    headers.length === 0 ? "" : ` (headers: ${listOf(quoted(headers))})`;
  return {
    mapColumns: (roles, headers) =>
      roles.length === 0
        ? `name them with --map ROLE=HEADER${headersSeen(headers)}`
        : `name ${roles.length === 1 ? "it" : "them"} with ${roles.map((r) => `--map ${ROLE_FLAGS[r]}=HEADER`).join(" ")}${headersSeen(headers)}`,
    mapAnother: (roles) =>
      `map ${roles.length === 1 ? "another column" : "other columns"} with ${roles.map((r) => `--map ${ROLE_FLAGS[r]}=HEADER`).join(" ")}`,
    skipRows: "pass --skip-invalid to leave those rows unsegmented",
    skipOrders: "pass --skip-invalid to leave those orders out",
    allowReturns: "pass --allow-returns",
    noTable: noTable(context),
    titleRowFix:
      context.kind === "csv" || context.kind === "parquet"
        ? "Delete the title row from the file"
        : "Delete the title row in the file, or make the range an Excel table (Insert › Table) and pass --table NAME",
    headerRowFix: "Add a header row with the column names to the file",
    allowOverwrite: "pass --force to overwrite them",
    inExcel: (action) => `${action} in Excel, save the file and run again`,
    setting: (key) => SETTING_FLAGS[key],
    product: "cx-segment",
  };
}

function noTable(context: RunnerContext): string {
  if (context.kind === "csv") return "no table found (the file has no rows)";
  if (context.kind === "parquet") return "no table found (the file has no columns)";
  const sheets = context.sheets ?? [];
  const where = context.sheet
    ? `sheet "${context.sheet}"`
    : sheets[0]
      ? `the first sheet "${sheets[0]}"`
      : "the workbook";
  const others = sheets.length > 1 ? ` (sheets: ${listOf(quoted(sheets))})` : "";
  const tables =
    (context.tables ?? []).length > 0 ? ` (tables: ${listOf(quoted(context.tables ?? []))})` : "";
  return `no table found in ${where} (it is empty); name another sheet with --sheet NAME${others} or an Excel table with --table NAME${tables}`;
}
