/**
 * An order log through the pane's browser preview (`?sample=orders`, headless Chromium) and through
 * CX.CUSTOMERS and the Office.js adapter (the fake Excel of `test/workbook/officeMock.ts`) on the same
 * generated orders: the pane recognises the log, a run as of a date writes the `CX Customers` sheet
 * and a class per order row, and every number shown equals a plain computation done here from the
 * orders by the definitions (purchases = distinct days up to the as-of date, recency and age
 * in weeks, total value, average repeat value without the first day) — and equals what CX.CUSTOMERS
 * spills on the same cells.
 */
import type { Page } from "playwright-core";
import { CUSTOMERS } from "../../src/functions/functions";
import { ORDER_LOG_SAMPLE_AS_OF, orderLogSample } from "../../src/sample/orderLogSample";
import { OfficeWorkbook } from "../../src/workbook/officeWorkbook";
import type { CellValue } from "../../src/workbook/workbook";
import { defaultSettings, runSegmentation } from "../../src/workflow/run";
import { defaultOrderSource } from "../../src/workflow/settings";
import { installExcelMock, type Rect } from "../workbook/officeMock";
import { abcCounts, abcOf } from "./expected";
import { openFold, previewSheetNames, summaryLines, paneSession } from "./paneHarness";

const LOG = orderLogSample();
/** The Excel serial of the as-of date, by plain calendar arithmetic: days since 1899-12-30. */
const AS_OF = (Date.parse(`${ORDER_LOG_SAMPLE_AS_OF}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;

/** One customer of the log as of {@link AS_OF}, computed the plain way. */
interface Expected {
  customer: string;
  first: number;
  last: number;
  purchases: number;
  recencyWeeks: number;
  ageWeeks: number;
  total: number;
  /** Mean over the repeat purchase days of each day's summed amount; null without a repeat. */
  averageRepeat: number | null;
}

/**
 * Groups the counted orders (day ≤ as-of) by customer, in order of each customer's first counted
 * row: a purchase is a distinct day; recency = (last − first) / 7, age = (as-of − first) / 7.
 */
function plainCustomerTable(rows: readonly CellValue[][], asOf: number): Expected[] {
  const byCustomer = new Map<string, Map<number, number>>();
  for (const [customer, day, amount] of rows) {
    if ((day as number) > asOf) continue;
    const days = byCustomer.get(customer as string) ?? new Map<number, number>();
    days.set(day as number, (days.get(day as number) ?? 0) + (amount as number));
    byCustomer.set(customer as string, days);
  }
  return [...byCustomer].map(([customer, days]) => {
    const sorted = [...days.keys()].sort((a, b) => a - b);
    const first = sorted[0];
    const last = sorted[sorted.length - 1];
    const dayTotals = sorted.map((day) => days.get(day) as number);
    const repeat = dayTotals.slice(1);
    return {
      customer,
      first,
      last,
      purchases: sorted.length,
      recencyWeeks: (last - first) / 7,
      ageWeeks: (asOf - first) / 7,
      total: dayTotals.reduce((sum, v) => sum + v, 0),
      averageRepeat: repeat.length === 0 ? null : repeat.reduce((sum, v) => sum + v, 0) / repeat.length,
    };
  });
}

const EXPECTED = plainCustomerTable(LOG.rows, AS_OF);
/** ABC classes with the default limits (A up to 80 % of value, B up to 95 %), by customer. */
const CLASS_OF = new Map(
  abcOf(
    EXPECTED.map((c) => c.total),
    0.8,
    0.95,
  ).map((segment, i) => [EXPECTED[i].customer, segment]),
);

/** The expected row as CX.CUSTOMERS spills it ("" for no repeat purchase). */
function asSpilled(c: Expected): CellValue[] {
  return [
    c.customer,
    c.first,
    c.last,
    c.purchases,
    c.purchases - 1,
    c.recencyWeeks,
    c.ageWeeks,
    c.total,
    c.averageRepeat ?? "",
  ];
}

/** The log's column `c` as a one-column range, as Excel passes it. */
function logColumn(c: number): CellValue[][] {
  return LOG.rows.map((row) => [row[c]]);
}

/** Numbers compared to 9 digits (sums of cents in another order differ in the last bits). */
function expectSameTable(actual: readonly (readonly unknown[])[], expected: readonly (readonly unknown[])[]) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((row, r) => {
    expect(row).toHaveLength(expected[r].length);
    row.forEach((cell, c) => {
      const want = expected[r][c];
      if (typeof want === "number") expect([r, c, cell]).toEqual([r, c, expect.closeTo(want, 9)]);
      else expect([r, c, cell]).toEqual([r, c, want]);
    });
  });
}

describe("the sample order log, computed the plain way", () => {
  it("has what the pane test needs: customers after the as-of date, same-day orders, one-purchase customers", () => {
    const after = LOG.rows.filter(([, day]) => (day as number) > AS_OF);
    expect(after.length).toBeGreaterThan(0);
    const known = new Set(EXPECTED.map((c) => c.customer));
    expect(after.some(([customer]) => !known.has(customer as string))).toBe(true);
    const counted = LOG.rows.length - after.length;
    expect(EXPECTED.reduce((sum, c) => sum + c.purchases, 0)).toBeLessThan(counted); // same-day orders
    expect(EXPECTED.some((c) => c.averageRepeat === null)).toBe(true);
  });
});

describe("CX.CUSTOMERS on the sample order log", () => {
  it("spills the plain computation's table, header first", () => {
    const spilled = CUSTOMERS(logColumn(0), logColumn(1), logColumn(2), AS_OF, "week", false);
    expect(spilled[0]).toEqual([
      "Customer",
      "First purchase",
      "Last purchase",
      "Purchases",
      "Repeat purchases",
      "Recency (weeks)",
      "Age (weeks)",
      "Total value",
      "Average repeat value",
    ]);
    expectSameTable(spilled.slice(1), EXPECTED.map(asSpilled));
  });
});

describe("the sample order log through the Office.js adapter on the fake Excel", () => {
  afterEach(() => {
    delete (globalThis as { Excel?: unknown }).Excel;
    delete (globalThis as { Office?: unknown }).Office;
  });

  it("writes CX.CUSTOMERS' numbers on CX Customers and the customer's class beside each order", async () => {
    const cells = [LOG.headers, ...LOG.rows];
    const rect: Rect = { row: 0, column: 0, rowCount: cells.length, columnCount: 3 };
    const mock = installExcelMock({
      sheets: [
        {
          name: "Orders",
          cell: (row, column) => cells[row]?.[column] ?? "",
          usedRange: rect,
          region: rect,
          tables: [],
        },
      ],
      selection: { row: 1, column: 1, rowCount: 1, columnCount: 1 },
      excelApi: "1.20",
    });
    const settings = defaultSettings(ORDER_LOG_SAMPLE_AS_OF);
    settings.method = "abc";
    settings.source = defaultOrderSource(ORDER_LOG_SAMPLE_AS_OF);
    Object.assign(settings.mapping, { customer: 0, orderDate: 1, value: 2 });
    const outcome = await runSegmentation(new OfficeWorkbook(), settings);
    if (!outcome.ok) throw new Error(`the run stopped: ${JSON.stringify(outcome)}`);

    const spilled = CUSTOMERS(logColumn(0), logColumn(1), logColumn(2), AS_OF, "week", false);
    const sheet = spilled.map((row, r) =>
      row.map((_cell, c) => {
        const stored = mock.stored("CX Customers", r, c);
        return stored === null || stored === "" ? "" : stored;
      }),
    );
    // The sheet holds the numbers CX.CUSTOMERS spills (and the plain computation's, checked above).
    expectSameTable(sheet, spilled);
    const classes = EXPECTED.map((_c, i) => mock.stored("CX Customers", i + 1, 9));
    expect(classes).toEqual(EXPECTED.map((c) => CLASS_OF.get(c.customer)));
    // Beside the log: each counted order gets its customer's class, an order after the as-of date none.
    expect(mock.stored("Orders", 0, 3)).toBe("ABC class");
    LOG.rows.forEach(([customer, day], i) => {
      const wanted = (day as number) > AS_OF ? null : (CLASS_OF.get(customer as string) ?? null);
      expect([i, mock.stored("Orders", i + 1, 3) ?? null]).toEqual([i, wanted]);
    });
  });
});

describe("the pane's preview on ?sample=orders", () => {
  const withPane = paneSession();

  /** The header texts and body cell texts of one preview sheet's grid. */
  async function sheetGrid(page: Page, sheet: string): Promise<{ headers: string[]; rows: string[][] }> {
    const grid = page.getByTestId(`sheet-${sheet}`);
    const headers = await grid.locator("th").allTextContents();
    const rows: string[][] = [];
    for (const row of await grid.locator("tbody tr").all())
      rows.push(await row.locator("td").allTextContents());
    return { headers, rows };
  }

  /** "1,234.56" (en-US, as the preview shows it) → 1234.56; "" → null. */
  function shownNumber(text: string): number | null {
    return text === "" ? null : Number(text.replace(/,/g, ""));
  }

  test("recognises the log, runs ABC as of a date, and shows and writes the plain computation's numbers", async () => {
    // The first repeated customer of the log, as the pane's reason names it (Excel rows: index + 2).
    const firstRowOf = new Map<string, number>();
    let reason = "";
    for (let i = 0; i < LOG.rows.length && reason === ""; i++) {
      const customer = LOG.rows[i][0] as string;
      const seen = firstRowOf.get(customer);
      if (seen !== undefined) reason = `customer "${customer}" is on rows ${seen + 2} and ${i + 2}`;
      else firstRowOf.set(customer, i);
    }
    const after = LOG.rows.filter(([, day]) => (day as number) > AS_OF);
    const newCustomers = new Set(after.map(([customer]) => customer as string));
    for (const c of EXPECTED) newCustomers.delete(c.customer);
    const lastDay = Math.max(...after.map(([, day]) => day as number));
    const lastIso = new Date(Date.UTC(1899, 11, 30) + lastDay * 86_400_000).toISOString().slice(0, 10);

    await withPane("?sample=orders", async ({ page, pageErrors }) => {
      await expect(page.getByTestId("table-preview").locator("th").allTextContents()).resolves.toEqual([
        "Customer",
        "Order date",
        "Amount",
      ]);
      await expect(page.getByTestId("orders-toggle").isChecked()).resolves.toBe(true);
      await expect(page.getByTestId("table-section").textContent()).resolves.toContain(
        `Recognised as an order log: ${reason}.`,
      );

      await page.getByTestId("method-abc").check();
      await openFold(page, "orders");
      await page.getByTestId("orders-as-of").fill(ORDER_LOG_SAMPLE_AS_OF);
      await page.getByTestId("segment").click();

      // The summary: customers per class, from the plain totals.
      const lines = await summaryLines(page);
      const counts = Object.fromEntries(lines.map((line) => [line.segment, line.customers]));
      expect(counts).toEqual(
        abcCounts(
          EXPECTED.map((c) => c.total),
          0.8,
          0.95,
        ),
      );
      const notes = (await page.getByTestId("notes").textContent()) ?? "";
      const counted = LOG.rows.length - after.length;
      expect(notes).toContain(
        `Read as an order log: ${counted} order rows of ${EXPECTED.length} customers up to ${ORDER_LOG_SAMPLE_AS_OF}, recency and age in weeks.`,
      );
      expect(notes).toContain(
        `${after.length} order rows dated after the as-of date ${ORDER_LOG_SAMPLE_AS_OF} (up to ${lastIso}) were not counted; their segment cells are blank.`,
      );
      expect(notes).toContain(
        `${newCustomers.size} customer${newCustomers.size === 1 ? "" : "s"} bought only after it`,
      );

      await expect(previewSheetNames(page)).resolves.toEqual(["Customers", "CX Summary", "CX Customers"]);
      // CX Customers' first rows: the plain numbers (shown to at most two decimals) and the class;
      // the same as CX.CUSTOMERS spills on the same cells.
      const customers = await sheetGrid(page, "CX Customers");
      expect(customers.headers.slice(0, 10)).toEqual([
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
      ]);
      const spilled = CUSTOMERS(logColumn(0), logColumn(1), logColumn(2), AS_OF, "week", false);
      expect(customers.rows).toHaveLength(5);
      customers.rows.forEach((shown, r) => {
        const want = asSpilled(EXPECTED[r]);
        expect(shown[0]).toBe(want[0]);
        expect(spilled[r + 1][0]).toBe(want[0]);
        for (let c = 1; c < 9; c++) {
          const value = shownNumber(shown[c]);
          const plain = want[c] === "" ? null : (want[c] as number);
          const fromFunction = spilled[r + 1][c] === "" ? null : (spilled[r + 1][c] as number);
          if (plain === null) {
            expect([r, c, value, fromFunction]).toEqual([r, c, null, null]);
          } else {
            // Two decimals shown: within half a cent of both.
            expect([r, c, Math.abs((value as number) - plain) <= 0.005 + 1e-9]).toEqual([r, c, true]);
            expect([r, c, Math.abs((value as number) - (fromFunction as number)) <= 0.005 + 1e-9]).toEqual([
              r,
              c,
              true,
            ]);
          }
        }
        expect(shown[9]).toBe(CLASS_OF.get(EXPECTED[r].customer));
      });

      // Beside the log: the customer column and each order's class.
      const orders = await sheetGrid(page, "Customers");
      expect(orders.headers).toEqual(["Customer", "ABC class"]);
      expect(orders.rows).toHaveLength(5);
      orders.rows.forEach(([customer, segment], i) => {
        expect(customer).toBe(LOG.rows[i][0]);
        const wanted = (LOG.rows[i][1] as number) > AS_OF ? "" : CLASS_OF.get(customer);
        expect([i, segment]).toEqual([i, wanted]);
      });
      expect(pageErrors).toEqual([]);
    });
  }, 120_000);
});
