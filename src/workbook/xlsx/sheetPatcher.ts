/**
 * Writes a changed copy of a worksheet part by splicing new cells into its original text, using
 * the positions {@link readSheet} recorded: nothing is parsed again and every byte outside the
 * splices is copied as it was (cells, formulas, styles, merged cells, conditional formats, data
 * validation, hyperlinks, extensions the engine does not know).
 *
 * Splices, in text order:
 * - the `<dimension ref>` value widened to cover the new cells;
 * - in each row that gets cells: the cells before `</row>` (a self-closing `<row/>` is opened),
 *   and its `spans` hint widened; a row that already has cells at or right of the new columns is
 *   re-assembled in column order (a new cell replaces an existing one in its column: the workflow
 *   asked the user before, `--force`);
 * - a `<row>` element inserted in order for a row that had none (before the next row, or before
 *   `</sheetData>`).
 * Each splice first checks the text it lands on ("</", "/>", "<"), so a wrong position fails the
 * write instead of damaging the part.
 *
 * Cost: O(part size) time, O(one chunk + one row) memory: the output is a stream of ~64 KB pieces.
 */
import { Readable } from "node:stream";
import { SaxesParser } from "saxes";
import { cellAddress, parseRangeAddress } from "../../core/a1";
import { partText } from "./partText";
import { referenceColumn, type SheetLayout } from "./sheetReader";
import type { ZipPackage } from "./zipPackage";

/** The new cells of one row: their XML in column order, each with its 0-based column. */
export interface RowCells {
  cells: { column: number; xml: string }[];
}

export interface SheetPatch {
  /** First and last 0-based sheet rows that get cells (header row included). */
  firstRow: number;
  lastRow: number;
  /** First and last 0-based columns of the new cells. */
  firstColumn: number;
  lastColumn: number;
  /** The cells of a row in [firstRow, lastRow]; an empty list writes nothing there. */
  cellsOf: (row: number) => RowCells;
}

/** One splice: replace the original text in [start, end) with what `replace` makes of it. */
interface Splice {
  start: number;
  end: number;
  replace: (original: string) => string;
}

class LayoutMismatch extends Error {}

/** A splice that checks the original text starts with `expected`, then puts `before` in front of it. */
function insertBefore(offset: number, expected: string, before: string): Splice {
  return {
    start: offset,
    end: offset + expected.length,
    replace: (original) => {
      if (original !== expected) {
        throw new LayoutMismatch(`expected "${expected}" at offset ${offset}, found "${original}"`);
      }
      return before + original;
    },
  };
}

/** `spans="1:14"` widened to reach `lastColumn` (0-based); unchanged when it is not "a:b". */
function widenSpans(original: string, firstColumn: number, lastColumn: number): string {
  const parts = original.split(":");
  const from = Number(parts[0]);
  const to = Number(parts[1]);
  if (parts.length !== 2 || !Number.isInteger(from) || !Number.isInteger(to)) return original;
  return `${Math.min(from, firstColumn + 1)}:${Math.max(to, lastColumn + 1)}`;
}

