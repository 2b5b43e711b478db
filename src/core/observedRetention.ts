/**
 * Retention observed in the customers' own purchases, per segment, and what it is worth in
 * Gupta & Lehmann's retention model ({@link lifetimeValue}).
 *
 * Two windows of one period P each (default a year of 365.25 days) end on the as-of day A. A day d
 * lies in the LAST period when A + 1 − d ≤ P and in the BASE period (the one before) when
 * P < A + 1 − d ≤ 2P: each day counts from its start, so a year of 365.25 days holds 365 whole days
 * and a week exactly 7.
 *
 * - base customers: bought in the base period; retained: base customers who bought again in the
 *   last period; retention rate = retained / base (the share of last year's buyers who bought
 *   again this year). A customer new in the base period is a base customer like any other (it was
 *   a customer then; it is counted in `newInBase` so a summary can say so).
 * - too little history: customers whose first purchase lies in the last period. They could not
 *   have bought in the base period, so they are counted here, not in the rate.
 * - active customers: bought in the last period (the retained and the new ones): the customers a
 *   better retention would keep from now on.
 * - margin per period: what a customer yields in a period in which they buy, × the margin share
 *   (default 1: the amounts already are margins): (value of the base customers in the base period +
 *   value of the retained customers in the last period) / (base + retained) × margin share.
 * - lifetime value per customer: {@link lifetimeValue}(margin per period, rate, discount per period,
 *   horizon, timing), the annual discount (default 10 %) converted to the period as
 *   (1 + annual)^(P / 365.25) − 1. An observed rate of 1 is kept (with a positive discount its
 *   infinite sum is finite: m / d); only a discount of 0 with a rate of 1 and no horizon has no
 *   finite value, and then the value is null.
 * - churn cut worth: active customers × (LTV(rate + cut) − LTV(rate)), cut default 0.05
 *   (Reichheld & Sasser's five points); a cut that would push the rate above 1 stops at 1
 *   (`cutCapped`).
 *
 * Cost: O(customers + purchase days in the two windows): each customer's days are read backwards
 * from the last one and the reading stops before the base period.
 *
 * @example
 * // As of day 800, years: the base year is days 71…435, the last year 436…800.
 * // A buys on 50, 300 (30) and 700 (30): a base customer, retained. B first buys on 200 (30): a
 * // base customer (new in the base year), lost. C first buys on 750: too little history.
 * observedRetention({ asOf: 800, customerCount: 3, firstPurchase: [50, 200, 750],
 *   purchaseDayStart: Int32Array.of(0, 3, 4, 5), purchaseDays: Int32Array.of(50, 300, 700, 200, 750),
 *   purchaseDayValue: Float64Array.of(5, 30, 30, 30, 50) }).total
 * // => base 2, retained 1, rate 0.5, too little history 1, active 2 (A and C);
 * //    margin per period (30 + 30 + 30) / (2 + 1) = 30; LTV 30·0.5/(1.1 − 0.5) = 25;
 * //    lifted 30·0.55/(1.1 − 0.55) = 30; the churn cut is worth 2 × (30 − 25) = 10
 */
import { Result } from "./errors";
import { messages } from "./messages";
import { DAYS_PER_YEAR, PeriodName, periodDays } from "./purchasePeriod";
import { DEFAULT_CHURN_CUT, lifetimeValue, Timing } from "./retentionValue";

/** Per-customer purchase days, as {@link OrderLogSummary} holds them (an OrderLogSummary is one). */
export interface PurchaseHistory {
  /** The as-of day (whole serial). */
  readonly asOf: number;
  readonly customerCount: number;
  readonly firstPurchase: ArrayLike<number>;
  /** Customer c's days are purchaseDays[purchaseDayStart[c] … purchaseDayStart[c + 1] − 1], ascending. */
  readonly purchaseDayStart: ArrayLike<number>;
  readonly purchaseDays: ArrayLike<number>;
  /** Each purchase day's summed amount. */
  readonly purchaseDayValue: ArrayLike<number>;
}

/** A segment label as a method writes it; blank labels are grouped as null. */
export type SegmentName = string | number | null;

