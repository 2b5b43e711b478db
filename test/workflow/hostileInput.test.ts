/**
 * The workflow's part of the hostile corpus: tables that used to give numbers that lie or messages
 * about something else. One test per class; each states what the user now sees.
 */
import type { CellValue } from "../../src/workbook/workbook";
import { runSegmentation } from "../../src/workflow/run";
import type { Problem, RunOutcome, SegmentationSettings } from "../../src/workflow/types";
import { columnValues, QUADRANT, quadrantTable, settingsFor, snapshot, workbookWith } from "./fixtures";
import { workbookSubjects } from "./workbookSubjects";

afterEach(() => {
  delete (globalThis as { Excel?: unknown }).Excel;
  delete (globalThis as { Office?: unknown }).Office;
});

const ABC = settingsFor("abc", { customer: 0, value: 1 });
const skipping = (settings: SegmentationSettings): SegmentationSettings => ({
  ...settings,
  skipInvalidRows: true,
});

/** The problem of a run that must stop, with the workbook unchanged. */
async function problemOf(cells: CellValue[][], settings: SegmentationSettings): Promise<Problem> {
  const wb = workbookWith(cells);
  const before = await snapshot(wb);
  const outcome = await runSegmentation(wb, settings);
  expect(await snapshot(wb)).toEqual(before);
  if (outcome.ok) throw new Error("expected a problem");
  return outcome.problem;
}

function succeeded(outcome: RunOutcome) {
  if (!outcome.ok) throw new Error(outcome.problem.message);
  return outcome;
}

describe("ABC refuses negative values", () => {
  const cells = (): CellValue[][] => [
    ["Customer", "Revenue"],
    ["a", 50],
    ["b", -30], // Excel row 3
    ["c", 10],
    ["d", -5], // Excel row 5
    ["e", 40],
  ];

  it("stops and names the rows (it used to give a 'share of value' of 200 %)", async () => {
    const problem = await problemOf(cells(), ABC);
    expect(problem).toMatchObject({ code: "negative-values", rows: [3, 5], count: 2, skippable: true });
    expect(problem.message).toBe(
      'ABC classes need values of 0 or more, but 2 cells in column B "Revenue" (value) are negative: rows 3, 5. ' +
        "A share of the total value is not defined for negative values. " +
        'Fix them, map another column, or choose "Skip these rows" to leave those rows unsegmented.',
    );
  });

  it("with skip invalid rows, leaves them unsegmented and classes the rest by shares of 100 %", async () => {
    const wb = workbookWith(cells());
    const outcome = succeeded(await runSegmentation(wb, skipping(ABC)));
    // The others: 50, 40, 10 of 100 → shares before 0, .5, .9 → A, A, B (B up to 95 %)
    expect(columnValues(wb, 2, 5)).toEqual(["A", null, "B", null, "A"]);
    const shares = columnValues(wb, 3, 5).filter((x): x is number => typeof x === "number");
    expect(Math.max(...shares)).toBeCloseTo(1, 12);
    expect(outcome.summary.customers).toBe(3);
    expect(outcome.summary.totalValue).toBe(100);
    expect(outcome.summary.notes).toContain(
      "2 rows were left unsegmented (blank result) because the value is negative: rows 3, 5.",
    );
  });
});

