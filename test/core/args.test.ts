import {
  blankDeciders,
  customerCount,
  isBlank,
  parameters,
  readChoice,
  readNumberParameter,
  readRowNumber,
  sumRow,
} from "../../src/core/args";
import { CoreError, ErrorKind } from "../../src/core/errors";

describe("argument rules", () => {
  it("reads null, undefined and empty text as blank, and nothing else", () => {
    expect([null, undefined, ""].every(isBlank)).toBe(true);
    expect([0, " ", false, "0"].some(isBlank)).toBe(false);
  });

  it("reads a per-row number cell as a number, a blank, or the error for that row", () => {
    const where = (index: number) => `row ${index + 1} of value`;
    expect(readRowNumber(12.5, where, 3)).toBe(12.5);
    expect(readRowNumber("", where, 3)).toBeNull();
    expect(readRowNumber("12", where, 3)).toBeExcelError("#VALUE!", 'Row 4 of value holds the text "12"');
    expect(readRowNumber(false, where, 3)).toBeExcelError("#VALUE!", "logical value FALSE");
    expect(readRowNumber(-Infinity, where, 3)).toBeExcelError("#VALUE!", "not a finite number");
    expect(readRowNumber(new CoreError(ErrorKind.Null, ""), where, 3)).toBeExcelError(
      "#NULL!",
      "Row 4 of value",
    );
  });

  it("sums a row with blanks as 0 and stops at the first bad cell", () => {
    expect(sumRow([1, null, 2, "", undefined], "costs", 1)).toBe(3);
    expect(sumRow([1, "x", true], "costs", 7)).toBeExcelError("#VALUE!", "Row 7, column 2 of costs");
  });

  it("broadcasts single rows and names both counts on a mismatch", () => {
    const grid = (rows: number) => Array.from({ length: rows }, () => [1]);
    expect(
      customerCount([
        { name: "a", grid: grid(5) },
        { name: "b", grid: grid(1) },
      ]),
    ).toBe(5);
    expect(
      customerCount([
        { name: "a", grid: grid(1) },
        { name: "b", grid: grid(1) },
      ]),
    ).toBe(1);
    expect(
      customerCount([
        { name: "a", grid: grid(2) },
        { name: "b", grid: grid(5) },
      ]),
    ).toBeExcelError("#VALUE!", "b has 5 rows but a has 2");
  });

  it("decides blank rows by the arguments that have a row per customer", () => {
    const perCustomer = [[1], [null]];
    const broadcast = [[3]];
    const deciders = blankDeciders(
      [
        { name: "a", grid: perCustomer },
        { name: "b", grid: broadcast },
      ],
      2,
    );
    expect(deciders).toEqual([perCustomer]);
  });

  it("reads choices case-insensitively with blank as the default", () => {
    expect(readChoice(null, parameters.method)).toBe("net");
    expect(readChoice("", parameters.output)).toBe("score");
    expect(readChoice(" Label", parameters.output)).toBe("label");
    expect(readChoice("avg", parameters.method)).toBeExcelError("#VALUE!", 'use "net" or "ratio"');
  });

  it("checks number parameters against their domain, including the open end of top", () => {
    expect(readNumberParameter(undefined, parameters.top)).toBe(0.2);
    expect(readNumberParameter(1, parameters.top)).toBe(1);
    expect(readNumberParameter(1e-9, parameters.top)).toBe(1e-9);
    expect(readNumberParameter(0, parameters.top)).toBeExcelError("#VALUE!", "top is 0");
    expect(readNumberParameter(1.0001, parameters.top)).toBeExcelError("#VALUE!", "top is 1.0001");
    expect(readNumberParameter(0, parameters.tolerance)).toBe(0);
    expect(readNumberParameter(NaN, parameters.tolerance)).toBeExcelError(
      "#VALUE!",
      "tolerance is not a finite number",
    );
    expect(readNumberParameter(true, parameters.tolerance)).toBeExcelError("#VALUE!", "logical value TRUE");
    expect(readNumberParameter(new CoreError(ErrorKind.Num, "m"), parameters.tolerance)).toBeExcelError(
      "#NUM!",
      "m",
    );
  });
});
