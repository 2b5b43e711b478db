/**
 * Sorts a Float64Array ascending in slices a caller can pace (see `steps.ts`): a million values
 * sorted by `Float64Array.prototype.sort` are one task of about 0.15 s, long enough to freeze a task
 * pane; here runs of {@link RUN} values are sorted natively and then merged pairwise, a slice of
 * {@link RUN} values between yields. The order is the native sort's: numeric, −0 before +0, NaN last.
 * O(n log n) time, one extra array of n values.
 *
 * @example
 * runSteps(sortInSlices(Float64Array.of(3, NaN, -1, 2))) // => Float64Array [-1, 2, 3, NaN]
 */
import type { Steps } from "./steps";

/** Values sorted or merged between yields (a few milliseconds of work). */
const RUN = 32768;

/** Sorts `values` in place and returns it, yielding between slices. */
export function* sortInSlices(values: Float64Array, run = RUN): Steps<Float64Array> {
  const n = values.length;
  for (let from = 0; from < n; from += run) {
    values.subarray(from, Math.min(n, from + run)).sort();
    if (from + run < n) yield { stage: "sort", done: from + run, total: n };
  }
  if (n <= run) return values;
  // Bottom-up merges of sorted runs, back and forth between two arrays.
  let source: Float64Array = values;
  let target: Float64Array = new Float64Array(n);
  let budget = run;
  for (let width = run; width < n; width *= 2) {
    for (let left = 0; left < n; left += 2 * width) {
      const middle = Math.min(n, left + width);
      const right = Math.min(n, left + 2 * width);
      let i = left;
      let j = middle;
      for (let k = left; k < right; k++) {
        if (j >= right || (i < middle && !goesFirst(source[j], source[i]))) target[k] = source[i++];
        else target[k] = source[j++];
        if (--budget === 0) {
          budget = run;
          yield { stage: "sort", done: k, total: n };
        }
      }
    }
    [source, target] = [target, source];
  }
  if (source !== values) values.set(source);
  return values;
}

/** Whether `b` (from the right run) comes before `a` (from the left): a stable merge in the native order. */
function goesFirst(b: number, a: number): boolean {
  if (b < a) return true;
  if (b === 0 && a === 0) return Object.is(b, -0) && !Object.is(a, -0);
  // NaN sorts last: a right-hand number goes before a left-hand NaN.
  return a !== a && b === b;
}
