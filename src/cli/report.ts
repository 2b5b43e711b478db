/**
 * The runner's summary, as a table for people (stdout) or JSON for scripts (`--json`).
 */
import { type PeriodName, periodPlural } from "../core/purchasePeriod";
import type { LifetimeValueSummary, RetentionSummary, RunSummary } from "../workflow/types";

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
  const lifetime = summary.lifetimeValue;
  const header = lifetime
    ? ["CLV tier", "Customers", "Share of customers", "CLV", "Share of CLV"]
    : ["Segment", "Customers", "Share of customers", "Value", "Share of value"];
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
  if (lifetime) lines.push(...lifetimeValueLines(lifetime));
  else {
    lines.push(`Share of value from the top 20 % of customers (Pareto): ${percent(summary.paretoTop20)}`);
    lines.push(`Gini coefficient of value: ${Number.isFinite(summary.gini) ? summary.gini.toFixed(3) : "–"}`);
  }
  if (summary.retention) lines.push(...retentionLines(summary.retention));
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
    ...(summary.lifetimeValue ? lifetimeValueJson(summary.lifetimeValue) : {}),
    ...(summary.orderLog ? { orderLog: summary.orderLog } : {}),
    ...(summary.retention ? { retention: summary.retention } : {}),
    notes,
    written,
  };
}

/** Four significant digits, as the papers print parameters (0.2426, 4.414, 15.44). */
const parameter = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(4))) : "–");

/**
 * The lifetime-value lines: the fitted models, the tiers' expected purchases, the value at risk,
 * the fit chart's numbers (actual vs expected customers by repeat purchases) and, from an order log
 * with orders after the as-of date, the holdout check.
 */
function lifetimeValueLines(lifetime: LifetimeValueSummary): string[] {
  const { model, tiers, valueAtRisk, fitChart, holdout } = lifetime;
  const g = model.bgnbd;
  const s = model.gammaGamma;
  const lines = [
    `BG/NBD: r ${parameter(g.r)}, alpha ${parameter(g.alpha)}, a ${parameter(g.a)}, b ${parameter(g.b)}, log-likelihood ${g.logLikelihood.toFixed(2)}`,
    `Gamma-Gamma: p ${parameter(s.p)}, q ${parameter(s.q)}, v ${parameter(s.v)}, log-likelihood ${s.logLikelihood.toFixed(2)}`,
    `As of ${model.asOf}, ${model.horizon} ${model.period}${model.horizon === 1 ? "" : "s"} ahead, margin ${percent(model.margin)}, discount ${percent(model.discount)} a year`,
    `Expected purchases in the horizon: ${tiers.map((t) => `${t.tier} ${amount(t.expectedPurchases)}`).join(", ")}`,
    `Value at risk (P(alive) below 50 %): ${valueAtRisk.customers} customers` +
      (valueAtRisk.pastValue === null
        ? ""
        : `, past value ${amount(valueAtRisk.pastValue)} (${percent(valueAtRisk.pastValueShare ?? NaN)} of all)`) +
      `, CLV ${amount(valueAtRisk.lifetimeValue)}`,
    `Fit (customers by repeat purchases, actual / expected): ${fitChart
      .map((bin) => `${bin.repeatPurchases}: ${bin.actual} / ${bin.expected.toFixed(1)}`)
      .join(", ")}`,
  ];
  if (holdout) lines.push(...holdoutLines(holdout, model.period));
  return lines;
}

/**
 * The holdout check: the holdout's dates, the totals, then per group of calibration repeat
 * purchases the customers and the mean actual / expected purchases per customer ("–" for a group
 * without customers).
 */
function holdoutLines(holdout: NonNullable<LifetimeValueSummary["holdout"]>, period: PeriodName): string[] {
  const periods = Number(holdout.periods.toFixed(2));
  const mean = (x: number | null) => (x === null ? "–" : x.toFixed(2));
  return [
    `Holdout ${holdout.from} to ${holdout.to} (${periods} ${periods === 1 ? period : periodPlural(period)}), ` +
      `${holdout.customers} customers: actual ${holdout.total.actual} purchases, expected ${holdout.total.expected.toFixed(1)}`,
    `Holdout per customer by repeat purchases (customers: actual / expected): ${holdout.groups
      .map((g) => `${g.repeatPurchases} (${g.customers}): ${mean(g.actual)} / ${mean(g.expected)}`)
      .join(", ")}`,
  ];
}

/** `--json`'s "model" (the fitted parameters and the run's period settings) and "lifetimeValue". */
function lifetimeValueJson(lifetime: LifetimeValueSummary) {
  const { model, tiers, valueAtRisk, fitChart, holdout } = lifetime;
  const { r, alpha, a, b, logLikelihood, iterations, converged, standardErrors } = model.bgnbd;
  const spend = model.gammaGamma;
  return {
    model: {
      bgnbd: { r, alpha, a, b, logLikelihood, iterations, converged, standardErrors },
      gammaGamma: {
        p: spend.p,
        q: spend.q,
        v: spend.v,
        logLikelihood: spend.logLikelihood,
        iterations: spend.iterations,
        converged: spend.converged,
        standardErrors: spend.standardErrors,
      },
      period: model.period,
      horizon: model.horizon,
      periodsPerYear: model.periodsPerYear,
      margin: model.margin,
      discount: model.discount,
      asOf: model.asOf,
    },
    lifetimeValue: { tiers, valueAtRisk, fitChart, ...(holdout ? { holdout } : {}) },
  };
}

/**
 * The retention block as text: the two windows, then per segment the base customers, retained,
 * rate, lifetime value per customer and what a 5-point churn cut is worth, and who had too little
 * history. "–" where a figure has no value (no base customers).
 */
function retentionLines(r: RetentionSummary): string[] {
  const money = (x: number | null) => (x === null ? "–" : amount(x));
  const rate = (x: number | null) => (x === null ? "–" : percent(x));
  const header = ["Segment", "Base", "Retained", "Retention", "Value per customer", "5-point churn cut"];
  const rows = [...r.segments, r.total].map((line) => [
    line.segment,
    String(line.baseCustomers),
    String(line.retainedCustomers),
    rate(line.retentionRate),
    money(line.lifetimeValue),
    money(line.churnCutValue),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  return [
    "",
    `Retention (bought ${r.baseFrom} – ${r.baseTo} and again ${r.lastFrom} – ${r.lastTo}; margin ${percent(r.marginShare)}, discount ${percent(r.annualDiscount)} a year):`,
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    `Too little history (first purchase in the last ${r.period}): ${r.total.tooLittleHistory} customer${r.total.tooLittleHistory === 1 ? "" : "s"}, not in the rates.`,
  ];
}
