/**
 * CX.SATISFACTION: Kotler's customer satisfaction, perceived performance − expectation, judged on
 * several factors at once (service, communication, emotional…), each with its own importance.
 *
 *   score = Σᵢ wᵢ · (perceivedᵢ − expectedᵢ),   weights normalised so that Σᵢ wᵢ = 1.
 *
 * As a label: `Dissatisfied` if score < −tolerance, `Satisfied` if −tolerance ≤ score ≤ tolerance,
 * `Highly satisfied` if score > tolerance. The tolerance is the zone of tolerance, in rating points.
 * A score within 1e-12 (relative) of a boundary counts as on it, so that binary rounding
 * (0.3 − 0.1 ≠ 0.2) never flips a label a person computing by hand would call "Satisfied".
 *
 * A score beyond the double range (ratings near Excel's largest number, 1.8E+308) is `#NUM!` in that
 * row, for both outputs, as Excel gives `#NUM!` for a result out of its range; differences that
 * overflow while the weighted score does not are summed again exactly enough ({@link WideSum}).
 * Weights near 1E+308 are rescaled by a power of two before they are normalised.
 *
 * O(n · factors); the common row (finite numbers only) takes one fast pass without allocation, and
 * the results land in a Float64Array (scores) or a Uint8Array of label codes.
 *
 * @example
 * // 0.5·(4−4) + 0.3·(3−4) + 0.2·(5−4) = −0.1
 * resultList(satisfaction([[4, 3, 5]], [[4, 4, 4]], [[0.5, 0.3, 0.2]]))                // => [-0.1]
 * resultList(satisfaction([[4, 3, 5]], [[4, 4, 4]], [[0.5, 0.3, 0.2]], "label", 0.25)) // => ["Satisfied"]
 */
import {
  blankDeciders,
  CellNamer,
  CellValue,
  columnCount,
  customerCount,
  errorInOption,
  flatten,
  Grid,
  isBlank,
  isBlankCustomer,
  parameters,
  readChoice,
  readNumberParameter,
  readRowNumber,
  rowAt,
} from "./args";
import { CustomerResults, NO_LABEL } from "./customerResults";
import { CoreError, isCoreError, Result } from "./errors";
import { cellName, messages } from "./messages";
import { overflowScale, WideSum } from "./wideSum";

export type SatisfactionLabel = "Dissatisfied" | "Satisfied" | "Highly satisfied";

/** The labels in code order: {@link labelCodeFor} gives an index into this list. */
export const SATISFACTION_LABELS: readonly SatisfactionLabel[] = [
  "Dissatisfied",
  "Satisfied",
  "Highly satisfied",
];

/** Relative slack when comparing a score with ±tolerance (see the module comment). */
const BOUNDARY_SLACK = 1e-12;

export function satisfaction(
  perceived: Grid,
  expected: Grid,
  weights: Grid | null = null,
  output: CellValue = null,
  tolerance: CellValue = null,
): Result<CustomerResults<SatisfactionLabel>> {
  const chosenOutput = readChoice(output, parameters.output);
  if (isCoreError(chosenOutput)) return chosenOutput;
  const zone = readNumberParameter(tolerance, parameters.tolerance);
  if (isCoreError(zone)) return zone;
  const factors = columnCount(perceived);
  const expectedFactors = columnCount(expected);
  if (factors !== expectedFactors) {
    return messages.columnCountMismatch("perceived", factors, "expected", expectedFactors);
  }
  const args = [
    { name: "perceived", grid: perceived },
    { name: "expected", grid: expected },
  ];
  const n = customerCount(args);
  if (isCoreError(n)) return n;
  const normalised = normaliseWeights(weights, factors);
  if (isCoreError(normalised)) return normalised;

  const rows: RatingRows = {
    perceived,
    expected,
    weights: normalised,
    deciders: blankDeciders(args, n),
    perceivedAt: factorNamers("perceived", perceived.length === 1, factors),
    expectedAt: factorNamers("expected", expected.length === 1, factors),
  };
  const errors = new Map<number, CoreError>();
  const numbers = scores(rows, n, errors);
  if (chosenOutput === "score") return { kind: "numbers", numbers, errors };
  return { kind: "labels", codes: labelCodes(numbers, zone), labels: SATISFACTION_LABELS, errors };
}

/**
 * The score of every customer (NaN for a blank or an error row, the error put in `errors`). The hot
 * loop lives in its own small function so that V8 optimises it whole, not by on-stack replacement
 * inside the argument checks (which deoptimised on every call in a profile).
 */
function scores(rows: RatingRows, n: number, errors: Map<number, CoreError>): Float64Array {
  const { perceived, expected, weights } = rows;
  const numbers = new Float64Array(n);
  // rowAt's broadcast, decided once: no call into another module per row.
  const perceivedStep = perceived.length === 1 ? 0 : 1;
  const expectedStep = expected.length === 1 ? 0 : 1;
  for (let i = 0; i < n; i++) {
    let score = plainScore(perceived[i * perceivedStep], expected[i * expectedStep], weights);
    if (score - score !== 0) score = slowScore(rows, i, errors);
    numbers[i] = score;
  }
  return numbers;
}

/** The label code of every score; {@link NO_LABEL} where there is none (NaN). */
function labelCodes(numbers: Float64Array, tolerance: number): Uint8Array {
  const codes = new Uint8Array(numbers.length);
  for (let i = 0; i < numbers.length; i++) {
    const score = numbers[i];
    codes[i] = score === score ? labelCodeFor(score, tolerance) : NO_LABEL;
  }
  return codes;
}

/**
 * The label for a score and a zone of tolerance (see the module comment for the boundary slack).
 *
 * @example
 * labelFor(-0.1, 0.25) // => "Satisfied"
 */
