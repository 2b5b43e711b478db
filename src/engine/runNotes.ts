/**
 * The sentences a run shows (notes and problems) in the words of the JavaScript workflow, for the
 * engine's runs: the same text for the same data, whichever engine ran. They mirror
 * `src/workflow/run.ts` and `src/workflow/rfm.ts`, which keep them inline today;
 * test/engine/duckdbEngine.test.ts compares every summary (notes included) with the workflow's, so
 * a change there that is not made here fails that test. When the workflow exports them (its method
 * registry, issue 8), these should become imports.
 */
import type { Problem } from "../workflow/types";

const DIMENSION_NAMES = { recency: "Recency", frequency: "Frequency", monetary: "Monetary" } as const;

function formatCut(cut: number): string {
  return Number.isInteger(cut) ? String(cut) : cut.toFixed(2);
}

/** RFM: a score that no customer got, because ties sit on the cut points. */
export function emptyScoresNote(
  dimension: keyof typeof DIMENSION_NAMES,
  empty: readonly number[],
  cuts: readonly number[],
): string {
  return (
    `${DIMENSION_NAMES[dimension]}: no customer has score ${empty.join(", ")} — ` +
    `equal values share a score, so ties at the cut points (${cuts.map(formatCut).join(" | ")}) leave ${empty.length === 1 ? "it" : "them"} empty.`
  );
}

/** RFM: last purchases after the as-of date. */
export function futurePurchasesNote(count: number, asOf: string): string {
  return `${count} last purchase date${count === 1 ? " is" : "s are"} after the as-of date ${asOf}: counted as the most recent.`;
}

/** Rows left out because a needed cell is not a number; `rows` are the first Excel row numbers. */
export function skippedRowsNote(skipped: number, rows: readonly number[]): string {
  return (
    `${skipped} row${skipped === 1 ? " was" : "s were"} left unsegmented (blank result) because a mapped cell is not a number: ` +
    `row${rows.length === 1 ? "" : "s"} ${rows.join(", ")}${skipped > rows.length ? ", …" : ""}.`
  );
}

export const NEGATIVE_VALUES_NOTE =
  "Some values are negative: the Pareto share and the Gini coefficient are not defined and were left blank.";

export function satisfactionIgnoredNote(count: number): string {
  return `${count} satisfaction cell${count === 1 ? " is" : "s are"} blank or not a number and left out of the averages.`;
}

export function noCustomersProblem(headerRowNumber: number): Problem {
  return {
    code: "no-data",
    message: `The table has a header row but no customers below it (row ${headerRowNumber}).`,
    rows: [headerRowNumber],
  };
}

export const NO_USABLE_ROWS: Problem = {
  code: "no-data",
  message:
    "No row has numbers in all the mapped columns, so there is nothing to segment. Check the column mapping.",
};

export const ABC_TOTAL_NOT_POSITIVE: Problem = {
  code: "invalid-setting",
  message: "ABC classes need a positive total value; the value column sums to 0 or less.",
};

/** ABC (issue 8): a negative value has no share of value, so the run stops and names the rows. */
export function negativeAbcValuesProblem(count: number, rows: readonly number[]): Problem {
  const more = count > rows.length ? ` (first ${rows.length} of ${count})` : "";
  return {
    code: "invalid-setting",
    message:
      `ABC classes need values of 0 or more, but ${count} value${count === 1 ? " is" : "s are"} negative: ` +
      `row${rows.length === 1 ? "" : "s"} ${rows.join(", ")}${more}. Fix ${count === 1 ? "it" : "them"} or map another value column.`,
    rows: [...rows],
    count,
  };
}
