/**
 * The summary sheet a run adds: the per-segment table, concentration figures, cut points, for RFM
 * the recency × frequency grid of mean monetary value, notes and the Pareto curve's data, plus three
 * charts (value shares by segment, share of customers beside share of value by segment, Pareto of
 * value). Pure: it builds a {@link SheetContent}; the workbook writes it.
 */
import type { RfmGridCell } from "../core/rfmGrid";
import type { Block, CellValue, ChartSpec, SheetContent } from "../workbook/workbook";
import type { ParetoPoint } from "./summary";
import type { RunSummary } from "./types";

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
  if (summary.rfmGrid) {
    rows.push([]);
    const gridRow = rows.length;
    rows.push(...rfmGridRows(summary.rfmGrid));
    formats.push({ block: block(gridRow + 2, 1, 5, 5), format: "#,##0.00" });
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
  return { name, cells: rows, numberFormats: formats, charts };
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
