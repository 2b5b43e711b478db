/**
 * The RFM method over the table: recency (days since the last purchase up to the as-of date,
 * `src/core/recencyDays.ts`), frequency (orders) and monetary (value) are each scored 1–5 by
 * quintile cut points of the customers (or the user's typed cuts, `src/core/rfmScore.ts`), higher
 * is better; the scores name a segment by the rule table of R's `rfm` (`src/core/rfmRules.ts`).
 * O(n) per dimension.
 */
import { isoToSerial } from "../../core/excelDate";
import { recencyDays } from "../../core/recencyDays";
import { rfmGrid } from "../../core/rfmGrid";
import { OTHER_SEGMENT, RFM_RULES, rfmSegmentIndex } from "../../core/rfmRules";
import { quintileCuts, scoreByCuts } from "../../core/rfmScore";
import { pass } from "../problems";
import { compact } from "../validRows";
import { isRecord, requireColumn, type SegmentationMethod } from "./method";

export type RfmDimension = "recency" | "frequency" | "monetary";

export interface RfmSettings {
  /** Recency is counted in days up to this date (ISO yyyy-mm-dd); default today. */
  asOf: string;
  /**
   * Typed cut points per dimension (4 ascending numbers each, splitting scores 1|2|3|4|5), or null to
   * use quintiles of the data. Recency cuts are in days (fewer days = better = higher score).
   */
  cuts: Record<RfmDimension, number[] | null>;
}

const DIMENSIONS: readonly RfmDimension[] = ["recency", "frequency", "monetary"];
const DIMENSION_NAMES: Record<RfmDimension, string> = {
  recency: "Recency",
  frequency: "Frequency",
  monetary: "Monetary",
};

/**
 * Excel serial day number (1900 date system) of an as-of date `yyyy-mm-dd` (no time), or null when
 * it is not one or the day does not exist (`src/core/excelDate.ts`: no 31 February, no month 13).
 *
 * @example
 * asOfSerial("2024-01-31") // => 45322
 * asOfSerial("2026-13-45") // => null
 */
export function asOfSerial(iso: string): number | null {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? isoToSerial(iso) : null;
}

function isCuts(x: unknown): x is number[] | null {
  return x === null || (Array.isArray(x) && x.every((c) => typeof c === "number"));
}

/** Scores 1–5 for every used row (0 for rows left out), and how many customers got each score. */
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

function formatCut(cut: number): string {
  return Number.isInteger(cut) ? String(cut) : cut.toFixed(2);
}

export const rfm: SegmentationMethod<"rfm"> = {
  id: "rfm",
  title: "RFM scores (recency, frequency, monetary)",
  name: "RFM",
  summaryTitle: "RFM scores and segments",
  segmentHeader: "RFM segment",
  requiredRoles: ["lastPurchase", "orders", "value"],

  defaults: (today) => ({ asOf: today, cuts: { recency: null, frequency: null, monetary: null } }),

  restore(saved, defaults) {
    const out: RfmSettings = { asOf: defaults.asOf, cuts: { ...defaults.cuts } };
    if (!isRecord(saved)) return out;
    if (typeof saved.asOf === "string") out.asOf = saved.asOf;
    const cuts = saved.cuts;
    if (isRecord(cuts)) {
      for (const dimension of DIMENSIONS) {
        const typed = cuts[dimension];
        if (isCuts(typed)) out.cuts[dimension] = typed === null ? null : [...typed];
      }
    }
    return out;
  },

  check(settings) {
    if (asOfSerial(settings.asOf) === null) {
      return {
        code: "invalid-setting",
        setting: "asOf",
        rule: `must be a date that exists, in the form yyyy-mm-dd (got "${settings.asOf}")`,
      };
    }
    for (const dimension of DIMENSIONS) {
      const cuts = settings.cuts[dimension];
      if (cuts === null) continue;
      const ascending = cuts.every((c, i) => Number.isFinite(c) && (i === 0 || c >= cuts[i - 1]));
      if (cuts.length !== 4 || !ascending) {
        return {
          code: "invalid-setting",
          setting: `rfmCuts.${dimension}`,
          rule: "must be four ascending numbers (they split scores 1|2|3|4|5)",
        };
      }
    }
    return null;
  },

  run({ settings, output, numbers, mask, usedCount }) {
    const asOf = asOfSerial(settings.asOf) as number;
    const days = recencyDays(requireColumn(numbers, "lastPurchase"), asOf);
    const monetary = requireColumn(numbers, "value");
    const measures: Record<RfmDimension, Float64Array> = {
      recency: days,
      frequency: requireColumn(numbers, "orders"),
      monetary,
    };
    const notes: string[] = [];
    const cutPoints: Record<string, number[]> = {};
    const scores = {} as Record<RfmDimension, Uint8Array>;
    for (const dimension of DIMENSIONS) {
      const typed = settings.cuts[dimension];
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
        `${future} last purchase date${future === 1 ? " is" : "s are"} after the as-of date ${settings.asOf}: counted as the most recent.`,
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
    if (output === "formulas") {
      notes.push("RFM has no CX worksheet function: its results were written as values.");
    }
    return pass({
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
      rfmGrid: rfmGrid(scores.recency, scores.frequency, monetary, mask),
    });
  },
};
