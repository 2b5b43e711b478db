import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  type MessageBarIntent,
} from "@fluentui/react-components";
import type { PaneProblem } from "../paneActions";

/**
 * A short title per problem; the workflow's message says what to change. Partial on purpose: a code
 * the workflow adds later still gets a title ({@link FALLBACK_TITLE}) instead of breaking the pane.
 */
const TITLES: Partial<Record<PaneProblem["code"], string>> = {
  "empty-selection": "No table selected",
  "no-header": "No header row",
  "duplicate-headers": "Duplicate column names",
  "blank-headers": "Blank column names",
  "unmapped-column": "Column not mapped",
  "non-numeric": "Text where numbers are needed",
  "protected-sheet": "Sheet is protected",
  "filtered-table": "Table is filtered",
  "no-data": "No data rows",
  "invalid-setting": "Check the settings",
  cancelled: "Run cancelled",
  "declined-overwrite": "Nothing was written",
  "write-failed": "Writing failed",
  "sheet-not-found": "Sheet not found",
  "table-not-found": "Table not found",
  "title-row": "Title above the header row",
  "negative-values": "Negative values",
  "zero-total": "Total value is 0",
  "number-overflow": "Numbers too large",
  "read-failed": "Reading failed",
  "remove-failed": "Removing failed",
  "internal-error": "Unexpected error",
  "excel-failed": "Excel could not finish",
};

const FALLBACK_TITLE = "Could not finish";

/** Problems that are the user's own choice, not something wrong with the data. */
const INFORMATIONAL: ReadonlySet<PaneProblem["code"]> = new Set(["cancelled", "declined-overwrite"]);

/** How many row numbers to list before "and N more". */
const ROWS_SHOWN = 5;

/** "Rows 4, 9, 12, 15, 20 and 7 more." — from the rows the workflow names and its total count. */
export function describeRows(problem: PaneProblem): string | null {
  const rows = problem.rows ?? [];
  if (rows.length === 0) return null;
  const total = Math.max(problem.count ?? rows.length, rows.length);
  const shown = rows.slice(0, ROWS_SHOWN);
  const more = total - shown.length;
  return `${shown.length === 1 && more === 0 ? "Row" : "Rows"} ${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}.`;
}

export interface ProblemBarProps {
  problem: PaneProblem;
  /** Offered where the workflow says the rows at fault can be skipped: re-run leaving them without a segment. */
  onSkipRows?: () => void;
  onDismiss: () => void;
}

/** A problem that stopped a run or the preview, as a Fluent MessageBar (role="alert" for errors). */
export function ProblemBar({ problem, onSkipRows, onDismiss }: ProblemBarProps) {
  const intent: MessageBarIntent = INFORMATIONAL.has(problem.code) ? "info" : "error";
  const rows = describeRows(problem);
  return (
    <MessageBar intent={intent} layout="multiline" data-testid="problem" data-code={problem.code}>
      <MessageBarBody>
        <MessageBarTitle>{TITLES[problem.code] ?? FALLBACK_TITLE}</MessageBarTitle>
        {problem.message}
        {rows && <div>{rows}</div>}
      </MessageBarBody>
      <MessageBarActions>
        {problem.skippable && onSkipRows && (
          <Button size="small" appearance="primary" onClick={onSkipRows} data-testid="skip-rows">
            Skip these rows
          </Button>
        )}
        <Button size="small" onClick={onDismiss}>
          Dismiss
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
