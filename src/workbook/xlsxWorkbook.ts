/**
 * An .xlsx or .xlsm file as a {@link Workbook}: the runner's one .xlsx engine. It reads the package
 * (`xlsx/zipPackage.ts`, yauzl), learns its structure from the small parts (`xlsx/packageStructure.ts`,
 * fast-xml-parser), streams only the target sheet into compact columns (`xlsx/sheetReader.ts`,
 * saxes), and writes by PATCHING the package ({@link save}): every part the run does not change is
 * copied with identical bytes (other sheets, charts, pivot tables, comments, macros, anything), and
 * the changed parts keep everything they held besides the change:
 * - the target sheet: the new cells spliced into its rows (`xlsx/sheetPatcher.ts`);
 * - the Excel table: its ref, autoFilter and new table columns (`xlsx/packageWriter.ts`);
 * - `xl/styles.xml`: number formats and cell styles appended for the new cells (`xlsx/styles.ts`);
 * - `xl/workbook.xml`, its relationships and `[Content_Types].xml`: the added summary sheet, its
 *   drawing and native charts (`xlsx/chartXml.ts`), and full recalculation when formulas were written.
 *
 * The customer table: the Excel table named by `--table` (case-insensitive, as Excel matches names),
 * else the first table of the named (or any) sheet, else the current region (`currentRegion.ts`)
 * around the first non-empty cell of the named (or first) sheet, header = its first row.
 *
 * What the file says that the user should know (a merged header, formulas without results, a
 * title row above the header, the tables there are) is in {@link readerNotes}.
 *
 * Cost: reading O(size of the target sheet), ≈ 9 bytes a cell plus text; writing O(package size)
 * time with memory flat (each part streams).
 */
import { cellAddress, parseRangeAddress, qualifiedCellAddress } from "../core/a1";
import { DAYS_1904_AFTER_1900 } from "../core/excelDate";
import type { CellColumn } from "./cellColumn";
import { currentRegion, firstFilledCell } from "./currentRegion";
import { FileWorkbookBase } from "./fileWorkbookBase";
import type { Block, CellValue, IoOptions, NewColumn, SheetContent, TableInfo, Workbook } from "./workbook";
import { cellXml, formulaCellXml } from "./xlsx/cellXml";
import { chartPartXml, drawingPartXml } from "./xlsx/chartXml";
import { isDateFormat } from "./xlsx/numberFormats";
import {
  addRelationships,
  addedSheetXml,
  CONTENT_TYPES,
  patchContentTypes,
  patchWorkbookXml,
  removeRelationships,
  widenTable,
} from "./xlsx/packageWriter";
import {
  RELATIONSHIP_TYPES,
  readPackageStructure,
  readSheetTables,
  relationshipsPartOf,
  type PackageStructure,
  type SheetEntry,
  type TablePart,
} from "./xlsx/packageStructure";
import { readSharedStrings } from "./xlsx/sharedStrings";
import { mergeRowNeeded, patchedSheet, type SheetPatch } from "./xlsx/sheetPatcher";
import { readSheet, type SheetData } from "./xlsx/sheetReader";
import { StyleSheet, MINIMAL_STYLES } from "./xlsx/styles";
import { toFileFormula } from "./xlsx/structuredReferences";
import { type PartContent, ZipPackage } from "./xlsx/zipPackage";

/** Which table to use: an Excel table by name, or a sheet's used region (or its first table). */
export interface FileTarget {
  sheet?: string;
  table?: string;
}

const CALC_CHAIN = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain";

/** How many cell addresses a note lists before "and N more". */
const LISTED = 3;

interface Located {
  sheet: SheetEntry;
  table: TablePart | null;
}

export class XlsxWorkbook extends FileWorkbookBase implements Workbook {
  private readonly parsed = new Map<string, SheetData>();
  private readonly added: SheetContent[] = [];
  private pending: { table: TableInfo; columns: NewColumn[] } | null = null;
  private notes: string[] = [];
  private styles: StyleSheet | null = null;