describe("a totals row under a plain range is not a customer", () => {
  // The SPEC example (medians 300 and 5.5 → Strategic, Potential, Profit, Ordinary) with a totals row.
  it.each([
    "Total",
    "Sum",
    "Grand total",
    "Totals",
    "Gesamt",
    "Summe",
    "Totale",
    "Totaal",
    "Somme",
    "  TOTAL: ",
  ])("a last row labelled %p holding the sum is left out with a note", async (label) => {
    const cells = quadrantTable();
    cells.push([label, 1190, null]); // 500 + 120 + 480 + 90; no match value, as in a real totals row
    const wb = workbookWith(cells);
    const outcome = succeeded(await runSegmentation(wb, QUADRANT));
    expect(columnValues(wb, 3, 5)).toEqual(["Strategic", "Potential", "Profit", "Ordinary", null]);
    expect(outcome.summary.customers).toBe(4);
    expect(outcome.summary.totalValue).toBe(1190);
    expect(outcome.summary.cutPoints).toEqual({ value: [300], match: [5.5] });
    expect(outcome.summary.notes).toContain(
      `row 6 ("${label.trim()}") holds the sum of "Revenue" (1,190) and was left out as a totals row, not a customer.`,
    );
  });

  const withTotals = [...quadrantTable(), ["Summe", 1190, null]];
  it.each(Object.entries(workbookSubjects(withTotals)))("is recognised on %s", async (_name, subject) => {
    // Each workbook reads the last customer cells its own way; all must find the totals row.
    const outcome = succeeded(await runSegmentation((await subject()).workbook, QUADRANT));
    expect(outcome.summary.customers).toBe(4);
    expect(outcome.summary.cutPoints).toEqual({ value: [300], match: [5.5] });
  });

  it("counts a total of rounded amounts, within a cent", async () => {
    const cells: CellValue[][] = [
      ["Customer", "Revenue"],
      ["a", 10.333],
      ["b", 20.333],
      ["Summe", 30.67], // 30.666 rounded
    ];
    const outcome = succeeded(await runSegmentation(workbookWith(cells), ABC));
    expect(outcome.summary.customers).toBe(2);
  });

  it("keeps a near miss: a last row called Total whose value is not the sum is a customer", async () => {
    const cells = quadrantTable();
    cells.push(["Total", 1191, 4]); // one unit off the sum 1190
    const outcome = succeeded(await runSegmentation(workbookWith(cells), QUADRANT));
    expect(outcome.summary.customers).toBe(5);
    expect(outcome.summary.notes.join(" ")).not.toContain("totals row");
  });

  it("keeps a Total that is not in the last row", async () => {
    const cells = quadrantTable();
    cells.splice(3, 0, ["Total", 620, 4]); // 500 + 120 above it, but customers follow
    const outcome = succeeded(await runSegmentation(workbookWith(cells), QUADRANT));
    expect(outcome.summary.customers).toBe(5);
  });

  it("leaves an Excel table's data rows alone (its own totals row is not a data row)", async () => {
    const cells = quadrantTable();
    cells.push(["Total", 1190, 1]);
    const wb = workbookWith(cells, {
      tables: [
        { name: "Clients", sheet: "Customers", headerRow: 0, firstColumn: 0, rowCount: 5, columnCount: 3 },
      ],
    });
    const outcome = succeeded(await runSegmentation(wb, QUADRANT));
    expect(outcome.summary.customers).toBe(5);
  });

  it("writes live formulas whose cuts leave the totals row out", async () => {
    const cells = quadrantTable();
    cells.push(["Total", 1190, null]);
    const wb = workbookWith(cells);
    succeeded(await runSegmentation(wb, { ...QUADRANT, output: "formulas" }));
    // The customers are rows 2–5; the totals row 6 gets a blank formula.
    expect(wb.cell("Customers", 1, 3)).toBe("=CX.SEGMENT(B2,C2,MEDIAN($B$2:$B$5),MEDIAN($C$2:$C$5))");
    expect(wb.cell("Customers", 5, 3)).toBe('=""');
  });
});

describe("cells that are not numbers are named for what they are", () => {
  it("tells blank cells apart from text, error values and TRUE/FALSE", async () => {
    const cells = quadrantTable();
    cells.push(
      ["Epsilon", null, 4],
      ["Zeta", "n/a", 4],
      ["Eta", "#N/A", 4],
      ["Theta", true, 4],
      ["Iota", null, 4],
    );
    const problem = await problemOf(cells, QUADRANT);
    expect(problem).toMatchObject({ code: "non-numeric", rows: [6, 7, 8, 9, 10], count: 5, skippable: true });
    expect(problem.message).toBe(
      '2 cells in column B "Revenue" (value) are blank: rows 6, 10. ' +
        '1 cell in column B "Revenue" (value) is text, not a number: row 7. ' +
        '1 cell in column B "Revenue" (value) holds an error value (#N/A): row 8. ' +
        '1 cell in column B "Revenue" (value) is TRUE or FALSE, not a number: row 9. ' +
        'Fix them, map another column, or choose "Skip these rows" to leave those rows unsegmented.',
    );
  });

  it("says 'not a date' for the last purchase column", async () => {
    const settings = settingsFor("rfm", { customer: 0, lastPurchase: 1, orders: 2, value: 3 });
    const problem = await problemOf(
      [
        ["Customer", "Last purchase", "Orders", "Revenue"],
        ["a", 45300, 2, 10],
        ["b", "2024-01-05", 3, 20], // text that looks like a date is still text
      ],
      settings,
    );
    expect(problem.message).toContain(
      '1 cell in column B "Last purchase" (last purchase date) is text, not a date: row 3.',
    );
  });
});

