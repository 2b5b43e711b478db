/**
 * The summary sheet a run adds: the per-segment table, concentration figures, cut points, for RFM
 * the recency × frequency grid of mean monetary value, notes and the Pareto curve's data, plus three
 * charts (value shares by segment, share of customers beside share of value by segment, Pareto of
 * value). Pure: it builds a {@link SheetContent}; the workbook writes it.
 */
import { periodPlural } from "../core/purchasePeriod";
import type { RfmGridCell } from "../core/rfmGrid";
import type { Block, CellValue, ChartSpec, SheetContent } from "../workbook/workbook";
import type { ParetoPoint } from "./summary";
import type { LifetimeValueSummary, RetentionSummary, RunSummary } from "./types";

/** Row of the segment table's header; the segments follow directly below. */
const TABLE_ROW = 4;
/** First column of the Pareto data block (column H). */
const PARETO_COLUMN = 7;
/** First column of the charts (column L). */
const CHART_COLUMN = 11;
/** First column of the second column of charts (column T). */
const SECOND_CHART_COLUMN = 19;

/** What the summary sheet shows. */
export interface SummarySheetInput {
  name: string;
  summary: RunSummary;
  /** The method's summary title (its registry entry's `summaryTitle`). */
  title: string;
  pareto: readonly ParetoPoint[];
  /** The table's name, or its range. */
  source: string;
  satisfactionMapped: boolean;
}

/** A number, or a blank cell for NaN (a 0 would be a wrong answer; "#NUM!" text would look like an error). */
function numberOrBlank(x: number): CellValue {
  return Number.isFinite(x) ? x : null;
}

/**
 * The summary sheet's cells, number formats and charts. Layout: facts in A1:B3, the segment table
 * from row 5 (A–E, F for satisfaction), concentration and cut points below it, the RFM grid and the
 * notes after; the Pareto data in H–J from row 5; the charts from column L.
 */
