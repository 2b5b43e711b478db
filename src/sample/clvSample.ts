/**
 * A seeded customer table for the lifetime-value method (`?sample=clv` in the pane's preview): one
 * row per customer with its first and last purchase dates, purchases, average repeat value and
 * revenue, drawn from the very process the method fits, so the fit has something true to find.
 *
 * Purchases follow BG/NBD (Fader, Hardie & Lee 2005, Marketing Science 24(2)): each customer buys at
 * rate λ ~ Gamma(r, α) per week (exponential gaps) and, after each purchase, drops out for good with
 * probability p ~ Beta(a, b). Spend follows Gamma-Gamma (Fader, Hardie & Lee 2005, JMR 42(4)): each
 * purchase is worth z ~ Gamma(shape p, rate ν), ν ~ Gamma(shape q, rate γ). The parameters are the
 * papers' CDNOW fits ({@link CLV_SAMPLE_PROCESS}). Dates are whole days (Excel serials).
 *
 * Pure: the same `count` and `seed` give the same rows on every machine (mulberry32, no
 * `Math.random`, no clock). O(count · purchases) time, O(count) memory.
 */
import type { CellValue } from "../workbook/workbook";
import { excelSerial, mulberry32 } from "./sampleCustomers";

/** The table's columns, in order; the workflow's header detection maps all of them. */
export const CLV_SAMPLE_HEADERS: readonly string[] = Object.freeze([
  "Customer ID",
  "First purchase date",
  "Last purchase date",
  "Orders",
  "Average repeat value",
  "Revenue",
]);

export const CLV_SAMPLE_COLUMNS = Object.freeze({
  id: 0,
  firstPurchase: 1,
  lastPurchase: 2,
  orders: 3,
  averageValue: 4,
  revenue: 5,
});

/** The end of observation: no purchase after this day. Give it as the method's "As of". */
export const CLV_SAMPLE_AS_OF = "2026-11-30";
const AS_OF = excelSerial(2026, 11, 30);
/** First purchases fall in the year before 2025-12-01, so every customer is watched ≥ 52 weeks. */
const FIRST_FROM = excelSerial(2024, 12, 1);
const FIRST_UNTIL = excelSerial(2025, 11, 30);

/**
 * The process' parameters, in weeks: BG/NBD r, α, a, b (CDNOW, Fader, Hardie & Lee 2005a, table 1)
 * and Gamma-Gamma p, q, γ (CDNOW, Fader, Hardie & Lee 2005b: 6.25, 3.74, 15.44, in dollars).
 */
export const CLV_SAMPLE_PROCESS = Object.freeze({
  r: 0.243,
  alpha: 4.414,
  a: 0.793,
  b: 2.426,
  p: 6.25,
  q: 3.74,
  gamma: 15.44,
});

/**
 * Generates `count` customers with {@link CLV_SAMPLE_HEADERS}. Orders counts every purchase (the
 * first included); the average repeat value is the mean of the purchases after the first (blank
 * for a one-time buyer, as CX.CUSTOMERS leaves it); Revenue is the sum of all purchases.
 *
 * @example
 * const { headers, rows } = clvSample(2);
 * headers[4]   // => "Average repeat value"
 * rows.length  // => 2
 */
export function clvSample(count = 1000, seed = 20261130): { headers: string[]; rows: CellValue[][] } {
  const random = mulberry32(seed);
  const uniform = () => 1 - random(); // (0, 1]: safe under log
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * random());
  const gamma = (shape: number, rate: number) => gammaDraw(shape, uniform, normal) / rate;
  const { r, alpha, a, b, p, q, gamma: spendRate } = CLV_SAMPLE_PROCESS;

  const rows: CellValue[][] = [];
  for (let i = 0; i < count; i++) {
    const first = FIRST_FROM + Math.floor(random() * (FIRST_UNTIL - FIRST_FROM + 1));
    const weeklyRate = gamma(r, alpha);
    const leave = gamma(a, 1);
    const dropout = leave / (leave + gamma(b, 1)); // Beta(a, b)
    const spendScale = gamma(q, spendRate);
    const purchase = () => round2(gamma(p, spendScale));
    // BG/NBD: purchases come exponential gaps apart; after each repeat purchase (not the first: the
    // model's x = 0 customer is alive at T) the customer leaves for good with probability `dropout`.
    let day = first;
    let orders = 1;
    let revenue = purchase();
    let repeatTotal = 0;
    for (;;) {
      const next = day + (-Math.log(uniform()) / weeklyRate) * 7;
      if (!(next < AS_OF + 1)) break;
      day = next;
      orders++;
      const value = purchase();
      revenue += value;
      repeatTotal += value;
      if (random() < dropout) break;
    }
    rows.push([
      `K${String(i + 1).padStart(5, "0")}`,
      first,
      Math.floor(day),
      orders,
      orders > 1 ? round2(repeatTotal / (orders - 1)) : null,
      round2(revenue),
    ]);
  }
  return { headers: [...CLV_SAMPLE_HEADERS], rows };
}

/**
 * One Gamma(shape, 1) draw: Marsaglia & Tsang (2000, ACM TOMS 26(3)) for shape ≥ 1; below 1, a
 * Gamma(shape + 1) draw times U^(1/shape) (their section 6).
 */
function gammaDraw(shape: number, uniform: () => number, normal: () => number): number {
  if (shape < 1) return gammaDraw(shape + 1, uniform, normal) * uniform() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = normal();
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    if (Math.log(uniform()) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
