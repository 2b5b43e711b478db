import type { TableInfo } from "../workbook/workbook";
import type { Role, SegmentationSettings } from "./types";
import type { NumericColumn } from "./validate";

/** What every method gets: the table, its settings, the numeric columns it needs and the used rows. */
export interface MethodInput {
  table: TableInfo;
  headers: readonly string[];
  settings: SegmentationSettings;
  numbers: Partial<Record<Role, NumericColumn>>;
  /** 1 for rows the method segments (every needed column numeric), 0 for rows left blank. */
  mask: Uint8Array;
  usedCount: number;
}

/** The numeric column of a role the method requires (checked before the method runs). */
export function requireColumn(input: MethodInput, role: Role): Float64Array {
  const column = input.numbers[role];
  if (!column) throw new Error(`internal: the ${role} column was not read`);
  return column.values;
}