/** Every splice for the patch, in ascending text order, generated lazily (a million rows → no array). */
function* splices(layout: SheetLayout, patch: SheetPatch): Generator<Splice> {
  const { prefix } = layout;
  if (layout.dimension) {
    const { start, end } = layout.dimension;
    yield {
      start,
      end,
      replace: (original) => {
        const range = parseRangeAddress(original);
        if (!range) return original;
        const top = Math.min(range.row, patch.firstRow);
        const left = Math.min(range.column, patch.firstColumn);
        const bottom = Math.max(range.row + range.rowCount - 1, patch.lastRow);
        const right = Math.max(range.column + range.columnCount - 1, patch.lastColumn);
        return `${cellAddress(top, left)}:${cellAddress(bottom, right)}`;
      },
    };
  }
  let nextMissing = patch.firstRow;
  /** XML of the rows in [nextMissing, before) that have no `<row>` element, as new elements. */
  const missingRowsBefore = (before: number): string => {
    let xml = "";
    for (; nextMissing < before && nextMissing <= patch.lastRow; nextMissing++) {
      const { cells } = patch.cellsOf(nextMissing);
      if (cells.length === 0) continue;
      xml += `<${prefix}row r="${nextMissing + 1}">${cells.map((cell) => cell.xml).join("")}</${prefix}row>`;
    }
    return xml;
  };
  for (let k = 0; k < layout.rows; k++) {
    const row = layout.rowIndex[k];
    if (row < patch.firstRow) continue;
    if (row > patch.lastRow && nextMissing > patch.lastRow) break;
    const missing = missingRowsBefore(row);
    const start = layout.rowStart[k];
    if (row > patch.lastRow) {
      if (missing) yield insertBefore(start, "<", missing);
      break;
    }
    nextMissing = row + 1;
    const { cells } = patch.cellsOf(row);
    if (cells.length === 0) {
      if (missing) yield insertBefore(start, "<", missing);
      continue;
    }
    if (layout.rowLastColumn[k] >= cells[0].column) {
      // Existing cells at or right of the new ones: re-assemble the row in column order.
      yield {
        start,
        end: layout.rowEnd[k],
        replace: (original) => missing + mergeRow(original, cells, patch),
      };
      continue;
    }
    if (missing) yield insertBefore(start, "<", missing);
    if (layout.spansStart[k] >= 0) {
      yield {
        start: layout.spansStart[k],
        end: layout.spansEnd[k],
        replace: (original) => widenSpans(original, patch.firstColumn, patch.lastColumn),
      };
    }
    const xml = cells.map((cell) => cell.xml).join("");
    const contentEnd = layout.rowContentEnd[k];
    if (layout.rowSelfClosing[k]) {
      yield {
        start: contentEnd,
        end: contentEnd + 2,
        replace: (original) => {
          if (original !== "/>") throw new LayoutMismatch(`expected "/>" at offset ${contentEnd}`);
          return `>${xml}</${prefix}row>`;
        },
      };
    } else yield insertBefore(contentEnd, "</", xml);
  }
  const rest = missingRowsBefore(patch.lastRow + 1);
  if (!rest) return;
  if (layout.sheetDataSelfClosing) {
    yield {
      start: layout.sheetDataEnd,
      end: layout.sheetDataEnd + 2,
      replace: (original) => {
        if (original !== "/>") throw new LayoutMismatch(`expected "/>" at offset ${layout.sheetDataEnd}`);
        return `>${rest}</${prefix}sheetData>`;
      },
    };
  } else if (layout.sheetDataEnd >= 0) yield insertBefore(layout.sheetDataEnd, "</", rest);
  else throw new LayoutMismatch("the sheet has no sheetData element");
}

/**
 * One row's text with the new cells merged in column order (a new cell replaces an existing cell
 * of its column) and `spans` widened. Parsed on its own with saxes; O(row length).
 */
