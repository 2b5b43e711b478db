/**
 * Names the workflow makes up: column letters, cell addresses, headers and sheet names that do not
 * collide with what is already there.
 */

/** Excel column letters for a 0-based column index. @example columnLetters(27) // => "AB" */
export function columnLetters(column: number): string {
  let letters = "";
  let n = column + 1;
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** An A1 address for a 0-based position. @example cellAddress(6, 12) // => "M7" */
export function cellAddress(row: number, column: number, absolute = false): string {
  const dollar = absolute ? "$" : "";
  return `${dollar}${columnLetters(column)}${dollar}${row + 1}`;
}

/** A sheet name as Excel writes it in a reference: quoted when it is not a plain word. */
export function sheetReference(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/**
 * `base`, or `base 2`, `base 3`, … — the first that is not in `taken` (compared case-insensitively,
 * as Excel compares table headers and sheet names). Adds the chosen name to `taken`.
 *
 * @example
 * uniqueName("Segment", new Set(["segment"])) // => "Segment 2"
 */
export function uniqueName(base: string, taken: Set<string>): string {
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${base} ${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}
