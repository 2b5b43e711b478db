import { Grid } from "../../src/core/args";
import { CoreError, ErrorKind } from "../../src/core/errors";
import { labelFor, normaliseWeights, satisfaction } from "../../src/core/satisfaction";

import { resultList } from "../../src/core/customerResults";
import { isCoreError } from "../../src/core/errors";

/** The per-customer results as a plain list (or the whole-call error). */
const plain = <T>(results: T) =>
  isCoreError(results) ? results : resultList(results as Parameters<typeof resultList>[0]);

const frozen = (rows: unknown[][]): Grid => Object.freeze(rows.map((row) => Object.freeze(row))) as Grid;
const specPerceived = frozen([[4, 3, 5]]);
const specExpected = frozen([[4, 4, 4]]);
const specWeights = frozen([[0.5, 0.3, 0.2]]);

describe("satisfaction (Kotler: perceived performance − expectation)", () => {
  it("gives the spec example score −0.1", () => {
    // 0.5·(4−4) + 0.3·(3−4) + 0.2·(5−4) = 0 − 0.3 + 0.2 = −0.1
    const [score] = plain(satisfaction(specPerceived, specExpected, specWeights)) as number[];
    expect(score).toBeCloseTo(-0.1, 12);
  });

  it("labels the spec example Satisfied with tolerance 0.25", () => {
    expect(plain(satisfaction(specPerceived, specExpected, specWeights, "label", 0.25))).toEqual([
      "Satisfied",
    ]);
  });

  it("labels the spec example Dissatisfied with the default tolerance 0", () => {
    // −0.1 < −0
    expect(plain(satisfaction(specPerceived, specExpected, specWeights, "label"))).toEqual(["Dissatisfied"]);
  });

  it("uses equal weights by default", () => {
    // (0 + (−1) + 1) / 3 = 0; (5−4 + 5−4 + 5−4) / 3 = 1
    expect(
      plain(
        satisfaction(
          frozen([
            [4, 3, 5],
            [5, 5, 5],
          ]),
          specExpected,
        ),
      ),
    ).toEqual([0, 1]);
  });

  it("normalises weights to sum 1", () => {
    // weights 5, 3, 2 → 0.5, 0.3, 0.2: same as the spec example
    const [score] = plain(satisfaction(specPerceived, specExpected, frozen([[5, 3, 2]]))) as number[];
    expect(score).toBeCloseTo(-0.1, 12);
    expect(Array.from(normaliseWeights(frozen([[5], [3], [2]]), 3) as Float64Array)).toEqual([0.5, 0.3, 0.2]);
  });

  it("accepts weights as a column as well as a row", () => {
    const [score] = plain(
      satisfaction(specPerceived, specExpected, frozen([[0.5], [0.3], [0.2]])),
    ) as number[];
    expect(score).toBeCloseTo(-0.1, 12);
  });

  it("puts the boundary scores −tolerance and +tolerance exactly in Satisfied", () => {
    // scores: 3−4 = −1, 5−4 = +1, 2−4 = −2, 6−4 = +2 with tolerance 1
    expect(plain(satisfaction(frozen([[3], [5], [2], [6]]), frozen([[4]]), null, "label", 1))).toEqual([
      "Satisfied",
      "Satisfied",
      "Dissatisfied",
      "Highly satisfied",
    ]);
  });

  it("keeps a boundary score Satisfied despite binary rounding", () => {
    // 0.3 − 0.1 = 0.19999999999999998 in binary, by hand exactly the tolerance 0.2
    expect(labelFor(0.3 - 0.1, 0.2)).toBe("Satisfied");
    expect(labelFor(-(0.3 - 0.1) - 1e-15, 0.2)).toBe("Satisfied");
    expect(labelFor(0.2001, 0.2)).toBe("Highly satisfied");
    expect(labelFor(-0.2001, 0.2)).toBe("Dissatisfied");
  });

  it("labels scores with the default tolerance 0: only exactly 0 is Satisfied", () => {
    expect(plain(satisfaction(frozen([[4], [5], [3]]), frozen([[4]]), null, "LABEL"))).toEqual([
      "Satisfied",
      "Highly satisfied",
      "Dissatisfied",
    ]);
  });

  it("uses one row of expectations for every customer", () => {
    expect(
      plain(
        satisfaction(
          frozen([
            [5, 5],
            [3, 3],
          ]),
          frozen([[4, 4]]),
        ),
      ),
    ).toEqual([1, -1]);
  });

  it("names both counts when the row counts differ", () => {
    expect(plain(satisfaction(frozen([[1], [2], [3]]), frozen([[1], [2]])))).toBeExcelError(
      "#VALUE!",
      "perceived has 3 rows but expected has 2",
    );
  });

  it("requires the same factors in perceived and expected", () => {
    expect(plain(satisfaction(frozen([[1, 2, 3]]), frozen([[1, 2]])))).toBeExcelError(
      "#VALUE!",
      "perceived has 3 columns but expected has 2",
    );
  });

  it("gives a blank result for an all-blank customer", () => {
    expect(
      plain(
        satisfaction(
          frozen([
            [4, 4],
            [null, ""],
          ]),
          frozen([
            [3, 3],
            [undefined, null],
          ]),
        ),
      ),
    ).toEqual([1, ""]);
  });

  it("asks for the missing rating in a partly blank row", () => {
    const results = plain(
      satisfaction(
        frozen([
          [4, 4],
          [4, null],
        ]),
        frozen([[3, 3]]),
      ),
    ) as unknown[];
    expect(results[0]).toBe(1);
    expect(results[1]).toBeExcelError("#VALUE!", "Row 2, column 2 of perceived is blank");
  });

  it("gives #VALUE! in a row with text and passes incoming errors through", () => {
    const results = plain(
      satisfaction(frozen([[4], ["good"], [new CoreError(ErrorKind.NotAvailable, "")]]), frozen([[3]])),
    ) as unknown[];
    expect(results[0]).toBe(1);
    expect(results[1]).toBeExcelError("#VALUE!", 'Row 2 of perceived holds the text "good"');
    expect(results[2]).toBeExcelError("#N/A", "Row 3 of perceived");
  });

  it.each([
    [[[1, -1, 1]], "#VALUE!", "Weight 2 is -1"],
    [[[1, 1]], "#VALUE!", "weights has 2 cells but the ratings have 3 factors"],
    [[[1, 1, 1, 1]], "#VALUE!", "weights has 4 cells"],
    [[[0, 0, 0]], "#VALUE!", "All weights are 0"],
    [[[1, null, 1]], "#VALUE!", "Weight 2 is blank"],
    [[[1, "high", 1]], "#VALUE!", 'Weight 2 holds the text "high"'],
  ])("rejects the weights %j", (weights, code, message) => {
    expect(plain(satisfaction(specPerceived, specExpected, frozen(weights)))).toBeExcelError(code, message);
  });

  it("treats all-blank weights as omitted", () => {
    expect(plain(satisfaction(frozen([[5, 3]]), frozen([[4, 4]]), frozen([[null, null]])))).toEqual([0]);
  });

  it("rejects an unknown output and a negative or text tolerance", () => {
    expect(plain(satisfaction(specPerceived, specExpected, null, "labels"))).toBeExcelError(
      "#VALUE!",
      'output "labels" is not known: use "score" or "label"',
    );
    expect(plain(satisfaction(specPerceived, specExpected, null, "label", -0.5))).toBeExcelError(
      "#VALUE!",
      "tolerance is -0.5, but it must be zero or more",
    );
    expect(plain(satisfaction(specPerceived, specExpected, null, "label", "wide"))).toBeExcelError(
      "#VALUE!",
      'tolerance holds the text "wide"',
    );
  });

  it("accepts tolerance 0 explicitly", () => {
    expect(plain(satisfaction(frozen([[4]]), frozen([[4]]), null, "label", 0))).toEqual(["Satisfied"]);
  });
});

