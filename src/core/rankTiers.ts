/**
 * Tiers by rank: the customers ranked largest value first (ties in index order) are cut into tiers
 * at given rank counts — the lifetime value's "top 20 %, next 30 %, rest".
 *
 * A tier boundary `end` (the customers in this tier and every tier above it) has a threshold: the
 * `end`-th largest value, read from a sorted copy. Every value above the threshold is inside; of the
 * values equal to it, the first `end − (values above)` in index order are — exactly the set a
 * stable sort of the customers, largest first, would put in its first `end` places, without sorting
 * the customers themselves (a comparator sort of a million indices takes about 0.8 s in a browser,
 * in one task). The copy is sorted with {@link sortInSlices} and every pass yields between slices,
 * so a caller can pace the whole of it (see `steps.ts`). O(n log n) time, O(n) memory.
 *
 * NaN values rank last (below −Infinity); among themselves, in index order.
 *
 * @example
 * // values 5, 9, 5, 1 ranked: 9 (index 1), 5 (index 0), 5 (index 2), 1 (index 3);
 * // the first 1 rank is tier 0, ranks 1–2 tier 1, the rest tier 2:
 * runSteps(tiersByRankSteps(Float64Array.of(5, 9, 5, 1), [1, 3])) // => Uint8Array [1, 0, 1, 2]
 */
import { sortInSlices } from "./sortInSlices";
import type { Steps } from "./steps";

/** Values visited between yields in the passes. */
const SLICE = 65536;

/**
 * The tier of every value: t when its rank (0 = largest) is at least `ends[t − 1]` (0 for t = 0)
 * and below `ends[t]`; `ends.length` when it is at or beyond the last end. `ends` ascending, each
 * a whole number (below 0 counts as 0, above `values.length` as all).
 */
export function* tiersByRankSteps(values: ArrayLike<number>, ends: readonly number[]): Steps<Uint8Array> {
  const n = values.length;
  const tier = new Uint8Array(n).fill(ends.length);
  // Ascending order puts the `end`-th largest at index n − end; NaN ranks as the smallest value.
  const sorted = new Float64Array(n);
  let trueMinusInfinity = 0;
  for (let i = 0; i < n; i++) {
    sorted[i] = rankValue(values[i]);
    if (values[i] === -Infinity) trueMinusInfinity++;
  }
  yield* sortInSlices(sorted);
  for (let t = ends.length - 1; t >= 0; t--) {
    const end = Math.min(n, Math.max(0, ends[t]));
    if (end === 0) continue;
    const threshold = sorted[n - end];
    // The values above the threshold: the sorted copy's last ones (a binary search for its end).
    let low = n - end;
    let high = n;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sorted[middle] > threshold) high = middle;
      else low = middle + 1;
    }
    let equalInside = end - (n - low);
    // A threshold of −Infinity shares its place with the NaNs, which rank after the true −Infinity values.
    let nanQuota = 0;
    if (threshold === -Infinity) {
      nanQuota = Math.max(0, equalInside - trueMinusInfinity);
      equalInside -= nanQuota;
    }
    for (let i = 0; i < n; i++) {
      const value = values[i];
      if (Number.isNaN(value)) {
        if (nanQuota > 0) {
          tier[i] = t;
          nanQuota--;
        }
      } else if (value > threshold) {
        tier[i] = t;
      } else if (value === threshold && equalInside > 0) {
        tier[i] = t;
        equalInside--;
      }
      if (i % SLICE === SLICE - 1) yield { stage: "tiers", done: i + 1, total: n };
    }
  }
  return tier;
}

function rankValue(value: number): number {
  return Number.isNaN(value) ? -Infinity : value;
}
