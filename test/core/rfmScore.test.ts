import { quintileCuts, scoreByCuts } from "../../src/core/rfmScore";

describe("quintileCuts", () => {
  it("splits 1..10 into five pairs", () => {
    // h = 9p: 1.8 → 2.8, 3.6 → 4.6, 5.4 → 6.4, 7.2 → 8.2
    const cuts = quintileCuts(Object.freeze([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    [2.8, 4.6, 6.4, 8.2].forEach((x, i) => expect(cuts[i]).toBeCloseTo(x, 12));
    const scores = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((v) => scoreByCuts(v, cuts, true));
    expect(scores).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });
});

describe("scoreByCuts", () => {
  it("gives a value equal to a cut point the lower score", () => {
    expect(scoreByCuts(4, [1, 4, 6, 8], true)).toBe(2);
    expect(scoreByCuts(4.01, [1, 4, 6, 8], true)).toBe(3);
  });

  it("reverses the score when lower is better (recency in days)", () => {
    expect(scoreByCuts(3, [10, 30, 60, 120], false)).toBe(5);
    expect(scoreByCuts(30, [10, 30, 60, 120], false)).toBe(4);
    expect(scoreByCuts(365, [10, 30, 60, 120], false)).toBe(1);
  });

  it("gives equal values equal scores even when the cut points coincide", () => {
    // 6 of 10 customers ordered once; sorted 1,1,1,1,1,1,2,3,3,5, h = 9p = 1.8, 3.6, 5.4, 7.2:
    // cuts 1, 1, 1 + 0.4·(2 − 1) = 1.4, 3 + 0.2·(3 − 3) = 3. Scores 2 and 3 stay empty.
    const orders = [1, 1, 1, 1, 1, 1, 2, 3, 3, 5];
    const cuts = quintileCuts(orders);
    [1, 1, 1.4, 3].forEach((x, i) => expect(cuts[i]).toBeCloseTo(x, 12));
    expect(orders.map((o) => scoreByCuts(o, cuts, true))).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 4, 5]);
  });
});
