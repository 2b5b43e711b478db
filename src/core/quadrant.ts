/**
 * The value × strategic-match quadrant rule: the one place that says which quadrant a customer is
 * in and how a cut is found. `CX.SEGMENT` (`segment.ts`) and the task pane's quadrant method
 * (`src/workflow/methods/quadrant.ts`) both call it, so the function and the pane cannot disagree.
 *
 * | value ≥ valueCut | match ≥ matchCut | quadrant  |
 * |------------------|------------------|-----------|
 * | yes              | yes              | Strategic |
 * | yes              | no               | Profit    |
 * | no               | yes              | Potential |
 * | no               | no               | Ordinary  |
 *
 * (Customers split by their value to the firm and their strategic match with it: the product
 * contract's portfolio. A value equal to the cut counts as high, as `>=` in a spreadsheet would.)
 */
import { median } from "./median";

/** Quadrant codes, in the order of the labels (Strategic, Profit, Potential, Ordinary). */
export const STRATEGIC = 0;
export const PROFIT = 1;
export const POTENTIAL = 2;
export const ORDINARY = 3;

/** The default quadrant names, in code order; `labels` replace them. */
export const QUADRANT_NAMES = ["Strategic", "Profit", "Potential", "Ordinary"] as const;

/**
 * How a cut is chosen: Excel's `MEDIAN` or `AVERAGE` of the customers' values, or a typed number.
 */
export type CutRule = { kind: "median" } | { kind: "mean" } | { kind: "number"; value: number };

/**
 * The quadrant of one customer: 0 Strategic, 1 Profit, 2 Potential, 3 Ordinary. O(1).
 *
 * @example
 * quadrantOf(500, 8, 300, 5.5) // => 0 (Strategic: 500 ≥ 300 and 8 ≥ 5.5)
 * quadrantOf(480, 2, 300, 5.5) // => 1 (Profit: high value, 2 < 5.5)
 */
export function quadrantOf(value: number, match: number, valueCut: number, matchCut: number): number {
  return (value >= valueCut ? 0 : 2) + (match >= matchCut ? 0 : 1);
}

/**
 * The cut for one dimension: Excel's `MEDIAN` or `AVERAGE` of `values` (the customers' numbers, no
 * blanks), or the typed number. NaN for an empty list with median or mean. Expected O(n).
 *
 * The mean does not overflow where the values themselves are finite: when the plain sum leaves the
 * finite range (two values of 1e308), it is taken as Σ xᵢ/n, whose partial sums never exceed the
 * largest |xᵢ|. Otherwise it is sum / n, exactly as `AVERAGE`.
 *
 * @example
 * resolveCut({ kind: "median" }, [500, 120, 480, 90]) // => 300   (sorted 90, 120, 480, 500 → (120 + 480) / 2)
 * resolveCut({ kind: "mean" }, [500, 120, 480, 90])   // => 297.5 (1190 / 4)
 * resolveCut({ kind: "mean" }, [1e308, 1e308])        // => 1e308 (not Infinity)
 */
export function resolveCut(rule: CutRule, values: ArrayLike<number>): number {
  switch (rule.kind) {
    case "median":
      return median(values);
    case "mean":
      return meanOf(values);
    case "number":
      return rule.value;
  }
}

/** Excel's `AVERAGE` of finite numbers, without overflow (see {@link resolveCut}). NaN when empty. */
export function meanOf(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  if (Number.isFinite(sum)) return sum / n;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i] / n;
  return mean;
}

/**
 * Quadrant codes of many customers: −1 where `mask` is 0 (a row left out), else {@link quadrantOf}.
 * O(n).
 */
export function quadrantCodes(
  value: ArrayLike<number>,
  match: ArrayLike<number>,
  mask: ArrayLike<number>,
  valueCut: number,
  matchCut: number,
): Int32Array {
  const n = value.length;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = mask[i] ? quadrantOf(value[i], match[i], valueCut, matchCut) : -1;
  return out;
}
