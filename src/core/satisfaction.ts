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
 * O(n · factors).
 *
 * @example
 * // 0.5·(4−4) + 0.3·(3−4) + 0.2·(5−4) = −0.1
 * satisfaction([[4, 3, 5]], [[4, 4, 4]], [[0.5, 0.3, 0.2]])                  // => [-0.1]
 * satisfaction([[4, 3, 5]], [[4, 4, 4]], [[0.5, 0.3, 0.2]], "label", 0.25)   // => ["Satisfied"]
 */
import {
  blankDeciders,
  CellNamer,
  CellValue,
  columnCount,
  customerCount,
  flatten,
  Grid,
  isBlank,
  isBlankCustomer,
  parameters,
  readChoice,
  readNumberParameter,
  readRowNumber,
  rowAt,
  RowResult,
} from "./args";
import { CoreError, isCoreError, Result } from "./errors";
import { cellName, messages } from "./messages";

export type SatisfactionLabel = "Dissatisfied" | "Satisfied" | "Highly satisfied";

/** Relative slack when comparing a score with ±tolerance (see the module comment). */
const BOUNDARY_SLACK = 1e-12;

export function satisfaction(
  perceived: Grid,
  expected: Grid,
  weights: Grid | null = null,
  output: CellValue = null,
  tolerance: CellValue = null,
): Result<RowResult<number | SatisfactionLabel>[]> {
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

  const deciders = blankDeciders(args, n);
  const perceivedAt = factorNamers("perceived", perceived.length === 1, factors);
  const expectedAt = factorNamers("expected", expected.length === 1, factors);
  const results: RowResult<number | SatisfactionLabel>[] = new Array<RowResult<number | SatisfactionLabel>>(
    n,
  );
  for (let i = 0; i < n; i++) {
    if (isBlankCustomer(deciders, i)) {
      results[i] = "";
      continue;
    }
    const score = scoreRow(rowAt(perceived, i), rowAt(expected, i), normalised, i, perceivedAt, expectedAt);
    results[i] = isCoreError(score) || chosenOutput === "score" ? score : labelFor(score, zone);
  }
  return results;
}

/**
 * The label for a score and a zone of tolerance (see the module comment for the boundary slack).
 *
 * @example
 * labelFor(-0.1, 0.25) // => "Satisfied"
 */
export function labelFor(score: number, tolerance: number): SatisfactionLabel {
  const slack = BOUNDARY_SLACK * Math.max(1, Math.abs(tolerance));
  if (score < -tolerance - slack) return "Dissatisfied";
  if (score > tolerance + slack) return "Highly satisfied";
  return "Satisfied";
}

/**
 * Weights as fractions summing to 1. Omitted (or all blank) → equal weights. One number per factor,
 * each ≥ 0, not all 0; a single row or a single column both work.
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
  for (let j = 0; j < factors; j++) {
    const cell = cells[j];
    if (cell instanceof CoreError) return cell;
    if (isBlank(cell)) return messages.weightBlank(j + 1);
    if (typeof cell !== "number" || !Number.isFinite(cell)) {
      return messages.optionNotANumber(`weight ${j + 1}`, cell, "zero or more");
    }
    if (cell < 0) return messages.weightNegative(j + 1, cell);
    result[j] = cell;
    total += cell;
  }
  if (total === 0) return messages.weightsAllZero();
  for (let j = 0; j < factors; j++) result[j] /= total;
  return result;
}

/** For each factor, how to name its cell in row `index` of an argument (a broadcast argument has only row 1). */
function factorNamers(argument: string, broadcast: boolean, factors: number): CellNamer[] {
  return Array.from(
    { length: factors },
    (_, j) => (index: number) => cellName(argument, broadcast ? 1 : index + 1, j + 1, factors),
  );
}

function scoreRow(
  perceivedRow: readonly CellValue[],
  expectedRow: readonly CellValue[],
  weights: Float64Array,
  index: number,
  perceivedAt: readonly CellNamer[],
  expectedAt: readonly CellNamer[],
): number | CoreError {
  let score = 0;
  for (let j = 0; j < weights.length; j++) {
    const perceivedCell = perceivedRow[j];
    const expectedCell = expectedRow[j];
    if (typeof perceivedCell === "number" && typeof expectedCell === "number") {
      const difference = perceivedCell - expectedCell;
      if (difference - difference === 0) {
        // both finite: the common case, without the reading rules' function calls
        score += weights[j] * difference;
        continue;
      }
    }
    const p = readRowNumber(perceivedRow[j], perceivedAt[j], index);
    if (isCoreError(p)) return p;
    const e = readRowNumber(expectedRow[j], expectedAt[j], index);
    if (isCoreError(e)) return e;
    if (p === null) return messages.blankInPartialRow(perceivedAt[j](index));
    if (e === null) return messages.blankInPartialRow(expectedAt[j](index));
    score += weights[j] * (p - e);
  }
  return score;
}
