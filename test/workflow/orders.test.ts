/**
 * The order-log source through the whole workflow on a memory workbook: one row per order,
 * aggregated as of a date into the `CX Customers` sheet, a method on the customers, and each order
 * row's segment beside the log. Every number is worked by hand in the comments.
 */
import { isoToSerial } from "../../src/core/excelDate";
import { CUSTOMERS } from "../../src/functions/functions";
import { MemoryWorkbook } from "../../src/workbook/memoryWorkbook";
import type { CellValue } from "../../src/workbook/workbook";
import { runnerWords } from "../../src/cli/runnerWords";
import { describeProblem } from "../../src/workflow/problemText";
import { previewTable, removeLastRun, runSegmentation } from "../../src/workflow/run";
import { defaultOrderSource } from "../../src/workflow/settings";
import type { RunOutcome, SegmentationSettings } from "../../src/workflow/types";
import { settingsFor, snapshot, workbookWith } from "./fixtures";

const day = (iso: string) => isoToSerial(iso) as number;

/**
 * As of 2024-03-31 (weeks):
 *   A buys 2024-01-01 twice (100 + 50: one purchase of 150) and 2024-01-15 (30);
 *   B buys 2024-01-03 (40) and 2024-03-01 (60);
 *   C buys 2024-02-15 (10), and 2024-04-10 (500, after the as-of date: not counted);
 *   D buys only 2024-04-02 (after the as-of date: not a customer yet).
 * Rows are not in date order (row 6 is earlier than row 5).
 */
function orderLog(): CellValue[][] {
  return [
    ["Customer", "Order date", "Amount"],
    ["A", day("2024-01-01"), 100], // row 2
    ["B", day("2024-01-03"), 40], // row 3
    ["A", day("2024-01-01"), 50], // row 4: same day as row 2
    ["C", day("2024-02-15"), 10], // row 5
    ["A", day("2024-01-15"), 30], // row 6
    ["B", day("2024-03-01"), 60], // row 7
    ["C", day("2024-04-10"), 500], // row 8: after the as-of date
    ["D", day("2024-04-02"), 70], // row 9: after the as-of date, a customer not yet known
  ];
}

const MAPPING = { customer: 0, orderDate: 1, value: 2 };

function orderSettings(
  method: SegmentationSettings["method"],
  change: (s: SegmentationSettings) => void = () => {},
): SegmentationSettings {
  return settingsFor(method, MAPPING, (s) => {
    s.source = { ...defaultOrderSource("2024-03-31") };
    change(s);
  });
}

function ok(outcome: RunOutcome) {
  if (!outcome.ok) throw new Error(`run stopped: ${outcome.problem.message}`);
  return outcome;
}

function problemOf(outcome: RunOutcome) {
  if (outcome.ok) throw new Error("the run should have stopped");
  return outcome.problem;
}

