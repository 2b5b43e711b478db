/**
 * The lifetime value's fits and scores are the slow part of a run (seconds on a million customers):
 * in the pane they must leave the page responsive and stop on Cancel. The method runs as one paced
 * computation (its loops, `fitBgnbdSteps`, `fitGammaGammaSteps`, `scoreCustomersSteps`, the tiers
 * and the fit chart as steps under `runStepsAsync`: a pause every 25 ms, the run's signal, progress
 * as "Scoring: …"), so the event loop gets turns while they run, and a cancel during them ends the
 * run as "cancelled" with nothing written. The browser test of a full sheet is in
 * `test/taskpane/paneStartsAndFails.test.ts`.
 */
import { runSegmentation } from "../../../src/workflow/run";
import type { CellValue } from "../../../src/workbook/workbook";
import { CDNOW_AS_OF, cdnowCustomerTable } from "../../data/cdnow/cdnow";
import { settingsFor, workbookWith } from "../fixtures";

const MAPPING = { customer: 0, firstPurchase: 1, lastPurchase: 2, orders: 3, value: 4, averageValue: 5 };
const CLV = settingsFor("clv", MAPPING, (s) => {
  s.clv.asOf = CDNOW_AS_OF;
});

describe("the lifetime value, paced", () => {
  it("gives the event loop turns while it fits and scores, and reports its progress", async () => {
    let turns = 0;
    const turnsAtScoring: number[] = [];
    const timer = setInterval(() => turns++, 0);
    try {
      const outcome = await runSegmentation(workbookWith(cdnowCustomerTable() as CellValue[][]), CLV, {
        onProgress: (_fraction, phase) => {
          if (phase.startsWith("Scoring: ")) turnsAtScoring.push(turns);
        },
      });
      expect(outcome.ok).toBe(true);
    } finally {
      clearInterval(timer);
    }
    // Progress came from inside the fits (at their pauses), and timers ran between the first and the last.
    expect(turnsAtScoring.length).toBeGreaterThanOrEqual(2);
    expect(turnsAtScoring[turnsAtScoring.length - 1]).toBeGreaterThan(turnsAtScoring[0]);
  });

  it("stops on Cancel during the fit: the run is cancelled and nothing is written", async () => {
    const wb = workbookWith(cdnowCustomerTable() as CellValue[][]);
    const before = await wb.sheetNames();
    const cellsBefore = JSON.stringify(wb.sheetGrid(before[0]));
    const controller = new AbortController();
    const outcome = await runSegmentation(wb, CLV, {
      signal: controller.signal,
      onProgress: (_fraction, phase) => {
        if (phase.startsWith("Scoring: ")) controller.abort();
      },
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problem.code).toBe("cancelled");
    await expect(wb.sheetNames()).resolves.toEqual(before);
    expect(JSON.stringify(wb.sheetGrid(before[0]))).toBe(cellsBefore);
  });
});
