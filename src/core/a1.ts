/**
 * A1-style addresses: the one place that turns 0-based positions (row 0 = Excel row 1, column 0 =
 * column A) into Excel's addresses and back, and quotes sheet names the way Excel does. Every
 * reader, writer, formula builder and message uses these.
 *
 * Excel names columns in bijective base 26: A…Z, AA…AZ, …, XFD (column 16,384).
 */

/** Excel's last column (XFD) and row, 0-based. */
export const MAX_COLUMN = 16_383;
export const MAX_ROW = 1_048_575;

/**
 * Column letters for a 0-based column index. O(log₂₆ column).
 *
 * @example columnLetters(0) // => "A"
 * @example columnLetters(27) // => "AB"  (27 = 1·26 + 1 → "A" then "B")
 */
export function columnLetters(column: number): string {
  let letters = "";
  for (let rest = column + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

/**
 * The 0-based index of column letters (case-insensitive), or null when they are not letters of a
 * column Excel has (A…XFD).
 *
 * @example columnIndex("AB") // => 27
 */
export function columnIndex(letters: string): number | null {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return null;
  let column = 0;
  for (const letter of letters.toUpperCase()) column = column * 26 + letter.charCodeAt(0) - 64;
  return column - 1 <= MAX_COLUMN ? column - 1 : null;
}

/**
 * A cell's address on its own sheet; `absolute` adds the `$`s.
 *
 * @example cellAddress(6, 12) // => "M7"
 * @example cellAddress(1, 1, true) // => "$B$2"
 */
export function cellAddress(row: number, column: number, absolute = false): string {
  const dollar = absolute ? "$" : "";
  return `${dollar}${columnLetters(column)}${dollar}${row + 1}`;
}

/**
 * The 0-based position of an A1 address (`B3`, `$B$3`, lower case too), or null when it is not the
 * address of a cell Excel has.
 *
 * @example parseCellAddress("B3") // => { row: 2, column: 1 }
 */
export function parseCellAddress(address: string): { row: number; column: number } | null {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(address.trim());
  if (!match) return null;
  const column = columnIndex(match[1]);
  const row = Number(match[2]) - 1;
  if (column === null || row < 0 || row > MAX_ROW) return null;
  return { row, column };
}

/**
 * The 0-based rectangle of an A1 range (`A1:C5`, or one cell `B2`), or null.
 *
 * @example parseRangeAddress("B2:D10") // => { row: 1, column: 1, rowCount: 9, columnCount: 3 }
 */
export function parseRangeAddress(
  range: string,
): { row: number; column: number; rowCount: number; columnCount: number } | null {
  const [from, to = from, extra] = range.trim().split(":");
  if (extra !== undefined) return null;
  const a = parseCellAddress(from);
  const b = parseCellAddress(to);
  if (a === null || b === null) return null;
  const row = Math.min(a.row, b.row);
  const column = Math.min(a.column, b.column);
  return {
    row,
    column,
    rowCount: Math.max(a.row, b.row) - row + 1,
    columnCount: Math.max(a.column, b.column) - column + 1,
  };
}

/**
 * Whether a name would read as a reference if written bare: a cell in A1 style (`AB12`, any letters
 * and digits of that shape, as Excel quotes them even past XFD) or R1C1 style (`R`, `C`, `R1C1`,
 * `RC2`), or a logical.
 */
function readsAsReference(name: string): boolean {
  return (
    /^[A-Za-z]{1,3}\d+$/.test(name) ||
    /^[Rr]\d*([Cc]\d*)?$/.test(name) ||
    /^[Cc]\d*$/.test(name) ||
    /^(true|false)$/i.test(name)
  );
}

/**
 * A sheet name as Excel writes it in a reference: bare when it is a plain identifier (letters,
 * digits, `_`, `.`; not starting with a digit) that cannot be read as a reference, otherwise in
 * single quotes with any quote doubled — as Excel shows `'Q1 sales'!A1`, `'Bob''s'!A1`, `'AB12'!A1`.
 * Quoting is always accepted by Excel, so anything unusual is quoted.
 *
 * @example sheetReference("Customers") // => "Customers"
 * @example sheetReference("AB12") // => "'AB12'"
 */
export function sheetReference(sheet: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet);
  return plain && !readsAsReference(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/**
 * A cell's address qualified by its sheet, as shown to the user in messages and written in formulas.
 *
 * @example qualifiedCellAddress("Sheet1", 6, 12) // => "Sheet1!M7"
 */
export function qualifiedCellAddress(sheet: string, row: number, column: number, absolute = false): string {
  return `${sheetReference(sheet)}!${cellAddress(row, column, absolute)}`;
}

/**
 * A rectangle as a qualified range, e.g. for a chart series or a message.
 *
 * @example qualifiedRange("CX Summary", 5, 0, 4, 1, true) // => "'CX Summary'!$A$6:$A$9"
 */
export function qualifiedRange(
  sheet: string,
  row: number,
  column: number,
  rowCount: number,
  columnCount: number,
  absolute = false,
): string {
  const from = cellAddress(row, column, absolute);
  const to = cellAddress(row + rowCount - 1, column + columnCount - 1, absolute);
  return `${sheetReference(sheet)}!${from}${rowCount === 1 && columnCount === 1 ? "" : `:${to}`}`;
}
