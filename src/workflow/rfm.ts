/**
 * The RFM method: recency (days since the last purchase up to the as-of date), frequency (orders) and
 * monetary (value) are each scored 1–5 by quintile cut points of the used rows (or the user's typed
 * cuts), higher is better; the scores name a segment by the rule table in `rfmRules.ts`.
 */
import { quintileCuts, scoreByCuts } from "../core/rfmScore";
import type { MethodInput } from "./methodInput";
import { requireColumn } from "./methodInput";
import type { MethodResult } from "./methodResult";
import { OTHER_SEGMENT, RFM_RULES, rfmSegmentIndex } from "./rfmRules";
import { asOfSerial } from "./validate";
import { compact } from "./validRows";

type Dimension = "recency" | "frequency" | "monetary";
const DIMENSION_NAMES: Record<Dimension, string> = {
  recency: "Recency",
  frequency: "Frequency",
  monetary: "Monetary",
};

/**
 * Days from each last purchase to the as-of date. Only the day counts: a date with a time of day
 * (serial 45300.75) is the day 45300.
 *
 * @example
 * recencyDays(Float64Array.of(45292, 45300.75), 45322) // => [30, 22]
 */
export function recencyDays(lastPurchase: Float64Array, asOf: number): Float64Array {
  const days = new Float64Array(lastPurchase.length);
  for (let i = 0; i < lastPurchase.length; i++) days[i] = asOf - Math.floor(lastPurchase[i]);
  return days;
}

/** Scores 1–5 for every used row (0 for rows left out), and which scores no customer got. */
function scoreColumn(
  values: Float64Array,
  mask: Uint8Array,
  cuts: readonly number[],
  higherIsBetter: boolean,
): { scores: Uint8Array; counts: number[] } {
  const scores = new Uint8Array(values.length);
  const counts = [0, 0, 0, 0, 0, 0];
  for (let i = 0; i < values.length; i++) {
    if (!mask[i]) continue;
    const score = scoreByCuts(values[i], cuts, higherIsBetter);
    scores[i] = score;
    counts[score]++;
  }
  return { scores, counts };
}

export function runRfm(input: MethodInput): MethodResult {
  const { settings, mask, usedCount } = input;
  const asOf = asOfSerial(settings.rfm.asOf) as number;
  const days = recencyDays(requireColumn(input, "lastPurchase"), asOf);
  const measures: Record<Dimension, Float64Array> = {
    recency: days,
    frequency: requireColumn(input, "orders"),
    monetary: requireColumn(input, "value"),
  };
  const notes: string[] = [];
  const cutPoints: Record<string, number[]> = {};
  const scores = {} as Record<Dimension, Uint8Array>;
  for (const dimension of ["recency", "frequency", "monetary"] as const) {
    const typed = settings.rfm.cuts[dimension];
    const cuts = typed ?? quintileCuts(compact(measures[dimension], mask, usedCount));
    cutPoints[dimension] = [...cuts];
    const scored = scoreColumn(measures[dimension], mask, cuts, dimension !== "recency");
    scores[dimension] = scored.scores;
    const empty = [1, 2, 3, 4, 5].filter((s) => scored.counts[s] === 0);
    if (empty.length > 0 && usedCount > 0) {
      notes.push(
        `${DIMENSION_NAMES[dimension]}: no customer has score ${empty.join(", ")} — ` +
          `equal values share a score, so ties at the cut points (${cuts.map(formatCut).join(" | ")}) leave ${empty.length === 1 ? "it" : "them"} empty.`,
      );
    }
  }
  let future = 0;
  for (let i = 0; i < days.length; i++) if (mask[i] && days[i] < 0) future++;
  if (future > 0) {
    notes.push(
      `${future} last purchase date${future === 1 ? " is" : "s are"} after the as-of date ${settings.rfm.asOf}: counted as the most recent.`,
    );
  }

  const segmentNames = [...RFM_RULES.map((r) => r.segment), OTHER_SEGMENT];
  const n = days.length;
  const segmentOf = new Int32Array(n);
  const daysColumn = new Array<number | null>(n);
  const rColumn = new Array<number | null>(n);
  const fColumn = new Array<number | null>(n);
  const mColumn = new Array<number | null>(n);
  const rfmColumn = new Array<number | null>(n);
  const segmentColumn = new Array<string | null>(n);
  for (let i = 0; i < n; i++) {
    if (!mask[i]) {
      segmentOf[i] = -1;
      daysColumn[i] = rColumn[i] = fColumn[i] = mColumn[i] = rfmColumn[i] = segmentColumn[i] = null;
      continue;
    }
    const r = scores.recency[i];
    const f = scores.frequency[i];
    const m = scores.monetary[i];
    const code = rfmSegmentIndex(r, f, m);
    segmentOf[i] = code;
    daysColumn[i] = days[i];
    rColumn[i] = r;
    fColumn[i] = f;
    mColumn[i] = m;
    rfmColumn[i] = r * 100 + f * 10 + m;
    segmentColumn[i] = segmentNames[code];
  }
  if (settings.output === "formulas") {
    notes.push("RFM has no CX worksheet function: its results were written as values.");
  }
  return {
    segmentNames,
    segmentOf,
    columns: [
      { header: "Recency days", values: daysColumn, numberFormat: "0" },
      { header: "R score", values: rColumn },
      { header: "F score", values: fColumn },
      { header: "M score", values: mColumn },
      { header: "RFM score", values: rfmColumn },
      { header: "RFM segment", values: segmentColumn },
    ],
    cutPoints,
    notes,
    rfmGrid: rfmGrid(scores.recency, scores.frequency, measures.monetary, mask),
  };
}

/**
 * Customers and mean monetary value per recency score × frequency score, the numbers behind R's
 * `rfm_heatmap`: 25 cells, recency 1…5, each with frequency 1…5. Rows left out (mask 0) are not
 * counted; an empty cell's mean is null. O(n).
 *
 * @example
 * // R scores 5, 5, 1; F scores 4, 4, 1; values 100, 300, 50 →
 * // cell (R 5, F 4): 2 customers, mean 200; cell (R 1, F 1): 1 customer, mean 50; 23 empty cells
 */
export function rfmGrid(
  recency: Uint8Array,
  frequency: Uint8Array,
  monetary: Float64Array,
  mask: Uint8Array,
): NonNullable<MethodResult["rfmGrid"]> {
  const counts = new Float64Array(25);
  const sums = new Float64Array(25);
  for (let i = 0; i < mask.length; i++) {
    if (!mask[i]) continue;
    const cell = (recency[i] - 1) * 5 + (frequency[i] - 1);
    counts[cell]++;
    sums[cell] += monetary[i];
  }
  return Array.from({ length: 25 }, (_, cell) => ({
    recencyScore: Math.floor(cell / 5) + 1,
    frequencyScore: (cell % 5) + 1,
    customers: counts[cell],
    meanMonetary: counts[cell] === 0 ? null : sums[cell] / counts[cell],
  }));
}

function formatCut(cut: number): string {
  return Number.isInteger(cut) ? String(cut) : cut.toFixed(2);
}
