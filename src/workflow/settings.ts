/**
 * Default settings and the settings remembered in the workbook (so a colleague re-runs with one
 * click). Saved settings are read defensively: a field that is missing or of the wrong type falls
 * back to its default, so a workbook saved by an older version still loads.
 */
import type { Workbook } from "../workbook/workbook";
import { DEFAULT_QUADRANT_LABELS } from "./formulas";
import { emptyMapping } from "./mapping";
import type { CutRule, SegmentationSettings } from "./types";

/** Workbook setting keys. */
export const SETTINGS_KEY = "cx.settings";
export const LAST_RUN_KEY = "cx.lastRun";

/** `today` as yyyy-mm-dd in local time (the date the user sees on the calendar). */
export function isoDate(today: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
}

/**
 * The settings a first run starts from: nothing mapped, quadrants with median cuts and the
 * CX.SEGMENT labels, RFM as of today with quintile cuts, ABC at 80 % / 95 %, values (not formulas),
 * stop at invalid rows. `today` may also be given as yyyy-mm-dd.
 */
export function defaultSettings(today: Date | string): SegmentationSettings {
  const asOf = typeof today === "string" ? today : isoDate(today);
  return {
    method: "quadrant",
    mapping: emptyMapping(),
    quadrant: {
      valueCut: { kind: "median" },
      matchCut: { kind: "median" },
      labels: [...DEFAULT_QUADRANT_LABELS] as [string, string, string, string],
    },
    rfm: { asOf, cuts: { recency: null, frequency: null, monetary: null } },
    abc: { aUpTo: 0.8, bUpTo: 0.95 },
    output: "values",
    skipInvalidRows: false,
  };
}

/** The settings of the last run saved in the workbook, or null when there are none (or unreadable). */
export async function loadSavedSettings(
  wb: Workbook,
  today: Date = new Date(),
): Promise<SegmentationSettings | null> {
  const text = await wb.readSetting(SETTINGS_KEY);
  if (text === null) return null;
  let saved: unknown;
  try {
    saved = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(saved)) return null;
  return mergeSettings(defaultSettings(today), saved);
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function isCutRule(x: unknown): x is CutRule {
  if (!isObject(x)) return false;
  return x.kind === "median" || x.kind === "mean" || (x.kind === "number" && typeof x.value === "number");
}

function isCuts(x: unknown): x is number[] | null {
  return x === null || (Array.isArray(x) && x.every((c) => typeof c === "number"));
}

/** Saved fields over the defaults, each only when it has the right type. */
export function mergeSettings(
  base: SegmentationSettings,
  saved: Record<string, unknown>,
): SegmentationSettings {
  const out = base;
  if (saved.method === "quadrant" || saved.method === "rfm" || saved.method === "abc")
    out.method = saved.method;
  if (saved.output === "values" || saved.output === "formulas") out.output = saved.output;
  if (typeof saved.skipInvalidRows === "boolean") out.skipInvalidRows = saved.skipInvalidRows;
  if (isObject(saved.mapping)) {
    for (const role of Object.keys(out.mapping) as (keyof typeof out.mapping)[]) {
      const column = saved.mapping[role];
      if (column === null || (typeof column === "number" && Number.isInteger(column) && column >= 0)) {
        out.mapping[role] = column;
      }
    }
  }
  if (isObject(saved.quadrant)) {
    const q = saved.quadrant;
    if (isCutRule(q.valueCut)) out.quadrant.valueCut = q.valueCut;
    if (isCutRule(q.matchCut)) out.quadrant.matchCut = q.matchCut;
    if (Array.isArray(q.labels) && q.labels.length === 4 && q.labels.every((l) => typeof l === "string")) {
      out.quadrant.labels = [...q.labels] as [string, string, string, string];
    }
  }
  if (isObject(saved.rfm)) {
    if (typeof saved.rfm.asOf === "string") out.rfm.asOf = saved.rfm.asOf;
    const cuts = saved.rfm.cuts;
    if (isObject(cuts)) {
      if (isCuts(cuts.recency)) out.rfm.cuts.recency = cuts.recency;
      if (isCuts(cuts.frequency)) out.rfm.cuts.frequency = cuts.frequency;
      if (isCuts(cuts.monetary)) out.rfm.cuts.monetary = cuts.monetary;
    }
  }
  if (isObject(saved.abc)) {
    if (typeof saved.abc.aUpTo === "number") out.abc.aUpTo = saved.abc.aUpTo;
    if (typeof saved.abc.bUpTo === "number") out.abc.bUpTo = saved.abc.bUpTo;
  }
  return out;
}
