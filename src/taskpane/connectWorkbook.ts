/**
 * Where the pane runs, and so which workbook it works on: the Office.js workbook inside Excel, the
 * browser preview on a bundled sample anywhere else.
 *
 * "Inside Office" is decided by the host itself, never by a timer (a timer also fires inside a slow
 * Excel, which would then show the sample table): Office opens the pane with a `_host_Info` parameter
 * in its URL ("Excel$Win32$16.01$en-US$$$$0", "excel|web|16.00|en-us|…"), and `Office.onReady`
 * reports the host. So:
 * - office.js did not load: the preview — unless the URL says Office opened the page, where the
 *   pane says that Office's script could not load (a sample table inside Excel would mislead);
 * - office.js loaded: wait for `Office.onReady` as long as it takes (the pane shows "Connecting to
 *   Excel…" meanwhile); a host of null means a plain browser: the preview;
 * - Excel: the Office.js workbook, if the host has the requirement sets the pane needs; any other
 *   host, or an Excel without them, gets a message that names what is missing.
 */
import {
  OfficeWorkbook,
  officeHost,
  officeScriptLoaded,
  REQUIRED_EXCEL_API,
} from "../workbook/officeWorkbook";
import type { PaneConnection } from "./connection";
import { previewConnection } from "./previewConnection";

/** Why the pane cannot start here, in pane words. */
export interface StartProblem {
  title: string;
  message: string;
}

export type PaneStart = { ok: true; connection: PaneConnection } | { ok: false; problem: StartProblem };

/**
 * Whether Office opened this page: Office adds `_host_Info` to the add-in's URL (the name's case has
 * varied between hosts, so it is matched without case).
 *
 * @example
 * launchedByOffice("?_host_Info=Excel$Win32$16.01$en-US$$$$0") // => true
 * launchedByOffice("?rows=300000")                           // => false
 */
export function launchedByOffice(search: string): boolean {
  for (const key of new URLSearchParams(search).keys()) if (key.toLowerCase() === "_host_info") return true;
  return false;
}

/**
 * Connects the pane (see the file's comment). `browserLanguage` (navigator.language) sets the
 * preview's number formats. Never rejects: a failure to start is a {@link StartProblem}.
 */
export async function connectWorkbook(search: string, browserLanguage: string): Promise<PaneStart> {
  const inOffice = launchedByOffice(search);
  const preview = (): PaneStart => ({ ok: true, connection: previewConnection(search, browserLanguage) });
  if (!officeScriptLoaded()) return inOffice ? { ok: false, problem: OFFICE_SCRIPT_MISSING } : preview();
  let host;
  try {
    host = await officeHost();
  } catch (error) {
    return {
      ok: false,
      problem: {
        title: "Could not connect to Excel",
        message: `Office did not finish starting the add-in (${messageOf(error)}). Close the pane and open it again.`,
      },
    };
  }
  if (host.host === null) return preview();
  if (host.host !== "Excel") {
    return {
      ok: false,
      problem: {
        title: "This add-in works in Excel",
        message: `The pane segments Excel tables; it was opened in ${host.host}. Open it from Excel's Home tab.`,
      },
    };
  }
  if (host.missingRequirementSets.length > 0)
    return { ok: false, problem: missingSets(host.missingRequirementSets) };
  return {
    ok: true,
    connection: {
      workbook: new OfficeWorkbook(),
      preview: null,
      locale: host.displayLanguage ?? browserLanguage,
    },
  };
}

const OFFICE_SCRIPT_MISSING: StartProblem = {
  title: "Office's script did not load",
  message:
    "Excel opened the pane, but office.js could not be loaded from Microsoft's servers, so the pane cannot reach the workbook. Check the network connection, then close the pane and open it again.",
};

/** The message for a host that lacks requirement sets, naming each and what it is needed for. */
export function missingSets(sets: readonly string[]): StartProblem {
  const list = sets.join(", ");
  const needed = sets.includes(`ExcelApi ${REQUIRED_EXCEL_API}`)
    ? ` (the pane needs it to find the Excel table under the selection)`
    : "";
  return {
    title: "This version of Excel is too old for the pane",
    message: `This Excel does not support ${list}${needed}. Update Office (File › Account › Update Options › Update Now), or use Excel for Microsoft 365 or Excel on the web.`,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
