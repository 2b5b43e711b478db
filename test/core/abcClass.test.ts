import { abcClasses } from "../../src/core/abcClass";

describe("abcClasses", () => {
  it("classes by the cumulative share before each customer", () => {
    // ranking 50 (row 1), 30 (row 3), 10 (row 2), 5 (row 0), 5 (row 4: equal values keep row order)
    // of 100; share before: 0, .5, .8, .9, .95 → A, A, B, B, C
    const values = Float64Array.of(5, 50, 10, 30, 5);
    const { classes, cumulativeShare } = abcClasses(values, 0.8, 0.95);
    expect(Array.from(classes)).toEqual([1, 0, 1, 0, 2]);
    [0.95, 0.5, 0.9, 0.8, 1].forEach((x, i) => expect(cumulativeShare[i]).toBeCloseTo(x, 12));
  });

  it("puts the customer that crosses the A boundary in A", () => {
    // 90 of 100: share before is 0 < 0.8 → A; the next has 0.9 before → B (< 0.95); the last 0.95 → C.
    const { classes } = abcClasses(Float64Array.of(90, 5, 5), 0.8, 0.95);
    expect(Array.from(classes)).toEqual([0, 1, 2]);
  });

  it("keeps row order among equal values", () => {
    // four 25s: before 0, .25, .5, .75 → all A with a = 0.8
    const { classes } = abcClasses(Float64Array.of(25, 25, 25, 25), 0.6, 0.9);
    // before .75 is ≥ .6 but < .9 → B for the last in row order
    expect(Array.from(classes)).toEqual([0, 0, 0, 1]);
  });
});
