/**
 * Default settings and the settings remembered in the workbook (so a colleague re-runs with one
 * click). Saved settings are read defensively: a field that is missing or of the wrong type falls
 * back to its default, so a workbook saved by an older version still loads.
 */
import { PERIOD_NAMES, type PeriodName } from "../core/purchasePeriod";
import type { Workbook } from "../workbook/workbook";
import { emptyMapping } from "./mapping";
import { isRecord } from "./methods/method";
import { METHOD_IDS, isMethodId, methodOf, type MethodSettings } from "./methods/registry";
import { ROLES } from "./roles";
import type { Method, RetentionSettings, SegmentationSettings, SourceSettings } from "./types";

/** Workbook setting keys. */
export const SETTINGS_KEY = "cx.settings";
export const LAST_RUN_KEY = "cx.lastRun";

/** `today` as yyyy-mm-dd in local time (the date the user sees on the calendar). */
export function isoDate(today: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
}

/**
 * The settings a first run starts from: nothing mapped, a customer table, the quadrant method, each
 * method's own defaults from its registry entry (quadrants with median cuts and the CX.SEGMENT
 * labels, RFM as of today with quintile cuts, ABC at 80 % / 95 %), values (not formulas), stop at
 * invalid rows; for an order log (when chosen) as of today in weeks without returns, and the
 * retention block over a year at a 100 % margin and 10 % discount a year. `today` may also be given
 * as yyyy-mm-dd.
 */
export function defaultSettings(today: Date | string): SegmentationSettings {
  const asOf = typeof today === "string" ? today : isoDate(today);
  const perMethod = {} as Record<Method, unknown>;
  for (const id of METHOD_IDS) perMethod[id] = methodOf(id).defaults(asOf);
  return {
    method: "quadrant",
    source: { kind: "customers" },
    retention: { ...DEFAULT_RETENTION },
    mapping: emptyMapping(),
    output: "values",
    skipInvalidRows: false,
    ...(perMethod as MethodSettings),
  };
}

/** The retention block's defaults: a year's window, margin 100 % of value, 10 % discount a year. */
export const DEFAULT_RETENTION: Readonly<RetentionSettings> = Object.freeze({
  period: "year",
  marginShare: 1,
  annualDiscount: 0.1,
});

/** The order-log settings a user gets on choosing "One row per order": as of `asOf`, weeks, no returns. */
export function defaultOrderSource(asOf: string): SourceSettings & { kind: "orders" } {
  return { kind: "orders", asOf, period: "week", allowReturns: false };
}

/**
 * The settings of the last run saved in the workbook, or null when there are none, they cannot be
 * parsed, or the workbook cannot be asked (a failed read here is not a problem of its own: the
 * preview that follows reads the workbook again and reports it).
 */
export async function loadSavedSettings(
  wb: Workbook,
  today: Date = new Date(),
): Promise<SegmentationSettings | null> {
  return (await readSavedSettings(wb, today)).settings;
}

/**
 * The saved settings, and when the workbook could not even be asked for them, why (the error's
 * message), so the pane can say it starts from its defaults. Never throws.
 */
export async function readSavedSettings(
  wb: Workbook,
  today: Date = new Date(),
): Promise<{ settings: SegmentationSettings | null; unreadable: string | null }> {
  let text: string | null;
  try {
    text = await wb.readSetting(SETTINGS_KEY);
  } catch (error) {
    return { settings: null, unreadable: error instanceof Error ? error.message : String(error) };
  }
  return { settings: parseSavedSettings(text, today), unreadable: null };
}

function parseSavedSettings(text: string | null, today: Date): SegmentationSettings | null {
  if (text === null) return null;
  let saved: unknown;
  try {
    saved = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(saved)) return null;
  return mergeSettings(defaultSettings(today), saved);
}

/**
 * Saved fields over the defaults, each only when it has the right type; each method's part is read
 * by its registry entry (`restore`).
 */
export function mergeSettings(
  base: SegmentationSettings,
  saved: Record<string, unknown>,
): SegmentationSettings {
  const out: SegmentationSettings = { ...base, mapping: { ...base.mapping } };
  if (isMethodId(saved.method)) out.method = saved.method;
  if (saved.output === "values" || saved.output === "formulas") out.output = saved.output;
  if (typeof saved.skipInvalidRows === "boolean") out.skipInvalidRows = saved.skipInvalidRows;
  out.source = restoreSource(saved.source, base);
  out.retention = restoreRetention(saved.retention, base.retention);
  if (isRecord(saved.mapping)) {
    for (const role of ROLES) {
      const column = saved.mapping[role];
      if (column === null || (typeof column === "number" && Number.isInteger(column) && column >= 0)) {
        out.mapping[role] = column;
      }
    }
  }
  const perMethod = out as unknown as Record<Method, unknown>;
  for (const id of METHOD_IDS) perMethod[id] = methodOf(id).restore(saved[id], base[id]);
  return out;
}

function isPeriod(x: unknown): x is PeriodName {
  return typeof x === "string" && (PERIOD_NAMES as readonly string[]).includes(x);
}

/** A saved source: an order log only when it says so; its fields over the defaults (as of the RFM date). */
function restoreSource(saved: unknown, base: SegmentationSettings): SourceSettings {
  if (!isRecord(saved) || saved.kind !== "orders") return { kind: "customers" };
  const defaults = base.source.kind === "orders" ? base.source : defaultOrderSource(base.rfm.asOf);
  return {
    kind: "orders",
    asOf: typeof saved.asOf === "string" ? saved.asOf : defaults.asOf,
    period: isPeriod(saved.period) ? saved.period : defaults.period,
    allowReturns: typeof saved.allowReturns === "boolean" ? saved.allowReturns : defaults.allowReturns,
  };
}

function restoreRetention(saved: unknown, base: RetentionSettings): RetentionSettings {
  const out = { ...base };
  if (!isRecord(saved)) return out;
  if (isPeriod(saved.period)) out.period = saved.period;
  if (typeof saved.marginShare === "number") out.marginShare = saved.marginShare;
  if (typeof saved.annualDiscount === "number") out.annualDiscount = saved.annualDiscount;
  return out;
}
