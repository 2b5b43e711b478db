import fc from "fast-check";
import { CoreError } from "../../src/core/errors";
import { ObservedRetention, observedRetention, PurchaseHistory } from "../../src/core/observedRetention";
import { aggregateOrderLog, OrderLogSummary } from "../../src/core/orderLog";

/** A purchase history from each customer's ascending purchase days and their values. */
function history(asOf: number, customers: [number, number][][]): PurchaseHistory {
  const start = [0];
  const days: number[] = [];
  const values: number[] = [];
  for (const purchases of customers) {
    for (const [d, v] of purchases) {
      days.push(d);
      values.push(v);
    }
    start.push(days.length);
  }
  return {
    asOf,
    customerCount: customers.length,
    firstPurchase: customers.map((purchases) => purchases[0][0]),
    purchaseDayStart: Int32Array.from(start),
    purchaseDays: Int32Array.from(days),
    purchaseDayValue: Float64Array.from(values),
  };
}

function retention(...args: Parameters<typeof observedRetention>): ObservedRetention {
  const result = observedRetention(...args);
  if (result instanceof CoreError) throw new Error(result.message);
  return result;
}

describe("observedRetention", () => {
  it("gives the documented example: rate 0.5, LTV 25, a churn cut worth 10", () => {
    // As of day 800 with years: base year 71…435, last year 436…800.
    // A: 50 (5, before the base year), 300 (30), 700 (30) → base, retained; B: 200 (30) → base, lost,
    // new in the base year; C: 750 → first purchase in the last year: too little history.
    const result = retention(
      history(800, [
        [
          [50, 5],
          [300, 30],
          [700, 30],
        ],
        [[200, 30]],
        [[750, 50]],
      ]),
    );
    expect([result.baseFrom, result.baseTo, result.lastFrom, result.lastTo]).toEqual([71, 435, 436, 800]);
    expect(result.discountPerPeriod).toBeCloseTo(0.1, 14);
    const t = result.total;
    expect(t).toMatchObject({
      customers: 3,
      tooLittleHistory: 1,
      baseCustomers: 2,
      newInBase: 1,
      retainedCustomers: 1,
      activeCustomers: 2,
      retentionRate: 0.5,
      liftedRetention: 0.55,
      cutCapped: false,
    });
    // margin per period: (30 + 30 base-year values + 30 retained last-year value) / (2 + 1) = 30
    expect(t.marginPerPeriod).toBeCloseTo(30, 12);
    // LTV = 30 · 0.5 / (1.1 − 0.5) = 15 / 0.6 = 25; lifted 30 · 0.55 / 0.55 = 30; worth 2 · (30 − 25) = 10
    expect(t.lifetimeValue).toBeCloseTo(25, 12);
    expect(t.liftedLifetimeValue).toBeCloseTo(30, 12);
    expect(t.churnCutValue).toBeCloseTo(10, 10);
    expect(result.segments).toEqual([]);
  });

  it("puts whole days into week windows: 7 days each, ending on the as-of day", () => {
    // As of 100, weeks: last week 94…100, base week 87…93.
    const result = retention(
      history(100, [
        [
          [87, 1],
          [100, 1],
        ], // base (first day) and last (as-of day): retained
        [
          [80, 1],
          [93, 1],
        ], // base (last day): lost
        [[86, 1]], // before the base week: neither
        [[94, 1]], // first purchase in the last week: too little history
      ]),
      { period: "week" },
    );
    expect([result.baseFrom, result.baseTo, result.lastFrom]).toEqual([87, 93, 94]);
    expect(result.total).toMatchObject({
      baseCustomers: 2,
      retainedCustomers: 1,
      tooLittleHistory: 1,
      activeCustomers: 2,
      newInBase: 1,
    });
    // 10 % a year over a week: 1.1^(7/365.25) − 1 = 0.0018283…
    expect(result.discountPerPeriod).toBeCloseTo(Math.pow(1.1, 7 / 365.25) - 1, 15);
  });

  it("reports each segment in order of its first customer, and the total", () => {
    const result = retention(
      history(800, [
        [
          [300, 10],
          [700, 20],
        ], // Gold: retained
        [[300, 10]], // Silver: lost
        [
          [400, 10],
          [500, 30],
        ], // Gold: retained
        [[200, 40]], // unsegmented: lost
      ]),
      { segments: ["Gold", "Silver", "Gold", ""], marginShare: 0.5 },
    );
    expect(
      result.segments.map((s) => [s.segment, s.baseCustomers, s.retainedCustomers, s.retentionRate]),
    ).toEqual([
      ["Gold", 2, 2, 1],
      ["Silver", 1, 0, 0],
      [null, 1, 0, 0],
    ]);
    expect(result.total).toMatchObject({ baseCustomers: 4, retainedCustomers: 2, retentionRate: 0.5 });
    const gold = result.segments[0];
    // Gold margin: 0.5 × (10 + 10 base + 20 + 30 last) / (2 + 2) = 0.5 × 70 / 4 = 8.75
    expect(gold.marginPerPeriod).toBeCloseTo(8.75, 12);
    // rate 1 with 10 % a year and no horizon: 8.75 · 1 / 0.1 = 87.5 (finite); the cut stops at 1: worth 0
    expect(gold.lifetimeValue).toBeCloseTo(87.5, 10);
    expect(gold).toMatchObject({ liftedRetention: 1, cutCapped: true, churnCutValue: 0 });
    // Silver: rate 0, LTV 0; lifted 0.05: m = 0.5 × 10 / 1 = 5, 5 · 0.05 / 1.05; active 0 → worth 0
    expect(result.segments[1].lifetimeValue).toBe(0);
    expect(result.segments[1].liftedLifetimeValue).toBeCloseTo((5 * 0.05) / 1.05, 12);
    expect(result.segments[1].churnCutValue).toBe(0);
  });

  it("has no rate without base customers, and no finite value for rate 1 with no discount and no horizon", () => {
    const noBase = retention(history(800, [[[750, 1]]]));
    expect(noBase.total).toMatchObject({ baseCustomers: 0, retentionRate: null, lifetimeValue: null });
    const unbounded = retention(
      history(800, [
        [
          [300, 1],
          [700, 1],
        ],
      ]),
      { annualDiscount: 0 },
    );
    expect(unbounded.total).toMatchObject({ retentionRate: 1, lifetimeValue: null, churnCutValue: null });
    const horizon = retention(
      history(800, [
        [
          [300, 1],
          [700, 1],
        ],
      ]),
      { annualDiscount: 0, horizonPeriods: 3 },
    );
    // rate 1, no discount, 3 periods of margin 1: 3
    expect(horizon.total.lifetimeValue).toBe(3);
  });

  it("refuses options outside their domain", () => {
    const h = history(800, [[[300, 1]]]);
    expect(observedRetention(h, { marginShare: -1 })).toBeExcelError("#VALUE!", "margin is -1");
    expect(observedRetention(h, { annualDiscount: -0.1 })).toBeExcelError("#VALUE!", "discount is -0.1");
    expect(observedRetention(h, { horizonPeriods: 1.5 })).toBeExcelError("#VALUE!", "positive whole number");
    expect(observedRetention(h, { churnCut: NaN })).toBeExcelError("#VALUE!", "Churn cut");
  });

  it("reads an aggregated order log directly", () => {
    // As of 45700, years: last from ⌈45701 − 365.25⌉ = 45336, base from ⌈45701 − 730.5⌉ = 44971 to 45335.
    const summary = aggregateOrderLog({
      customers: ["A", "A", "B", "B", "C"],
      dates: [45000, 45400, 45100, 45120, 45650],
      amounts: [10, 20, 5, 5, 7],
      asOf: 45700,
    }) as OrderLogSummary;
    const result = retention(summary);
    expect([result.baseFrom, result.lastFrom]).toEqual([44971, 45336]);
    expect(result.total).toMatchObject({ baseCustomers: 2, retainedCustomers: 1, tooLittleHistory: 1 });
    // margin: (10 + 5 + 5 base + 20 retained) / (2 + 1) = 40 / 3
    expect(result.total.marginPerPeriod).toBeCloseTo(40 / 3, 12);
  });

  it("agrees with a plain count by calendar windows on random histories", () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 1200 }), { minLength: 1, maxLength: 8 }), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.integer({ min: 700, max: 1300 }),
        fc.constantFrom("year", "quarter", "week") as fc.Arbitrary<"year" | "quarter" | "week">,
        (raw, asOf, period) => {
          const customers = raw.map((days) =>
            days
              .filter((d) => d <= asOf)
              .sort((a, b) => a - b)
              .map((d) => [d, (d % 13) + 1] as [number, number]),
          );
          const kept = customers.filter((c) => c.length > 0);
          if (kept.length === 0) return;
          const P = { year: 365.25, quarter: 91.3125, week: 7 }[period];
          // Plain: a purchase at day d happened during [d, d + 1); the last period is [asOf + 1 − P, asOf + 1).
          const lastStart = asOf + 1 - P;
          const baseStart = asOf + 1 - 2 * P;
          let base = 0;
          let retained = 0;
          let tooLittle = 0;
          let value = 0;
          for (const c of kept) {
            if (c[0][0] >= lastStart) {
              tooLittle++;
              continue;
            }
            const inBase = c.filter(([d]) => d >= baseStart && d < lastStart);
            const inLast = c.filter(([d]) => d >= lastStart);
            if (inBase.length === 0) continue;
            base++;
            value += inBase.reduce((s, [, v]) => s + v, 0);
            if (inLast.length > 0) {
              retained++;
              value += inLast.reduce((s, [, v]) => s + v, 0);
            }
          }
          const result = retention(history(asOf, kept), { period });
          expect(result.total.baseCustomers).toBe(base);
          expect(result.total.retainedCustomers).toBe(retained);
          expect(result.total.tooLittleHistory).toBe(tooLittle);
          if (base > 0) expect(result.total.marginPerPeriod).toBeCloseTo(value / (base + retained), 10);
        },
      ),
      { numRuns: 300 },
    );
  });
});
