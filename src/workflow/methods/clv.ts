/**
 * The lifetime-value method over a customer table (one row per customer with its first purchase
 * date, last purchase date, number of purchases and average repeat value — the table CX.CUSTOMERS
 * writes): BG/NBD for who is still a customer and how often they will buy (Fader, Hardie & Lee
 * 2005, Marketing Science 24(2)), Gamma-Gamma for how much (Fader, Hardie & Lee 2005, JMR 42(4)),
 * and their discounted product over the horizon (`src/core/customerLifetimeValue.ts`).
 *
 * Each row becomes a BG/NBD history as the order log defines it (`src/core/orderLog.ts`), with the
 * dates' whole days (a time of day is dropped) and d = the period's days (`src/core/purchasePeriod.ts`):
 *
 *   x = purchases − 1,   tₓ = (last − first) / d,   T = (as-of − first) / d,   z̄ = average value.
 *
 * A row that cannot be a history (fewer than 1 purchase, a last purchase before the first or after
 * the as-of date, one purchase on two days, a repeat customer without a positive average value)
 * stops the run naming the rows, or with "skip invalid rows" is left out with a note; the average
 * value of a customer who bought once may be blank (CX.CUSTOMERS leaves it blank).
 *
 * Both models are fitted on the customers used (the worksheet functions CX.BGNBDFIT and
 * CX.GAMMAGAMMAFIT fit the same way, so they give the same numbers), every customer is scored, and
 * customers are ranked by CLV into three tiers: the top 20 % (⌈0.2·n⌉ customers), the next 30 %
 * (up to ⌈0.5·n⌉) and the rest; ties keep table order. Cost: the fits' cost (distinct histories),
 * O(n + K · distinct (x, T)) scoring, O(n log n) ranking (`core/rankTiers.ts`). Every loop
 * over the customers runs in slices between yields, so the pane stays responsive on a million.
 *
 * @example
 * // CDNOW customer 1: first 1997-01-01, last 1997-08-02 (213 days later), 3 purchases, z̄ $22.35,
 * // as of 1997-09-30 in weeks: x 2, tₓ 30.43, T 38.86 → P(alive) 0.726 with the paper's fit.
 */
import { expectedFrequencyHistogramSteps, frequencyHistogram } from "../../core/bgnbd";
import { fitBgnbdSteps } from "../../core/bgnbdFit";
import { PERIODS_PER_YEAR, scoreCustomersSteps } from "../../core/customerLifetimeValue";
import { isCoreError } from "../../core/errors";
import { serialToIso } from "../../core/excelDate";
import { fitGammaGammaSteps, spendMeanProblem } from "../../core/gammaGamma";
import { type HoldoutCheck, holdoutCheckSteps } from "../../core/holdoutCheck";
import { PERIOD_NAMES, type PeriodName, periodDays, periodPlural } from "../../core/purchasePeriod";
import { tiersByRankSteps } from "../../core/rankTiers";
import { type Progress, runStepsAsync, type Steps } from "../../core/steps";
import {
  type BrokenRule,
  type Checked,
  type ColumnRef,
  LISTED_ROWS,
  type ProblemDetails,
  type RowRule,
  pass,
  stop,
} from "../problems";
import { columnRefOf } from "../stages/customers";
import {
  isRecord,
  type MethodInput,
  type MethodResult,
  requireColumn,
  type SegmentationMethod,
} from "./method";
import { asOfSerial } from "./rfm";

export interface ClvSettings {
  /** The end of observation (ISO yyyy-mm-dd); default today. */
  asOf: string;
  /** The period unit of recency, age and the horizon; default week (as the papers). */
  period: PeriodName;
  /** Whole periods ahead, 1–100000; null = one year of periods (52 weeks, 12 months, 365 days). */
  horizon: number | null;
  /** Share of spend that is profit (1 when the values are margins already); default 1. */
  margin: number;
  /** Annual discount rate (0.1 = 10 % a year); default 0.1, as CX.CLV. */
  discount: number;
  /** L2 penalty on the log-parameters of both fits (as `lifetimes`' penalizer_coef); default 0. */
  penalty: number;
}

