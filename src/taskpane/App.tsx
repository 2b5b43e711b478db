/**
 * The task pane: a thin face over the segmentation workflow. It shows the table under the
 * selection, lets the user map columns and choose a method, and hands everything to the workflow
 * through `paneActions.ts` (whose promises never reject); all computing and all writing is the
 * workflow's.
 *
 * Laid out for a 320–350 px task pane: the results and messages on top, the settings below with
 * what is rarely needed folded away, and Segment (with Cancel while running) in a footer that
 * stays in view however far the pane is scrolled.
 */
import {
  Accordion,
  Button,
  Caption1,
  Field,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle1,
  Switch,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { SegmentationSettings, TablePreview } from "../workflow/types";
import { defaultSettings } from "../workflow/run";
import { AbcFields } from "./components/AbcFields";
import { ClvFields } from "./components/ClvFields";
import { CellGrid } from "./components/CellGrid";
import { Fold } from "./components/Fold";
import { MappingFields } from "./components/MappingFields";
import { OrderLogFields } from "./components/OrderLogFields";
import { MethodChoice } from "./components/MethodChoice";
import { OutputFields } from "./components/OutputFields";
import { OverwriteDialog } from "./components/OverwriteDialog";
import { PreviewBadge } from "./components/PreviewBadge";
import { PreviewSheetsView } from "./components/PreviewSheetsView";
import { ProblemBar } from "./components/ProblemBar";
import { QuadrantFields } from "./components/QuadrantFields";
import { RfmFields } from "./components/RfmFields";
import { RunProgress } from "./components/RunProgress";
import { RunSummaryView } from "./components/RunSummaryView";
import { Section } from "./components/Section";
import type { PaneConnection } from "./connection";
import { type PaneFormats, useFormats } from "./format";
import { openPane, type PaneProblem, readSelection, removeResults } from "./paneActions";
import { type FormErrors, type FormField, formToSettings, type PaneForm, settingsToForm } from "./paneForm";
import { requiredRoles, ROLE_LABELS } from "./roles";
import { isoToSerial } from "../core/excelDate";
import { periodPlural } from "../core/purchasePeriod";
import type { RunSummary } from "../workflow/types";
import { useSegmentationRun } from "./useSegmentationRun";

/** Rows of the table shown before a run. */
const PREVIEW_ROWS = 5;

const useStyles = makeStyles({
  pane: {
    display: "flex",
    flexDirection: "column",
    minHeight: "100vh",
    minWidth: "280px",
    boxSizing: "border-box",
    color: tokens.colorNeutralForeground1,
  },
  content: { flexGrow: 1, display: "flex", flexDirection: "column", padding: "12px 14px 8px", minWidth: 0 },
  header: { display: "flex", flexDirection: "column", gap: "4px", paddingBottom: "8px" },
  titleRow: { display: "flex", alignItems: "baseline", justifyContent: "space-between", gap: "8px" },
  title: { margin: 0 },
  messages: { display: "flex", flexDirection: "column", gap: "8px", scrollMarginTop: "8px" },
  accordion: { borderTop: `1px solid ${tokens.colorNeutralStroke2}` },
  // The primary action stays in view: a footer that sticks to the bottom of the pane.
  footer: {
    position: "sticky",
    bottom: 0,
    zIndex: 1,
    display: "flex",
    flexDirection: "column",
    gap: "8px",
    padding: "10px 14px 12px",
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    boxShadow: tokens.shadow4,
  },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap" },
});

/** A message that is not a problem: the run's result, results removed, settings loaded, nothing to remove. */
interface Notice {
  intent: "success" | "info" | "warning";
  title: string;
  text: string;
}

/** Which folds a form error opens. */
const FOLD_OF_FIELD: Record<FormField, string> = {
  valueCut: "settings",
  matchCut: "settings",
  aUpTo: "settings",
  bUpTo: "settings",
  asOf: "settings",
  recency: "settings",
  frequency: "settings",
  monetary: "settings",
  clvAsOf: "settings",
  horizon: "settings",
  margin: "settings",
  discount: "settings",
};

export function App({ connection }: { connection: PaneConnection }) {
  const styles = useStyles();
  const formats = useFormats();
  const { workbook } = connection;
  const defaults = useMemo(() => defaultSettings(new Date()), []);
  const [form, setForm] = useState<PaneForm>(() => settingsToForm(defaults));
  const [formErrors, setFormErrors] = useState<FormErrors>({});
  const [table, setTable] = useState<TablePreview | null>(null);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<PaneProblem | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [summary, setSummary] = useState<RunSummary | null>(null);
  const [removing, setRemoving] = useState(false);
  const [openFolds, setOpenFolds] = useState<string[]>([]);
  /** Bumped after each run or removal: the preview's sheet grids read the workbook again. */
  const [workbookVersion, setWorkbookVersion] = useState(0);
  const { state: runState, progress, run, cancel, answerOverwrite } = useSegmentationRun(workbook);
  const busy = runState.running || removing || loading;
  const messages = useRef<HTMLDivElement>(null);

  const openFold = useCallback(
    (fold: string) => setOpenFolds((open) => (open.includes(fold) ? open : [...open, fold])),
    [],
  );

  /** Shows a table read from the selection; `withMapping` also takes its detected column mapping. */
  // A table that looks like an order log (a customer repeats) is taken as one, with its own mapping.
  const showTable = useCallback((preview: TablePreview, withMapping: boolean) => {
    setTable(preview);
    if (withMapping) {
      const orders = preview.orderLog.likely;
      setForm((current) => ({
        ...current,
        orders,
        mapping: { ...(orders ? preview.detectedOrders : preview.detected) },
      }));
    }
  }, []);

  // On opening: the settings of the last run if the workbook has them, else the detected mapping.
  // `finally`: whatever happens, the first-load spinner stops.
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const opened = await openPane(workbook, PREVIEW_ROWS);
        if (!live) return;
        if (opened.preview) showTable(opened.preview, opened.saved === null);
        setProblem(opened.problem);
        if (opened.saved !== null) {
          setForm(settingsToForm(opened.saved));
          setNotice({
            intent: "info",
            title: "Settings of the last run loaded",
            text: "Press Segment to run them again.",
          });
        } else if (opened.settingsUnreadable !== null) {
          setNotice({ intent: "warning", title: "Settings not read", text: opened.settingsUnreadable });
        }
      } finally {
        if (live) setLoading(false);
      }
    })();
    return () => {
      live = false;
    };
  }, [workbook, showTable]);

  // A method whose columns were not all found shows the mapping unfolded.
  const missingRoles = requiredRoles(form.method, form.orders).filter((role) => form.mapping[role] === null);
  const missingKey = table === null ? "" : missingRoles.join(",");
  useEffect(() => {
    if (missingKey !== "") openFold("columns");
  }, [missingKey, openFold]);

  // New messages or results appear at the top of the pane: bring them into view.
  useEffect(() => {
    if (problem || notice || summary) messages.current?.scrollIntoView({ block: "nearest" });
  }, [problem, notice, summary]);

  const change = (patch: Partial<PaneForm>) => setForm((current) => ({ ...current, ...patch }));

  const rereadSelection = async () => {
    setProblem(null);
    setNotice(null);
    setLoading(true);
    try {
      const read = await readSelection(workbook, PREVIEW_ROWS);
      if (read.ok) showTable(read.preview, true);
      else {
        setTable(null);
        setProblem(read.problem);
      }
    } finally {
      setLoading(false);
    }
  };

  const segment = async (override?: Partial<SegmentationSettings>) => {
    const read = formToSettings(form, defaults);
    setFormErrors(read.ok ? {} : read.errors);
    if (!read.ok) {
      for (const field of Object.keys(read.errors) as FormField[])
        openFold(
          (field === "asOf" || field === "margin" || field === "discount") &&
            form.orders &&
            form.method !== "clv"
            ? "orders"
            : FOLD_OF_FIELD[field],
        );
      return;
    }
    setProblem(null);
    setNotice(null);
    setSummary(null);
    const outcome = await run({ ...read.settings, ...override });
    setWorkbookVersion((version) => version + 1);
    if (!outcome.ok) {
      setProblem(outcome.problem);
      return;
    }
    setSummary(outcome.summary);
    const { record } = outcome;
    const customersSheet = record.customerSheet
      ? `, one row per customer on sheet “${record.customerSheet}”`
      : "";
    setNotice({
      intent: "success",
      title: `Segmented ${formats.integer(outcome.summary.customers)} customers`,
      text: `Added ${record.columnHeaders.join(", ")} beside the table${customersSheet} and the summary on sheet “${record.summarySheet}”.`,
    });
    const reread = await readSelection(workbook, PREVIEW_ROWS);
    if (reread.ok) showTable(reread.preview, false);
  };

  const skipRowsAndRun = () => {
    change({ skipInvalidRows: true });
    void segment({ skipInvalidRows: true });
  };

  const remove = async () => {
    setProblem(null);
    setNotice(null);
    setRemoving(true);
    try {
      const outcome = await removeResults(workbook);
      if (outcome.ok) {
        setSummary(null);
        setNotice({ intent: "success", title: "Results removed", text: outcome.message });
      } else if (outcome.problem.code === "no-data") {
        // Not an error: the workbook holds no run to remove (none yet, or removed already).
        setNotice({ intent: "info", title: "Nothing to remove", text: outcome.problem.message });
      } else {
        setProblem(outcome.problem);
      }
      const reread = await readSelection(workbook, PREVIEW_ROWS);
      if (reread.ok) showTable(reread.preview, false);
    } finally {
      setRemoving(false);
      setWorkbookVersion((version) => version + 1);
    }
  };

  const mappingSummary = describeMapping(form, table, missingRoles);

  /** "One row per order" switched: the mapping guessed for that kind of table, when there is a table. */
  const chooseOrders = (orders: boolean) =>
    change(
      table === null
        ? { orders }
        : { orders, mapping: { ...(orders ? table.detectedOrders : table.detected) } },
    );

  return (
    <div className={styles.pane}>
      <main className={styles.content} aria-busy={busy}>
        <header className={styles.header}>
          <div className={styles.titleRow}>
            <h1 className={styles.title}>
              <Subtitle1>Customer segments</Subtitle1>
            </h1>
            <Link href="help.html" target="_blank" rel="noopener" data-testid="help-link">
              Help
            </Link>
          </div>
          {connection.preview && <PreviewBadge />}
          <Caption1>Select a customer table (or one cell in it), choose a method, press Segment.</Caption1>
        </header>

        <div className={styles.messages} aria-live="polite" ref={messages}>
          {Object.keys(formErrors).length > 0 && (
            <MessageBar intent="warning" data-testid="form-errors">
              <MessageBarBody>
                <MessageBarTitle>Check the settings</MessageBarTitle>
                {Object.values(formErrors).join(" ")}
              </MessageBarBody>
            </MessageBar>
          )}
          {problem && (
            <ProblemBar problem={problem} onSkipRows={skipRowsAndRun} onDismiss={() => setProblem(null)} />
          )}
          {notice && (
            <MessageBar intent={notice.intent} layout="multiline" data-testid="notice">
              <MessageBarBody>
                <MessageBarTitle>{notice.title}</MessageBarTitle>
                {notice.text}
              </MessageBarBody>
            </MessageBar>
          )}
        </div>

        {summary && (
          <Section title="Summary" testId="summary-section">
            <RunSummaryView summary={summary} />
          </Section>
        )}

        <Section title="Table" testId="table-section">
          {loading && <Spinner size="tiny" label="Reading the selected table…" data-testid="loading" />}
          {table && (
            <>
              <Caption1 data-testid="table-caption">
                {table.table.tableName ? `Table ${table.table.tableName}` : "Range"} on sheet “
                {table.table.sheet}”, {formats.integer(table.table.rowCount)} rows. First {table.rows.length}{" "}
                shown.
              </Caption1>
              <CellGrid
                label="First rows of the selected table"
                headers={table.headers}
                rows={table.rows}
                dateColumns={dateColumnsOf(form)}
                testId="table-preview"
              />
            </>
          )}
          <Field
            hint={
              form.orders && table?.orderLog.likely
                ? `Recognised as an order log: ${table.orderLog.reason}.`
                : "Each row is one order (customer, order date, amount): the add-in adds up each customer's orders on a new sheet."
            }
          >
            <Switch
              label="One row per order"
              data-testid="orders-toggle"
              checked={form.orders}
              onChange={(_event, data) => chooseOrders(data.checked)}
              disabled={busy}
            />
          </Field>
          <div>
            <Button
              size="small"
              onClick={() => void rereadSelection()}
              disabled={busy}
              data-testid="use-selection"
            >
              Use the current selection
            </Button>
          </div>
        </Section>

        <Section title="Method">
          <MethodChoice method={form.method} onChange={(method) => change({ method })} disabled={busy} />
        </Section>

        <Accordion
          multiple
          collapsible
          openItems={openFolds}
          onToggle={(_event, data) => setOpenFolds(data.openItems.map(String))}
          className={styles.accordion}
        >
          {table && (
            <Fold
              value="columns"
              title="Columns"
              summary={mappingSummary}
              attention={missingRoles.length > 0}
            >
              <MappingFields
                headers={table.headers}
                mapping={form.mapping}
                onChange={(mapping) => change({ mapping })}
                disabled={busy}
                orders={form.orders}
              />
            </Fold>
          )}
          {form.orders && (
            <Fold
              value="orders"
              title="Order log"
              summary={describeOrderLog(form, formats)}
              attention={formErrors.margin !== undefined || formErrors.discount !== undefined}
            >
              <OrderLogFields form={form} errors={formErrors} onChange={change} disabled={busy} />
            </Fold>
          )}
          <Fold
            value="settings"
            title={SETTINGS_TITLES[form.method]}
            summary={describeSettings(form, formats)}
            attention={Object.keys(formErrors).length > 0}
          >
            {form.method === "quadrant" && (
              <QuadrantFields form={form} errors={formErrors} onChange={change} disabled={busy} />
            )}
            {form.method === "rfm" && (
              <RfmFields form={form} errors={formErrors} onChange={change} disabled={busy} />
            )}
            {form.method === "abc" && (
              <AbcFields form={form} errors={formErrors} onChange={change} disabled={busy} />
            )}
            {form.method === "clv" && (
              <ClvFields form={form} errors={formErrors} onChange={change} disabled={busy} />
            )}
          </Fold>
          <Fold value="output" title="Output" summary={describeOutput(form)}>
            <OutputFields form={form} onChange={change} disabled={busy} />
          </Fold>
        </Accordion>

        {connection.preview && !busy && (
          <Section title="Sample workbook (preview)" testId="preview-sheets">
            <PreviewSheetsView sheets={connection.preview} version={workbookVersion} />
          </Section>
        )}
      </main>

      <footer className={styles.footer} data-testid="footer">
        {/* Not a live region: a screen reader reads the progress bar's value when asked, not every percent. */}
        {runState.running && (
          <RunProgress progress={progress} cancelling={runState.cancelling} onCancel={cancel} />
        )}
        <div className={styles.actions}>
          <Button appearance="primary" onClick={() => void segment()} disabled={busy} data-testid="segment">
            Segment
          </Button>
          <Button onClick={() => void remove()} disabled={busy} data-testid="remove-results">
            Remove results
          </Button>
        </div>
      </footer>

      <OverwriteDialog
        open={runState.overwriteCells !== null}
        cells={runState.overwriteCells ?? []}
        onAnswer={answerOverwrite}
      />
    </div>
  );
}

