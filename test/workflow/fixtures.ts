/** Small workbooks for the workflow tests, and settings with the mapping filled in. */
import type { CellValue } from "../../src/workbook/workbook";
import { MemoryWorkbook, type MemoryTableInit } from "../../src/workbook/memoryWorkbook";
import { defaultSettings } from "../../src/workflow/run";
import type { ColumnMapping, SegmentationSettings } from "../../src/workflow/types";

export const TODAY = new Date(2024, 0, 31);

/** One sheet "Customers" holding `cells` from A1, the selection in B2 (inside the table). */
export function workbookWith(
  cells: CellValue[][],
  options: {
    protected?: boolean;
    hiddenRows?: number[];
    tables?: MemoryTableInit[];
    extraSheets?: string[];
  } = {},
): MemoryWorkbook {
  return new MemoryWorkbook({
    sheets: [
      { name: "Customers", cells, protected: options.protected, hiddenRows: options.hiddenRows },
      ...(options.extraSheets ?? []).map((name) => ({ name, cells: [] })),
    ],
    tables: options.tables,
    selection: { sheet: "Customers", row: 1, column: 1 },
  });
}

/** The CX.SEGMENT example of the spec: medians 300 and 5.5 → Strategic, Potential, Profit, Ordinary. */
export function quadrantTable(): CellValue[][] {
  return [
    ["Customer", "Revenue", "Strategic match"],
    ["Alpha", 500, 8],
    ["Beta", 120, 9],
    ["Gamma", 480, 2],
    ["Delta", 90, 3],
  ];
}

export function settingsFor(
  method: SegmentationSettings["method"],
  mapping: Partial<ColumnMapping>,
  change: (s: SegmentationSettings) => void = () => {},
): SegmentationSettings {
  const settings = defaultSettings(TODAY);
  settings.method = method;
  Object.assign(settings.mapping, mapping);
  change(settings);
  return settings;
}

export const QUADRANT = settingsFor("quadrant", { customer: 0, value: 1, match: 2 });

/** A deep copy of every sheet's grid, to compare a workbook before and after. */
export async function snapshot(wb: MemoryWorkbook): Promise<Record<string, CellValue[][]>> {
  const out: Record<string, CellValue[][]> = {};
  for (const name of await wb.sheetNames()) out[name] = wb.sheetGrid(name);
  return out;
}

/** A column of the sheet below the header row 0, rows 1..n. */
export function columnValues(
  wb: MemoryWorkbook,
  column: number,
  n: number,
  sheet = "Customers",
): CellValue[] {
  return Array.from({ length: n }, (_, i) => wb.cell(sheet, i + 1, column));
}
