/**
 * A workbook that fails — a read that rejects, a write that rejects after (part of) it happened, a
 * record that cannot be saved, an undo step the host refuses — never makes the workflow throw, and
 * never leaves half a run: the outcome is a problem that says what happened and what was undone,
 * and the workbook's content is what it was before. Checked on every workbook implementation
 * (`workbookSubjects.ts`).
 */
import { MemoryWorkbook } from "../../src/workbook/memoryWorkbook";
import { OfficeWorkbook } from "../../src/workbook/officeWorkbook";
import type { Workbook } from "../../src/workbook/workbook";
import { previewTable, removeLastRun, runSegmentation } from "../../src/workflow/run";
import type { RunOutcome } from "../../src/workflow/types";
import { installExcelMock } from "../workbook/officeMock";
import { failing, type FailPlan } from "./failingWorkbook";
import { QUADRANT, quadrantTable } from "./fixtures";
import { type Subject, workbookSubjects } from "./workbookSubjects";

afterEach(() => {
  delete (globalThis as { Excel?: unknown }).Excel;
  delete (globalThis as { Office?: unknown }).Office;
});

const TABLE = quadrantTable();
const SUBJECTS = workbookSubjects(TABLE);

/** Runs with `plan` injected; checks the content is what it was and returns the problem. */
async function runFailing(subject: Subject, plan: FailPlan) {
  const before = await subject.content();
  const outcome: RunOutcome = await runSegmentation(failing(subject.workbook, plan), QUADRANT);
  expect(await subject.content()).toEqual(before);
  if (outcome.ok) throw new Error(`expected a problem when ${plan.method} fails`);
  return outcome.problem;
}

describe.each(Object.keys(SUBJECTS))("%s", (name) => {
  const subject = () => SUBJECTS[name]();

  it("succeeds without injected failures (the reference for the cases below)", async () => {
    const s = await subject();
    const outcome = await runSegmentation(s.workbook, QUADRANT);
    expect(outcome.ok).toBe(true);
  });

  it.each<keyof Workbook>(["locateTable", "readColumns", "sheetNames", "findNonEmptyCells"])(
    "%s rejecting is a read-failed problem, and nothing is written",
    async (method) => {
      const problem = await runFailing(await subject(), { method, message: "the connection dropped" });
      expect(problem.code).toBe("read-failed");
      expect(problem.message).toBe(
        "Reading from the workbook failed (the connection dropped). Nothing was written; try again.",
      );
    },
  );

  it.each<[keyof Workbook, number]>([
    ["addSheet", 1],
    ["appendColumns", 1],
    ["writeSetting", 1],
    ["writeSetting", 2],
  ])("%s (call %i) failing after it wrote is rolled back, and says so", async (method, call) => {
    const problem = await runFailing(await subject(), { method, call, after: true, message: "disk full" });
    expect(problem.code).toBe("write-failed");
    expect(problem.message).toBe(
      "Writing the results failed (disk full). Everything this run had written was removed again; the sheet is as it was.",
    );
  });

  it("an undo step the host refuses is a write-failed problem, with nothing written", async () => {
    const problem = await runFailing(await subject(), { method: "asOneUndoStep", message: "busy" });
    expect(problem.code).toBe("write-failed");
    expect(problem.message).toContain("Writing the results failed (busy).");
  });

  it("the preview never throws: a failed read is a problem", async () => {
    const s = await subject();
    const outcome = await previewTable(failing(s.workbook, { method: "readColumns", message: "gone" }), 3);
    expect(outcome).toMatchObject({ ok: false, problem: { code: "read-failed" } });
  });

  it("a bug (here in the face's progress hook) is an internal error naming the stage, and nothing is written", async () => {
    const s = await subject();
    const before = await s.content();
    const outcome = await runSegmentation(s.workbook, QUADRANT, {
      onProgress: (_fraction, phase) => {
        if (phase === "Scoring") throw new TypeError("progress bar is gone");
      },
    });
    expect(outcome).toMatchObject({ ok: false, problem: { code: "internal-error", stage: "score" } });
    if (!outcome.ok)
      expect(outcome.problem.message).toBe(
        "Something unexpected went wrong in the add-in while computing the segments (progress bar is gone). Nothing was written.",
      );
    expect(await s.content()).toEqual(before);
  });
});

describe("the fake Excel failing a sync, as Excel does", () => {
  function officeWith(failWhen: (batch: { cellsRead: number; requestBytes: number }) => boolean) {
    const region = { row: 0, column: 0, rowCount: TABLE.length, columnCount: 3 };
    let failed = false;
    const mock = installExcelMock({
      sheets: [
        { name: "Customers", cell: (row, column) => TABLE[row]?.[column] ?? "", usedRange: region, region },
      ],
      selection: { row: 1, column: 1, rowCount: 1, columnCount: 1 },
      excelApi: "1.20",
      beforeSync: (_log, batch) => {
        if (!failed && failWhen(batch)) {
          failed = true;
          throw Object.assign(new Error("The request failed (InvalidOperation)."), {
            code: "InvalidOperation",
          });
        }
      },
    });
    return { mock, wb: new OfficeWorkbook() };
  }

  it("a read sync that fails is a read-failed problem", async () => {
    // The first sync that loads cells beyond the header probe is the column read.
    const { wb } = officeWith((batch) => batch.cellsRead >= 8);
    const outcome = await runSegmentation(wb, QUADRANT);
    expect(outcome).toMatchObject({ ok: false, problem: { code: "read-failed" } });
    if (!outcome.ok) expect(outcome.problem.message).toContain("InvalidOperation");
  });

  it("a write sync that fails is rolled back: the sheet is as it was", async () => {
    const { wb, mock } = officeWith((batch) => batch.requestBytes > 0);
    const outcome = await runSegmentation(wb, QUADRANT);
    expect(outcome).toMatchObject({ ok: false, problem: { code: "write-failed" } });
    if (!outcome.ok) expect(outcome.problem.message).toContain("removed again");
    const cells = Array.from({ length: 6 }, (_, r) =>
      Array.from({ length: 6 }, (_, c) => mock.stored("Customers", r, c)),
    );
    expect(cells).toEqual(
      Array.from({ length: 6 }, (_, r) => Array.from({ length: 6 }, (_, c) => TABLE[r]?.[c] ?? null)),
    );
    expect(await new OfficeWorkbook().sheetNames()).toEqual(["Customers"]);
  });
});

describe("Remove results never throws", () => {
  async function afterOneRun() {
    const wb = new MemoryWorkbook({
      sheets: [{ name: "Customers", cells: quadrantTable() }],
      selection: { sheet: "Customers", row: 1, column: 1 },
    });
    const outcome = await runSegmentation(wb, QUADRANT);
    if (!outcome.ok) throw new Error(outcome.problem.message);
    return wb;
  }

  it("a settings read that rejects is a read-failed problem", async () => {
    const wb = await afterOneRun();
    const outcome = await removeLastRun(failing(wb, { method: "readSetting" }));
    expect(outcome).toMatchObject({ ok: false, problem: { code: "read-failed" } });
  });

  it("a removal that fails says what it was removing", async () => {
    const wb = await afterOneRun();
    const outcome = await removeLastRun(failing(wb, { method: "deleteSheet", message: "locked" }));
    expect(outcome).toMatchObject({ ok: false, problem: { code: "remove-failed" } });
    if (!outcome.ok)
      expect(outcome.problem.message).toBe(
        'Removing the last results failed (locked). Some of them may be gone already: check the column "Segment" and the sheet "CX Summary".',
      );
  });
});
