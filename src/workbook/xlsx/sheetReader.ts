/**
 * Reads one worksheet part (`xl/worksheets/sheetN.xml`, ECMA-376 Part 1 §18.3) as a stream with
 * `saxes`: the cells into compact columns ({@link CellColumn}: values as `Range.values` shows them),
 * the facts the workflow must know (hidden rows, sheet protection, merged cells, formulas that have
 * no cached result), and where each row sits in the part's text, so the writer can later splice new
 * cells into the original text without parsing it again ({@link SheetLayout}).
 *
 * Cell values, by the cell's `t`: `s` an index into the shared strings, `inlineStr` the `<is>` text
 * (rich text joined, phonetic runs left out), `str` a formula's text result, `b` a logical, `e` an
 * error code, `d` an ISO 8601 date (→ serial), `n` or none a number. A formula cell gives its cached
 * `<v>`; one without a cached value is blank and listed in `formulasWithoutValue`. Dates are serials
 * of the 1900 system whatever the workbook uses: a number in a 1904-system workbook whose style
 * shows a date gets 1,462 days added (see `src/core/excelDate.ts`).
 *
 * Positions are indices into the part's text (as JavaScript strings, after a byte-order mark).
 * Cost: one pass, O(part size) time; memory ≈ 9 bytes a cell plus text, plus ≈ 50 bytes a row.
 *
 * @example
 * const sheet = await readSheet(zip, "xl/worksheets/sheet1.xml", { sharedStrings, dateStyles: null });
 * sheet.columns[1]?.get(1); // => 500  (cell B2)
 */
import { SaxesParser, type SaxesTagPlain } from "saxes";
import { parseRangeAddress } from "../../core/a1";
import { isoToSerial, DAYS_1904_AFTER_1900 } from "../../core/excelDate";
import { CellColumn } from "../cellColumn";
import type { IoOptions } from "../workbook";
import { partText } from "./partText";
import { decodeXstring } from "./xmlText";
import type { ZipPackage } from "./zipPackage";

/** Where things are in the sheet part's text: what the writer needs to splice in new cells. */
export interface SheetLayout {
  /** Number of `<row>` elements. The arrays below have at least this length. */
  rows: number;
  /** 0-based row index of each `<row>` element, ascending as the format requires. */
  rowIndex: Int32Array;
  /** Offset of the row's `<`. */
  rowStart: Float64Array;
  /** Offset where new cells go: the start of `</row>`, or of `/>` of a self-closing row. */
  rowContentEnd: Float64Array;
  /** Offset just after the row element. */
  rowEnd: Float64Array;
  rowSelfClosing: Uint8Array;
  /** The largest 0-based column with a `<c>` in the row, -1 when none. */
  rowLastColumn: Int32Array;
  /** Range of the `spans` attribute's value ("1:14"), -1 when the row has none. */
  spansStart: Float64Array;
  spansEnd: Float64Array;
  /** Range of `<dimension ref="…">`'s value, or null. */
  dimension: { start: number; end: number } | null;
  /**
   * Where rows after the last one go: the start of `</sheetData>`; for `<sheetData/>` the offset of
   * its `/>` (`sheetDataSelfClosing`).
   */
  sheetDataEnd: number;
  sheetDataSelfClosing: boolean;
  /** The namespace prefix the part uses for SpreadsheetML elements ("" or e.g. "x:"). */
  prefix: string;
}

export interface SheetData {
  /** Cells by 0-based column; undefined where a column has no cell. */
  columns: (CellColumn | undefined)[];
  /** 1 + the last 0-based row holding a cell element. */
  rowCount: number;
  hiddenRows: Set<number>;
  /** `<sheetProtection sheet="1">`: Excel refuses edits of locked cells. */
  protected: boolean;
  merges: { row: number; column: number; rowCount: number; columnCount: number }[];
  /** Cells with a formula and no cached result, as [row, column] pairs in reading order. */
  formulasWithoutValue: [number, number][];
  layout: SheetLayout;
}

export interface SheetReadOptions {
  sharedStrings: readonly string[];
  /** By style (`s`) index: 1 where the style shows a date; null in a 1900-system workbook. */
  dateStyles: Uint8Array | null;
  io?: IoOptions;
}

/** Grows a typed array by doubling so it holds index `i`. */
function grown<T extends Float64Array | Int32Array | Uint8Array>(array: T, i: number): T {
  if (i < array.length) return array;
  const bigger = new (array.constructor as new (n: number) => T)(Math.max(i + 1, array.length * 2));
  bigger.set(array);
  return bigger;
}

/**
 * The 0-based column of a cell reference like "AB12" (letters first); -1 when it has none.
 * Hand-written for the hot loop (one call per cell; `parseCellAddress` in `core/a1.ts` is the
 * general, validating form and is used everywhere else).
 */
