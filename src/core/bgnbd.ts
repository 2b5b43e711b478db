/**
 * What a fitted BG/NBD model says about customers (Fader, Hardie & Lee 2005, "Counting Your
 * Customers the Easy Way", Marketing Science 24(2); equation numbers are the paper's):
 *
 * - {@link pAlive}: P(alive | x, tₓ, T) = 1 / (1 + δₓ₍>0₎ · a/(b+x−1) · ((α+T)/(α+tₓ))^(r+x)) (eq. 13
 *   of Hardie's note "Computing P(alive) Using the BG/NBD Model"), in log space: the power is taken
 *   as exp((r+x)·ln(...)), which may overflow to +∞ and then gives exactly 0, never NaN.
 * - {@link expectedPurchases}: E[Y(t) | x, tₓ, T], the expected repeat purchases in the next t
 *   periods (eq. 10):
 *     E[Y(t) | x, tₓ, T] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z)]
 *                          / (1 + δₓ₍>0₎ a/(b+x−1) ((α+T)/(α+tₓ))^(r+x)),    z = t/(α+T+t).
 *   The denominator is 1/P(alive); the numerator is E[Y(t) | alive, x, T] ({@link expectedPurchasesIfAlive}).
 * - {@link expectedPurchasesNewCustomer}: E[X(t)] for a customer just acquired (eq. 9), the same
 *   formula at x = 0, T = 0.
 * - {@link probabilityOfPurchases}: P(X(t) = x) (eq. 8) and {@link expectedFrequencyHistogram}, the
 *   paper's fit chart (expected vs actual numbers of customers with 0, 1, …, 7+ repeat purchases).
 *
 * How eq. 10 is evaluated: with q = (α+T)/(α+T+t) = 1 − z, Euler's transformation (DLMF 15.8.1)
 * turns qʳ⁺ˣ ₂F₁(r+x, b+x; c; z) into q^(a−1) ₂F₁(a+b−1−r, a−1; c; z), c = a+b+x−1. Its terms shrink
 * as x grows instead of growing like zⁿ(r+x)ₙ/n! (which overflows beyond a few hundred purchases),
 * and writing ₂F₁(A, a−1; c; z) = 1 + (a−1)·G removes the 0/0 at a = 1:
 *     E[Y(t) | alive, x, T] = c · (1 − q^(a−1))/(a−1) − q^(a−1) · H,   H = c·G = Σₙ≥₁ hₙ,
 *     h₁ = A·z,  hₙ₊₁/hₙ = (A+n)(a−1+n) / ((c+n)(n+1)) · z,   A = a+b−1−r,
 * with (1 − q^(a−1))/(a−1) = −expm1((a−1) ln q)/(a−1) (→ −ln q at a = 1). The series converges
 * for z < 1 (ratio → z); it is summed to 1e-15 relative with a cap of 1,000,000 terms (NaN beyond,
 * which callers report). The tests check this against eq. 10 summed literally in log space and
 * against SciPy.
 *
 * Times are in the period unit of the fit (weeks for CDNOW).
 *
 * @example
 * const cdnow = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
 * expectedPurchases(cdnow, 39, 2, 30.43, 38.86) // => 1.226 (Hardie's BG/NBD spreadsheet)
 * pAlive(cdnow, 0, 0, 38.86)                    // => 1 (no repeat purchase: the model cannot have seen a dropout)
 */
import betaln from "@stdlib/math-base-special-betaln";
import gammaln from "@stdlib/math-base-special-gammaln";
import { BgnbdParameters } from "./bgnbdFit";
import { distinctRowsSteps } from "./distinctRows";
import { runSteps, type Steps } from "./steps";

const SERIES_TOLERANCE = 1e-15;
const SERIES_MAX_TERMS = 1_000_000;

/** P(alive | x, tₓ, T): the probability that a customer with this history has not dropped out. O(1). */
export function pAlive(params: BgnbdParameters, x: number, tx: number, T: number): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = params;
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * E[Y(t) | alive, x, T]: expected repeat purchases in the next t periods of a customer with x repeat
 * purchases and age T who is still alive (it does not depend on tₓ). NaN only if the series does not
 * converge within its cap (z = t/(α+T+t) extremely close to 1). O(terms), typically 10-300.
 */
export function expectedPurchasesIfAlive(params: BgnbdParameters, t: number, x: number, T: number): number {
  if (t === 0) return 0;
  const { r, alpha, a, b } = params;
  const c = a + b + x - 1;
  const epsilon = a - 1;
  const upper = a + b - 1 - r;
  const logQ = -Math.log1p(t / (alpha + T));
  const z = t / (alpha + T + t);
  const powerTerm = epsilon === 0 ? -logQ : -Math.expm1(epsilon * logQ) / epsilon;
  let term = upper * z;
  let sum = term;
  let converged = term === 0;
  for (let n = 1; n < SERIES_MAX_TERMS && !converged; n++) {
    const ratio = (((upper + n) * (epsilon + n)) / ((c + n) * (n + 1))) * z;
    term *= ratio;
    sum += term;
    const rho = Math.max(Math.abs(ratio), z);
    converged =
      term === 0 ||
      (Math.abs(ratio) < 1 && (Math.abs(term) * rho) / (1 - rho) <= SERIES_TOLERANCE * Math.abs(sum));
  }
  if (!converged) return NaN;
  return c * powerTerm - Math.exp(epsilon * logQ) * sum;
}

