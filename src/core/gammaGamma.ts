/**
 * The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005, "RFM and CLV: Using
 * Iso-Value Curves for Customer Base Analysis", Journal of Marketing Research 42(4), §"Adding
 * monetary value"; Hardie's note 025, "The Gamma-Gamma Model of Monetary Value", 2013).
 *
 * A customer's purchase values are Gamma(p, ν) around their own mean p/ν, and ν varies across
 * customers as Gamma(q, v). For a customer with x repeat purchases of average value z̄ the
 * likelihood (note 025, eq. 1a) is
 *   ln L = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln v + (px−1) ln z̄ + px ln x − (px+q) ln(v + x z̄),
 * fitted on the customers with x > 0 (the others have no repeat purchase to average). The expected
 * average value of a customer (note 025, eq. 5; the iso-value paper's eq. 3) is a weighted mean of
 * the population mean vp/(q−1) and the customer's own z̄:
 *   E[Z | x, z̄] = (q−1)/(px+q−1) · vp/(q−1) + px/(px+q−1) · z̄ = (vp + px z̄)/(px+q−1),
 * which exists only when q > 1 (otherwise the population mean is infinite). x = 0 gives vp/(q−1).
 *
 * The model assumes spend is independent of how often a customer buys; the fit reports the
 * correlation between x and z̄ over the repeat customers so an analyst can check (near 0 is good).
 *
 * Cost: O(N) to check and group; per evaluation one logarithm per distinct (x, z̄) plus the gamma
 * and digamma functions once per distinct x. On CDNOW's 946 repeat customers: p 6.25, q 3.74,
 * v 15.44 (the published values).
 *
 * @example
 * const fit = fitGammaGamma({ x, zbar });          // CDNOW: { p: 6.2496, q: 3.7442, v: 15.4434 }
 * expectedSpend({ p: 6.25, q: 3.74, v: 15.44 }, 2, 22.345) // => 24.66 (customer 1; Hardie's spreadsheet shows 24.65)
 */
import digamma from "@stdlib/math-base-special-digamma";
import gammaln from "@stdlib/math-base-special-gammaln";
import { distinctRows, distinctRowsSteps } from "./distinctRows";
import { CoreError, Result } from "./errors";
import {
  GroupedLikelihood,
  maximumLikelihoodSteps,
  MaximumLikelihoodOptions,
  FitStop,
} from "./maximumLikelihood";
import { lifetimeValueMessages } from "./messages";
import { historyProblem } from "./purchaseHistory";
import { PacingOptions, runSteps, runStepsAsync, Steps } from "./steps";

/** Gamma-Gamma parameters: purchase values ~ Gamma(p, ν) per customer, ν ~ Gamma(q, v) across customers. */
export interface GammaGammaParameters {
  readonly p: number;
  readonly q: number;
  readonly v: number;
}

/** Per customer: x repeat purchases and z̄ their average value (ignored when x = 0). */
export interface SpendHistories {
  readonly x: ArrayLike<number>;
  readonly zbar: ArrayLike<number>;
}

/** Names of the two columns in messages. */
export interface SpendNames {
  readonly frequency: string;
  readonly averageValue: string;
}

export const defaultSpendNames: SpendNames = { frequency: "frequency", averageValue: "average_value" };

export interface GammaGammaFitOptions extends MaximumLikelihoodOptions {
  readonly names?: SpendNames;
}

/** A fitted Gamma-Gamma model with the report of its fit. */
export interface GammaGammaFit {
  readonly parameters: GammaGammaParameters;
  readonly standardErrors: GammaGammaParameters | null;
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
  readonly stop: FitStop;
  readonly message: string;
  readonly starts: number;
  /** Customers with x > 0, on which the model is fitted. */
  readonly repeatCustomers: number;
  /** Customers left out because they have no repeat purchase. */
  readonly skippedCustomers: number;
  readonly distinctHistories: number;
  readonly penalizerCoef: number;
  /** Pearson correlation of x and z̄ over the repeat customers (the model assumes about 0). */
  readonly frequencySpendCorrelation: number;
}

/** Fits the Gamma-Gamma model at once. */
export function fitGammaGamma(
  data: SpendHistories,
  options: GammaGammaFitOptions = {},
): Result<GammaGammaFit> {
  return runSteps(fitGammaGammaSteps(data, options));
}

/** Customers checked between yields. */
const CHECK_CHUNK = 16384;

/** Fits the Gamma-Gamma model cooperatively (see steps.ts). */
export function fitGammaGammaAsync(
  data: SpendHistories,
  options: GammaGammaFitOptions & PacingOptions = {},
): Promise<Result<GammaGammaFit>> {
  return runStepsAsync(fitGammaGammaSteps(data, options), options);
}