export function buildSummarySheet(input: SummarySheetInput): SheetContent {
  const { name, summary, title, pareto, source, satisfactionMapped } = input;
  const rows: CellValue[][] = [];
  const formats: { block: Block; format: string }[] = [];
  const block = (row: number, column: number, rowCount: number, columnCount: number): Block => ({
    sheet: name,
    row,
    column,
    rowCount,
    columnCount,
  });

  rows.push(["Customer segmentation", title]);
  rows.push(["Table", source]);
  rows.push(["Customers", summary.customers]);
  rows.push([]);
  const lifetime = summary.lifetimeValue;
  const header: CellValue[] = lifetime
    ? ["CLV tier", "Customers", "Share of customers", "Lifetime value", "Share of lifetime value"]
    : ["Segment", "Customers", "Share of customers", "Total value", "Share of value"];
  if (satisfactionMapped) header.push("Average satisfaction");
  rows.push(header);
  for (const s of summary.segments) {
    const line: CellValue[] = [
      s.segment,
      s.customers,
      numberOrBlank(s.customerShare),
      s.totalValue,
      numberOrBlank(s.valueShare),
    ];
    if (satisfactionMapped) line.push(s.averageSatisfaction);
    rows.push(line);
  }
  const k = summary.segments.length;
  rows.push([
    "Total",
    summary.customers,
    summary.customers > 0 ? 1 : null,
    summary.totalValue,
    summary.totalValue !== 0 ? 1 : null,
  ]);
  formats.push({ block: block(TABLE_ROW + 1, 2, k + 1, 1), format: "0.0%" });
  formats.push({ block: block(TABLE_ROW + 1, 4, k + 1, 1), format: "0.0%" });
  rows.push([]);
  const paretoRow = rows.length;
  rows.push(["Share of value held by the top 20 % of customers", numberOrBlank(summary.paretoTop20)]);
  formats.push({ block: block(paretoRow, 1, 1, 1), format: "0.0%" });
  rows.push(["Gini coefficient of value (0 = equal, 1 = concentrated)", numberOrBlank(summary.gini)]);
  formats.push({ block: block(paretoRow + 1, 1, 1, 1), format: "0.000" });
  const cutEntries = Object.entries(summary.cutPoints);
  if (cutEntries.length > 0) {
    rows.push([]);
    rows.push(["Cut points"]);
    for (const [dimension, cuts] of cutEntries) rows.push([dimension, ...cuts.map(numberOrBlank)]);
  }
  let fitChart: ChartSpec | null = null;
  let holdoutChart: ChartSpec | null = null;
  if (lifetime) {
    const added = lifetimeValueRows(lifetime, rows.length);
    rows.push(...added.rows);
    for (const f of added.formats)
      formats.push({ block: block(f.row, f.column, f.rowCount, f.columnCount), format: f.format });
    const binCount = lifetime.fitChart.length;
    fitChart = {
      kind: "column",
      title: "Customers by repeat purchases: actual and expected (BG/NBD)",
      categories: block(added.fitRow, 0, binCount, 1),
      series: [
        { name: "Actual", values: block(added.fitRow, 1, binCount, 1) },
        { name: "Expected (BG/NBD)", values: block(added.fitRow, 2, binCount, 1) },
      ],
      anchor: { row: 36, column: CHART_COLUMN, rowCount: 18, columnCount: 9 },
    };
    if (lifetime.holdout && added.holdoutRow !== null) {
      const groups = lifetime.holdout.groups.length;
      holdoutChart = {
        kind: "column",
        title: "Holdout: actual vs expected purchases per customer by repeat purchases",
        categories: block(added.holdoutRow, 0, groups, 1),
        series: [
          { name: "Actual", values: block(added.holdoutRow, 2, groups, 1) },
          { name: "Expected (BG/NBD)", values: block(added.holdoutRow, 3, groups, 1) },
        ],
        anchor: { row: 36, column: SECOND_CHART_COLUMN + 2, rowCount: 18, columnCount: 9 },
      };
    }
  }
  if (summary.rfmGrid) {
    rows.push([]);
    const gridRow = rows.length;
    rows.push(...rfmGridRows(summary.rfmGrid));
    formats.push({ block: block(gridRow + 2, 1, 5, 5), format: "#,##0.00" });
  }
  let retentionRows: { first: number; count: number } | null = null;
  if (summary.retention) {
    rows.push([]);
    const first = rows.length;
    const lines = retentionRowsOf(summary.retention);
    rows.push(...lines);
    // Title, windows, header; then the segments and the total.
    const count = lines.length - 3;
    formats.push({ block: block(first + 3, 3, count, 1), format: "0.0%" });
    formats.push({ block: block(first + 3, 4, count, 2), format: "#,##0.00" });
    retentionRows = { first: first + 3, count: count - 1 };
  }
  if (summary.notes.length > 0) {
    rows.push([]);
    rows.push(["Notes"]);
    for (const note of summary.notes) rows.push([note]);
  }

  // The Pareto curve's data beside the table, where the chart reads it.
  ensureRows(rows, TABLE_ROW + 1 + pareto.length);
  setCell(rows, TABLE_ROW, PARETO_COLUMN, "Customers (largest first)");
  setCell(rows, TABLE_ROW, PARETO_COLUMN + 1, "Value");
  setCell(rows, TABLE_ROW, PARETO_COLUMN + 2, "Cumulative share of value");
  pareto.forEach((point, i) => {
    setCell(rows, TABLE_ROW + 1 + i, PARETO_COLUMN, point.label);
    setCell(rows, TABLE_ROW + 1 + i, PARETO_COLUMN + 1, point.value);
    setCell(rows, TABLE_ROW + 1 + i, PARETO_COLUMN + 2, numberOrBlank(point.cumulativeShare));
  });
  if (pareto.length > 0)
    formats.push({ block: block(TABLE_ROW + 1, PARETO_COLUMN + 2, pareto.length, 1), format: "0.0%" });

  const charts: ChartSpec[] = [];
  if (k > 0) {
    charts.push({
      kind: "pie",
      title: "Share of value by segment",
      categories: block(TABLE_ROW + 1, 0, k, 1),
      series: [{ name: "Share of value", values: block(TABLE_ROW + 1, 4, k, 1) }],
      anchor: { row: 0, column: CHART_COLUMN, rowCount: 16, columnCount: 7 },
    });
  }
  if (k > 0) {
    charts.push({
      kind: "column",
      title: "Share of customers and share of value by segment",
      categories: block(TABLE_ROW + 1, 0, k, 1),
      series: [
        { name: "Share of customers", values: block(TABLE_ROW + 1, 2, k, 1) },
        { name: "Share of value", values: block(TABLE_ROW + 1, 4, k, 1) },
      ],
      anchor: { row: 0, column: SECOND_CHART_COLUMN, rowCount: 16, columnCount: 8 },
    });
  }
  if (pareto.length > 0) {
    charts.push({
      kind: "pareto",
      title: "Pareto: value by customers, largest first",
      categories: block(TABLE_ROW + 1, PARETO_COLUMN, pareto.length, 1),
      series: [
        { name: "Value", values: block(TABLE_ROW + 1, PARETO_COLUMN + 1, pareto.length, 1) },
        {
          name: "Cumulative share of value",
          values: block(TABLE_ROW + 1, PARETO_COLUMN + 2, pareto.length, 1),
        },
      ],
      anchor: { row: 17, column: CHART_COLUMN, rowCount: 18, columnCount: 9 },
    });
  }
  if (fitChart) charts.push(fitChart);
  if (holdoutChart) charts.push(holdoutChart);
  if (retentionRows && retentionRows.count > 0) {
    // Beside the segment charts: what a customer of each segment is worth at its observed retention.
    charts.push({
      kind: "column",
      title: "Lifetime value per customer by segment (observed retention)",
      categories: block(retentionRows.first, 0, retentionRows.count, 1),
      series: [{ name: "Value per customer", values: block(retentionRows.first, 4, retentionRows.count, 1) }],
      anchor: { row: 17, column: SECOND_CHART_COLUMN + 2, rowCount: 18, columnCount: 8 },
    });
  }
  return { name, cells: rows, numberFormats: formats, charts };
}

