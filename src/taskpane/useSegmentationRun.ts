/**
 * One segmentation run as React state: progress, cancel, the overwrite question, and the outcome.
 * The work itself is the workflow's `runSegmentation`, through the pane's boundary (`segment` in
 * paneActions.ts, which never rejects); this hook only wires its hooks to the UI.
 */
import { useCallback, useRef, useState } from "react";
import type { Workbook } from "../workbook/workbook";
import type { SegmentationSettings } from "../workflow/types";
import { segment, type SegmentOutcome } from "./paneActions";
import { createProgressStore, type ProgressStore } from "./progressStore";

export interface RunState {
  running: boolean;
  cancelling: boolean;
  /** Non-empty cells the run asks about; null when no question is open. */
  overwriteCells: string[] | null;
}

const IDLE: RunState = { running: false, cancelling: false, overwriteCells: null };

export function useSegmentationRun(workbook: Workbook) {
  const [state, setState] = useState<RunState>(IDLE);
  const controller = useRef<AbortController | null>(null);
  const answer = useRef<((overwrite: boolean) => void) | null>(null);
  // The bar subscribes to this store; the pane re-renders only when the run starts, asks or ends.
  const [progress] = useState<ProgressStore>(createProgressStore);

  const run = useCallback(
    async (settings: SegmentationSettings): Promise<SegmentOutcome> => {
      const abort = new AbortController();
      controller.current = abort;
      progress.reset("Starting");
      setState({ ...IDLE, running: true });
      try {
        return await segment(workbook, settings, {
          signal: abort.signal,
          onProgress: (fraction, phase) => progress.report(fraction, phase),
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
    [workbook, progress],
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

  return { state, progress, run, cancel, answerOverwrite };
}
