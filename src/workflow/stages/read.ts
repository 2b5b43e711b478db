/**
 * Stage `read`: the cells of the mapped columns a run needs, and nothing else — the method's
 * required and optional roles and satisfaction for the averages, in one `readColumns` call (the
 * workbook batches and chunks it); and of a plain range's customer column only its last few cells,
 * where a totals row's label would be (`src/core/totalsRow.ts`). A rejected read reaches the run's
 * boundary as a "read-failed" problem.
 */
import { MAX_TOTALS_ROWS } from "../../core/totalsRow";
import type { CellValue, TableInfo, Workbook } from "../../workbook/workbook";
import { COMMON_OPTIONAL_ROLES } from "../roles";
import type { ColumnMapping, Role } from "../types";
import type { Planned } from "./check";
import type { RunContext } from "./runContext";

/** The cells read, by role: one per data row of the table. */
export interface TableRead {
  table: TableInfo;
  headers: readonly string[];
  mapping: ColumnMapping;
  /** The cells of each role read, one per data row (the customer column is not among them). */
  cells: Partial<Record<Role, CellValue[]>>;
  /**
   * The customer cells of the last rows (at most {@link MAX_TOTALS_ROWS}) of a plain range, in row
   * order; null for an Excel table or when no customer column is mapped.
   */
  lastLabels: CellValue[] | null;
}

/**
 * The roles whose whole columns a run reads: required, the method's optional ones, then
 * satisfaction. The customer column is not read whole: no method computes with it.
 */
export function rolesToRead(planned: Planned): Role[] {
  const { entry, mapping } = planned;
  const roles: Role[] = [...entry.requiredRoles];
  for (const role of [...(entry.optionalRoles ?? []), ...COMMON_OPTIONAL_ROLES]) {
    if (roles.includes(role) || mapping[role] === null || role === "customer") continue;
    roles.push(role);
  }
  return roles;
}

export async function read(wb: Workbook, planned: Planned, run: RunContext): Promise<TableRead> {
  run.stage = "read";
  const { table, headers, mapping } = planned;
  const roles = rolesToRead(planned);
  const columns = [...new Set(roles.map((role) => mapping[role] as number))];
  const read = await wb.readColumns(table, columns, {
    signal: run.signal,
    onProgress: (done, total) => run.progress((0.5 * done) / Math.max(1, total), "Reading"),
  });
  const cells: Partial<Record<Role, CellValue[]>> = {};
  for (const role of roles) cells[role] = read[columns.indexOf(mapping[role] as number)];
  return { table, headers, mapping, cells, lastLabels: await lastLabels(wb, planned, run) };
}

/** The customer cells of a plain range's last rows, where a totals row would be (one small read). */
async function lastLabels(wb: Workbook, planned: Planned, run: RunContext): Promise<CellValue[] | null> {
  const { table, mapping } = planned;
  // A totals row needs its label and the value column it sums; an Excel table has none among its data rows.
  if (table.tableName !== null || mapping.customer === null || mapping.value === null) return null;
  const rows = Math.min(MAX_TOTALS_ROWS, table.rowCount);
  // The last `rows` data rows are the data rows of the same range with its "header" moved down.
  const tail: TableInfo = { ...table, headerRow: table.headerRow + table.rowCount - rows, rowCount: rows };
  const [column] = await wb.readColumns(tail, [mapping.customer], { signal: run.signal });
  return column;
}
