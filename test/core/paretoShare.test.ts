import { Grid } from "../../src/core/args";
import { CoreError, ErrorKind } from "../../src/core/errors";
import { paretoShare, paretoShareOf, paretoSharesOf } from "../../src/core/paretoShare";
import { closeTo, exact, exactRatio, exactSum } from "./exactArithmetic";

const frozen = (rows: unknown[][]): Grid => Object.freeze(rows.map((row) => Object.freeze(row))) as Grid;
const spec = frozen([[50], [30], [10], [5], [5]]);

/** Independent reference: sort a copy descending and walk it. */
function byHand(values: number[], top: number): number {
  const sorted = [...values].sort((a, b) => b - a);
  const total = values.reduce((a, b) => a + b, 0);
  const k = top * values.length;
  let sum = 0;
  for (let i = 0; i < Math.floor(k); i++) sum += sorted[i];
  if (Math.floor(k) < values.length) sum += (k - Math.floor(k)) * sorted[Math.floor(k)];
  return sum / total;
}

describe("paretoShare (share of value held by the top fraction of customers)", () => {
  it("gives the spec examples 0.5 for top 0.2 and 0.85 for top 0.5", () => {
    // top 0.2: k = 1 → 50 / 100; top 0.5: k = 2.5 → (50 + 30 + 0.5·10) / 100
    expect(paretoShare(spec, frozen([[0.2]]))).toEqual([[0.5]]);
    expect(paretoShare(spec, frozen([[0.5]]))).toEqual([[0.85]]);
  });

  it("uses top 0.2 when top is omitted or blank", () => {
    expect(paretoShare(spec)).toEqual([[0.5]]);
    expect(paretoShare(spec, frozen([[null]]))).toEqual([[0.5]]);
  });

  it("interpolates a fractional customer", () => {
    // n = 5, top 0.3 → k = 1.5: (50 + 0.5·30) / 100 = 0.65
    expect((paretoShare(spec, frozen([[0.3]])) as number[][])[0][0]).toBeCloseTo(0.65, 12);
  });

  it("gives 1 for top 1", () => {
    expect(paretoShare(spec, frozen([[1]]))).toEqual([[1]]);
  });

  it("returns one share per top, in the shape of the top range", () => {
    // 0.2 → 0.5; 0.5 → 0.85; 1 → 1
    expect(paretoShare(spec, frozen([[0.2], [0.5], [1]]))).toEqual([[0.5], [0.85], [1]]);
    expect(paretoShare(spec, frozen([[0.2, 0.5]]))).toEqual([[0.5, 0.85]]);
  });

  it("keeps blank tops blank and marks a bad top in its own cell", () => {
    const result = paretoShare(spec, frozen([[0.2], [null], [1.5], [0], ["half"]])) as unknown[][];
    expect(result[0][0]).toBe(0.5);
    expect(result[1][0]).toBe("");
    expect(result[2][0]).toBeExcelError(
      "#VALUE!",
      "top is 1.5, but it must be a fraction greater than 0 and at most 1",
    );
    expect(result[3][0]).toBeExcelError("#VALUE!", "top is 0");
    expect(result[4][0]).toBeExcelError("#VALUE!", 'top holds the text "half"');
  });

  it("rejects a single top outside (0, 1]", () => {
    expect((paretoShare(spec, frozen([[-0.2]])) as unknown[][])[0][0]).toBeExcelError(
      "#VALUE!",
      "top is -0.2",
    );
  });

  it("accepts values in any shape", () => {
    expect(paretoShare(frozen([[50, 30, 10, 5, 5]]), frozen([[0.5]]))).toEqual([[0.85]]);
    expect(
      paretoShare(
        frozen([
          [50, 30],
          [10, 5],
          [5, null],
        ]),
        frozen([[0.5]]),
      ),
    ).toEqual([[0.85]]);
  });

  it("ignores blanks, text and logical values as SUM does", () => {
    // numbers 50, 30, 10, 5, 5 only
    const values = frozen([[50], [null], ["30"], [true], [30], [""], [10], [undefined], [5], [5]]);
    expect(paretoShare(values, frozen([[0.2]]))).toEqual([[0.5]]);
  });

  it("returns the first error found in the range", () => {
    const values = frozen([
      [1],
      [new CoreError(ErrorKind.NotAvailable, "")],
      [new CoreError(ErrorKind.DivByZero, "")],
    ]);
    expect(paretoShare(values)).toBeExcelError("#N/A", "Row 2 of values");
  });

  it("gives #NUM! naming the cell of a negative value", () => {
    expect(
      paretoShare(
        frozen([
          [5, 3],
          [-2, 1],
        ]),
      ),
    ).toBeExcelError("#NUM!", "Row 2, column 1 of values is -2");
  });

  it("gives #DIV/0! when the values add up to 0 or there are none", () => {
    expect(paretoShare(frozen([[0], [0]]))).toBeExcelError("#DIV/0!", "add up to 0");
    expect(paretoShare(frozen([["a"], [null]]))).toBeExcelError("#DIV/0!");
  });

  it("agrees between the selection kernel, the sorted kernel and a hand computation", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const n of [1, 2, 7, 100, 1001]) {
      const values = Array.from({ length: n }, () => Math.round(random() * 1000));
      values[0] += 1; // never all zero
      const tops = [0.01, 0.2, 0.333, 0.5, 0.8, 1];
      const sorted = paretoSharesOf(Float64Array.from(values), tops);
      tops.forEach((top, i) => {
        expect(paretoShareOf(Float64Array.from(values), top)).toBeCloseTo(byHand(values, top), 12);
        expect(sorted[i]).toBeCloseTo(byHand(values, top), 12);
      });
    }
  });
});