/** The fitted models, for the summary and the runner's `--json` "model". */
export interface LifetimeValueModel {
  bgnbd: {
    r: number;
    alpha: number;
    a: number;
    b: number;
    logLikelihood: number;
    iterations: number;
    converged: boolean;
    /** Standard errors from the Hessian; null when it is not positive definite at the optimum. */
    standardErrors: { r: number; alpha: number; a: number; b: number } | null;
  };
  gammaGamma: {
    p: number;
    q: number;
    v: number;
    logLikelihood: number;
    iterations: number;
    converged: boolean;
    standardErrors: { p: number; q: number; v: number } | null;
  };
  period: PeriodName;
  /** K, whole periods. */
  horizon: number;
  periodsPerYear: number;
  margin: number;
  discount: number;
  asOf: string;
}

/** One CLV tier of the summary. */
export interface LifetimeValueTier {
  tier: string;
  customers: number;
  /** Share of the customers scored. */
  customerShare: number;
  /** Σ E[Y(K)] of the tier's customers. */
  expectedPurchases: number;
  /** Σ CLV of the tier's customers. */
  lifetimeValue: number;
  /** Share of the total CLV (NaN when the total is 0). */
  lifetimeValueShare: number;
}

/** The lifetime-value part of a run's summary. */
export interface LifetimeValueSummary {
  model: LifetimeValueModel;
  tiers: LifetimeValueTier[];
  /** Customers with P(alive) < 0.5: how many, their past value (null without a value column) and its share. */
  valueAtRisk: {
    customers: number;
    pastValue: number | null;
    pastValueShare: number | null;
    lifetimeValue: number;
  };
  /** The paper's fit chart: customers with 0, 1, …, 6 and 7+ repeat purchases, actual and expected. */
  fitChart: { repeatPurchases: string; actual: number; expected: number }[];
  /**
   * From an order log with orders after the as-of date: expected (BG/NBD) vs actual purchases after
   * it, per group of calibration repeat purchases 0, 1, …, 6, 7+ and in total
   * (`src/core/holdoutCheck.ts`); absent when no order is after the as-of date.
   */
  holdout?: LifetimeValueHoldout;
}

/** The holdout check of the summary: the core's check with the holdout's dates. */
export interface LifetimeValueHoldout extends HoldoutCheck {
  /** The first and last day of the holdout (yyyy-mm-dd): the day after the as-of date, the log's last order day. */
  from: string;
  to: string;
}

/** The tier names, in the summary's order. */
export const CLV_TIERS: readonly string[] = ["Top 20 %", "Next 30 %", "Rest"];

/** The fit chart's last bin: this many repeat purchases or more (the paper's "7+"). */
const FIT_CHART_BINS = 7;

const MAX_HORIZON = 100000;

/** K of the settings: the typed horizon, or one year of periods rounded (52 weeks, 12 months). */
export function horizonOf(settings: ClvSettings): number {
  return settings.horizon ?? Math.round(PERIODS_PER_YEAR[settings.period]);
}

function isPeriod(x: unknown): x is PeriodName {
  return typeof x === "string" && (PERIOD_NAMES as readonly string[]).includes(x);
}

function isNumberAtLeast0(x: unknown): x is number {
  return typeof x === "number" && Number.isFinite(x) && x >= 0;
}

/** Per-row rule of the customer table, with the roles whose columns the message names. */
const RULE_ROLES: Record<RowRule, readonly ("orders" | "firstPurchase" | "lastPurchase" | "averageValue")[]> =
  {
    "purchases-below-one": ["orders"],
    "purchases-not-whole": ["orders"],
    "last-before-first": ["firstPurchase", "lastPurchase"],
    "first-after-as-of": ["firstPurchase"],
    "last-after-as-of": ["lastPurchase"],
    "one-purchase-two-days": ["orders", "firstPurchase", "lastPurchase"],
    "average-value-missing": ["averageValue"],
    "average-value-not-positive": ["averageValue"],
  };

const RULE_ORDER = Object.keys(RULE_ROLES) as RowRule[];

/** The first rule a row breaks, or null. Dates are whole days; `average` NaN when blank. O(1). */
export function rowRuleBroken(
  purchases: number,
  first: number,
  last: number,
  average: number,
  asOf: number,
): RowRule | null {
  if (purchases < 1) return "purchases-below-one";
  if (purchases !== Math.floor(purchases)) return "purchases-not-whole";
  if (last < first) return "last-before-first";
  if (first > asOf) return "first-after-as-of";
  if (last > asOf) return "last-after-as-of";
  if (purchases === 1 && last !== first) return "one-purchase-two-days";
  if (purchases > 1 && Number.isNaN(average)) return "average-value-missing";
  if (purchases > 1 && !(average > 0)) return "average-value-not-positive";
  return null;
}

