/**
 * The pane's form model: typed text ↔ the workflow's settings. A saved run must come back into the
 * form exactly (one-click re-run), and what the user types must reach the workflow as typed.
 */
import { formToSettings, settingsToForm, type PaneForm } from "../../src/taskpane/paneForm";
import { previewRowCount } from "../../src/taskpane/previewConnection";
import type { SegmentationSettings } from "../../src/workflow/types";

const DEFAULTS: SegmentationSettings = Object.freeze({
  method: "quadrant",
  mapping: Object.freeze({
    customer: null,
    value: null,
    match: null,
    satisfaction: null,
    lastPurchase: null,
    orders: null,
  }),
  quadrant: Object.freeze({
    valueCut: Object.freeze({ kind: "median" }),
    matchCut: Object.freeze({ kind: "median" }),
    labels: Object.freeze(["Strategic", "Profit", "Potential", "Ordinary"]),
  }),
  rfm: Object.freeze({
    asOf: "2026-11-25",
    cuts: Object.freeze({ recency: null, frequency: null, monetary: null }),
  }),
  abc: Object.freeze({ aUpTo: 0.8, bUpTo: 0.95 }),
  clv: Object.freeze({
    asOf: "2026-11-25",
    period: "week",
    horizon: null,
    margin: 1,
    discount: 0.1,
    penalty: 0,
  }),
  output: "values",
  skipInvalidRows: false,
}) as SegmentationSettings;

/** Settings as a colleague's last run saved them: every field away from its default. */
const SAVED: SegmentationSettings = Object.freeze({
  method: "rfm",
  mapping: {
    customer: 0,
    value: 3,
    match: 5,
    satisfaction: null,
    lastPurchase: 12,
    orders: 13,
    orderDate: null,
    quantity: null,
    firstPurchase: 11,
    averageValue: 14,
  },
  quadrant: {
    valueCut: { kind: "number", value: 2500.5 },
    matchCut: { kind: "mean" },
    labels: ["Strategisch", "Profit", "Potenzial", "Normal"],
  },
  rfm: {
    asOf: "2025-12-31",
    cuts: { recency: [30, 90, 180, 365], frequency: null, monetary: [100, 500, 1000, 5000] },
  },
  abc: { aUpTo: 0.7, bUpTo: 0.95 },
  clv: { asOf: "2024-01-31", period: "month", horizon: 24, margin: 0.3, discount: 0.08, penalty: 0 },
  output: "formulas",
  skipInvalidRows: true,
  source: { kind: "customers" },
  retention: { period: "year", marginShare: 1, annualDiscount: 0.1 },
}) as SegmentationSettings;

/** A run on an order log, saved: as of 2025-06-30 in months, returns allowed, 35 % margin, 8 % discount. */
const SAVED_ORDERS: SegmentationSettings = Object.freeze({
  ...SAVED,
  method: "abc",
  mapping: {
    ...SAVED.mapping,
    customer: 0,
    orderDate: 1,
    value: 2,
    quantity: 3,
    lastPurchase: null,
    orders: null,
  },
  rfm: { ...SAVED.rfm, asOf: "2025-06-30" },
  source: { kind: "orders", asOf: "2025-06-30", period: "month", allowReturns: true },
  retention: { period: "year", marginShare: 0.35, annualDiscount: 0.08 },
}) as SegmentationSettings;

function form(patch: Partial<PaneForm>): PaneForm {
  return { ...settingsToForm(DEFAULTS), ...patch };
}

