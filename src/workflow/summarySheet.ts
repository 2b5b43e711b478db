/**
 * The summary sheet a run adds: the per-segment table, concentration figures, cut points, notes and
 * the Pareto curve's data, plus two charts (segment value shares, Pareto of value). Pure: it builds
 * a {@link SheetContent}; the workbook writes it.
 */
import type { Block, CellValue, ChartSpec, SheetContent } from "../workbook/workbook";
import type { ParetoPoint } from "./summary";
import type { RunSummary } from "./types";

const METHOD_TITLES: Record<RunSummary["method"], string> = {
  quadrant: "Value × strategic match quadrants",
  rfm: "RFM scores and segments",
  abc: "Pareto ABC classes",
};

/** Row of the segment table's header; the segments follow directly below. */
const TABLE_ROW = 4;
/** First column of the Pareto data block (column H). */
const PARETO_COLUMN = 7;
/** First column of the charts (column L). */
const CHART_COLUMN = 11;

/** A number, or a blank cell for NaN (a 0 would be a wrong answer; "#NUM!" text would look like an error). */
function numberOrBlank(x: number): CellValue {
  return Number.isFinite(x) ? x : null;
}

export function buildSummarySheet(
  name: string,
  summary: RunSummary,
  pareto: readonly ParetoPoint[],
  source: string,
  satisfactionMapped: boolean,
): SheetContent {
  const rows: CellValue[][] = [];
  const formats: { block: Block; format: string }[] = [];
  const block = (row: number, column: number, rowCount: number, columnCount: number): Block => ({
    sheet: name,
    row,
    column,
    rowCount,
    columnCount,
  });

  rows.push(["Customer segmentation", METHOD_TITLES[summary.method]]);
  rows.push(["Table", source]);
  rows.push(["Customers", summary.customers]);
  rows.push([]);
  const header: CellValue[] = ["Segment", "Customers", "Share of customers", "Total value", "Share of value"];
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
  rows.push([]);
  rows.push(["Cut points"]);
  for (const [dimension, cuts] of Object.entries(summary.cutPoints))
    rows.push([dimension, ...cuts.map(numberOrBlank)]);
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
  return { name, cells: rows, numberFormats: formats, charts };
}

function ensureRows(rows: CellValue[][], count: number): void {
  while (rows.length < count) rows.push([]);
}

function setCell(rows: CellValue[][], row: number, column: number, value: CellValue): void {
  const line = rows[row];
  while (line.length < column) line.push(null);
  line[column] = value;
}
