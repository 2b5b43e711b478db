/**
 * The style sheet (`xl/styles.xml`, ECMA-376 Part 1 §18.8), for two jobs: which cell styles show
 * dates (to read a 1904-system workbook's dates as 1900-system serials), and the cell style a new
 * cell with a number format needs. New styles are only ever appended (a `numFmt` when the code is
 * not built in, an `xf` in `cellXfs`), so every existing style index keeps its meaning.
 *
 * @example
 * const styles = new StyleSheet(parseXml(stylesXml));
 * styles.styleForFormat("0.00%"); // => 3  (a new xf with numFmtId 10 after the 3 existing ones)
 */
import { builtInFormatId, isDateFormat } from "./numberFormats";
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
  type XmlNode,
} from "./xmlTree";

/** A minimal style sheet for a package that has none (one font, the two required fills, one border). */
export const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  "</styleSheet>";

/** Elements of CT_Stylesheet in schema order: a new `numFmts` must go before all the others. */
const AFTER_NUM_FMTS = [
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
];

export class StyleSheet {
  private readonly root: XmlNode;
  private readonly formats = new Map<number, string>();
  private readonly added = new Map<string, number>();
  changed = false;

  constructor(private readonly tree: XmlNode[]) {
    const root = findFirst(tree, "styleSheet");
    if (!root) throw new Error("The style sheet has no styleSheet element.");
    this.root = root;
    const numFmts = childElements(root, "numFmts")[0];
    for (const format of numFmts ? childElements(numFmts, "numFmt") : []) {
      this.formats.set(Number(attribute(format, "numFmtId")), attribute(format, "formatCode") ?? "");
    }
  }

  static parse(text: string): StyleSheet {
    return new StyleSheet(parseXml(text));
  }

  private cellXfs(): XmlNode[] {
    const cellXfs = childElements(this.root, "cellXfs")[0];
    return cellXfs ? childElements(cellXfs, "xf") : [];
  }

  /** By cell style index: 1 where the style's number format shows a date or time. */
  dateStyles(): Uint8Array {
    const xfs = this.cellXfs();
    const flags = new Uint8Array(xfs.length);
    xfs.forEach((xf, i) => {
      const id = Number(attribute(xf, "numFmtId") ?? 0);
      flags[i] = isDateFormat(id, this.formats.get(id)) ? 1 : 0;
    });
    return flags;
  }

  /** The number format code of a cell style ("General" when none). */
  formatOfStyle(style: number): string {
    const xf = this.cellXfs()[style];
    const id = Number(xf ? (attribute(xf, "numFmtId") ?? 0) : 0);
    return this.formats.get(id) ?? "General";
  }

  /**
   * The index of a cell style with the default font, fill and border and this number format:
   * an existing plain one when there is, otherwise appended.
   */
  styleForFormat(code: string): number {
    const known = this.added.get(code);
    if (known !== undefined) return known;
    const id = this.formatId(code);
    const xfs = this.cellXfs();
    let index = xfs.findIndex(
      (xf) =>
        Number(attribute(xf, "numFmtId") ?? 0) === id &&
        Number(attribute(xf, "fontId") ?? 0) === 0 &&
        Number(attribute(xf, "fillId") ?? 0) === 0 &&
        Number(attribute(xf, "borderId") ?? 0) === 0 &&
        childrenOf(xf).length === 0,
    );
    if (index < 0) {
      const cellXfs = this.ensureContainer("cellXfs");
      const xf = newElement(
        "xf",
        { numFmtId: String(id), fontId: "0", fillId: "0", borderId: "0", xfId: "0", applyNumberFormat: "1" },
        [],
        cellXfs,
      );
      childrenOf(cellXfs).push(xf);
      index = xfs.length;
      setAttribute(cellXfs, "count", String(index + 1));
      this.changed = true;
    }
    this.added.set(code, index);
    return index;
  }

  build(): string {
    return buildXml(this.tree);
  }

  /** A built-in id, an existing custom id with the same code, or a new custom id (≥ 164). */
  private formatId(code: string): number {
    const builtIn = builtInFormatId(code);
    if (builtIn !== null) return builtIn;
    for (const [id, existing] of this.formats) if (existing === code) return id;
    const id = Math.max(163, ...this.formats.keys()) + 1;
    const numFmts = this.ensureContainer("numFmts");
    childrenOf(numFmts).push(newElement("numFmt", { numFmtId: String(id), formatCode: code }, [], numFmts));
    this.formats.set(id, code);
    setAttribute(numFmts, "count", String(childElements(numFmts, "numFmt").length));
    this.changed = true;
    return id;
  }

  /** The child element `name` of the style sheet, created in schema order when missing. */
  private ensureContainer(name: "numFmts" | "cellXfs"): XmlNode {
    const existing = childElements(this.root, name)[0];
    if (existing) return existing;
    const container = newElement(name, { count: "0" }, [], this.root);
    const children = childrenOf(this.root);
    const followers =
      name === "numFmts" ? AFTER_NUM_FMTS : AFTER_NUM_FMTS.slice(AFTER_NUM_FMTS.indexOf("cellXfs") + 1);
    const at = children.findIndex((child) => {
      const tag = tagOf(child);
      return tag !== null && followers.includes(tag.slice(tag.indexOf(":") + 1));
    });
    if (at < 0) children.push(container);
    else children.splice(at, 0, container);
    return container;
  }
}
