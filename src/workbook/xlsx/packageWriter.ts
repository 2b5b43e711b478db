/**
 * The small parts a run changes besides the target sheet, each edited as an ordered XML tree
 * (`xmlTree.ts`) so everything else in them stays: the Excel table (ref, autoFilter, new
 * `tableColumn`s), `xl/workbook.xml` (a new `<sheet>`, full recalculation on load), relationships
 * and `[Content_Types].xml` (entries for the new parts). And the XML of the sheets the runner adds.
 *
 * @example
 * widenTable(tableXml, ["Segment", "Segment rank"]);
 * // ref "A1:N5001" → "A1:P5001", autoFilter likewise, tableColumn ids 15 and 16 appended
 */
import { cellAddress, parseRangeAddress } from "../../core/a1";
import type { CellValue, SheetContent } from "../workbook";
import { cellXml } from "./cellXml";
import {
  attribute,
  buildXml,
  childElements,
  childrenOf,
  findFirst,
  newElement,
  parseXml,
  setAttribute,
  tagOf,
  localName,
} from "./xmlTree";
import { escapeText } from "./xmlText";

export const CONTENT_TYPES = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
} as const;

/**
 * The table part with `added` columns appended at its right edge: `ref` and the autoFilter's
 * `ref` widened (the autoFilter leaves out a totals row), one `tableColumn` per header with an id
 * one above the largest in use, `count` updated. Tables with or without `tableStyleInfo`, totals
 * rows and extensions keep them. O(part size).
 */
export function widenTable(tableXml: string, headers: readonly string[]): string {
  const tree = parseXml(tableXml);
  const table = findFirst(tree, "table");
  const range = table ? parseRangeAddress(attribute(table, "ref") ?? "") : null;
  if (!table || !range) throw new Error("The table part has no table range.");
  const lastColumn = range.column + range.columnCount - 1 + headers.length;
  const bottom = range.row + range.rowCount - 1;
  setAttribute(table, "ref", `${cellAddress(range.row, range.column)}:${cellAddress(bottom, lastColumn)}`);
  const totals = Number(attribute(table, "totalsRowCount") ?? 0);
  const autoFilter = childElements(table, "autoFilter")[0];
  if (autoFilter) {
    setAttribute(
      autoFilter,
      "ref",
      `${cellAddress(range.row, range.column)}:${cellAddress(bottom - totals, lastColumn)}`,
    );
  }
  const tableColumns = childElements(table, "tableColumns")[0];
  if (!tableColumns) throw new Error("The table part has no tableColumns element.");
  const existing = childElements(tableColumns, "tableColumn");
  let id = existing.reduce((max, column) => Math.max(max, Number(attribute(column, "id") ?? 0)), 0);
  for (const header of headers) {
    childrenOf(tableColumns).push(
      newElement("tableColumn", { id: String(++id), name: header }, [], existing[0] ?? tableColumns),
    );
  }
  setAttribute(tableColumns, "count", String(existing.length + headers.length));
  return buildXml(tree);
}

/** Elements of CT_Workbook after `calcPr` (schema order), so a new calcPr goes before them. */
const AFTER_CALC_PR = [
  "oleSize",
  "customWorkbookViews",
  "pivotCaches",
  "smartTagPr",
  "smartTagTypes",
  "webPublishing",
  "fileRecoveryPr",
  "webPublishObjects",
  "extLst",
];

export interface NewSheetEntry {
  name: string;
  relationshipId: string;
}

/**
 * `xl/workbook.xml` with new `<sheet>` entries (sheet ids above the largest in use) and, when
 * formulas were written, `<calcPr fullCalcOnLoad="1">` so Excel and LibreOffice compute them on
 * opening. O(part size).
 */
export function patchWorkbookXml(
  workbookXml: string,
  sheets: readonly NewSheetEntry[],
  fullCalcOnLoad: boolean,
): string {
  const tree = parseXml(workbookXml);
  const workbook = findFirst(tree, "workbook");
  const sheetsElement = workbook ? childElements(workbook, "sheets")[0] : undefined;
  if (!workbook || !sheetsElement) throw new Error("The workbook part has no sheets element.");
  const existing = childElements(sheetsElement, "sheet");
  let sheetId = existing.reduce((max, sheet) => Math.max(max, Number(attribute(sheet, "sheetId") ?? 0)), 0);
  const rootDeclaresR = Object.keys(workbook[":@"] ?? {}).includes("xmlns:r");
  for (const sheet of sheets) {
    const attributes: Record<string, string> = { name: sheet.name, sheetId: String(++sheetId) };
    if (!rootDeclaresR)
      attributes["xmlns:r"] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    attributes["r:id"] = sheet.relationshipId;
    childrenOf(sheetsElement).push(newElement("sheet", attributes, [], existing[0] ?? sheetsElement));
  }
  if (fullCalcOnLoad) {
    let calcPr = childElements(workbook, "calcPr")[0];
    if (!calcPr) {
      calcPr = newElement("calcPr", {}, [], sheetsElement);
      const children = childrenOf(workbook);
      const at = children.findIndex((child) => {
        const tag = tagOf(child);
        return tag !== null && AFTER_CALC_PR.includes(localName(tag));
      });
      if (at < 0) children.push(calcPr);
      else children.splice(at, 0, calcPr);
    }
    setAttribute(calcPr, "fullCalcOnLoad", "1");
  }
  return buildXml(tree);
}

