/**
 * What the pane asks of the workflow — open, read the selection, segment, remove results — each as a
 * promise that always settles with an outcome and never rejects. The workflow has its own boundary
 * (`src/workflow/boundary.ts`): a workbook that throws there — Excel busy, a lost connection, a
 * document setting that cannot be saved — comes back as a `Problem` (`read-failed`, `write-failed`
 * after a rollback, …). This is the pane's last net under it: anything that still escaped (a bug)
 * would leave a spinner turning forever, so here it becomes an `excel-failed` {@link PaneProblem} in
 * pane words, saying what was and was not written.
 *
 * No React in this file, so the boundary is tested on the fake Excel without a browser.
 */
import type { Workbook } from "../workbook/workbook";
import { previewTable, removeLastRun, runSegmentation } from "../workflow/run";
import { readSavedSettings } from "../workflow/settings";
import type {
  Problem,
  RunHooks,
  RunRecord,
  RunSummary,
  SegmentationSettings,
  TablePreview,
} from "../workflow/types";

/**
 * A problem the pane shows: the workflow's, or `excel-failed` — the workbook threw where the
 * workflow expected an answer (the message then names Excel's error and what was written).
 */
export type PaneProblem = Omit<Problem, "code"> & { code: Problem["code"] | "excel-failed" };

export type Failed = { ok: false; problem: PaneProblem };

export type PreviewOutcome = { ok: true; preview: TablePreview } | Failed;

export type SegmentOutcome = { ok: true; summary: RunSummary; record: RunRecord } | Failed;

export type RemoveOutcome = { ok: true; message: string } | Failed;

/** What the pane shows on opening. */
export interface OpenedPane {
  /** The settings of the last run saved in the workbook, or null (none, or unreadable). */
  saved: SegmentationSettings | null;
  /** The table under the selection, or null with `problem` saying why. */
  preview: TablePreview | null;
  problem: PaneProblem | null;
  /** Set when the saved settings could not be read: the pane starts from its defaults and says so. */
  settingsUnreadable: string | null;
}

/**
 * Opening the pane: the saved settings (if readable), then the table under the selection. Settles
 * in every case, so the first-load spinner always stops.
 */
export async function openPane(workbook: Workbook, previewRows: number): Promise<OpenedPane> {
  let saved: SegmentationSettings | null = null;
  let settingsUnreadable: string | null = null;
  const unreadable = (reason: string) =>
    `The settings of the last run could not be read (${reason}), so the pane starts with its defaults.`;
  try {
    const read = await readSavedSettings(workbook);
    saved = read.settings;
    if (read.unreadable !== null)
      settingsUnreadable = unreadable(`“${read.unreadable.replace(/\.\s*$/, "")}”`);
  } catch (error) {
    settingsUnreadable = unreadable(reasonOf(error));
  }
  const read = await readSelection(workbook, previewRows);
  return read.ok
    ? { saved, preview: read.preview, problem: null, settingsUnreadable }
    : { saved, preview: null, problem: read.problem, settingsUnreadable };
}

/** The table under the selection and its first rows, or why not. */
export async function readSelection(workbook: Workbook, rows: number): Promise<PreviewOutcome> {
  try {
    return await previewTable(workbook, rows);
  } catch (error) {
    return failed(
      `The table under the selection could not be read (${reasonOf(error)}). Nothing was changed. Select a cell in your table and choose “Use the current selection”; if it keeps failing, close the pane and open it again.`,
    );
  }
}

/**
 * One run. The phase the workflow last reported says whether anything may have been written when
 * the workbook threw: before "Writing" nothing was; from then on the workflow's own rollback may not
 * have finished, and the message says where to look.
 */
export async function segment(
  workbook: Workbook,
  settings: SegmentationSettings,
  hooks: RunHooks = {},
): Promise<SegmentOutcome> {
  let phase = "";
  try {
    return await runSegmentation(workbook, settings, {
      ...hooks,
      onProgress: (fraction, name) => {
        phase = name;
        hooks.onProgress?.(fraction, name);
      },
    });
  } catch (error) {
    const writing = phase === "Writing" || phase === "Done";
    if (hooks.signal?.aborted && !writing) {
      return { ok: false, problem: { code: "cancelled", message: "Cancelled: nothing was written." } };
    }
    return failed(
      writing
        ? `The run stopped while writing the results (${reasonOf(error)}). Check the columns right of the table and the summary sheets: Excel's Undo (Ctrl+Z) takes back a run, or delete what it added by hand.`
        : `The run stopped (${reasonOf(error)}). Nothing was written. Try again; if it keeps failing, close the pane and open it again.`,
    );
  }
}

/** "Remove results": the workflow's answer, or what failed. */
export async function removeResults(workbook: Workbook): Promise<RemoveOutcome> {
  try {
    const outcome = await removeLastRun(workbook);
    return outcome.ok ? { ok: true, message: outcome.message } : outcome;
  } catch (error) {
    return failed(
      `Removing the last results failed (${reasonOf(error)}). Check the columns right of the table and the summary sheet, then press “Remove results” again or delete them by hand.`,
    );
  }
}

function failed(message: string): Failed {
  return { ok: false, problem: { code: "excel-failed", message } };
}

/**
 * What went wrong, quoted: Office.js errors carry a code besides their message and are named as
 * Excel's; anything else is quoted as it is.
 *
 * @example
 * reasonOf(Object.assign(new Error("The request failed."), { code: "GeneralException" }))
 * // => "Excel: “The request failed”, GeneralException"
 */
export function reasonOf(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).replace(/\.\s*$/, "");
  const code =
    typeof error === "object" && error !== null && "code" in error && typeof error.code === "string"
      ? error.code
      : "";
  return code === "" ? `“${text}”` : `Excel: “${text}”${text.includes(code) ? "" : `, ${code}`}`;
}