describe("numbers beyond Excel's range", () => {
  it("stops instead of segmenting on an infinite total", async () => {
    // 1e308 + 1e308 is beyond 1.797e308: Excel itself would show #NUM!
    const problem = await problemOf(
      [
        ["Customer", "Revenue", "Match"],
        ["a", 1e308, 1],
        ["b", 1e308, 2],
      ],
      { ...QUADRANT, quadrant: { ...QUADRANT.quadrant, valueCut: { kind: "mean" } } },
    );
    expect(problem.code).toBe("number-overflow");
    expect(problem.message).toContain(
      'The values of column B "Revenue" (value) add up to more than the largest number',
    );
  });

  it("keeps the Gini coefficient right when its weighted sums would overflow", async () => {
    // Values 1…5 × 1e307 (total 1.5e308, finite); n · total = 7.5e308 would overflow.
    // The Gini coefficient is scale-invariant: that of 1, 2, 3, 4, 5 is 4/15 (SPEC).
    const outcome = succeeded(
      await runSegmentation(
        workbookWith([["Customer", "Revenue"], ...[1, 2, 3, 4, 5].map((k) => [`c${k}`, k * 1e307])]),
        ABC,
      ),
    );
    expect(outcome.summary.gini).toBeCloseTo(4 / 15, 12);
    // Top 20 % of 5 customers = the largest: 5 / 15
    expect(outcome.summary.paretoTop20).toBeCloseTo(1 / 3, 12);
  });

  it("takes the mean cut of huge values where the plain sum overflows", async () => {
    // In row order 1.5e308 + 1e308 is already Infinity, but the mean is (1.5e308 + 1e308 − 1.5e308) / 3
    // = 1e308 / 3 ≈ 3.33e307 (and the total, added smallest first, stays finite at 1e308).
    const wb = workbookWith([
      ["Customer", "Revenue", "Match"],
      ["a", 1.5e308, 1],
      ["b", 1e308, 2],
      ["c", -1.5e308, 3],
    ]);
    const outcome = succeeded(
      await runSegmentation(wb, {
        ...QUADRANT,
        quadrant: { ...QUADRANT.quadrant, valueCut: { kind: "mean" } },
      }),
    );
    expect(outcome.summary.cutPoints.value[0]).toBeCloseTo(1e308 / 3, -293);
    // match median 2: a high value / low match → Profit; b high / high → Strategic; c low / high → Potential
    expect(columnValues(wb, 3, 3)).toEqual(["Profit", "Strategic", "Potential"]);
  });
});

describe("headers that are not what they seem", () => {
  it("names a title row above the header row as a title", async () => {
    const cells: CellValue[][] = [["Customers 2025", null, null], ...quadrantTable()];
    const problem = await problemOf(cells, QUADRANT);
    expect(problem.code).toBe("title-row");
    expect(problem.message).toBe(
      'Row 1 holds only "Customers 2025" (A1), which looks like a title above the header row 2 ' +
        "(Customer, Revenue, Strategic match), so the columns have no names in row 1. " +
        "Insert an empty row between the title and the table, or make the table an Excel table (Home › Format as Table), then select it again.",
    );
  });

  it("says a blank header right of a filled one may be a merged cell", async () => {
    const problem = await problemOf(
      [
        ["Customer", "Revenue", null],
        ["a", 1, 2],
      ],
      QUADRANT,
    );
    expect(problem.code).toBe("blank-headers");
    expect(problem.message).toBe(
      "Column C has no header in row 1. If B1:C1 is a merged cell: a merged header names only its first column; unmerge it and name each column. Give every column a name.",
    );
  });

  it("does not take a first row with one header and numbers below for a title", async () => {
    // Row 2 holds numbers: not headers, so this is the blank-headers case, not a title.
    const problem = await problemOf(
      [
        ["Revenue", null],
        [1, 2],
      ],
      settingsFor("abc", { value: 0 }),
    );
    expect(problem.code).toBe("blank-headers");
  });
});
