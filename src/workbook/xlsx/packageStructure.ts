/**
 * What an .xlsx/.xlsm package holds, from its small parts only (no cell is read): the main part
 * (from `_rels/.rels`), the sheets with their names, order, visibility and parts (from
 * `xl/workbook.xml` and its relationships: never from part names or zip order), the date system
 * (`workbookPr date1904`), and each sheet's Excel tables (`xl/tables/tableN.xml`, ECMA-376 Part 1
 * §18.5.1.2). Parsed with `fast-xml-parser` (see `xmlTree.ts`). O(size of those parts).
 *
 * @example
 * const structure = await readPackageStructure(await ZipPackage.open("sample-customers.xlsx"));
 * structure.sheets.map((s) => s.name); // => ["Customers", "About"]
 * (await readSheetTables(zip, structure.sheets[0]))[0].name; // => "Customers"
 */
import path from "node:path";
import { attribute, childElements, findAll, findFirst, parseXml, type XmlNode } from "./xmlTree";
import type { ZipPackage } from "./zipPackage";

export const RELATIONSHIP_TYPES = {
  officeDocument: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
  worksheet: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
  sharedStrings: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings",
  styles: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
  table: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table",
  drawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  chart: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
} as const;

/** One relationship of a part, its target resolved to a package part name (no leading "/"). */
export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export interface SheetEntry {
  name: string;
  sheetId: string;
  relationshipId: string;
  /** The sheet's part, e.g. "xl/worksheets/sheet1.xml" (also for chart sheets and dialog sheets). */
  part: string;
  /** Worksheet, or another kind of sheet (chart sheet, macro sheet) that holds no cell table. */
  isWorksheet: boolean;
  state: "visible" | "hidden" | "veryHidden";
}

export interface PackageStructure {
  /** The workbook part, normally "xl/workbook.xml". */
  workbookPart: string;
  /** Its relationships part, e.g. "xl/_rels/workbook.xml.rels". */
  workbookRelsPart: string;
  workbookRels: Relationship[];
  sheets: SheetEntry[];
  date1904: boolean;
  sharedStringsPart: string | null;
  stylesPart: string | null;
  /** The main part's content type says macro-enabled (.xlsm). */
  macroEnabled: boolean;
}

/** An Excel table as its part describes it. */
export interface TablePart {
  /** The table part, e.g. "xl/tables/table1.xml". */
  part: string;
  name: string;
  /** The whole table including header and totals rows, e.g. "A1:N5001". */
  ref: string;
  headerRowCount: number;
  totalsRowCount: number;
  columnNames: string[];
}

/** Why a zip is not a workbook this engine opens; the caller turns it into the user's message. */
export class NotAWorkbookError extends Error {}

/** The relationships part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
export function relationshipsPartOf(part: string): string {
  return `${path.posix.dirname(part) === "." ? "" : `${path.posix.dirname(part)}/`}_rels/${path.posix.basename(part)}.rels`;
}

/** A relationship target resolved against its source part (ECMA-376 Part 2, §9.3). */
export function resolveTarget(sourcePart: string, target: string): string {
  let decoded = target;
  try {
    decoded = decodeURIComponent(target);
  } catch {
    // Not percent-encoded after all: use as written.
  }
  if (decoded.startsWith("/")) return path.posix.normalize(decoded.slice(1));
  const base = path.posix.dirname(sourcePart);
  return path.posix.normalize(base === "." ? decoded : `${base}/${decoded}`);
}

/** The relationships of `sourcePart` ([] when it has no relationships part). */
export async function readRelationships(zip: ZipPackage, sourcePart: string): Promise<Relationship[]> {
  const relsPart = relationshipsPartOf(sourcePart);
  if (!zip.has(relsPart)) return [];
  return parseRelationships(parseXml(await zip.readText(relsPart)), sourcePart);
}

export function parseRelationships(tree: XmlNode[], sourcePart: string): Relationship[] {
  return findAll(tree, "Relationship").map((rel) => {
    const external = attribute(rel, "TargetMode") === "External";
    const target = attribute(rel, "Target") ?? "";
    return {
      id: attribute(rel, "Id") ?? "",
      type: attribute(rel, "Type") ?? "",
      target: external ? target : resolveTarget(sourcePart, target),
      external,
    };
  });
}

