/**
 * Live `CX.SEGMENT` formulas for the quadrant method (`output: "formulas"`), so the segments update
 * when the data changes. In an Excel table they use structured references:
 *   =CX.SEGMENT([@Revenue],[@Match],MEDIAN([Revenue]),MEDIAN([Match]))
 * in a plain range, per-row A1 references with the whole column's range made absolute:
 *   =CX.SEGMENT(B2,C2,MEDIAN($B$2:$B$101),MEDIAN($C$2:$C$101))
 */
import type { TableInfo } from "../workbook/workbook";
import { cellAddress } from "../core/a1";
import { type CutRule, QUADRANT_NAMES } from "../core/quadrant";

/** A table column name inside a structured reference: ' escapes [ ] # and ' (Excel's rule). */
function escapeColumnName(name: string): string {
  return name.replace(/(['#[\]])/g, "'$1");
}

/** `[@Revenue]`, or `[@[Net revenue]]` when the name is not a plain word. */
export function thisRowReference(column: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(column) ? `[@${column}]` : `[@[${escapeColumnName(column)}]]`;
}

/** `[Revenue]`: the whole data column of the same table. */
export function columnReference(column: string): string {
  return `[${escapeColumnName(column)}]`;
}

/** A text constant in a formula: double quotes doubled. */
function textConstant(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function cutArgument(rule: CutRule, wholeColumn: string): string {
  switch (rule.kind) {
    case "median":
      return `MEDIAN(${wholeColumn})`;
    case "mean":
      return `AVERAGE(${wholeColumn})`;
    case "number":
      return String(rule.value);
  }
}

export interface QuadrantFormulaPlan {
  table: TableInfo;
  headers: readonly string[];
  valueColumn: number;
  matchColumn: number;
  valueCut: CutRule;
  matchCut: CutRule;
  labels: readonly string[];
  /**
   * Data rows the MEDIAN/AVERAGE ranges of a plain range cover (default all): a totals row below the
   * customers is left out of the cut, as the run leaves it out.
   */
  cutRows?: number;
}

/**
 * One formula per data row; rows with `mask` 0 (left unsegmented) get `=""`, a formula that shows
 * blank. Labels are passed as an array constant only when they differ from CX.SEGMENT's defaults.
 * O(rows).
 */
export function quadrantFormulas(plan: QuadrantFormulaPlan, mask: Uint8Array): string[] {
  const { table, headers, valueColumn, matchColumn } = plan;
  const customLabels = plan.labels.some((label, i) => label !== QUADRANT_NAMES[i]);
  const labelsArgument = customLabels ? `,{${plan.labels.map(textConstant).join(",")}}` : "";
  const out = new Array<string>(table.rowCount);
  if (table.tableName !== null) {
    const valueName = headers[valueColumn];
    const matchName = headers[matchColumn];
    const formula =
      `=CX.SEGMENT(${thisRowReference(valueName)},${thisRowReference(matchName)},` +
      `${cutArgument(plan.valueCut, columnReference(valueName))},${cutArgument(plan.matchCut, columnReference(matchName))}` +
      `${labelsArgument})`;
    for (let i = 0; i < table.rowCount; i++) out[i] = mask[i] ? formula : '=""';
    return out;
  }
  const firstRow = table.headerRow + 1;
  const lastRow = table.headerRow + (plan.cutRows ?? table.rowCount);
  const valueSheetColumn = table.firstColumn + valueColumn;
  const matchSheetColumn = table.firstColumn + matchColumn;
  const valueRange = `${cellAddress(firstRow, valueSheetColumn, true)}:${cellAddress(lastRow, valueSheetColumn, true)}`;
  const matchRange = `${cellAddress(firstRow, matchSheetColumn, true)}:${cellAddress(lastRow, matchSheetColumn, true)}`;
  const cuts = `${cutArgument(plan.valueCut, valueRange)},${cutArgument(plan.matchCut, matchRange)}${labelsArgument})`;
  for (let i = 0; i < table.rowCount; i++) {
    const row = firstRow + i;
    out[i] = mask[i]
      ? `=CX.SEGMENT(${cellAddress(row, valueSheetColumn)},${cellAddress(row, matchSheetColumn)},${cuts}`
      : '=""';
  }
  return out;
}
