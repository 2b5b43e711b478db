import { CoreError, ErrorKind } from "../../src/core/errors";
import { customerValue } from "../../src/core/customerValue";
import { Grid } from "../../src/core/args";
import { closeTo, exactRatio, exactSum, exactToDouble } from "./exactArithmetic";

import { resultList } from "../../src/core/customerResults";
import { isCoreError } from "../../src/core/errors";

/** The per-customer results as a plain list (or the whole-call error). */
const plain = <T>(results: T) =>
  isCoreError(results) ? results : resultList(results as Parameters<typeof resultList>[0]);

const frozen = (rows: unknown[][]): Grid => Object.freeze(rows.map((row) => Object.freeze(row))) as Grid;

describe("customerValue (Kotler's customer delivered value)", () => {
  it("gives the spec example 65 for net value", () => {
    // benefits 80 + 20 + 10 + 5 = 115; costs 40 + 5 + 3 + 2 = 50; 115 − 50 = 65
    expect(plain(customerValue(frozen([[80, 20, 10, 5]]), frozen([[40, 5, 3, 2]])))).toEqual([65]);
  });

  it("gives the spec example 2.3 for the ratio method", () => {
    // 115 / 50 = 2.3
    const [ratio] = plain(
      customerValue(frozen([[80, 20, 10, 5]]), frozen([[40, 5, 3, 2]]), "ratio"),
    ) as number[];
    expect(ratio).toBeCloseTo(2.3, 12);
  });

  it("reads the method name in any case and with spaces around it", () => {
    expect(plain(customerValue(frozen([[6]]), frozen([[3]]), "  RATIO "))).toEqual([2]);
    expect(plain(customerValue(frozen([[6]]), frozen([[3]]), "Net"))).toEqual([3]);
  });

  it("computes one value per row", () => {
    // 10 − 4 = 6; 7 − 9 = −2
    expect(plain(customerValue(frozen([[10], [7]]), frozen([[4], [9]])))).toEqual([6, -2]);
  });

  it("uses a single row of costs for every customer", () => {
    // costs 1 + 2 = 3 for all: 10 − 3, 20 − 3, 30 − 3
    expect(plain(customerValue(frozen([[10], [20], [30]]), frozen([[1, 2]])))).toEqual([7, 17, 27]);
  });

  it("rejects other row-count mismatches with both counts in the message", () => {
    expect(plain(customerValue(frozen([[1], [2], [3]]), frozen([[1], [2]])))).toBeExcelError(
      "#VALUE!",
      /benefits has 3 rows but costs has 2/,
    );
  });

  it("counts blank components (null, undefined, empty text) as 0", () => {
    // 10 + 0 + 0 − (0 + 4) = 6
    expect(plain(customerValue(frozen([[10, null, undefined]]), frozen([["", 4]])))).toEqual([6]);
  });

  it("gives a blank result for an all-blank row and still computes the others", () => {
    expect(plain(customerValue(frozen([[5], [null], [""]]), frozen([[1], [undefined], [null]])))).toEqual([
      4,
      "",
      "",
    ]);
  });

  it("keeps rows below the data blank when costs are one broadcast row", () => {
    expect(plain(customerValue(frozen([[5], [null]]), frozen([[1]])))).toEqual([4, ""]);
  });

  it("puts #VALUE! naming the row and column in a row with text, and computes the other rows", () => {
    const results = plain(
      customerValue(
        frozen([
          [1, 2],
          [3, "n/a"],
          [5, 6],
        ]),
        frozen([[0], [0], [1]]),
      ),
    ) as unknown[];
    expect(results[0]).toBe(3);
    expect(results[1]).toBeExcelError("#VALUE!", 'Row 2, column 2 of benefits holds the text "n/a"');
    expect(results[2]).toBe(10);
  });

  it("treats logical values and non-finite numbers in a row as #VALUE!", () => {
    const results = plain(customerValue(frozen([[true], [Infinity], [NaN]]), frozen([[0]]))) as unknown[];
    expect(results[0]).toBeExcelError("#VALUE!", "Row 1 of benefits holds the logical value TRUE");
    expect(results[1]).toBeExcelError("#VALUE!", "Row 2 of benefits is not a finite number");
    expect(results[2]).toBeExcelError("#VALUE!", "Row 3 of benefits");
  });

  it("passes an incoming error through in that row only", () => {
    const results = plain(
      customerValue(
        frozen([[1], [new CoreError(ErrorKind.DivByZero, "")], [3]]),
        frozen([[0], [0], [new CoreError(ErrorKind.NotAvailable, "no price")]]),
      ),
    ) as unknown[];
    expect(results[0]).toBe(1);
    expect(results[1]).toBeExcelError("#DIV/0!", "Row 2 of benefits holds the error #DIV/0!");
    expect(results[2]).toBeExcelError("#N/A", "no price");
  });

  it("gives #DIV/0! naming the row for a ratio with zero total cost", () => {
    // row 2: costs 3 + (−3) = 0
    const results = plain(customerValue(frozen([[6], [4]]), frozen([[2], [3, -3]]), "ratio")) as unknown[];
    expect(results[0]).toBe(3);
    expect(results[1]).toBeExcelError("#DIV/0!", "costs in row 2 add up to 0");
  });

  it("lists the valid names for an unknown method", () => {
    expect(plain(customerValue(frozen([[1]]), frozen([[1]]), "difference"))).toBeExcelError(
      "#VALUE!",
      'method "difference" is not known: use "net" or "ratio"',
    );
    expect(plain(customerValue(frozen([[1]]), frozen([[1]]), 3))).toBeExcelError(
      "#VALUE!",
      'method holds the number 3, but it must be "net" or "ratio".',
    );
  });

  it("treats an omitted method (null) as net", () => {
    expect(plain(customerValue(frozen([[9]]), frozen([[4]]), null))).toEqual([5]);
  });
});