  private constructor(
    private readonly zip: ZipPackage,
    private readonly structure: PackageStructure,
    private readonly tablesBySheet: Map<string, TablePart[]>,
    private readonly located: Located | null,
    private readonly sharedStrings: readonly string[],
    private readonly dateStyles: Uint8Array | null,
  ) {
    super();
  }

  /**
   * Opens the package and reads the target sheet. Rejects with a `NotAWorkbookError` for a zip that
   * is no workbook (an .ods, a .docx, any zip), and with the parser's error for a damaged part.
   */
  static async open(filePath: string, target: FileTarget = {}, io?: IoOptions): Promise<XlsxWorkbook> {
    const zip = await ZipPackage.open(filePath);
    try {
      const structure = await readPackageStructure(zip);
      const tablesBySheet = new Map<string, TablePart[]>();
      for (const sheet of structure.sheets) {
        if (sheet.isWorksheet && zip.has(sheet.part))
          tablesBySheet.set(sheet.name, await readSheetTables(zip, sheet));
      }
      const located = locate(structure, tablesBySheet, target);
      const sharedStrings =
        structure.sharedStringsPart && zip.has(structure.sharedStringsPart)
          ? await readSharedStrings(zip, structure.sharedStringsPart)
          : [];
      let dateStyles: Uint8Array | null = null;
      let styles: StyleSheet | null = null;
      if (structure.date1904 && structure.stylesPart && zip.has(structure.stylesPart)) {
        styles = StyleSheet.parse(await zip.readText(structure.stylesPart));
        dateStyles = styles.dateStyles();
      }
      const workbook = new XlsxWorkbook(zip, structure, tablesBySheet, located, sharedStrings, dateStyles);
      workbook.styles = styles;
      if (located) await workbook.sheetData(located.sheet.name, io);
      workbook.notes = workbook.describeTarget(target);
      return workbook;
    } catch (error) {
      zip.close();
      throw error;
    }
  }

  /** ".xlsm" for a macro-enabled workbook (its output must keep that extension), else ".xlsx". */
  get extension(): ".xlsx" | ".xlsm" {
    return this.structure.macroEnabled ? ".xlsm" : ".xlsx";
  }

  /**
   * Facts about the file the user should see beside a result or a failure, each one sentence that
   * says what, where and what to do: formulas in the table without a calculated result (read as
   * blank), merged cells in the header row, a title row above the header, the tables there are when
   * `--table` names none of them, a table whose header row is switched off. [] when none.
   * Computed when the file is opened; cheap to call.
   */
  readerNotes(): string[] {
    return [...this.notes];
  }

  /** The names of the workbook's Excel tables, in sheet order (for "no table X; the tables are …"). */
  tableNames(): string[] {
    return [...this.tablesBySheet.values()].flat().map((table) => table.name);
  }

  async locateTable(): Promise<TableInfo | null> {
    const found = this.located;
    if (!found) return null;
    const data = this.parsed.get(found.sheet.name);
    if (!data) return null;
    if (found.table) {
      const range = parseRangeAddress(found.table.ref);
      if (!range || found.table.headerRowCount !== 1) return null;
      const rowCount = Math.max(0, range.rowCount - 1 - found.table.totalsRowCount);
      return tableInfo(
        found.sheet.name,
        data,
        found.table.name,
        range.row,
        range.column,
        range.columnCount,
        rowCount,
      );
    }
    const region = regionOf(data);
    if (!region) return null;
    return tableInfo(
      found.sheet.name,
      data,
      null,
      region.top,
      region.left,
      region.right - region.left + 1,
      region.bottom - region.top,
    );
  }

  async readColumns(table: TableInfo, columns: readonly number[], io?: IoOptions): Promise<CellValue[][]> {
    const data = await this.sheetData(table.sheet, io);
    return columns.map((c, k) => {
      io?.signal?.throwIfAborted();
      const column = data.columns[table.firstColumn + c];
      const cells = new Array<CellValue>(table.rowCount);
      for (let r = 0; r < table.rowCount; r++) cells[r] = column ? column.get(table.headerRow + 1 + r) : null;
      io?.onProgress?.((k + 1) * table.rowCount, columns.length * table.rowCount);
      return cells;
    });
  }