describe("the pane's form model", () => {
  test("settings saved by a run come back unchanged through the form", () => {
    expect(formToSettings(settingsToForm(SAVED), DEFAULTS)).toEqual({ ok: true, settings: SAVED });
  });

  test("fractions are shown as percent text without floating-point noise", () => {
    // 0.95 · 100 = 94.99999999999999 in binary floating point; the form shows 95.
    const shown = settingsToForm(DEFAULTS);
    expect([shown.aUpToPercent, shown.bUpToPercent]).toEqual(["80", "95"]);
  });

  test("typed percentages become fractions: 70 % and 90 % → 0.7 and 0.9", () => {
    const read = formToSettings(form({ method: "abc", aUpToPercent: "70", bUpToPercent: " 90 " }), DEFAULTS);
    expect(read.ok && read.settings.abc).toEqual({ aUpTo: 0.7, bUpTo: 0.9 });
  });

  test("cut point lists accept commas, semicolons and spaces; an empty list means quintiles", () => {
    const read = formToSettings(
      form({ method: "rfm", rfmCuts: { recency: "30, 90;180  365", frequency: "", monetary: "  " } }),
      DEFAULTS,
    );
    expect(read.ok && read.settings.rfm.cuts).toEqual({
      recency: [30, 90, 180, 365],
      frequency: null,
      monetary: null,
    });
  });

  test("a typed cut that is not a number is reported on its field and nothing runs", () => {
    const read = formToSettings(form({ valueCut: { kind: "number", text: "12abc" } }), DEFAULTS);
    expect(read.ok).toBe(false);
    expect(!read.ok && Object.keys(read.errors)).toEqual(["valueCut"]);
  });

  test("a broken field of a method not chosen does not block the run and keeps its default", () => {
    const read = formToSettings(
      form({ method: "quadrant", aUpToPercent: "", rfmCuts: { recency: "x", frequency: "", monetary: "" } }),
      DEFAULTS,
    );
    expect(read.ok && read.settings.abc.aUpTo).toBe(0.8);
    expect(read.ok && read.settings.rfm.cuts.recency).toBeNull();
  });

  test("an order log's settings saved by a run come back unchanged through the form", () => {
    const shown = settingsToForm(SAVED_ORDERS);
    expect(shown).toMatchObject({
      orders: true,
      asOf: "2025-06-30",
      period: "month",
      allowReturns: true,
      marginPercent: "35",
      discountPercent: "8",
    });
    expect(formToSettings(shown, DEFAULTS)).toEqual({ ok: true, settings: SAVED_ORDERS });
  });

  test("One row per order: the as-of date is the order log's and RFM's, margin and discount typed in percent", () => {
    const read = formToSettings(
      form({
        method: "rfm",
        orders: true,
        asOf: "2024-03-31",
        period: "week",
        marginPercent: "30",
        discountPercent: "12.5",
      }),
      DEFAULTS,
    );
    expect(read.ok && read.settings.source).toEqual({
      kind: "orders",
      asOf: "2024-03-31",
      period: "week",
      allowReturns: false,
    });
    expect(read.ok && read.settings.rfm.asOf).toBe("2024-03-31");
    expect(read.ok && read.settings.retention).toEqual({
      period: "year",
      marginShare: 0.3,
      annualDiscount: 0.125,
    });
  });

  test("an order log's margin that is not a number is reported on its field; a customer table ignores it", () => {
    const broken = formToSettings(form({ method: "abc", orders: true, marginPercent: "lots" }), DEFAULTS);
    expect(!broken.ok && Object.keys(broken.errors)).toEqual(["margin"]);
    const table = formToSettings(form({ method: "abc", orders: false, marginPercent: "lots" }), DEFAULTS);
    expect(table.ok && table.settings.source).toEqual({ kind: "customers" });
  });

  test("an as-of date that is not yyyy-mm-dd is reported for RFM", () => {
    const read = formToSettings(form({ method: "rfm", asOf: "" }), DEFAULTS);
    expect(!read.ok && read.errors.asOf).toContain("date");
  });
  test("lifetime value: percent fields become fractions, an empty horizon means one year", () => {
    const read = formToSettings(
      form({
        method: "clv",
        clvAsOf: "1997-09-30",
        period: "month",
        horizon: "",
        marginPercent: "30",
        discountPercent: "8",
      }),
      DEFAULTS,
    );
    expect(read.ok && read.settings.clv).toEqual({
      asOf: "1997-09-30",
      period: "month",
      horizon: null,
      margin: 0.3,
      discount: 0.08,
      penalty: 0,
    });
    // RFM's own as-of date is not the lifetime value's.
    expect(read.ok && read.settings.rfm.asOf).toBe(DEFAULTS.rfm.asOf);
    const typed = formToSettings(form({ method: "clv", horizon: " 24 " }), DEFAULTS);
    expect(typed.ok && typed.settings.clv.horizon).toBe(24);
  });

  test("lifetime value: a horizon or margin that is not a number is reported on its field", () => {
    const read = formToSettings(form({ method: "clv", horizon: "a year", marginPercent: "" }), DEFAULTS);
    expect(read.ok).toBe(false);
    expect(!read.ok && Object.keys(read.errors).sort()).toEqual(["horizon", "margin"]);
    expect(!read.ok && read.errors.horizon).toMatch(/leave empty for one year/);
  });
});

describe("the preview's ?rows= parameter", () => {
  test("a whole number from 1 to 1,048,575 sets the sample size", () => {
    expect(previewRowCount("?rows=300000")).toBe(300000);
    expect(previewRowCount("?rows=1048575")).toBe(1048575);
  });

  test("anything else gives the default of 1,000 rows", () => {
    for (const search of ["", "?rows=abc", "?rows=0", "?rows=2.5", "?rows=1048576"]) {
      expect(previewRowCount(search)).toBe(1000);
    }
  });
});
