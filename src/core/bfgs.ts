/**
 * BFGS minimisation with a strong-Wolfe line search (Nocedal & Wright, "Numerical Optimization",
 * 2nd ed., 2006: Algorithm 6.1 for the quasi-Newton update, Algorithms 3.5 and 3.6 for the line
 * search with cubic interpolation, eq. 6.20 for the first inverse-Hessian scaling).
 *
 * Written as a generator so the caller owns every evaluation: the minimiser yields the point it
 * wants next and is resumed with the value and gradient there. A caller can therefore evaluate an
 * objective over a million customers in chunks, pause between chunks to keep a task pane
 * responsive, and stop when the user cancels, while {@link minimize} drives it synchronously for
 * everything else. Why hand-written rather than npm's `fmin`: `fmin` (conjugate gradient and
 * Nelder–Mead) runs to completion inside one call, so the pane could not yield or cancel during a
 * fit; see the README's lifetime-value section for the measured comparison.
 *
 * The objective should be smooth and unconstrained (the models optimise log-parameters). Cost per
 * iteration: O(n²) for the update plus the line search's evaluations (usually one).
 *
 * @example
 * // Rosenbrock's valley from (−1.2, 1): converges to (1, 1).
 * minimize(
 *   (p) => ({
 *     value: 100 * (p[1] - p[0] ** 2) ** 2 + (1 - p[0]) ** 2,
 *     gradient: [-400 * p[0] * (p[1] - p[0] ** 2) - 2 * (1 - p[0]), 200 * (p[1] - p[0] ** 2)],
 *   }),
 *   [-1.2, 1],
 * ).point // => Float64Array [1, 1] (to 1e-7)
 */

/** The objective's value and gradient at a point the minimiser asked for. */
export interface Evaluation {
  readonly value: number;
  readonly gradient: ArrayLike<number>;
}

/** Options of {@link bfgs}. */
export interface BfgsOptions {
  /** Converged when every gradient component is at most this in magnitude (default 1e-9). */
  readonly gradientTolerance?: number;
  /** Also converged when an iteration lowers the value by at most this, relative, and the gradient is small (default 1e-15). */
  readonly valueTolerance?: number;
  /** Iterations before giving up (default 500). */
  readonly maxIterations?: number;
  /** Longest step (largest component) one iteration may take (default 5: e⁵ ≈ 150-fold for a log-parameter). */
  readonly maxStep?: number;
  /** A coordinate beyond ±this has run off (a parameter heading to 0 or ∞); the run stops (default 40). */
  readonly boundary?: number;
}

/** Why the minimiser stopped. */
export type BfgsStop =
  | "gradient" // converged: the gradient is below the tolerance
  | "value" // converged: no further decrease within double precision, gradient small
  | "iterations" // not converged: the iteration limit was reached
  | "lineSearch" // not converged: no step along the search direction lowered the value
  | "notFinite" // not converged: the objective is not finite at the start
  | "boundary"; // not converged: a coordinate ran off beyond ±boundary

/** Where the minimiser stopped, and how. */
export interface BfgsResult {
  readonly point: Float64Array;
  readonly value: number;
  readonly gradient: Float64Array;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
  readonly stop: BfgsStop;
}

/** One point of the line search: step length, value and directional derivative, with the full evaluation. */
interface LinePoint {
  readonly step: number;
  readonly value: number;
  readonly slope: number;
  readonly point: Float64Array;
  readonly gradient: Float64Array;
}

const SUFFICIENT_DECREASE = 1e-4; // c₁ (Armijo)
const CURVATURE = 0.9; // c₂, the usual value for quasi-Newton methods
const LINE_SEARCH_EVALUATIONS = 20;

/**
 * The minimiser as a generator: yields each point to evaluate (a fresh array the caller may keep),
 * expects the {@link Evaluation} there in return, and finally returns the {@link BfgsResult}.
 */
