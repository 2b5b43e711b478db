/**
 * The retention block of a run's summary, from an order log: per segment the observed retention
 * rate over a period (default a year), the customers counted and those with too little history,
 * the lifetime value per customer at that rate (Gupta & Lehmann's retention model, at the user's
 * margin share and annual discount rate) and what a 5-point churn cut is worth in money for the
 * segment. The definitions are `src/core/observedRetention.ts`; this module only feeds it the
 * segmented customers and gives its answer the summary's order and plain, JSON-ready fields.
 *
 * A customer table has no purchase days (only, at best, a first and a last purchase date), and the
 * rate needs to know who bought in the base period: so the block is shown for order logs only.
 */
import { serialToIso } from "../core/excelDate";
import { isCoreError } from "../core/errors";
import { observedRetention, type PurchaseHistory, type SegmentRetention } from "../core/observedRetention";
import type { PeriodName } from "../core/purchasePeriod";
import type { RetentionSettings } from "./types";

/** One segment's line of the retention block (the core's {@link SegmentRetention}, labelled). */
export type RetentionLine = Omit<SegmentRetention, "segment"> & { segment: string };

export interface RetentionSummary {
  /** The as-of date (yyyy-mm-dd) the two windows end on. */
  asOf: string;
  /** The length of each window. */
  period: PeriodName;
  /** The base window (bought then: counted) and the last one (bought again: retained), yyyy-mm-dd, inclusive. */
  baseFrom: string;
  baseTo: string;
  lastFrom: string;
  lastTo: string;
  /** Margin as a share of value (1 = 100 %). */
  marginShare: number;
  /** Discount rate per year, and converted to the window's period. */
  annualDiscount: number;
  discountPerPeriod: number;
  /** Points of churn cut valued (0.05). */
  churnCut: number;
  /** Per segment, in the summary's order (segments without customers left out). */
  segments: RetentionLine[];
  /** All segmented customers. */
  total: RetentionLine;
}

/**
 * The retention block for the customers a method segmented: customer c is in segment
 * `segmentNames[segmentOf[c]]`, or left out when `segmentOf[c]` is −1. O(customers + purchase
 * days in the two windows). Returns null when the settings are outside their domain (the `check`
 * stage refuses those first).
 *
 * @example
 * // Three customers as in observedRetention's example, all in segment "A":
 * retentionSummary(history, Int32Array.of(0, 0, 0), ["A"], { period: "year", marginShare: 1, annualDiscount: 0.1 })
 * // => segments [{ segment: "A", retentionRate: 0.5, lifetimeValue: 25, churnCutValue: 10, … }]
 */
export function retentionSummary(
  history: PurchaseHistory,
  segmentOf: Int32Array,
  segmentNames: readonly string[],
  settings: RetentionSettings,
): RetentionSummary | null {
  const used = segmentedHistory(history, segmentOf);
  const labels = new Array<string>(used.customerCount);
  for (let k = 0; k < used.customerCount; k++) labels[k] = segmentNames[segmentOf[used.index[k]]];
  const result = observedRetention(used, {
    segments: labels,
    period: settings.period,
    marginShare: settings.marginShare,
    annualDiscount: settings.annualDiscount,
  });
  if (isCoreError(result)) return null;
  const iso = (serial: number) => serialToIso(serial) ?? String(serial);
  const bySegment = new Map(result.segments.map((line) => [line.segment, line]));
  const segments: RetentionLine[] = [];
  for (const name of segmentNames) {
    const line = bySegment.get(name);
    if (line && line.customers > 0) segments.push({ ...line, segment: name });
  }
  return {
    asOf: iso(result.asOf),
    period: result.period,
    baseFrom: iso(result.baseFrom),
    baseTo: iso(result.baseTo),
    lastFrom: iso(result.lastFrom),
    lastTo: iso(result.lastTo),
    marginShare: result.marginShare,
    annualDiscount: result.annualDiscount,
    discountPerPeriod: result.discountPerPeriod,
    churnCut: result.churnCut,
    segments,
    total: { ...result.total, segment: "All customers" },
  };
}

/**
 * The purchase history of the segmented customers only (in their order), with `index` mapping
 * each back to its customer; the history itself when every customer is segmented. O(customers +
 * purchase days).
 */
function segmentedHistory(
  history: PurchaseHistory,
  segmentOf: Int32Array,
): PurchaseHistory & { index: Int32Array } {
  const n = history.customerCount;
  let used = 0;
  for (let c = 0; c < n; c++) if (segmentOf[c] >= 0) used++;
  const index = new Int32Array(used);
  for (let c = 0, k = 0; c < n; c++) if (segmentOf[c] >= 0) index[k++] = c;
  if (used === n) return { ...history, index };
  const firstPurchase = new Float64Array(used);
  const purchaseDayStart = new Int32Array(used + 1);
  let days = 0;
  for (let k = 0; k < used; k++) {
    const c = index[k];
    days += history.purchaseDayStart[c + 1] - history.purchaseDayStart[c];
  }
  const purchaseDays = new Int32Array(days);
  const purchaseDayValue = new Float64Array(days);
  let cursor = 0;
  for (let k = 0; k < used; k++) {
    const c = index[k];
    firstPurchase[k] = history.firstPurchase[c];
    purchaseDayStart[k] = cursor;
    for (let i = history.purchaseDayStart[c]; i < history.purchaseDayStart[c + 1]; i++) {
      purchaseDays[cursor] = history.purchaseDays[i];
      purchaseDayValue[cursor] = history.purchaseDayValue[i];
      cursor++;
    }
  }
  purchaseDayStart[used] = cursor;
  return {
    asOf: history.asOf,
    customerCount: used,
    firstPurchase,
    purchaseDayStart,
    purchaseDays,
    purchaseDayValue,
    index,
  };
}
