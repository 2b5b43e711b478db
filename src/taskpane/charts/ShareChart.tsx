import { HorizontalBarChartWithAxis } from "@fluentui/react-charts";
import type { RunSummary } from "../../workflow/types";
import { useFormats } from "../format";
import { ChartFrame } from "./ChartFrame";
import { CHART_COLORS, shareTicks } from "./chartColors";

export const CUSTOMERS_SERIES = "Customers";
export const VALUE_SERIES = "Value";
/** The value series of the lifetime value's tiers: their share of the total CLV. */
export const CLV_SERIES = "CLV";

/** Pixels per segment: two bars and the gap to the next pair. */
const SEGMENT_HEIGHT = 28;
/** Height of the axis, the legend and the margins around the bars. */
const FRAME_HEIGHT = 100;

/**
 * Per segment, the share of customers beside the share of value: the 80/20 picture in one glance
 * (a segment whose value bar outgrows its customer bar is where the value is). Horizontal bar pairs,
 * one row per segment in the summary's order, because segment names need the width a 320 px pane
 * does not have under vertical bars (RFM has eleven).
 *
 * Fluent's HorizontalBarChartWithAxis stacks bars that share a category, so the pairs sit on a
 * numeric y axis instead — segment i (from the top) at y = 3(n − i), customers 1 above value — with
 * the segment names as the axis' tick texts.
 */
export function ShareChart({ summary }: { summary: RunSummary }) {
  const formats = useFormats();
  const share = (fraction: number) => (Number.isFinite(fraction) ? fraction : 0);
  const shown = (fraction: number) => (Number.isFinite(fraction) ? formats.percent(fraction) : "—");
  const { segments } = summary;
  const n = segments.length;
  // The lifetime value's segments are its CLV tiers, and their value is CLV, not past value.
  const tiers = summary.lifetimeValue !== undefined;
  const valueSeries = tiers ? CLV_SERIES : VALUE_SERIES;
  const data = segments.flatMap((segment, i) => [
    {
      x: share(segment.customerShare),
      y: 3 * (n - i) + 1,
      legend: CUSTOMERS_SERIES,
      color: CHART_COLORS.secondary,
      xAxisCalloutData: shown(segment.customerShare),
      yAxisCalloutData: segment.segment,
    },
    {
      x: share(segment.valueShare),
      y: 3 * (n - i),
      legend: valueSeries,
      color: CHART_COLORS.primary,
      xAxisCalloutData: shown(segment.valueShare),
      yAxisCalloutData: segment.segment,
    },
  ]);
  const ticks = shareTicks(Math.max(...data.map((point) => point.x)));
  const longestName = Math.max(...segments.map((segment) => segment.segment.length));
  const largest = segments.reduce(
    (best, segment) => (share(segment.valueShare) > share(best.valueShare) ? segment : best),
    segments[0],
  );
  const description =
    largest === undefined
      ? "No segments."
      : `${largest.segment}: ${shown(largest.customerShare)} of the customers hold ${shown(largest.valueShare)} of the ${tiers ? "CLV" : "value"}. Grey bars: share of customers; blue bars: share of ${tiers ? "CLV" : "value"}.`;
  return (
    <ChartFrame
      id="shares"
      title={tiers ? "Customers and CLV per tier" : "Customers and value per segment"}
      description={description}
      height={FRAME_HEIGHT + SEGMENT_HEIGHT * n}
      table={{
        caption: tiers
          ? "Share of customers and of CLV per tier"
          : "Share of customers and of value per segment",
        headers: [tiers ? "CLV tier" : "Segment", "Customers", valueSeries],
        rows: segments.map((segment) => [
          segment.segment,
          shown(segment.customerShare),
          shown(segment.valueShare),
        ]),
        numeric: [1, 2],
      }}
    >
      {(width) => (
        <HorizontalBarChartWithAxis
          data={data}
          width={width}
          height={FRAME_HEIGHT + SEGMENT_HEIGHT * n}
          culture={formats.locale}
          barHeight={8}
          // The pairs sit at y = 3 … 3n + 1: half a pair's gap above and below them.
          yMinValue={1.5}
          yMaxValue={3 * n + 2.5}
          yAxisTickValues={segments.map((_segment, i) => 3 * (n - i) + 0.5)}
          yAxis={{ tickText: segments.map((segment) => segment.segment) }}
          showYAxisLables
          tickValues={ticks}
          xAxis={{ tickText: ticks.map((tick) => formats.percent(tick, 0)) }}
          xMaxValue={ticks[ticks.length - 1]}
          margins={{ left: Math.min(130, Math.max(56, 12 + 7 * longestName)), right: 14, top: 8, bottom: 28 }}
        />
      )}
    </ChartFrame>
  );
}
