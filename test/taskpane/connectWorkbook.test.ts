/**
 * Where the pane runs: decided by the host (Office's `_host_Info` URL parameter, the host that
 * `Office.onReady` reports), never by a timer. Inside Office the pane waits for Office however long
 * it takes and never falls back to the sample preview; a host that lacks a requirement set the pane
 * needs gets a message naming it. Office is office-addin-mock's fake Excel (test/workbook/officeMock.ts)
 * with the two members the choice reads added: `onReady` and `context.displayLanguage`. What the
 * pane shows meanwhile ("Connecting to Excel…") is checked in the browser (taskpane.test.ts).
 */
import { connectWorkbook, launchedByOffice, type PaneStart } from "../../src/taskpane/connectWorkbook";
import { PacedWorkbook } from "../../src/taskpane/pacedWorkbook";
import { OfficeWorkbook, REQUIRED_EXCEL_API } from "../../src/workbook/officeWorkbook";
import { installExcelMock } from "../workbook/officeMock";

/** The URL Excel for Windows opens the pane with (the value's format varies by host). */
const FROM_EXCEL = "?_host_Info=Excel$Win32$16.01$en-US$$$$0";
const FROM_EXCEL_ON_THE_WEB =
  "?_host_Info=excel|web|16.00|en-us|7fe9b4e9-d51e-bea5-d194-c817bc5ed4bc|isDialog";

type OnReady = () => Promise<{ host: string | null; platform?: string | null }>;

/** The fake Excel, with Office.onReady and the display language set as a test needs them. */
function installOffice(
  onReady: OnReady,
  options: { excelApi?: string; displayLanguage?: string } = {},
): void {
  installExcelMock({
    sheets: [{ name: "Sheet1", cell: () => "" }],
    excelApi: options.excelApi,
  });
  const office = (globalThis as unknown as { Office: { onReady: OnReady; context: Record<string, unknown> } })
    .Office;
  office.onReady = onReady;
  office.context.displayLanguage = options.displayLanguage ?? "de-DE";
}

function connection(start: PaneStart) {
  if (!start.ok) throw new Error(`the pane did not start: ${start.problem.message}`);
  return start.connection;
}

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
  delete (globalThis as { Excel?: unknown }).Excel;
  jest.useRealTimers();
});

describe("knowing where the pane runs", () => {
  test("Office's _host_Info parameter says Office opened the page, on desktop and on the web", () => {
    expect(launchedByOffice(FROM_EXCEL)).toBe(true);
    expect(launchedByOffice(FROM_EXCEL_ON_THE_WEB)).toBe(true);
    expect(launchedByOffice("?_HOST_INFO=Excel$Mac$16.01$en-US")).toBe(true);
    expect(launchedByOffice("")).toBe(false);
    expect(launchedByOffice("?rows=300000&note=1")).toBe(false);
  });

  test("inside Excel the pane works on the Office.js workbook, in Office's display language", async () => {
    installOffice(async () => ({ host: "Excel" }), { displayLanguage: "de-DE" });
    const connected = connection(await connectWorkbook(FROM_EXCEL, "en-US"));
    expect(connected.workbook).toBeInstanceOf(OfficeWorkbook);
    expect(connected.preview).toBeNull();
    expect(connected.locale).toBe("de-DE");
  });

  test("when office.js did not load and Office did not open the page, the preview starts at once", async () => {
    expect(typeof (globalThis as { Office?: unknown }).Office).toBe("undefined");
    const connected = connection(await connectWorkbook("?rows=7", "fr-FR"));
    expect(connected.workbook).toBeInstanceOf(PacedWorkbook);
    expect(connected.locale).toBe("fr-FR");
    await expect(connected.workbook.locateTable()).resolves.toMatchObject({ rowCount: 7 });
  });

  test("when office.js loaded outside Office (onReady reports no host) the preview starts", async () => {
    installOffice(async () => ({ host: null, platform: null }));
    expect(connection(await connectWorkbook("", "en-US")).preview).not.toBeNull();
  });

  test("a slow Office.onReady inside Office never falls back to the preview: the pane keeps waiting", async () => {
    jest.useFakeTimers();
    const tenMinutes = 10 * 60 * 1000;
    installOffice(() => new Promise((resolve) => setTimeout(() => resolve({ host: "Excel" }), tenMinutes)));
    let settled: PaneStart | null = null;
    const starting = connectWorkbook(FROM_EXCEL, "en-US").then((start) => (settled = start));
    // The old pane gave up after 3 s and showed the sample table inside Excel; now nothing happens
    // however long Office takes, until Office says it is ready.
    let elapsed = 0;
    for (const waited of [3_000, 60_000, tenMinutes - 1]) {
      await jest.advanceTimersByTimeAsync(waited - elapsed);
      elapsed = waited;
      expect(settled).toBeNull();
    }
    await jest.advanceTimersByTimeAsync(1);
    const connected = connection(await starting);
    expect(connected.workbook).toBeInstanceOf(OfficeWorkbook);
    expect(connected.preview).toBeNull();
  });

  test("the same holds without _host_Info: only onReady's answer decides, no timer", async () => {
    jest.useFakeTimers();
    let ready: (info: { host: string | null }) => void = () => undefined;
    installOffice(() => new Promise((resolve) => (ready = resolve)));
    let settled = false;
    const starting = connectWorkbook("", "en-US").then((start) => {
      settled = true;
      return start;
    });
    await jest.advanceTimersByTimeAsync(24 * 60 * 60 * 1000);
    expect(settled).toBe(false);
    ready({ host: "Excel" });
    expect(connection(await starting).workbook).toBeInstanceOf(OfficeWorkbook);
  });

  test("opened by Office but without office.js, the pane says the script did not load instead of showing the sample", async () => {
    const start = await connectWorkbook(FROM_EXCEL, "en-US");
    expect(start.ok).toBe(false);
    if (start.ok) return;
    expect(start.problem.title).toBe("Office's script did not load");
    expect(start.problem.message).toContain("office.js");
  });

  test("a host that lacks ExcelApi 1.9 gets a message naming the set, and no workbook", async () => {
    installOffice(async () => ({ host: "Excel" }), { excelApi: "1.8" });
    const start = await connectWorkbook(FROM_EXCEL, "en-US");
    expect(REQUIRED_EXCEL_API).toBe("1.9");
    expect(start.ok).toBe(false);
    if (start.ok) return;
    expect(start.problem.message).toContain("ExcelApi 1.9");
    expect(start.problem.message).toContain("find the Excel table under the selection");
  });

  test("a host with exactly ExcelApi 1.9 starts (1.13 and 1.20 are detected where used, not required)", async () => {
    installOffice(async () => ({ host: "Excel" }), { excelApi: "1.9" });
    expect(connection(await connectWorkbook(FROM_EXCEL, "en-US")).workbook).toBeInstanceOf(OfficeWorkbook);
  });

  test("another Office host gets a message that the pane works in Excel", async () => {
    installOffice(async () => ({ host: "Word" }));
    const start = await connectWorkbook("?_host_Info=Word$Win32$16.01$en-US$$$$0", "en-US");
    expect(start.ok).toBe(false);
    if (!start.ok) expect(start.problem.message).toContain("opened in Word");
  });

  test("an onReady that fails is a message, not a rejection", async () => {
    installOffice(() => Promise.reject(new Error("host gone")));
    const start = await connectWorkbook(FROM_EXCEL, "en-US");
    expect(start.ok).toBe(false);
    if (!start.ok) expect(start.problem.message).toContain("host gone");
  });
});