/**
 * The lifetime-value block, from row `start` (0-based): the fitted models with their
 * log-likelihoods and standard errors, the run's horizon and money settings, the tier table, the
 * value at risk, the fit chart's data (`fitRow` is the chart data's first row) and, from an order
 * log with orders after the as-of date, the holdout check (`holdoutRow`: its groups' first row).
 */
function lifetimeValueRows(
  lifetime: LifetimeValueSummary,
  start: number,
): {
  rows: CellValue[][];
  formats: { row: number; column: number; rowCount: number; columnCount: number; format: string }[];
  fitRow: number;
  holdoutRow: number | null;
} {
  const { model, tiers, valueAtRisk, fitChart, holdout } = lifetime;
  const g = model.bgnbd;
  const s = model.gammaGamma;
  const se = g.standardErrors;
  const spendSe = s.standardErrors;
  const rows: CellValue[][] = [
    [],
    ["Lifetime value model"],
    [
      "BG/NBD (who is still a customer, how often they buy)",
      "r",
      "alpha",
      "a",
      "b",
      "Log-likelihood",
      "Iterations",
    ],
    ["Estimate", g.r, g.alpha, g.a, g.b, g.logLikelihood, g.iterations],
    ["Standard error", ...(se ? [se.r, se.alpha, se.a, se.b] : [null, null, null, null])],
    ["Gamma-Gamma (how much they spend)", "p", "q", "v", "Log-likelihood", "Iterations"],
    ["Estimate", s.p, s.q, s.v, s.logLikelihood, s.iterations],
    ["Standard error", ...(spendSe ? [spendSe.p, spendSe.q, spendSe.v] : [null, null, null])],
    ["As of", model.asOf],
    ["Period", model.period],
    ["Horizon (periods)", model.horizon],
    ["Periods per year", model.periodsPerYear],
    ["Margin", model.margin],
    ["Annual discount", model.discount],
    [],
    [
      "CLV tier",
      "Customers",
      "Share of customers",
      "Expected purchases",
      "Lifetime value",
      "Share of lifetime value",
    ],
  ];
  const tierRow = start + rows.length;
  for (const t of tiers) {
    rows.push([
      t.tier,
      t.customers,
      numberOrBlank(t.customerShare),
      t.expectedPurchases,
      t.lifetimeValue,
      numberOrBlank(t.lifetimeValueShare),
    ]);
  }
  rows.push([]);
  const riskRow = start + rows.length;
  rows.push(["Value at risk: customers with P(alive) below 50 %", valueAtRisk.customers]);
  rows.push(["Their past value", valueAtRisk.pastValue]);
  rows.push(["Share of all past value", valueAtRisk.pastValueShare]);
  rows.push(["Their lifetime value", valueAtRisk.lifetimeValue]);
  rows.push([]);
  rows.push(["Fit: customers by repeat purchases"]);
  rows.push(["Repeat purchases", "Actual customers", "Expected customers (BG/NBD)"]);
  const fitRow = start + rows.length;
  for (const bin of fitChart) rows.push([bin.repeatPurchases, bin.actual, bin.expected]);
  const settingsRow = start + 12;
  const formats = [
    { row: tierRow, column: 2, rowCount: tiers.length, columnCount: 1, format: "0.0%" },
    { row: tierRow, column: 3, rowCount: tiers.length, columnCount: 3, format: "#,##0.00" },
    { row: tierRow, column: 5, rowCount: tiers.length, columnCount: 1, format: "0.0%" },
    { row: settingsRow, column: 1, rowCount: 2, columnCount: 1, format: "0.0%" },
    { row: riskRow + 1, column: 1, rowCount: 1, columnCount: 1, format: "#,##0.00" },
    { row: riskRow + 2, column: 1, rowCount: 1, columnCount: 1, format: "0.0%" },
    { row: riskRow + 3, column: 1, rowCount: 1, columnCount: 1, format: "#,##0.00" },
    { row: fitRow, column: 2, rowCount: fitChart.length, columnCount: 1, format: "0.0" },
  ];
  let holdoutRow: number | null = null;
  if (holdout) {
    const unit = periodPlural(model.period);
    const periods = Number(holdout.periods.toFixed(2));
    rows.push([]);
    rows.push(["Holdout check: purchases after the as-of date"]);
    rows.push([
      `${holdout.from} to ${holdout.to} (${periods} ${periods === 1 ? model.period : unit}), ${holdout.customers} customer${holdout.customers === 1 ? "" : "s"} known on the as-of date`,
    ]);
    rows.push([
      "Repeat purchases",
      "Customers",
      "Actual purchases per customer",
      "Expected purchases per customer (BG/NBD)",
    ]);
    holdoutRow = start + rows.length;
    for (const group of holdout.groups)
      rows.push([group.repeatPurchases, group.customers, group.actual, group.expected]);
    rows.push(["Total purchases in the holdout: actual", holdout.total.actual]);
    rows.push(["Total purchases in the holdout: expected (BG/NBD)", holdout.total.expected]);
    const groups = holdout.groups.length;
    formats.push({ row: holdoutRow, column: 2, rowCount: groups, columnCount: 2, format: "0.00" });
    formats.push({ row: holdoutRow + groups + 1, column: 1, rowCount: 1, columnCount: 1, format: "0.0" });
  }
  return { rows, formats, fitRow, holdoutRow };
}

