/**
 * The charts of a run's summary, in the order the pane shows them. A chart is one entry: whether it
 * applies to a summary, and the component that draws it (each draws its own {@link ChartFrame}). A
 * new method or block adds its chart here — as the lifetime-value fit did (its tiers are the share
 * chart's segments), the retention curve next — without touching the summary view.
 */
import type { ComponentType } from "react";
import type { RunSummary } from "../../workflow/types";
import { FitChart } from "./FitChart";
import { LorenzChart } from "./LorenzChart";
import { RfmHeatmap } from "./RfmHeatmap";
import { ShareChart } from "./ShareChart";

export interface SummaryChart {
  /** Stable name, also the figure's test id (`chart-${id}`). */
  id: string;
  /** Whether this summary holds what the chart draws. */
  appliesTo(summary: RunSummary): boolean;
  Chart: ComponentType<{ summary: RunSummary }>;
}

export const SUMMARY_CHARTS: readonly SummaryChart[] = [
  { id: "shares", appliesTo: (summary) => summary.customers > 0, Chart: ShareChart },
  { id: "lorenz", appliesTo: (summary) => summary.paretoCurve.length > 1, Chart: LorenzChart },
  {
    id: "rfm-heatmap",
    appliesTo: (summary) => (summary.rfmGrid ?? []).some((cell) => cell.customers > 0),
    Chart: RfmHeatmap,
  },
  {
    id: "clv-fit",
    appliesTo: (summary) => (summary.lifetimeValue?.fitChart.length ?? 0) > 0,
    Chart: FitChart,
  },
];
