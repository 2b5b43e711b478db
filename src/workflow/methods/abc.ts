/**
 * Pareto ABC classes by cumulative share of value (`src/core/abcClass.ts` says how the customer
 * that crosses a boundary is classed): an "ABC class" column and the "Cumulative value share"
 * (0.00 %). Shares of a total are defined only for values of 0 or more with a positive total, so
 * negative values are refused (or skipped) before the method runs, and a total of 0 stops it.
 * O(n log n).
 */
import { abcClasses } from "../../core/abcClass";
import { pass, stop } from "../problems";
import { columnRefOf } from "../stages/customers";
import { compact } from "../validRows";
import { isRecord, requireColumn, type SegmentationMethod } from "./method";

export interface AbcSettings {
  /** Cumulative share of value up to which customers are class A (default 0.8) and B (default 0.95). */
  aUpTo: number;
  bUpTo: number;
}

export const ABC_NAMES: readonly string[] = ["A", "B", "C"];

export const abc: SegmentationMethod<"abc"> = {
  id: "abc",
  title: "Pareto ABC classes (cumulative share of value)",
  name: "ABC",
  summaryTitle: "Pareto ABC classes",
  segmentHeader: "ABC class",
  requiredRoles: ["value"],
  nonNegativeRoles: ["value"],

  defaults: () => ({ aUpTo: 0.8, bUpTo: 0.95 }),

  restore(saved, defaults) {
    const out = { ...defaults };
    if (!isRecord(saved)) return out;
    if (typeof saved.aUpTo === "number") out.aUpTo = saved.aUpTo;
    if (typeof saved.bUpTo === "number") out.bUpTo = saved.bUpTo;
    return out;
  },

  check({ aUpTo, bUpTo }) {
    if (!(aUpTo > 0 && aUpTo <= bUpTo && bUpTo <= 1)) {
      return {
        code: "invalid-setting",
        setting: "abc",
        rule: `must satisfy 0 < A (${aUpTo}) ≤ B (${bUpTo}) ≤ 1, as fractions: 0.8 = 80 %`,
      };
    }
    return null;
  },

  run({ settings, output, source, numbers, mask, usedCount }) {
    const value = requireColumn(numbers, "value");
    const used = compact(value, mask, usedCount);
    let total = 0;
    for (let i = 0; i < used.length; i++) total += used[i];
    if (!(total > 0))
      return stop({ code: "zero-total", methodName: "ABC", column: columnRefOf(source, "value") });
    const { classes, cumulativeShare } = abcClasses(used, settings.aUpTo, settings.bUpTo);
    const n = value.length;
    const segmentOf = new Int32Array(n);
    const classColumn = new Array<string | null>(n);
    const shareColumn = new Array<number | null>(n);
    let k = 0;
    for (let i = 0; i < n; i++) {
      if (!mask[i]) {
        segmentOf[i] = -1;
        classColumn[i] = shareColumn[i] = null;
        continue;
      }
      segmentOf[i] = classes[k];
      classColumn[i] = ABC_NAMES[classes[k]];
      shareColumn[i] = cumulativeShare[k];
      k++;
    }
    const notes: string[] = [];
    if (output === "formulas") {
      notes.push("ABC classes have no CX worksheet function: they were written as values.");
    }
    return pass({
      segmentNames: [...ABC_NAMES],
      segmentOf,
      columns: [
        { header: "ABC class", values: classColumn },
        { header: "Cumulative value share", values: shareColumn, numberFormat: "0.00%" },
      ],
      cutPoints: { abc: [settings.aUpTo, settings.bUpTo] },
      notes,
    });
  },
};
