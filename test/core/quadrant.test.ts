import { median } from "../../src/core/median";
import {
  meanOf,
  ORDINARY,
  POTENTIAL,
  PROFIT,
  quadrantCodes,
  quadrantOf,
  resolveCut,
  STRATEGIC,
} from "../../src/core/quadrant";

describe("quadrantOf", () => {
  it("places the spec example's customers (cuts 300 and 5.5)", () => {
    // 500 ≥ 300, 8 ≥ 5.5 → Strategic; 120 < 300, 9 ≥ 5.5 → Potential; 480, 2 → Profit; 90, 3 → Ordinary
    expect([
      quadrantOf(500, 8, 300, 5.5),
      quadrantOf(120, 9, 300, 5.5),
      quadrantOf(480, 2, 300, 5.5),
      quadrantOf(90, 3, 300, 5.5),
    ]).toEqual([STRATEGIC, POTENTIAL, PROFIT, ORDINARY]);
  });

  it("counts a value equal to the cut as high", () => {
    expect(quadrantOf(300, 5.5, 300, 5.5)).toBe(STRATEGIC);
  });

  it("leaves masked rows out with −1", () => {
    expect(Array.from(quadrantCodes([500, 90], [8, 3], Uint8Array.of(1, 0), 300, 5.5))).toEqual([
      STRATEGIC,
      -1,
    ]);
  });
});

describe("resolveCut", () => {
  const values = Object.freeze([500, 120, 480, 90]);

  it("is Excel's MEDIAN, AVERAGE or the typed number", () => {
    expect(resolveCut({ kind: "median" }, values)).toBe(300); // (120 + 480) / 2
    expect(resolveCut({ kind: "mean" }, values)).toBe(297.5); // 1190 / 4
    expect(resolveCut({ kind: "number", value: 42 }, values)).toBe(42);
  });

  it("is the median the functions use", () => {
    expect(resolveCut({ kind: "median" }, [3, 1, 2, 10])).toBe(median([3, 1, 2, 10]));
  });

  it("keeps the mean of huge values finite, where the plain sum overflows", () => {
    // 1e308 + 1e308 is Infinity; (1e308 + 1e308) / 2 is 1e308 taken as 1e308/2 + 1e308/2
    expect(1e308 + 1e308).toBe(Infinity);
    expect(meanOf([1e308, 1e308])).toBe(1e308);
    // 1.5e308 + 1e308 overflows before −1.5e308 comes; the mean is 1e308 / 3
    expect(meanOf([1.5e308, 1e308, -1.5e308])).toBeCloseTo(1e308 / 3, -293);
  });

  it("gives NaN for no values", () => {
    expect(resolveCut({ kind: "mean" }, [])).toBeNaN();
    expect(resolveCut({ kind: "median" }, [])).toBeNaN();
  });
});
