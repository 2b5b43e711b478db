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

describe("abcClasses against a plain ranking", () => {
  /** The obvious implementation: sort row indexes by value (ties by row), walk the running sum. */
  function naiveAbc(values: readonly number[], aUpTo: number, bUpTo: number) {
    const total = values.reduce((sum, v) => sum + v, 0);
    const order = values.map((_, i) => i).sort((a, b) => values[b] - values[a] || a - b);
    const classes = new Array<number>(values.length);
    const shares = new Array<number>(values.length);
    let running = 0;
    for (const row of order) {
      const before = running / total;
      classes[row] = before < aUpTo ? 0 : before < bUpTo ? 1 : 2;
      running += values[row];
      shares[row] = running / total;
    }
    return { classes, shares };
  }

  it("gives the same classes and shares on random data with many ties", () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (const n of [1, 2, 7, 100, 5000]) {
      // few distinct values (ratings-like) so ties are everywhere, plus some skewed large ones
      const values = Array.from({ length: n }, () =>
        random() < 0.1 ? Math.round(1000 * random()) : Math.floor(random() * 5),
      );
      if (!values.some((v) => v > 0)) values[0] = 1;
      const expected = naiveAbc(values, 0.8, 0.95);
      const { classes, cumulativeShare } = abcClasses(Float64Array.from(values), 0.8, 0.95);
      expect(Array.from(classes)).toEqual(expected.classes);
      expected.shares.forEach((share, i) => expect(cumulativeShare[i]).toBeCloseTo(share, 9));
    }
  });
});
