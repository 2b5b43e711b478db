/**
 * Property tests of the four wrappers against whatever a caller can hand them: random nested arrays
 * with holes and `null` rows, NaN, ±Infinity, -0, huge and tiny numbers, text, logicals, Excel error
 * cells `{ type: "Error", basicValue }`, `CustomFunctions.Error` objects and arbitrary JavaScript
 * values. Two promises are checked:
 *
 * 1. A wrapper never throws anything but a `CustomFunctions.Error` with a message, and what it
 *    returns has the documented shape (one one-cell row per customer; PARETOSHARE in the shape of top).
 * 2. On clean inputs (finite numbers and blanks, anywhere in the double range), every numeric result
 *    matches a plain, independent implementation in this file using exact BigInt arithmetic, and a
 *    result the exact arithmetic puts beyond the double range is #NUM!.
 */
import { FakeExcelError } from "./fakeCustomFunctions";
import fc from "fast-check";
import { CUSTOMERVALUE, PARETOSHARE, SATISFACTION, SEGMENT } from "../../src/functions/functions";
import { exact, exactRatio, exactSum, exactToDouble, scaledToDouble } from "../core/exactArithmetic";

/* eslint-disable @typescript-eslint/no-explicit-any -- the wrappers take Excel's any[][] */

const RUNS = Number(process.env.CX_PROPERTY_RUNS ?? 300);
const EXCEL_CODES = ["#VALUE!", "#N/A", "#DIV/0!", "#NUM!", "#NULL!"];
const INCOMING_CODES = [...EXCEL_CODES, "#REF!", "#NAME?", "#SPILL!", "#CALC!", "#GETTING_DATA", "#BUSY!"];

// ---------- hostile inputs ----------

const hugeOrTiny = fc.oneof(
  fc.double({ min: -Number.MAX_VALUE, max: Number.MAX_VALUE, noNaN: true }),
  fc.constantFrom(9e307, -9e307, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -0, 1e-310),
);

const hostileCell: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, undefined, "", " ", "12", "TRUE", "#N/A"),
  fc.double(), // NaN, ±Infinity, -0, subnormals included
  hugeOrTiny,
  fc.integer({ min: -10, max: 10 }),
  fc.string({ maxLength: 8 }),
  fc.boolean(),
  fc.constantFrom(...INCOMING_CODES).map((code) => ({ type: "Error", basicType: "Error", basicValue: code })),
  fc.constantFrom(...INCOMING_CODES).map((code) => new FakeExcelError(code, "from another function")),
  fc.record({
    type: fc.constantFrom("Double", "String", "Boolean", "FormattedNumber", "Entity", "Empty"),
    basicValue: fc.oneof(fc.double(), fc.string({ maxLength: 5 }), fc.boolean(), fc.constant(null)),
  }),
  fc.anything({ maxDepth: 2 }),
);

const hostileRow: fc.Arbitrary<unknown> = fc.oneof(
  fc.array(hostileCell, { maxLength: 4 }),
  fc.sparseArray(hostileCell, { maxLength: 4 }),
  fc.constantFrom(null, undefined),
  hostileCell,
);

const hostileGrid: fc.Arbitrary<unknown> = fc.oneof(
  fc.array(hostileRow, { maxLength: 7 }),
  fc.sparseArray(hostileRow, { maxLength: 7 }),
  hostileCell,
);

const hostileOption: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileCell },
  { weight: 1, arbitrary: fc.constantFrom("net", "ratio", "score", "label", 0.2, 0.5, 1, 0) },
  { weight: 1, arbitrary: hostileGrid },
);

/** Calls a wrapper; the outcome is its result or what it threw. */
function outcome(call: () => unknown): { result?: unknown; thrown?: unknown } {
  try {
    return { result: call() };
  } catch (error) {
    return { thrown: error };
  }
}

function isExcelError(value: unknown): boolean {
  return (
    value instanceof FakeExcelError &&
    EXCEL_CODES.includes(value.code) &&
    typeof value.message === "string" &&
    value.message.length > 0
  );
}

/** A result cell: a finite number, a text (a label or "" for a blank row), or an Excel error with a message. */
function isResultCell(cell: unknown): boolean {
  return (
    (typeof cell === "number" && Number.isFinite(cell)) || typeof cell === "string" || isExcelError(cell)
  );
}

