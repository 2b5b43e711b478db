import type { Workbook } from "./workbook";

/**
 * What the file workbooks of the command-line runner (CSV, .xlsx in memory, streamed .xlsx) share:
 * a file has no host, so document settings live in memory for the one run (a file run has no
 * "Remove results" later) and there is no undo to group — the output file is only written, by the
 * runner, after the run succeeded.
 */
export abstract class FileWorkbookBase {
  private readonly settings = new Map<string, string>();

  async asOneUndoStep<T>(this: Workbook, work: (wb: Workbook) => Promise<T>): Promise<T> {
    return work(this);
  }

  async readSetting(key: string): Promise<string | null> {
    return this.settings.get(key) ?? null;
  }

  async writeSetting(key: string, value: string | null): Promise<void> {
    if (value === null) this.settings.delete(key);
    else this.settings.set(key, value);
  }
}
