/**
 * The pane's form model: what the user is typing, kept as text where the user types numbers, and
 * the two conversions between it and the workflow's {@link SegmentationSettings}.
 *
 * Why text: an `<input>` bound to a number cannot hold "0." or "" while the user is typing, and a
 * saved setting must come back exactly as it was. The form only parses what was typed; every rule
 * about the numbers themselves (order of cut points, thresholds inside 0…1) is the workflow's, which
 * answers with an `invalid-setting` problem the pane shows as it shows any other.
 */
import { DEFAULT_RETENTION } from "../workflow/settings";
import type { ColumnMapping, CutRule, Method, PeriodName, SegmentationSettings } from "../workflow/types";

export type CutKind = CutRule["kind"];

/** A quadrant cut as the form holds it: the rule, and the typed number when the rule is "number". */
export interface CutField {
  kind: CutKind;
  text: string;
}

export type RfmDimension = "recency" | "frequency" | "monetary";

export interface PaneForm {
  method: Method;
  mapping: ColumnMapping;
  valueCut: CutField;
  matchCut: CutField;
  labels: [string, string, string, string];
  /** ISO yyyy-mm-dd, as an `<input type="date">` gives it. */
  asOf: string;
  /** Typed RFM cut points per dimension ("30, 60, 90, 180"); "" = quintiles of the data. */
  rfmCuts: Record<RfmDimension, string>;
  /** ABC thresholds in percent, as typed ("80"). */
  aUpToPercent: string;
  bUpToPercent: string;
  /** Lifetime value: its as-of date and the horizon in periods ("" = one year). */
  clvAsOf: string;
  horizon: string;
  /** The unit of recency and age: the lifetime value's and the order log's. */
  period: PeriodName;
  /**
   * Margin (% of value) and discount rate (% a year), as typed: one pair for the lifetime value and
   * the order log's retention block, which mean the same by them.
   */
  marginPercent: string;
  discountPercent: string;
  output: "values" | "formulas";
  skipInvalidRows: boolean;
  /** "One row per order": the table is an order log, aggregated per customer as of {@link asOf}. */
  orders: boolean;
  /** Negative amounts are returns (else they stop the run). */
  allowReturns: boolean;
}

/** Names of the fields that can hold a parse error, for the Field that shows it. */
export type FormField =
  | "valueCut"
  | "matchCut"
  | "aUpTo"
  | "bUpTo"
  | "asOf"
  | RfmDimension
  | "clvAsOf"
  | "horizon"
  | "margin"
  | "discount";

export type FormErrors = Partial<Record<FormField, string>>;

export type FormResult = { ok: true; settings: SegmentationSettings } | { ok: false; errors: FormErrors };

/**
 * Fills the form from settings (the workflow's defaults or the settings saved with the last run).
 * Fractions become percent text: 0.8 → "80" (rounded to 10 significant digits so 0.95 · 100 does not
 * show as 94.99999999999999).
 */
export function settingsToForm(settings: SegmentationSettings): PaneForm {
  // Settings saved before order logs existed have no source or retention: a customer table.
  const source = settings.source ?? { kind: "customers" };
  const retention = settings.retention ?? DEFAULT_RETENTION;
  return {
    method: settings.method,
    mapping: { ...settings.mapping },
    valueCut: cutToField(settings.quadrant.valueCut),
    matchCut: cutToField(settings.quadrant.matchCut),
    labels: [...settings.quadrant.labels],
    asOf: source.kind === "orders" ? source.asOf : settings.rfm.asOf,
    rfmCuts: {
      recency: listToText(settings.rfm.cuts.recency),
      frequency: listToText(settings.rfm.cuts.frequency),
      monetary: listToText(settings.rfm.cuts.monetary),
    },
    aUpToPercent: percentText(settings.abc.aUpTo),
    bUpToPercent: percentText(settings.abc.bUpTo),
    clvAsOf: settings.clv.asOf,
    horizon: settings.clv.horizon === null ? "" : String(settings.clv.horizon),
    period: source.kind === "orders" ? source.period : settings.clv.period,
    marginPercent: percentText(settings.method === "clv" ? settings.clv.margin : retention.marginShare),
    discountPercent: percentText(
      settings.method === "clv" ? settings.clv.discount : retention.annualDiscount,
    ),
    output: settings.output,
    skipInvalidRows: settings.skipInvalidRows,
    orders: source.kind === "orders",
    allowReturns: source.kind === "orders" ? source.allowReturns : false,
  };
}

/**
 * Reads the form into settings, or says which fields could not be read as numbers.
 * Only the fields the chosen method uses are checked (a half-typed RFM cut, hidden while the
 * quadrant method is chosen, must not block a quadrant run); an unreadable field of another method
 * keeps its value from `fallback` (the workflow's defaults), so the saved settings stay valid.
 *
 * @example
 * formToSettings({ ...form, method: "abc", aUpToPercent: "70", bUpToPercent: "90" }, defaults)
 * // => { ok: true, settings: { ..., abc: { aUpTo: 0.7, bUpTo: 0.9 } } }
 */
