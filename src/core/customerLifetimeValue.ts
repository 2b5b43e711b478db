/**
 * Customer lifetime value over a horizon from a BG/NBD and a Gamma-Gamma model (Fader, Hardie &
 * Lee 2005, JMR 42(4), "RFM and CLV", combining the two; `lifetimes`' customer_lifetime_value does
 * the same sum):
 *
 *   CLV = m · E[Z | x, z̄] · Σₖ₌₁..K (E[Y(k) | x, tₓ, T] − E[Y(k−1) | x, tₓ, T]) / (1+d)^(k/P)
 *
 * K periods of the fit's unit, margin m (the share of spend that is profit; 1 when the values are
 * already margins), annual discount rate d, P periods per year (52.1775 weeks, 12 months, 365.25
 * days), so each period's expected purchases are discounted at the end of that period.
 *
 * Since E[Y(k) | x, tₓ, T] = P(alive | x, tₓ, T) · E[Y(k) | alive, x, T] and the second factor does
 * not depend on tₓ, the discounted sum is computed once per distinct (x, T) and cached: scoring a
 * million customers costs O(N) plus K series per distinct (x, T).
 *
 * @example
 * // CDNOW customer 1 (x 2, tₓ 30.43, T 38.86 weeks, z̄ $22.35), one year ahead, margin 30 %, 10 % a year:
 * customerLifetimeValue(bgnbd, spend, 2, 30.43, 38.86, 22.35, { horizon: 52, margin: 0.3, annualDiscount: 0.1, periodsPerYear: 52.1775 })
 */
import { expectedPurchasesIfAlive, pAlive } from "./bgnbd";
import { BgnbdParameters } from "./bgnbdFit";
import { expectedSpend, GammaGammaParameters } from "./gammaGamma";
import { PacingOptions, runSteps, runStepsAsync, Steps } from "./steps";

/** The horizon and money settings of a CLV. */
export interface LifetimeValueSettings {
  /** K: whole periods ahead (in the fit's period unit), at least 1. */
  readonly horizon: number;
  /** m: share of spend that is profit (1 when the values are margins already). */
  readonly margin: number;
  /** d: discount rate per year (0.1 for 10 %). */
  readonly annualDiscount: number;
  /** P: periods per year (52.1775 weeks, 12 months, 365.25 days). */
  readonly periodsPerYear: number;
}

/** Periods per year of the usual period units (weeks: 365.2425/7 = 52.1775, the mean Gregorian year in weeks). */
export const PERIODS_PER_YEAR = { day: 365.25, week: 52.1775, month: 12, quarter: 4, year: 1 } as const;

/**
 * Σₖ₌₁..K (E[Y(k) | alive, x, T] − E[Y(k−1) | alive, x, T]) / (1+d)^(k/P): the discounted expected
 * purchases of a customer who is alive now. NaN when a series does not converge. O(K · terms).
 */
export function discountedPurchasesIfAlive(
  params: BgnbdParameters,
  x: number,
  T: number,
  settings: LifetimeValueSettings,
): number {
  const { horizon, annualDiscount, periodsPerYear } = settings;
  const perPeriod = Math.pow(1 + annualDiscount, -1 / periodsPerYear);
  let previous = 0;
  let factor = 1;
  let total = 0;
  for (let k = 1; k <= horizon; k++) {
    const current = expectedPurchasesIfAlive(params, k, x, T);
    factor *= perPeriod;
    total += (current - previous) * factor;
    previous = current;
  }
  return total;
}

/** The CLV of one customer (see the module comment). O(K · terms). */
export function customerLifetimeValue(
  bgnbd: BgnbdParameters,
  spend: GammaGammaParameters,
  x: number,
  tx: number,
  T: number,
  zbar: number,
  settings: LifetimeValueSettings,
): number {
  return (
    settings.margin *
    expectedSpend(spend, x, zbar) *
    pAlive(bgnbd, x, tx, T) *
    discountedPurchasesIfAlive(bgnbd, x, T, settings)
  );
}

/** The four per-customer columns of a lifetime-value run. */
export interface CustomerScores {
  readonly pAlive: Float64Array;
  /** E[Y(K) | x, tₓ, T]: expected repeat purchases within the horizon. */
  readonly expectedPurchases: Float64Array;
  /** E[Z | x, z̄]. */
  readonly expectedSpend: Float64Array;
  readonly lifetimeValue: Float64Array;
}

