/**
 * Default settings and the settings remembered in the workbook (so a colleague re-runs with one
 * click). Saved settings are read defensively: a field that is missing or of the wrong type falls
 * back to its default, so a workbook saved by an older version still loads.
 */
import type { Workbook } from "../workbook/workbook";
import { emptyMapping } from "./mapping";
import { isRecord } from "./methods/method";
import { METHOD_IDS, isMethodId, methodOf, type MethodSettings } from "./methods/registry";
import { ROLES } from "./roles";
import type { Method, SegmentationSettings } from "./types";

/** Workbook setting keys. */
export const SETTINGS_KEY = "cx.settings";
export const LAST_RUN_KEY = "cx.lastRun";

/** `today` as yyyy-mm-dd in local time (the date the user sees on the calendar). */
export function isoDate(today: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
}

/**
 * The settings a first run starts from: nothing mapped, the quadrant method, each method's own
 * defaults from its registry entry (quadrants with median cuts and the CX.SEGMENT labels, RFM as of
 * today with quintile cuts, ABC at 80 % / 95 %), values (not formulas), stop at invalid rows.
 * `today` may also be given as yyyy-mm-dd.
 */
export function defaultSettings(today: Date | string): SegmentationSettings {
  const asOf = typeof today === "string" ? today : isoDate(today);
  const perMethod = {} as Record<Method, unknown>;
  for (const id of METHOD_IDS) perMethod[id] = methodOf(id).defaults(asOf);
  return {
    method: "quadrant",
    mapping: emptyMapping(),
    output: "values",
    skipInvalidRows: false,
    ...(perMethod as MethodSettings),
  };
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