/** Content type of a part from `[Content_Types].xml` (Override first, then Default by extension). */
export function contentTypeOf(contentTypes: XmlNode[], part: string): string | undefined {
  for (const override of findAll(contentTypes, "Override")) {
    if ((attribute(override, "PartName") ?? "").replace(/^\//, "").toLowerCase() === part.toLowerCase())
      return attribute(override, "ContentType");
  }
  const extension = path.posix.extname(part).slice(1).toLowerCase();
  for (const fallback of findAll(contentTypes, "Default")) {
    if ((attribute(fallback, "Extension") ?? "").toLowerCase() === extension)
      return attribute(fallback, "ContentType");
  }
  return undefined;
}

/**
 * Reads the package's structure; throws {@link NotAWorkbookError} for a zip that is no
 * spreadsheet package (an OpenDocument file, a Word document, any other zip).
 */
export async function readPackageStructure(zip: ZipPackage): Promise<PackageStructure> {
  if (zip.has("mimetype")) {
    const mimetype = (await zip.readText("mimetype")).trim();
    if (mimetype.startsWith("application/vnd.oasis.opendocument")) {
      const kind = mimetype.endsWith(".spreadsheet")
        ? "an OpenDocument spreadsheet (.ods)"
        : "an OpenDocument file";
      throw new NotAWorkbookError(
        `is ${kind}, not an .xlsx workbook: save it as .xlsx or .csv and run again.`,
      );
    }
  }
  if (!zip.has("[Content_Types].xml") || !zip.has("_rels/.rels")) {
    throw new NotAWorkbookError(
      "is a zip archive but not an Excel workbook (it has no Office package parts).",
    );
  }
  const contentTypes = parseXml(await zip.readText("[Content_Types].xml"));
  const rootRels = await readRelationships(zip, "");
  const main = rootRels.find((rel) => rel.type === RELATIONSHIP_TYPES.officeDocument && !rel.external);
  const mainType = main ? (contentTypeOf(contentTypes, main.target) ?? "") : "";
  if (!main || !zip.has(main.target) || !isWorkbookType(mainType)) {
    const what = mainType.includes("wordprocessingml")
      ? "a Word document"
      : mainType.includes("presentationml")
        ? "a PowerPoint presentation"
        : "an Office package without a workbook";
    throw new NotAWorkbookError(`is ${what}, not an Excel workbook.`);
  }
  if (mainType.includes("binary")) {
    throw new NotAWorkbookError("is an Excel binary workbook (.xlsb): save it as .xlsx and run again.");
  }
  const workbookPart = main.target;
  const workbookTree = parseXml(await zip.readText(workbookPart));
  const workbookRels = await readRelationships(zip, workbookPart);
  const byId = new Map(workbookRels.map((rel) => [rel.id, rel]));
  const sheets: SheetEntry[] = [];
  for (const sheet of childElements(findFirst(workbookTree, "sheets") ?? {}, "sheet")) {
    const relationshipId = attribute(sheet, "r:id") ?? attribute(sheet, "id") ?? "";
    const rel = byId.get(relationshipId);
    const name = attribute(sheet, "name");
    if (!rel || name === undefined) continue;
    const state = attribute(sheet, "state");
    sheets.push({
      name,
      sheetId: attribute(sheet, "sheetId") ?? "",
      relationshipId,
      part: rel.target,
      isWorksheet: rel.type === RELATIONSHIP_TYPES.worksheet,
      state: state === "hidden" || state === "veryHidden" ? state : "visible",
    });
  }
  const workbookPr = findFirst(workbookTree, "workbookPr");
  const date1904 = workbookPr ? isTrue(attribute(workbookPr, "date1904")) : false;
  const first = (type: string) =>
    workbookRels.find((rel) => rel.type === type && !rel.external)?.target ?? null;
  return {
    workbookPart,
    workbookRelsPart: relationshipsPartOf(workbookPart),
    workbookRels,
    sheets,
    date1904,
    sharedStringsPart: first(RELATIONSHIP_TYPES.sharedStrings),
    stylesPart: first(RELATIONSHIP_TYPES.styles),
    macroEnabled: mainType.includes("macroEnabled"),
  };
}

/** The Excel tables of one sheet, in the order of its relationships. */
export async function readSheetTables(zip: ZipPackage, sheet: SheetEntry): Promise<TablePart[]> {
  const tables: TablePart[] = [];
  for (const rel of await readRelationships(zip, sheet.part)) {
    if (rel.type !== RELATIONSHIP_TYPES.table || rel.external || !zip.has(rel.target)) continue;
    const table = findFirst(parseXml(await zip.readText(rel.target)), "table");
    const ref = table ? attribute(table, "ref") : undefined;
    if (!table || !ref) continue;
    const headerRowCount = attribute(table, "headerRowCount");
    tables.push({
      part: rel.target,
      name: attribute(table, "displayName") ?? attribute(table, "name") ?? "",
      ref,
      headerRowCount: headerRowCount === undefined ? 1 : Number(headerRowCount),
      totalsRowCount: Number(attribute(table, "totalsRowCount") ?? 0),
      columnNames: childElements(findFirst([table], "tableColumns") ?? {}, "tableColumn").map(
        (column) => attribute(column, "name") ?? "",
      ),
    });
  }
  return tables;
}

/**
 * Content types of a workbook's main part: .xlsx/.xltx (`spreadsheetml.sheet|template.main+xml`),
 * and the macro-enabled .xlsm/.xltm/.xlam and binary .xlsb (`ms-excel.….main`).
 */
function isWorkbookType(contentType: string): boolean {
  return (
    /^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.(sheet|template)\.main\+xml$/.test(
      contentType,
    ) ||
    /^application\/vnd\.ms-excel\.(sheet|template|addin)\.macroEnabled\.main\+xml$/.test(contentType) ||
    contentType === "application/vnd.ms-excel.sheet.binary.macroEnabled.main"
  );
}

/** xsd:boolean: "1" or "true". */
export function isTrue(value: string | undefined): boolean {
  return value === "1" || value === "true";
}
