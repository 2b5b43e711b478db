/**
 * The value × strategic match quadrants, as CX.SEGMENT computes them: high value ⇔ value ≥ value cut,
 * high match ⇔ match ≥ match cut; Strategic (high, high), Profit (high value, low match), Potential
 * (low value, high match), Ordinary (low, low), with the user's labels in that order.
 */
import { median } from "../core/median";
import type { CutRule } from "./types";

/** Segment codes in label order. */
export const STRATEGIC = 0;
export const PROFIT = 1;
export const POTENTIAL = 2;
export const ORDINARY = 3;

/**
 * The cut for one dimension: Excel's MEDIAN or AVERAGE of the used rows' values, or the typed number.
 * O(n) expected.
 *
 * @example
 * resolveCut({ kind: "median" }, Float64Array.of(500, 120, 480, 90)) // => 300
 * resolveCut({ kind: "mean" }, Float64Array.of(500, 120, 480, 90))   // => 297.5  (1190 / 4)
 */
export function resolveCut(rule: CutRule, usedValues: Float64Array): number {
  switch (rule.kind) {
    case "median":
      return median(usedValues);
    case "mean": {
      let sum = 0;
      for (let i = 0; i < usedValues.length; i++) sum += usedValues[i];
      return sum / usedValues.length;
    }
    case "number":
      return rule.value;
  }
}

/**
 * The quadrant of a customer. @example quadrantOf(500, 8, 300, 5.5) // => STRATEGIC
 */
export function quadrantOf(value: number, match: number, valueCut: number, matchCut: number): number {
  const highValue = value >= valueCut;
  const highMatch = match >= matchCut;
  if (highValue) return highMatch ? STRATEGIC : PROFIT;
  return highMatch ? POTENTIAL : ORDINARY;
}

/** Quadrant codes for every row (−1 where `mask` is 0). O(n). */
export function quadrantSegments(
  value: Float64Array,
  match: Float64Array,
  mask: Uint8Array,
  valueCut: number,
  matchCut: number,
): Int32Array {
  const n = value.length;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = mask[i] ? quadrantOf(value[i], match[i], valueCut, matchCut) : -1;
  return out;
}
