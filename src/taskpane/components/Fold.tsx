import {
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Caption1,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  head: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    textAlign: "start",
    minWidth: 0,
  },
  title: { fontWeight: tokens.fontWeightSemibold },
  summary: { color: tokens.colorNeutralForeground3, overflowWrap: "anywhere" },
  attention: { color: tokens.colorPaletteDarkOrangeForeground1 },
  panel: { display: "flex", flexDirection: "column", gap: "6px", paddingBottom: "10px" },
});

export interface FoldProps {
  /** The item's value in the Accordion's open items, and its test id `fold-${value}`. */
  value: string;
  title: string;
  /** One line saying what the folded settings are now, so they can stay folded. */
  summary: string;
  /** The summary asks for something (a column to choose, a field to fix). */
  attention?: boolean;
  children: ReactNode;
}

/**
 * Settings the user rarely needs, folded under a header that says what they are set to
 * ("Revenue, Strategic match found"), inside a Fluent Accordion.
 */
export function Fold({ value, title, summary, attention = false, children }: FoldProps) {
  const styles = useStyles();
  return (
    <AccordionItem value={value}>
      <AccordionHeader expandIconPosition="end" button={{ "data-testid": `fold-${value}` } as object}>
        <span className={styles.head}>
          <span className={styles.title}>{title}</span>
          <Caption1
            className={attention ? styles.attention : styles.summary}
            data-testid={`fold-${value}-summary`}
          >
            {summary}
          </Caption1>
        </span>
      </AccordionHeader>
      <AccordionPanel className={styles.panel}>{children}</AccordionPanel>
    </AccordionItem>
  );
}