export function labelFor(score: number, tolerance: number): SatisfactionLabel {
  return SATISFACTION_LABELS[labelCodeFor(score, tolerance)];
}

/** {@link labelFor} as an index into {@link SATISFACTION_LABELS}: 0 Dissatisfied, 1 Satisfied, 2 Highly satisfied. */
export function labelCodeFor(score: number, tolerance: number): number {
  const slack = BOUNDARY_SLACK * Math.max(1, Math.abs(tolerance));
  if (score < -tolerance - slack) return 0;
  if (score > tolerance + slack) return 2;
  return 1;
}

/**
 * Weights as fractions summing to 1. Omitted (or all blank) → equal weights. One number per factor,
 * each ≥ 0, not all 0; a single row or a single column both work. Weights whose total is beyond
 * the double range (two of 1E+308) are first scaled by a power of two, which changes no fraction.
 * A weight below about 1E-308 of the total (1E-300 beside 1E+308) is a fraction no double can
 * hold, and counts as 0.
 *
 * All-zero weights are `#VALUE!`, not `#NUM!`: it is a wrong argument the analyst must change, and
 * Excel shows the explaining message only on `#VALUE!`.
 */
export function normaliseWeights(weights: Grid | null, factors: number): Result<Float64Array> {
  const cells = weights === null ? [] : flatten(weights);
  const result = new Float64Array(factors);
  if (cells.every(isBlank)) {
    result.fill(1 / factors);
    return result;
  }
  if (cells.length !== factors) return messages.weightsCount(cells.length, factors);
  let total = 0;
  let largest = 0;
  for (let j = 0; j < factors; j++) {
    const cell = cells[j];
    if (cell instanceof CoreError) return errorInOption(`weight ${j + 1}`, cell);
    if (isBlank(cell)) return messages.weightBlank(j + 1);
    if (typeof cell !== "number") return messages.optionNotANumber(`weight ${j + 1}`, cell, WEIGHT_RULE);
    if (!Number.isFinite(cell)) return messages.notFinite(`weight ${j + 1}`);
    if (cell < 0) return messages.weightNegative(j + 1, cell);
    result[j] = cell;
    total += cell;
    if (cell > largest) largest = cell;
  }
  if (total === 0) return messages.weightsAllZero();
  if (!Number.isFinite(total)) {
    const scale = overflowScale(factors, largest);
    total = 0;
    for (let j = 0; j < factors; j++) total += result[j] *= scale;
  }
  for (let j = 0; j < factors; j++) result[j] /= total;
  return result;
}

/** What a weight must be, as the end of "… but it must be …". */
const WEIGHT_RULE = "a number, zero or more";

/** The rating arguments of one call, and how to name their cells. */
interface RatingRows {
  readonly perceived: Grid;
  readonly expected: Grid;
  readonly weights: Float64Array;
  readonly deciders: readonly Grid[];
  readonly perceivedAt: readonly CellNamer[];
  readonly expectedAt: readonly CellNamer[];
}

/** For each factor, how to name its cell in row `index` of an argument (a broadcast argument has only row 1). */
function factorNamers(argument: string, broadcast: boolean, factors: number): CellNamer[] {
  return Array.from(
    { length: factors },
    (_, j) => (index: number) => cellName(argument, broadcast ? 1 : index + 1, j + 1, factors),
  );
}

/** Σ wⱼ · (perceivedⱼ − expectedⱼ) over a row of numbers; NaN as soon as a cell is not a number. */
function plainScore(
  perceivedRow: readonly CellValue[],
  expectedRow: readonly CellValue[],
  weights: Float64Array,
): number {
  if (weights.length === 0) return NaN;
  let score = 0;
  for (let j = 0; j < weights.length; j++) {
    const p = perceivedRow[j];
    const e = expectedRow[j];
    if (typeof p !== "number" || typeof e !== "number") return NaN;
    score += weights[j] * (p - e);
  }
  // A NaN or ±Infinity rating, or an overflowing difference, leaves a non-finite score.
  return score;
}

/**
 * A row the fast path could not finish: blank, an error, or a score beyond the double range.
 * Returns the score, or NaN with the row's error (if any) put in `errors`.
 */
function slowScore(rows: RatingRows, index: number, errors: Map<number, CoreError>): number {
  if (isBlankCustomer(rows.deciders, index)) return NaN;
  const score = scoreRow(rows, index);
  if (isCoreError(score)) {
    errors.set(index, score);
    return NaN;
  }
  return score;
}

function scoreRow(rows: RatingRows, index: number): number | CoreError {
  const perceivedRow = rowAt(rows.perceived, index);
  const expectedRow = rowAt(rows.expected, index);
  const { weights, perceivedAt, expectedAt } = rows;
  const wide = new WideSum();
  let score = 0;
  for (let j = 0; j < weights.length; j++) {
    const p = readRowNumber(perceivedRow[j], perceivedAt[j], index);
    if (isCoreError(p)) return p;
    const e = readRowNumber(expectedRow[j], expectedAt[j], index);
    if (isCoreError(e)) return e;
    if (p === null) return messages.blankInPartialRow(perceivedAt[j](index));
    if (e === null) return messages.blankInPartialRow(expectedAt[j](index));
    score += weights[j] * (p - e);
    // Each weight is at most 1, so wⱼ·p and wⱼ·e are finite even where p − e is not.
    wide.add(weights[j] * p);
    wide.add(-weights[j] * e);
  }
  if (Number.isFinite(score)) return score;
  const exact = wide.value();
  if (Number.isFinite(exact)) return exact;
  return messages.resultOutOfRange(`the score of row ${index + 1}`, "the ratings in that row");
}
