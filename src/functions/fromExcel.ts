/**
 * Excel's values → the core's {@link CellValue}s. Only this module knows how Excel hands over an
 * error cell or a data type, so the core stays free of Office:
 *
 * - a `CustomFunctions.Error` (or any object with an Excel error `code`, as `allowErrorForDataTypeAny`
 *   delivers it) → a {@link CoreError} of that kind;
 * - an error cell value `{ type: "Error", basicValue: "#DIV/0!" }` (how `allowCustomDataForDataTypeAny`,
 *   which the metadata generator always sets, delivers it) → the same;
 * - other data types (`{ type: "Double", basicValue: 5 }`, formatted numbers, entities) → their
 *   `basicValue`, so a formatted number reads as the number and an entity as its text;
 * - numbers, text, logicals, `null`, `undefined` → unchanged;
 * - anything else a caller can pass (an object without a plain `basicValue`, a symbol, a bigint, a
 *   function) → `#VALUE!` saying it is a value the functions cannot read.
 *
 * Ranges are made total here: whatever shape arrives (a hole in an array, a `null` row, a row that is
 * a lone value, rows of different lengths), the core receives a rectangular grid of dense rows. Excel
 * itself always passes rectangles of plain values, so its grids pass through without a copy.
 */
import { CellValue, Grid } from "../core/args";
import { CoreError, ErrorKind } from "../core/errors";

const knownKinds = new Map<string, ErrorKind>(Object.values(ErrorKind).map((kind) => [kind, kind]));

/** The core's kind for an Excel error code ("#DIV/0!"); errors the core has no kind for (#SPILL!, #CALC!…) read as #VALUE!. */
function kindOf(code: string): ErrorKind {
  return knownKinds.get(code) ?? ErrorKind.Value;
}

/** What a value that is neither a plain value nor an Excel error nor a data type with a basic value reads as. */
const unreadable = new CoreError(
  ErrorKind.Value,
  "a value the CX functions cannot read, such as a data type",
);

/**
 * One argument value from Excel as a core cell. Total: never throws, whatever it is given.
 *
 * @example
 * fromExcelCell({ type: "Error", basicValue: "#N/A" }) // => CoreError("#N/A", "")
 * fromExcelCell({ type: "FormattedNumber", basicValue: 0.25, numberFormat: "0%" }) // => 0.25
 */
export function fromExcelCell(value: unknown): CellValue {
  switch (typeof value) {
    case "number":
    case "string":
    case "boolean":
    case "undefined":
      return value;
    case "object":
      return value === null ? null : fromExcelObject(value);
    default:
      return unreadable;
  }
}

function fromExcelObject(value: object): CellValue {
  const object = value as { code?: unknown; message?: unknown; type?: unknown; basicValue?: unknown };
  // A property read can throw on a hostile object (a getter, a revoked proxy): that is unreadable too.
  try {
    if (typeof object.code === "string" && object.code.startsWith("#")) {
      const message = typeof object.message === "string" ? object.message : "";
      const known = knownKinds.has(object.code);
      return new CoreError(
        kindOf(object.code),
        known ? message : [object.code, message].filter(Boolean).join(": "),
      );
    }
    if (object.type === "Error") {
      const code = typeof object.basicValue === "string" ? object.basicValue : "#VALUE!";
      return new CoreError(kindOf(code), knownKinds.has(code) ? "" : code);
    }
    const basic = object.basicValue;
    if (
      basic === null ||
      typeof basic === "number" ||
      typeof basic === "string" ||
      typeof basic === "boolean"
    ) {
      return basic;
    }
  } catch {
    return unreadable;
  }
  return unreadable;
}

/** True for the cells the core reads as they are; everything else goes through {@link fromExcelCell}. */
function isPlain(cell: unknown): boolean {
  const type = typeof cell;
  return type === "number" || type === "string" || type === "boolean" || cell === null;
}

/**
 * A matrix argument as a core grid: rectangular (rows padded with `null` to the widest row), every
 * row a dense array of core cells. `null`/`undefined` (omitted) stays `null`; a lone value is a
 * one-cell grid; a hole or `null` in place of a row is a row of blanks; a row that is a lone value
 * is a one-cell row.
 *
 * Rows of plain values are passed on as they are (no copy): a column of a million numbers costs one
 * `typeof` per cell. `undefined` cells count as not plain, because a hole in an array reads as
 * `undefined` and array methods skip holes; such rows are copied densely with `undefined` kept
 * (it is blank to the core). O(cells).
 *
 * @example
 * fromExcelGrid([[1], null, [3]]) // => [[1], [null], [3]]
 * fromExcelGrid(7)                // => [[7]]
 */
export function fromExcelGrid(grid: unknown): Grid | null {
  if (grid === null || grid === undefined) return null;
  if (!Array.isArray(grid)) return [[fromExcelCell(grid)]];
  const rows = grid as unknown[];
  // Excel's case, in one pass: every row an array of plain cells, all as wide as the first.
  const first = rows[0];
  const firstWidth = Array.isArray(first) ? first.length : -1;
  let plain = true;
  for (let r = 0; r < rows.length && plain; r++) plain = isPlainRow(rows[r], firstWidth);
  if (plain) return rows as Grid;
  const width = widestRow(rows);
  let converted: CellValue[][] | null = null;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!isPlainRow(row, width)) {
      converted ??= (rows as CellValue[][]).slice();
      converted[r] = denseRow(row, width);
    }
  }
  return (converted ?? rows) as Grid;
}

/** The number of cells in the widest row (a row that is not an array counts as one cell). */
function widestRow(rows: readonly unknown[]): number {
  let width = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const length = Array.isArray(row) ? row.length : row === null || row === undefined ? 0 : 1;
    if (length > width) width = length;
  }
  return width;
}

/** True when `row` is an array of `width` plain cells that the core can read without conversion. */
function isPlainRow(row: unknown, width: number): boolean {
  if (!Array.isArray(row) || row.length !== width) return false;
  for (let c = 0; c < width; c++) if (!isPlain(row[c])) return false;
  return true;
}

/** A dense row of `width` core cells from whatever stood in the row's place. */
function denseRow(row: unknown, width: number): CellValue[] {
  const cells: CellValue[] = new Array<CellValue>(width).fill(null);
  if (Array.isArray(row)) {
    for (let c = 0; c < row.length; c++) cells[c] = fromExcelCell(row[c]);
  } else if (row !== null && row !== undefined) {
    cells[0] = fromExcelCell(row);
  }
  return cells;
}

/** What {@link fromExcelScalar} reports for a range of several cells given where one value belongs. */
export interface SeveralCells {
  readonly severalCells: number;
}

/**
 * A scalar argument from Excel: `null` when omitted. Excel passes a scalar parameter as a plain
 * value (given a range, Excel calls the function once per cell); a caller may pass a one-cell range
 * `[[x]]`, read as `x`, or an empty one, read as omitted. A larger range is reported, for the caller
 * to name the argument.
 *
 * @example
 * fromExcelScalar([["ratio"]]) // => "ratio"
 * fromExcelScalar([[1, 2]])    // => { severalCells: 2 }
 */
export function fromExcelScalar(value: unknown): CellValue | SeveralCells {
  if (!Array.isArray(value)) return fromExcelCell(value ?? null);
  const grid = fromExcelGrid(value) as Grid;
  let cells = 0;
  for (const row of grid) cells += row.length;
  if (cells === 0) return null;
  if (cells === 1) return grid[0][0];
  return { severalCells: cells };
}