const SETTINGS_TITLES: Record<PaneForm["method"], string> = {
  quadrant: "Cuts and segment names",
  rfm: "As-of date and cut points",
  abc: "Class thresholds",
  clv: "As-of date, period, horizon, margin",
};

/** "Revenue, Strategic match" (the columns the method uses), or what is still to choose. */
function describeMapping(form: PaneForm, table: TablePreview | null, missing: readonly string[]): string {
  if (table === null) return "";
  if (missing.length > 0) {
    const names = missing.map((role) => ROLE_LABELS[role as keyof typeof ROLE_LABELS].toLowerCase());
    return `Choose the ${names.join(", ")} column${missing.length === 1 ? "" : "s"}`;
  }
  const used = requiredRoles(form.method, form.orders).map(
    (role) => table.headers[form.mapping[role] as number],
  );
  return `${used.join(", ")} found`;
}

/** One line for the method's settings as they are now. */
function describeSettings(form: PaneForm, formats: PaneFormats): string {
  const cut = (field: PaneForm["valueCut"]) =>
    field.kind === "number" ? field.text || "(number)" : field.kind === "mean" ? "mean" : "median";
  switch (form.method) {
    case "quadrant":
      return `Value cut ${cut(form.valueCut)}, match cut ${cut(form.matchCut)}`;
    case "rfm": {
      const serial = isoToSerial(form.asOf);
      const typed = Object.values(form.rfmCuts).some((text) => text.trim() !== "");
      return `As of ${serial === null ? form.asOf : formats.date(serial)}, ${typed ? "typed" : "quintile"} cut points`;
    }
    case "abc":
      return `A up to ${form.aUpToPercent} %, B up to ${form.bUpToPercent} % of value`;
    case "clv": {
      const serial = isoToSerial(form.clvAsOf);
      const horizon =
        form.horizon.trim() === "" ? "one year" : `${form.horizon.trim()} ${periodPlural(form.period)}`;
      return `As of ${serial === null ? form.clvAsOf : formats.date(serial)}, ${horizon}, margin ${form.marginPercent} %`;
    }
  }
}

/** The date columns of the preview grid: the last purchase date, or an order log's order date. */
function dateColumnsOf(form: PaneForm): Set<number> | undefined {
  const column = form.orders ? form.mapping.orderDate : form.mapping.lastPurchase;
  return column === null ? undefined : new Set([column]);
}

/** "As of 31 Dec 2025, in weeks, returns allowed". */
function describeOrderLog(form: PaneForm, formats: PaneFormats): string {
  const serial = isoToSerial(form.asOf);
  const date = serial === null ? form.asOf : formats.date(serial);
  return `As of ${date}, in ${form.period}s${form.allowReturns ? ", returns allowed" : ""}`;
}

function describeOutput(form: PaneForm): string {
  return `${form.output === "formulas" ? "Live CX formulas" : "Values"}, ${form.skipInvalidRows ? "skip invalid rows" : "stop at invalid rows"}`;
}