  async findNonEmptyCells(block: Block, limit: number, io?: IoOptions): Promise<string[]> {
    const sheet = this.structure.sheets.find((s) => s.name === block.sheet);
    if (!sheet || !sheet.isWorksheet) return [];
    const data = await this.sheetData(block.sheet, io);
    // Formulas without a cached value read as blank but are not empty: a write would replace them.
    const formulas = new Set(data.formulasWithoutValue.map(([r, c]) => r * 16_384 + c));
    // A cell under a merged range (not its top-left one) shows the merge, not its own value: occupied.
    const merges = data.merges.filter(
      (m) =>
        m.row < block.row + block.rowCount &&
        m.row + m.rowCount > block.row &&
        m.column < block.column + block.columnCount &&
        m.column + m.columnCount > block.column,
    );
    const covered = (r: number, c: number) =>
      merges.some(
        (m) =>
          r >= m.row &&
          r < m.row + m.rowCount &&
          c >= m.column &&
          c < m.column + m.columnCount &&
          (r !== m.row || c !== m.column),
      );
    const found: string[] = [];
    const rows = Math.max(
      data.formulasWithoutValue.reduce((n, [r]) => Math.max(n, r + 1), data.rowCount),
      merges.reduce((n, m) => Math.max(n, m.row + m.rowCount), 0),
    );
    const lastRow = Math.min(block.row + block.rowCount, rows);
    for (let r = block.row; r < lastRow && found.length < limit; r++) {
      if ((r - block.row) % 65_536 === 0) io?.signal?.throwIfAborted();
      for (let c = block.column; c < block.column + block.columnCount && found.length < limit; c++) {
        const column = data.columns[c];
        if ((column && !column.isEmpty(r)) || formulas.has(r * 16_384 + c) || covered(r, c))
          found.push(qualifiedCellAddress(block.sheet, r, c));
      }
    }
    return found;
  }

  async sheetNames(): Promise<string[]> {
    return [...this.structure.sheets.map((s) => s.name), ...this.added.map((s) => s.name)];
  }

  async appendColumns(table: TableInfo, columns: readonly NewColumn[]): Promise<void> {
    if (this.pending && this.pending.table.sheet !== table.sheet) {
      throw new Error("Columns can be added to one table per run.");
    }
    const pending = (this.pending ??= { table, columns: [] });
    pending.columns.push(...columns);
  }

  async removeColumns(_table: TableInfo, headers: readonly string[]): Promise<void> {
    if (!this.pending) return;
    this.pending.columns = this.pending.columns.filter((column) => !headers.includes(column.header));
  }

  async addSheet(content: SheetContent): Promise<void> {
    const taken = new Set((await this.sheetNames()).map((name) => name.toLowerCase()));
    if (taken.has(content.name.toLowerCase()))
      throw new Error(`A sheet named "${content.name}" exists already.`);
    this.added.push(content);
  }

  async deleteSheet(name: string): Promise<void> {
    const index = this.added.findIndex((sheet) => sheet.name === name);
    if (index >= 0) this.added.splice(index, 1);
  }

