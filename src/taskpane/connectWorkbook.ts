/**
 * Chooses the workbook the pane works on — the only place the pane touches Office.js.
 *
 * Inside Excel: the Office.js workbook. Anywhere else — office.js failed to load (no network: it
 * must come from Microsoft's CDN), the page was opened in a plain browser, or Office never says it
 * is ready — the browser preview on a bundled sample. The pane never waits more than
 * {@link OFFICE_READY_TIMEOUT_MS} for Office.
 */
import { OfficeWorkbook } from "../workbook/officeWorkbook";
import type { PaneConnection } from "./connection";
import { previewConnection } from "./previewConnection";

/** Office normally reports ready within a second of load; past this the pane starts the preview. */
export const OFFICE_READY_TIMEOUT_MS = 3000;

export async function connectWorkbook(search: string): Promise<PaneConnection> {
  return (await insideExcel())
    ? { workbook: new OfficeWorkbook(), preview: null }
    : previewConnection(search);
}

async function insideExcel(): Promise<boolean> {
  // The <script> tag for office.js ran before this bundle; if it failed, `Office` does not exist.
  if (typeof Office === "undefined") return false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), OFFICE_READY_TIMEOUT_MS);
  });
  try {
    const info = await Promise.race([Office.onReady(), timeout]);
    return info !== null && info.host === Office.HostType.Excel;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