/** The exact share by BigInt arithmetic: the same formula on exact totals, rounded once at the end. */
function exactShare(values: number[], top: number): number {
  const sorted = [...values].sort((a, b) => b - a);
  const k = top * values.length;
  const whole = Math.floor(k);
  const topTotal = exactSum(sorted.slice(0, whole));
  const total = exactSum(values);
  if (whole >= values.length) return 1;
  // (k − ⌊k⌋) · next is a product of two doubles: exact in units of 2^-2148.
  const partial = exact(k - whole) * exact(sorted[whole]);
  return exactRatio((topTotal << 1074n) + partial, total << 1074n);
}

describe("paretoShare near Excel's largest number", () => {
  it("gives 0.5 for two customers of 9e307 and the top half, not 0", () => {
    // total 1.8e308 is beyond the double range; the top half holds 9e307 / 1.8e308 = 0.5
    expect(paretoShare(frozen([[9e307], [9e307]]), frozen([[0.5]]))).toEqual([[0.5]]);
    expect(paretoShare(frozen([[9e307], [9e307], [1], [0]]), frozen([[0.25], [0.5], [1]]))).toEqual([
      [0.5],
      [1],
      [1],
    ]);
  });

  it("agrees with an exact BigInt computation on values spread over the whole range", () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const n of [2, 5, 40, 333]) {
      // magnitudes from 1e-300 to 1.7e308, many of them near the top
      const values = Array.from({ length: n }, () =>
        random() < 0.5 ? 1.7e308 * random() : 10 ** (600 * random() - 300),
      );
      for (const top of [0.01, 0.2, 0.5, 0.77, 1]) {
        const expected = exactShare(values, top);
        const one = paretoShareOf(Float64Array.from(values), top);
        const many = paretoSharesOf(Float64Array.from(values), [top])[0];
        expect(closeTo(one, expected, 1e-12)).toBe(true);
        expect(closeTo(many, expected, 1e-12)).toBe(true);
      }
    }
  });

  it("keeps the fractional customer of a tiny total, where its product would be a subnormal", () => {
    // n = 1, top 0.045: k = 0.045 → 0.045 · 5.4e-323 / 5.4e-323 = 0.045 (unscaled, 0.045 · 5.4e-323 rounds to 5e-324)
    expect(paretoShareOf(Float64Array.of(5.4e-323), 0.045)).toBeCloseTo(0.045, 15);
    expect(paretoSharesOf(Float64Array.of(5e-324), [0.001])[0]).toBeCloseTo(0.001, 15);
  });

  it("still names the cell of a negative value with #NUM!, by its row and column within the range", () => {
    // a 3 × 2 range; the -1e308 sits in its third row, second column
    const values = frozen([
      [9e307, 9e307],
      [1, 2],
      [3, -1e308],
    ]);
    expect(paretoShare(values)).toBeExcelError("#NUM!", "Row 3, column 2 of values is -1E+308");
    expect(paretoShare(frozen([[5], [-2]]))).toBeExcelError("#NUM!", "Row 2 of values is -2");
  });
});
