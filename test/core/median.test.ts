import { countingMedian, median, midpoint } from "../../src/core/median";

describe("median (as Excel's MEDIAN)", () => {
  it("is the middle value for an odd count", () => {
    // sorted: 1 2 3 5 9 → 3
    expect(median(Object.freeze([9, 1, 5, 3, 2]))).toBe(3);
  });

  it("is the mean of the two middle values for an even count", () => {
    // spec example: sorted 90 120 480 500 → (120 + 480) / 2 = 300
    expect(median(Object.freeze([500, 120, 480, 90]))).toBe(300);
    // matches: sorted 2 3 8 9 → (3 + 8) / 2 = 5.5
    expect(median([8, 9, 2, 3])).toBe(5.5);
  });

  it("does not reorder its input", () => {
    const input = [3, 1, 2];
    median(input);
    expect(input).toEqual([3, 1, 2]);
  });

  it("handles long runs of equal values", () => {
    const values = new Array(100001).fill(7);
    values[0] = 1;
    expect(median(values)).toBe(7);
  });

  it("agrees with sort-based medians on random data", () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 1000;
    for (const n of [1, 2, 3, 10, 101, 1000]) {
      const values = Array.from({ length: n }, () => Math.round(random()));
      const sorted = [...values].sort((a, b) => a - b);
      const expected = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
      expect(median(values)).toBe(expected);
    }
  });

  it("is NaN for an empty list", () => {
    expect(median([])).toBeNaN();
  });
});

describe("median near the ends of the double range", () => {
  it("is 9e307 for two values of 9e307, not Infinity", () => {
    // (9e307 + 9e307) / 2 would overflow on the way: 1.8e308 > Number.MAX_VALUE
    expect(median([9e307, 9e307])).toBe(9e307);
    expect(median([Number.MAX_VALUE, Number.MAX_VALUE, 1, 2])).toBe(Number.MAX_VALUE / 2 + 1);
  });

  it("keeps the last bit of two tiny values", () => {
    // halving first would give 0 for the smallest subnormal
    expect(median([Number.MIN_VALUE, Number.MIN_VALUE])).toBe(Number.MIN_VALUE);
  });

  it("averages values of opposite signs at the ends of the range", () => {
    expect(median([-Number.MAX_VALUE, Number.MAX_VALUE])).toBe(0);
  });
});

describe("midpoint", () => {
  it("is (a + b) / 2 without overflow", () => {
    expect(midpoint(120, 480)).toBe(300);
    expect(midpoint(9e307, 9e307)).toBe(9e307);
    expect(midpoint(-9e307, -9e307)).toBe(-9e307);
  });
});

describe("countingMedian (integers within a small range)", () => {
  /** Independent reference: sort a copy and take the middle. */
  const sortedMedian = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const n = sorted.length;
    return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  };

  it("counts ratings: 1 2 2 3 → 2, and 1 2 3 4 → 2.5", () => {
    expect(countingMedian(Float64Array.of(3, 1, 2, 2))).toBe(2);
    expect(countingMedian(Float64Array.of(4, 1, 3, 2))).toBe(2.5);
    expect(countingMedian(Float64Array.of(7))).toBe(7);
  });

  it("agrees with sorting on random integer columns, negative ones included", () => {
    let seed = 3;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const [n, low, high] of [
      [2, 1, 10],
      [11, 1, 10],
      [1000, -50, 50],
      [10001, 0, 65536],
    ]) {
      const values = Array.from({ length: n }, () => low + Math.floor(random() * (high - low + 1)));
      expect(countingMedian(Float64Array.from(values))).toBe(sortedMedian(values));
      expect(median(values)).toBe(sortedMedian(values));
    }
  });

  it("declines decimals and wide ranges, which are selected instead", () => {
    expect(countingMedian(Float64Array.of(1, 2.5, 3))).toBeNaN();
    expect(countingMedian(Float64Array.of(0, 65_537))).toBeNaN();
    expect(countingMedian(Float64Array.of(2 ** 40, 1))).toBeNaN();
    // and median still gives Excel's answer for them
    expect(median([1, 2.5, 3])).toBe(2.5);
    expect(median([0, 65_537])).toBe(32_768.5);
  });
});
