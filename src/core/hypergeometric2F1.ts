/**
 * The Gaussian hypergeometric function ₂F₁(a, b; c; z) by its power series, summed in log space.
 *
 *   ₂F₁(a, b; c; z) = Σₙ (a)ₙ (b)ₙ / ((c)ₙ n!) · zⁿ,   (q)ₙ = q (q+1) … (q+n−1) the rising factorial
 *
 * (Abramowitz & Stegun 15.1.1; DLMF 15.2.1). The series converges for |z| < 1, which is every use in
 * the BG/NBD model (z = t/(α+T+t) < 1). Each term follows from the previous one by the ratio
 * (a+n)(b+n)/((c+n)(n+1)) · z, so a term costs two multiplications, a division and a logarithm.
 *
 * Why log space: with the BG/NBD's arguments (r+x, b+x; a+b+x−1) a customer with hundreds of
 * purchases has terms near 10³⁰⁰, which overflow a double; `lifetimes` users meet this as `inf`
 * and NaN. Here the log of each term is carried and the running sum is kept relative to a moving
 * scale, so only the final value, returned as its log, could be out of a double's range.
 *
 * Stopping rule: once the term ratio is below 1 in magnitude, the tail after term n is bounded by
 * |termₙ| · ρ/(1−ρ) with ρ = max(|ratio|, |z|) (the ratio tends to z); the sum stops when that bound
 * falls below `tolerance` · |sum|. A polynomial case (a or b a non-positive integer) stops exactly.
 * Cost: O(terms); about −log(tolerance)/−log(z) terms once the terms decrease (z = 0.9: ~350).
 *
 * @example
 * logHypergeometric2F1(1, 1, 2, 0.5) // => { logAbs: ln(2·ln 2) = 0.3266…, sign: 1, converged: true, … }
 * // ₂F₁(1, 1; 2; z) = −ln(1−z)/z, so at z = 0.5 it is 2·ln 2 = 1.386294…
 */

/** Options of the series. */
export interface Hypergeometric2F1Options {
  /** Relative accuracy at which the sum stops (default 1e-15). */
  readonly tolerance?: number;
  /** Most terms summed before giving up (default 1,000,000). */
  readonly maxTerms?: number;
}

/** The series' value as log|₂F₁| and its sign, with how it went. */
export interface Hypergeometric2F1Series {
  /** ln |₂F₁(a, b; c; z)| (−Infinity when the value is 0). */
  readonly logAbs: number;
  /** The sign of ₂F₁ (0 when the value is 0). */
  readonly sign: number;
  /** Terms summed after the leading 1. */
  readonly terms: number;
  /** False when the series did not reach `tolerance` within `maxTerms`, or the arguments are outside its domain. */
  readonly converged: boolean;
}

const DEFAULT_TOLERANCE = 1e-15;
const DEFAULT_MAX_TERMS = 1_000_000;
/** When a term exceeds the scale by this much (in log), the running sum is rescaled (e^600 is far from overflow). */
const RESCALE_AT = 600;

/**
 * ln|₂F₁(a, b; c; z)| and its sign, by the power series (see the module comment). Needs |z| < 1 and
 * c not 0, −1, −2, … (unless the series ends earlier because a or b is a non-positive integer);
 * otherwise `converged` is false and `logAbs` NaN.
 */
export function logHypergeometric2F1(
  a: number,
  b: number,
  c: number,
  z: number,
  options: Hypergeometric2F1Options = {},
): Hypergeometric2F1Series {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const maxTerms = options.maxTerms ?? DEFAULT_MAX_TERMS;
  if (!(Math.abs(z) < 1) || !Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c)) {
    return { logAbs: NaN, sign: 0, terms: 0, converged: false };
  }
  // The running sum is `sum · e^scale`; the current term is `termSign · e^logTerm`.
  let scale = 0;
  let sum = 1;
  let logTerm = 0;
  let termSign = 1;
  const logAbsZ = Math.log(Math.abs(z));
  const zSign = z < 0 ? -1 : 1;
  for (let n = 0; n < maxTerms; n++) {
    const numerator = (a + n) * (b + n);
    if (numerator === 0 || z === 0) return finish(sum, scale, n, true);
    const denominator = (c + n) * (n + 1);
    if (denominator === 0) return { logAbs: NaN, sign: 0, terms: n, converged: false };
    const ratio = (numerator / denominator) * z;
    logTerm += Math.log(Math.abs(numerator / denominator)) + logAbsZ;
    termSign *= (numerator / denominator < 0 ? -1 : 1) * zSign;
    if (logTerm > scale + RESCALE_AT) {
      sum *= Math.exp(scale - logTerm);
      scale = logTerm;
    }
    const term = termSign * Math.exp(logTerm - scale);
    sum += term;
    const rho = Math.max(Math.abs(ratio), Math.abs(z));
    if (Math.abs(ratio) < 1 && (Math.abs(term) * rho) / (1 - rho) <= tolerance * Math.abs(sum)) {
      return finish(sum, scale, n + 1, true);
    }
  }
  return finish(sum, scale, maxTerms, false);
}

function finish(sum: number, scale: number, terms: number, converged: boolean): Hypergeometric2F1Series {
  if (sum === 0) return { logAbs: -Infinity, sign: 0, terms, converged };
  return { logAbs: Math.log(Math.abs(sum)) + scale, sign: sum < 0 ? -1 : 1, terms, converged };
}

/**
 * ₂F₁(a, b; c; z) as a number: `sign · e^logAbs` of {@link logHypergeometric2F1} (±Infinity when the
 * value is beyond a double; NaN when the series did not converge or the arguments are outside its
 * domain).
 *
 * @example
 * hypergeometric2F1(2, 3, 3, 0.5) // => 4   (₂F₁(a, b; b; z) = (1−z)^(−a) = 0.5^(−2))
 */
export function hypergeometric2F1(
  a: number,
  b: number,
  c: number,
  z: number,
  options: Hypergeometric2F1Options = {},
): number {
  const series = logHypergeometric2F1(a, b, c, z, options);
  if (!series.converged) return NaN;
  return series.sign * Math.exp(series.logAbs);
}
