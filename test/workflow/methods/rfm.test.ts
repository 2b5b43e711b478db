import { runSegmentation } from "../../../src/workflow/run";
import { columnValues, settingsFor, workbookWith } from "../fixtures";

// As of 2024-01-31 = serial 45322 (25569 + 19753 days since 1970-01-01).
const AS_OF = "2024-01-31";
const RFM = settingsFor(
  "rfm",
  { customer: 0, lastPurchase: 1, orders: 2, value: 3 },
  (s) => (s.rfm.asOf = AS_OF),
);
const HEADERS = ["Customer", "Last purchase", "Orders", "Revenue"];

// Columns added: E Recency days, F R, G F, H M, I RFM score, J RFM segment.
const DAYS = 4;
const R = 5;
const F = 6;
const M = 7;
const RFM_SCORE = 8;
const SEGMENT = 9;

describe("the RFM method", () => {
  it("scores five customers 5..1 by quintiles and names their segments", async () => {
    // days 1, 10, 30, 60, 200 → recency cuts 8.2, 22, 42, 88 (h = 0.8, 1.6, 2.4, 3.2):
    //   1 + .8·9 = 8.2; 10 + .6·20 = 22; 30 + .4·30 = 42; 60 + .2·140 = 88
    // orders 10, 5, 3, 2, 1 → cuts 1.8, 2.6, 3.8, 6; revenue likewise 180, 260, 380, 600
    const wb = workbookWith([
      HEADERS,
      ["a", 45321, 10, 1000],
      ["b", 45312, 5, 500],
      ["c", 45292, 3, 300],
      ["d", 45262, 2, 200],
      ["e", 45122, 1, 100],
    ]);
    const outcome = await runSegmentation(wb, RFM);
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(columnValues(wb, DAYS, 5)).toEqual([1, 10, 30, 60, 200]);
    expect(columnValues(wb, R, 5)).toEqual([5, 4, 3, 2, 1]);
    expect(columnValues(wb, F, 5)).toEqual([5, 4, 3, 2, 1]);
    expect(columnValues(wb, M, 5)).toEqual([5, 4, 3, 2, 1]);
    expect(columnValues(wb, RFM_SCORE, 5)).toEqual([555, 444, 333, 222, 111]);
    // 555, 444 Champions (R, F, M in 4–5); 333 Loyal (R 2–5, F, M 3–5); 222 Need Attention (2–3 each); 111 Lost
    expect(columnValues(wb, SEGMENT, 5)).toEqual([
      "Champions",
      "Champions",
      "Loyal Customers",
      "Need Attention",
      "Lost",
    ]);
    const cuts = outcome.summary.cutPoints;
    [8.2, 22, 42, 88].forEach((x, i) => expect(cuts.recency[i]).toBeCloseTo(x, 9));
    [1.8, 2.6, 3.8, 6].forEach((x, i) => expect(cuts.frequency[i]).toBeCloseTo(x, 9));
    [180, 260, 380, 600].forEach((x, i) => expect(cuts.monetary[i]).toBeCloseTo(x, 9));
    expect(outcome.summary.notes).toEqual([]);
  });

  it("splits ten customers evenly, two per score", async () => {
    // orders 1..10: cuts 2.8, 4.6, 6.4, 8.2 → scores 1,1,2,2,3,3,4,4,5,5
    const rows = Array.from({ length: 10 }, (_, i) => [`c${i}`, 45322 - (i + 1), i + 1, (i + 1) * 10]);
    const wb = workbookWith([HEADERS, ...rows]);
    const outcome = await runSegmentation(wb, RFM);
    expect(outcome.ok).toBe(true);
    expect(columnValues(wb, F, 10)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    // recency: 1 day ago is best
    expect(columnValues(wb, R, 10)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  it("gives equal values the same score and says which scores stayed empty", async () => {
    const wb = workbookWith([HEADERS, ["a", 45300, 2, 50], ["b", 45300, 2, 50], ["c", 45300, 2, 50]]);
    const outcome = await runSegmentation(wb, RFM);
    if (!outcome.ok) throw new Error(outcome.problem.message);
    // All cuts equal 22 days / 2 orders / 50: nobody is above a cut → R 5, F 1, M 1 → Potential Loyalist.
    expect(columnValues(wb, R, 3)).toEqual([5, 5, 5]);
    expect(columnValues(wb, F, 3)).toEqual([1, 1, 1]);
    expect(columnValues(wb, SEGMENT, 3)).toEqual([
      "Potential Loyalist",
      "Potential Loyalist",
      "Potential Loyalist",
    ]);
    expect(
      outcome.summary.notes.some((n) => n.startsWith("Frequency: no customer has score 2, 3, 4, 5")),
    ).toBe(true);
    expect(outcome.summary.notes.some((n) => n.startsWith("Recency: no customer has score 1, 2, 3, 4"))).toBe(
      true,
    );
  });

  it("uses typed cut points and counts customers no rule matches as Other", async () => {
    const settings = settingsFor("rfm", { lastPurchase: 1, orders: 2, value: 3 }, (s) => {
      s.rfm.asOf = AS_OF;
      s.rfm.cuts = { recency: [10, 20, 30, 40], frequency: [1, 2, 3, 4], monetary: [100, 200, 300, 400] };
    });
    // 50 days → R 1; 3 orders → F 3 (above 1 and 2, not above 3); 50 → M 1: no rule has R 1, F 3, M 1.
    // 5 days → R 5; 9 orders → F 5; 900 → M 5: Champions.
    const wb = workbookWith([HEADERS, ["x", 45272, 3, 50], ["y", 45317, 9, 900]]);
    const outcome = await runSegmentation(wb, settings);
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(columnValues(wb, SEGMENT, 2)).toEqual(["Other", "Champions"]);
    const other = outcome.summary.segments.find((s) => s.segment === "Other");
    expect(other).toMatchObject({ customers: 1, totalValue: 50 });
    expect(outcome.summary.segments.reduce((n, s) => n + s.customers, 0)).toBe(2);
    expect(outcome.summary.cutPoints.recency).toEqual([10, 20, 30, 40]);
  });

  it("scores a single customer without failing", async () => {
    const wb = workbookWith([HEADERS, ["solo", 45300, 4, 99]]);
    const outcome = await runSegmentation(wb, RFM);
    expect(outcome.ok).toBe(true);
    expect(wb.cell("Customers", 1, SEGMENT)).toBe("Potential Loyalist"); // R 5, F 1, M 1
  });

  it("rejects an as-of date that is not yyyy-mm-dd", async () => {
    const settings = settingsFor(
      "rfm",
      { lastPurchase: 1, orders: 2, value: 3 },
      (s) => (s.rfm.asOf = "31.01.2024"),
    );
    const outcome = await runSegmentation(workbookWith([HEADERS, ["a", 45300, 1, 1]]), settings);
    expect(outcome).toMatchObject({ ok: false, problem: { code: "invalid-setting" } });
  });
});
