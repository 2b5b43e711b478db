/**
 * Checks that stop a run before anything is written: the table's shape, its headers, the settings
 * and the cells of mapped numeric columns. Each failure is a {@link Problem} that names what is wrong
 * and where, in Excel's terms (column letters, 1-based row numbers).
 */
import type { CellValue, TableInfo } from "../workbook/workbook";
import { cellAddress, columnLetters } from "../core/a1";
import { isoToSerial } from "../core/excelDate";
import type { ColumnMapping, Method, Problem, Role, SegmentationSettings } from "./types";

/** How many row numbers a problem lists before it just counts. */
export const LISTED_ROWS = 10;

/** The Excel row number (1-based) of data row `index` (0-based) of the table. */
export function excelRowOf(table: TableInfo, index: number): number {
  return table.headerRow + 2 + index;
}

/**
 * The header texts of a table, or the problem with them: a header that is a number or TRUE/FALSE
 * means the selection has no header row; blank and duplicate (case-insensitive, as Excel) headers
 * cannot be mapped unambiguously.
 */
export function checkHeaders(
  table: TableInfo,
): { ok: true; headers: string[] } | { ok: false; problem: Problem } {
  const headerRowNumber = table.headerRow + 1;
  const nonText = table.headers
    .map((h, i) => ({ h, i }))
    .filter(({ h }) => typeof h === "number" || typeof h === "boolean");
  if (nonText.length > 0) {
    const where = nonText.map(
      ({ h, i }) => `${cellAddress(table.headerRow, table.firstColumn + i)} (${String(h)})`,
    );
    return fail({
      code: "no-header",
      message:
        `The first row of the selection (row ${headerRowNumber}) must hold column names, but ` +
        `${where.slice(0, 5).join(", ")} ${nonText.length === 1 ? "is a number or logical" : "are numbers or logicals"}. ` +
        `Select a table with a header row, or type the headers as text.`,
      rows: [headerRowNumber],
    });
  }
  const headers = table.headers.map((h) => (typeof h === "string" ? h.trim() : ""));
  const blank = headers.map((h, i) => (h === "" ? i : -1)).filter((i) => i >= 0);
  if (blank.length > 0) {
    const columns = blank.map((i) => columnLetters(table.firstColumn + i));
    return fail({
      code: "blank-headers",
      message: `Column${columns.length === 1 ? "" : "s"} ${columns.join(", ")} ha${columns.length === 1 ? "s" : "ve"} no header in row ${headerRowNumber}. Give every column a name.`,
      rows: [headerRowNumber],
    });
  }
  const seen = new Map<string, number>();
  const duplicates: string[] = [];
  headers.forEach((h, i) => {
    const key = h.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else
      duplicates.push(
        `"${h}" (columns ${columnLetters(table.firstColumn + first)} and ${columnLetters(table.firstColumn + i)})`,
      );
  });
  if (duplicates.length > 0) {
    return fail({
      code: "duplicate-headers",
      message: `Headers must be unique, but ${duplicates.join(", ")} appear twice in row ${headerRowNumber}. Rename one of each pair.`,
      rows: [headerRowNumber],
    });
  }
  return { ok: true, headers };
}

/** The roles each method needs; customer and satisfaction are optional everywhere. */
export const REQUIRED_ROLES: Record<Method, readonly Role[]> = {
  quadrant: ["value", "match"],
  rfm: ["lastPurchase", "orders", "value"],
  abc: ["value"],
};

const ROLE_NAMES: Record<Role, string> = {
  customer: "customer",
  value: "value",
  match: "strategic match",
  satisfaction: "satisfaction",
  lastPurchase: "last purchase date",
  orders: "orders",
};

/** Human name of a role, for messages. */
export function roleName(role: Role): string {
  return ROLE_NAMES[role];
}

