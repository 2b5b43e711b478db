/**
 * A run's progress, kept outside React state so that a progress report redraws only the progress
 * bar (through `useSyncExternalStore`), not the whole pane: a run over 300,000 rows reports a
 * hundred times, and re-rendering the pane's tables and charts each time would keep the browser
 * busy while it should be writing and listening for Cancel.
 */
export interface Progress {
  /** 0…1 */
  fraction: number;
  /** "Reading", "Scoring", "Writing", as the workflow names its phases. */
  phase: string;
}

export interface ProgressStore {
  get(): Progress;
  /** Sets the progress; listeners hear it only when it moved by a whole percent or changed phase. */
  report(fraction: number, phase: string): void;
  reset(phase: string): void;
  subscribe(listener: () => void): () => void;
}

/**
 * Progress is passed on at most once per whole percent or phase change: a workflow may report per
 * chunk of a million rows or per thousand, and the bar need not hear every one.
 */
export const PROGRESS_STEP = 0.01;

export function createProgressStore(): ProgressStore {
  let current: Progress = { fraction: 0, phase: "" };
  const listeners = new Set<() => void>();
  const publish = (next: Progress) => {
    current = next;
    for (const listener of listeners) listener();
  };
  return {
    get: () => current,
    report(fraction, phase) {
      if (phase === current.phase && Math.abs(fraction - current.fraction) < PROGRESS_STEP && fraction < 1)
        return;
      publish({ fraction, phase });
    },
    reset: (phase) => publish({ fraction: 0, phase }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