  /**
   * Writes the patched package to `filePath` (see the class comment). On failure the promise
   * rejects and the partial file is the caller's to remove (the runner writes to a temporary name
   * and renames at the end).
   */
  async save(filePath: string): Promise<void> {
    const replaced = new Map<string, PartContent>();
    const added = new Map<string, PartContent>();
    const newTypes: { part: string; contentType: string }[] = [];
    const removedParts: string[] = [];
    const names = new Set(this.zip.names().map((name) => name.toLowerCase()));
    const freshPart = (folder: string, stem: string, extension = ".xml") => {
      for (let n = 1; ; n++) {
        const part = `${folder}/${stem}${n}${extension}`;
        if (!names.has(part.toLowerCase())) {
          names.add(part.toLowerCase());
          return part;
        }
      }
    };

    let wroteFormulas = false;
    const pending = this.pending && this.pending.columns.length > 0 ? this.pending : null;
    if (pending) {
      const { table, columns } = pending;
      const sheet = this.sheetEntry(table.sheet);
      const data = await this.sheetData(table.sheet);
      if (columns.some((column) => column.numberFormat && column.numberFormat !== "General"))
        await this.loadStyles();
      const patch = this.sheetPatch(table, columns);
      wroteFormulas = columns.some((column) => column.formulas !== undefined);
      replaced.set(sheet.part, () => patchedSheet(this.zip, sheet.part, data.layout, patch));
      if (table.tableName) {
        const part = this.located?.table?.part;
        if (!part) throw new Error(`The table "${table.tableName}" has no part.`);
        replaced.set(
          part,
          Buffer.from(
            widenTable(
              await this.zip.readText(part),
              columns.map((c) => c.header),
            ),
          ),
        );
      }
      if (mergeRowNeeded(data.layout, patch)) {
        // Cells replaced in place may have been formulas the calculation chain lists; Excel rebuilds it.
        const chain = this.structure.workbookRels.find((rel) => rel.type === CALC_CHAIN);
        if (chain && this.zip.has(chain.target)) removedParts.push(chain.target);
      }
    }

    const newSheets: { name: string; relationshipId: string }[] = [];
    const workbookRels: { id: string; type: string; target: string }[] = [];
    const usedIds = new Set(this.structure.workbookRels.map((rel) => rel.id));
    const freshId = (used: Set<string>) => {
      for (let n = 1; ; n++) {
        if (!used.has(`rIdCx${n}`)) {
          used.add(`rIdCx${n}`);
          return `rIdCx${n}`;
        }
      }
    };
    for (const content of this.added) {
      const sheetPart = freshPart("xl/worksheets", "sheet");
      const relationshipId = freshId(usedIds);
      newSheets.push({ name: content.name, relationshipId });
      workbookRels.push({ id: relationshipId, type: RELATIONSHIP_TYPES.worksheet, target: `/${sheetPart}` });
      newTypes.push({ part: sheetPart, contentType: CONTENT_TYPES.worksheet });
      const formatAt = formatLookup(content);
      const styleAt = (row: number, column: number) => {
        const format = formatAt(row, column);
        return format === "General" ? 0 : this.styleSheetSync().styleForFormat(format);
      };
      if (content.numberFormats?.length) await this.loadStyles();
      const charts = content.charts ?? [];
      let drawingId: string | null = null;
      if (charts.length > 0) {
        const drawingPart = freshPart("xl/drawings", "drawing");
        drawingId = "rId1";
        added.set(
          relationshipsPartOf(sheetPart),
          Buffer.from(
            addRelationships(null, [
              { id: drawingId, type: RELATIONSHIP_TYPES.drawing, target: `/${drawingPart}` },
            ]),
          ),
        );
        newTypes.push({ part: drawingPart, contentType: CONTENT_TYPES.drawing });
        const chartRels: { id: string; type: string; target: string }[] = [];
        const anchored = charts.map((spec, i) => {
          const chartPart = freshPart("xl/charts", "chart");
          const id = `rId${i + 1}`;
          chartRels.push({ id, type: RELATIONSHIP_TYPES.chart, target: `/${chartPart}` });
          newTypes.push({ part: chartPart, contentType: CONTENT_TYPES.chart });
          const cell = (row: number, column: number) => content.cells[row]?.[column] ?? null;
          added.set(chartPart, Buffer.from(chartPartXml(spec, cell, formatAt)));
          return { spec, relationshipId: id };
        });
        added.set(drawingPart, Buffer.from(drawingPartXml(anchored)));
        added.set(relationshipsPartOf(drawingPart), Buffer.from(addRelationships(null, chartRels)));
      }
      added.set(sheetPart, Buffer.from(addedSheetXml(content, styleAt, drawingId)));
    }

    if (this.styles?.changed && this.structure.stylesPart && this.zip.has(this.structure.stylesPart)) {
      replaced.set(this.structure.stylesPart, Buffer.from(this.styles.build()));
    } else if (this.styles?.changed) {
      added.set("xl/styles.xml", Buffer.from(this.styles.build()));
      names.add("xl/styles.xml");
      workbookRels.push({ id: freshId(usedIds), type: RELATIONSHIP_TYPES.styles, target: "/xl/styles.xml" });
      newTypes.push({ part: "xl/styles.xml", contentType: CONTENT_TYPES.styles });
    }

    const { workbookPart, workbookRelsPart } = this.structure;
    if (newSheets.length > 0 || wroteFormulas) {
      replaced.set(
        workbookPart,
        Buffer.from(patchWorkbookXml(await this.zip.readText(workbookPart), newSheets, wroteFormulas)),
      );
    }
    if (workbookRels.length > 0 || removedParts.length > 0) {
      let rels = this.zip.has(workbookRelsPart) ? await this.zip.readText(workbookRelsPart) : null;
      if (removedParts.length > 0 && rels) rels = removeRelationships(rels, CALC_CHAIN);
      replaced.set(workbookRelsPart, Buffer.from(addRelationships(rels, workbookRels)));
    }
    if (newTypes.length > 0 || removedParts.length > 0) {
      replaced.set(
        "[Content_Types].xml",
        Buffer.from(
          patchContentTypes(await this.zip.readText("[Content_Types].xml"), newTypes, removedParts),
        ),
      );
    }
    await this.zip.write(filePath, replaced, added, new Set(removedParts));
  }

