/**
 * What the stages of one run share: the stage running now (so an unexpected error can say where it
 * happened), cancellation, progress and the overwrite question of the face that started the run.
 */
import type { Stage } from "../problems";
import type { RunHooks } from "../types";

export interface RunContext {
  /** The stage running now; each stage sets it when it starts. */
  stage: Stage;
  readonly signal?: AbortSignal;
  /**
   * Progress 0…1 with a phase name; clamped, and never below what was reported before: a method
   * that reports its own progress (the lifetime value's fits) may be further than the next stage's
   * usual start, and a bar that went back would look like the run started over.
   */
  progress(fraction: number, phase: string): void;
  /** The fraction last reported (0 before any). */
  readonly fraction: number;
  /** Asked when target cells are not empty; absent = never overwrite. */
  readonly confirmOverwrite?: (nonEmptyCells: string[]) => Promise<boolean>;
  /**
   * Between the slices of a long computation: gives the event loop a turn when the last one was
   * {@link BREATHE_EVERY_MS} or more ago (so the pane can draw and take a click on Cancel), then
   * stops the run if it was cancelled. Cheap when called often.
   */
  breathe(): Promise<void>;
}

/** Milliseconds of work between turns of the event loop (about two frames), as `core/steps.ts`. */
export const BREATHE_EVERY_MS = 25;

/** The context of a run started with these hooks. */
export function runContext(hooks: RunHooks, stage: Stage): RunContext {
  let lastTurn = Date.now();
  let reported = 0;
  return {
    stage,
    signal: hooks.signal,
    progress: (fraction, phase) => {
      reported = Math.max(reported, Math.min(1, Math.max(0, fraction)));
      hooks.onProgress?.(reported, phase);
    },
    get fraction() {
      return reported;
    },
    confirmOverwrite: hooks.confirmOverwrite,
    breathe: async () => {
      if (Date.now() - lastTurn >= BREATHE_EVERY_MS) {
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        lastTurn = Date.now();
      }
      hooks.signal?.throwIfAborted();
    },
  };
}

/** Stops the run when the user cancelled; the boundary turns it into a "cancelled" problem. */
export function throwIfCancelled(context: RunContext): void {
  context.signal?.throwIfAborted();
}