export const clv: SegmentationMethod<"clv"> = {
  id: "clv",
  title: "Lifetime value (BG/NBD and Gamma-Gamma)",
  name: "lifetime value",
  summaryTitle: "Customer lifetime value",
  requiredRoles: ["firstPurchase", "lastPurchase", "orders", "averageValue"],
  optionalRoles: ["value"],
  // A one-time buyer has no average repeat value: blank is allowed, the rules above decide.
  blankableRoles: ["averageValue"],

  defaults: (today) => ({ asOf: today, period: "week", horizon: null, margin: 1, discount: 0.1, penalty: 0 }),

  restore(saved, defaults) {
    const out: ClvSettings = { ...defaults };
    if (!isRecord(saved)) return out;
    if (typeof saved.asOf === "string") out.asOf = saved.asOf;
    if (isPeriod(saved.period)) out.period = saved.period;
    if (saved.horizon === null || typeof saved.horizon === "number") out.horizon = saved.horizon;
    if (typeof saved.margin === "number") out.margin = saved.margin;
    if (typeof saved.discount === "number") out.discount = saved.discount;
    if (typeof saved.penalty === "number") out.penalty = saved.penalty;
    return out;
  },

  check(settings) {
    if (asOfSerial(settings.asOf) === null) {
      return {
        code: "invalid-setting",
        setting: "asOf",
        rule: `must be a date that exists, in the form yyyy-mm-dd (got "${settings.asOf}")`,
      };
    }
    if (!isPeriod(settings.period)) {
      return {
        code: "invalid-setting",
        setting: "period",
        rule: `must be one of ${PERIOD_NAMES.join(", ")} (got "${String(settings.period)}")`,
      };
    }
    const horizon = settings.horizon;
    if (horizon !== null && !(Number.isInteger(horizon) && horizon >= 1 && horizon <= MAX_HORIZON)) {
      return {
        code: "invalid-setting",
        setting: "horizon",
        rule: `must be a whole number of periods from 1 to ${MAX_HORIZON} (got ${String(horizon)})`,
      };
    }
    if (!isNumberAtLeast0(settings.margin)) {
      return {
        code: "invalid-setting",
        setting: "margin",
        rule: `must be a number 0 or more, as a fraction: 0.3 = 30 % (got ${String(settings.margin)})`,
      };
    }
    if (!isNumberAtLeast0(settings.discount)) {
      return {
        code: "invalid-setting",
        setting: "discount",
        rule: `must be a number 0 or more, a rate per year: 0.1 = 10 % (got ${String(settings.discount)})`,
      };
    }
    if (!isNumberAtLeast0(settings.penalty)) {
      return {
        code: "invalid-setting",
        setting: "penalty",
        rule: `must be a number 0 or more, such as 0.001 (got ${String(settings.penalty)})`,
      };
    }
    return null;
  },

  run(input) {
    return runStepsAsync(lifetimeValueSteps(input), input.pacing);
  },
};

/** Customers between the yields of the method's own loops (a few milliseconds of work). */
const CHUNK = 16384;

/** The parts of the method's progress bar, as [from, to] of its 0…1 (the fits take the most time). */
type Span = readonly [number, number];
const HISTORIES: Span = [0, 0.05];
const BGNBD_FIT: Span = [0.05, 0.55];
const SPEND_FIT: Span = [0.55, 0.7];
const SCORES: Span = [0.7, 0.88];
const TIERS: Span = [0.88, 0.94];
const FIT_CHART: Span = [0.94, 0.97];
const HOLDOUT: Span = [0.97, 1];

/** The method's progress `fraction` of the way through `span`, in thousandths. */
function at(stage: string, span: Span, fraction: number): Progress {
  return { stage, done: Math.round(1000 * (span[0] + (span[1] - span[0]) * fraction)), total: 1000 };
}

