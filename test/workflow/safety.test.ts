import { MemoryWorkbook } from "../../src/workbook/memoryWorkbook";
import { loadSavedSettings, removeLastRun, runSegmentation } from "../../src/workflow/run";
import { QUADRANT, TODAY, quadrantTable, settingsFor, snapshot, workbookWith } from "./fixtures";

const TABLE = {
  name: "Clients",
  sheet: "Customers",
  headerRow: 0,
  firstColumn: 0,
  rowCount: 4,
  columnCount: 3,
};

/** The example as an Excel table, with "keep me" in D3: inside the block the run would write. */
function occupied(): MemoryWorkbook {
  const cells = quadrantTable();
  cells[2] = [...cells[2], "keep me"];
  return workbookWith(cells, { tables: [TABLE] });
}

describe("overwrite protection", () => {
  it("writes nothing when a target cell is taken and there is no hook to ask", async () => {
    const wb = occupied();
    const before = await snapshot(wb);
    const outcome = await runSegmentation(wb, QUADRANT);
    expect(outcome).toMatchObject({ ok: false, problem: { code: "declined-overwrite" } });
    expect(await snapshot(wb)).toEqual(before);
  });

  it("asks with the taken cells and writes nothing when the user declines", async () => {
    const wb = occupied();
    const before = await snapshot(wb);
    const asked: string[][] = [];
    const outcome = await runSegmentation(wb, QUADRANT, {
      confirmOverwrite: async (cells) => {
        asked.push(cells);
        return false;
      },
    });
    expect(asked).toEqual([["Customers!D3"]]);
    expect(outcome.ok).toBe(false);
    expect(await snapshot(wb)).toEqual(before);
  });

  it("overwrites when the user agrees", async () => {
    const wb = occupied();
    const outcome = await runSegmentation(wb, QUADRANT, { confirmOverwrite: async () => true });
    expect(outcome.ok).toBe(true);
    expect(wb.cell("Customers", 2, 3)).toBe("Potential");
  });
});

describe("remove results", () => {
  it("deletes exactly what the last run added", async () => {
    const wb = workbookWith(quadrantTable(), { extraSheets: ["Notes"] });
    const before = await snapshot(wb);
    const outcome = await runSegmentation(wb, QUADRANT);
    expect(outcome.ok).toBe(true);
    expect(await wb.sheetNames()).toEqual(["Customers", "Notes", "CX Summary"]);
    const removed = await removeLastRun(wb);
    expect(removed).toMatchObject({
      ok: true,
      removed: { summarySheet: "CX Summary", columnHeaders: ["Segment"] },
    });
    expect(await snapshot(wb)).toEqual(before);
    expect(await removeLastRun(wb)).toMatchObject({ ok: false, problem: { code: "no-data" } });
  });

  it("removes added table columns from an Excel table", async () => {
    const wb = workbookWith(quadrantTable(), { tables: [TABLE] });
    const before = await snapshot(wb);
    await runSegmentation(wb, QUADRANT);
    expect(wb.tableDefinitions()[0].columnCount).toBe(4);
    await removeLastRun(wb);
    expect(wb.tableDefinitions()[0].columnCount).toBe(3);
    expect(await snapshot(wb)).toEqual(before);
  });
});

describe("text from the sheet and the user stays text", () => {
  it("keeps names like =SUM(A1), +49 GmbH, -Delta, @home as text, and labels starting with =", async () => {
    const names = ["=SUM(A1)", "+49 GmbH", "-Delta", "@home"];
    const cells = quadrantTable();
    names.forEach((name, i) => (cells[i + 1][0] = name));
    const settings = settingsFor("quadrant", { customer: 0, value: 1, match: 2 }, (s) => {
      s.quadrant.labels = ["=Top", "+Profit", "-Potential", "@Ordinary"];
    });
    const wb = workbookWith(cells);
    const outcome = await runSegmentation(wb, settings);
    expect(outcome.ok).toBe(true);
    names.forEach((name, i) => {
      expect(wb.cell("Customers", i + 1, 0)).toBe(name);
      expect(wb.isFormula("Customers", i + 1, 0)).toBe(false);
    });
    expect(wb.cell("Customers", 1, 3)).toBe("=Top");
    expect(wb.isFormula("Customers", 1, 3)).toBe(false);
    expect(wb.cell("CX Summary", 5, 0)).toBe("=Top");
    expect(wb.isFormula("CX Summary", 5, 0)).toBe(false);
  });
});

