// The fake global must exist before the wrappers load.
import { FakeExcelError } from "./fakeCustomFunctions";
import { column, CUSTOMERVALUE, PARETOSHARE, SATISFACTION, SEGMENT } from "../../src/functions/functions";
import { CoreError, ErrorKind } from "../../src/core/errors";

/** Excel's way of passing an error cell under allowCustomDataForDataTypeAny. */
const errorCell = (basicValue: string) => ({
  type: "Error",
  basicType: "Error",
  basicValue,
  errorType: "Div0",
});

/** A call as Excel makes it: omitted optionals are null. */
function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw an Excel error");
}

describe("the custom functions as Excel calls them", () => {
  describe("CX.CUSTOMERVALUE", () => {
    it("gives the spec examples as one value each for a single customer", () => {
      // 115 − 50 = 65; 115 / 50 = 2.3
      expect(CUSTOMERVALUE([[80, 20, 10, 5]], [[40, 5, 3, 2]], null as unknown as string)).toEqual([[65]]);
      const [[ratio]] = CUSTOMERVALUE([[80, 20, 10, 5]], [[40, 5, 3, 2]], "ratio");
      expect(ratio).toBeCloseTo(2.3, 12);
    });

    it("spills one column, with blank rows as empty text and per-row errors as Excel errors", () => {
      const result = CUSTOMERVALUE([[10], [null], ["x"], [errorCell("#DIV/0!")]], [[4]]);
      expect(result[0]).toEqual([6]);
      expect(result[1]).toEqual([""]);
      expect(result[2][0]).toBeInstanceOf(FakeExcelError);
      expect(result[2][0]).toBeExcelError("#VALUE!", 'Row 3 of benefits holds the text "x"');
      expect(result[3][0]).toBeExcelError("#DIV/0!", "Row 4 of benefits holds the error #DIV/0!");
    });

    it("passes a CustomFunctions.Error cell from another function through", () => {
      const result = CUSTOMERVALUE([[new FakeExcelError("#N/A", "price unknown")]], [[1]]);
      expect(result[0][0]).toBeExcelError("#N/A", "price unknown");
    });

    it("throws #VALUE! for a wrong method or mismatched rows", () => {
      expect(thrown(() => CUSTOMERVALUE([[1]], [[1]], "gross"))).toBeExcelError(
        "#VALUE!",
        'use "net" or "ratio"',
      );
      expect(thrown(() => CUSTOMERVALUE([[1], [2]], [[1], [2], [3]]))).toBeExcelError(
        "#VALUE!",
        "costs has 3 rows but benefits has 2",
      );
    });

    it("gives #DIV/0! in the row whose costs are 0 for the ratio", () => {
      expect(CUSTOMERVALUE([[1], [2]], [[0], [4]], "ratio")[0][0]).toBeExcelError(
        "#DIV/0!",
        "costs in row 1 add up to 0",
      );
    });
  });

  describe("CX.SATISFACTION", () => {
    it("gives the spec example score and label", () => {
      const [[score]] = SATISFACTION([[4, 3, 5]], [[4, 4, 4]], [[0.5, 0.3, 0.2]]);
      // 0.5·0 + 0.3·(−1) + 0.2·1 = −0.1
      expect(score).toBeCloseTo(-0.1, 12);
      expect(SATISFACTION([[4, 3, 5]], [[4, 4, 4]], [[0.5, 0.3, 0.2]], "label", 0.25)).toEqual([
        ["Satisfied"],
      ]);
    });

    it("treats null optionals as omitted: equal weights, score output, tolerance 0", () => {
      const nil = null as unknown as undefined;
      // (1 + 1) / 2 = 1
      expect(SATISFACTION([[5, 5]], [[4, 4]], nil, nil, nil)).toEqual([[1]]);
    });

    it("throws #VALUE! for all-zero weights and a negative tolerance", () => {
      expect(thrown(() => SATISFACTION([[1]], [[1]], [[0]]))).toBeExcelError("#VALUE!", "All weights are 0");
      expect(thrown(() => SATISFACTION([[1]], [[1]], undefined, "label", -1))).toBeExcelError(
        "#VALUE!",
        "tolerance is -1",
      );
    });
  });

  describe("CX.SEGMENT", () => {
    it("gives the spec example as a spilled column", () => {
      expect(SEGMENT([[500], [120], [480], [90]], [[8], [9], [2], [3]])).toEqual([
        ["Strategic"],
        ["Potential"],
        ["Profit"],
        ["Ordinary"],
      ]);
    });

    it("keeps a whole-column reference clean below the data", () => {
      const value = [[500], [120], [480], [90], [null], [null]];
      const match = [[8], [9], [2], [3], [null], [""]];
      expect(SEGMENT(value, match).slice(4)).toEqual([[""], [""]]);
    });

    it("throws #VALUE! asking for the cut for a single customer without one", () => {
      expect(thrown(() => SEGMENT([[500]], [[8]]))).toBeExcelError("#VALUE!", "type value_cut");
      expect(SEGMENT([[500]], [[8]], 300, 5)).toEqual([["Strategic"]]);
    });

    it("uses custom labels", () => {
      expect(
        SEGMENT([[1], [2]], [[1], [2]], null as unknown as number, 2, [["A"], ["B"], ["C"], ["D"]]),
      ).toEqual([["D"], ["A"]]);
    });
  });

  describe("CX.PARETOSHARE", () => {
    it("gives the spec examples, with top 0.2 by default", () => {
      expect(PARETOSHARE([[50], [30], [10], [5], [5]], null as unknown as undefined)).toEqual([[0.5]]);
      expect(PARETOSHARE([[50, 30, 10, 5, 5]], [[0.5]])).toEqual([[0.85]]);
    });

    it("returns one share per top for a range of tops", () => {
      expect(PARETOSHARE([[50], [30], [10], [5], [5]], [[0.2], [0.5], [1]])).toEqual([[0.5], [0.85], [1]]);
    });

    it("throws the error found in the range, #NUM! for a negative value and #DIV/0! for a zero total", () => {
      expect(thrown(() => PARETOSHARE([[1], [errorCell("#N/A")]]))).toBeExcelError("#N/A", "Row 2 of values");
      expect(thrown(() => PARETOSHARE([[1], [-1]]))).toBeExcelError("#NUM!", "Row 2 of values is -1");
      expect(thrown(() => PARETOSHARE([[0], [null]]))).toBeExcelError("#DIV/0!", "add up to 0");
    });

    it("turns an incoming #REF!, which Excel cannot return, into #VALUE! naming it", () => {
      expect(thrown(() => PARETOSHARE([[errorCell("#REF!")]]))).toBeExcelError("#VALUE!", "#REF!");
    });
  });
});