/**
 * Rescales a computation's progress into `span` of the method's bar, under one name. A fit
 * (`isFit`) checks and groups the histories first (steps with a total: the first fifth of its span), then evaluates
 * its likelihood an unknown number of times (the rest, approaching the end as evaluations add up;
 * the BG/NBD fit of the CDNOW sample takes about 60). The bar only moves forward.
 */
function* phase<T>(steps: Steps<T>, stage: string, span: Span, isFit = false): Steps<T> {
  let furthest = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    const { done, total } = step.value;
    const known = Math.min(1, done / Math.max(1, total));
    const fraction = !isFit ? known : total > 0 ? 0.2 * known : 0.2 + (0.8 * done) / (done + 60);
    furthest = Math.max(furthest, fraction);
    yield at(stage, span, furthest);
  }
}

/**
 * The method's work as steps (see `core/steps.ts`), so the pane paces a million customers: every
 * loop over the customers yields between slices, and the fits and scores run as their own steps.
 */
function* lifetimeValueSteps({
  settings,
  output,
  source,
  numbers,
  mask,
  skipInvalidRows,
  excelRow,
  history,
}: MethodInput<ClvSettings>): Steps<Checked<MethodResult>> {
  const asOf = asOfSerial(settings.asOf) as number;
  const first = requireColumn(numbers, "firstPurchase");
  const last = requireColumn(numbers, "lastPurchase");
  const purchases = requireColumn(numbers, "orders");
  const average = requireColumn(numbers, "averageValue");
  const n = first.length;
  const notes: string[] = [];

  // 1. The rows' own rules.
  const ruleOf = new Int8Array(n).fill(-1);
  const broken = new Map<RowRule, { count: number; rows: number[] }>();
  for (let i = 0; i < n; i++) {
    if (!mask[i]) continue;
    const rule = rowRuleBroken(purchases[i], Math.floor(first[i]), Math.floor(last[i]), average[i], asOf);
    if (rule === null) continue;
    ruleOf[i] = RULE_ORDER.indexOf(rule);
    let list = broken.get(rule);
    if (list === undefined) broken.set(rule, (list = { count: 0, rows: [] }));
    list.count++;
    if (list.rows.length < LISTED_ROWS) list.rows.push(excelRow(i));
    if (i % CHUNK === CHUNK - 1) yield at("histories", HISTORIES, 0.5 * (i / n));
  }
  if (broken.size > 0) {
    const rules: BrokenRule[] = RULE_ORDER.filter((rule) => broken.has(rule)).map((rule) => ({
      rule,
      columns: RULE_ROLES[rule].map((role): ColumnRef => columnRefOf(source, role)),
      cells: broken.get(rule) as { count: number; rows: number[] },
    }));
    if (!skipInvalidRows) {
      return stop({ code: "invalid-rows", methodName: "lifetime value", asOf: settings.asOf, rules });
    }
    let skipped = 0;
    for (let i = 0; i < n; i++) {
      if (mask[i] && ruleOf[i] >= 0) {
        mask[i] = 0;
        skipped++;
      }
    }
    const listed = rules.flatMap((r) => r.cells.rows).sort((a, b) => a - b);
    notes.push(
      `${skipped} row${skipped === 1 ? " was" : "s were"} left out of the lifetime value (blank result) because ${skipped === 1 ? "its purchase history is" : "their purchase histories are"} not possible: ` +
        `row${listed.length === 1 ? "" : "s"} ${listed.slice(0, LISTED_ROWS).join(", ")}${skipped > Math.min(LISTED_ROWS, listed.length) ? ", …" : ""}.`,
    );
  }

  // 2. Histories in periods, for the customers used.
  let m = 0;
  for (let i = 0; i < n; i++) m += mask[i];
  const used = new Int32Array(m);
  for (let i = 0, k = 0; i < n; i++) if (mask[i]) used[k++] = i;
  if (m === 0) return stop({ code: "no-data", reason: "no-valid-rows", headers: [...source.headers] });
  const days = periodDays(settings.period);
  const x = new Float64Array(m);
  const tx = new Float64Array(m);
  const T = new Float64Array(m);
  const zbar = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const i = used[k];
    const firstDay = Math.floor(first[i]);
    x[k] = purchases[i] - 1;
    tx[k] = (Math.floor(last[i]) - firstDay) / days;
    T[k] = (asOf - firstDay) / days;
    zbar[k] = x[k] > 0 ? average[i] : 0;
    if (k % CHUNK === CHUNK - 1) yield at("histories", HISTORIES, 0.5 + 0.5 * (k / m));
  }

  // 3. The fits.
  const names = {
    frequency: `repeat purchase count (${columnName(source, "orders")} − 1)`,
    recency: "time from the first to the last purchase",
    age: `time from the first purchase to the as-of date`,
  };
  const bgnbdFit = yield* phase(
    fitBgnbdSteps({ x, tx, T }, { penalizerCoef: settings.penalty, names }),
    "BG/NBD fit",
    BGNBD_FIT,
    true,
  );
  if (isCoreError(bgnbdFit)) return stop(notIdentified("BG/NBD", bgnbdFit.message));
  if (!bgnbdFit.converged) return stop(notConverged("BG/NBD", bgnbdFit.stop, bgnbdFit.starts));
  const spendFit = yield* phase(
    fitGammaGammaSteps(
      { x, zbar },
      {
        penalizerCoef: settings.penalty,
        names: { frequency: names.frequency, averageValue: columnName(source, "averageValue") },
      },
    ),
    "spend fit",
    SPEND_FIT,
    true,
  );
  if (isCoreError(spendFit)) return stop(notIdentified("Gamma-Gamma spend", spendFit.message));
  if (!spendFit.converged) return stop(notConverged("Gamma-Gamma spend", spendFit.stop, spendFit.starts));
  const meanProblem = spendMeanProblem(spendFit.parameters);
  if (meanProblem !== null) return stop(notIdentified("Gamma-Gamma spend", meanProblem.message));

  // 4. Scores.
  const horizon = horizonOf(settings);
  const periodsPerYear = PERIODS_PER_YEAR[settings.period];
  const scores = yield* phase(
    scoreCustomersSteps(
      bgnbdFit.parameters,
      spendFit.parameters,
      { x, tx, T, zbar },
      { horizon, margin: settings.margin, annualDiscount: settings.discount, periodsPerYear },
    ),
    "scores",
    SCORES,
  );

  // 5. Tiers by CLV, largest first (ties in table order), without sorting the customers.
  const tierOf = yield* phase(
    tiersByRankSteps(scores.lifetimeValue, [Math.ceil(0.2 * m), Math.ceil(0.5 * m)]),
    "tiers",
    [TIERS[0], (TIERS[0] + TIERS[1]) / 2],
  );

  const segmentOf = new Int32Array(n).fill(-1);
  const summaryValue = new Float64Array(n);
  const columns = {
    alive: new Array<number | null>(n).fill(null),
    purchases: new Array<number | null>(n).fill(null),
    spend: new Array<number | null>(n).fill(null),
    value: new Array<number | null>(n).fill(null),
    tier: new Array<string | null>(n).fill(null),
  };
  const tierPurchases = [0, 0, 0];
  const tierValue = [0, 0, 0];
  const tierCustomers = [0, 0, 0];
  const pastValue = numbers.value?.values ?? null;
  let totalValue = 0;
  let totalPast = 0;
  let riskCustomers = 0;
  let riskPast = 0;
  let riskValue = 0;
  for (let k = 0; k < m; k++) {
    const i = used[k];
    const tier = tierOf[k];
    const alive = scores.pAlive[k];
    const value = scores.lifetimeValue[k];
    segmentOf[i] = tier;
    summaryValue[i] = value;
    columns.alive[i] = alive;
    columns.purchases[i] = scores.expectedPurchases[k];
    columns.spend[i] = scores.expectedSpend[k];
    columns.value[i] = value;
    columns.tier[i] = CLV_TIERS[tier];
    tierCustomers[tier]++;
    tierPurchases[tier] += scores.expectedPurchases[k];
    tierValue[tier] += value;
    totalValue += value;
    const past = pastValue !== null && Number.isFinite(pastValue[i]) ? pastValue[i] : 0;
    totalPast += past;
    if (alive < 0.5) {
      riskCustomers++;
      riskPast += past;
      riskValue += value;
    }
    if (k % CHUNK === CHUNK - 1) yield at("tiers", TIERS, 0.5 + 0.5 * (k / m));
  }
  if (pastValue === null) {
    notes.push(
      "No total value column is mapped, so the value at risk counts the customers with P(alive) below 50 % but not their past value.",
    );
  }
  if (output === "formulas") {
    notes.push(
      "The lifetime value was written as values: the CX.PALIVE, CX.EXPECTEDPURCHASES, CX.EXPECTEDSPEND and CX.CLV functions give the same numbers from the fitted parameters on the summary sheet.",
    );
  }

  const actual = frequencyHistogram(x, FIT_CHART_BINS);
  const expected = yield* phase(
    expectedFrequencyHistogramSteps(bgnbdFit.parameters, T, FIT_CHART_BINS),
    "fit chart",
    FIT_CHART,
  );
  const unit = periodPlural(settings.period);
  const span = `${horizon} ${horizon === 1 ? settings.period : unit}`;
  const lifetimeValue: LifetimeValueSummary = {
    model: {
      bgnbd: {
        ...bgnbdFit.parameters,
        logLikelihood: bgnbdFit.logLikelihood,
        iterations: bgnbdFit.iterations,
        converged: bgnbdFit.converged,
        standardErrors: bgnbdFit.standardErrors,
      },
      gammaGamma: {
        ...spendFit.parameters,
        logLikelihood: spendFit.logLikelihood,
        iterations: spendFit.iterations,
        converged: spendFit.converged,
        standardErrors: spendFit.standardErrors,
      },
      period: settings.period,
      horizon,
      periodsPerYear,
      margin: settings.margin,
      discount: settings.discount,
      asOf: settings.asOf,
    },
    tiers: CLV_TIERS.map((tier, t) => ({
      tier,
      customers: tierCustomers[t],
      customerShare: tierCustomers[t] / m,
      expectedPurchases: tierPurchases[t],
      lifetimeValue: tierValue[t],
      lifetimeValueShare: totalValue === 0 ? NaN : tierValue[t] / totalValue,
    })),
    valueAtRisk: {
      customers: riskCustomers,
      pastValue: pastValue === null ? null : riskPast,
      pastValueShare: pastValue === null || totalPast === 0 ? null : riskPast / totalPast,
      lifetimeValue: riskValue,
    },
    fitChart: Array.from(actual, (count, k) => ({
      repeatPurchases: k === FIT_CHART_BINS ? `${FIT_CHART_BINS}+` : String(k),
      actual: count,
      expected: expected[k],
    })),
  };
  const holdoutPeriods = history?.holdoutPeriods;
  const holdoutPurchases = history?.holdoutPurchases;
  if (holdoutPeriods !== undefined && holdoutPeriods > 0 && holdoutPurchases !== undefined) {
    const actualHoldout = new Float64Array(m);
    for (let k = 0; k < m; k++) actualHoldout[k] = holdoutPurchases[used[k]];
    const check = yield* phase(
      holdoutCheckSteps(
        bgnbdFit.parameters,
        { x, tx, T, holdout: actualHoldout },
        holdoutPeriods,
        FIT_CHART_BINS,
      ),
      "holdout check",
      HOLDOUT,
    );
    lifetimeValue.holdout = {
      ...check,
      from: serialToIso(asOf + 1) ?? "",
      to: serialToIso(asOf + Math.round(holdoutPeriods * days)) ?? "",
    };
  }
  return pass({
    segmentNames: [...CLV_TIERS],
    segmentOf,
    columns: [
      { header: "P(alive)", values: columns.alive, numberFormat: "0.0%" },
      { header: `Expected purchases (${span})`, values: columns.purchases, numberFormat: "0.00" },
      { header: "Expected average value", values: columns.spend, numberFormat: "#,##0.00" },
      { header: `CLV (${span})`, values: columns.value, numberFormat: "#,##0.00" },
      { header: "CLV tier", values: columns.tier },
    ],
    cutPoints: {},
    notes,
    summaryValue,
    lifetimeValue,
  });
}

/** `"Purchases"`: a column's header in quotes, for the models' messages. */
function columnName(source: Parameters<typeof columnRefOf>[0], role: "orders" | "averageValue"): string {
  return `"${columnRefOf(source, role).header}"`;
}

function notIdentified(model: string, reason: string): ProblemDetails {
  return { code: "model-not-identified", model, reason };
}

function notConverged(model: string, stopCode: string, starts: number): ProblemDetails {
  return { code: "fit-not-converged", model, stop: stopCode, starts };
}