/** Checks the settings against the table: mapped columns exist, numbers make sense. */
export function checkSettings(settings: SegmentationSettings, headers: readonly string[]): Problem | null {
  const mapping: ColumnMapping = settings.mapping;
  for (const role of Object.keys(ROLE_NAMES) as Role[]) {
    const column = mapping[role];
    if (column !== null && (!Number.isInteger(column) || column < 0 || column >= headers.length)) {
      return invalid(
        `The ${roleName(role)} column (${column}) is not a column of the table (it has ${headers.length}).`,
      );
    }
  }
  const missing = REQUIRED_ROLES[settings.method].filter((role) => mapping[role] === null);
  if (missing.length > 0) {
    return {
      code: "unmapped-column",
      message: `The ${settings.method === "rfm" ? "RFM" : settings.method === "abc" ? "ABC" : "quadrant"} method needs the ${missing.map(roleName).join(", ")} column${missing.length === 1 ? "" : "s"}: choose ${missing.length === 1 ? "it" : "them"} in the column mapping.`,
    };
  }
  if (settings.method === "quadrant") {
    const { labels, valueCut, matchCut } = settings.quadrant;
    if (labels.length !== 4 || labels.some((l) => typeof l !== "string" || l.trim() === "")) {
      return invalid("The quadrant method needs four non-empty segment labels.");
    }
    if (new Set(labels.map((l) => l.trim().toLowerCase())).size !== 4) {
      return invalid(
        "The four segment labels must differ, or the summary could not tell the segments apart.",
      );
    }
    for (const [name, rule] of [
      ["value", valueCut],
      ["match", matchCut],
    ] as const) {
      if (rule.kind === "number" && !Number.isFinite(rule.value))
        return invalid(`The typed ${name} cut must be a number.`);
    }
  }
  if (settings.method === "rfm") {
    if (asOfSerial(settings.rfm.asOf) === null) {
      return invalid(`The as-of date "${settings.rfm.asOf}" is not a date in the form yyyy-mm-dd.`);
    }
    for (const [name, cuts] of Object.entries(settings.rfm.cuts)) {
      if (cuts === null) continue;
      const ascending = cuts.every((c, i) => Number.isFinite(c) && (i === 0 || c >= cuts[i - 1]));
      if (cuts.length !== 4 || !ascending) {
        return invalid(
          `The ${name} cut points must be four ascending numbers (they split scores 1|2|3|4|5).`,
        );
      }
    }
  }
  if (settings.method === "abc") {
    const { aUpTo, bUpTo } = settings.abc;
    if (!(aUpTo > 0 && aUpTo <= bUpTo && bUpTo <= 1)) {
      return invalid(
        `ABC thresholds must satisfy 0 < A (${aUpTo}) ≤ B (${bUpTo}) ≤ 1 (fractions: 0.8 = 80 %).`,
      );
    }
  }
  return null;
}

/**
 * Excel serial day number (1900 date system) of an ISO date yyyy-mm-dd (no time), or null when it
 * is not one (see `src/core/excelDate.ts`).
 *
 * @example
 * asOfSerial("2024-01-31") // => 45322
 */
export function asOfSerial(iso: string): number | null {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? isoToSerial(iso) : null;
}

/** A numeric column read from the sheet: the numbers, and which rows were not numbers. */
export interface NumericColumn {
  values: Float64Array;
  /** 1 where the cell is blank, text, a logical or not finite. */
  invalid: Uint8Array;
  invalidCount: number;
}

/**
 * Reads a column of cells as numbers. Only finite numbers count: a blank cell, text (even "12"),
 * TRUE/FALSE are invalid, as a `#VALUE!` would be in CX.SEGMENT. One pass, typed arrays.
 */
export function toNumbers(cells: readonly CellValue[]): NumericColumn {
  const n = cells.length;
  const values = new Float64Array(n);
  const invalid = new Uint8Array(n);
  let invalidCount = 0;
  for (let i = 0; i < n; i++) {
    const cell = cells[i];
    if (typeof cell === "number" && Number.isFinite(cell)) values[i] = cell;
    else {
      values[i] = NaN;
      invalid[i] = 1;
      invalidCount++;
    }
  }
  return { values, invalid, invalidCount };
}

/** A mapped numeric column with cells that are not numbers. */
export interface InvalidColumn {
  column: number;
  header: string;
  role: Role;
  data: NumericColumn;
}

/**
 * The problem for non-numeric cells in the mapped columns: per column how many and the first rows,
 * so the user fixes every column in one go; `rows` lists the first affected Excel rows over all of them.
 */
export function nonNumericProblem(table: TableInfo, columns: readonly InvalidColumn[]): Problem {
  const parts = columns.map(({ column, header, role, data }) => {
    const rows: number[] = [];
    for (let i = 0; i < data.invalid.length && rows.length < LISTED_ROWS; i++) {
      if (data.invalid[i]) rows.push(excelRowOf(table, i));
    }
    const letter = columnLetters(table.firstColumn + column);
    const one = data.invalidCount === 1;
    const what =
      role === "lastPurchase"
        ? one
          ? "a date (an Excel date serial number)"
          : "dates (Excel date serial numbers)"
        : one
          ? "a number"
          : "numbers";
    const more = data.invalidCount > rows.length ? ` (first ${rows.length} of ${data.invalidCount})` : "";
    const text =
      `${data.invalidCount} cell${one ? "" : "s"} in column ${letter} "${header}" (${roleName(role)}) ` +
      `${one ? "is" : "are"} not ${what}: row${rows.length === 1 ? "" : "s"} ${rows.join(", ")}${more}.`;
    return { text, rows, count: data.invalidCount };
  });
  const rows = [...new Set(parts.flatMap((part) => part.rows))].sort((a, b) => a - b).slice(0, LISTED_ROWS);
  return {
    code: "non-numeric",
    message:
      `${parts.map((part) => part.text).join(" ")} ` +
      `Fix them, map another column, or choose "skip invalid rows" to leave those rows unsegmented.`,
    rows,
    count: parts.reduce((sum, part) => sum + part.count, 0),
  };
}

function invalid(message: string): Problem {
  return { code: "invalid-setting", message };
}

function fail(problem: Problem): { ok: false; problem: Problem } {
  return { ok: false, problem };
}
