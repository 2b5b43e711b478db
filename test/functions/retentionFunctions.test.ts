// The fake global must exist before the wrappers load.
import { FakeExcelError } from "./fakeCustomFunctions";
import { CUSTOMERS, LIFETIMEVALUE, RETENTIONLIFT } from "../../src/functions/functions";

/** Excel passes null for an omitted optional argument; a TypeScript default never applies. */
const omitted = null as unknown as undefined;

const errorCell = (basicValue: string) => ({
  type: "Error",
  basicType: "Error",
  basicValue,
  errorType: "NotAvailable",
});

function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw an Excel error");
}

const rounded = (table: unknown[][], digits = 2) =>
  table.map((row) => row.map((x) => (typeof x === "number" ? Number(x.toFixed(digits)) : x)));

describe("CX.LIFETIMEVALUE as Excel calls it", () => {
  it("gives the issue's examples with omitted optionals passed as null", () => {
    // 800/3 = 266.67; start 1100/3 = 366.67; r 0.9 → 450; 3 periods → 164.09
    expect(rounded(LIFETIMEVALUE([[100]], [[0.8]], [[0.1]], omitted, omitted))).toEqual([[266.67]]);
    expect(rounded(LIFETIMEVALUE([[100]], [[0.8]], [[0.1]], omitted, "start"))).toEqual([[366.67]]);
    expect(rounded(LIFETIMEVALUE([[100]], [[0.9]], [[0.1]], omitted, omitted))).toEqual([[450]]);
    expect(rounded(LIFETIMEVALUE([[100]], [[0.8]], [[0.1]], [[3]], omitted))).toEqual([[164.09]]);
    expect(rounded(LIFETIMEVALUE([[100]], [[0.8]], [[0.1]], [[null]], "END"))).toEqual([[266.67]]);
  });

  it("spills a column per customer with blank rows blank and per-row errors as Excel errors", () => {
    const result = LIFETIMEVALUE(
      [[100], [200], [null], [100], [errorCell("#N/A")]],
      [[0.8], [0.8], [null], [1.5], [0.8]],
      [[0.1]],
    );
    expect(rounded(result.slice(0, 3))).toEqual([[266.67], [533.33], [""]]);
    expect(result[3][0]).toBeInstanceOf(FakeExcelError);
    expect(result[3][0]).toBeExcelError("#VALUE!", "Row 4 of retention is 1.5");
    expect(result[4][0]).toBeExcelError("#N/A", "Row 5 of margin holds the error #N/A");
  });

  it("throws one #VALUE! for an unknown timing or mismatched rows", () => {
    expect(thrown(() => LIFETIMEVALUE([[100]], [[0.8]], [[0.1]], omitted, "later"))).toBeExcelError(
      "#VALUE!",
      'use "end" or "start"',
    );
    expect(thrown(() => LIFETIMEVALUE([[1], [2]], [[0.5], [0.5], [0.5]], [[0.1]]))).toBeExcelError(
      "#VALUE!",
      "retention has 3 rows but margin has 2",
    );
  });
});

describe("CX.RETENTIONLIFT as Excel calls it", () => {
  it("gives 0.275 and 0.4074 with the default five-point cut", () => {
    expect(rounded(RETENTIONLIFT([[0.8], [0.9]], [[0.1]], omitted, omitted, omitted), 4)).toEqual([
      [0.275],
      [0.4074],
    ]);
  });

  it("gives #VALUE! where the cut pushes retention to 1 without periods", () => {
    expect(RETENTIONLIFT([[0.96]], [[0.1]], omitted, omitted, omitted)[0][0]).toBeExcelError(
      "#VALUE!",
      "pushes retention 0.96 to 1 or more",
    );
  });
});

describe("CX.CUSTOMERS as Excel calls it", () => {
  afterEach(() => jest.useRealTimers());

  const customers = [["Ann"], ["Bob"], ["Ann"]];
  const dates = [[45292], [45295], [45306.5]];
  const amounts = [[10], [25], [30]];

  it("spills the header row and the customers, as of today when as_of is omitted", () => {
    // Today 2024-01-29 (serial 45320) in the computer's time zone, as Excel's TODAY().
    jest.useFakeTimers({ now: new Date(2024, 0, 29, 18, 30) });
    const table = CUSTOMERS(customers, dates, amounts, omitted, omitted, omitted);
    expect(table[0]).toEqual([
      "Customer",
      "First purchase",
      "Last purchase",
      "Purchases",
      "Repeat purchases",
      "Recency (weeks)",
      "Age (weeks)",
      "Total value",
      "Average repeat value",
    ]);
    // Ann: 45292 and 45306 → recency 2, age (45320 − 45292)/7 = 4, total 40, repeat value 30
    expect(table[1]).toEqual(["Ann", 45292, 45306, 2, 1, 2, 4, 40, 30]);
    expect(rounded(table.slice(2))).toEqual([["Bob", 45295, 45295, 1, 0, 0, 3.57, 25, ""]]);
  });

  it("takes a date cell for as_of and a period", () => {
    const table = CUSTOMERS(customers, dates, amounts, 45299, "day", omitted);
    expect(table.slice(1)).toEqual([
      ["Ann", 45292, 45292, 1, 0, 0, 7, 10, ""],
      ["Bob", 45295, 45295, 1, 0, 0, 4, 25, ""],
    ]);
  });

  it("throws one #VALUE! naming the first bad rows", () => {
    expect(thrown(() => CUSTOMERS([["Ann"], [null]], [[45292], [45293]], [[1], [1]], 45300))).toBeExcelError(
      "#VALUE!",
      "Row 2 of customers is blank: type the customer of this order",
    );
    expect(thrown(() => CUSTOMERS([["Ann"]], [[errorCell("#N/A")]], [[1]], 45300))).toBeExcelError(
      "#VALUE!",
      "Row 1 of dates holds the error #N/A, which is not a date",
    );
  });

  it("allows returns with returns TRUE", () => {
    const table = CUSTOMERS([["Ann"], ["Ann"]], [[45292], [45293]], [[10], [-4]], 45300, omitted, true);
    expect(table[1]).toEqual(["Ann", 45292, 45292, 1, 0, 0, 8 / 7, 6, ""]);
  });
});