describe("satisfaction near Excel's largest number", () => {
  it("gives the score when a difference overflows but the weighted score does not", () => {
    // 0.5 · (1e308 − (−1e308)) = 1e308: the difference 2e308 is beyond the range, the score is not
    expect(plain(satisfaction(frozen([[1e308, 0]]), frozen([[-1e308, 0]])))).toEqual([1e308]);
  });

  it("gives #NUM! for a score beyond the range, in both outputs", () => {
    // 1 · (1.7e308 − (−1.7e308)) = 3.4e308
    const score = plain(satisfaction(frozen([[1.7e308], [5]]), frozen([[-1.7e308], [4]]))) as unknown[];
    expect(score[0]).toBeExcelError("#NUM!", "The score of row 1 is beyond the largest number Excel");
    expect(score[1]).toBe(1);
    const label = plain(satisfaction(frozen([[1.7e308]]), frozen([[-1.7e308]]), null, "label")) as unknown[];
    expect(label[0]).toBeExcelError("#NUM!");
  });

  it("normalises weights whose total is beyond the range", () => {
    // weights 1e308, 1e308, 0 → 0.5, 0.5, 0: 0.5·(4−4) + 0.5·(3−4) = −0.5
    expect(Array.from(normaliseWeights(frozen([[1e308, 1e308, 0]]), 3) as Float64Array)).toEqual([
      0.5, 0.5, 0,
    ]);
    expect(plain(satisfaction(specPerceived, specExpected, frozen([[1e308, 1e308, 0]])))).toEqual([-0.5]);
  });

  it("normalises tiny weights without losing them", () => {
    // 5e-324 and 1e-323 are 1 and 2 units of the smallest subnormal: 1/3 and 2/3
    const weights = normaliseWeights(frozen([[Number.MIN_VALUE, 2 * Number.MIN_VALUE]]), 2) as Float64Array;
    expect(weights[0]).toBeCloseTo(1 / 3, 15);
    expect(weights[1]).toBeCloseTo(2 / 3, 15);
  });
});
