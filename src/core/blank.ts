/**
 * What counts as a blank cell, decided once. Excel on the web passes an empty cell to a custom
 * function as `null`, Office.js reads it as `""`, a formula can return `""`, and JavaScript arrays
 * from Excel may be sparse (`undefined`). All of these are blank; `0`, `FALSE` and a string of
 * spaces are not (Excel's `ISBLANK` is FALSE for them too).
 *
 * @example isBlank(null) // => true
 * @example isBlank(" ") // => false
 */
export function isBlank(value: unknown): value is null | undefined | "" {
  return value === null || value === undefined || value === "";
}
