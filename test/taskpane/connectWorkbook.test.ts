/**
 * How the pane chooses its workbook: Office.js inside Excel, the browser preview anywhere else, and
 * never a wait of more than three seconds for Office. `Office` is a stand-in global here, with just
 * the two members the choice reads.
 */
import { connectWorkbook, OFFICE_READY_TIMEOUT_MS } from "../../src/taskpane/connectWorkbook";
import { PacedWorkbook } from "../../src/taskpane/pacedWorkbook";
import { OfficeWorkbook } from "../../src/workbook/officeWorkbook";

type OfficeStandIn = { onReady: () => Promise<{ host: string | null }>; HostType: { Excel: string } };

function installOffice(onReady: OfficeStandIn["onReady"]): void {
  (globalThis as unknown as { Office: OfficeStandIn }).Office = { onReady, HostType: { Excel: "Excel" } };
}

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
  jest.useRealTimers();
});

describe("choosing the workbook", () => {
  test("inside Excel the pane works on the Office.js workbook, with no preview", async () => {
    installOffice(async () => ({ host: "Excel" }));
    const connection = await connectWorkbook("");
    expect(connection.workbook).toBeInstanceOf(OfficeWorkbook);
    expect(connection.preview).toBeNull();
  });

  test("when office.js did not load the pane starts the preview on the sample at once", async () => {
    expect(typeof (globalThis as { Office?: unknown }).Office).toBe("undefined");
    const connection = await connectWorkbook("?rows=7");
    expect(connection.workbook).toBeInstanceOf(PacedWorkbook);
    const table = await connection.workbook.locateTable();
    expect(table?.rowCount).toBe(7);
  });

  test("when office.js loaded outside Office (no host) the pane starts the preview", async () => {
    installOffice(async () => ({ host: null }));
    const connection = await connectWorkbook("");
    expect(connection.preview).not.toBeNull();
  });

  test("when Office never says it is ready the preview starts after three seconds, not later", async () => {
    jest.useFakeTimers();
    installOffice(() => new Promise(() => undefined));
    let settled = false;
    const choice = connectWorkbook("").then((connection) => {
      settled = true;
      return connection;
    });
    await jest.advanceTimersByTimeAsync(OFFICE_READY_TIMEOUT_MS - 1);
    expect(settled).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect((await choice).preview).not.toBeNull();
    expect(OFFICE_READY_TIMEOUT_MS).toBe(3000);
  });
});
