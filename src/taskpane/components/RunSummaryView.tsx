import {
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import type { RunSummary } from "../../workflow/types";
import { formatDecimal, formatInteger, formatPercent } from "../format";

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: "8px" },
  scroller: { overflowX: "auto" },
  table: { tableLayout: "auto" },
  number: { textAlign: "end", fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" },
  facts: { display: "grid", gridTemplateColumns: "auto 1fr", columnGap: "12px", rowGap: "2px", margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  definition: { margin: 0, fontVariantNumeric: "tabular-nums" },
  notes: { margin: 0, paddingInlineStart: "18px" },
});

export interface RunSummaryViewProps {
  summary: RunSummary;
}

/**
 * The result of the last run, as the workflow computed it: one line per segment, the Pareto share of
 * the top 20 %, the Gini coefficient, the cut points each score used, and the notes.
 */
export function RunSummaryView({ summary }: RunSummaryViewProps) {
  const styles = useStyles();
  const showSatisfaction = summary.segments.some((segment) => segment.averageSatisfaction !== null);
  const cutPoints = Object.entries(summary.cutPoints);
  return (
    <div className={styles.stack} data-testid="summary">
      <div className={styles.scroller} tabIndex={0} role="region" aria-label="Segments">
        <Table size="extra-small" aria-label="Customers per segment" className={styles.table}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Segment</TableHeaderCell>
              <TableHeaderCell className={styles.number}>Customers</TableHeaderCell>
              <TableHeaderCell className={styles.number}>Share</TableHeaderCell>
              <TableHeaderCell className={styles.number}>Value</TableHeaderCell>
              <TableHeaderCell className={styles.number}>Share of value</TableHeaderCell>
              {showSatisfaction && (
                <TableHeaderCell className={styles.number}>Avg. satisfaction</TableHeaderCell>
              )}
            </TableRow>
          </TableHeader>
          <TableBody>
            {summary.segments.map((segment) => (
              <TableRow key={segment.segment} data-testid="summary-row">
                <TableCell>{segment.segment}</TableCell>
                <TableCell className={styles.number}>{formatInteger(segment.customers)}</TableCell>
                <TableCell className={styles.number}>{formatPercent(segment.customerShare)}</TableCell>
                <TableCell className={styles.number}>{formatInteger(segment.totalValue)}</TableCell>
                <TableCell className={styles.number}>{formatPercent(segment.valueShare)}</TableCell>
                {showSatisfaction && (
                  <TableCell className={styles.number}>
                    {segment.averageSatisfaction === null ? "—" : formatDecimal(segment.averageSatisfaction)}
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <dl className={styles.facts}>
        <dt className={styles.term}>Customers</dt>
        <dd className={styles.definition}>{formatInteger(summary.customers)}</dd>
        <dt className={styles.term}>Total value</dt>
        <dd className={styles.definition}>{formatInteger(summary.totalValue)}</dd>
        <dt className={styles.term}>Top 20 % hold</dt>
        <dd className={styles.definition} data-testid="pareto-top20">
          {formatPercent(summary.paretoTop20)} of value
        </dd>
        <dt className={styles.term}>Gini coefficient</dt>
        <dd className={styles.definition} data-testid="gini">
          {formatDecimal(summary.gini)}
        </dd>
        {cutPoints.map(([name, points]) => (
          <CutPointsLine
            key={name}
            name={name}
            points={points}
            termClass={styles.term}
            valueClass={styles.definition}
          />
        ))}
      </dl>
      {summary.notes.length > 0 && (
        <div>
          <Text weight="semibold">Notes</Text>
          <ul className={styles.notes} data-testid="notes">
            {summary.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** How each cut-point list the workflow reports is named and shown. */
const CUT_POINT_NAMES: Record<string, { label: string; percent?: boolean }> = {
  value: { label: "Value cut" },
  match: { label: "Match cut" },
  recency: { label: "Recency cut points (days)" },
  frequency: { label: "Frequency cut points" },
  monetary: { label: "Monetary cut points" },
  abc: { label: "A | B up to", percent: true },
};

function CutPointsLine(props: { name: string; points: number[]; termClass: string; valueClass: string }) {
  const known = CUT_POINT_NAMES[props.name] ?? { label: `Cut points: ${props.name}` };
  const format = known.percent ? formatPercent : formatDecimal;
  return (
    <>
      <dt className={props.termClass}>{known.label}</dt>
      <dd className={props.valueClass} data-testid={`cut-points-${props.name}`}>
        {props.points.length === 0 ? "—" : props.points.map(format).join(" | ")}
      </dd>
    </>
  );
}
