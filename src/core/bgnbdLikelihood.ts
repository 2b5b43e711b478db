/**
 * The BG/NBD log-likelihood and its analytic gradient, over groups of identical histories
 * (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way", Marketing Science 24(2),
 * eq. 6; the log form of Hardie's note 004, "Implementing the BG/NBD Model … in Excel", §3).
 *
 * For a customer with history (x, tₓ, T):
 *   L = B(a, b+x)/B(a, b) · Γ(r+x)αʳ / (Γ(r)(α+T)^(r+x))
 *     + δₓ₍>0₎ · B(a+1, b+x−1)/B(a, b) · Γ(r+x)αʳ / (Γ(r)(α+tₓ)^(r+x)).
 * Since B(a+1, b+x−1) = B(a, b+x) · a/(b+x−1),
 *   ln L = A(x) + ln(e^u₁ + δₓ₍>0₎ e^u₂),
 *   A(x) = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b),
 *   u₁ = −(r+x) ln(α+T),   u₂ = ln a − ln(b+x−1) − (r+x) ln(α+tₓ),
 * and the sum of exponentials is taken as a log-sum-exp (no overflow for any x). With the weights
 * w₁ = e^u₁/(e^u₁+e^u₂), w₂ = 1 − w₁ (w₂ is 1 − P(alive)) the gradient is
 *   ∂/∂r = ψ(r+x) − ψ(r) + ln α − w₁ ln(α+T) − w₂ ln(α+tₓ)
 *   ∂/∂α = r/α − (r+x)(w₁/(α+T) + w₂/(α+tₓ))
 *   ∂/∂a = ψ(a+b) − ψ(a+b+x) + w₂/a
 *   ∂/∂b = ψ(b+x) − ψ(a+b+x) − ψ(b) + ψ(a+b) − w₂/(b+x−1).
 *
 * Everything that depends only on x (the gamma, beta and digamma functions) is computed once per
 * distinct x, the logarithms once per distinct T and tₓ, so one evaluation costs O(levels) special
 * functions plus one exp and one log1p per distinct history.
 */
import betaln from "@stdlib/math-base-special-betaln";
import digamma from "@stdlib/math-base-special-digamma";
import gammaln from "@stdlib/math-base-special-gammaln";
import { distinctRowsSteps } from "./distinctRows";
import { GroupedLikelihood } from "./maximumLikelihood";
import { Steps } from "./steps";

/** Histories grouped into distinct (x, tₓ, T) with the number of customers sharing each. */
export interface GroupedHistories {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly count: Float64Array;
}

/** Distinct values of a column and, per row, the index of its value. */
interface Levels {
  readonly values: Float64Array;
  readonly index: Int32Array;
}

function* levelsOf(column: Float64Array): Steps<Levels> {
  const distinct = yield* distinctRowsSteps([column], column.length);
  const values = new Float64Array(distinct.size);
  for (let k = 0; k < distinct.size; k++) values[k] = column[distinct.first[k]];
  return { values, index: distinct.groupOf };
}

/** The BG/NBD likelihood over grouped histories, for {@link maximumLikelihoodSteps}. Parameters (r, α, a, b). */
export class BgnbdLikelihood implements GroupedLikelihood {
  readonly parameterCount = 4;
  readonly groupCount: number;
  readonly customerCount: number;

  private readonly groups: GroupedHistories;
  private readonly xLevels: Levels;
  private readonly ageLevels: Levels;
  private readonly recencyLevels: Levels;
  /** Customers per distinct x. */
  private readonly customersAtX: Float64Array;

  // Per evaluation: tables per level and the running sums.
  private r = 0;
  private alpha = 0;
  private a = 0;
  private b = 0;
  private readonly rPlusX: Float64Array;
  private readonly aliveDropTerm: Float64Array; // ln a − ln(b+x−1), or −∞ for x = 0
  private readonly logAlphaPlusAge: Float64Array;
  private readonly inverseAlphaPlusAge: Float64Array;
  private readonly logAlphaPlusRecency: Float64Array;
  private readonly inverseAlphaPlusRecency: Float64Array;
  private readonly droppedWeightAtX: Float64Array; // Σ count · w₂ per distinct x
  private sumLogSumExp = 0;
  private sumForR = 0;
  private sumForAlpha = 0;

  /** The likelihood over `groups`, its level tables built in steps (see steps.ts). */
  static *prepare(groups: GroupedHistories): Steps<BgnbdLikelihood> {
    const xLevels = yield* levelsOf(groups.x);
    const ageLevels = yield* levelsOf(groups.T);
    const recencyLevels = yield* levelsOf(groups.tx);
    return new BgnbdLikelihood(groups, xLevels, ageLevels, recencyLevels);
  }

