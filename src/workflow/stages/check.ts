/**
 * Stage `check`: everything that can be told before a cell of data is read — the mapped columns
 * exist and the method's required ones are mapped, the method's own settings make sense (its
 * registry entry's `check`), the table has data rows, and the sheet can take the results (not
 * protected, no rows hidden by a filter).
 */
import { PERIOD_NAMES } from "../../core/purchasePeriod";
import type { TableInfo } from "../../workbook/workbook";
import { asOfSerial } from "../methods/rfm";
import { type SegmentationMethod } from "../methods/method";
import { METHOD_IDS, isMethodId, methodOf } from "../methods/registry";
import { type Checked, type ProblemDetails, pass, stop } from "../problems";
import { ORDER_LOG_DERIVED_ROLES, ORDER_LOG_REQUIRED_ROLES, ROLES, roleName } from "../roles";
import type { ColumnMapping, Method, SegmentationSettings } from "../types";
import type { Located } from "./locate";
import type { RunContext } from "./runContext";

/** A run that passed its checks: the table, its headers and mapping, and the method's entry. */
export interface Planned {
  table: TableInfo;
  headers: readonly string[];
  mapping: ColumnMapping;
  entry: SegmentationMethod<Method>;
}

export function check(located: Located, settings: SegmentationSettings, run: RunContext): Checked<Planned> {
  run.stage = "check";
  const { table, headers } = located;
  const { mapping } = settings;
  for (const role of ROLES) {
    const column = mapping[role];
    if (column !== null && (!Number.isInteger(column) || column < 0 || column >= headers.length)) {
      return stop({
        code: "invalid-setting",
        setting: "mapping",
        rule: `names a column for the ${roleName(role)} that is not in the table (it has ${headers.length} column${headers.length === 1 ? "" : "s"}): choose it again`,
      });
    }
  }
  if (!isMethodId(settings.method)) {
    return stop({
      code: "invalid-setting",
      setting: "method",
      rule: `must be one of ${METHOD_IDS.join(", ")} (got "${String(settings.method)}")`,
    });
  }
  const entry = methodOf(settings.method);
  const orders = settings.source.kind === "orders";
  if (orders) {
    const problem = checkOrderLog(settings, headers);
    if (problem !== null) return stop(problem);
  }
  // From an order log, the source fills the per-customer roles (total value, purchases, dates).
  const missing = entry.requiredRoles.filter(
    (role) => mapping[role] === null && !(orders && ORDER_LOG_DERIVED_ROLES.includes(role)),
  );
  if (missing.length > 0) {
    return stop({ code: "unmapped-column", methodName: entry.name, roles: missing, headers: [...headers] });
  }
  const problem = entry.check(settings[entry.id], headers);
  if (problem !== null) return stop(problem);
  if (table.rowCount === 0)
    return stop({ code: "no-data", reason: "no-rows", headerRow: table.headerRow + 1 });
  if (table.sheetProtected) return stop({ code: "protected-sheet", sheet: table.sheet });
  if (table.hiddenRowCount > 0) return stop({ code: "filtered-table", hiddenRows: table.hiddenRowCount });
  return pass({ table, headers, mapping, entry });
}

/** The order log's own settings and columns, and the retention block's settings. */
function checkOrderLog(settings: SegmentationSettings, headers: readonly string[]): ProblemDetails | null {
  const { source, retention, mapping } = settings;
  if (source.kind !== "orders") return null;
  if (asOfSerial(source.asOf) === null) {
    return {
      code: "invalid-setting",
      setting: "source.asOf",
      rule: `must be a date that exists, in the form yyyy-mm-dd (got "${source.asOf}")`,
    };
  }
  if (!(PERIOD_NAMES as readonly string[]).includes(source.period)) {
    return {
      code: "invalid-setting",
      setting: "source.period",
      rule: `must be one of ${PERIOD_NAMES.join(", ")} (got "${String(source.period)}")`,
    };
  }
  if (!(PERIOD_NAMES as readonly string[]).includes(retention.period)) {
    return {
      code: "invalid-setting",
      setting: "retention.period",
      rule: `must be one of ${PERIOD_NAMES.join(", ")} (got "${String(retention.period)}")`,
    };
  }
  if (!(Number.isFinite(retention.marginShare) && retention.marginShare >= 0)) {
    return {
      code: "invalid-setting",
      setting: "retention.margin",
      rule: "must be a percentage of 0 or more",
    };
  }
  if (!(Number.isFinite(retention.annualDiscount) && retention.annualDiscount >= 0)) {
    return {
      code: "invalid-setting",
      setting: "retention.discount",
      rule: "must be a percentage a year of 0 or more",
    };
  }
  const missing = ORDER_LOG_REQUIRED_ROLES.filter((role) => mapping[role] === null);
  if (missing.length > 0) return { code: "unmapped-order-column", roles: missing, headers: [...headers] };
  return null;
}
