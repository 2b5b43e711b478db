/**
 * Maximum-likelihood fitting shared by the BG/NBD and Gamma-Gamma models: BFGS ({@link bfgs}) on
 * the log of the parameters (so every parameter stays positive without bounds), a second start
 * when the first run ends unconverged, the optional L2 penalty `lifetimes` offers, and standard
 * errors from the Hessian.
 *
 * Objective (as `lifetimes`' `_negative_log_likelihood`, so `penalizerCoef` means the same there
 * and here): f(θ) = −ℓ(e^θ)/N + c · Σ pᵢ², pᵢ = e^θᵢ, N the number of customers. Dividing by N keeps
 * the gradient tolerance independent of the number of customers.
 *
 * Standard errors: the Hessian of N·f in the natural parameters, by central differences of the
 * analytic gradient with relative steps 1e-5 (error O(h²) ≈ 1e-10 relative), symmetrised and
 * inverted by Cholesky; SEᵢ = √(H⁻¹)ᵢᵢ. At the optimum this equals `lifetimes`' delta-method
 * figures from its log-parameter Hessian. With a penalty they are those of the penalised objective.
 * When the Hessian is not positive definite the standard errors are null (never NaN), and the fit
 * does not count as converged: the optimiser stopped on a ridge, not at a maximum.
 *
 * Work: each evaluation visits every group once, in slices of `chunk` groups between yields (see
 * steps.ts), so a caller can pace a fit over a million distinct histories.
 */
import { bfgs, BfgsResult, BfgsStop, Evaluation } from "./bfgs";
import { Steps } from "./steps";

/**
 * A log-likelihood summed over groups of identical customers, evaluated group range by group range:
 * `begin(p)`, then `add(from, to)` over all groups, then `end(gradient)` returns ℓ(p) and writes ∂ℓ/∂p.
 */
export interface GroupedLikelihood {
  readonly parameterCount: number;
  readonly groupCount: number;
  /** N: the customers the groups stand for (the sum of the counts). */
  readonly customerCount: number;
  begin(parameters: Float64Array): void;
  add(from: number, to: number): void;
  end(gradient: Float64Array): number;
}

/** Options of a maximum-likelihood fit. */
export interface MaximumLikelihoodOptions {
  /** L2 penalty c on the parameters, as `lifetimes`' `penalizer_coef` (default 0). */
  readonly penalizerCoef?: number;
  /** BFGS iterations per start (default 500). */
  readonly maxIterations?: number;
  /** Gradient tolerance on the mean objective in log-parameters (default 1e-9). */
  readonly gradientTolerance?: number;
  /**
   * Groups evaluated between yields (default 65,536: 15–30 ms on a million customers). Each slice adds
   * its own partial sums, so the slice size is part of the rounding: keep it fixed, or fits on flat
   * likelihoods (parameters on a ridge) can end elsewhere.
   */
  readonly chunk?: number;
}

/**
 * Why a fit stopped: the minimiser's reason; or, after the minimiser converged, a parameter that ran
 * off towards 0 or ∞ ("runsOff") or a likelihood too flat to pin the parameters down ("flat": the
 * Hessian is not positive definite, or a standard error exceeds 1,000 times its parameter).
 */
export type FitStop = BfgsStop | "runsOff" | "flat";

/** The fitted parameters and the report of the fit. */
export interface MaximumLikelihoodResult {
  readonly parameters: Float64Array;
  /** Standard errors of the parameters, or null when the Hessian is not positive definite there. */
  readonly standardErrors: Float64Array | null;
  /** ℓ at the parameters, without the penalty. */
  readonly logLikelihood: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
  readonly stop: FitStop;
  /** The index of the parameter that ran off or is not pinned down (stop "runsOff" or "flat"), or −1. */
  readonly weakParameter: number;
  /** How many starts were run (1, or 2 when the first did not converge). */
  readonly starts: number;
}

/** Beyond e^±25 (1.4e-11 … 7.2e10) a parameter has run off: the data do not pin it down. */
const RUNAWAY = 25;
/** A standard error above this many times its parameter means the likelihood is flat in it. */
const FLAT = 1000;

/**
 * Fits `model` from the first of `starts` (natural parameters), and from the second when the first
 * run ends unconverged; keeps the converged run (or, when neither converged, the one with the lower
 * objective). Then computes the standard errors. Yields between slices of work.
 */
