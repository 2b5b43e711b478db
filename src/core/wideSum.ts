/**
 * A sum that stays exact enough when its terms or its partial sums leave the double range
 * (Excel's largest number is 1.7976931348623157E+308; `1e308 + 1e308` is `Infinity` in JavaScript,
 * and `Infinity − 1e308` stays `Infinity` although the true total may be ordinary).
 *
 * The callers' fast paths add plain doubles; only when such a sum comes out non-finite from finite
 * terms do they add the same terms again into a `WideSum`, which then says whether the true total is
 * finite and what it is. Terms of magnitude ≥ 2⁹⁰⁰ go into `big`, scaled by 2⁻⁶⁴ (a power of two: the
 * scaling itself is exact), the others into `small` unscaled, so neither part can overflow for fewer
 * than 2⁶³ terms and small terms keep their full precision:
 *
 *   total = big · 2⁶⁴ + small
 *
 * The result is the correctly rounded total up to ordinary floating-point summation error (a few ulps
 * per term), or ±Infinity when the total itself is beyond the double range (Excel: `#NUM!`).
 * O(1) per term, no allocation.
 *
 * @example
 * const sum = new WideSum();
 * for (const x of [1e308, 1e308, -1e308]) sum.add(x);
 * sum.value() // => 1e308   (plain left-to-right addition gives Infinity)
 */
export class WideSum {
  /** Σ of the large terms, times 2⁻⁶⁴. */
  private big = 0;
  /** Σ of the other terms, unscaled. */
  private small = 0;

  add(term: number): void {
    if (Math.abs(term) >= LARGE) this.big += term * SCALE;
    else this.small += term;
  }

  /** The total, or ±Infinity when it lies beyond the double range. */
  value(): number {
    if (this.big === 0) return this.small;
    return (this.big + this.small * SCALE) / SCALE;
  }

  /**
   * total / divisor, finite whenever that quotient is, even when the total is not (a mean of values
   * near 1e308). `divisor` ≥ 1.
   *
   * @example
   * // sum of 9e307 and 9e307 is 1.8e308, beyond the range; halved it is 9e307 again
   */
  dividedBy(divisor: number): number {
    const total = this.value();
    if (Number.isFinite(total)) return total / divisor;
    return this.scaledValue() / divisor / SCALE;
  }

  /**
   * The total times 2⁻⁶⁴, always finite: for ratios of two wide sums (the scale cancels), where
   * each total may be out of range while their quotient is not.
   */
  scaledValue(): number {
    return this.big + this.small * SCALE;
  }
}

/** Terms at least this large are scaled (2⁹⁰⁰: far above anything a cell of real data holds). */
const LARGE = 2 ** 900;

/** 2⁻⁶⁴: with terms below 2¹⁰²⁴, 2⁶³ of them still sum below the double range. */
const SCALE = 2 ** -64;

/**
 * A power of two `s` such that `count` values of magnitude ≤ `largest`, each multiplied by `s`, sum
 * to at most half the double range: the scale for sums that overflow (PARETOSHARE totals, Gini),
 * whose results are ratios in which `s` cancels. Multiplying by a power of two is exact, except
 * that values below 2⁻¹⁰²² · (1 / s) lose low bits, which cannot matter beside a total near 1e308.
 *
 * @example
 * overflowScale(4, 1e308) // => 2 ** -27  (1e308 < 2^1024, 4 = 2^2: the sum is < 2^1026, scaled < 2^999)
 * overflowScale(4, 1000)  // => 1        (nothing to scale)
 */
export function overflowScale(count: number, largest: number): number {
  // count · largest ≤ 2^(exponent − 1); scaled by 2^(1000 − exponent) it is at most 2^999.
  const exponent = Math.ceil(Math.log2(largest)) + Math.ceil(Math.log2(Math.max(count, 1))) + 1;
  // Keep the scaled values well inside the normal range: the total only needs to be finite.
  return 2 ** -Math.max(0, exponent - 1000);
}