/** The rows a caller passed: a lone value or an omitted range is one row. */
function rowsOf(grid: unknown): number {
  return Array.isArray(grid) ? grid.length : 1;
}

/** The widest row (a row that is a lone value is one cell wide, a missing row none). */
function widthOf(grid: unknown): number {
  if (!Array.isArray(grid)) return 1;
  let width = 0;
  for (let r = 0; r < grid.length; r++) {
    const row: unknown = grid[r];
    width = Math.max(width, Array.isArray(row) ? row.length : row === null || row === undefined ? 0 : 1);
  }
  return width;
}

/** A column of one-cell rows, `customers` long. */
function isColumnOf(result: unknown, customers: number): boolean {
  return (
    Array.isArray(result) &&
    result.length === customers &&
    result.every((row) => Array.isArray(row) && row.length === 1 && isResultCell(row[0]))
  );
}

describe("the wrappers never throw anything but an Excel error, and return the documented shape", () => {
  it("CX.CUSTOMERVALUE", () => {
    fc.assert(
      fc.property(hostileGrid, hostileGrid, hostileOption, (benefits, costs, method) => {
        const { result, thrown } = outcome(() => CUSTOMERVALUE(benefits as any, costs as any, method as any));
        if (thrown !== undefined) return isExcelError(thrown);
        return isColumnOf(result, Math.max(rowsOf(benefits), rowsOf(costs)));
      }),
      { numRuns: RUNS },
    );
  });

  it("CX.SATISFACTION", () => {
    fc.assert(
      fc.property(
        hostileGrid,
        hostileGrid,
        fc.option(hostileGrid),
        hostileOption,
        hostileOption,
        (perceived, expected, weights, output, tolerance) => {
          const { result, thrown } = outcome(() =>
            SATISFACTION(perceived as any, expected as any, weights as any, output as any, tolerance as any),
          );
          if (thrown !== undefined) return isExcelError(thrown);
          return isColumnOf(result, Math.max(rowsOf(perceived), rowsOf(expected)));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("CX.SEGMENT", () => {
    /** A single row of several cells is a list of customers; otherwise one customer per row. */
    const customersOf = (grid: unknown) =>
      rowsOf(grid) === 1 && widthOf(grid) > 1 ? widthOf(grid) : rowsOf(grid);
    fc.assert(
      fc.property(
        hostileGrid,
        hostileGrid,
        hostileOption,
        hostileOption,
        fc.option(hostileGrid),
        (value, match, valueCut, matchCut, labels) => {
          const { result, thrown } = outcome(() =>
            SEGMENT(value as any, match as any, valueCut as any, matchCut as any, labels as any),
          );
          if (thrown !== undefined) return isExcelError(thrown);
          return isColumnOf(result, Math.max(customersOf(value), customersOf(match)));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("CX.PARETOSHARE", () => {
    fc.assert(
      fc.property(hostileGrid, fc.option(hostileGrid), (values, top) => {
        const { result, thrown } = outcome(() => PARETOSHARE(values as any, top as any));
        if (thrown !== undefined) return isExcelError(thrown);
        if (!Array.isArray(result)) return false;
        const cells = result.flat();
        const inRange = cells.every(
          (cell) => isExcelError(cell) || cell === "" || (typeof cell === "number" && cell >= 0 && cell <= 1),
        );
        // In the shape of top (padded to a rectangle), or one cell when top is omitted or has no cells.
        const topRows = rowsOf(top);
        const topWidth = widthOf(top);
        const shaped =
          top === null || topRows * topWidth === 0
            ? result.length === 1 && result[0].length === 1
            : result.length === topRows && result.every((row: unknown[]) => row.length === topWidth);
        return inRange && shaped;
      }),
      { numRuns: RUNS },
    );
  });
});

// ---------- clean inputs against an independent implementation ----------

/** Finite numbers anywhere in the double range (subnormals left out: see the SEGMENT test), some blanks. */
const cleanNumber = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -20, max: 20 }) },
  { weight: 3, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(9e307, -9e307, 1.7e308, -1.7e308, Number.MAX_VALUE, 1e-300, -0),
  },
  { weight: 2, arbitrary: fc.double({ min: -Number.MAX_VALUE, max: Number.MAX_VALUE, noNaN: true }) },
);
const cleanCell = fc.oneof(
  { weight: 6, arbitrary: cleanNumber },
  { weight: 1, arbitrary: fc.constant(null) },
);

function cleanGrid(rows: number, columns: number, cell: fc.Arbitrary<unknown> = cleanCell) {
  return fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), {
    minLength: rows,
    maxLength: rows,
  });
}

/**
 * |got − truth| within k ulps of the largest magnitude involved (cancellation makes relative error
 * meaningless), plus a few units of the smallest subnormal: the standard error model of IEEE
 * arithmetic, where a product below 2^-1022 keeps only the digits that fit above 2^-1074.
 */
function agrees(got: number, truth: number, scale: number, ulps = 16): boolean {
  return (
    Math.abs(got - truth) <= ulps * Number.EPSILON * Math.max(scale, Math.abs(truth)) + 8 * Number.MIN_VALUE
  );
}

describe("finite numeric results match a plain exact implementation", () => {
  it("CX.CUSTOMERVALUE, net and ratio", () => {
    // For the ratio, components of one sign: with mixed signs a total can cancel to a few ulps of
    // its largest component (1e-323 from −9e307 + 9e307 − 1e-323), where no floating-point sum,
    // Excel's included, can tell 0 from that, and the quotient has no digit to check.
    const positive = cleanCell.map((x) => (typeof x === "number" ? Math.abs(x) : x));
    const table = fc
      .tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom("net", "ratio"))
      .chain(([rows, method]) =>
        fc.tuple(
          fc
            .integer({ min: 1, max: 3 })
            .chain((columns) => cleanGrid(rows, columns, method === "net" ? cleanCell : positive)),
          fc
            .integer({ min: 1, max: 3 })
            .chain((columns) => cleanGrid(rows, columns, method === "net" ? cleanCell : positive)),
          fc.constant(method),
        ),
      );
    fc.assert(
      fc.property(table, ([benefits, costs, method]) => {
        const result = CUSTOMERVALUE(benefits, costs, method);
        return benefits.every((benefitRow, i) => {
          const costRow = costs[i];
          const cell = result[i][0];
          const numbers = (row: unknown[]) => row.filter((x): x is number => typeof x === "number");
          if (numbers(benefitRow).length + numbers(costRow).length === 0) return cell === "";
          const b = exactSum(numbers(benefitRow));
          const c = exactSum(numbers(costRow));
          if (method === "ratio" && c === 0n) return isExcelError(cell) && cell.code === "#DIV/0!";
          const truth = method === "net" ? exactToDouble(b - c) : exactRatio(b, c);
          if (!Number.isFinite(truth)) return isExcelError(cell) && cell.code === "#NUM!";
          // Within rounding of the largest number, either answer is honest.
          if (Math.abs(truth) > Number.MAX_VALUE * (1 - 1e-12) && isExcelError(cell))
            return cell.code === "#NUM!";
          if (typeof cell !== "number") return false;
          if (method === "ratio") return agrees(cell, truth, Math.abs(truth), 16 * 6);
          const magnitude = [...numbers(benefitRow), ...numbers(costRow)].reduce(
            (m, x) => Math.max(m, Math.abs(x)),
            0,
          );
          return agrees(cell, truth, magnitude * 6);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it("CX.SATISFACTION scores, with and without weights", () => {
    const table = fc.integer({ min: 1, max: 5 }).chain((rows) =>
      fc.integer({ min: 1, max: 3 }).chain((factors) =>
        fc.tuple(
          cleanGrid(rows, factors, cleanNumber),
          cleanGrid(rows, factors, cleanNumber),
          fc.option(
            fc
              .array(fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constantFrom(1e308, 1e-300, 0.5)), {
                minLength: factors,
                maxLength: factors,
              })
              // Weights as fractions of their total must be representable: 1e-300 beside 1e308 is a
              // fraction of 1e-608, below the smallest double, and counts as 0 (see normaliseWeights).
              .filter((weights) => weights.some((w) => w > 0))
              .filter((weights) => {
                const positive = weights.filter((w) => w > 0);
                return Math.max(...positive) / Math.min(...positive) < 1e300;
              }),
          ),
        ),
      ),
    );
    fc.assert(
      fc.property(table, ([perceived, expected, weights]) => {
        const result = SATISFACTION(perceived, expected, weights === null ? (null as any) : [weights]);
        const factors = perceived[0].length;
        const w = weights ?? Array.from({ length: factors }, () => 1);
        const weightTotal = exactSum(w);
        return perceived.every((row, i) => {
          // score = Σ Wⱼ (pⱼ − eⱼ) / Σ W, exactly: numerator in units of 2^-2148, total in units of 2^-1074
          let numerator = 0n;
          let magnitude = 0;
          for (let j = 0; j < factors; j++) {
            const p = row[j] as number;
            const e = expected[i][j] as number;
            numerator += exact(w[j]) * (exact(p) - exact(e));
            magnitude += (w[j] / Math.max(...w)) * Math.max(Math.abs(p), Math.abs(e));
          }
          const truth = exactRatio(numerator, weightTotal << 1074n);
          const cell = result[i][0];
          if (!Number.isFinite(truth)) return isExcelError(cell) && cell.code === "#NUM!";
          return typeof cell === "number" && agrees(cell, truth, magnitude, 128);
        });
      }),
      { numRuns: RUNS },
    );
  });

  it("CX.SEGMENT with default median cuts", () => {
    /** Excel's MEDIAN: the middle value, or the correctly rounded mean of the two middle values, exactly. */
    const medianOf = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      const n = sorted.length;
      if (n % 2 === 1) return sorted[(n - 1) / 2];
      // (a + b) / 2 = (exact(a) + exact(b)) · 2^-1075, rounded once
      return scaledToDouble(exact(sorted[n / 2 - 1]) + exact(sorted[n / 2]), -1075);
    };
    const normalNumber = cleanNumber.filter((x) => x === 0 || Math.abs(x) >= 1e-300);
    const table = fc
      .integer({ min: 2, max: 9 })
      .chain((rows) => fc.tuple(cleanGrid(rows, 1, normalNumber), cleanGrid(rows, 1, normalNumber)));
    fc.assert(
      fc.property(table, ([value, match]) => {
        const result = SEGMENT(value, match);
        const valueCut = medianOf(value.map((row) => row[0] as number));
        const matchCut = medianOf(match.map((row) => row[0] as number));
        return value.every((row, i) => {
          const high = (row[0] as number) >= valueCut;
          const highMatch = (match[i][0] as number) >= matchCut;
          const expected = high ? (highMatch ? "Strategic" : "Profit") : highMatch ? "Potential" : "Ordinary";
          return result[i][0] === expected;
        });
      }),
      { numRuns: RUNS },
    );
  });

  it("CX.PARETOSHARE, ignoring blanks and text as SUM does", () => {
    const value = fc.oneof(
      { weight: 6, arbitrary: cleanNumber.map(Math.abs) },
      { weight: 1, arbitrary: fc.constantFrom(null, "text", true) },
    );
    const input = fc.tuple(
      fc.array(fc.array(value, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 }),
      fc.array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
    );
    fc.assert(
      fc.property(input, ([grid, tops]) => {
        const numbers = grid.flat().filter((x): x is number => typeof x === "number");
        const total = exactSum(numbers);
        const padded = grid.map((row) => [...row, ...Array(3 - row.length).fill(null)]);
        const { result, thrown } = outcome(() => PARETOSHARE(padded, [tops]));
        if (total === 0n) return isExcelError(thrown) && (thrown as FakeExcelError).code === "#DIV/0!";
        const sorted = [...numbers].sort((a, b) => b - a);
        return tops.every((top, t) => {
          const k = top * numbers.length;
          const whole = Math.floor(k);
          let share = 1;
          if (whole < numbers.length) {
            // in units of 2^-2148: the whole customers' total, plus (k − ⌊k⌋) · next exactly
            const top = (exactSum(sorted.slice(0, whole)) << 1074n) + exact(k - whole) * exact(sorted[whole]);
            share = exactRatio(top, total << 1074n);
          }
          const got = (result as number[][])[0][t];
          return Math.abs(got - share) <= 1e-12 * Math.max(share, 1e-300) || Math.abs(got - share) < 1e-15;
        });
      }),
      { numRuns: RUNS },
    );
  });
});
