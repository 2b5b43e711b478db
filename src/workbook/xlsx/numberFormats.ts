/**
 * Excel number formats as a package stores them (ECMA-376 Part 1, §18.8.30 `numFmt`): ids 0–163
 * are built in (their codes are not in the file), custom ones sit in `xl/styles.xml`. Two questions
 * only: which built-in id a code has (so a new cell uses it instead of a custom entry), and whether
 * a format shows a date (a number in a 1904-system workbook is a date serial only then).
 *
 * @example builtInFormatId("0.00%") // => 10
 * @example isDateFormat(14, undefined) // => true  (m/d/yyyy)
 * @example isDateFormat(164, '0.0" days"') // => false
 */

/** The built-in formats that do not depend on the locale (ECMA-376 Part 1, §18.8.30). */
const BUILT_IN: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "# ?/?": 12,
  "# ??/??": 13,
  "mm-dd-yy": 14,
  "d-mmm-yy": 15,
  "d-mmm": 16,
  "mmm-yy": 17,
  "h:mm AM/PM": 18,
  "h:mm:ss AM/PM": 19,
  "h:mm": 20,
  "h:mm:ss": 21,
  "m/d/yy h:mm": 22,
  "#,##0 ;(#,##0)": 37,
  "#,##0 ;[Red](#,##0)": 38,
  "#,##0.00;(#,##0.00)": 39,
  "#,##0.00;[Red](#,##0.00)": 40,
  "mm:ss": 45,
  "[h]:mm:ss": 46,
  "mmss.0": 47,
  "##0.0E+0": 48,
  "@": 49,
};

/** The built-in id of a format code, or null when the code needs a custom `numFmt` entry. */
export function builtInFormatId(code: string): number | null {
  return Object.prototype.hasOwnProperty.call(BUILT_IN, code) ? BUILT_IN[code] : null;
}

/** Built-in ids that show dates or times: 14–22, 45–47, and the East Asian 27–36 and 50–58. */
function isBuiltInDate(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

/**
 * Whether the format shows a date or time: a built-in date id, or a custom code with d, m, y, h or
 * s outside quoted text, escaped characters and bracketed parts (colours, conditions, locales;
 * `[h]`-style elapsed times count). O(length of the code).
 */
export function isDateFormat(id: number, code: string | undefined): boolean {
  if (code === undefined) return isBuiltInDate(id);
  let inQuote = false;
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (inQuote) {
      if (ch === '"') inQuote = false;
      continue;
    }
    if (ch === '"') inQuote = true;
    else if (ch === "\\" || ch === "_" || ch === "*") i++;
    else if (ch === "[") {
      const end = code.indexOf("]", i);
      const inside = code.slice(i + 1, end < 0 ? code.length : end).toLowerCase();
      if (
        inside === "h" ||
        inside === "hh" ||
        inside === "m" ||
        inside === "mm" ||
        inside === "s" ||
        inside === "ss"
      )
        return true;
      i = end < 0 ? code.length : end;
    } else if ("dDmMyYhHsS".includes(ch)) return true;
    else if (ch === ";") break; // the positive section decides
  }
  return false;
}
