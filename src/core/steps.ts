/**
 * Long computations as steps a caller can pace: a generator that does a bounded slice of work
 * (a chunk of customers, one likelihood evaluation) between `yield`s and returns its result at the
 * end. The same generator runs straight through with {@link runSteps} (worksheet functions, the
 * command-line runner) or cooperatively with {@link runStepsAsync}, which hands control back to the
 * event loop every few milliseconds and stops when an `AbortSignal` fires, so a task pane without
 * workers stays responsive while it fits a million customers and can be cancelled.
 *
 * Pure: only timers and `AbortSignal`, which browsers and Node share; no Office, no DOM.
 *
 * @example
 * const fit = await runStepsAsync(fitBgnbdSteps(data), { signal: controller.signal, onProgress: show });
 */

/** Where a long computation is: `stage` names the phase, `done` of `total` units (`total` 0 when unknown). */
export interface Progress {
  readonly stage: string;
  readonly done: number;
  readonly total: number;
}

/** A computation in steps: yields progress between slices of work, returns the result. */
export type Steps<T> = Generator<Progress, T, void>;

/** Runs every step at once and returns the result (no pauses). */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** How {@link runStepsAsync} paces the work. */
export interface PacingOptions {
  /** Stops the computation: the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Milliseconds of work between pauses (default 25, about two frames). */
  readonly yieldEvery?: number;
  /** How to give the event loop a turn (default: a zero-delay timer). */
  readonly pause?: () => Promise<void>;
  /** Told the latest progress at each pause. */
  readonly onProgress?: (progress: Progress) => void;
}

/**
 * Runs the steps, pausing every `yieldEvery` milliseconds so the user interface can draw and react.
 * Checks the signal before every step; on abort the generator is closed (its `finally` blocks run)
 * and the promise rejects with `signal.reason`.
 */
export async function runStepsAsync<T>(steps: Steps<T>, options: PacingOptions = {}): Promise<T> {
  const { signal, onProgress } = options;
  const budget = options.yieldEvery ?? 25;
  const pause = options.pause ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  let sliceStart = Date.now();
  let latest: Progress | undefined;
  try {
    for (;;) {
      if (signal?.aborted) throw signal.reason ?? new Error("The computation was cancelled.");
      const step = steps.next();
      if (step.done) return step.value;
      latest = step.value;
      if (Date.now() - sliceStart >= budget) {
        if (onProgress && latest) onProgress(latest);
        await pause();
        sliceStart = Date.now();
      }
    }
  } finally {
    steps.return(undefined as unknown as T);
  }
}
