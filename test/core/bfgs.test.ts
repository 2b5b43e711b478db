import { bfgs, Evaluation, minimize } from "../../src/core/bfgs";

/** Rosenbrock's valley f = 100(y − x²)² + (1 − x)², minimum 0 at (1, 1). */
const rosenbrock = (p: Float64Array): Evaluation => ({
  value: 100 * (p[1] - p[0] ** 2) ** 2 + (1 - p[0]) ** 2,
  gradient: [-400 * p[0] * (p[1] - p[0] ** 2) - 2 * (1 - p[0]), 200 * (p[1] - p[0] ** 2)],
});

describe("bfgs (quasi-Newton minimisation with a strong-Wolfe line search)", () => {
  it("finds the minimum of Rosenbrock's valley from the classic start (−1.2, 1)", () => {
    const result = minimize(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 7);
    expect(result.point[1]).toBeCloseTo(1, 7);
    expect(result.iterations).toBeLessThan(60);
  });

  it("solves an ill-conditioned quadratic exactly: minimum of Σ cᵢ(xᵢ − i)² at xᵢ = i", () => {
    const scales = [1, 1e3, 1e-2, 50];
    const quadratic = (p: Float64Array): Evaluation => ({
      value: scales.reduce((sum, c, i) => sum + c * (p[i] - i) ** 2, 0),
      gradient: scales.map((c, i) => 2 * c * (p[i] - i)),
    });
    const result = minimize(quadratic, [5, 5, 5, 5], { gradientTolerance: 1e-10 });
    expect(result.converged).toBe(true);
    result.point.forEach((value, i) => expect(value).toBeCloseTo(i, 6));
  });

  it("steps back from points where the objective is not finite", () => {
    // f(x) = x − ln x, minimum 1 at x = 1; NaN for x ≤ 0, where a full Newton-like step lands.
    const f = (p: Float64Array): Evaluation =>
      p[0] > 0 ? { value: p[0] - Math.log(p[0]), gradient: [1 - 1 / p[0]] } : { value: NaN, gradient: [NaN] };
    const result = minimize(f, [0.05]);
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 8);
  });

  it("reports a coordinate that runs off instead of looping forever", () => {
    // e^(−x) has no minimum: x runs to +∞.
    const result = minimize((p) => ({ value: Math.exp(-p[0]), gradient: [-Math.exp(-p[0])] }), [0], {
      boundary: 10,
    });
    expect(result.converged).toBe(false);
    expect(result.stop).toBe("boundary");
  });

  it("reports the iteration limit", () => {
    const result = minimize(rosenbrock, [-1.2, 1], { maxIterations: 3 });
    expect(result).toMatchObject({ converged: false, stop: "iterations", iterations: 3 });
  });

  it("reports a start where the objective is not finite", () => {
    const result = minimize(() => ({ value: Infinity, gradient: [0] }), [0]);
    expect(result).toMatchObject({ converged: false, stop: "notFinite", evaluations: 1 });
  });

  it("can be driven step by step, one evaluation per resume, with the same result as minimize", () => {
    const run = bfgs([-1.2, 1]);
    let step = run.next(undefined as unknown as Evaluation);
    let requests = 0;
    while (!step.done) {
      requests++;
      step = run.next(rosenbrock(step.value));
    }
    const direct = minimize(rosenbrock, [-1.2, 1]);
    expect(step.value.evaluations).toBe(requests);
    expect(Array.from(step.value.point)).toEqual(Array.from(direct.point));
  });
});