/** Per customer: the history and the average repeat value. */
export interface CustomerValueData {
  readonly x: ArrayLike<number>;
  readonly tx: ArrayLike<number>;
  readonly T: ArrayLike<number>;
  readonly zbar: ArrayLike<number>;
}

/**
 * Scores customers with caches per distinct (x, T): reuse one scorer across chunks of the same
 * population. `score(i, …)` writes row i of the output columns.
 */
export class LifetimeValueScorer {
  private readonly cache = new Map<number, Map<number, Float64Array>>();
  /** Distinct (x, T) computed so far: each costs K hypergeometric series, a customer's score far less. */
  computed = 0;

  constructor(
    readonly bgnbd: BgnbdParameters,
    readonly spend: GammaGammaParameters,
    readonly settings: LifetimeValueSettings,
  ) {}

  /** [E[Y(K) | alive, x, T], discounted purchases if alive] for (x, T), computed once. */
  private perAge(x: number, T: number): Float64Array {
    let byAge = this.cache.get(x);
    if (byAge === undefined) this.cache.set(x, (byAge = new Map()));
    let values = byAge.get(T);
    if (values === undefined) {
      values = Float64Array.of(
        expectedPurchasesIfAlive(this.bgnbd, this.settings.horizon, x, T),
        discountedPurchasesIfAlive(this.bgnbd, x, T, this.settings),
      );
      byAge.set(T, values);
      this.computed++;
    }
    return values;
  }

  score(index: number, x: number, tx: number, T: number, zbar: number, out: CustomerScores): void {
    const alive = pAlive(this.bgnbd, x, tx, T);
    const [purchases, discounted] = this.perAge(x, T);
    const value = expectedSpend(this.spend, x, zbar);
    out.pAlive[index] = alive;
    out.expectedPurchases[index] = alive * purchases;
    out.expectedSpend[index] = value;
    out.lifetimeValue[index] = this.settings.margin * value * alive * discounted;
  }
}

/**
 * P(alive), E[Y(K)], E[Z] and CLV for every customer, in slices of at most `chunk` customers
 * (and `chunk / 64` newly computed histories) between yields. The caller checks the data and parameters first (histories possible, q > 1).
 */
export function* scoreCustomersSteps(
  bgnbd: BgnbdParameters,
  spend: GammaGammaParameters,
  data: CustomerValueData,
  settings: LifetimeValueSettings,
  chunk = 4096,
): Steps<CustomerScores> {
  const n = data.x.length;
  const out: CustomerScores = {
    pAlive: new Float64Array(n),
    expectedPurchases: new Float64Array(n),
    expectedSpend: new Float64Array(n),
    lifetimeValue: new Float64Array(n),
  };
  const scorer = new LifetimeValueScorer(bgnbd, spend, settings);
  // A slice ends after `chunk` customers or `chunk / 64` new (x, T), whichever comes first: the
  // first customers are mostly new histories, the later ones mostly cached.
  const newHistories = Math.max(1, chunk >> 6);
  let sliceStart = 0;
  let computedAtStart = 0;
  for (let i = 0; i < n; i++) {
    scorer.score(i, data.x[i], data.tx[i], data.T[i], data.zbar[i], out);
    if (i + 1 - sliceStart >= chunk || scorer.computed - computedAtStart >= newHistories) {
      if (i + 1 < n) yield { stage: "score", done: i + 1, total: n };
      sliceStart = i + 1;
      computedAtStart = scorer.computed;
    }
  }
  return out;
}

/** {@link scoreCustomersSteps} at once. */
export function scoreCustomers(
  bgnbd: BgnbdParameters,
  spend: GammaGammaParameters,
  data: CustomerValueData,
  settings: LifetimeValueSettings,
): CustomerScores {
  return runSteps(scoreCustomersSteps(bgnbd, spend, data, settings));
}

/** {@link scoreCustomersSteps} cooperatively (see steps.ts). */
export function scoreCustomersAsync(
  bgnbd: BgnbdParameters,
  spend: GammaGammaParameters,
  data: CustomerValueData,
  settings: LifetimeValueSettings,
  pacing: PacingOptions = {},
): Promise<CustomerScores> {
  return runStepsAsync(scoreCustomersSteps(bgnbd, spend, data, settings), pacing);
}
