/**
 * The task pane: a thin face over the segmentation workflow. It shows the table under the
 * selection, lets the user map columns and choose a method, and hands everything to
 * `runSegmentation`; all computing and all writing is the workflow's.
 */
import {
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle1,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { Problem, RunSummary, SegmentationSettings, TablePreview } from "../workflow/types";
import { defaultSettings, loadSavedSettings, previewTable, removeLastRun } from "../workflow/run";
import { AbcFields } from "./components/AbcFields";
import { CellGrid } from "./components/CellGrid";
import { MappingFields } from "./components/MappingFields";
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
import { formatInteger } from "./format";
import { type FormErrors, formToSettings, type PaneForm, settingsToForm } from "./paneForm";
import { useSegmentationRun } from "./useSegmentationRun";

/** Rows of the table shown before a run. */
const PREVIEW_ROWS = 5;

const useStyles = makeStyles({
  pane: {
    display: "flex",
    flexDirection: "column",
    padding: "12px 14px 20px",
    minWidth: "280px",
    color: tokens.colorNeutralForeground1,
  },
  header: { display: "flex", flexDirection: "column", gap: "4px", paddingBottom: "8px" },
  title: { margin: 0 },
  actions: { display: "flex", gap: "8px", flexWrap: "wrap", paddingBlock: "10px" },
  messages: { display: "flex", flexDirection: "column", gap: "8px" },
});

/** A message that is not a problem: the run's result, results removed, settings loaded, nothing to remove. */
interface Notice {
  intent: "success" | "info";
  title: string;
  text: string;
}

export function App({ connection }: { connection: PaneConnection }) {
  const styles = useStyles();
  const { workbook } = connection;
  const defaults = useMemo(() => defaultSettings(new Date()), []);
  const [form, setForm] = useState<PaneForm>(() => settingsToForm(defaults));
  const [formErrors, setFormErrors] = useState<FormErrors>({});
  const [table, setTable] = useState<TablePreview | null>(null);
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [summary, setSummary] = useState<RunSummary | null>(null);
  const [removing, setRemoving] = useState(false);
  /** Bumped after each run or removal: the preview's sheet grids read the workbook again. */
  const [workbookVersion, setWorkbookVersion] = useState(0);
  const { state: runState, run, cancel, answerOverwrite } = useSegmentationRun(workbook);
  const busy = runState.running || removing || loading;

  /** Reads the table under the selection; `withMapping` also takes its detected column mapping. */
  const readTable = useCallback(
    async (withMapping: boolean) => {
      const outcome = await previewTable(workbook, PREVIEW_ROWS);
      if (!outcome.ok) {
        setTable(null);
        setProblem(outcome.problem);
        return;
      }
      setTable(outcome.preview);
      if (withMapping) setForm((current) => ({ ...current, mapping: { ...outcome.preview.detected } }));
    },
    [workbook],
  );

  // On opening: the settings of the last run if the workbook has them, else the detected mapping.
  useEffect(() => {
    let live = true;
    void (async () => {
      const saved = await loadSavedSettings(workbook);
      if (!live) return;
      await readTable(saved === null);
      if (!live) return;
      if (saved !== null) {
        setForm(settingsToForm(saved));
        setNotice({
          intent: "info",
          title: "Settings of the last run loaded",
          text: "Press Segment to run them again.",
        });
      }
      setLoading(false);
    })();
    return () => {
      live = false;
    };
  }, [workbook, readTable]);

  const change = (patch: Partial<PaneForm>) => setForm((current) => ({ ...current, ...patch }));

  const rereadSelection = async () => {
    setProblem(null);
    setNotice(null);
    setLoading(true);
    await readTable(true);
    setLoading(false);
  };

  const segment = async (override?: Partial<SegmentationSettings>) => {
    const read = formToSettings(form, defaults);
    setFormErrors(read.ok ? {} : read.errors);
    if (!read.ok) return;
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
    setNotice({
      intent: "success",
      title: `Segmented ${formatInteger(outcome.summary.customers)} customers`,
      text: `Added ${record.columnHeaders.join(", ")} beside the table and the summary on sheet “${record.summarySheet}”.`,
    });
    await readTable(false);
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
      const outcome = await removeLastRun(workbook);
      if (outcome.ok) {
        setSummary(null);
        setNotice({ intent: "success", title: "Results removed", text: outcome.message });
      } else if (outcome.problem.code === "no-data") {
        // Not an error: the workbook holds no run to remove (none yet, or removed already).
        setNotice({ intent: "info", title: "Nothing to remove", text: outcome.problem.message });
      } else {
        setProblem(outcome.problem);
      }
    } finally {
      setRemoving(false);
      setWorkbookVersion((version) => version + 1);
    }
    await readTable(false);
  };

  return (
    <main className={styles.pane} aria-busy={busy}>
      <header className={styles.header}>
        <h1 className={styles.title}>
          <Subtitle1>Customer segments</Subtitle1>
        </h1>
        {connection.preview && <PreviewBadge />}
        <Caption1>
          Select a customer table (or one cell in it), check the columns, choose a method, press Segment.
        </Caption1>
      </header>

      <Section title="Table" testId="table-section">
        {loading && <Spinner size="tiny" label="Reading the selected table…" />}
        {table && (
          <>
            <Caption1 data-testid="table-caption">
              {table.table.tableName ? `Table ${table.table.tableName}` : "Range"} on sheet “
              {table.table.sheet}”, {formatInteger(table.table.rowCount)} rows. First {table.rows.length}{" "}
              shown.
            </Caption1>
            <CellGrid
              label="First rows of the selected table"
              headers={table.headers}
              rows={table.rows}
              dateColumns={
                form.mapping.lastPurchase === null ? undefined : new Set([form.mapping.lastPurchase])
              }
              testId="table-preview"
            />
          </>
        )}
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

      {table && (
        <Section title="Columns">
          <MappingFields
            headers={table.headers}
            mapping={form.mapping}
            onChange={(mapping) => change({ mapping })}
            disabled={busy}
          />
        </Section>
      )}

      <Section title="Method">
        <MethodChoice method={form.method} onChange={(method) => change({ method })} disabled={busy} />
        {form.method === "quadrant" && (
          <QuadrantFields form={form} errors={formErrors} onChange={change} disabled={busy} />
        )}
        {form.method === "rfm" && (
          <RfmFields form={form} errors={formErrors} onChange={change} disabled={busy} />
        )}
        {form.method === "abc" && (
          <AbcFields form={form} errors={formErrors} onChange={change} disabled={busy} />
        )}
      </Section>

      <Section title="Output">
        <OutputFields form={form} onChange={change} disabled={busy} />
      </Section>

      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => void segment()} disabled={busy} data-testid="segment">
          Segment
        </Button>
        <Button onClick={() => void remove()} disabled={busy} data-testid="remove-results">
          Remove results
        </Button>
      </div>

      {/* Outside the live region: a screen reader reads the progress bar's value when asked, not every percent. */}
      {runState.running && (
        <RunProgress
          fraction={runState.fraction}
          phase={runState.phase}
          cancelling={runState.cancelling}
          onCancel={cancel}
        />
      )}
      <div className={styles.messages} aria-live="polite">
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
          <MessageBar intent={notice.intent} data-testid="notice">
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

      {connection.preview && !busy && (
        <Section title="Sample workbook (preview)" testId="preview-sheets">
          <PreviewSheetsView sheets={connection.preview} version={workbookVersion} />
        </Section>
      )}

      <OverwriteDialog
        open={runState.overwriteCells !== null}
        cells={runState.overwriteCells ?? []}
        onAnswer={answerOverwrite}
      />
    </main>
  );
}