export function* bfgs(
  start: ArrayLike<number>,
  options: BfgsOptions = {},
): Generator<Float64Array, BfgsResult, Evaluation> {
  const gradientTolerance = options.gradientTolerance ?? 1e-9;
  const valueTolerance = options.valueTolerance ?? 1e-15;
  const maxIterations = options.maxIterations ?? 500;
  const maxStep = options.maxStep ?? 5;
  const boundary = options.boundary ?? 40;
  const n = start.length;

  let point: Float64Array = Float64Array.from(start);
  const first = yield Float64Array.from(point);
  let evaluations = 1;
  let value = first.value;
  let gradient: Float64Array = Float64Array.from(first.gradient);
  if (!Number.isFinite(value) || !allFinite(gradient)) {
    return { point, value, gradient, iterations: 0, evaluations, converged: false, stop: "notFinite" };
  }

  let inverseHessian = identity(n);
  let scaled = false;
  const direction = new Float64Array(n);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    if (maxAbs(gradient) <= gradientTolerance) {
      return {
        point,
        value,
        gradient,
        iterations: iteration,
        evaluations,
        converged: true,
        stop: "gradient",
      };
    }
    multiply(inverseHessian, gradient, direction, -1);
    if (dot(direction, gradient) >= 0) {
      // Not a descent direction (rounding in the update): fall back to steepest descent.
      inverseHessian = identity(n);
      scaled = false;
      for (let i = 0; i < n; i++) direction[i] = -gradient[i];
    }
    const longest = maxAbs(direction);
    if (longest > maxStep) for (let i = 0; i < n; i++) direction[i] *= maxStep / longest;
    if (-dot(direction, gradient) <= 4 * Number.EPSILON * Math.max(1, Math.abs(value))) {
      // The best this step could gain is below the value's rounding: the minimum is reached as far
      // as doubles can tell (the gradient tolerance may sit under the objective's noise floor).
      const converged = maxAbs(gradient) <= Math.sqrt(gradientTolerance);
      return {
        point,
        value,
        gradient,
        iterations: iteration,
        evaluations,
        converged,
        stop: converged ? "value" : "lineSearch",
      };
    }

    const search = yield* lineSearch(point, value, gradient, direction);
    evaluations += search.evaluations;
    let found = search.found;
    if (found === null && !isIdentity(inverseHessian)) {
      // A stale curvature estimate can point badly; retry once along the steepest descent.
      inverseHessian = identity(n);
      scaled = false;
      for (let i = 0; i < n; i++) direction[i] = -gradient[i] * Math.min(1, maxStep / maxAbs(gradient));
      const retry = yield* lineSearch(point, value, gradient, direction);
      evaluations += retry.evaluations;
      found = retry.found;
    }
    if (found === null) {
      const converged = maxAbs(gradient) <= Math.sqrt(gradientTolerance);
      return {
        point,
        value,
        gradient,
        iterations: iteration,
        evaluations,
        converged,
        stop: converged ? "value" : "lineSearch",
      };
    }

    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = found.point[i] - point[i];
      y[i] = found.gradient[i] - gradient[i];
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (!scaled) {
        // Nocedal & Wright eq. 6.20: size the first inverse Hessian from the first step.
        const gamma = sy / dot(y, y);
        for (let i = 0; i < n * n; i++) inverseHessian[i] *= gamma;
        scaled = true;
      }
      updateInverseHessian(inverseHessian, s, y, sy);
    }
    const decrease = value - found.value;
    point = found.point;
    value = found.value;
    gradient = found.gradient;
    if (maxAbs(point) > boundary) {
      return {
        point,
        value,
        gradient,
        iterations: iteration + 1,
        evaluations,
        converged: false,
        stop: "boundary",
      };
    }
    if (maxAbs(gradient) <= gradientTolerance) {
      return {
        point,
        value,
        gradient,
        iterations: iteration + 1,
        evaluations,
        converged: true,
        stop: "gradient",
      };
    }
    if (
      decrease <= valueTolerance * Math.max(1, Math.abs(value)) &&
      maxAbs(gradient) <= Math.sqrt(gradientTolerance)
    ) {
      return {
        point,
        value,
        gradient,
        iterations: iteration + 1,
        evaluations,
        converged: true,
        stop: "value",
      };
    }
  }
  const converged = maxAbs(gradient) <= gradientTolerance;
  return {
    point,
    value,
    gradient,
    iterations: maxIterations,
    evaluations,
    converged,
    stop: converged ? "gradient" : "iterations",
  };
}

/**
 * Runs {@link bfgs} to the end, evaluating `objective` synchronously.
 *
 * @example
 * minimize((p) => ({ value: (p[0] - 3) ** 2, gradient: [2 * (p[0] - 3)] }), [0]).point // => Float64Array [3]
 */
export function minimize(
  objective: (point: Float64Array) => Evaluation,
  start: ArrayLike<number>,
  options: BfgsOptions = {},
): BfgsResult {
  const run = bfgs(start, options);
  let step = run.next(undefined as unknown as Evaluation);
  while (!step.done) step = run.next(objective(step.value));
  return step.value;
}

/**
 * Strong-Wolfe line search along `direction` (Nocedal & Wright Algorithm 3.5, zoom 3.6). A point
 * where the objective is not finite counts as too far. Returns the accepted point, or null.
 */