  /** Releases the file (the workbook cannot be saved after this). */
  close(): void {
    this.zip.close();
  }

  // ---- internals -----------------------------------------------------------------------------

  private sheetEntry(name: string): SheetEntry {
    const sheet = this.structure.sheets.find((s) => s.name === name);
    if (!sheet) throw new Error(`The sheet "${name}" does not exist.`);
    return sheet;
  }

  /** The parsed cells of a worksheet, read on first use. */
  private async sheetData(name: string, io?: IoOptions): Promise<SheetData> {
    const known = this.parsed.get(name);
    if (known) return known;
    const sheet = this.sheetEntry(name);
    const data = await readSheet(this.zip, sheet.part, {
      sharedStrings: this.sharedStrings,
      dateStyles: this.dateStyles,
      io,
    });
    this.parsed.set(name, data);
    return data;
  }

  private async loadStyles(): Promise<StyleSheet> {
    if (!this.styles) {
      const part = this.structure.stylesPart;
      this.styles = StyleSheet.parse(
        part && this.zip.has(part) ? await this.zip.readText(part) : MINIMAL_STYLES,
      );
    }
    return this.styles;
  }

  private styleSheetSync(): StyleSheet {
    if (!this.styles) throw new Error("The style sheet was not loaded.");
    return this.styles;
  }

  /** The new cells for the target sheet, row by row, as the patcher asks for them. */
  private sheetPatch(table: TableInfo, columns: readonly NewColumn[]): SheetPatch {
    const firstColumn = table.firstColumn + table.columnCount;
    const styles = columns.map((column) =>
      column.numberFormat && column.numberFormat !== "General"
        ? this.styleSheetSync().styleForFormat(column.numberFormat)
        : 0,
    );
    const dateShift = columns.map((column) =>
      this.structure.date1904 && column.numberFormat && isDateFormat(-1, column.numberFormat)
        ? DAYS_1904_AFTER_1900
        : 0,
    );
    const tableName = table.tableName;
    const formulas = columns.map((column) =>
      column.formulas && tableName
        ? column.formulas.map((f) => toFileFormula(f, tableName))
        : column.formulas,
    );
    return {
      firstRow: table.headerRow,
      lastRow: table.headerRow + table.rowCount,
      firstColumn,
      lastColumn: firstColumn + columns.length - 1,
      cellsOf: (row) => {
        const i = row - table.headerRow - 1;
        const cells = columns.map((column, j) => {
          const sheetColumn = firstColumn + j;
          const reference = cellAddress(row, sheetColumn);
          if (i < 0) return { column: sheetColumn, xml: cellXml(reference, column.header, 0) };
          const formula = formulas[j]?.[i];
          if (formula !== undefined)
            return { column: sheetColumn, xml: formulaCellXml(reference, formula, styles[j]) };
          let value = column.values?.[i] ?? null;
          if (typeof value === "number" && dateShift[j]) value -= dateShift[j];
          return { column: sheetColumn, xml: value === null ? "" : cellXml(reference, value, styles[j]) };
        });
        return { cells };
      },
    };
  }

