import {
  Caption1,
  makeStyles,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from "@fluentui/react-components";
import { lazy, Suspense } from "react";
import type { RunSummary } from "../../workflow/types";
import { fractionDigitsOf, useFormats, type PaneFormats } from "../format";

/**
 * The charts are their own bundle (charts.js, about a third of the pane's code with
 * @fluentui/react-charts and d3), loaded when the first summary is shown: the pane opens without it.
 */
const SummaryCharts = lazy(() =>
  import(/* webpackChunkName: "charts" */ "../charts/SummaryCharts").then((module) => ({
    default: module.SummaryCharts,
  })),
);

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: "12px", minWidth: 0 },
  // Three columns that fit 320 px: the name may wrap, the numbers never do.
  table: { tableLayout: "auto", width: "100%" },
  nameCell: { overflowWrap: "anywhere", verticalAlign: "top", paddingBlock: "4px" },
  numberCell: {
    textAlign: "end",
    fontVariantNumeric: "tabular-nums",
    whiteSpace: "nowrap",
    verticalAlign: "top",
    paddingBlock: "4px",
  },
  headerNumber: { textAlign: "end", "& > div": { justifyContent: "flex-end" } },
  stacked: { display: "flex", flexDirection: "column", alignItems: "flex-end" },
  name: { display: "flex", flexDirection: "column" },
  secondary: { color: tokens.colorNeutralForeground3 },
  total: { fontWeight: tokens.fontWeightSemibold },
  facts: { display: "flex", flexDirection: "column", rowGap: "2px", margin: 0 },
  // Term left, value right; a long value (four cut points) moves under its term instead of squeezing it.
  fact: { display: "flex", flexWrap: "wrap", justifyContent: "space-between", columnGap: "12px" },
  term: { color: tokens.colorNeutralForeground3 },
  definition: { margin: 0, marginInlineStart: "auto", fontVariantNumeric: "tabular-nums", textAlign: "end" },
  notes: { margin: 0, paddingInlineStart: "18px" },
});

export interface RunSummaryViewProps {
  summary: RunSummary;
}

/**
 * The result of the last run, as the workflow computed it: one row per segment (its share of the
 * customers over their count, its share of the value over its total), a total row, the charts, the
 * Pareto share of the top 20 %, the Gini coefficient, the cut points each score used, and the notes.
 * Laid out for a 320 px pane: three columns, two lines per row, nothing clipped or scrolled.
 */