/** E[Y(t) | x, tₓ, T] (eq. 10): expected repeat purchases in the next t periods. See the module comment. */
export function expectedPurchases(
  params: BgnbdParameters,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  return pAlive(params, x, tx, T) * expectedPurchasesIfAlive(params, t, x, T);
}

/** E[X(t)] (eq. 9): expected repeat purchases in the first t periods after a customer's first purchase. */
export function expectedPurchasesNewCustomer(params: BgnbdParameters, t: number): number {
  return expectedPurchasesIfAlive(params, t, 0, 0);
}

/**
 * P(X(t) = x) (eq. 8): the probability that a randomly chosen customer makes exactly x repeat
 * purchases in the first t periods:
 *   B(a, b+x)/B(a, b) · Γ(r+x)/(Γ(r) x!) · (α/(α+t))ʳ (t/(α+t))ˣ
 *   + δₓ₍>0₎ B(a+1, b+x−1)/B(a, b) · [1 − (α/(α+t))ʳ Σⱼ₌₀..ₓ₋₁ Γ(r+j)/(Γ(r) j!) (t/(α+t))ʲ].
 * The bracket is the NBD's upper tail; when it is small it is summed directly (no cancellation). O(x).
 *
 * @example
 * probabilityOfPurchases(cdnowFit, 38.86, 0) // => 0.5748: most CDNOW customers made no repeat purchase in 39 weeks
 */
export function probabilityOfPurchases(params: BgnbdParameters, t: number, x: number): number {
  const { r, alpha, a, b } = params;
  const logBetaAB = betaln(a, b);
  const logShare = Math.log(alpha / (alpha + t));
  const logP = t === 0 ? -Infinity : Math.log(t / (alpha + t));
  const logNbd = (j: number) =>
    gammaln(r + j) - gammaln(r) - gammaln(j + 1) + r * logShare + (j === 0 ? 0 : j * logP);
  const stillAlive = Math.exp(betaln(a, b + x) - logBetaAB + logNbd(x));
  if (x === 0) return stillAlive;
  let below = 0;
  for (let j = 0; j < x; j++) below += Math.exp(logNbd(j));
  let tail: number;
  if (below < 0.5) {
    tail = 1 - below;
  } else {
    // Σⱼ≥ₓ NBD(j), terms in ratio (r+j)/(j+1) · t/(α+t) → t/(α+t) < 1.
    tail = 0;
    let term = Math.exp(logNbd(x));
    const p = Math.exp(logP);
    for (let j = x; term > 1e-17 * tail || j < x + 2; j++) {
      tail += term;
      term *= ((r + j) / (j + 1)) * p;
      if (j > x + 100000) break;
    }
  }
  return stillAlive + Math.exp(betaln(a + 1, b + x - 1) - logBetaAB) * tail;
}

/**
 * The paper's fit chart (its Figure 3; Hardie's note "Creating a Fit Histogram for the BG/NBD
 * Model"): the expected number of customers with 0, 1, …, maxFrequency−1 repeat purchases during
 * their own observation time T, and with maxFrequency or more in the last bin (the customers not
 * in the other bins): Σᵢ P(X(Tᵢ) = k). O(N + distinct T · maxFrequency²).
 *
 * @example
 * expectedFrequencyHistogram(cdnowFit, cdnow.T, 7) // => [1407.7, 460.3, 192.5, 101.2, 59.8, 38.1, 25.5, 71.9] ("7+" last; actual 1411, 439, 214, …)
 */
export function expectedFrequencyHistogram(
  params: BgnbdParameters,
  T: ArrayLike<number>,
  maxFrequency = 7,
): Float64Array {
  return runSteps(expectedFrequencyHistogramSteps(params, T, maxFrequency));
}

/** {@link expectedFrequencyHistogram} in steps (the grouping of the ages), for a caller that paces it (see steps.ts). */
export function* expectedFrequencyHistogramSteps(
  params: BgnbdParameters,
  T: ArrayLike<number>,
  maxFrequency = 7,
): Steps<Float64Array> {
  const ages = yield* distinctRowsSteps([T], T.length);
  const bins = new Float64Array(maxFrequency + 1);
  for (let g = 0; g < ages.size; g++) {
    const age = T[ages.first[g]];
    const customers = ages.count[g];
    let inBins = 0;
    for (let k = 0; k < maxFrequency; k++) {
      const p = probabilityOfPurchases(params, age, k);
      bins[k] += customers * p;
      inBins += p;
    }
    bins[maxFrequency] += customers * Math.max(0, 1 - inBins);
    if (g % 256 === 255) yield { stage: "fit chart", done: g, total: ages.size };
  }
  return bins;
}

/** The actual side of the fit chart: customers with 0, 1, …, maxFrequency−1 and maxFrequency or more repeat purchases. O(N). */
export function frequencyHistogram(x: ArrayLike<number>, maxFrequency = 7): Float64Array {
  const bins = new Float64Array(maxFrequency + 1);
  for (let i = 0; i < x.length; i++) bins[Math.min(maxFrequency, x[i])]++;
  return bins;
}
