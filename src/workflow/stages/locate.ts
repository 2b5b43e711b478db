/**
 * Stage `locate`: the table under the selection (or the one a file names) and its header texts, or
 * the problem with them — nothing selected; a header row of numbers (no header row); a title above
 * the header row; blank, merged-looking or duplicate headers (compared as Excel compares them,
 * case-insensitively).
 */
import { cellAddress, columnLetters } from "../../core/a1";
import { isBlank } from "../../core/blank";
import type { CellValue, TableInfo, Workbook } from "../../workbook/workbook";
import { type Checked, type ProblemDetails, pass, stop } from "../problems";
import type { RunContext } from "./runContext";

export interface Located {
  table: TableInfo;
  /** The header texts, trimmed. */
  headers: string[];
}

export async function locate(wb: Workbook, run: RunContext): Promise<Checked<Located>> {
  run.stage = "locate";
  const table = await wb.locateTable();
  if (table === null || table.columnCount === 0) return stop({ code: "empty-selection" });
  const title = await titleRow(wb, table);
  if (title !== null) return stop(title);
  const checked = checkHeaders(table);
  return "code" in checked ? stop(checked) : pass({ table, headers: checked.headers });
}

/**
 * A title row above the real header row: the first row of a plain range holds one filled cell
 * ("Customers 2025", often merged across the table) and the row below looks like headers (every
 * cell text, none repeated). Reads that one row only when the first row has a single filled cell,
 * which would fail the header check anyway.
 */
async function titleRow(wb: Workbook, table: TableInfo): Promise<ProblemDetails | null> {
  if (table.tableName !== null || table.columnCount < 2 || table.rowCount < 1) return null;
  const filled = table.headers.map((h, i) => (isBlank(h) ? -1 : i)).filter((i) => i >= 0);
  if (filled.length !== 1 || typeof table.headers[filled[0]] !== "string") return null;
  const columns = await wb.readColumns(
    { ...table, rowCount: 1 },
    table.headers.map((_, i) => i),
  );
  const next = columns.map((column) => column[0] ?? null);
  if (!looksLikeHeaders(next)) return null;
  return {
    code: "title-row",
    titleRow: table.headerRow + 1,
    titleAddress: cellAddress(table.headerRow, table.firstColumn + filled[0]),
    title: String(table.headers[filled[0]]).trim(),
    headers: next.map((cell) => String(cell).trim()),
  };
}

function looksLikeHeaders(cells: readonly CellValue[]): boolean {
  const texts = cells.map((cell) => (typeof cell === "string" ? cell.trim() : ""));
  if (texts.some((text) => text === "")) return false;
  return new Set(texts.map((text) => text.toLowerCase())).size === texts.length;
}

/**
 * The header texts of a table, or the problem with them: a header that is a number or TRUE/FALSE
 * means the selection has no header row; blank and duplicate (case-insensitive, as Excel) headers
 * cannot be mapped unambiguously. A blank header right of a filled one is what a merged header cell
 * looks like (only its first cell holds the text), so the problem says that too.
 */
export function checkHeaders(table: TableInfo): { headers: string[] } | ProblemDetails {
  const headerRow = table.headerRow + 1;
  const letter = (i: number) => columnLetters(table.firstColumn + i);
  const nonText = table.headers
    .map((h, i) => ({ h, i }))
    .filter(({ h }) => typeof h === "number" || typeof h === "boolean");
  if (nonText.length > 0) {
    return {
      code: "no-header",
      headerRow,
      cells: nonText.map(({ h, i }) => ({
        address: cellAddress(table.headerRow, table.firstColumn + i),
        text: String(h),
      })),
    };
  }
  const headers = table.headers.map((h) => (typeof h === "string" ? h.trim() : ""));
  const blank = headers.map((h, i) => (h === "" ? i : -1)).filter((i) => i >= 0);
  if (blank.length > 0) {
    const mergedWith: { blank: string; range: string; header: string }[] = [];
    for (const i of blank) {
      let from = i;
      while (from > 0 && headers[from - 1] === "") from--;
      if (from === 0 || headers[from - 1] === "") continue;
      const start = cellAddress(table.headerRow, table.firstColumn + from - 1);
      const range = `${start}:${cellAddress(table.headerRow, table.firstColumn + i)}`;
      // One entry per run of blanks: the widest range that ends at its last blank.
      if (i + 1 < headers.length && headers[i + 1] === "") continue;
      mergedWith.push({ blank: letter(i), range, header: headers[from - 1] });
    }
    return { code: "blank-headers", headerRow, columns: blank.map(letter), mergedWith };
  }
  const seen = new Map<string, number>();
  const duplicates: { header: string; first: string; second: string }[] = [];
  headers.forEach((h, i) => {
    const key = h.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else duplicates.push({ header: h, first: letter(first), second: letter(i) });
  });
  if (duplicates.length > 0) return { code: "duplicate-headers", headerRow, duplicates };
  return { headers };
}