  /** The reader notes for the located table (see {@link readerNotes}). */
  private describeTarget(target: FileTarget): string[] {
    const notes: string[] = [];
    // A --table or --sheet that names nothing is the runner's own problem message (it lists the
    // tables and sheets there are, from tableNames() and sheetNames()): no note repeats it.
    if ((target.table || target.sheet) && !this.located) return notes;
    const found = this.located;
    if (!found) return notes;
    const data = this.parsed.get(found.sheet.name);
    if (!data) return notes;
    if (found.table && found.table.headerRowCount !== 1) {
      notes.push(
        `The table "${found.table.name}" has its header row switched off: turn it on in Excel (Table Design › Header Row) and save, then run again.`,
      );
      return notes;
    }
    const where = found.table ? `table "${found.table.name}"` : `sheet "${found.sheet.name}"`;
    const range = found.table ? parseRangeAddress(found.table.ref) : null;
    const region = range
      ? {
          top: range.row,
          bottom: range.row + range.rowCount - 1,
          left: range.column,
          right: range.column + range.columnCount - 1,
        }
      : regionOf(data);
    if (!region) return notes;
    const inside = (r: number, c: number) =>
      r >= region.top && r <= region.bottom && c >= region.left && c <= region.right;
    const missing = data.formulasWithoutValue.filter(([r, c]) => inside(r, c));
    if (missing.length > 0) {
      notes.push(
        `${missing.length} formula cell${missing.length === 1 ? "" : "s"} in the ${where} ${missing.length === 1 ? "has" : "have"} no calculated result in the file (${listCells(found.sheet.name, missing)}), so ${missing.length === 1 ? "it reads" : "they read"} as blank: the program that wrote the file did not calculate them. Open and save the file in Excel or LibreOffice so the formulas get their results, then run again.`,
      );
    }
    const mergedHeader = data.merges.filter(
      (m) =>
        m.row <= region.top &&
        m.row + m.rowCount - 1 >= region.top &&
        m.column <= region.right &&
        m.column + m.columnCount - 1 >= region.left,
    );
    if (mergedHeader.length > 0) {
      const ranges = mergedHeader
        .slice(0, LISTED)
        .map(
          (m) =>
            `${cellAddress(m.row, m.column)}:${cellAddress(m.row + m.rowCount - 1, m.column + m.columnCount - 1)}`,
        );
      notes.push(
        `The header row (row ${region.top + 1}) of the ${where} has merged cells (${ranges.join(", ")}): each column needs its own header cell. Unmerge them (Home › Merge & Center) and give every column a name, then run again.`,
      );
    }
    if (!found.table) {
      const filledInHeader = countFilled(data, region.top, region.left, region.right);
      const filledBelow =
        region.bottom > region.top ? countFilled(data, region.top + 1, region.left, region.right) : 0;
      if (filledInHeader === 1 && region.right > region.left && filledBelow > 1) {
        const title = data.columns[region.left]?.get(region.top);
        notes.push(
          `Row ${region.top + 1} of sheet "${found.sheet.name}" holds only "${String(title ?? "")}", like a title above the header row: delete that row (or leave a blank row under it), or make the data an Excel table (Insert › Table) starting at the header row, then run again.`,
        );
      } else if (region.bottom === region.top && data.rowCount > region.top + 1) {
        notes.push(
          `The first non-empty cell of sheet "${found.sheet.name}" (${cellAddress(region.top, region.left)}) stands alone, like a title: the table must start at its header row. Delete the title (or make the data an Excel table, Insert › Table), then run again.`,
        );
      }
    }
    return notes;
  }
}