describe("an order log, as of a date", () => {
  it("writes one row per customer to CX Customers, hand-worked", async () => {
    const wb = workbookWith(orderLog());
    const outcome = ok(await runSegmentation(wb, orderSettings("abc")));
    const grid = wb.sheetGrid("CX Customers");
    expect(grid[0]).toEqual([
      "Customer",
      "First purchase",
      "Last purchase",
      "Purchases",
      "Repeat purchases",
      "Recency (weeks)",
      "Age (weeks)",
      "Total value",
      "Average repeat value",
      "ABC class",
      "Cumulative value share",
    ]);
    // A: days 01-01 and 01-15 → 2 purchases; recency 14/7 = 2; age 01-01 → 03-31 = 90 days
    //    (30 + 29 + 31) / 7; total 100 + 50 + 30 = 180; the repeat day's value 30.
    // B: 01-03 → 03-01 = 58 days (28 + 29 + 1), age 88 days; total 100; repeat 60.
    // C: one purchase on 02-15 (the 500 on 04-10 is after the as-of date): age 14 + 31 = 45 days;
    //    total 10; no repeat purchase, so a blank average.
    const rows = grid.slice(1).map((row) => row.slice(0, 9));
    expect(rows).toHaveLength(3);
    const expected = [
      ["A", day("2024-01-01"), day("2024-01-15"), 2, 1, 2, 90 / 7, 180, 30],
      ["B", day("2024-01-03"), day("2024-03-01"), 2, 1, 58 / 7, 88 / 7, 100, 60],
      ["C", day("2024-02-15"), day("2024-02-15"), 1, 0, 0, 45 / 7, 10, null],
    ];
    rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        const want = expected[r][c];
        if (typeof want === "number") expect(cell).toBeCloseTo(want, 12);
        else expect(cell).toBe(want);
      }),
    );
    // ABC on the totals 180, 100, 10 of 290: shares before each are 0, 0.621, 0.966 → A, A, C.
    expect(grid.slice(1).map((row) => row[9])).toEqual(["A", "A", "C"]);
    expect(outcome.summary.customers).toBe(3);
    expect(outcome.summary.totalValue).toBe(290);
    expect(outcome.record.customerSheet).toBe("CX Customers");
    // Dates are serials with a date format (a date format shows them).
    expect(wb.numberFormats("CX Customers")).toContainEqual({
      block: { sheet: "CX Customers", row: 1, column: 1, rowCount: 3, columnCount: 2 },
      format: "yyyy-mm-dd",
    });
  });

  it("shows the same numbers as CX.CUSTOMERS on the same cells", async () => {
    const wb = workbookWith(orderLog());
    ok(await runSegmentation(wb, orderSettings("abc")));
    const column = (c: number) =>
      orderLog()
        .slice(1)
        .map((row) => [row[c]]);
    const spilled = CUSTOMERS(column(0), column(1), column(2), day("2024-03-31"), "week", false);
    const sheet = wb.sheetGrid("CX Customers").map((row) => row.slice(0, 9));
    // The function spills "" for a blank average; a sheet cell is empty (null).
    expect(sheet).toEqual(spilled.map((row) => row.map((cell) => (cell === "" ? null : cell))));
  });

  it("gives every counted order row its customer's segment; rows after the as-of date stay blank", async () => {
    const wb = workbookWith(orderLog());
    const outcome = ok(await runSegmentation(wb, orderSettings("abc")));
    const grid = wb.sheetGrid("Customers");
    expect(grid[0][3]).toBe("ABC class");
    expect(grid.slice(1).map((row) => row[3] ?? null)).toEqual(["A", "A", "A", "C", "A", "A", null, null]);
    expect(grid[0]).toHaveLength(4); // one column only beside the log
    expect(outcome.summary.orderLog).toEqual({
      asOf: "2024-03-31",
      period: "week",
      rows: 8,
      counted: 6,
      afterAsOf: 2,
      skipped: 0,
      blank: 0,
      returns: 0,
      customers: 3,
      customersAfterAsOf: 1,
    });
    expect(outcome.summary.notes).toContain(
      "2 order rows dated after the as-of date 2024-03-31 (up to 2024-04-10) were not counted; their segment cells are blank. 1 customer bought only after it and is not in the table.",
    );
  });

  it("counts up to the as-of date: a later date counts the later orders too", async () => {
    const wb = workbookWith(orderLog());
    const outcome = ok(
      await runSegmentation(
        wb,
        orderSettings("abc", (s) => {
          s.source = { ...defaultOrderSource("2024-04-30"), period: "day" };
        }),
      ),
    );
    // Now C has 10 + 500 and D is a customer: totals A 180, B 100, C 510, D 70 = 860.
    expect(outcome.summary.totalValue).toBe(860);
    const grid = wb.sheetGrid("CX Customers");
    expect(grid.map((row) => row[0])).toEqual(["Customer", "A", "B", "C", "D"]);
    // In days: C's recency 04-10 − 02-15 = 55 days; D's age 04-30 − 04-02 = 28 days.
    expect(grid[0][5]).toBe("Recency (days)");
    expect(grid[3][5]).toBe(55);
    expect(grid[4][6]).toBe(28);
  });

  it("runs RFM on the customers, recency counted to the order log's as-of date", async () => {
    const wb = workbookWith(orderLog());
    const outcome = ok(
      await runSegmentation(
        wb,
        orderSettings("rfm", (s) => (s.rfm.asOf = "2000-01-01")),
      ),
    );
    expect(outcome.summary.customers).toBe(3);
    expect(wb.sheetGrid("Customers")[0][3]).toBe("RFM segment");
    const customers = wb.sheetGrid("CX Customers");
    expect(customers[0]).toContain("RFM segment");
    // A blank segment only for the two rows after the as-of date.
    const segments = wb
      .sheetGrid("Customers")
      .slice(1)
      .map((row) => row[3] ?? null);
    expect(segments.filter((s) => s === null)).toHaveLength(2);
    expect(segments[0]).toBe(segments[2]); // rows 2 and 4 are both A's
  });

  it("runs the quadrant on total value and the latest strategic match of each customer", async () => {
    const cells = orderLog().map((row, r) => [
      ...row,
      r === 0 ? "Strategic match" : r === 1 ? 2 : r === 5 ? 9 : 5,
    ]);
    const wb = workbookWith(cells);
    ok(
      await runSegmentation(
        wb,
        orderSettings("quadrant", (s) => (s.mapping.match = 3)),
      ),
    );
    const customers = wb.sheetGrid("CX Customers");
    // A's latest counted order (01-15, row 6) says 9; B's says 5; C's counted one says 5.
    expect(customers.map((row) => row[9])).toEqual(["Strategic match", 9, 5, 5]);
    // Medians: value 100 (of 180, 100, 10), match 5 → A (180, 9) Strategic, B (100, 5) Strategic
    // (a cut is "at or above"), C (10, 5) Potential.
    expect(customers.map((row) => row[10])).toEqual(["Segment", "Strategic", "Strategic", "Potential"]);
  });

  it("Remove results deletes the customer sheet, the summary and the segment column", async () => {
    const wb = workbookWith(orderLog());
    const before = await snapshot(wb);
    ok(await runSegmentation(wb, orderSettings("abc")));
    const removed = await removeLastRun(wb);
    expect(removed.ok).toBe(true);
    if (removed.ok) expect(removed.message).toContain('the sheets "CX Summary" and "CX Customers"');
    expect(await snapshot(wb)).toEqual(before);
  });

  it("a failing write removes both new sheets again", async () => {
    const wb = workbookWith(orderLog());
    const before = await snapshot(wb);
    wb.failOnWrite = 3; // the summary, the customer sheet, then the column
    const outcome = await runSegmentation(wb, orderSettings("abc"));
    expect(outcome.ok).toBe(false);
    expect(await snapshot(wb)).toEqual(before);
  });

  it("the preview recognises an order log by a repeated customer", async () => {
    const previewed = await previewTable(workbookWith(orderLog()));
    if (!previewed.ok) throw new Error(previewed.problem.message);
    expect(previewed.preview.orderLog).toEqual({ likely: true, reason: 'customer "A" is on rows 2 and 4' });
    expect(previewed.preview.detectedOrders).toMatchObject({ customer: 0, orderDate: 1, value: 2 });
    const table = await previewTable(
      workbookWith([
        ["Customer", "Order date", "Amount"],
        ["A", 45000, 1],
        ["B", 45001, 2],
      ]),
    );
    if (!table.ok) throw new Error(table.problem.message);
    expect(table.preview.orderLog.likely).toBe(false);
  });
});

