/**
 * A1-style addresses for 0-based positions (row 0 = Excel row 1, column 0 = column A).
 *
 * Excel names columns in bijective base 26: A…Z, AA…AZ, …, XFD (column 16,384).
 * Big-O: O(log₂₆ column).
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
 * A cell's address on its own sheet.
 * @example cellAddress(6, 12) // => "M7"
 */
export function cellAddress(row: number, column: number): string {
  return `${columnLetters(column)}${row + 1}`;
}

/**
 * A sheet name as Excel writes it in a reference: bare when it is a plain identifier
 * (letters, digits, `_`, `.`; not starting with a digit), otherwise in single quotes with
 * any quote doubled — the way Excel itself shows `'Q1 sales'!A1` or `'Bob''s'!A1`.
 */
export function sheetReference(sheet: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet);
  // A name that reads as a cell reference ("AB12", "R1C1") is quoted too, or `AB12!A1` would be ambiguous.
  const looksLikeCell = /^[A-Za-z]{1,3}\d+$/.test(sheet) || /^[Rr]\d*[Cc]\d*$/.test(sheet);
  return plain && !looksLikeCell ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/**
 * A cell's address qualified by its sheet, as shown to the user in messages.
 * @example qualifiedCellAddress("Sheet1", 6, 12) // => "Sheet1!M7"
 */
export function qualifiedCellAddress(sheet: string, row: number, column: number): string {
  return `${sheetReference(sheet)}!${cellAddress(row, column)}`;
}