export function formToSettings(form: PaneForm, fallback: SegmentationSettings): FormResult {
  const errors: FormErrors = {};
  const quadrant = form.method === "quadrant";
  const rfm = form.method === "rfm";
  const abc = form.method === "abc";
  const clv = form.method === "clv";
  const read = <T>(field: FormField, check: boolean, parsed: T | undefined, otherwise: T): T => {
    if (parsed !== undefined) return parsed;
    if (check) errors[field] = FIELD_HINTS[field];
    return otherwise;
  };
  const { quadrant: q, rfm: r, abc: a, clv: c } = fallback;
  const valueCut = read("valueCut", quadrant, parseCut(form.valueCut), q.valueCut);
  const matchCut = read("matchCut", quadrant, parseCut(form.matchCut), q.matchCut);
  const cuts = {
    recency: read("recency", rfm, parseList(form.rfmCuts.recency), r.cuts.recency),
    frequency: read("frequency", rfm, parseList(form.rfmCuts.frequency), r.cuts.frequency),
    monetary: read("monetary", rfm, parseList(form.rfmCuts.monetary), r.cuts.monetary),
  };
  const isoDate = (text: string) => (/^\d{4}-\d{2}-\d{2}$/.test(text) ? text : undefined);
  const orders = form.orders;
  const asOf = read("asOf", rfm || orders, isoDate(form.asOf), r.asOf);
  const clvAsOf = read("clvAsOf", clv, isoDate(form.clvAsOf), c.asOf);
  const horizon = read("horizon", clv, parseHorizon(form.horizon), c.horizon);
  // One margin and one discount rate: the lifetime value's and the order log's retention block's.
  const retention = fallback.retention ?? DEFAULT_RETENTION;
  const margin = read(
    "margin",
    clv || orders,
    parsePercent(form.marginPercent),
    clv ? c.margin : retention.marginShare,
  );
  const discount = read(
    "discount",
    clv || orders,
    parsePercent(form.discountPercent),
    clv ? c.discount : retention.annualDiscount,
  );
  const aUpTo = read("aUpTo", abc, parsePercent(form.aUpToPercent), a.aUpTo);
  const bUpTo = read("bUpTo", abc, parsePercent(form.bUpToPercent), a.bUpTo);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      method: form.method,
      source: orders
        ? { kind: "orders", asOf, period: form.period, allowReturns: form.allowReturns }
        : { kind: "customers" },
      retention: { ...retention, marginShare: margin, annualDiscount: discount },
      mapping: { ...form.mapping },
      quadrant: { valueCut, matchCut, labels: [...form.labels] },
      rfm: { asOf, cuts },
      abc: { aUpTo, bUpTo },
      clv: { ...c, asOf: clvAsOf, period: form.period, horizon, margin, discount },
      output: form.output,
      skipInvalidRows: form.skipInvalidRows,
    },
  };
}

/** What each field's message tells the user to type. */
const FIELD_HINTS: Record<FormField, string> = {
  valueCut: "Type the cut as a number, for example 2500.",
  matchCut: "Type the cut as a number, for example 5.5.",
  recency: "Type numbers of days separated by commas, for example 30, 60, 90, 180 — or leave empty.",
  frequency: "Type numbers separated by commas, for example 1, 2, 4, 8 — or leave empty.",
  monetary: "Type amounts separated by commas, for example 100, 500, 1000, 5000 — or leave empty.",
  asOf: "Enter a date, for example 2025-12-31.",
  aUpTo: "Type a percentage, for example 80.",
  margin: "Type the margin as a percentage of value, for example 30 (100 when the amounts are margins).",
  discount: "Type the discount rate as a percentage a year, for example 10.",
  bUpTo: "Type a percentage, for example 95.",
  clvAsOf: "Enter a date, for example 2025-12-31.",
  horizon: "Type a number of periods, for example 52 — or leave empty for one year.",
};

/** "" = null (one year of periods); undefined = not a number (the workflow checks it is whole and ≥ 1). */
function parseHorizon(text: string): number | null | undefined {
  if (text.trim() === "") return null;
  return parseNumber(text) ?? undefined;
}

/** A number as the user may type it: optional sign, decimal point, exponent; "" is not a number. */
function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

function cutToField(cut: CutRule): CutField {
  return cut.kind === "number" ? { kind: "number", text: String(cut.value) } : { kind: cut.kind, text: "" };
}

/** undefined = the typed number could not be read. */
function parseCut(field: CutField): CutRule | undefined {
  if (field.kind !== "number") return { kind: field.kind };
  const value = parseNumber(field.text);
  return value === null ? undefined : { kind: "number", value };
}

function listToText(list: number[] | null): string {
  return list === null ? "" : list.join(", ");
}

/** "" = null (quintiles of the data); undefined = some part is not a number. */
function parseList(text: string): number[] | null | undefined {
  const parts = text.split(/[;,\s]+/).filter((part) => part !== "");
  if (parts.length === 0) return null;
  const numbers = parts.map(parseNumber);
  return numbers.every((n): n is number => n !== null) ? numbers : undefined;
}

function percentText(fraction: number): string {
  return String(Number((fraction * 100).toPrecision(10)));
}

function parsePercent(text: string): number | undefined {
  const percent = parseNumber(text);
  return percent === null ? undefined : percent / 100;
}