export function* maximumLikelihoodSteps(
  model: GroupedLikelihood,
  starts: readonly Float64Array[],
  options: MaximumLikelihoodOptions = {},
): Steps<MaximumLikelihoodResult> {
  const penalty = options.penalizerCoef ?? 0;
  const chunk = options.chunk ?? 65536;
  const n = model.parameterCount;
  const customers = model.customerCount;
  let evaluations = 0;
  let iterations = 0;

  /** ℓ and ∂ℓ/∂p at natural parameters, in slices. */
  const logLikelihoodAt = function* (parameters: Float64Array, gradient: Float64Array): Steps<number> {
    model.begin(parameters);
    for (let from = 0; from < model.groupCount; from += chunk) {
      model.add(from, Math.min(model.groupCount, from + chunk));
      yield { stage: "fit", done: evaluations, total: 0 };
    }
    evaluations++;
    return model.end(gradient);
  };

  /** The objective f(θ) and its gradient in θ. */
  const objectiveAt = function* (theta: Float64Array): Steps<Evaluation> {
    const parameters = theta.map(Math.exp);
    const gradient = new Float64Array(n);
    const logLikelihood = yield* logLikelihoodAt(parameters, gradient);
    let value = -logLikelihood / customers;
    const thetaGradient = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      value += penalty * parameters[i] * parameters[i];
      thetaGradient[i] =
        (-gradient[i] * parameters[i]) / customers + 2 * penalty * parameters[i] * parameters[i];
    }
    return { value, gradient: thetaGradient };
  };

  const runFrom = function* (start: Float64Array): Steps<BfgsResult> {
    const run = bfgs(
      start.map((p) => Math.log(p)),
      {
        maxIterations: options.maxIterations,
        gradientTolerance: options.gradientTolerance,
        boundary: 2 * RUNAWAY,
      },
    );
    let step = run.next(undefined as unknown as Evaluation);
    while (!step.done) step = run.next(yield* objectiveAt(step.value));
    iterations += step.value.iterations;
    return step.value;
  };

  // Hessian of N·f in natural parameters: central differences of the analytic gradient.
  const penalisedGradientAt = function* (point: Float64Array): Steps<Float64Array> {
    const g = new Float64Array(n);
    yield* logLikelihoodAt(point, g);
    for (let i = 0; i < n; i++) g[i] = -g[i] + 2 * penalty * customers * point[i];
    return g;
  };
  const standardErrorsAt = function* (parameters: Float64Array): Steps<Float64Array | null> {
    const hessian = new Float64Array(n * n);
    for (let j = 0; j < n; j++) {
      const h = 1e-5 * parameters[j];
      const up = Float64Array.from(parameters);
      const down = Float64Array.from(parameters);
      up[j] += h;
      down[j] -= h;
      const gUp = yield* penalisedGradientAt(up);
      const gDown = yield* penalisedGradientAt(down);
      for (let i = 0; i < n; i++) hessian[i * n + j] = (gUp[i] - gDown[i]) / (2 * h);
    }
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const mean = (hessian[i * n + j] + hessian[j * n + i]) / 2;
        hessian[i * n + j] = hessian[j * n + i] = mean;
      }
    }
    const inverse = inverseOfPositiveDefinite(hessian, n);
    if (inverse === null) return null;
    const errors = Float64Array.from({ length: n }, (_, i) => Math.sqrt(inverse[i * n + i]));
    return errors.every(Number.isFinite) ? errors : null;
  };

  /** One run, judged: a converged optimiser is not enough when a parameter ran off or the likelihood is flat. */
  interface Run {
    readonly result: BfgsResult;
    readonly parameters: Float64Array;
    readonly standardErrors: Float64Array | null;
    readonly stop: FitStop;
    readonly weakParameter: number;
  }
  const judgedRunFrom = function* (start: Float64Array): Steps<Run> {
    const result = yield* runFrom(start);
    const parameters = result.point.map(Math.exp);
    const standardErrors = yield* standardErrorsAt(parameters);
    const runaway = result.point.findIndex((theta) => Math.abs(theta) > RUNAWAY);
    let weakest = -1;
    if (standardErrors !== null) {
      for (let i = 0; i < n; i++) {
        if (
          standardErrors[i] > FLAT * parameters[i] &&
          (weakest === -1 ||
            standardErrors[i] / parameters[i] > standardErrors[weakest] / parameters[weakest])
        )
          weakest = i;
      }
    }
    let stop: FitStop = result.stop;
    let weakParameter = -1;
    if (!result.converged) stop = result.stop;
    else if (runaway !== -1) [stop, weakParameter] = ["runsOff", runaway];
    else if (standardErrors === null) stop = "flat";
    else if (weakest !== -1) [stop, weakParameter] = ["flat", weakest];
    return { result, parameters, standardErrors, stop, weakParameter };
  };
  const accepted = (run: Run) => run.result.converged && run.stop === run.result.stop;

  let best = yield* judgedRunFrom(starts[0]);
  let startsRun = 1;
  if (!accepted(best) && starts.length > 1) {
    const second = yield* judgedRunFrom(starts[1]);
    startsRun = 2;
    if (accepted(second) || (!accepted(best) && second.result.value < best.result.value)) best = second;
  }
  const gradient = new Float64Array(n);
  const logLikelihood = yield* logLikelihoodAt(best.parameters, gradient);
  return {
    parameters: best.parameters,
    standardErrors: best.standardErrors,
    logLikelihood,
    iterations,
    evaluations,
    converged: accepted(best),
    stop: best.stop,
    weakParameter: best.weakParameter,
    starts: startsRun,
  };
}

/**
 * The inverse of a symmetric positive-definite n×n matrix (row-major) by Cholesky factorisation
 * A = LLᵀ, or null when A is not positive definite. O(n³).
 *
 * @example
 * inverseOfPositiveDefinite(Float64Array.of(4, 2, 2, 3), 2) // => [0.375, −0.25, −0.25, 0.5]
 */
export function inverseOfPositiveDefinite(matrix: Float64Array, n: number): Float64Array | null {
  const lower = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * n + j];
      for (let k = 0; k < j; k++) sum -= lower[i * n + k] * lower[j * n + k];
      if (i === j) {
        if (!(sum > 0)) return null;
        lower[i * n + i] = Math.sqrt(sum);
      } else {
        lower[i * n + j] = sum / lower[j * n + j];
      }
    }
  }
  // Invert L (lower triangular), then A⁻¹ = L⁻ᵀ L⁻¹.
  const inverseLower = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    inverseLower[i * n + i] = 1 / lower[i * n + i];
    for (let j = 0; j < i; j++) {
      let sum = 0;
      for (let k = j; k < i; k++) sum -= lower[i * n + k] * inverseLower[k * n + j];
      inverseLower[i * n + j] = sum / lower[i * n + i];
    }
  }
  const inverse = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = Math.max(i, j); k < n; k++) sum += inverseLower[k * n + i] * inverseLower[k * n + j];
      inverse[i * n + j] = sum;
    }
  }
  return inverse;
}