/** The fit as steps. */
export function* fitGammaGammaSteps(
  data: SpendHistories,
  options: GammaGammaFitOptions = {},
): Steps<Result<GammaGammaFit>> {
  const names = options.names ?? defaultSpendNames;
  const n = data.x.length;
  if (data.zbar.length !== n) return lifetimeValueMessages.spendLengths(n, data.zbar.length);
  // The repeat customers' x and z̄, checked in slices the caller can pace.
  const repeat = new Int32Array(n);
  let repeatCount = 0;
  for (let i = 0; i < n; i++) {
    const problem = spendProblem(data.x[i], data.zbar[i], i + 1, names, true);
    if (problem !== null) return problem;
    if (data.x[i] > 0) repeat[repeatCount++] = i;
    if (i % CHECK_CHUNK === CHECK_CHUNK - 1) yield { stage: "check", done: i + 1, total: n };
  }
  const x = new Float64Array(repeatCount);
  const zbar = new Float64Array(repeatCount);
  for (let k = 0; k < repeatCount; k++) {
    x[k] = data.x[repeat[k]];
    zbar[k] = data.zbar[repeat[k]];
  }
  const distinct = yield* distinctRowsSteps([x, zbar], x.length);
  if (x.length < 2) return lifetimeValueMessages.tooFewRepeatCustomers(x.length, names.frequency);
  if (distinct.size === 1) return lifetimeValueMessages.identicalHistories(x.length);

  const groupX = Float64Array.from(distinct.first, (row) => x[row]);
  const groupZ = Float64Array.from(distinct.first, (row) => zbar[row]);
  const model = new GammaGammaLikelihood(groupX, groupZ, distinct.count);

  let meanSpend = 0;
  for (let i = 0; i < zbar.length; i++) meanSpend += zbar[i] / zbar.length;
  // Starts with population mean vp/(q−1) equal to the mean observed average value.
  const starts = [Float64Array.of(1, 2, meanSpend), Float64Array.of(5, 4, (meanSpend * 3) / 5)];
  const result = yield* maximumLikelihoodSteps(model, starts, options);
  const [p, q, v] = result.parameters;
  const errors = result.standardErrors;
  return {
    parameters: { p, q, v },
    standardErrors: errors === null ? null : { p: errors[0], q: errors[1], v: errors[2] },
    logLikelihood: result.logLikelihood,
    iterations: result.iterations,
    evaluations: result.evaluations,
    converged: result.converged,
    stop: result.stop,
    message: result.converged
      ? lifetimeValueMessages.fitConverged(result.iterations, result.starts, errors !== null)
      : lifetimeValueMessages.fitNotConverged(
          "Gamma-Gamma",
          result.stop,
          ["p", "q", "v"][result.weakParameter] ?? "",
          result.starts,
        ).message,
    starts: result.starts,
    repeatCustomers: x.length,
    skippedCustomers: n - x.length,
    distinctHistories: distinct.size,
    penalizerCoef: options.penalizerCoef ?? 0,
    frequencySpendCorrelation: correlation(x, zbar),
  };
}

/**
 * The problem with one customer's spend data, or null: x must be a whole number ≥ 0; for x > 0 the
 * average value must be finite and, to fit (`forFit`), greater than 0 (ln z̄ enters the likelihood),
 * to predict at least 0. Rows are 1-based.
 */
export function spendProblem(
  x: number,
  zbar: number,
  row: number,
  names: SpendNames,
  forFit: boolean,
): CoreError | null {
  const frequencyProblem = historyProblem(x, 0, 0);
  if (
    frequencyProblem === "notFinite" ||
    frequencyProblem === "frequencyNegative" ||
    frequencyProblem === "frequencyNotWhole"
  ) {
    return lifetimeValueMessages.historyProblem(
      row,
      frequencyProblem,
      { frequency: names.frequency, recency: "recency", age: "age" },
      x,
      0,
      0,
    );
  }
  if (x === 0) return null;
  if (!Number.isFinite(zbar)) return lifetimeValueMessages.spendNegative(row, names.averageValue, zbar);
  if (forFit && !(zbar > 0)) return lifetimeValueMessages.spendNotPositive(row, names.averageValue, zbar);
  if (zbar < 0) return lifetimeValueMessages.spendNegative(row, names.averageValue, zbar);
  return null;
}

/** The reason E[Z] does not exist for these parameters (q ≤ 1), or null. */
export function spendMeanProblem(params: GammaGammaParameters): CoreError | null {
  return params.q > 1 ? null : lifetimeValueMessages.spendMeanUndefined(params.q);
}

