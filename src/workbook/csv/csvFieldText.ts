/**
 * The text of a field the runner writes (a new column's header and cells, the summary's cells):
 * blank → empty; TRUE/FALSE; a finite number as JavaScript prints it (shortest text that reads
 * back as the same double; `NaN` and infinities, which CSV cannot hold, → empty); text as it is,
 * quoted only where CSV needs it — it holds the delimiter, `"`, CR or LF — or where it starts or
 * ends with a space or tab, which a reader that trims (Excel's number typing, this runner) would
 * otherwise lose. A `"` inside is doubled.
 */
import type { CellValue } from "../workbook";
import { NUMBER_PATTERN } from "./csvCell";

/**
 * A text or value as a CSV field for `delimiter`.
 *
 * @example fieldText('say "hi", twice', ",") // => '"say ""hi"", twice"'
 * @example fieldText(0.25, ";") // => "0.25"
 */
export function fieldText(value: CellValue, delimiter: string, protect = false): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = protect ? protectText(value) : value;
  const needsQuotes = text.includes(delimiter) || /["\r\n]/.test(text) || /^[ \t]|[ \t]$/.test(text);
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * True for text Excel would take as a formula when opening a CSV: it starts with `=`, `+`, `-` or
 * `@` and is not a plain number (`-3` stays a number).
 */
export function isFormulaLike(text: string): boolean {
  return /^[=+\-@]/.test(text) && !NUMBER_PATTERN.test(text.trim());
}

/**
 * `=1+2` → `'=1+2` (OWASP's advice against CSV injection: Excel then shows the text instead of
 * running it); numbers such as `-3` and other text are left alone.
 *
 * @example protectText("=HYPERLINK(\"x\")") // => "'=HYPERLINK(\"x\")"
 * @example protectText("-3") // => "-3"
 */
export function protectText(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}
