/**
 * Structured references as a file must store them. In Excel's formula bar (and through Office.js)
 * a formula inside a table may write `[@Revenue]` and `[Revenue]`; the file format has no such
 * shorthand (ECMA-376 Part 1, §18.17.6.2, and MS-XLSX 2.2.2): every reference names its table and
 * the current row is the special item `[#This Row]`. LibreOffice shows Err:507 for the shorthand,
 * and Excel repairs it away. The workflow builds formulas as a user types them (the pane needs that
 * form), so the file writer, which alone knows it writes a file, translates:
 *
 *   [@Revenue]           → Customers[[#This Row],[Revenue]]
 *   [@[Net revenue]]     → Customers[[#This Row],[Net revenue]]
 *   [Revenue]            → Customers[Revenue]
 *   Customers[@Revenue]  → Customers[[#This Row],[Revenue]]
 *
 * Text constants ("…") and quoted sheet names ('…') are skipped. Only formulas the workflow wrote
 * are translated (they hold no external-workbook references like `[1]Sheet1!A1`, which would read
 * as a structured reference here). O(formula length).
 *
 * @example toFileFormula("=CX.SEGMENT([@Revenue],[@Match],MEDIAN([Revenue]))", "Customers")
 * // => "=CX.SEGMENT(Customers[[#This Row],[Revenue]],Customers[[#This Row],[Match]],MEDIAN(Customers[Revenue]))"
 */

/** Characters that can end a table name right before its `[` (letters, digits, `_`, `.`, `\`). */
function endsName(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}_.\\]/u.test(ch);
}

/** The index just past the bracket group starting at `start` (`[` … matching `]`, `'` escapes). */
function bracketEnd(formula: string, start: number): number {
  let depth = 0;
  for (let i = start; i < formula.length; i++) {
    const ch = formula[i];
    if (ch === "'") {
      i++; // the next character is taken literally
      continue;
    }
    if (ch === "[") depth++;
    else if (ch === "]" && --depth === 0) return i + 1;
  }
  return formula.length;
}

/** `[@Revenue]` → `[[#This Row],[Revenue]]`; any other group unchanged. */
function thisRowItem(group: string): string {
  if (!group.startsWith("[@")) return group;
  const inner = group.slice(2, -1);
  if (inner === "") return "[#This Row]";
  const column = inner.startsWith("[") ? inner : `[${inner}]`;
  return `[[#This Row],${column}]`;
}

export function toFileFormula(formula: string, tableName: string): string {
  let out = "";
  for (let i = 0; i < formula.length;) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // A text constant or a quoted sheet name: copy through its closing quote (doubled quotes escape).
      let j = i + 1;
      while (j < formula.length) {
        if (formula[j] === ch) {
          if (formula[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "[") {
      const end = bracketEnd(formula, i);
      const group = formula.slice(i, end);
      out += endsName(formula[i - 1]) ? thisRowItem(group) : `${tableName}${thisRowItem(group)}`;
      i = end;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}
