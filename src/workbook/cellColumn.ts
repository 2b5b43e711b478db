/**
 * One column of cells stored compactly: the one typed column store of the file workbooks (CSV and
 * .xlsx), so a million-row sheet is a few typed arrays per column instead of millions of objects.
 *
 * Per cell a kind byte and a Float64 (numbers, logicals as 0/1); text only where a cell is text or
 * an error code, in a sparse array. Grown by doubling; reads past the end are blank. About 9 bytes a
 * cell plus the text, so 1,048,576 rows × 14 columns ≈ 130 MB.
 */
import type { CellValue } from "./workbook";

export const BLANK = 0;
export const NUMBER = 1;
export const TEXT = 2;
export const BOOLEAN = 3;
/** An error value (`#N/A`, …): its code is kept as text, and `get` returns that text. */
export const ERROR = 4;

export type CellKind = typeof BLANK | typeof NUMBER | typeof TEXT | typeof BOOLEAN | typeof ERROR;

export class CellColumn {
  kinds = new Uint8Array(1024);
  numbers = new Float64Array(1024);
  texts: (string | undefined)[] | null = null;
  /** 1 + the last row that was set (blank rows included). */
  length = 0;

  setNumber(row: number, value: number): void {
    this.ensure(row);
    this.kinds[row] = NUMBER;
    this.numbers[row] = value;
  }

  setText(row: number, text: string): void {
    this.ensure(row);
    this.kinds[row] = TEXT;
    (this.texts ??= [])[row] = text;
  }

  setBoolean(row: number, value: boolean): void {
    this.ensure(row);
    this.kinds[row] = BOOLEAN;
    this.numbers[row] = value ? 1 : 0;
  }

  setError(row: number, code: string): void {
    this.ensure(row);
    this.kinds[row] = ERROR;
    (this.texts ??= [])[row] = code;
  }

  setBlank(row: number): void {
    this.ensure(row);
    this.kinds[row] = BLANK;
  }

  kind(row: number): CellKind {
    return (row < this.kinds.length ? this.kinds[row] : BLANK) as CellKind;
  }

  /** The cell as `Range.values` shows it (errors as their code, blanks as null). */
  get(row: number): CellValue {
    if (row >= this.kinds.length) return null;
    switch (this.kinds[row]) {
      case NUMBER:
        return this.numbers[row];
      case TEXT:
      case ERROR:
        return this.texts?.[row] ?? "";
      case BOOLEAN:
        return this.numbers[row] !== 0;
      default:
        return null;
    }
  }

  /** Blank, or text that is empty. */
  isEmpty(row: number): boolean {
    const kind = this.kind(row);
    return kind === BLANK || (kind === TEXT && (this.texts?.[row] ?? "") === "");
  }

  private ensure(row: number): void {
    if (row >= this.length) this.length = row + 1;
    if (row < this.kinds.length) return;
    let size = this.kinds.length;
    while (size <= row) size *= 2;
    const kinds = new Uint8Array(size);
    kinds.set(this.kinds);
    const numbers = new Float64Array(size);
    numbers.set(this.numbers);
    this.kinds = kinds;
    this.numbers = numbers;
  }
}
