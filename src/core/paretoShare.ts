import { Grid, isBlank, parameters, readNumberParameter, RowResult } from "./args";
import { CoreError, isCoreError, Result } from "./errors";
import { cellName, messages } from "./messages";
import { selectInPlace } from "./quickselect";
import { overflowScale } from "./wideSum";

/**
 * Share of the total held by the top `topFraction` of customers (the 80/20 rule's left-hand side).
 *
 * Values sorted descending, k = topFraction · n:
 *   share = (sum of the ⌊k⌋ largest + (k − ⌊k⌋) · the next largest) / total.
 * Interpolating the fractional customer makes the share a continuous function of `topFraction`,
 * which is what a Lorenz-style chart of the shares needs.
 *
 * Expects non-negative finite values and 0 < topFraction ≤ 1; returns NaN when the total is 0 (the
 * caller decides which error that is). A total beyond the double range is no problem: `work` is
 * then rescaled by a power of two first. Selection, not sorting: expected O(n). `work` is reordered
 * (and may be rescaled).
 *
 * @example
 * paretoShareOf(Float64Array.of(50, 30, 10, 5, 5), 0.5) // => 0.85  ((50 + 30 + 0.5·10) / 100)
 */
export function paretoShareOf(work: Float64Array, topFraction: number): number {
  const n = work.length;
  const total = totalWithinRange(work);
  if (n === 0 || total === 0) return NaN;
  const k = topFraction * n;
  const whole = Math.floor(k);
  const fraction = k - whole;
  if (whole >= n) return 1;
  // Ascending order: the `whole` largest values sit at indexes n - whole … n - 1, the next one at n - whole - 1.
  const nextIndex = n - whole - 1;
  selectInPlace(work, nextIndex);
  let topSum = 0;
  for (let i = nextIndex + 1; i < n; i++) topSum += work[i];
  return (topSum + fraction * work[nextIndex]) / total;
}

/**
 * {@link paretoShareOf} for many fractions at once (the points of a Lorenz-style chart): one sort of
 * `work` (ascending, in place) and running sums from the top, then O(1) per fraction.
 * O(n log n + t). Same formula and the same NaN for a zero total.
 *
 * @example
 * paretoSharesOf(Float64Array.of(50, 30, 10, 5, 5), [0.2, 0.5]) // => [0.5, 0.85]
 */
export function paretoSharesOf(work: Float64Array, topFractions: readonly number[]): number[] {
  const n = work.length;
  totalWithinRange(work);
  work.sort();
  // topSums[w] = sum of the w largest values.
  const topSums = new Float64Array(n + 1);
  for (let w = 1; w <= n; w++) topSums[w] = topSums[w - 1] + work[n - w];
  const total = topSums[n];
  return topFractions.map((topFraction) => {
    if (n === 0 || total === 0) return NaN;
    const k = topFraction * n;
    const whole = Math.floor(k);
    if (whole >= n) return 1;
    return (topSums[whole] + (k - whole) * work[n - whole - 1]) / total;
  });
}

/** Totals below this (2⁻⁵⁰⁰) are scaled up before any share is computed. */
const TINY_TOTAL = 2 ** -500;

/**
 * Σ work, after scaling `work` in place by a power of two when the plain total is beyond the double
 * range (customers worth 9e307 each) or so small that products with it lose digits (1e-320): the
 * shares are ratios, so the scale cancels, and multiplying by a power of two is exact (see
 * {@link overflowScale}). Expects finite, non-negative values.
 */
function totalWithinRange(work: Float64Array): number {
  const n = work.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += work[i];
  if (total > 0 && total < TINY_TOTAL) {
    // Customers worth 1e-320 in all: fraction · next would be a subnormal product that has lost its
    // digits. Scaled up by 2^600 (exact; nothing can overflow) they are ordinary numbers.
    total = 0;
    for (let i = 0; i < n; i++) total += work[i] *= 2 ** 600;
    return total;
  }
  if (Number.isFinite(total)) return total;
  let largest = 0;
  for (let i = 0; i < n; i++) if (work[i] > largest) largest = work[i];
  const scale = overflowScale(n, largest);
  total = 0;
  for (let i = 0; i < n; i++) total += work[i] *= scale;
  return total;
}

/**
 * CX.PARETOSHARE: the share of total value held by the top fraction of customers (80/20).
 *
 * `values` may have any shape; as `SUM` does, blanks, text and logical values are ignored, and the
 * first error value (in reading order) is returned. A negative value is `#NUM!` naming the cell; a
 * total of 0 is `#DIV/0!`. `top` is one fraction or a range of them (default 0.2); the result has
 * the shape of `top`, each cell its own share (a blank cell in a range of tops stays blank, a bad
 * one is `#VALUE!` in that cell only).
 *
 * Expected O(n) for one `top` (selection), O(n log n) for several (one sort of a Float64Array).
 *
 * @example
 * paretoShare([[50], [30], [10], [5], [5]], [[0.2], [0.5]]) // => [[0.5], [0.85]]
 */
export function paretoShare(values: Grid, top: Grid | null = null): Result<RowResult<number>[][]> {
  const work = numericValues(values);
  if (isCoreError(work)) return work;
  let total = 0;
  for (let i = 0; i < work.length; i++) total += work[i];
  if (total === 0) return messages.zeroTotal("values");

  const topGrid: Grid =
    top === null || (top.length === 1 && top[0].length === 1 && isBlank(top[0][0])) ? [[null]] : top;
  const fractions: number[] = [];
  const shaped: (RowResult<number> | number)[][] = topGrid.map((row) =>
    row.map((cell): RowResult<number> => {
      if (isBlank(cell) && topGrid.length * topGrid[0].length > 1) return "";
      const fraction = readNumberParameter(cell, parameters.top);
      if (isCoreError(fraction)) return fraction;
      fractions.push(fraction);
      return fractions.length - 1; // replaced by the share below
    }),
  );
  const shares =
    fractions.length === 1 ? [paretoShareOf(work, fractions[0])] : paretoSharesOf(work, fractions);
  return shaped.map((row) => row.map((cell) => (typeof cell === "number" ? shares[cell] : cell)));
}

/**
 * The numeric cells of `values` as a Float64Array, `SUM`-style (blanks, text, logicals skipped), or
 * the first incoming error, or `#NUM!` for the first negative number.
 */
function numericValues(values: Grid): Result<Float64Array> {
  let cells = 0;
  for (let r = 0; r < values.length; r++) cells += values[r].length;
  const work = new Float64Array(cells);
  let count = 0;
  let firstNegative: CoreError | null = null;
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (typeof cell === "number") {
        if (cell >= 0 && cell !== Infinity) {
          work[count++] = cell;
          continue;
        }
        const where = cellName("values", r + 1, c + 1, row.length);
        if (!Number.isFinite(cell)) return messages.notFinite(where);
        firstNegative ??= messages.negativeValue(where, cell);
      } else if (cell instanceof CoreError) {
        return messages.incomingError(cellName("values", r + 1, c + 1, row.length), cell.kind, cell.message);
      }
    }
  }
  if (firstNegative !== null) return firstNegative;
  return work.subarray(0, count);
}
