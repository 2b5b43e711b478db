/**
 * The value × strategic match quadrants over the table, as `CX.SEGMENT` computes them: the rule and
 * the cuts are `src/core/quadrant.ts`; this entry reads the settings, writes one "Segment" column as
 * labels (default) or as live `CX.SEGMENT` formulas (`../formulas.ts`). O(n).
 */
import { type CutRule, QUADRANT_NAMES, quadrantCodes, resolveCut } from "../../core/quadrant";
import { quadrantFormulas } from "../formulas";
import { compact } from "../validRows";
import { isRecord, requireColumn, type SegmentationMethod } from "./method";
import { pass, stop } from "../problems";
import { columnRefOf } from "../stages/customers";

export interface QuadrantSettings {
  valueCut: CutRule;
  matchCut: CutRule;
  /** Names for Strategic, Profit, Potential, Ordinary, in that order. */
  labels: [string, string, string, string];
}

function isCutRule(x: unknown): x is CutRule {
  if (!isRecord(x)) return false;
  return x.kind === "median" || x.kind === "mean" || (x.kind === "number" && typeof x.value === "number");
}

export const quadrant: SegmentationMethod<"quadrant"> = {
  id: "quadrant",
  title: "Value × strategic match (4 quadrants)",
  name: "quadrant",
  summaryTitle: "Value × strategic match quadrants",
  segmentHeader: "Segment",
  requiredRoles: ["value", "match"],

  defaults: () => ({
    valueCut: { kind: "median" },
    matchCut: { kind: "median" },
    labels: [...QUADRANT_NAMES],
  }),

  restore(saved, defaults) {
    const out = { ...defaults, labels: [...defaults.labels] as QuadrantSettings["labels"] };
    if (!isRecord(saved)) return out;
    if (isCutRule(saved.valueCut)) out.valueCut = saved.valueCut;
    if (isCutRule(saved.matchCut)) out.matchCut = saved.matchCut;
    const labels = saved.labels;
    if (Array.isArray(labels) && labels.length === 4 && labels.every((l) => typeof l === "string")) {
      out.labels = [...labels] as QuadrantSettings["labels"];
    }
    return out;
  },

  check({ labels, valueCut, matchCut }) {
    if (labels.length !== 4) {
      return {
        code: "invalid-setting",
        setting: "labels",
        rule: `must be four names (got ${labels.length})`,
      };
    }
    const empty = labels.findIndex((l) => typeof l !== "string" || l.trim() === "");
    if (empty >= 0) {
      return {
        code: "invalid-setting",
        setting: "labels",
        rule: `must be four names, none of them empty (name ${empty + 1} is empty)`,
      };
    }
    const keys = labels.map((l) => l.trim().toLowerCase());
    const twice = keys.findIndex((key, i) => keys.indexOf(key) !== i);
    if (twice >= 0) {
      return {
        code: "invalid-setting",
        setting: "labels",
        rule: `must differ from each other ("${labels[twice].trim()}" comes twice), or the summary could not tell the segments apart`,
      };
    }
    for (const [setting, rule] of [
      ["valueCut", valueCut],
      ["matchCut", matchCut],
    ] as const) {
      if (rule.kind === "number" && !Number.isFinite(rule.value))
        return { code: "invalid-setting", setting, rule: "must be a number" };
    }
    return null;
  },

  run({ settings, output, source, numbers, mask, usedCount }) {
    const { valueCut: valueRule, matchCut: matchRule, labels } = settings;
    const value = requireColumn(numbers, "value");
    const match = requireColumn(numbers, "match");
    const valueCut = resolveCut(valueRule, compact(value, mask, usedCount));
    const matchCut = resolveCut(matchRule, compact(match, mask, usedCount));
    // A median of huge values may leave the finite range; never segment on ±Infinity.
    if (!Number.isFinite(valueCut))
      return stop({ code: "number-overflow", column: columnRefOf(source, "value"), what: "cut" });
    if (!Number.isFinite(matchCut))
      return stop({ code: "number-overflow", column: columnRefOf(source, "match"), what: "cut" });
    const segmentOf = quadrantCodes(value, match, mask, valueCut, matchCut);
    const segmentNames = [...labels];
    const notes: string[] = [];
    let column;
    if (output === "formulas" && source.kind === "customer-table") {
      const formulas = quadrantFormulas(
        {
          table: source.table,
          headers: source.headers,
          valueColumn: source.mapping.value as number,
          matchColumn: source.mapping.match as number,
          valueCut: valueRule,
          matchCut: matchRule,
          labels,
          cutRows: source.table.rowCount - source.totalsRows,
        },
        mask,
      );
      column = { header: "Segment", formulas };
      notes.push("The segment column holds live CX.SEGMENT formulas: they need the add-in to calculate.");
    } else {
      const values = new Array<string | null>(segmentOf.length);
      for (let i = 0; i < segmentOf.length; i++)
        values[i] = segmentOf[i] >= 0 ? segmentNames[segmentOf[i]] : null;
      column = { header: "Segment", values };
    }
    return pass({
      segmentNames,
      segmentOf,
      columns: [column],
      cutPoints: { value: [valueCut], match: [matchCut] },
      notes,
    });
  },
};
