import { GroupedVerticalBarChart } from "@fluentui/react-charts";
import type { RunSummary } from "../../workflow/types";
import { useFormats } from "../format";
import { ChartFrame } from "./ChartFrame";
import { CHART_COLORS, countTicks } from "./chartColors";

export const ACTUAL_SERIES = "Actual";
export const EXPECTED_SERIES = "Expected (BG/NBD)";

type FitBin = NonNullable<RunSummary["lifetimeValue"]>["fitChart"][number];

const HEIGHT = 240;

/**
 * The BG/NBD fit chart (Fader, Hardie & Lee 2005, figure 2): how many customers made 0, 1, …, 6 and
 * 7 or more repeat purchases, beside how many the fitted model expects, Σ over customers of
 * P(X(T) = x) at each customer's own age T. Bars of the same height mean the model describes the
 * customer base; a gap says where it does not. Grouped vertical bars, one pair per bin (eight pairs
 * fit a 320 px pane: the bin labels are one or two characters). Drawn from the summary's
 * `lifetimeValue.fitChart`.
 */
export function FitChart({ summary }: { summary: RunSummary }) {
  const formats = useFormats();
  const bins = summary.lifetimeValue?.fitChart ?? [];
  const expectedText = (bin: FitBin) => formats.cell(bin.expected, { fractionDigits: 1 });
  const binText = (bin: FitBin) =>
    `${bin.repeatPurchases} repeat purchase${bin.repeatPurchases === "1" ? "" : "s"}`;
  const data = bins.map((bin) => ({
    name: bin.repeatPurchases,
    series: [
      {
        key: "actual",
        data: bin.actual,
        legend: ACTUAL_SERIES,
        color: CHART_COLORS.secondary,
        xAxisCalloutData: binText(bin),
        yAxisCalloutData: `${formats.integer(bin.actual)} customers`,
      },
      {
        key: "expected",
        data: bin.expected,
        legend: EXPECTED_SERIES,
        color: CHART_COLORS.primary,
        xAxisCalloutData: binText(bin),
        yAxisCalloutData: `${expectedText(bin)} customers`,
      },
    ],
  }));
  const ticks = countTicks(Math.max(...bins.flatMap((bin) => [bin.actual, bin.expected])));
  const customers = bins.reduce((sum, bin) => sum + bin.actual, 0);
  const first = bins[0];
  const last = bins[bins.length - 1];
  const widest = bins.reduce<FitBin | null>(
    (best, bin) =>
      best === null || Math.abs(bin.actual - bin.expected) > Math.abs(best.actual - best.expected)
        ? bin
        : best,
    null,
  );
  const description =
    first === undefined || last === undefined || widest === null
      ? "No customers."
      : `Of ${formats.integer(customers)} customers, ${formats.integer(first.actual)} made no repeat purchase (the model expects ${expectedText(first)}) and ${formats.integer(last.actual)} made ${last.repeatPurchases} (expected ${expectedText(last)}). Largest gap at ${binText(widest)}: ${formats.integer(widest.actual)} actual, ${expectedText(widest)} expected.`;
  return (
    <ChartFrame
      id="clv-fit"
      title="Repeat purchases: actual and expected"
      description={description}
      height={HEIGHT}
      table={{
        caption: "Customers by number of repeat purchases, actual and expected by the BG/NBD model",
        headers: ["Repeat purchases", "Actual", "Expected"],
        rows: bins.map((bin) => [bin.repeatPurchases, formats.integer(bin.actual), expectedText(bin)]),
        numeric: [1, 2],
      }}
    >
      {(width) => (
        <GroupedVerticalBarChart
          data={data}
          width={width}
          height={HEIGHT}
          culture={formats.locale}
          barWidth="auto"
          maxBarWidth={14}
          hideLabels
          xAxisTitle="Repeat purchases"
          yAxisTickValues={ticks}
          yMaxValue={ticks[ticks.length - 1]}
          yAxisTickFormat={(value: number) => formats.integer(value)}
          enabledLegendsWrapLines
          margins={{ left: 48, right: 8, top: 12, bottom: 44 }}
        />
      )}
    </ChartFrame>
  );
}
