import { LineChart } from "@fluentui/react-charts";
import type { RunSummary } from "../../workflow/types";
import { useFormats } from "../format";
import { ChartFrame } from "./ChartFrame";
import { CHART_COLORS } from "./chartColors";

export const CURVE_SERIES = "Pareto curve";
export const EQUALITY_SERIES = "Equal shares";
export const TOP20_SERIES = "Top 20 %";

/** Ticks of both axes: 0 %, 20 %, …, 100 %. */
const TICKS = [0, 0.2, 0.4, 0.6, 0.8, 1];
/** Rows of the chart's table: every 10 % of customers. */
const TABLE_STEP = 0.1;

/**
 * The Lorenz (Pareto) curve: customers ranked by value, largest first, against the share of value
 * they hold, with the top-20 % point marked, the diagonal of equal shares, and the Gini coefficient
 * in the description (twice the area between the curve and the diagonal). Drawn from the summary's
 * `paretoCurve` (at most 101 points) and `paretoTop20`.
 */
export function LorenzChart({ summary }: { summary: RunSummary }) {
  const formats = useFormats();
  const { paretoCurve, paretoTop20, gini } = summary;
  const point = (customerShare: number, valueShare: number) => ({
    x: customerShare,
    y: valueShare,
    xAxisCalloutData: `Top ${formats.percent(customerShare, 0)} of customers`,
    yAxisCalloutData: `${formats.percent(valueShare)} of value`,
  });
  const lines = [
    {
      legend: CURVE_SERIES,
      data: paretoCurve.map((p) => point(p.customerShare, p.valueShare)),
      color: CHART_COLORS.primary,
      hideNonActiveDots: true,
      // "lines" spelled out: with one series in "markers" mode, the chart draws only the lines that ask.
      lineOptions: { mode: "lines" as const, strokeWidth: 3 },
    },
    {
      legend: EQUALITY_SERIES,
      data: [point(0, 0), point(1, 1)],
      color: CHART_COLORS.secondary,
      hideNonActiveDots: true,
      lineOptions: { mode: "lines" as const, strokeDasharray: "4 4", strokeWidth: 1 },
    },
    ...(Number.isFinite(paretoTop20)
      ? [
          {
            legend: TOP20_SERIES,
            data: [point(0.2, paretoTop20)],
            color: CHART_COLORS.highlight,
            lineOptions: { mode: "markers" as const },
          },
        ]
      : []),
  ];
  const rows = paretoCurve
    .filter((p) => isStep(p.customerShare, TABLE_STEP))
    .map((p) => [formats.percent(p.customerShare, 0), formats.percent(p.valueShare)]);
  const description = Number.isFinite(paretoTop20)
    ? `The top 20 % of customers hold ${formats.percent(paretoTop20)} of the value. Gini coefficient ${formats.coefficient(gini)} (0 = equal, 1 = one customer holds everything).`
    : "The share of value is not defined for these values.";
  return (
    <ChartFrame
      id="lorenz"
      title="Pareto curve"
      description={description}
      height={320}
      table={{
        caption: "Share of value held by the top customers",
        headers: ["Top customers", "Share of value"],
        rows,
        numeric: [0, 1],
      }}
    >
      {(width) => (
        <LineChart
          data={{ lineChartData: lines }}
          width={width}
          height={320}
          culture={formats.locale}
          xMinValue={0}
          xMaxValue={1}
          yMinValue={0}
          yMaxValue={1}
          tickValues={TICKS}
          xAxis={{ tickText: TICKS.map((tick) => formats.percent(tick, 0)) }}
          yAxisTickValues={TICKS}
          yAxisTickFormat={(value: number) => formats.percent(value, 0)}
          enabledLegendsWrapLines
          margins={{ left: 44, right: 20, top: 12, bottom: 36 }}
        />
      )}
    </ChartFrame>
  );
}

/** Whether `share` is a whole multiple of `step` (0.3 is, 0.33 is not), within rounding. */
function isStep(share: number, step: number): boolean {
  const multiple = share / step;
  return Math.abs(multiple - Math.round(multiple)) < 1e-9;
}
