/**
 * The XML of one new cell (ECMA-376 Part 1, §18.3.1.4 `c`). Text is ALWAYS an inline string
 * (`t="inlineStr"`), whatever it starts with: "=1+2" stays the text "=1+2", never a formula. Only
 * `formula` makes a formula, written without its leading "=" and with no cached value (the workbook
 * is marked for recalculation). A number that is not finite becomes `#NUM!`. O(length of the text).
 *
 * @example cellXml("O2", "Strategic", 0) // => '<c r="O2" t="inlineStr"><is><t>Strategic</t></is></c>'
 * @example cellXml("O2", 0.25, 3) // => '<c r="O2" s="3"><v>0.25</v></c>'
 */
import type { CellValue } from "../workbook";
import { escapeText, textElement } from "./xmlText";

export function cellXml(reference: string, value: CellValue, style: number, prefix = ""): string {
  const s = style > 0 ? ` s="${style}"` : "";
  const c = `${prefix}c`;
  if (value === null) return style > 0 ? `<${c} r="${reference}"${s}/>` : "";
  if (typeof value === "string") {
    return `<${c} r="${reference}"${s} t="inlineStr"><${prefix}is>${textElement(value, prefix)}</${prefix}is></${c}>`;
  }
  if (typeof value === "boolean") {
    return `<${c} r="${reference}"${s} t="b"><${prefix}v>${value ? 1 : 0}</${prefix}v></${c}>`;
  }
  if (!Number.isFinite(value))
    return `<${c} r="${reference}"${s} t="e"><${prefix}v>#NUM!</${prefix}v></${c}>`;
  return `<${c} r="${reference}"${s}><${prefix}v>${String(value)}</${prefix}v></${c}>`;
}

/** A formula cell; `formula` starts with "=" (dropped: the file stores the formula without it). */
export function formulaCellXml(reference: string, formula: string, style: number, prefix = ""): string {
  const s = style > 0 ? ` s="${style}"` : "";
  const text = formula.startsWith("=") ? formula.slice(1) : formula;
  return `<${prefix}c r="${reference}"${s}><${prefix}f>${escapeText(text)}</${prefix}f></${prefix}c>`;
}