function* lineSearch(
  origin: Float64Array,
  value0: number,
  gradient0: Float64Array,
  direction: Float64Array,
): Generator<Float64Array, { found: LinePoint | null; evaluations: number }, Evaluation> {
  const slope0 = dot(gradient0, direction);
  let evaluations = 0;
  const at = function* (step: number): Generator<Float64Array, LinePoint, Evaluation> {
    const point = new Float64Array(origin.length);
    for (let i = 0; i < point.length; i++) point[i] = origin[i] + step * direction[i];
    const evaluation = yield Float64Array.from(point);
    evaluations++;
    const gradient = Float64Array.from(evaluation.gradient);
    const finite = Number.isFinite(evaluation.value) && allFinite(gradient);
    return {
      step,
      value: finite ? evaluation.value : Infinity,
      slope: finite ? dot(gradient, direction) : NaN,
      point,
      gradient,
    };
  };
  const armijo = (p: LinePoint) => p.value <= value0 + SUFFICIENT_DECREASE * p.step * slope0;
  const curvature = (p: LinePoint) => Math.abs(p.slope) <= -CURVATURE * slope0;

  const zoom = function* (
    low: LinePoint,
    high: LinePoint,
  ): Generator<Float64Array, LinePoint | null, Evaluation> {
    while (evaluations < LINE_SEARCH_EVALUATIONS) {
      const trialStep = interpolate(low, high);
      if (Math.abs(high.step - low.step) <= 1e-10 * Math.max(1, Math.abs(low.step))) break;
      const trial = yield* at(trialStep);
      if (!armijo(trial) || trial.value >= low.value) {
        high = trial;
      } else {
        if (curvature(trial)) return trial;
        if (trial.slope * (high.step - low.step) >= 0) high = low;
        low = trial;
      }
    }
    // Out of evaluations: a point with sufficient decrease is still progress.
    return low.step > 0 && armijo(low) ? low : null;
  };

  const start: LinePoint = { step: 0, value: value0, slope: slope0, point: origin, gradient: gradient0 };
  let previous = start;
  let step = 1;
  while (evaluations < LINE_SEARCH_EVALUATIONS) {
    const current = yield* at(step);
    if (!Number.isFinite(current.value)) {
      // Overflow or a domain edge: come back towards the last good point.
      step = previous.step + (step - previous.step) / 4;
      continue;
    }
    if (!armijo(current) || (previous.step > 0 && current.value >= previous.value)) {
      return { found: yield* zoom(previous, current), evaluations };
    }
    if (curvature(current)) return { found: current, evaluations };
    if (current.slope >= 0) return { found: yield* zoom(current, previous), evaluations };
    previous = current;
    step *= 2;
  }
  return { found: previous.step > 0 ? previous : null, evaluations };
}

/** The minimiser of the cubic through two line points (value and slope at each), kept well inside the interval; else the midpoint. */
function interpolate(low: LinePoint, high: LinePoint): number {
  const a = low.step;
  const b = high.step;
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const margin = 0.1 * (hi - lo);
  if (Number.isFinite(high.value) && Number.isFinite(high.slope)) {
    const d1 = low.slope + high.slope - (3 * (low.value - high.value)) / (a - b);
    const root = d1 * d1 - low.slope * high.slope;
    if (root >= 0) {
      const d2 = Math.sign(b - a) * Math.sqrt(root);
      const t = b - ((b - a) * (high.slope + d2 - d1)) / (high.slope - low.slope + 2 * d2);
      if (Number.isFinite(t) && t >= lo + margin && t <= hi - margin) return t;
    }
  }
  return (a + b) / 2;
}

function identity(n: number): Float64Array {
  const matrix = new Float64Array(n * n);
  for (let i = 0; i < n; i++) matrix[i * n + i] = 1;
  return matrix;
}

function isIdentity(matrix: Float64Array): boolean {
  const n = Math.round(Math.sqrt(matrix.length));
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) if (matrix[i * n + j] !== (i === j ? 1 : 0)) return false;
  return true;
}

/** out = factor · matrix · vector (matrix n×n, row-major). */
function multiply(matrix: Float64Array, vector: ArrayLike<number>, out: Float64Array, factor: number): void {
  const n = vector.length;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += matrix[i * n + j] * vector[j];
    out[i] = factor * sum;
  }
}

/** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ with ρ = 1/(yᵀs) (Nocedal & Wright eq. 6.17), expanded to O(n²). */
function updateInverseHessian(h: Float64Array, s: Float64Array, y: Float64Array, sy: number): void {
  const n = s.length;
  const rho = 1 / sy;
  const hy = new Float64Array(n);
  multiply(h, y, hy, 1);
  const yhy = dot(y, hy);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      h[i * n + j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
    }
  }
}

function dot(u: ArrayLike<number>, v: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < u.length; i++) sum += u[i] * v[i];
  return sum;
}

function maxAbs(vector: ArrayLike<number>): number {
  let largest = 0;
  for (let i = 0; i < vector.length; i++) largest = Math.max(largest, Math.abs(vector[i]));
  return largest;
}

function allFinite(vector: ArrayLike<number>): boolean {
  for (let i = 0; i < vector.length; i++) if (!Number.isFinite(vector[i])) return false;
  return true;
}