/** A relationships part with new relationships appended (or a new part when `relsXml` is null). */
export function addRelationships(
  relsXml: string | null,
  added: readonly { id: string; type: string; target: string }[],
): string {
  const tree = parseXml(
    relsXml ??
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>',
  );
  const root = findFirst(tree, "Relationships");
  if (!root) throw new Error("The relationships part has no Relationships element.");
  for (const rel of added) {
    childrenOf(root).push(
      newElement("Relationship", { Id: rel.id, Type: rel.type, Target: rel.target }, [], root),
    );
  }
  return buildXml(tree);
}

/** A relationships part without the relationships of type `type` (e.g. the calculation chain). */
export function removeRelationships(relsXml: string, type: string): string {
  const tree = parseXml(relsXml);
  const root = findFirst(tree, "Relationships");
  if (!root) return relsXml;
  const children = childrenOf(root);
  const kept = children.filter((child) => attribute(child, "Type") !== type);
  children.splice(0, children.length, ...kept);
  return buildXml(tree);
}

/** `[Content_Types].xml` with Overrides for new parts (part names without the leading "/"), minus removed ones. */
export function patchContentTypes(
  contentTypesXml: string,
  added: readonly { part: string; contentType: string }[],
  removed: readonly string[] = [],
): string {
  const tree = parseXml(contentTypesXml);
  const root = findFirst(tree, "Types");
  if (!root) throw new Error("[Content_Types].xml has no Types element.");
  const children = childrenOf(root);
  const gone = new Set(removed.map((part) => `/${part}`.toLowerCase()));
  const kept = children.filter((child) => !gone.has((attribute(child, "PartName") ?? "").toLowerCase()));
  children.splice(0, children.length, ...kept);
  for (const { part, contentType } of added) {
    children.push(newElement("Override", { PartName: `/${part}`, ContentType: contentType }, [], root));
  }
  return buildXml(tree);
}

/**
 * The XML of a sheet the runner adds (the summary): its cells from A1 (text as inline strings, never
 * formulas), number formats as cell styles (`styleOf` gives the index), modest column widths, and a
 * `<drawing>` reference when it has charts.
 */
export function addedSheetXml(
  content: SheetContent,
  styleAt: (row: number, column: number) => number,
  drawingRelationshipId: string | null,
): string {
  const formatted = new Set<string>();
  let rows = content.cells.length;
  let columns = content.cells.reduce((max, row) => Math.max(max, row.length), 0);
  for (const { block } of content.numberFormats ?? []) {
    rows = Math.max(rows, block.row + block.rowCount);
    columns = Math.max(columns, block.column + block.columnCount);
    for (let r = block.row; r < block.row + block.rowCount; r++)
      for (let c = block.column; c < block.column + block.columnCount; c++) formatted.add(`${r},${c}`);
  }
  let sheetData = "";
  for (let r = 0; r < rows; r++) {
    let cells = "";
    for (let c = 0; c < columns; c++) {
      const value: CellValue = content.cells[r]?.[c] ?? null;
      const style = formatted.has(`${r},${c}`) ? styleAt(r, c) : 0;
      cells += cellXml(cellAddress(r, c), value, style);
    }
    if (cells) sheetData += `<row r="${r + 1}">${cells}</row>`;
  }
  const dimension = rows > 0 && columns > 0 ? `A1:${cellAddress(rows - 1, columns - 1)}` : "A1";
  const widths =
    columns > 0
      ? `<cols><col min="1" max="1" width="28" customWidth="1"/>${columns > 1 ? `<col min="2" max="${columns}" width="14" customWidth="1"/>` : ""}</cols>`
      : "";
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<dimension ref="${dimension}"/><sheetFormatPr defaultRowHeight="15"/>${widths}` +
    `<sheetData>${sheetData}</sheetData>` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    (drawingRelationshipId ? `<drawing r:id="${escapeText(drawingRelationshipId)}"/>` : "") +
    "</worksheet>"
  );
}
