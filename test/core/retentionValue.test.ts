import fc from "fast-check";
import { Grid } from "../../src/core/args";
import { CoreError, ErrorKind } from "../../src/core/errors";
import {
  lifetimeValue,
  lifetimeValueCells,
  retentionLift,
  retentionLiftCells,
  Timing,
} from "../../src/core/retentionValue";

const frozen = (rows: unknown[][]): Grid => Object.freeze(rows.map((row) => Object.freeze(row))) as Grid;
const column = (...cells: unknown[]): Grid => frozen(cells.map((cell) => [cell]));
const one = (cell: unknown): Grid => frozen([[cell]]);

/** The plain definition: add up the discounted margins one period at a time. */
function loopSum(
  margin: number,
  retention: number,
  discount: number,
  periods: number,
  timing: Timing,
): number {
  let sum = 0;
  const first = timing === "end" ? 1 : 0;
  for (let t = first; t < first + periods; t++) sum += (margin * retention ** t) / (1 + discount) ** t;
  return sum;
}

describe("lifetimeValue (Gupta & Lehmann's retention model)", () => {
  it("gives the issue's example: m 100, r 0.8, d 0.1 → 266.67", () => {
    // 100 · 0.8 / (1 + 0.1 − 0.8) = 80 / 0.3 = 800/3 = 266.666…
    expect(lifetimeValue(100, 0.8, 0.1)).toBeCloseTo(800 / 3, 10);
  });

  it('gives 366.67 with timing "start"', () => {
    // 100 · (1 + 0.1) / (1 + 0.1 − 0.8) = 110 / 0.3 = 366.666…
    expect(lifetimeValue(100, 0.8, 0.1, null, "start")).toBeCloseTo(1100 / 3, 10);
  });

  it("gives 450 for retention 0.9", () => {
    // 100 · 0.9 / (1.1 − 0.9) = 90 / 0.2 = 450
    expect(lifetimeValue(100, 0.9, 0.1)).toBeCloseTo(450, 10);
  });

  it("gives 164.09 over 3 periods", () => {
    // 100 · (0.8/1.1 + 0.64/1.21 + 0.512/1.331) = 100 · (0.727273 + 0.528926 + 0.384673) = 164.087
    const byHand = 100 * (0.8 / 1.1 + 0.64 / 1.21 + 0.512 / 1.331);
    expect(lifetimeValue(100, 0.8, 0.1, 3)).toBeCloseTo(byHand, 10);
    expect(lifetimeValue(100, 0.8, 0.1, 3)).toBeCloseTo(164.09, 2);
  });

  it('counts the first margin now with timing "start" over a horizon', () => {
    // 100 · (1 + 0.8/1.1 + 0.64/1.21) = 100 · 2.256198 = 225.6198
    expect(lifetimeValue(100, 0.8, 0.1, 3, "start")).toBeCloseTo(100 * (1 + 0.8 / 1.1 + 0.64 / 1.21), 10);
  });

  it("converges to the closed form as the horizon grows (a plain loop to 5,000 periods)", () => {
    for (const [r, d] of [
      [0.8, 0.1],
      [0.9, 0.1],
      [0.95, 0.02],
      [0.3, 0.5],
    ]) {
      for (const timing of ["end", "start"] as const) {
        const closed = lifetimeValue(100, r, d, null, timing);
        expect(loopSum(100, r, d, 5000, timing)).toBeCloseTo(closed, 8);
        expect(lifetimeValue(100, r, d, 5000, timing)).toBeCloseTo(closed, 8);
      }
    }
  });

  it("agrees with the plain loop for any horizon, retention and discount (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.integer({ min: 1, max: 400 }),
        fc.constantFrom<Timing>("end", "start"),
        (m, r, d, n, timing) => {
          const loop = loopSum(m, r, d, n, timing);
          const closed = lifetimeValue(m, r, d, n, timing);
          expect(Math.abs(closed - loop)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(loop)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("keeps full precision as r/(1+d) approaches 1", () => {
    // r = 1 − 1e-9, d = 1e-9: q = r/(1+d) ≈ 1 − 2e-9, so Σₜ₌₀..₉₉ qᵗ ≈ 100 − 2e-9 · 4950 = 100 − 9.9e-6.
    // The plain loop is accurate to ~1e-13 here; (1 − qⁿ)/(1 − q) loses digits dividing by 1 − q
    // (its rounding error is about 1e-16 / 2e-9 = 5e-8 relative), expm1(n·y)/expm1(y) does not.
    const r = 1 - 1e-9;
    const d = 1e-9;
    const q = r / (1 + d);
    let loop = 0;
    for (let t = 0; t < 100; t++) loop += q ** t;
    expect(loop).toBeCloseTo(100 - 2e-9 * 4950, 9);
    expect(lifetimeValue(1, r, d, 100, "start")).toBeCloseTo(loop, 11);
    const naive = (1 - q ** 100) / (1 - q);
    expect(Math.abs(naive - loop)).toBeGreaterThan(1e-9);
    // r = 1 and d = 0: q = 1 exactly, every period counts in full.
    expect(lifetimeValue(5, 1, 0, 12)).toBe(60);
    expect(lifetimeValue(5, 1, 0, 12, "start")).toBe(60);
  });

  it("gives 0 for retention 0 at the end and the first margin alone at the start", () => {
    expect(lifetimeValue(100, 0, 0.1)).toBe(0);
    expect(lifetimeValue(100, 0, 0.1, 5)).toBe(0);
    expect(lifetimeValue(100, 0, 0.1, 5, "start")).toBe(100);
    expect(lifetimeValue(100, 0, 0.1, null, "start")).toBeCloseTo(100, 12);
  });

  it("has no finite value without a horizon when r/(1+d) = 1", () => {
    expect(lifetimeValue(100, 1, 0)).toBe(Infinity);
    expect(lifetimeValue(-1, 1, 0)).toBe(-Infinity);
    expect(lifetimeValue(0, 1, 0)).toBe(0);
  });
});

describe("retentionLift (Reichheld & Sasser's five points)", () => {
  it("gives the issue's example: r 0.8, d 0.1 → 340 / 266.67 − 1 = 0.275", () => {
    // LTV(0.85) = 100 · 0.85 / 0.25 = 340; LTV(0.8) = 266.67; 340 / (800/3) − 1 = 1020/800 − 1 = 0.275
    expect(retentionLift(0.8, 0.1)).toBeCloseTo(0.275, 12);
  });

  it("gives 633.33 / 450 − 1 = 0.4074 for r 0.9", () => {
    // LTV(0.95) = 100 · 0.95 / 0.15 = 633.33; 633.33 / 450 − 1 = 0.407407…
    expect(retentionLift(0.9, 0.1)).toBeCloseTo(633.33333333 / 450 - 1, 8);
    expect(retentionLift(0.9, 0.1)).toBeCloseTo(0.4074, 4);
  });

  it("uses the horizon and the cut given", () => {
    // 3 periods, cut 0.1: LTV(0.9)/LTV(0.8) − 1 with each a plain 3-term sum
    const expected = loopSum(1, 0.9, 0.1, 3, "end") / loopSum(1, 0.8, 0.1, 3, "end") - 1;
    expect(retentionLift(0.8, 0.1, 0.1, 3)).toBeCloseTo(expected, 12);
  });

  it("is NaN when the lifetime value it rises from is 0", () => {
    expect(retentionLift(0, 0.1)).toBeNaN();
  });
});

describe("lifetimeValueCells (CX.LIFETIMEVALUE's arguments)", () => {
  it("gives one value for single cells, treating omitted optionals as omitted", () => {
    const [[value]] = lifetimeValueCells(one(100), one(0.8), one(0.1), null, null) as number[][];
    expect(value).toBeCloseTo(800 / 3, 10);
  });

  it("broadcasts a column of customers against single cells", () => {
    // 100·0.8/0.3 = 266.67; 100·0.9/0.2 = 450; blank row → blank
    const result = lifetimeValueCells(one(100), column(0.8, 0.9, null), one(0.1)) as number[][];
    expect(result[0][0]).toBeCloseTo(266.667, 3);
    expect(result[1][0]).toBeCloseTo(450, 10);
    expect(result[2]).toEqual([""]);
  });

  it("broadcasts a column against a row into a table, as Excel's array arithmetic does", () => {
    // margins 100, 200 down; retentions 0.8, 0.9 across
    const result = lifetimeValueCells(column(100, 200), frozen([[0.8, 0.9]]), one(0.1)) as number[][];
    expect(result.map((row) => row.map((x) => Math.round(x * 100) / 100))).toEqual([
      [266.67, 450],
      [533.33, 900],
    ]);
  });

  it("reads per-row horizons, a blank one meaning no horizon", () => {
    const result = lifetimeValueCells(one(100), one(0.8), one(0.1), column(3, null)) as number[][];
    expect(result[0][0]).toBeCloseTo(164.087, 3);
    expect(result[1][0]).toBeCloseTo(266.667, 3);
  });

  it("gives #VALUE! in the cell whose retention is outside [0, 1), or exactly 1 without periods", () => {
    const result = lifetimeValueCells(one(100), column(1.2, -0.1, 1, 0.5), one(0.1));
    expect(result).toHaveLength(4);
    const cells = (result as unknown[][]).map((row) => row[0]);
    expect(cells[0]).toBeExcelError("#VALUE!", "Row 1 of retention is 1.2, but retention must be at least 0");
    expect(cells[1]).toBeExcelError("#VALUE!", "Row 2 of retention is -0.1");
    expect(cells[2]).toBeExcelError("#VALUE!", "give periods, or a retention below 1");
    expect(cells[3]).toBeCloseTo(100 * (0.5 / 0.6), 10);
  });

  it("accepts retention 1 with periods", () => {
    // 100 · (1/1.1 + 1/1.21) = 90.909 + 82.645 = 173.554
    const [[value]] = lifetimeValueCells(one(100), one(1), one(0.1), one(2)) as number[][];
    expect(value).toBeCloseTo(100 / 1.1 + 100 / 1.21, 10);
  });

  it("gives #VALUE! for a negative discount and for periods that are not a positive whole number", () => {
    const negative = lifetimeValueCells(one(100), one(0.8), one(-0.1)) as unknown[][];
    expect(negative[0][0]).toBeExcelError(
      "#VALUE!",
      "Row 1 of discount is -0.1, but the discount rate must be 0",
    );
    const periods = lifetimeValueCells(one(100), one(0.8), one(0.1), column(2.5, 0, -1)) as unknown[][];
    for (const [row] of periods)
      expect(row).toBeExcelError("#VALUE!", "periods must be a positive whole number");
  });

  it("gives one #VALUE! for the call for an unknown timing", () => {
    expect(lifetimeValueCells(one(100), one(0.8), one(0.1), null, "middle")).toBeExcelError(
      "#VALUE!",
      'timing "middle" is not known: use "end" or "start"',
    );
  });

  it("gives #VALUE! naming the cell for text, a blank beside filled inputs, and passes error cells through", () => {
    const result = lifetimeValueCells(
      column("100", null, new CoreError(ErrorKind.NotAvailable, "no margin yet")),
      column(0.8, 0.8, 0.8),
      one(0.1),
    ) as unknown[][];
    expect(result[0][0]).toBeExcelError("#VALUE!", 'Row 1 of margin holds the text "100"');
    expect(result[1][0]).toBeExcelError(
      "#VALUE!",
      "Row 2 of margin is blank while the rest of its row is filled",
    );
    expect(result[2][0]).toBeExcelError("#N/A", "no margin yet");
  });

  it("refuses shapes that do not broadcast, naming both counts", () => {
    expect(lifetimeValueCells(column(1, 2), column(0.5, 0.5, 0.5), one(0.1))).toBeExcelError(
      "#VALUE!",
      "retention has 3 rows but margin has 2",
    );
    expect(lifetimeValueCells(frozen([[1, 2]]), frozen([[0.5, 0.5, 0.5]]), one(0.1))).toBeExcelError(
      "#VALUE!",
      "retention has 3 columns but margin has 2",
    );
  });
});

describe("retentionLiftCells (CX.RETENTIONLIFT's arguments)", () => {
  it("gives the issue's examples with the default cut of 0.05", () => {
    const result = retentionLiftCells(column(0.8, 0.9), one(0.1), null, null, null) as number[][];
    expect(result[0][0]).toBeCloseTo(0.275, 12);
    expect(result[1][0]).toBeCloseTo(0.407407, 6);
  });

  it("gives #VALUE! when the cut pushes retention to 1 or more without periods", () => {
    const result = retentionLiftCells(column(0.95, 0.97), one(0.1)) as unknown[][];
    expect(result[0][0]).toBeExcelError("#VALUE!", "pushes retention 0.95 to 1 or more");
    expect(result[1][0]).toBeExcelError("#VALUE!", "or give periods");
  });

  it("allows retention + cut = 1 with periods, but not above", () => {
    // LTV(1, 2 periods) / LTV(0.95, 2 periods) − 1 = (1/1.1 + 1/1.21) / (0.95/1.1 + 0.9025/1.21) − 1
    const [[lift]] = retentionLiftCells(one(0.95), one(0.1), null, one(2)) as number[][];
    expect(lift).toBeCloseTo((1 / 1.1 + 1 / 1.21) / (0.95 / 1.1 + 0.9025 / 1.21) - 1, 12);
    const above = retentionLiftCells(one(0.97), one(0.1), null, one(2)) as unknown[][];
    expect(above[0][0]).toBeExcelError("#VALUE!", "above 1");
  });

  it("gives #DIV/0! for retention 0 at the end, where the value rises from 0", () => {
    const result = retentionLiftCells(one(0), one(0.1)) as unknown[][];
    expect(result[0][0]).toBeExcelError("#DIV/0!", "the lifetime value is 0");
  });

  it("reads a typed cut per row and refuses one that pushes retention below 0", () => {
    const result = retentionLiftCells(one(0.1), one(0.1), column(0.1, -0.2)) as unknown[][];
    // LTV(0.2)/LTV(0.1) − 1 = (0.2/0.9)/(0.1/1.0) − 1 = 2.2222 − 1 = 1.2222
    expect(result[0][0]).toBeCloseTo(0.2 / 0.9 / (0.1 / 1.0) - 1, 12);
    expect(result[1][0]).toBeExcelError(
      "#VALUE!",
      "Row 2 of churn_cut: a churn cut of -0.2 pushes retention 0.1 below 0",
    );
  });
});
