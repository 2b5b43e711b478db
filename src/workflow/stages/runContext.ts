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
  /** Progress 0…1 with a phase name; clamped. */
  progress(fraction: number, phase: string): void;
  /** Asked when target cells are not empty; absent = never overwrite. */
  readonly confirmOverwrite?: (nonEmptyCells: string[]) => Promise<boolean>;
}

/** The context of a run started with these hooks. */
export function runContext(hooks: RunHooks, stage: Stage): RunContext {
  return {
    stage,
    signal: hooks.signal,
    progress: (fraction, phase) => hooks.onProgress?.(Math.min(1, Math.max(0, fraction)), phase),
    confirmOverwrite: hooks.confirmOverwrite,
  };
}

/** Stops the run when the user cancelled; the boundary turns it into a "cancelled" problem. */
export function throwIfCancelled(context: RunContext): void {
  context.signal?.throwIfAborted();
}