export function RunSummaryView({ summary }: RunSummaryViewProps) {
  const styles = useStyles();
  const formats = useFormats();
  const share = (fraction: number) => (Number.isFinite(fraction) ? formats.percent(fraction) : "—");
  const cutPoints = Object.entries(summary.cutPoints);
  const lifetime = summary.lifetimeValue;
  return (
    <div className={styles.stack} data-testid="summary">
      <Table size="extra-small" aria-label="Customers and value per segment" className={styles.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{lifetime ? "CLV tier" : "Segment"}</TableHeaderCell>
            <TableHeaderCell className={styles.headerNumber}>Customers</TableHeaderCell>
            <TableHeaderCell className={styles.headerNumber}>{lifetime ? "CLV" : "Value"}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {summary.segments.map((segment) => (
            <TableRow key={segment.segment} data-testid="summary-row">
              <TableCell className={styles.nameCell}>
                <span className={styles.name}>
                  <span data-testid="segment-name">{segment.segment}</span>
                  {segment.averageSatisfaction !== null && (
                    <Caption1 className={styles.secondary} data-testid="segment-satisfaction">
                      Satisfaction {formats.decimal(segment.averageSatisfaction)}
                    </Caption1>
                  )}
                </span>
              </TableCell>
              <TableCell className={styles.numberCell}>
                <Stacked
                  first={share(segment.customerShare)}
                  second={formats.integer(segment.customers)}
                  secondTestId="segment-customers"
                />
              </TableCell>
              <TableCell className={styles.numberCell}>
                <Stacked
                  first={share(segment.valueShare)}
                  second={formats.integer(segment.totalValue)}
                  secondTestId="segment-value"
                />
              </TableCell>
            </TableRow>
          ))}
          <TableRow className={styles.total} data-testid="summary-total">
            <TableCell className={styles.nameCell}>All customers</TableCell>
            <TableCell className={styles.numberCell}>
              <Stacked first={share(1)} second={formats.integer(summary.customers)} />
            </TableCell>
            <TableCell className={styles.numberCell}>
              <Stacked
                first={summary.totalValue === 0 ? "—" : share(1)}
                second={formats.integer(summary.totalValue)}
              />
            </TableCell>
          </TableRow>
        </TableBody>
      </Table>
      <Suspense fallback={<Spinner size="tiny" label="Drawing the charts…" />}>
        <SummaryCharts summary={summary} />
      </Suspense>
      <dl className={styles.facts}>
        <div className={styles.fact}>
          <dt className={styles.term}>Top 20 % of customers hold</dt>
          <dd className={styles.definition} data-testid="pareto-top20">
            {share(summary.paretoTop20)} of value
          </dd>
        </div>
        <div className={styles.fact}>
          <dt className={styles.term}>Gini coefficient of value</dt>
          <dd className={styles.definition} data-testid="gini">
            {Number.isFinite(summary.gini) ? formats.coefficient(summary.gini) : "—"}
          </dd>
        </div>
        {lifetime && <LifetimeValueFacts lifetime={lifetime} formats={formats} />}
        {cutPoints.map(([name, points]) => (
          <CutPointsLine
            key={name}
            name={name}
            points={points}
            formats={formats}
            rowClass={styles.fact}
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

/** A share over its count or amount, right-aligned in one cell. */
function Stacked(props: { first: string; second: string; secondTestId?: string }) {
  const styles = useStyles();
  return (
    <span className={styles.stacked}>
      <span>{props.first}</span>
      <Caption1 className={styles.secondary} data-testid={props.secondTestId}>
        {props.second}
      </Caption1>
    </span>
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

function CutPointsLine(props: {
  name: string;
  points: number[];
  formats: PaneFormats;
  rowClass: string;
  termClass: string;
  valueClass: string;
}) {
  const known = CUT_POINT_NAMES[props.name] ?? { label: `Cut points: ${props.name}` };
  const format = (point: number) =>
    known.percent
      ? props.formats.percent(point, fractionDigitsOf(point * 100))
      : props.formats.decimal(point);
  return (
    <div className={props.rowClass}>
      <dt className={props.termClass}>{known.label}</dt>
      <dd className={props.valueClass} data-testid={`cut-points-${props.name}`}>
        {props.points.length === 0 ? "—" : props.points.map(format).join(" | ")}
      </dd>
    </div>
  );
}

/** The lifetime value's facts: the fitted models, the expected purchases and the value at risk. */
function LifetimeValueFacts({
  lifetime,
  formats,
}: {
  lifetime: NonNullable<RunSummary["lifetimeValue"]>;
  formats: PaneFormats;
}) {
  const styles = useStyles();
  const { model, tiers, valueAtRisk } = lifetime;
  const g = model.bgnbd;
  const s = model.gammaGamma;
  const purchases = tiers.reduce((sum, tier) => sum + tier.expectedPurchases, 0);
  const facts: [string, string, string][] = [
    [
      `Expected purchases in ${model.horizon} ${model.period}${model.horizon === 1 ? "" : "s"}`,
      formats.decimal(purchases),
      "clv-purchases",
    ],
    ["Customers probably lost (P(alive) < 50 %)", formats.integer(valueAtRisk.customers), "clv-at-risk"],
    [
      "Their past value",
      valueAtRisk.pastValue === null
        ? "—"
        : `${formats.integer(valueAtRisk.pastValue)}${valueAtRisk.pastValueShare === null ? "" : ` (${formats.percent(valueAtRisk.pastValueShare)})`}`,
      "clv-value-at-risk",
    ],
    ["BG/NBD r, α, a, b", [g.r, g.alpha, g.a, g.b].map((x) => formats.decimal(x)).join(" | "), "clv-bgnbd"],
    ["Log-likelihood", formats.decimal(g.logLikelihood), "clv-log-likelihood"],
    ["Gamma-Gamma p, q, v", [s.p, s.q, s.v].map((x) => formats.decimal(x)).join(" | "), "clv-gamma-gamma"],
  ];
  return (
    <>
      {facts.map(([term, value, testId]) => (
        <div key={testId} className={styles.fact}>
          <dt className={styles.term}>{term}</dt>
          <dd className={styles.definition} data-testid={testId}>
            {value}
          </dd>
        </div>
      ))}
    </>
  );
}
