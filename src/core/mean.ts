import { WideSum } from "./wideSum";

/**
 * The arithmetic mean, as Excel's `AVERAGE` of the numbers given: Σx / n. `NaN` for an empty list.
 *
 * The mean of finite numbers is always finite (it lies between the smallest and the largest value), even
 * when their sum is not: the mean of 9E+307 and 9E+307 is 9E+307 although their plain sum 1.8E+308
 * is beyond the double range. The plain sum is used whenever it is finite; otherwise the values are
 * added again as a {@link WideSum} and divided while still scaled. Expects finite numbers.
 * O(n), no allocation on the plain path.
 *
 * @example
 * mean([500, 120, 480, 90]) // => 297.5  (1190 / 4)
 * mean([9e307, 9e307])      // => 9e307
 */
export function mean(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i];
  if (Number.isFinite(sum)) return sum / n;
  const wide = new WideSum();
  for (let i = 0; i < n; i++) wide.add(values[i]);
  return wide.dividedBy(n);
}