/** The sheet and Excel table the target names (see the class comment), or null. */
function locate(
  structure: PackageStructure,
  tablesBySheet: Map<string, TablePart[]>,
  target: FileTarget,
): Located | null {
  const worksheets = structure.sheets.filter((sheet) => sheet.isWorksheet && tablesBySheet.has(sheet.name));
  const named = target.sheet
    ? (worksheets.find((s) => s.name === target.sheet) ??
      worksheets.find((s) => s.name.toLowerCase() === target.sheet?.toLowerCase()))
    : undefined;
  if (target.sheet && !named) return null;
  const candidates = named ? [named] : worksheets;
  for (const sheet of candidates) {
    for (const table of tablesBySheet.get(sheet.name) ?? []) {
      if (target.table && table.name.toLowerCase() !== target.table.toLowerCase()) continue;
      return { sheet, table };
    }
  }
  if (target.table) return null;
  const sheet = candidates[0];
  return sheet ? { sheet, table: null } : null;
}

/** The current region around the sheet's first non-empty cell. */
function regionOf(data: SheetData) {
  const filled = (r: number, c: number) => {
    const column = data.columns[c];
    return column !== undefined && !column.isEmpty(r);
  };
  const limits = { rowCount: data.rowCount, columnCount: data.columns.length };
  const start = firstFilledCellByColumns(data) ?? firstFilledCell(filled, limits);
  return start ? currentRegion(filled, start.row, start.column, limits) : null;
}

/** The first non-empty cell in reading order, found column by column (O(cells) but no row scan of blanks). */
function firstFilledCellByColumns(data: SheetData): { row: number; column: number } | null {
  let best: { row: number; column: number } | null = null;
  data.columns.forEach((column: CellColumn | undefined, c) => {
    if (!column) return;
    const limit = best ? best.row : column.length;
    for (let r = 0; r <= Math.min(limit, column.length - 1); r++) {
      if (!column.isEmpty(r)) {
        if (!best || r < best.row || (r === best.row && c < best.column)) best = { row: r, column: c };
        break;
      }
    }
  });
  return best;
}

function countFilled(data: SheetData, row: number, left: number, right: number): number {
  let count = 0;
  for (let c = left; c <= right; c++) if (data.columns[c] && !data.columns[c]!.isEmpty(row)) count++;
  return count;
}

function tableInfo(
  sheet: string,
  data: SheetData,
  tableName: string | null,
  headerRow: number,
  firstColumn: number,
  columnCount: number,
  rowCount: number,
): TableInfo {
  const headers: CellValue[] = [];
  for (let c = 0; c < columnCount; c++) {
    const value = data.columns[firstColumn + c]?.get(headerRow) ?? null;
    headers.push(value === "" ? null : value);
  }
  let hiddenRowCount = 0;
  for (const r of data.hiddenRows) if (r > headerRow && r <= headerRow + rowCount) hiddenRowCount++;
  return {
    sheet,
    tableName,
    headerRow,
    firstColumn,
    columnCount,
    rowCount,
    headers,
    sheetProtected: data.protected,
    hiddenRowCount,
  };
}

/** The format code shown at a cell of an added sheet ("General" when none applies). */
function formatLookup(content: SheetContent): (row: number, column: number) => string {
  return (row, column) => {
    let code = "General";
    for (const { block, format } of content.numberFormats ?? []) {
      if (
        row >= block.row &&
        row < block.row + block.rowCount &&
        column >= block.column &&
        column < block.column + block.columnCount
      )
        code = format;
    }
    return code;
  };
}

function listCells(sheet: string, cells: readonly [number, number][]): string {
  const listed = cells.slice(0, LISTED).map(([r, c]) => qualifiedCellAddress(sheet, r, c));
  return cells.length > LISTED ? `${listed.join(", ")} and ${cells.length - LISTED} more` : listed.join(", ");
}
