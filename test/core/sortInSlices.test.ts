import fc from "fast-check";
import { sortInSlices } from "../../src/core/sortInSlices";
import { runSteps } from "../../src/core/steps";

/** The reference: the engine's own typed-array sort. */
const natively = (values: readonly number[]) => Float64Array.from(values).sort();

describe("sortInSlices", () => {
  it("sorts ascending with NaN last, as Float64Array.prototype.sort (the doc's example)", () => {
    expect(Array.from(runSteps(sortInSlices(Float64Array.of(3, NaN, -1, 2))))).toEqual([-1, 2, 3, NaN]);
  });

  it("merges runs: with runs of 2, ten values take sorts and merges, and the result is sorted", () => {
    const values = Float64Array.of(9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    const steps = sortInSlices(values, 2);
    let yields = 0;
    for (let step = steps.next(); !step.done; step = steps.next()) yields++;
    expect(Array.from(values)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // 4 yields between the 5 run sorts, then one per 2 merged values over 3 merge passes of 10
    // (runs of 2, 4, 8 merged: 8 · 2 ≥ 10).
    expect(yields).toBe(4 + 15);
  });

  it("keeps −0 before +0 and every NaN at the end across runs", () => {
    const values = Float64Array.of(0, NaN, -0, 1, NaN, -0, 0, -1);
    const sorted = runSteps(sortInSlices(values, 3));
    expect(Array.from(sorted).map((v) => (Object.is(v, -0) ? "-0" : String(v)))).toEqual([
      "-1",
      "-0",
      "-0",
      "0",
      "0",
      "1",
      "NaN",
      "NaN",
    ]);
  });

  it("agrees with the native sort for any values and run length", () => {
    const value = fc.oneof(
      fc.double({ noNaN: false }),
      fc.integer({ min: -5, max: 5 }),
      fc.constantFrom(NaN, -0, 0, Infinity, -Infinity),
    );
    fc.assert(
      fc.property(fc.array(value, { maxLength: 200 }), fc.integer({ min: 1, max: 40 }), (values, run) => {
        const sorted = runSteps(sortInSlices(Float64Array.from(values), run));
        const expected = natively(values);
        expect(sorted.length).toBe(expected.length);
        for (let i = 0; i < expected.length; i++) expect(Object.is(sorted[i], expected[i])).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("sorts a million values in slices of at most 32,768 (the default), as the native sort", () => {
    const n = 1_048_575;
    let seed = 7;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      values[i] = (seed % 100000) / 100;
    }
    const expected = values.slice().sort();
    const steps = sortInSlices(values);
    let yields = 0;
    for (let step = steps.next(); !step.done; step = steps.next()) yields++;
    let misplaced = 0;
    for (let i = 0; i < n; i++) if (values[i] !== expected[i]) misplaced++;
    expect(misplaced).toBe(0);
    // 32 runs (31 yields) and 5 merge passes of n values, one yield per 32,768.
    expect(yields).toBe(31 + Math.floor((5 * n) / 32768));
  });
});