export function referenceColumn(reference: string): number {
  let column = 0;
  let i = 0;
  for (; i < reference.length; i++) {
    const code = reference.charCodeAt(i) | 0x20; // lower-case
    if (code < 97 || code > 122) break;
    column = column * 26 + (code - 96);
  }
  return i === 0 ? -1 : column - 1;
}

export async function readSheet(
  zip: ZipPackage,
  part: string,
  options: SheetReadOptions,
): Promise<SheetData> {
  const { sharedStrings, dateStyles, io } = options;
  const parser = new SaxesParser();
  const columns: (CellColumn | undefined)[] = [];
  const hiddenRows = new Set<number>();
  const merges: SheetData["merges"] = [];
  const formulasWithoutValue: [number, number][] = [];
  let isProtected = false;

  let capacity = 1024;
  const layout: SheetLayout = {
    rows: 0,
    rowIndex: new Int32Array(capacity),
    rowStart: new Float64Array(capacity),
    rowContentEnd: new Float64Array(capacity),
    rowEnd: new Float64Array(capacity),
    rowSelfClosing: new Uint8Array(capacity),
    rowLastColumn: new Int32Array(capacity),
    spansStart: new Float64Array(capacity),
    spansEnd: new Float64Array(capacity),
    dimension: null,
    sheetDataEnd: -1,
    sheetDataSelfClosing: false,
    prefix: "",
  };
  const ensureRowCapacity = (i: number) => {
    if (i < capacity) return;
    layout.rowIndex = grown(layout.rowIndex, i);
    layout.rowStart = grown(layout.rowStart, i);
    layout.rowContentEnd = grown(layout.rowContentEnd, i);
    layout.rowEnd = grown(layout.rowEnd, i);
    layout.rowSelfClosing = grown(layout.rowSelfClosing, i);
    layout.rowLastColumn = grown(layout.rowLastColumn, i);
    layout.spansStart = grown(layout.spansStart, i);
    layout.spansEnd = grown(layout.spansEnd, i);
    capacity = layout.rowIndex.length;
  };

  // Reading state.
  let inSheetData = false;
  let row = -1;
  let rowElement = -1;
  let rowLastColumn = -1;
  let column = -1;
  let cellType = "n";
  let cellStyle = 0;
  let inCell = false;
  let hasFormula = false;
  let readingValue = false;
  let value = "";
  let hasValue = false;
  let inInline = false;
  let phoneticDepth = 0;
  let readingInlineText = false;
  let inlineText = "";
  let maxRow = -1;
  let pendingSpans = -1;
  let pendingSpansEnd = -1;
  let inRowTag = false;
  let inDimensionTag = false;

  const localName = (name: string): string => {
    const colon = name.indexOf(":");
    return colon < 0 ? name : name.slice(colon + 1);
  };

  parser.on("opentagstart", (node) => {
    const name = localName(node.name);
    inRowTag = inSheetData && name === "row";
    inDimensionTag = name === "dimension";
    if (inRowTag) {
      pendingSpans = -1;
      pendingSpansEnd = -1;
      rowElement = layout.rows;
      ensureRowCapacity(rowElement);
      // The position is just past the character after the name: back over it, the name and "<".
      layout.rowStart[rowElement] = parser.position - node.name.length - 2;
    }
  });

  parser.on("attribute", (attribute) => {
    if (inRowTag && attribute.name === "spans") {
      pendingSpansEnd = parser.position - 1;
      pendingSpans = pendingSpansEnd - attribute.value.length;
    } else if (inDimensionTag && attribute.name === "ref") {
      const end = parser.position - 1;
      layout.dimension = { start: end - attribute.value.length, end };
    }
  });

  parser.on("opentag", (node: SaxesTagPlain) => {
    const name = localName(node.name);
    if (inCell) {
      if (name === "v") {
        readingValue = !node.isSelfClosing;
        value = "";
        hasValue = true;
      } else if (name === "f") hasFormula = true;
      else if (name === "is") {
        inInline = true;
        hasValue = true;
        inlineText = "";
      } else if (name === "rPh") phoneticDepth++;
      else if (name === "t" && inInline && phoneticDepth === 0) readingInlineText = !node.isSelfClosing;
      return;
    }
    if (name === "c" && row >= 0) {
      const attributes = node.attributes as Record<string, string>;
      const reference = attributes.r;
      const referenced = reference === undefined ? -1 : referenceColumn(reference);
      column = referenced >= 0 ? referenced : column + 1;
      cellType = attributes.t ?? "n";
      const style = attributes.s;
      cellStyle = style === undefined ? 0 : Number(style);
      inCell = !node.isSelfClosing;
      hasFormula = false;
      hasValue = false;
      value = "";
      if (column > rowLastColumn) rowLastColumn = column;
      return;
    }
    if (name === "row" && inSheetData) {
      inRowTag = false;
      const attributes = node.attributes as Record<string, string>;
      const r = attributes.r === undefined ? row + 1 : Number(attributes.r) - 1;
      row = Number.isInteger(r) && r >= 0 ? r : row + 1;
      column = -1;
      rowLastColumn = -1;
      const hidden = attributes.hidden;
      if (hidden === "1" || hidden === "true") hiddenRows.add(row);
      layout.rowIndex[rowElement] = row;
      layout.spansStart[rowElement] = pendingSpans;
      layout.spansEnd[rowElement] = pendingSpansEnd;
      if (node.isSelfClosing) {
        layout.rowSelfClosing[rowElement] = 1;
        layout.rowContentEnd[rowElement] = parser.position - 2;
      }
      return;
    }
    if (name === "sheetData") {
      const colon = node.name.indexOf(":");
      layout.prefix = colon < 0 ? "" : node.name.slice(0, colon + 1);
      if (node.isSelfClosing) {
        layout.sheetDataSelfClosing = true;
        layout.sheetDataEnd = parser.position - 2;
      } else inSheetData = true;
      return;
    }
    if (name === "sheetProtection") {
      const sheet = (node.attributes as Record<string, string>).sheet;
      isProtected = sheet === "1" || sheet === "true";
    } else if (name === "mergeCell") {
      const range = parseRangeAddress((node.attributes as Record<string, string>).ref ?? "");
      if (range) merges.push(range);
    }
  });

  parser.on("text", (text) => {
    if (readingValue) value += text;
    else if (readingInlineText) inlineText += text;
  });
  parser.on("cdata", (text) => {
    if (readingValue) value += text;
    else if (readingInlineText) inlineText += text;
  });

  const storeCell = () => {
    const cellColumn = (columns[column] ??= new CellColumn());
    if (row > maxRow) maxRow = row;
    if (inInline || cellType === "inlineStr") {
      cellColumn.setText(row, decodeXstring(inlineText));
      return;
    }
    if (!hasValue || (value === "" && cellType !== "str")) {
      if (hasFormula) formulasWithoutValue.push([row, column]);
      return;
    }
    switch (cellType) {
      case "s": {
        const text = sharedStrings[Number(value)];
        if (text !== undefined) cellColumn.setText(row, text);
        return;
      }
      case "str":
        cellColumn.setText(row, decodeXstring(value));
        return;
      case "b":
        cellColumn.setBoolean(row, value === "1" || value === "true");
        return;
      case "e":
        cellColumn.setError(row, value);
        return;
      case "d": {
        const serial = isoToSerial(value);
        if (serial === null) cellColumn.setText(row, value);
        else cellColumn.setNumber(row, serial);
        return;
      }
      default: {
        const number = Number(value);
        if (Number.isNaN(number)) {
          cellColumn.setText(row, value);
          return;
        }
        const isDate = dateStyles !== null && cellStyle < dateStyles.length && dateStyles[cellStyle] === 1;
        cellColumn.setNumber(row, isDate ? number + DAYS_1904_AFTER_1900 : number);
      }
    }
  };

  parser.on("closetag", (node) => {
    const name = localName(node.name);
    if (inCell) {
      if (name === "v") readingValue = false;
      else if (name === "t") readingInlineText = false;
      else if (name === "rPh") phoneticDepth--;
      else if (name === "is") inInline = false;
      else if (name === "c") {
        inCell = false;
        storeCell();
        inInline = false;
        cellType = "n";
      }
      return;
    }
    if (name === "c") {
      // A self-closing <c/>: an empty (perhaps styled) cell.
      return;
    }
    if (name === "row" && inSheetData) {
      if (!layout.rowSelfClosing[rowElement]) {
        layout.rowContentEnd[rowElement] = parser.position - node.name.length - 3;
      }
      layout.rowEnd[rowElement] = parser.position;
      layout.rowLastColumn[rowElement] = rowLastColumn;
      layout.rows = rowElement + 1;
      if (layout.rows % 65_536 === 0) {
        if (io?.signal?.aborted) throw io.signal.reason ?? new Error("Cancelled");
        io?.onProgress?.(layout.rows, NaN);
      }
      return;
    }
    if (name === "sheetData" && inSheetData) {
      inSheetData = false;
      layout.sheetDataEnd = parser.position - node.name.length - 3;
    }
  });

  let failure: Error | null = null;
  parser.on("error", (error) => (failure ??= error));
  for await (const chunk of partText(zip, part)) {
    parser.write(chunk);
    if (failure) throw failure;
  }
  parser.close();
  if (failure) throw failure;
  return {
    columns,
    rowCount: maxRow + 1,
    hiddenRows,
    protected: isProtected,
    merges,
    formulasWithoutValue,
    layout,
  };
}
