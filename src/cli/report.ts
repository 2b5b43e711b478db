/**
 * The runner's summary, as a table for people (stdout) or JSON for scripts (`--json`).
 */
import type { RunSummary } from "../workflow/types";

const percent = (share: number) => (Number.isFinite(share) ? `${(share * 100).toFixed(1)} %` : "–");
const amount = (x: number) =>
  x.toLocaleString("en-US", { maximumFractionDigits: 2, minimumFractionDigits: 2 });

/**
 * A fixed-width table: Segment | Customers | Share of customers | Value | Share of value, a Total
 * line, then the Pareto share of the top 20 %, the Gini coefficient, notes and the files written.
 *
 * @example
 * formatSummary(summary, [], ["out.xlsx"]).split("\n")[0]
 * // => "Segment    Customers  Share of customers  …"
 */
export function formatSummary(
  summary: RunSummary,
  notes: readonly string[],
  written: readonly string[],
): string {
  const header = ["Segment", "Customers", "Share of customers", "Value", "Share of value"];
  const rows = summary.segments.map((s) => [
    s.segment,
    String(s.customers),
    percent(s.customerShare),
    amount(s.totalValue),
    percent(s.valueShare),
  ]);
  rows.push(["Total", String(summary.customers), percent(1), amount(summary.totalValue), percent(1)]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  const lines = [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line), ""];
  lines.push(`Share of value from the top 20 % of customers (Pareto): ${percent(summary.paretoTop20)}`);
  lines.push(`Gini coefficient of value: ${Number.isFinite(summary.gini) ? summary.gini.toFixed(3) : "–"}`);
  for (const note of notes) lines.push(`Note: ${note}`);
  for (const file of written) lines.push(`Wrote ${file}`);
  return `${lines.join("\n")}\n`;
}

/**
 * The summary as plain JSON (shares as fractions, as everywhere in the add-in), with the Pareto
 * curve and, for RFM, the recency × frequency grid, for scripts that draw their own charts.
 */
export function summaryJson(summary: RunSummary, notes: readonly string[], written: readonly string[]) {
  return {
    method: summary.method,
    customers: summary.customers,
    totalValue: summary.totalValue,
    paretoTop20: summary.paretoTop20,
    gini: summary.gini,
    segments: summary.segments,
    cutPoints: summary.cutPoints,
    paretoCurve: summary.paretoCurve,
    ...(summary.rfmGrid ? { rfmGrid: summary.rfmGrid } : {}),
    notes,
    written,
  };
}
