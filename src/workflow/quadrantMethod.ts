import { quadrantFormulas } from "./formulas";
import type { MethodInput } from "./methodInput";
import { requireColumn } from "./methodInput";
import type { MethodResult } from "./methodResult";
import { quadrantSegments, resolveCut } from "./quadrant";
import { compact } from "./validRows";

/**
 * The quadrant method over the table: cuts from the used rows, one "Segment" column written as
 * labels (default) or as live CX.SEGMENT formulas. O(n).
 */
export function runQuadrant(input: MethodInput): MethodResult {
  const { settings, mask, usedCount, table, headers } = input;
  const { valueCut: valueRule, matchCut: matchRule, labels } = settings.quadrant;
  const value = requireColumn(input, "value");
  const match = requireColumn(input, "match");
  const valueCut = resolveCut(valueRule, compact(value, mask, usedCount));
  const matchCut = resolveCut(matchRule, compact(match, mask, usedCount));
  const segmentOf = quadrantSegments(value, match, mask, valueCut, matchCut);
  const segmentNames = [...labels];
  const notes: string[] = [];
  let column;
  if (settings.output === "formulas") {
    const formulas = quadrantFormulas(
      {
        table,
        headers,
        valueColumn: settings.mapping.value as number,
        matchColumn: settings.mapping.match as number,
        valueCut: valueRule,
        matchCut: matchRule,
        labels,
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
  return {
    segmentNames,
    segmentOf,
    columns: [column],
    cutPoints: { value: [valueCut], match: [matchCut] },
    notes,
  };
}