describe("bad order rows", () => {
  function badLog(): CellValue[][] {
    return [
      ["Customer", "Order date", "Amount"],
      ["A", day("2024-01-01"), 100], // row 2
      [null, day("2024-01-02"), 40], // row 3: no customer
      ["B", "next Tuesday", 50], // row 4: not a date
      ["B", day("2024-01-05"), "fifty"], // row 5: a text amount
      ["C", day("2024-01-06"), -20], // row 6: a return
      ["C", day("2024-01-07"), 80], // row 7
    ];
  }

  it("stops naming the first row and listing the others, in the pane's words", async () => {
    const wb = workbookWith(badLog());
    const before = await snapshot(wb);
    const problem = problemOf(await runSegmentation(wb, orderSettings("abc")));
    expect(problem.code).toBe("bad-order-rows");
    expect(problem.message).toBe(
      'Row 3, column A "Customer" (customer) is blank: type the customer of this order, or clear the whole row. ' +
        "3 more order rows cannot be used either (rows 4, 5, 6). " +
        'Fix them, or choose "Skip these rows" to leave those orders out.',
    );
    expect(problem.rows).toEqual([3, 4, 5, 6]);
    expect(await snapshot(wb)).toEqual(before);
  });

  it("names each kind of bad row, in the runner's words", async () => {
    const words = runnerWords({ kind: "csv" });
    const messageFor = async (cells: CellValue[][]) =>
      problemOf(await runSegmentation(workbookWith(cells), orderSettings("abc"), { words })).message;
    const header = ["Customer", "Order date", "Amount"];
    expect(await messageFor([header, ["A", "next Tuesday", 5]])).toBe(
      'Row 2, column B "Order date" (order date) holds the text "next Tuesday", which is not a date: type a date (a date cell or yyyy-mm-dd text). Fix it, or pass --skip-invalid to leave those orders out.',
    );
    expect(await messageFor([header, ["A", day("2024-01-01"), "fifty"]])).toBe(
      'Row 2, column C "Amount" (amount) holds the text "fifty" where an amount is needed: type a number. Fix it, or pass --skip-invalid to leave those orders out.',
    );
    expect(await messageFor([header, ["A", day("2024-01-01"), -20]])).toBe(
      'Row 2, column C "Amount" (amount) is the number -20: a negative amount is a return; pass --allow-returns, or correct the amount. Fix it, or pass --skip-invalid to leave those orders out.',
    );
    expect(await messageFor([header, [null, day("2024-01-01"), 5]])).toContain(
      'Row 2, column A "Customer" (customer) is blank',
    );
  });

  it("with Skip these rows, leaves them out with a note naming them", async () => {
    const wb = workbookWith(badLog());
    const outcome = ok(
      await runSegmentation(
        wb,
        orderSettings("abc", (s) => (s.skipInvalidRows = true)),
      ),
    );
    // Counted: A 100 (row 2), C 80 (row 7); the return on row 6 is a bad row without returns allowed.
    expect(outcome.summary.totalValue).toBe(180);
    expect(outcome.summary.notes).toContain(
      "4 order rows were left out because they cannot be used (no customer, no date, or no usable amount): rows 3, 4, 5, 6.",
    );
    expect(
      wb
        .sheetGrid("Customers")
        .slice(1)
        .map((row) => row[3] ?? null),
    ).toEqual(["A", null, null, null, null, "A"]);
  });

  it("counts returns when allowed: they lower the customer's total", async () => {
    const cells = badLog().filter((_, r) => r === 0 || r === 1 || r >= 5);
    const wb = workbookWith(cells);
    const outcome = ok(
      await runSegmentation(
        wb,
        orderSettings("abc", (s) => {
          if (s.source.kind === "orders") s.source.allowReturns = true;
        }),
      ),
    );
    // C: −20 on 01-06 (a return: not a purchase) and 80 on 01-07: total 60, one purchase.
    const customers = wb.sheetGrid("CX Customers");
    expect(customers[2].slice(0, 4)).toEqual(["C", day("2024-01-07"), day("2024-01-07"), 1]);
    expect(customers[2][7]).toBe(60);
    expect(outcome.summary.notes).toContain(
      "1 return (negative amounts) lowered their customers' total value.",
    );
  });

  it("ABC refuses customers whose returns outweigh their purchases, naming them", async () => {
    const cells: CellValue[][] = [
      ["Customer", "Order date", "Amount"],
      ["A", day("2024-01-01"), 100],
      ["C", day("2024-01-02"), 30],
      ["C", day("2024-01-03"), -50],
    ];
    const problem = problemOf(
      await runSegmentation(
        workbookWith(cells),
        orderSettings("abc", (s) => {
          if (s.source.kind === "orders") s.source.allowReturns = true;
        }),
      ),
    );
    expect(problem.code).toBe("negative-totals");
    expect(problem.message).toContain('the returns of 1 customer ("C") outweigh their purchases');
  });

  it("stops when every order is after the as-of date, saying which setting to change", async () => {
    const settings = orderSettings("abc", (s) => (s.source = defaultOrderSource("2023-12-31")));
    const pane = problemOf(await runSegmentation(workbookWith(orderLog()), settings));
    expect(pane.message).toBe(
      "All 8 orders are dated after the as-of date 2023-12-31, so no customer had bought by then: choose a later date in the order log's as-of date.",
    );
    const runner = problemOf(
      await runSegmentation(workbookWith(orderLog()), settings, { words: runnerWords({ kind: "csv" }) }),
    );
    expect(runner.message).toContain("choose a later date in --as-of");
  });

  it("an order log without a date column says which columns to map", async () => {
    const settings = orderSettings("abc", (s) => (s.mapping.orderDate = null));
    const problem = problemOf(await runSegmentation(workbookWith(orderLog()), settings));
    expect(problem.code).toBe("unmapped-order-column");
    expect(describeProblem(problem, runnerWords()).message).toContain("--map order-date=HEADER");
  });
});