export interface ObservedRetentionOptions {
  /** The segment of each customer (same order as the history); omitted → only the total. */
  readonly segments?: ArrayLike<SegmentName | undefined> | null;
  /** Length of the two windows; default a year. */
  readonly period?: PeriodName;
  /** Margin as a share of value (0.3 for 30 %); default 1. */
  readonly marginShare?: number;
  /** Discount rate per year; default 0.1. */
  readonly annualDiscount?: number;
  /** Points of churn cut; default 0.05. */
  readonly churnCut?: number;
  /** Horizon in periods for the lifetime value; default null (no horizon). */
  readonly horizonPeriods?: number | null;
  /** First margin one period from now ("end", default) or now ("start"). */
  readonly timing?: Timing;
}

/** One segment's (or the total's) retention and its worth. */
export interface SegmentRetention {
  /** The label; for the total, null (see {@link ObservedRetention.total}). */
  readonly segment: SegmentName;
  /** All customers of the segment. */
  readonly customers: number;
  /** First purchase in the last period: too little history to count. */
  readonly tooLittleHistory: number;
  /** Bought in the base period. */
  readonly baseCustomers: number;
  /** Of the base customers, those whose first purchase was in the base period. */
  readonly newInBase: number;
  /** Base customers who bought again in the last period. */
  readonly retainedCustomers: number;
  /** Bought in the last period. */
  readonly activeCustomers: number;
  /** retained / base; null without base customers. */
  readonly retentionRate: number | null;
  /** Margin a buying customer yields per period (× margin share); null without base customers. */
  readonly marginPerPeriod: number | null;
  /** Lifetime value per customer at the observed rate; null when it has no finite value or no rate. */
  readonly lifetimeValue: number | null;
  /** min(rate + churn cut, 1). */
  readonly liftedRetention: number | null;
  readonly liftedLifetimeValue: number | null;
  /** active customers × (lifted − observed lifetime value): what the churn cut is worth in money. */
  readonly churnCutValue: number | null;
  /** True when rate + cut was above 1 and the lifted rate stopped at 1. */
  readonly cutCapped: boolean;
}

export interface ObservedRetention {
  readonly asOf: number;
  readonly period: PeriodName;
  readonly periodDays: number;
  /** The window days (whole serials, inclusive): base period, then last period up to the as-of day. */
  readonly baseFrom: number;
  readonly baseTo: number;
  readonly lastFrom: number;
  readonly lastTo: number;
  readonly marginShare: number;
  readonly annualDiscount: number;
  /** (1 + annual)^(period days / 365.25) − 1. */
  readonly discountPerPeriod: number;
  readonly churnCut: number;
  readonly horizonPeriods: number | null;
  readonly timing: Timing;
  /** Segments in order of their first customer. */
  readonly segments: SegmentRetention[];
  /** All customers together. */
  readonly total: SegmentRetention;
}

interface Tally {
  segment: SegmentName;
  customers: number;
  tooLittleHistory: number;
  baseCustomers: number;
  newInBase: number;
  retainedCustomers: number;
  activeCustomers: number;
  baseValue: number;
  retainedValue: number;
}

function emptyTally(segment: SegmentName): Tally {
  return {
    segment,
    customers: 0,
    tooLittleHistory: 0,
    baseCustomers: 0,
    newInBase: 0,
    retainedCustomers: 0,
    activeCustomers: 0,
    baseValue: 0,
    retainedValue: 0,
  };
}

/**
 * The observed retention of each segment and of all customers, with its lifetime value and what a
 * churn cut is worth (definitions in the module comment). Returns a CoreError for an option
 * outside its domain.
 */
