import { HeatMapChart } from "@fluentui/react-charts";
import type { RunSummary } from "../../workflow/types";
import { useFormats } from "../format";
import { ChartFrame } from "./ChartFrame";
import { CHART_COLORS } from "./chartColors";

type GridCell = NonNullable<RunSummary["rfmGrid"]>[number];

/**
 * RFM: recency score × frequency score, each cell coloured by the mean monetary value of its
 * customers — the heatmap R's `rfm` package draws (`rfm_heatmap`). Score 5 is the best in both:
 * the top-right cell holds the most recent, most frequent buyers. Empty cells are left blank.
 * Drawn from the summary's `rfmGrid` (25 cells).
 */
export function RfmHeatmap({ summary }: { summary: RunSummary }) {
  const formats = useFormats();
  const grid = summary.rfmGrid ?? [];
  const filled = grid.filter(
    (cell): cell is GridCell & { meanMonetary: number } => cell.meanMonetary !== null,
  );
  const means = filled.map((cell) => cell.meanMonetary);
  const low = Math.min(...means);
  const high = Math.max(...means);
  // One row (legend) per frequency score, as HeatMapChart groups its cells. Numeric axes keep the
  // scores in order (string axes follow the order the cells come in) with 5 at the top right.
  const data = [5, 4, 3, 2, 1]
    .map((frequency) => ({
      legend: `Frequency ${frequency}`,
      value: frequency,
      data: filled
        .filter((cell) => cell.frequencyScore === frequency)
        .map((cell) => ({
          x: cell.recencyScore,
          y: cell.frequencyScore,
          value: cell.meanMonetary,
          rectText: formats.compact(cell.meanMonetary),
          descriptionMessage: `${formats.integer(cell.customers)} customers, mean value ${formats.decimal(cell.meanMonetary)}`,
        })),
    }))
    .filter((row) => row.data.length > 0);
  const best = filled.reduce<(typeof filled)[number] | null>(
    (top, cell) => (top === null || cell.meanMonetary > top.meanMonetary ? cell : top),
    null,
  );
  const description =
    best === null
      ? "No customer has both scores."
      : `Highest mean value ${formats.decimal(best.meanMonetary)} at recency ${best.recencyScore}, frequency ${best.frequencyScore} (5 = most recent, most frequent).`;
  return (
    <ChartFrame
      id="rfm-heatmap"
      title="Mean value by recency and frequency"
      description={description}
      height={260}
      table={{
        caption: "Customers and mean monetary value per recency and frequency score",
        headers: ["Recency", "Frequency", "Customers", "Mean value"],
        rows: grid.map((cell) => [
          String(cell.recencyScore),
          String(cell.frequencyScore),
          formats.integer(cell.customers),
          cell.meanMonetary === null ? "—" : formats.decimal(cell.meanMonetary),
        ]),
        numeric: [0, 1, 2, 3],
      }}
    >
      {(width) => (
        <HeatMapChart
          data={data}
          width={width}
          height={260}
          culture={formats.locale}
          domainValuesForColorScale={[low, (low + high) / 2, high]}
          rangeValuesForColorScale={[...CHART_COLORS.scale]}
          xAxisTitle="Recency score"
          yAxisTitle="Frequency score"
          xAxisNumberFormatString="d"
          yAxisNumberFormatString="d"
          hideLegend
          margins={{ left: 64, right: 8, top: 8, bottom: 56 }}
        />
      )}
    </ChartFrame>
  );
}