describe("customerValue near Excel's largest number", () => {
  it("gives #NUM! in the row whose net value is beyond the range, as Excel does for =1E+308*10", () => {
    // row 1: 1e308 + 1e308 − 0 = 2e308 > 1.797…e308; row 2: 5 − 1 = 4
    const results = plain(
      customerValue(
        frozen([
          [1e308, 1e308],
          [5, null],
        ]),
        frozen([[0], [1]]),
      ),
    ) as unknown[];
    expect(results[0]).toBeExcelError("#NUM!", "The net value of row 1 is beyond the largest number Excel");
    expect(results[1]).toBe(4);
  });

  it("gives the exact value when only a partial sum overflows", () => {
    // 1e308 + 1e308 − 1e308 = 1e308, though adding left to right passes through Infinity
    expect(plain(customerValue(frozen([[1e308, 1e308, -1e308]]), frozen([[0]])))).toEqual([1e308]);
    // benefits 2e308 and costs 2e308 each overflow; their difference is 3 exactly
    expect(plain(customerValue(frozen([[1e308, 1e308, 3]]), frozen([[1e308, 1e308]])))).toEqual([3]);
    // −1e308 − 1e308 overflows downwards: #NUM!
    expect((plain(customerValue(frozen([[-1e308]]), frozen([[1e308]]))) as unknown[])[0]).toBeExcelError(
      "#NUM!",
    );
  });

  it("gives the ratio of two totals that are each beyond the range", () => {
    // (1e308 + 1e308) / (1e308 + 1e308 + 1e308 + 1e308) = 0.5
    expect(
      plain(customerValue(frozen([[1e308, 1e308]]), frozen([[1e308, 1e308, 1e308, 1e308]]), "ratio")),
    ).toEqual([0.5]);
    // 1e308 / 1e-10 is beyond the range: #NUM!; 1e-300 / 1e300 underflows to 0
    const results = plain(
      customerValue(frozen([[1e308], [1e-300]]), frozen([[1e-10], [1e300]]), "ratio"),
    ) as unknown[];
    expect(results[0]).toBeExcelError("#NUM!", "The ratio of row 1");
    expect(results[1]).toBe(0);
  });

  it("keeps #DIV/0! for a cost total of exactly 0 made of huge components", () => {
    expect(
      (
        plain(
          customerValue(frozen([[1e308, 1e308]]), frozen([[1e308, 1e308, -1e308, -1e308]]), "ratio"),
        ) as unknown[]
      )[0],
    ).toBeExcelError("#DIV/0!", "costs in row 1 add up to 0");
  });

  it("agrees with exact BigInt arithmetic on random rows across the range", () => {
    let seed = 5;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const number = () =>
      (random() < 0.5 ? 1 : -1) * (random() < 0.4 ? 1.79e308 * random() : 10 ** (40 * random()));
    const rows = 300;
    const benefits = Array.from({ length: rows }, () => [number(), number(), number()]);
    const costs = Array.from({ length: rows }, () => [number(), number()]);
    for (const method of ["net", "ratio"] as const) {
      const results = plain(customerValue(frozen(benefits), frozen(costs), method)) as unknown[];
      results.forEach((result, i) => {
        const b = exactSum(benefits[i]);
        const c = exactSum(costs[i]);
        const expected = method === "net" ? exactToDouble(b - c) : exactRatio(b, c);
        if (Number.isFinite(expected)) expect(closeTo(result as number, expected, 1e-12)).toBe(true);
        else expect(result).toBeExcelError("#NUM!");
      });
    }
  });
});
