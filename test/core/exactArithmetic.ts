/**
 * Exact arithmetic on doubles with BigInt, for tests: an independent reference for sums, means and
 * shares near the ends of the double range, where floating-point code can overflow or lose digits.
 *
 * Every finite double is an integer multiple of 2⁻¹⁰⁷⁴ (the smallest subnormal), so a double x is
 * held exactly as the BigInt x · 2¹⁰⁷⁴; sums of such integers are exact; a quotient or a total is
 * turned back into the nearest double (to within an ulp) at the very end.
 */

/** 2¹⁰⁷⁴ · x, exactly. `x` must be finite. */
export function exact(x: number): bigint {
  if (!Number.isFinite(x)) throw new Error(`exact(${x}): not a finite number`);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const negative = high >>> 31 === 1;
  const biasedExponent = (high >>> 20) & 0x7ff;
  const fraction = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  // normal: (2^52 + fraction) · 2^(e − 1075); subnormal: fraction · 2^(−1074)
  const magnitude = biasedExponent === 0 ? fraction : ((1n << 52n) | fraction) << BigInt(biasedExponent - 1);
  return negative ? -magnitude : magnitude;
}

/** Σ xs exactly, as a multiple of 2⁻¹⁰⁷⁴. */
export function exactSum(xs: Iterable<number>): bigint {
  let sum = 0n;
  for (const x of xs) sum += exact(x);
  return sum;
}

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/**
 * n · 2^power as a double (±Infinity when beyond the double range): correctly rounded to nearest
 * while the result is a normal number; within an ulp for subnormal results.
 */
export function scaledToDouble(n: bigint, power: number): number {
  if (n === 0n) return 0;
  const negative = n < 0n;
  const magnitude = negative ? -n : n;
  const shift = Math.max(0, bitLength(magnitude) - 64);
  let top = magnitude >> BigInt(shift);
  // A sticky bit for what was shifted out, so that Number() still rounds to nearest correctly.
  if (shift > 0 && top << BigInt(shift) !== magnitude) top |= 1n;
  const leading = Number(top); // < 2^64, rounded once to 53 bits
  const exponent = shift + power;
  // Two steps, so that 2^exponent itself neither overflows nor underflows on the way.
  const half = Math.trunc(exponent / 2);
  const value = leading * 2 ** half * 2 ** (exponent - half);
  return negative ? -value : value;
}

/** An exact total (a multiple of 2⁻¹⁰⁷⁴) as the nearest double; ±Infinity beyond the range. */
export function exactToDouble(total: bigint): number {
  return scaledToDouble(total, -1074);
}

/** numerator / denominator (both exact totals) as the nearest double, within a few ulps. */
export function exactRatio(numerator: bigint, denominator: bigint): number {
  if (denominator === 0n) throw new Error("exactRatio: division by 0");
  const negative = numerator < 0n !== denominator < 0n;
  const a = numerator < 0n ? -numerator : numerator;
  const b = denominator < 0n ? -denominator : denominator;
  // Enough extra bits that the integer quotient carries 64 significant bits.
  const extra = Math.max(0, 64 - (bitLength(a) - bitLength(b)));
  const quotient = (a << BigInt(extra)) / b;
  const value = scaledToDouble(quotient, -extra);
  return negative ? -value : value;
}

/** True when `actual` is within `relative` of `expected` (or both are 0). */
export function closeTo(actual: number, expected: number, relative = 1e-12): boolean {
  if (expected === 0) return Math.abs(actual) <= Number.MIN_VALUE * 4;
  return Math.abs(actual - expected) <= relative * Math.abs(expected);
}
