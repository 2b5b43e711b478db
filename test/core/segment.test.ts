import { Grid } from "../../src/core/args";
import { CoreError, ErrorKind } from "../../src/core/errors";
import { columnMedian, segment } from "../../src/core/segment";

import { resultList } from "../../src/core/customerResults";
import { isCoreError } from "../../src/core/errors";

/** The per-customer results as a plain list (or the whole-call error). */
const plain = <T>(results: T) =>
  isCoreError(results) ? results : resultList(results as Parameters<typeof resultList>[0]);

const frozen = (rows: unknown[][]): Grid => Object.freeze(rows.map((row) => Object.freeze(row))) as Grid;
const column = (...cells: unknown[]): Grid => frozen(cells.map((cell) => [cell]));

describe("segment (value × strategic match)", () => {
  it("gives the spec example with median cuts 300 and 5.5", () => {
    // values sorted 90,120,480,500 → (120+480)/2 = 300; matches sorted 2,3,8,9 → (3+8)/2 = 5.5
    // 500≥300 & 8≥5.5 Strategic; 120<300 & 9≥5.5 Potential; 480≥300 & 2<5.5 Profit; 90,3 Ordinary
    expect(plain(segment(column(500, 120, 480, 90), column(8, 9, 2, 3)))).toEqual([
      "Strategic",
      "Potential",
      "Profit",
      "Ordinary",
    ]);
  });

  it("reads a single row of values, like the array constant {500,120,480,90}, as a list of customers", () => {
    expect(plain(segment(frozen([[500, 120, 480, 90]]), frozen([[8, 9, 2, 3]])))).toEqual([
      "Strategic",
      "Potential",
      "Profit",
      "Ordinary",
    ]);
  });

  it("counts a value equal to the cut as high", () => {
    expect(plain(segment(column(100, 99), column(5, 4), 100, 5))).toEqual(["Strategic", "Ordinary"]);
  });

  it("takes an odd-count median as the middle value", () => {
    // values sorted 1, 2, 10 → 2; matches sorted 1, 5, 9 → 5
    expect(plain(segment(column(10, 1, 2), column(1, 9, 5)))).toEqual(["Profit", "Potential", "Strategic"]);
  });

  it("computes the default cut as Excel's MEDIAN, leaving out blanks, text, logicals and errors", () => {
    // numeric cells 4, 8, 10 → median 8
    expect(columnMedian(column(4, null, "x", true, 10, new CoreError(ErrorKind.Num, ""), 8, ""))).toBe(8);
  });

  it("gives blank rows a blank result and keeps them out of the medians", () => {
    // values 10, 20 → median 15 (not 10, as it would be with blanks read as 0); matches 1, 3 → median 2
    // 10 < 15 & 1 < 2 → Ordinary; 20 ≥ 15 & 3 ≥ 2 → Strategic
    expect(plain(segment(column(10, null, 20, ""), column(1, undefined, 3, null)))).toEqual([
      "Ordinary",
      "",
      "Strategic",
      "",
    ]);
  });

  it("mixes a typed cut with a median cut", () => {
    // value_cut 15 typed; match median of 1, 3 → 2
    expect(plain(segment(column(10, 20), column(3, 1), 15, null))).toEqual(["Potential", "Profit"]);
  });

  it("asks for the cut when a single customer is given without one", () => {
    expect(plain(segment(column(500), column(8)))).toBeExcelError("#VALUE!", "type value_cut");
    expect(plain(segment(column(500), column(8), 300))).toBeExcelError("#VALUE!", "type match_cut");
    expect(plain(segment(column(500), column(8), 300, 5))).toEqual(["Strategic"]);
  });

  it("replaces the names with four custom labels", () => {
    expect(
      plain(
        segment(
          column(500, 120, 480, 90),
          column(8, 9, 2, 3),
          null,
          null,
          frozen([["Stratégique", "Profit", "Potentiel", 4]]),
        ),
      ),
    ).toEqual(["Stratégique", "Potentiel", "Profit", 4]);
  });

  it("rejects labels that are not exactly four filled cells", () => {
    expect(plain(segment(column(1, 2), column(1, 2), null, null, frozen([["a", "b", "c"]])))).toBeExcelError(
      "#VALUE!",
      "labels has 3 cells",
    );
    expect(
      plain(segment(column(1, 2), column(1, 2), null, null, frozen([["a"], [null], ["c"], ["d"]]))),
    ).toBeExcelError("#VALUE!", "Label 2 is blank");
  });

  it("gives #VALUE! in a row with text or a half-blank row, and computes the other rows", () => {
    // numeric values 100, 300, 200 → median 200; numeric matches 1, 2, 3, 4 → 2.5
    const results = plain(segment(column(100, "big", 300, 200, null), column(1, 2, 3, null, 4))) as unknown[];
    expect(results[0]).toBe("Ordinary");
    expect(results[1]).toBeExcelError("#VALUE!", 'Row 2 of value holds the text "big"');
    expect(results[2]).toBe("Strategic");
    expect(results[3]).toBeExcelError("#VALUE!", "Row 4 of match is blank");
    expect(results[4]).toBeExcelError("#VALUE!", "Row 5 of value is blank");
  });

  it("passes an incoming error through in its row", () => {
    const results = plain(
      segment(column(1, new CoreError(ErrorKind.NotAvailable, ""), 3), column(1, 2, 3)),
    ) as unknown[];
    expect(results[1]).toBeExcelError("#N/A", "Row 2 of value");
    expect(results[0]).toBe("Ordinary");
  });

  it("names both counts when value and match differ in length", () => {
    expect(plain(segment(column(1, 2, 3), column(1, 2)))).toBeExcelError(
      "#VALUE!",
      "value has 3 rows but match has 2",
    );
  });

  it("rejects a value range of several columns", () => {
    expect(
      plain(
        segment(
          frozen([
            [1, 2],
            [3, 4],
          ]),
          column(1, 2),
        ),
      ),
    ).toBeExcelError("#VALUE!", "value must be one column");
  });

  it("rejects a text cut", () => {
    expect(plain(segment(column(1, 2), column(1, 2), "high"))).toBeExcelError(
      "#VALUE!",
      'value_cut holds the text "high"',
    );
  });
});

describe("segment near Excel's largest number", () => {
  it("puts two customers of 9e307 at the median, so both are high, not low against an infinite cut", () => {
    // median value (9e307 + 9e307) / 2 = 9e307: both ≥ it; median match (1 + 2) / 2 = 1.5
    expect(plain(segment(column(9e307, 9e307), column(1, 2)))).toEqual(["Profit", "Strategic"]);
    expect(columnMedian(column(9e307, 9e307))).toBe(9e307);
  });

  it("takes the median of values at both ends of the range", () => {
    // (−1.7e308 + 1.7e308) / 2 = 0
    expect(plain(segment(column(-1.7e308, 1.7e308), column(1, 2)))).toEqual(["Ordinary", "Strategic"]);
  });
});
