/**
 * One segmentation run as React state: progress, cancel, the overwrite question, and the outcome.
 * The work itself is the workflow's `runSegmentation`, through the pane's boundary (`segment` in
 * paneActions.ts, which never rejects); this hook only wires its hooks to the UI.
 */
import { useCallback, useRef, useState } from "react";
import type { Workbook } from "../workbook/workbook";
import type { SegmentationSettings } from "../workflow/types";
import { segment, type SegmentOutcome } from "./paneActions";

export interface RunState {
  running: boolean;
  cancelling: boolean;
  fraction: number;
  phase: string;
  /** Non-empty cells the run asks about; null when no question is open. */
  overwriteCells: string[] | null;
}

const IDLE: RunState = { running: false, cancelling: false, fraction: 0, phase: "", overwriteCells: null };

/**
 * Progress is redrawn at most once per whole percent or phase change: a workflow may report per
 * chunk of a million rows or per thousand, and React need not hear every one.
 */
const PROGRESS_STEP = 0.01;

export function useSegmentationRun(workbook: Workbook) {
  const [state, setState] = useState<RunState>(IDLE);
  const controller = useRef<AbortController | null>(null);
  const answer = useRef<((overwrite: boolean) => void) | null>(null);
  const shown = useRef({ fraction: 0, phase: "" });

  const run = useCallback(
    async (settings: SegmentationSettings): Promise<SegmentOutcome> => {
      const abort = new AbortController();
      controller.current = abort;
      shown.current = { fraction: 0, phase: "Starting" };
      setState({ ...IDLE, running: true, phase: "Starting" });
      try {
        return await segment(workbook, settings, {
          signal: abort.signal,
          onProgress: (fraction, phase) => {
            const last = shown.current;
            if (phase === last.phase && Math.abs(fraction - last.fraction) < PROGRESS_STEP && fraction < 1)
              return;
            shown.current = { fraction, phase };
            setState((current) => ({ ...current, fraction, phase }));
          },
          confirmOverwrite: (cells) =>
            new Promise<boolean>((resolve) => {
              answer.current = resolve;
              setState((current) => ({ ...current, overwriteCells: cells }));
            }),
        });
      } finally {
        controller.current = null;
        answer.current = null;
        setState(IDLE);
      }
    },
    [workbook],
  );

  const cancel = useCallback(() => {
    controller.current?.abort();
    setState((current) => ({ ...current, cancelling: true }));
  }, []);

  const answerOverwrite = useCallback((overwrite: boolean) => {
    answer.current?.(overwrite);
    answer.current = null;
    setState((current) => ({ ...current, overwriteCells: null }));
  }, []);

  return { state, run, cancel, answerOverwrite };
}