export function observedRetention(
  history: PurchaseHistory,
  options: ObservedRetentionOptions = {},
): Result<ObservedRetention> {
  const period = options.period ?? "year";
  const marginShare = options.marginShare ?? 1;
  const annualDiscount = options.annualDiscount ?? 0.1;
  const churnCut = options.churnCut ?? DEFAULT_CHURN_CUT;
  const horizon = options.horizonPeriods ?? null;
  const timing = options.timing ?? "end";
  if (!Number.isFinite(marginShare) || marginShare < 0)
    return messages.outOfRange("margin", marginShare, "0 or more (1 for 100 %)");
  if (!Number.isFinite(annualDiscount) || annualDiscount < 0)
    return messages.outOfRange("discount", annualDiscount, "0 or more (0.1 for 10 % a year)");
  if (!Number.isFinite(churnCut) || churnCut < -1 || churnCut > 1)
    return messages.outOfRange("churn cut", churnCut, "between -1 and 1 (0.05 for five points)");
  if (horizon !== null && (!Number.isInteger(horizon) || horizon < 1))
    return messages.periodsNotWhole("the horizon", horizon);

  const days = periodDays(period);
  const asOf = history.asOf;
  const end = asOf + 1;
  const discountPerPeriod = Math.expm1((days / DAYS_PER_YEAR) * Math.log1p(annualDiscount));
  const segments = options.segments ?? null;
  const total = emptyTally(null);
  const bySegment = new Map<SegmentName, Tally>();
  const ordered: Tally[] = [];
  const { firstPurchase, purchaseDayStart, purchaseDays, purchaseDayValue } = history;

  for (let c = 0; c < history.customerCount; c++) {
    let tally: Tally | null = null;
    if (segments !== null) {
      const label = segments[c];
      const key = label === undefined || label === "" ? null : label;
      tally = bySegment.get(key) ?? null;
      if (tally === null) {
        tally = emptyTally(key);
        bySegment.set(key, tally);
        ordered.push(tally);
      }
    }
    let boughtLast = false;
    let boughtBase = false;
    let lastValue = 0;
    let baseValue = 0;
    for (let i = purchaseDayStart[c + 1] - 1; i >= purchaseDayStart[c]; i--) {
      const since = end - purchaseDays[i];
      if (since > 2 * days) break;
      if (since <= days) {
        boughtLast = true;
        lastValue += purchaseDayValue[i];
      } else {
        boughtBase = true;
        baseValue += purchaseDayValue[i];
      }
    }
    const sinceFirst = end - firstPurchase[c];
    const tooLittle = sinceFirst <= days;
    const base = !tooLittle && boughtBase;
    for (const t of tally === null ? [total] : [total, tally]) {
      t.customers++;
      if (boughtLast) t.activeCustomers++;
      if (tooLittle) t.tooLittleHistory++;
      if (!base) continue;
      t.baseCustomers++;
      t.baseValue += baseValue;
      if (sinceFirst <= 2 * days) t.newInBase++;
      if (boughtLast) {
        t.retainedCustomers++;
        t.retainedValue += lastValue;
      }
    }
  }

  const worth = (t: Tally) => segmentWorth(t, marginShare, discountPerPeriod, churnCut, horizon, timing);
  const lastFrom = Math.ceil(end - days);
  return {
    asOf,
    period,
    periodDays: days,
    baseFrom: Math.ceil(end - 2 * days),
    baseTo: lastFrom - 1,
    lastFrom,
    lastTo: asOf,
    marginShare,
    annualDiscount,
    discountPerPeriod,
    churnCut,
    horizonPeriods: horizon,
    timing,
    segments: ordered.map(worth),
    total: worth(total),
  };
}

/** A tally's rate, margin, lifetime values and churn-cut worth. */
function segmentWorth(
  t: Tally,
  marginShare: number,
  discount: number,
  churnCut: number,
  horizon: number | null,
  timing: Timing,
): SegmentRetention {
  const counts = {
    segment: t.segment,
    customers: t.customers,
    tooLittleHistory: t.tooLittleHistory,
    baseCustomers: t.baseCustomers,
    newInBase: t.newInBase,
    retainedCustomers: t.retainedCustomers,
    activeCustomers: t.activeCustomers,
  };
  if (t.baseCustomers === 0) {
    return {
      ...counts,
      retentionRate: null,
      marginPerPeriod: null,
      lifetimeValue: null,
      liftedRetention: null,
      liftedLifetimeValue: null,
      churnCutValue: null,
      cutCapped: false,
    };
  }
  const rate = t.retainedCustomers / t.baseCustomers;
  const margin = (marginShare * (t.baseValue + t.retainedValue)) / (t.baseCustomers + t.retainedCustomers);
  const wanted = rate + churnCut;
  const lifted = Math.min(Math.max(wanted, 0), 1);
  const finite = (value: number) => (Number.isFinite(value) ? value : null);
  const before = finite(lifetimeValue(margin, rate, discount, horizon, timing));
  const after = finite(lifetimeValue(margin, lifted, discount, horizon, timing));
  return {
    ...counts,
    retentionRate: rate,
    marginPerPeriod: margin,
    lifetimeValue: before,
    liftedRetention: lifted,
    liftedLifetimeValue: after,
    churnCutValue: before === null || after === null ? null : t.activeCustomers * (after - before),
    cutCapped: wanted > 1,
  };
}
