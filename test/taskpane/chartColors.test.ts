import { countTicks, shareTicks } from "../../src/taskpane/charts/chartColors";

describe("axis ticks", () => {
  test("count axes step by 1, 2 or 5 times a power of ten, at most five steps, reaching the maximum, never a step below one", () => {
    // 492/5 = 98.4 → powers of 10; 492/50 = 9.8 steps is too many, 492/100 = 4.9 is not.
    expect(countTicks(492)).toEqual([0, 100, 200, 300, 400, 500]);
    expect(countTicks(37)).toEqual([0, 10, 20, 30, 40]);
    expect(countTicks(8)).toEqual([0, 2, 4, 6, 8]);
    expect(countTicks(1200)).toEqual([0, 500, 1000, 1500]);
    expect(countTicks(0)).toEqual([0, 1]);
    expect(countTicks(0.3)).toEqual([0, 1]);
  });

  test("share axes as documented", () => {
    expect(shareTicks(0.528)).toEqual([0, 0.2, 0.4, 0.6]);
    expect(shareTicks(0.27)).toEqual([0, 0.1, 0.2, 0.3]);
  });
});
