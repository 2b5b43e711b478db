/**
 * The Excel tables (ListObjects) and column widths of an .xlsx file, read from its package parts without loading any
 * cells: `xl/workbook.xml` names the sheets, `xl/_rels/workbook.xml.rels` maps them to their parts,
 * each sheet's `_rels/sheetN.xml.rels` lists its table parts, and `xl/tables/tableN.xml` holds the
 * table's name and range (ECMA-376 Part 1, §18.5.1.2 `table`). The streaming reader of exceljs skips
 * all of these, so {@link XlsxStreamWorkbook} asks here. O(size of those small parts).
 *
 * @example
 * readTableParts("sample-customers.xlsx");
 * // => [{ sheet: "Customers", name: "Customers", ref: "A1:N5001", headerRowCount: 1, totalsRowCount: 0 }]
 */
import path from "node:path";
import { readZipEntries, readZipEntryHeads } from "./zipEntries";

/** One Excel table as its part describes it. */
export interface TablePart {
  sheet: string;
  name: string;
  /** The whole table including header and totals rows, e.g. "A1:N5001". */
  ref: string;
  headerRowCount: number;
  totalsRowCount: number;
}

const PARTS =
  /^(xl\/workbook\.xml|xl\/_rels\/workbook\.xml\.rels|xl\/worksheets\/_rels\/.*\.rels|xl\/tables\/.*\.xml)$/;

/** Every table of the workbook, in sheet order; [] when there are none (or the parts are unreadable). */
export function readTableParts(filePath: string): TablePart[] {
  const parts = readZipEntries(filePath, (name) => PARTS.test(name));
  const workbook = parts.get("xl/workbook.xml");
  const workbookRels = parts.get("xl/_rels/workbook.xml.rels");
  if (!workbook || !workbookRels) return [];
  const sheetPartById = relationships(workbookRels, "xl");
  const tables: TablePart[] = [];
  for (const sheet of elements(workbook, "sheet")) {
    const sheetPart = sheetPartById.get(sheet["r:id"] ?? "");
    if (!sheet.name || !sheetPart) continue;
    const relsName = `${path.posix.dirname(sheetPart)}/_rels/${path.posix.basename(sheetPart)}.rels`;
    const sheetRels = parts.get(relsName);
    if (!sheetRels) continue;
    for (const [, target] of relationships(sheetRels, path.posix.dirname(sheetPart), "/table")) {
      const xml = parts.get(target);
      const table = xml ? elements(xml, "table")[0] : undefined;
      if (!table?.ref) continue;
      tables.push({
        sheet: sheet.name,
        name: table.displayName ?? table.name ?? "",
        ref: table.ref,
        headerRowCount: table.headerRowCount === undefined ? 1 : Number(table.headerRowCount),
        totalsRowCount: Number(table.totalsRowCount ?? 0),
      });
    }
  }
  return tables;
}

/**
 * Column widths per sheet name, from the `<cols>` element at the top of each sheet part (exceljs's
 * streaming reader drops them). Reads at most 64 KB of each sheet's compressed data.
 */
export function readColumnWidths(filePath: string): Map<string, (number | undefined)[]> {
  const parts = readZipEntries(filePath, (name) =>
    /^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels)$/.test(name),
  );
  const workbook = parts.get("xl/workbook.xml");
  const workbookRels = parts.get("xl/_rels/workbook.xml.rels");
  const widths = new Map<string, (number | undefined)[]>();
  if (!workbook || !workbookRels) return widths;
  const sheetPartById = relationships(workbookRels, "xl");
  const heads = readZipEntryHeads(filePath, (name) => name.startsWith("xl/worksheets/"));
  for (const sheet of elements(workbook, "sheet")) {
    const head = heads.get(sheetPartById.get(sheet["r:id"] ?? "") ?? "");
    const cols = head ? /<(?:\w+:)?cols\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cols>/.exec(head) : null;
    if (!sheet.name || !cols) continue;
    const sheetWidths: (number | undefined)[] = [];
    for (const col of elements(cols[1], "col")) {
      const width = Number(col.width);
      if (!Number.isFinite(width)) continue;
      for (let c = Number(col.min); c <= Math.min(Number(col.max), 16_384); c++) sheetWidths[c - 1] = width;
    }
    widths.set(sheet.name, sheetWidths);
  }
  return widths;
}

/** Id → part name (resolved against `base`) of the relationships whose Type ends with `typeSuffix`. */
function relationships(xml: string, base: string, typeSuffix = ""): Map<string, string> {
  const byId = new Map<string, string>();
  for (const rel of elements(xml, "Relationship")) {
    if (!rel.Id || !rel.Target || !(rel.Type ?? "").endsWith(typeSuffix)) continue;
    const target = rel.Target.startsWith("/")
      ? rel.Target.slice(1)
      : path.posix.normalize(`${base}/${rel.Target}`);
    byId.set(rel.Id, target);
  }
  return byId;
}

/** The attributes of every `<tag …>` element (tag names without a namespace prefix, or with any). */
function elements(xml: string, tag: string): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  const element = new RegExp(`<(?:\\w+:)?${tag}\\b([^>]*)>`, "g");
  for (const match of xml.matchAll(element)) {
    const attributes: Record<string, string> = {};
    for (const [, name, value] of match[1].matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g)) {
      attributes[name] = decodeXml(value);
    }
    found.push(attributes);
  }
  return found;
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, entity: string) => {
    const named: Record<string, string> = { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" };
    if (entity[0] !== "#") return named[entity.toLowerCase()];
    const code = entity[1].toLowerCase() === "x" ? parseInt(entity.slice(2), 16) : Number(entity.slice(1));
    return String.fromCodePoint(code);
  });
}