  private constructor(groups: GroupedHistories, xLevels: Levels, ageLevels: Levels, recencyLevels: Levels) {
    this.groups = groups;
    this.groupCount = groups.x.length;
    this.xLevels = xLevels;
    this.ageLevels = ageLevels;
    this.recencyLevels = recencyLevels;
    const xCount = this.xLevels.values.length;
    this.customersAtX = new Float64Array(xCount);
    let customers = 0;
    for (let g = 0; g < this.groupCount; g++) {
      this.customersAtX[this.xLevels.index[g]] += groups.count[g];
      customers += groups.count[g];
    }
    this.customerCount = customers;
    this.rPlusX = new Float64Array(xCount);
    this.aliveDropTerm = new Float64Array(xCount);
    this.droppedWeightAtX = new Float64Array(xCount);
    this.logAlphaPlusAge = new Float64Array(this.ageLevels.values.length);
    this.inverseAlphaPlusAge = new Float64Array(this.ageLevels.values.length);
    this.logAlphaPlusRecency = new Float64Array(this.recencyLevels.values.length);
    this.inverseAlphaPlusRecency = new Float64Array(this.recencyLevels.values.length);
  }

  begin(parameters: Float64Array): void {
    [this.r, this.alpha, this.a, this.b] = parameters;
    const xs = this.xLevels.values;
    for (let k = 0; k < xs.length; k++) {
      this.rPlusX[k] = this.r + xs[k];
      this.aliveDropTerm[k] = xs[k] > 0 ? Math.log(this.a) - Math.log(this.b + xs[k] - 1) : -Infinity;
      this.droppedWeightAtX[k] = 0;
    }
    fillLogAndInverse(this.ageLevels.values, this.alpha, this.logAlphaPlusAge, this.inverseAlphaPlusAge);
    fillLogAndInverse(
      this.recencyLevels.values,
      this.alpha,
      this.logAlphaPlusRecency,
      this.inverseAlphaPlusRecency,
    );
    this.sumLogSumExp = 0;
    this.sumForR = 0;
    this.sumForAlpha = 0;
  }

  add(from: number, to: number): void {
    const count = this.groups.count;
    const xIndex = this.xLevels.index;
    const ageIndex = this.ageLevels.index;
    const recencyIndex = this.recencyLevels.index;
    let sumLogSumExp = 0;
    let sumForR = 0;
    let sumForAlpha = 0;
    for (let g = from; g < to; g++) {
      const k = xIndex[g];
      const c = count[g];
      const rx = this.rPlusX[k];
      const logAge = this.logAlphaPlusAge[ageIndex[g]];
      const u1 = -rx * logAge;
      const drop = this.aliveDropTerm[k];
      if (drop === -Infinity) {
        sumLogSumExp += c * u1;
        sumForR += c * logAge;
        sumForAlpha += c * rx * this.inverseAlphaPlusAge[ageIndex[g]];
        continue;
      }
      const logRecency = this.logAlphaPlusRecency[recencyIndex[g]];
      const u2 = drop - rx * logRecency;
      let w1: number;
      let w2: number;
      if (u1 >= u2) {
        const e = Math.exp(u2 - u1);
        sumLogSumExp += c * (u1 + Math.log1p(e));
        w2 = e / (1 + e);
        w1 = 1 - w2;
      } else {
        const e = Math.exp(u1 - u2);
        sumLogSumExp += c * (u2 + Math.log1p(e));
        w1 = e / (1 + e);
        w2 = 1 - w1;
      }
      sumForR += c * (w1 * logAge + w2 * logRecency);
      sumForAlpha +=
        c *
        rx *
        (w1 * this.inverseAlphaPlusAge[ageIndex[g]] + w2 * this.inverseAlphaPlusRecency[recencyIndex[g]]);
      this.droppedWeightAtX[k] += c * w2;
    }
    this.sumLogSumExp += sumLogSumExp;
    this.sumForR += sumForR;
    this.sumForAlpha += sumForAlpha;
  }

  end(gradient: Float64Array): number {
    const { r, alpha, a, b } = this;
    const xs = this.xLevels.values;
    const logAlpha = Math.log(alpha);
    const base = -gammaln(r) + r * logAlpha - betaln(a, b);
    const digammaR = digamma(r);
    const digammaB = digamma(b);
    const digammaAB = digamma(a + b);
    let logLikelihood = this.sumLogSumExp;
    let dr = -this.sumForR;
    let da = 0;
    let db = 0;
    for (let k = 0; k < xs.length; k++) {
      const n = this.customersAtX[k];
      const x = xs[k];
      const digammaABX = digamma(a + b + x);
      logLikelihood += n * (gammaln(r + x) + betaln(a, b + x) + base);
      dr += n * (digamma(r + x) - digammaR + logAlpha);
      da += n * (digammaAB - digammaABX) + this.droppedWeightAtX[k] / a;
      db += n * (digamma(b + x) - digammaABX - digammaB + digammaAB);
      if (x > 0) db -= this.droppedWeightAtX[k] / (b + x - 1);
    }
    gradient[0] = dr;
    gradient[1] = (this.customerCount * r) / alpha - this.sumForAlpha;
    gradient[2] = da;
    gradient[3] = db;
    return logLikelihood;
  }
}

function fillLogAndInverse(
  times: Float64Array,
  alpha: number,
  logs: Float64Array,
  inverses: Float64Array,
): void {
  for (let j = 0; j < times.length; j++) {
    logs[j] = Math.log(alpha + times[j]);
    inverses[j] = 1 / (alpha + times[j]);
  }
}
