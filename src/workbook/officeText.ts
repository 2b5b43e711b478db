/**
 * Keeping text as text when it is written through `Range.values`.
 *
 * `Range.values` reads a string the way Excel reads typed input: "If the returned value starts with a
 * plus ("+"), minus ("-"), or equal sign ("="), Excel interprets this value as a formula"
 * (Excel.Range.values, learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member);
 * `@` starts a formula too in current Excel, and "00123", "1/2", "TRUE" or "#N/A" become a number,
 * a date, a logical or an error value.
 *
 * The documented way to keep typed input as text is Excel's prefix character, a leading apostrophe:
 * the cell then holds the text without the apostrophe and Excel reports the apostrophe separately
 * (Range.PrefixCharacter: "Returns an apostrophe (') if the specified range contains a value that was
 * preceded with an apostrophe when it was entered into the worksheet",
 * learn.microsoft.com/previous-versions/office/developer/office-2003/aa206578(v=office.11)).
 * We chose it over setting the cells' number format to Text (`"@"`): the prefix belongs to the one
 * cell, while `"@"` would stay on the cells and turn numbers a user types there later into text, and
 * it would cost a second array per chunk. The apostrophe shows only in the formula bar.
 */
import type { CellValue } from "./workbook";

/** Starts with a letter and contains no digit: Excel reads such input as text (except TRUE/FALSE). */
const PLAIN_WORDS = /^\p{L}[^0-9]*$/u;
const LOGICAL_WORDS = /^(true|false)$/i;

/**
 * Whether a string needs the apostrophe prefix to be stored as exactly this text.
 *
 * Conservative on purpose: anything not plainly words — a leading `=`, `+`, `-`, `@`, `'`, `#`,
 * space or digit, any digit at all (dates such as "Jan 5"), or TRUE/FALSE — gets the prefix. A prefix
 * on text that did not need it changes nothing a reader sees in the cell.
 *
 * @example needsTextPrefix("Strategic") // => false
 * @example needsTextPrefix("=1+1") // => true
 * @example needsTextPrefix("00123") // => true
 */
export function needsTextPrefix(text: string): boolean {
  if (text === "") return false;
  return !PLAIN_WORDS.test(text) || LOGICAL_WORDS.test(text);
}

/**
 * A cell as it must be assigned to `Range.values` so that Excel stores exactly `value`:
 * strings get the apostrophe prefix where needed, `null` becomes "" (an empty cell; `null` in
 * `Range.values` would mean "leave this cell unchanged"), numbers and logicals pass unchanged.
 * A non-finite number cannot be written to a cell and is refused.
 *
 * @example cellForValues("-5% margin") // => "'-5% margin"
 * @example cellForValues(null) // => ""
 */
export function cellForValues(value: CellValue): string | number | boolean {
  if (value === null) return "";
  if (typeof value === "string") return needsTextPrefix(value) ? `'${value}` : value;
  if (typeof value === "number" && !Number.isFinite(value)) {
    throw new RangeError(`Cannot write ${value} to a cell: Excel cells hold finite numbers only.`);
  }
  return value;
}