/**
 * E[Z | x, z̄] = (vp + px z̄)/(px + q − 1): the expected average value of a customer's future
 * purchases (see the module comment). Needs q > 1 ({@link spendMeanProblem}). O(1).
 *
 * @example
 * expectedSpend({ p: 6.25, q: 3.74, v: 15.44 }, 0, 0) // => 35.22  (vp/(q−1) = 96.5/2.74, the population mean)
 */
export function expectedSpend(params: GammaGammaParameters, x: number, zbar: number): number {
  const { p, q, v } = params;
  const px = x === 0 ? 0 : p * x;
  return (v * p + (x === 0 ? 0 : px * zbar)) / (px + q - 1);
}

/** The Gamma-Gamma likelihood over distinct (x, z̄), for {@link maximumLikelihoodSteps}. Parameters (p, q, v). */
class GammaGammaLikelihood implements GroupedLikelihood {
  readonly parameterCount = 3;
  readonly groupCount: number;
  readonly customerCount: number;
  private readonly xValues: Float64Array;
  private readonly xIndex: Int32Array;
  private readonly customersAtX: Float64Array;
  /** Σ count · ln z̄ per distinct x (fixed). */
  private readonly logSpendAtX: Float64Array;
  private readonly sumLogAtX: Float64Array; // Σ count · ln(v + x z̄) per distinct x
  private readonly sumInverseAtX: Float64Array; // Σ count / (v + x z̄) per distinct x
  private p = 0;
  private q = 0;
  private v = 0;

  constructor(
    private readonly x: Float64Array,
    private readonly zbar: Float64Array,
    private readonly count: Float64Array,
  ) {
    this.groupCount = x.length;
    const levels = distinctRows([x], x.length);
    this.xValues = Float64Array.from(levels.first, (row) => x[row]);
    this.xIndex = levels.groupOf;
    const k = levels.size;
    this.customersAtX = new Float64Array(k);
    this.logSpendAtX = new Float64Array(k);
    this.sumLogAtX = new Float64Array(k);
    this.sumInverseAtX = new Float64Array(k);
    let customers = 0;
    for (let g = 0; g < x.length; g++) {
      this.customersAtX[this.xIndex[g]] += count[g];
      this.logSpendAtX[this.xIndex[g]] += count[g] * Math.log(zbar[g]);
      customers += count[g];
    }
    this.customerCount = customers;
  }

  begin(parameters: Float64Array): void {
    [this.p, this.q, this.v] = parameters;
    this.sumLogAtX.fill(0);
    this.sumInverseAtX.fill(0);
  }

  add(from: number, to: number): void {
    const v = this.v;
    for (let g = from; g < to; g++) {
      const k = this.xIndex[g];
      const scale = v + this.x[g] * this.zbar[g];
      this.sumLogAtX[k] += this.count[g] * Math.log(scale);
      this.sumInverseAtX[k] += this.count[g] / scale;
    }
  }

  end(gradient: Float64Array): number {
    const { p, q, v } = this;
    const logV = Math.log(v);
    const gammalnQ = gammaln(q);
    const digammaQ = digamma(q);
    let logLikelihood = 0;
    let dp = 0;
    let dq = 0;
    let dv = 0;
    for (let k = 0; k < this.xValues.length; k++) {
      const x = this.xValues[k];
      const n = this.customersAtX[k];
      const px = p * x;
      const logX = Math.log(x);
      const digammaPXQ = digamma(px + q);
      logLikelihood +=
        n * (gammaln(px + q) - gammaln(px) - gammalnQ + q * logV + px * logX) +
        (px - 1) * this.logSpendAtX[k] -
        (px + q) * this.sumLogAtX[k];
      dp += n * x * (digammaPXQ - digamma(px) + logX) + x * this.logSpendAtX[k] - x * this.sumLogAtX[k];
      dq += n * (digammaPXQ - digammaQ + logV) - this.sumLogAtX[k];
      dv += (n * q) / v - (px + q) * this.sumInverseAtX[k];
    }
    gradient[0] = dp;
    gradient[1] = dq;
    gradient[2] = dv;
    return logLikelihood;
  }
}

function correlation(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  let meanA = 0;
  let meanB = 0;
  for (let i = 0; i < n; i++) {
    meanA += a[i] / n;
    meanB += b[i] / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - meanA) * (b[i] - meanB);
    saa += (a[i] - meanA) ** 2;
    sbb += (b[i] - meanB) ** 2;
  }
  return saa === 0 || sbb === 0 ? 0 : sab / Math.sqrt(saa * sbb);
}