describe("the order-log settings are checked before anything is read", () => {
  it("an as-of date that does not exist", async () => {
    const settings = orderSettings("abc", (s) => (s.source = defaultOrderSource("2024-02-30")));
    const problem = problemOf(await runSegmentation(new MemoryWorkbook({ sheets: [] }), settings));
    expect(problem.code).not.toBe("invalid-setting"); // no table selected comes first
    const located = problemOf(await runSegmentation(workbookWith(orderLog()), settings));
    expect(located.code).toBe("invalid-setting");
    expect(describeProblem(located, runnerWords()).message).toContain("--as-of");
  });
});

describe("the retention block of an order log's summary", () => {
  it("per segment: the observed retention over a year, its lifetime value and a 5-point churn cut, by hand", async () => {
    // As of 2025-12-31 with years of 365.25 days: the last year is 2025-01-01 … 2025-12-31, the
    // base year 2024-01-02 … 2024-12-31 (each day counts from its start).
    //   X buys 2024-06-01 (100) and 2025-06-01 (100): a base customer, retained;
    //   Y buys 2024-03-01 (50) only: a base customer, lost;
    //   Z buys 2025-10-01 (20) only: first purchase in the last year, too little history.
    const cells: CellValue[][] = [
      ["Customer", "Order date", "Amount"],
      ["X", day("2024-06-01"), 100],
      ["Y", day("2024-03-01"), 50],
      ["X", day("2025-06-01"), 100],
      ["Z", day("2025-10-01"), 20],
    ];
    const settings = orderSettings("abc", (s) => (s.source = defaultOrderSource("2025-12-31")));
    const wb = workbookWith(cells);
    const outcome = ok(await runSegmentation(wb, settings));
    const retention = outcome.summary.retention;
    if (!retention) throw new Error("no retention block");
    expect([retention.baseFrom, retention.baseTo, retention.lastFrom, retention.lastTo]).toEqual([
      "2024-01-02",
      "2024-12-31",
      "2025-01-01",
      "2025-12-31",
    ]);
    // All: rate 1/2; margin per period (100 + 50 + 100) / (2 base + 1 retained) = 83.33;
    // LTV = 83.33 · 0.5 / (1.1 − 0.5) = 69.44; at 0.55: 83.33 · 0.55 / 0.55 = 83.33;
    // the cut is worth the 2 active customers (X, Z) × (83.33 − 69.44) = 27.78.
    const m = 250 / 3;
    const ltv = (r: number) => (m * r) / (1.1 - r);
    expect(retention.total).toMatchObject({ baseCustomers: 2, retainedCustomers: 1, retentionRate: 0.5 });
    expect(retention.total.tooLittleHistory).toBe(1);
    expect(retention.total.lifetimeValue).toBeCloseTo(ltv(0.5), 10);
    expect(retention.total.churnCutValue).toBeCloseTo(2 * (ltv(0.55) - ltv(0.5)), 10);
    // ABC on totals X 200, Y 50, Z 20 of 270: shares before 0, 0.74, 0.93 → X, Y in A; Z in B.
    // A: the same rate and margin, one active customer (X): the cut is worth 1 × 13.89.
    const a = retention.segments.find((line) => line.segment === "A");
    expect(a).toMatchObject({ customers: 2, baseCustomers: 2, retainedCustomers: 1, activeCustomers: 1 });
    expect(a?.churnCutValue).toBeCloseTo(ltv(0.55) - ltv(0.5), 10);
    const b = retention.segments.find((line) => line.segment === "B");
    expect(b).toMatchObject({ customers: 1, tooLittleHistory: 1, baseCustomers: 0, retentionRate: null });
    // The summary sheet shows the block: A, B, then all customers (B's rate and values blank).
    const sheet = wb.sheetGrid("CX Summary");
    const header = sheet.findIndex((row) => row[0] === "Segment" && row[1] === "Base customers");
    expect(header).toBeGreaterThan(0);
    const block = sheet.slice(header + 1, header + 4).map((row) => row.slice(0, 7));
    expect(block[0].slice(0, 4)).toEqual(["A", 2, 1, 0.5]);
    expect(block[0][5]).toBeCloseTo(ltv(0.55) - ltv(0.5), 10);
    expect(block[1]).toEqual(["B", 0, 0, null, null, null, 1]);
    expect(block[2][0]).toBe("All customers");
    expect(block[2][4]).toBeCloseTo(ltv(0.5), 10);
    expect(wb.charts("CX Summary").map((chart) => chart.title)).toContain(
      "Lifetime value per customer by segment (observed retention)",
    );
  });

  it("a margin share scales the value: 30 % of the same customers is worth 30 % as much", async () => {
    const cells: CellValue[][] = [
      ["Customer", "Order date", "Amount"],
      ["X", day("2024-06-01"), 100],
      ["Y", day("2024-03-01"), 50],
      ["X", day("2025-06-01"), 100],
    ];
    const settings = orderSettings("abc", (s) => {
      s.source = defaultOrderSource("2025-12-31");
      s.retention.marginShare = 0.3;
    });
    const outcome = ok(await runSegmentation(workbookWith(cells), settings));
    // 0.3 × 83.33 · 0.5 / 0.6 = 20.83.
    expect(outcome.summary.retention?.total.lifetimeValue).toBeCloseTo((0.3 * (250 / 3) * 0.5) / 0.6, 10);
  });
});
