/**
 * The holdout check of a BG/NBD fit: what the model expected each customer to buy after the as-of
 * date, beside what they bought (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way",
 * Marketing Science 24(2), the "conditional expectations" figure; `lifetimes`'
 * plot_calibration_purchases_vs_holdout_purchases draws the same).
 *
 * For each customer i with calibration history (xᵢ, tₓᵢ, Tᵢ) and holdout length t (periods from the
 * as-of day to the last order day of the log, the same t for every customer):
 *   expected ŷᵢ = E[Y(t) | xᵢ, tₓᵢ, Tᵢ] (eq. 10, {@link expectedPurchases}, as CX.EXPECTEDPURCHASES),
 *   actual yᵢ  = the customer's purchases after the as-of day (distinct purchase days, as in calibration).
 * Customers are grouped by calibration repeat purchases 0, 1, …, maxFrequency−1 and maxFrequency+
 * ("7+"); per group the mean actual and the mean expected purchases per customer, and for all
 * customers Σ yᵢ beside Σ ŷᵢ. A well-fitting model tracks the actual means group by group; a
 * systematic gap (expected above actual for the heavy buyers, say) is what the model gets wrong.
 *
 * E[Y(t) | x, tₓ, T] = P(alive | x, tₓ, T) · E[Y(t) | alive, x, T] and the second factor does not
 * depend on tₓ, so it is computed once per distinct (x, T): O(N + distinct (x, T) · series terms).
 *
 * @example
 * // CDNOW's fit (r 0.243, α 4.414, a 0.793, b 2.426), a 10-week holdout; the first customer (no repeat
 * // purchase, age 10) bought twice after the as-of date, the second (x 2, tₓ 5, T 12) did not:
 * holdoutCheck(cdnow, { x: [0, 2], tx: [0, 5], T: [10, 12], holdout: [2, 0] }, 10)
 * // => groups "0": 1 customer, actual 2, expected 0.1537; "1": 0 customers, null, null;
 * //    "2": 1 customer, actual 0, expected 0.6650; …; total { actual: 2, expected: 0.8187 }
 */
import { expectedPurchasesIfAlive, pAlive } from "./bgnbd";
import type { BgnbdParameters } from "./bgnbdFit";
import { runSteps, type Steps } from "./steps";

/** One group of customers with the same calibration repeat purchases (the last: that many or more). */
export interface HoldoutGroup {
  /** "0", "1", …, "7+". */
  repeatPurchases: string;
  customers: number;
  /** Mean actual purchases per customer in the holdout; null for a group without customers. */
  actual: number | null;
  /** Mean expected purchases per customer in the holdout, E[Y(t) | x, tₓ, T]; null without customers. */
  expected: number | null;
}

/** Expected vs actual purchases in the holdout, per group of repeat purchases and in total. */
export interface HoldoutCheck {
  /** t: the holdout's length in periods. */
  periods: number;
  customers: number;
  groups: HoldoutGroup[];
  /** Σ actual and Σ expected purchases in the holdout over all customers. */
  total: { actual: number; expected: number };
}

/** Calibration histories (x, tₓ, T in periods) and each customer's actual holdout purchases. */
export interface HoldoutData {
  readonly x: ArrayLike<number>;
  readonly tx: ArrayLike<number>;
  readonly T: ArrayLike<number>;
  readonly holdout: ArrayLike<number>;
}

/**
 * Each customer's E[Y(t) | x, tₓ, T] over the same t. Equal to {@link expectedPurchases}(params, t,
 * x, tₓ, T) customer by customer (the same product), with E[Y(t) | alive, x, T] cached per (x, T).
 */
export function expectedHoldoutPurchases(
  params: BgnbdParameters,
  data: Omit<HoldoutData, "holdout">,
  periods: number,
): Float64Array {
  return runSteps(expectedHoldoutPurchasesSteps(params, data, periods));
}

/** Customers between yields of the steps below. */
const CHUNK = 4096;

/** {@link expectedHoldoutPurchases} in slices of customers, for a caller that paces it (see steps.ts). */
export function* expectedHoldoutPurchasesSteps(
  params: BgnbdParameters,
  data: Omit<HoldoutData, "holdout">,
  periods: number,
): Steps<Float64Array> {
  const n = data.x.length;
  const out = new Float64Array(n);
  const ifAlive = new Map<number, Map<number, number>>();
  for (let i = 0; i < n; i++) {
    const x = data.x[i];
    const T = data.T[i];
    let byAge = ifAlive.get(x);
    if (byAge === undefined) ifAlive.set(x, (byAge = new Map()));
    let purchases = byAge.get(T);
    if (purchases === undefined) byAge.set(T, (purchases = expectedPurchasesIfAlive(params, periods, x, T)));
    out[i] = pAlive(params, x, data.tx[i], T) * purchases;
    if (i % CHUNK === CHUNK - 1) yield { stage: "holdout", done: i + 1, total: n };
  }
  return out;
}

/** The holdout check (see the module comment). `periods` > 0; O(N + distinct (x, T) · terms). */
export function holdoutCheck(
  params: BgnbdParameters,
  data: HoldoutData,
  periods: number,
  maxFrequency = 7,
): HoldoutCheck {
  return runSteps(holdoutCheckSteps(params, data, periods, maxFrequency));
}

/** {@link holdoutCheck} in steps, for a caller that paces it (see steps.ts). */
export function* holdoutCheckSteps(
  params: BgnbdParameters,
  data: HoldoutData,
  periods: number,
  maxFrequency = 7,
): Steps<HoldoutCheck> {
  const expected = yield* expectedHoldoutPurchasesSteps(params, data, periods);
  const customers = new Float64Array(maxFrequency + 1);
  const actualSum = new Float64Array(maxFrequency + 1);
  const expectedSum = new Float64Array(maxFrequency + 1);
  let totalActual = 0;
  let totalExpected = 0;
  const n = data.x.length;
  for (let i = 0; i < n; i++) {
    const group = Math.min(maxFrequency, data.x[i]);
    customers[group]++;
    actualSum[group] += data.holdout[i];
    expectedSum[group] += expected[i];
    totalActual += data.holdout[i];
    totalExpected += expected[i];
  }
  const groups = Array.from(customers, (count, k) => ({
    repeatPurchases: k === maxFrequency ? `${maxFrequency}+` : String(k),
    customers: count,
    actual: count === 0 ? null : actualSum[k] / count,
    expected: count === 0 ? null : expectedSum[k] / count,
  }));
  return { periods, customers: n, groups, total: { actual: totalActual, expected: totalExpected } };
}
