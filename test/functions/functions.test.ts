// The fake global must exist before the wrappers load.
import { FakeExcelError } from "./fakeCustomFunctions";
import { CUSTOMERVALUE, PARETOSHARE, SATISFACTION, SEGMENT } from "../../src/functions/functions";

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
