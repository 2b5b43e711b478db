import {
  Caption1,
  makeStyles,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from "@fluentui/react-components";
import { useId, useLayoutEffect, useRef, useState, type ReactNode } from "react";

const useStyles = makeStyles({
  figure: { margin: 0, display: "flex", flexDirection: "column", gap: "4px", minWidth: 0 },
  caption: { display: "flex", flexDirection: "column" },
  title: { margin: 0 },
  description: { color: tokens.colorNeutralForeground2 },
  // The chart is drawn at the measured width of this box: never wider than the pane.
  plot: { width: "100%", minWidth: 0, overflow: "hidden" },
  details: { fontSize: tokens.fontSizeBase200 },
  summary: { cursor: "pointer", color: tokens.colorBrandForegroundLink, paddingBlock: "2px" },
  table: { tableLayout: "auto" },
  number: { textAlign: "end", fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" },
});

/** The numbers behind a chart, as a table: the chart's text alternative. */
export interface ChartTableData {
  caption: string;
  headers: readonly string[];
  /** Cells as shown; `numeric` columns (by index) are right-aligned. */
  rows: readonly (readonly string[])[];
  numeric?: readonly number[];
}

export interface ChartFrameProps {
  /** Names the figure and its test id: `chart-${id}`. */
  id: string;
  title: string;
  /** One or two sentences that say what the chart shows, in numbers (also what a screen reader reads). */
  description: string;
  /**
   * Height of the chart with its legend, in pixels. Fluent's charts fill their container's height
   * (350 px when it has none), so the frame gives them this one.
   */
  height: number;
  /** Draws the chart at the given width in pixels. */
  children: (width: number) => ReactNode;
  table: ChartTableData;
}

/**
 * One chart of the summary: a titled figure, the chart drawn at the width the pane gives it, and
 * the numbers behind it in a table (folded under "Numbers behind the chart"), so every chart has a
 * text alternative that screen readers and copy-paste can use.
 */
export function ChartFrame({ id, title, description, height, children, table }: ChartFrameProps) {
  const styles = useStyles();
  const titleId = useId();
  const descriptionId = useId();
  const plot = useRef<HTMLDivElement>(null);
  const width = useElementWidth(plot);
  const numeric = new Set(table.numeric ?? []);
  return (
    <figure
      className={styles.figure}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      data-testid={`chart-${id}`}
    >
      <figcaption className={styles.caption}>
        <h3 id={titleId} className={styles.title}>
          <Subtitle2>{title}</Subtitle2>
        </h3>
        <Caption1 id={descriptionId} className={styles.description}>
          {description}
        </Caption1>
      </figcaption>
      <div ref={plot} className={styles.plot} style={{ height }} data-testid={`chart-${id}-plot`}>
        {width > 0 && children(width)}
      </div>
      <details className={styles.details}>
        <summary className={styles.summary}>Numbers behind the chart</summary>
        <Table
          size="extra-small"
          className={styles.table}
          aria-label={table.caption}
          data-testid={`chart-${id}-table`}
        >
          <TableHeader>
            <TableRow>
              {table.headers.map((header, column) => (
                <TableHeaderCell key={header} className={numeric.has(column) ? styles.number : undefined}>
                  {header}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {table.rows.map((row, index) => (
              <TableRow key={index}>
                {row.map((cell, column) => (
                  <TableCell key={column} className={numeric.has(column) ? styles.number : undefined}>
                    {cell}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </details>
    </figure>
  );
}

/** The element's content width, kept up to date as the pane is resized. */
function useElementWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (element === null) return undefined;
    const measure = () => setWidth(Math.floor(element.clientWidth));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