export function mergeRow(rowXml: string, cells: RowCells["cells"], patch: SheetPatch): string {
  const parser = new SaxesParser();
  const existing: { column: number; start: number; end: number }[] = [];
  let depth = 0;
  let openEnd = -1;
  let cellStart = -1;
  let column = -1;
  let spans: { start: number; end: number } | null = null;
  let inRowTag = false;
  let contentEnd = rowXml.length;
  let selfClosing = false;
  parser.on("opentagstart", (node) => {
    if (depth === 0) inRowTag = true;
    else if (depth === 1) cellStart = parser.position - node.name.length - 2;
  });
  parser.on("attribute", (attribute) => {
    if (inRowTag && attribute.name === "spans") {
      const end = parser.position - 1;
      spans = { start: end - attribute.value.length, end };
    }
  });
  parser.on("opentag", (node) => {
    if (depth === 0) {
      inRowTag = false;
      openEnd = parser.position;
      if (node.isSelfClosing) {
        selfClosing = true;
        contentEnd = parser.position - 2;
      }
    } else if (depth === 1) {
      const name = node.name.slice(node.name.indexOf(":") + 1);
      if (name === "c") {
        const reference = (node.attributes as Record<string, string>).r;
        const referenced = reference === undefined ? -1 : referenceColumn(reference);
        column = referenced >= 0 ? referenced : column + 1;
        existing.push({ column, start: cellStart, end: -1 });
      } else existing.push({ column: Infinity, start: cellStart, end: -1 });
    }
    depth++;
  });
  parser.on("closetag", () => {
    depth--;
    if (depth === 1) existing[existing.length - 1].end = parser.position;
  });
  let failure: Error | null = null;
  parser.on("error", (error) => (failure ??= error));
  parser.write(rowXml).close();
  if (failure) throw failure;
  if (!selfClosing) contentEnd = rowXml.lastIndexOf("</");
  const span = spans as { start: number; end: number } | null;
  let openTag = rowXml.slice(0, selfClosing ? contentEnd : openEnd);
  if (span) {
    openTag =
      openTag.slice(0, span.start) +
      widenSpans(rowXml.slice(span.start, span.end), patch.firstColumn, patch.lastColumn) +
      openTag.slice(span.end);
  }
  let body = "";
  let next = 0;
  for (const child of existing) {
    while (next < cells.length && cells[next].column < child.column) body += cells[next++].xml;
    if (next < cells.length && cells[next].column === child.column) {
      body += cells[next++].xml; // replaces the existing cell
      continue;
    }
    if (child.column === Infinity) {
      while (next < cells.length) body += cells[next++].xml;
    }
    body += rowXml.slice(child.start, child.end);
  }
  while (next < cells.length) body += cells[next++].xml;
  const prefix = rowXml.slice(1, rowXml.indexOf("row")); // "" or e.g. "x:"
  if (selfClosing) return `${openTag}>${body}</${prefix}row>`;
  return `${openTag}${body}${rowXml.slice(contentEnd)}`;
}

/** True when some row of the patch already has cells at or right of the new columns (cells get replaced or interleaved). */
export function mergeRowNeeded(layout: SheetLayout, patch: SheetPatch): boolean {
  for (let k = 0; k < layout.rows; k++) {
    const row = layout.rowIndex[k];
    if (row >= patch.firstRow && row <= patch.lastRow && layout.rowLastColumn[k] >= patch.firstColumn)
      return true;
  }
  return false;
}

/** The patched part as a stream of UTF-8 bytes. */
export function patchedSheet(
  zip: ZipPackage,
  part: string,
  layout: SheetLayout,
  patch: SheetPatch,
): Readable {
  return Readable.from(patchedChunks(zip, part, layout, patch), { objectMode: false });
}

async function* patchedChunks(
  zip: ZipPackage,
  part: string,
  layout: SheetLayout,
  patch: SheetPatch,
): AsyncGenerator<Buffer> {
  const ops = splices(layout, patch);
  let op: Splice | undefined = ops.next().value ?? undefined;
  let base = 0;
  let collecting: string[] | null = null;
  for await (const chunk of partText(zip, part)) {
    const pieces: string[] = [];
    let i = 0;
    for (;;) {
      if (collecting && op) {
        const end = op.end - base;
        if (end > chunk.length) {
          collecting.push(chunk.slice(i));
          break;
        }
        collecting.push(chunk.slice(i, end));
        i = end;
        pieces.push(op.replace(collecting.join("")));
        collecting = null;
        op = ops.next().value ?? undefined;
        continue;
      }
      if (!op || op.start - base > chunk.length) {
        pieces.push(chunk.slice(i));
        break;
      }
      const start = op.start - base;
      pieces.push(chunk.slice(i, start));
      i = start;
      collecting = [];
    }
    base += chunk.length;
    yield Buffer.from(pieces.join(""), "utf8");
  }
  if (collecting || op) throw new LayoutMismatch(`the part ended before offset ${op?.start}`);
}