/**
 * The retention block (`retention.ts`) as rows in columns A–G (H onwards holds the Pareto data): a
 * title, the two windows with the margin and discount, a header, one row per segment and the total.
 * A figure without a value (no base customers) is a blank cell.
 */
function retentionRowsOf(r: RetentionSummary): CellValue[][] {
  const orBlank = (x: number | null): CellValue => (x === null ? null : numberOrBlank(x));
  return [
    ["Retention (observed in the order log)"],
    [
      `Bought ${r.baseFrom} to ${r.baseTo} (base) and again ${r.lastFrom} to ${r.lastTo}; margin ${Math.round(r.marginShare * 1000) / 10} % of value, discount ${Math.round(r.annualDiscount * 1000) / 10} % a year`,
    ],
    [
      "Segment",
      "Base customers",
      "Retained",
      "Retention rate",
      "Value per customer",
      "Worth of a 5-point churn cut",
      "Too little history",
    ],
    ...[...r.segments, r.total].map((line) => [
      line.segment,
      line.baseCustomers,
      line.retainedCustomers,
      orBlank(line.retentionRate),
      orBlank(line.lifetimeValue),
      orBlank(line.churnCutValue),
      line.tooLittleHistory,
    ]),
  ];
}

/**
 * The RFM grid as a small table: a title row, a header row (frequency scores 1–5), then one row per
 * recency score 1–5 with the mean monetary value of each cell (blank where no customer is).
 */
function rfmGridRows(grid: readonly RfmGridCell[]): CellValue[][] {
  const out: CellValue[][] = [["Mean monetary value by recency score (rows) and frequency score (columns)"]];
  out.push(["Recency \\ Frequency", "F 1", "F 2", "F 3", "F 4", "F 5"]);
  for (let r = 1; r <= 5; r++) {
    const line: CellValue[] = [`R ${r}`];
    for (let f = 1; f <= 5; f++) {
      const cell = grid.find((c) => c.recencyScore === r && c.frequencyScore === f);
      line.push(cell && cell.meanMonetary !== null ? numberOrBlank(cell.meanMonetary) : null);
    }
    out.push(line);
  }
  return out;
}

function ensureRows(rows: CellValue[][], count: number): void {
  while (rows.length < count) rows.push([]);
}

function setCell(rows: CellValue[][], row: number, column: number, value: CellValue): void {
  const line = rows[row];
  while (line.length < column) line.push(null);
  line[column] = value;
}
