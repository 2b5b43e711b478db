/**
 * The pane before it knows its workbook: "Connecting to Excel…" while Office starts (as long as
 * it takes), a message when it cannot start here, then the pane itself in the language Office
 * reports. A render error anywhere below ends in a message too, never in a blank pane.
 */
import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Spinner } from "@fluentui/react-components";
import { Component, type ErrorInfo, type ReactNode, useEffect, useMemo, useState } from "react";
import { App } from "./App";
import { connectWorkbook, launchedByOffice, type PaneStart } from "./connectWorkbook";
import { createFormats, FormatsContext } from "./format";

const useStyles = makeStyles({
  start: { padding: "16px 14px", display: "flex", flexDirection: "column", gap: "12px" },
});

export interface PaneRootProps {
  /** window.location.search: Office's `_host_Info`, and the preview's parameters. */
  search: string;
  /** navigator.language: the preview's number format. */
  browserLanguage: string;
}

export function PaneRoot({ search, browserLanguage }: PaneRootProps) {
  const styles = useStyles();
  const [start, setStart] = useState<PaneStart | null>(null);
  useEffect(() => {
    let live = true;
    void connectWorkbook(search, browserLanguage).then((started) => live && setStart(started));
    return () => {
      live = false;
    };
  }, [search, browserLanguage]);
  const locale = start?.ok ? start.connection.locale : browserLanguage;
  const formats = useMemo(() => createFormats(locale), [locale]);

  if (start === null) {
    return (
      <div className={styles.start} data-testid="connecting">
        <Spinner size="small" label={launchedByOffice(search) ? "Connecting to Excel…" : "Starting…"} />
      </div>
    );
  }
  if (!start.ok) {
    return (
      <div className={styles.start}>
        <StartMessage title={start.problem.title} message={start.problem.message} />
      </div>
    );
  }
  return (
    <FormatsContext.Provider value={formats}>
      <PaneErrorBoundary>
        <App connection={start.connection} />
      </PaneErrorBoundary>
    </FormatsContext.Provider>
  );
}

export function StartMessage({ title, message }: { title: string; message: string }) {
  return (
    <MessageBar intent="error" layout="multiline" data-testid="start-problem">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {message}
      </MessageBarBody>
    </MessageBar>
  );
}

/** Turns an exception thrown while rendering into a message, instead of React's blank page. */
class PaneErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error("The pane stopped:", error, info.componentStack);
  }

  render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <div style={{ padding: "16px 14px" }}>
        <StartMessage
          title="The pane stopped"
          message={`Something in the pane failed (${this.state.error.message}). Nothing more was written. Close the pane and open it again.`}
        />
      </div>
    );
  }
}
