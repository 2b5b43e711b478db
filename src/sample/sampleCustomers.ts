/**
 * A seeded, realistic customer table: the bundled sample workbook (`assets/sample-customers.xlsx`),
 * the task pane's browser preview and the large-file benchmark all draw their rows from here.
 *
 * Pure: the same `count` and `seed` give the same rows on every machine (a 32-bit mulberry32
 * generator, no `Math.random`, no clock). O(count) time and memory.
 */
import { ymdToSerial } from "../core/excelDate";
import type { CellValue } from "../workbook/workbook";

/** The sample's columns, in order. The workflow's header detection maps them without help. */
export const SAMPLE_HEADERS: readonly string[] = Object.freeze([
  "Customer ID",
  "Customer name",
  "Region",
  "Revenue",
  "Cost to serve",
  "Strategic match",
  "Perceived service",
  "Perceived communication",
  "Perceived emotional",
  "Expected service",
  "Expected communication",
  "Expected emotional",
  "Last purchase date",
  "Orders",
]);

/** Column positions, so callers (and tests) need not count. */
export const SAMPLE_COLUMNS = Object.freeze({
  id: 0,
  name: 1,
  region: 2,
  revenue: 3,
  costToServe: 4,
  strategicMatch: 5,
  firstRating: 6,
  lastRating: 11,
  lastPurchase: 12,
  orders: 13,
});

/**
 * Real companies whose names begin with a sign Excel would read as a formula. They sit at fixed rows
 * so tests can check they come back as text. Row index → name.
 */
export const FORMULA_LIKE_NAMES: ReadonlyMap<number, string> = new Map([
  [6, "+Plus Logistics GmbH"],
  [41, "-273 Kelvin Cooling Ltd"],
  [97, "=Equals Engineering AB"],
  [250, "@Home Furnishings Inc."],
]);

/** The one revenue-free column holding a number stored as text (as CSV imports leave them). */
export const TEXT_NUMBER_AT = Object.freeze({ row: 12, column: SAMPLE_COLUMNS.costToServe });

/** Excel serial number of a calendar date the generator knows to exist (1900 date system). */
export function excelSerial(year: number, month: number, day: number): number {
  const serial = ymdToSerial(year, month, day);
  if (serial === null) throw new RangeError(`${year}-${month}-${day} is not a date`);
  return serial;
}

/** The last day any sample customer bought: 2026-11-20 (serial 46346). */
const LAST_DATE = excelSerial(2026, 11, 20);
/** Purchases reach back three years. */
const FIRST_DATE = excelSerial(2023, 11, 21);

const REGIONS: readonly (readonly [string, number])[] = [
  ["North", 0.3],
  ["South", 0.25],
  ["East", 0.2],
  ["West", 0.2],
  ["Central", 0.05],
];

const NAME_STARTS = ["Al", "Bel", "Cor", "Dan", "El", "Fen", "Gar", "Hal", "Ist", "Jor", "Kel", "Lum"];
const NAME_MIDDLES = ["a", "e", "i", "o", "u", "ar", "en", "or"];
const NAME_ENDS = ["tech", "via", "dor", "mark", "stone", "field", "wave", "lux", "berg", "nova", "sys"];
const COMPANY_FORMS = ["Ltd", "GmbH", "AG", "Inc.", "S.A.", "Oy", "B.V.", "LLC", "plc", "S.r.l."];

/**
 * Generates `count` customers, row-major, with {@link SAMPLE_HEADERS} as headers.
 *
 * The numbers follow shapes seen in real customer bases:
 * - Revenue is lognormal (μ = 8, σ = 1.6: median ≈ e⁸ ≈ 2,981, mean ≈ e^(8 + 1.28) ≈ 10,700), so
 *   the top 20 % of customers bring about three quarters of it (Pareto's 80/20, roughly).
 * - Cost to serve is a fixed 150 plus 5–40 % of revenue; Orders grow with revenue (≈ one order
 *   per 400–1,600 of revenue, at least 1); Strategic match is 1–10; ratings are 1–5.
 * - About 8 % of the survey ratings are blank (customers who did not answer), about 2 % of
 *   Regions and 1 % of Costs to serve are blank; Revenue, Strategic match, Last purchase date and
 *   Orders are always filled, so every method runs on the sample as it is.
 * - A few names start with `+`, `-`, `=` or `@` ({@link FORMULA_LIKE_NAMES}) and one Cost to serve
 *   is a number stored as text ({@link TEXT_NUMBER_AT}), to show both are handled.
 * Dates are Excel serial numbers (format them as dates when writing).
 *
 * @example
 * const { headers, rows } = sampleCustomers(3);
 * headers[3] // => "Revenue"
 * rows.length // => 3
 */
export function sampleCustomers(count = 5000, seed = 20261125): { headers: string[]; rows: CellValue[][] } {
  const random = mulberry32(seed);
  const normal = () => {
    // Box–Muller: two uniforms in (0, 1] give one standard normal draw.
    const u = 1 - random();
    const v = random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const blankOr = (probability: number, value: CellValue): CellValue =>
    random() < probability ? null : value;

  const rows: CellValue[][] = [];
  for (let i = 0; i < count; i++) {
    const revenue = round2(Math.exp(8 + 1.6 * normal()));
    const costToServe = round2(150 + revenue * (0.05 + 0.35 * random()));
    const orders = Math.max(1, Math.round(revenue / (400 + 1200 * random())));
    const strategicMatch = 1 + Math.floor(random() * 10);
    const name =
      FORMULA_LIKE_NAMES.get(i) ??
      `${pick(NAME_STARTS)}${pick(NAME_MIDDLES)}${pick(NAME_ENDS)} ${pick(COMPANY_FORMS)}`;
    // Perceived ratings first, then expected ones, so each triple is one contiguous range for
    // CX.SATISFACTION(perceived, expected).
    const perceivedRatings: CellValue[] = [];
    const expectedRatings: CellValue[] = [];
    for (let factor = 0; factor < 3; factor++) {
      const expected = 2 + Math.floor(random() * 4); // 2–5
      const perceived = clamp(expected + Math.round(1.1 * normal()), 1, 5);
      perceivedRatings.push(blankOr(0.08, perceived));
      expectedRatings.push(blankOr(0.08, expected));
    }
    // Bigger customers buy more often, so their last purchase tends to be recent.
    const recencyScale = orders > 10 ? 0.25 : 1;
    const lastPurchase = LAST_DATE - Math.floor(random() ** 2 * recencyScale * (LAST_DATE - FIRST_DATE));
    const row: CellValue[] = [
      `C${String(i + 1).padStart(5, "0")}`,
      name,
      blankOr(0.02, weightedPick(REGIONS, random())),
      revenue,
      blankOr(0.01, costToServe),
      strategicMatch,
      ...perceivedRatings,
      ...expectedRatings,
      lastPurchase,
      orders,
    ];
    if (i === TEXT_NUMBER_AT.row) row[TEXT_NUMBER_AT.column] = costToServe.toFixed(2);
    rows.push(row);
  }
  return { headers: [...SAMPLE_HEADERS], rows };
}

/**
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit state generator, fast and good enough for
 * sample data. Returns uniforms in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weightedPick(items: readonly (readonly [string, number])[], uniform: number): string {
  let cumulative = 0;
  for (const [item, weight] of items) {
    cumulative += weight;
    if (uniform < cumulative) return item;
  }
  return items[items.length - 1][0];
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function clamp(x: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, x));
}