describe("a run that fails midway leaves the sheet as it was", () => {
  it.each([
    [1, "the summary sheet"],
    [2, "the columns (after the summary sheet was added)"],
  ])("when write call %i fails: %s", async (failOn) => {
    const wb = workbookWith(quadrantTable(), { extraSheets: ["Notes"] });
    wb.failOnWrite = failOn;
    const before = await snapshot(wb);
    const outcome = await runSegmentation(
      wb,
      settingsFor("rfm", { lastPurchase: 1, orders: 2, value: 1 }, (s) => (s.rfm.asOf = "1901-01-01")),
    );
    expect(outcome).toMatchObject({ ok: false, problem: { code: "write-failed" } });
    if (!outcome.ok) expect(outcome.problem.message).toContain("the sheet is as it was");
    expect(await snapshot(wb)).toEqual(before);
    expect(await wb.sheetNames()).toEqual(["Customers", "Notes"]);
    expect(await wb.readSetting("cx.lastRun")).toBeNull();
  });

  it("also for an Excel table", async () => {
    const wb = workbookWith(quadrantTable(), { tables: [TABLE] });
    wb.failOnWrite = 2;
    const before = await snapshot(wb);
    expect((await runSegmentation(wb, QUADRANT)).ok).toBe(false);
    expect(await snapshot(wb)).toEqual(before);
    expect(wb.tableDefinitions()[0].columnCount).toBe(3);
  });
});

describe("cancel", () => {
  it("stops before writing when cancelled before the run", async () => {
    const wb = workbookWith(quadrantTable());
    const before = await snapshot(wb);
    const controller = new AbortController();
    controller.abort();
    const outcome = await runSegmentation(wb, QUADRANT, { signal: controller.signal });
    expect(outcome).toMatchObject({ ok: false, problem: { code: "cancelled" } });
    expect(await snapshot(wb)).toEqual(before);
  });

  it("rolls back what was written when cancelled while writing", async () => {
    const wb = workbookWith(quadrantTable());
    const before = await snapshot(wb);
    const controller = new AbortController();
    const phases = new Set<string>();
    const settings = settingsFor(
      "rfm",
      { lastPurchase: 1, orders: 2, value: 1 },
      (s) => (s.rfm.asOf = "1901-01-01"),
    );
    const outcome = await runSegmentation(wb, settings, {
      signal: controller.signal,
      onProgress: (fraction, phase) => {
        phases.add(phase);
        // Cancel once the first of the six RFM columns has been written.
        if (phase === "Writing" && fraction > 0.65) controller.abort();
      },
    });
    expect(outcome).toMatchObject({ ok: false, problem: { code: "cancelled" } });
    if (!outcome.ok) expect(outcome.problem.message).toContain("removed again");
    expect(await snapshot(wb)).toEqual(before);
    expect(phases.has("Reading")).toBe(true);
  });
});

describe("one undo step, names and remembered settings", () => {
  it("does all writes inside one undo step", async () => {
    const wb = workbookWith(quadrantTable());
    await runSegmentation(wb, QUADRANT);
    expect(wb.undoSteps).toBe(1);
    expect(wb.writesOutsideUndoStep).toBe(0);
  });

  it("does not collide with existing headers or sheets", async () => {
    const cells = quadrantTable();
    cells[0][2] = "Segment";
    const wb = workbookWith(cells, { extraSheets: ["CX Summary"] });
    const outcome = await runSegmentation(wb, settingsFor("quadrant", { value: 1, match: 2 }));
    if (!outcome.ok) throw new Error(outcome.problem.message);
    expect(wb.cell("Customers", 0, 3)).toBe("Segment 2");
    expect(outcome.record.summarySheet).toBe("CX Summary 2");
  });

  it("remembers the settings of the last run for a one-click re-run", async () => {
    const wb = workbookWith(quadrantTable());
    expect(await loadSavedSettings(wb)).toBeNull();
    const settings = settingsFor("quadrant", { customer: 0, value: 1, match: 2 }, (s) => {
      s.quadrant.valueCut = { kind: "number", value: 250 };
    });
    await runSegmentation(wb, settings);
    expect(await loadSavedSettings(wb)).toEqual(settings);
    expect(settings.rfm.asOf).toBe("2024-01-31");
    expect(TODAY.getDate()).toBe(31);
  });
});
