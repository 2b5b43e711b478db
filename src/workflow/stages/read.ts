/**
 * Stage `read`: the cells of the mapped columns a run needs, and nothing else — the method's
 * required and optional roles, satisfaction for the averages, and the customer column of a plain
 * range (a totals row is recognised by its label). One `readColumns` call, so the workbook batches
 * and chunks it; a rejected read reaches the run's boundary as a "read-failed" problem.
 */
import type { Workbook } from "../../workbook/workbook";
import { COMMON_OPTIONAL_ROLES } from "../roles";
import type { CellValue, TableInfo } from "../../workbook/workbook";
import type { ColumnMapping, Role } from "../types";
import type { Planned } from "./check";
import type { RunContext } from "./runContext";

/** The cells read, by role: one per data row of the table. */
export interface TableRead {
  table: TableInfo;
  headers: readonly string[];
  mapping: ColumnMapping;
  cells: Partial<Record<Role, CellValue[]>>;
}

/** The roles a run reads, in this order: required, the method's optional ones, then the common ones. */
export function rolesToRead(planned: Planned): Role[] {
  const { entry, mapping, table } = planned;
  const roles: Role[] = [...entry.requiredRoles];
  for (const role of [...(entry.optionalRoles ?? []), ...COMMON_OPTIONAL_ROLES]) {
    if (roles.includes(role) || mapping[role] === null) continue;
    // The customer column only matters for a totals row, which only a plain range can have.
    if (role === "customer" && table.tableName !== null) continue;
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
  return { table, headers, mapping, cells };
}
