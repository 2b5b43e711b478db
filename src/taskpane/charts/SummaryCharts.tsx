import { makeStyles } from "@fluentui/react-components";
import type { RunSummary } from "../../workflow/types";
import { SUMMARY_CHARTS } from "./summaryCharts";

const useStyles = makeStyles({
  charts: { display: "flex", flexDirection: "column", gap: "16px", minWidth: 0 },
});

/** Every chart of {@link SUMMARY_CHARTS} that applies to this summary, one below the other. */
export function SummaryCharts({ summary }: { summary: RunSummary }) {
  const styles = useStyles();
  return (
    <div className={styles.charts} data-testid="summary-charts">
      {SUMMARY_CHARTS.filter((chart) => chart.appliesTo(summary)).map(({ id, Chart }) => (
        <Chart key={id} summary={summary} />
      ))}
    </div>
  );
}