/** A shape no TypeScript caller would type, as a script or another add-in can pass it. */
type Untyped = Parameters<typeof CUSTOMERVALUE>[0];

describe("hostile arguments, as users found them (issue 8)", () => {
  const nil = null as unknown as undefined;
  const errorValues = [errorCell("#N/A"), new FakeExcelError("#DIV/0!", "")];

  describe("an error value given for an option is passed through, naming the option", () => {
    it.each(errorValues)("value_cut and match_cut (%o)", (error) => {
      const code = (error as { basicValue?: string; code?: string }).basicValue ?? "#DIV/0!";
      const call = (valueCut: unknown, matchCut: unknown) => () =>
        SEGMENT([[1], [2]], [[1], [2]], valueCut as number, matchCut as number);
      expect(thrown(call(error, nil))).toBeExcelError(code, `value_cut holds the error ${code}`);
      expect(thrown(call(nil, error))).toBeExcelError(code, `match_cut holds the error ${code}`);
    });

    it.each(errorValues)("method, output and tolerance (%o)", (error) => {
      const code = (error as { basicValue?: string; code?: string }).basicValue ?? "#DIV/0!";
      const option = error as unknown as string;
      expect(thrown(() => CUSTOMERVALUE([[1]], [[1]], option))).toBeExcelError(
        code,
        `method holds the error ${code}`,
      );
      expect(thrown(() => SATISFACTION([[1]], [[1]], nil, option))).toBeExcelError(
        code,
        `output holds the error ${code}`,
      );
      expect(
        thrown(() => SATISFACTION([[1]], [[1]], nil, "label", option as unknown as number)),
      ).toBeExcelError(code, `tolerance holds the error ${code}`);
    });

    it.each(errorValues)("top, in its own cell of a range of tops (%o)", (error) => {
      const code = (error as { basicValue?: string; code?: string }).basicValue ?? "#DIV/0!";
      const shares = PARETOSHARE([[50], [30], [10], [5], [5]], [[0.2], [error]]);
      expect(shares[0]).toEqual([0.5]);
      expect(shares[1][0]).toBeExcelError(code, `top holds the error ${code}`);
      expect(PARETOSHARE([[50], [30]], [[error]])[0][0]).toBeExcelError(code, `top holds the error ${code}`);
    });

    it("a weight and a label, by position", () => {
      expect(thrown(() => SATISFACTION([[4, 4]], [[3, 3]], [[1, errorCell("#N/A")]]))).toBeExcelError(
        "#N/A",
        "Weight 2 holds the error #N/A",
      );
      expect(
        thrown(() => SEGMENT([[1], [2]], [[1], [2]], nil, nil, [["a"], ["b"], [errorCell("#N/A")], ["d"]])),
      ).toBeExcelError("#N/A", "Label 3 holds the error #N/A");
    });
  });

  describe("grids with holes, null rows or no cells give Excel errors or values, never a TypeError", () => {
    /* eslint-disable no-sparse-arrays -- holes are the point of these tests */
    it("reads a hole or a null row as a blank customer", () => {
      expect(CUSTOMERVALUE([[1], , [3]] as Untyped, [[1]])).toEqual([[0], [""], [2]]);
      expect(SEGMENT([[10], null, [30]] as Untyped, [[1], [], [3]])).toEqual([
        ["Ordinary"],
        [""],
        ["Strategic"],
      ]);
      expect(SATISFACTION([[5], null] as Untyped, [[4]])).toEqual([[1], [""]]);
      // a hole beside a filled cell is a blank in a partly filled row, named as such
      expect(SEGMENT([[10], null, [30]] as Untyped, [[1], [2], [3]])[1][0]).toBeExcelError(
        "#VALUE!",
        "Row 2 of value is blank while the rest of its row is filled",
      );
      expect(PARETOSHARE([[50, , 50]] as Untyped, [[0.5]])).toEqual([[0.5]]);
    });
    /* eslint-enable no-sparse-arrays */

    it.each([[[]], [[[]]], [[null]]])(
      "gives #VALUE! naming the argument for a range without cells: %j",
      (empty) => {
        const none = empty as Untyped;
        expect(thrown(() => CUSTOMERVALUE(none, [[1]]))).toBeExcelError("#VALUE!", "benefits has no cells");
        expect(thrown(() => SATISFACTION([[1]], none))).toBeExcelError("#VALUE!", "expected has no cells");
        expect(thrown(() => SEGMENT(none, [[1]]))).toBeExcelError("#VALUE!", "value has no cells");
        expect(thrown(() => PARETOSHARE(none))).toBeExcelError("#VALUE!", "values has no cells");
      },
    );

    it("reads an optional range without cells as omitted", () => {
      expect(PARETOSHARE([[50], [30], [10], [5], [5]], [] as Untyped)).toEqual([[0.5]]);
      expect(SATISFACTION([[5, 3]], [[4, 4]], [[]])).toEqual([[0]]);
    });

    it("gives #VALUE! for a scalar option given as a range of several cells", () => {
      expect(
        thrown(() => CUSTOMERVALUE([[1]], [[1]], [["net", "ratio"]] as unknown as string)),
      ).toBeExcelError("#VALUE!", "method is a range of 2 cells");
      expect(CUSTOMERVALUE([[6]], [[3]], [["ratio"]] as unknown as string)).toEqual([[2]]);
    });
  });

  describe("numbers near Excel's largest number", () => {
    it("segments two customers of 9e307 as high value, not low", () => {
      // median (9e307 + 9e307) / 2 = 9e307 without overflow; matches 1, 2 → median 1.5
      expect(SEGMENT([[9e307], [9e307]], [[1], [2]])).toEqual([["Profit"], ["Strategic"]]);
    });

    it("gives the Pareto share of a total beyond the range, not 0", () => {
      // 9e307 of 1.8e308: 0.5
      expect(PARETOSHARE([[9e307], [9e307]], [[0.5]])).toEqual([[0.5]]);
    });

    it("gives #NUM! for a customer value beyond the range, not Infinity", () => {
      const result = CUSTOMERVALUE(
        [
          [1e308, 1e308],
          [3, 2],
        ],
        [[0]],
      );
      expect(result[0][0]).toBeExcelError("#NUM!", "The net value of row 1");
      expect(result[1]).toEqual([5]);
      expect(SATISFACTION([[1.7e308]], [[-1.7e308]])[0][0]).toBeExcelError("#NUM!", "The score of row 1");
    });

    it("still gives #NUM! naming the cell of a negative value in PARETOSHARE", () => {
      expect(
        thrown(() =>
          PARETOSHARE([
            [9e307, 9e307],
            [1, -5],
          ]),
        ),
      ).toBeExcelError("#NUM!", "Row 2, column 2 of values is -5");
    });
  });
});

describe("column (for core functions that return a plain list per customer)", () => {
  it("spills numbers, shares each text's row, and turns errors into Excel errors", () => {
    const rows = column([1.5, "A", "", "A", new CoreError(ErrorKind.Num, "too big")]);
    expect(rows.slice(0, 4)).toEqual([[1.5], ["A"], [""], ["A"]]);
    expect(rows[1]).toBe(rows[3]);
    expect(rows[4][0]).toBeExcelError("#NUM!", "too big");
    expect(thrown(() => column(new CoreError(ErrorKind.Value, "whole call")))).toBeExcelError(
      "#VALUE!",
      "whole call",
    );
  });
});
