import { mean } from "../../src/core/mean";
import { closeTo, exactRatio, exactSum } from "./exactArithmetic";

describe("mean (as AVERAGE of the numbers given)", () => {
  it("is the sum over the count", () => {
    // (500 + 120 + 480 + 90) / 4 = 1190 / 4 = 297.5
    expect(mean(Object.freeze([500, 120, 480, 90]))).toBe(297.5);
  });

  it("stays finite when the sum is beyond the double range", () => {
    // 9e307 + 9e307 = 1.8e308 > 1.797…e308, but the mean is 9e307
    expect(mean([9e307, 9e307])).toBe(9e307);
    expect(mean(Float64Array.of(Number.MAX_VALUE, Number.MAX_VALUE, Number.MAX_VALUE))).toBe(
      Number.MAX_VALUE,
    );
  });

  it("matches an exact BigInt mean where partial sums overflow and cancel", () => {
    const values = [1.7e308, 1.7e308, -1.6e308, 3, -1.7e308, 1e308];
    const expected = exactRatio(exactSum(values), BigInt(values.length) << 1074n);
    expect(closeTo(mean(values), expected)).toBe(true);
  });

  it("is NaN for no values", () => {
    expect(mean([])).toBeNaN();
  });
});
