import { abcClasses } from "../core/abcClass";
import type { MethodInput } from "./methodInput";
import { requireColumn } from "./methodInput";
import type { MethodResult } from "./methodResult";
import { compact } from "./validRows";

export const ABC_NAMES: readonly string[] = ["A", "B", "C"];

/**
 * Pareto ABC classes by cumulative share of value (see `abcClasses` for how the customer that
 * crosses a boundary is classed): an "ABC class" column and the "Cumulative value share" (0.00 %).
 * O(n log n).
 */
export function runAbc(input: MethodInput): MethodResult {
  const { settings, mask, usedCount } = input;
  const value = requireColumn(input, "value");
  const used = compact(value, mask, usedCount);
  const { classes, cumulativeShare } = abcClasses(used, settings.abc.aUpTo, settings.abc.bUpTo);
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
  if (settings.output === "formulas") {
    notes.push("ABC classes have no CX worksheet function: they were written as values.");
  }
  return {
    segmentNames: [...ABC_NAMES],
    segmentOf,
    columns: [
      { header: "ABC class", values: classColumn },
      { header: "Cumulative value share", values: shareColumn, numberFormat: "0.00%" },
    ],
    cutPoints: { abc: [settings.abc.aUpTo, settings.abc.bUpTo] },
    notes,
  };
}
