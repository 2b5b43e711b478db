/**
 * The task pane in headless Chromium, in its browser preview (office.js blocked, no network): what a
 * user sees and does, from loading the sample to segmenting, cancelling and removing results.
 * Expected counts come from `expected.ts`, computed from the sample by the contract's definitions.
 */
import { existsSync, mkdirSync, statSync } from "fs";
import path from "path";
import type { Page } from "playwright-core";
import {
  SAMPLE_COLUMNS,
  SAMPLE_HEADERS,
  TEXT_NUMBER_AT,
  sampleCustomers,
} from "../../src/sample/sampleCustomers";
import { abcCounts, excelMedian, numbersOf, quadrantCounts } from "./expected";
import { openFold, previewSheetNames, ROOT, summaryLines, paneSession } from "./paneHarness";

/** The preview's default sample: 1,000 customers, default seed (see previewConnection.ts). */
const SAMPLE = sampleCustomers(1000);
const REVENUE = numbersOf(SAMPLE.rows, SAMPLE_COLUMNS.revenue);
const MATCH = numbersOf(SAMPLE.rows, SAMPLE_COLUMNS.strategicMatch);
const ORDERS = numbersOf(SAMPLE.rows, SAMPLE_COLUMNS.orders);
const SCREENSHOT = path.join(ROOT, "test-artifacts", "taskpane-preview.png");

const withPane = paneSession();

/** The summary as { segment → customers }, after waiting for it. */
async function countsShown(page: Page): Promise<Record<string, number>> {
  return Object.fromEntries((await summaryLines(page)).map((line) => [line.segment, line.customers]));
}

/** The header cells of the preview grid of one in-memory sheet. */
async function sheetHeaders(page: Page, sheet: string): Promise<string[]> {
  return page.getByTestId(`sheet-${sheet}`).locator("th").allTextContents();
}

describe("the task pane in its browser preview", () => {
  test("loads without office.js, says it is a preview, and shows the sample's headers with detected columns", async () => {
    await withPane("", async ({ page, pageErrors, foreignRequests }) => {
      await expect(page.getByTestId("preview-badge").textContent()).resolves.toBe(
        "Preview — not connected to Excel",
      );
      const headers = await page.getByTestId("table-preview").locator("th").allTextContents();
      expect(headers).toEqual([...SAMPLE_HEADERS]);
      // 5 first rows, the first customer's id as generated.
      await expect(page.getByTestId("table-preview").locator("tbody tr").count()).resolves.toBe(5);
      await expect(
        page.getByTestId("table-preview").locator("tbody tr td").first().textContent(),
      ).resolves.toBe(SAMPLE.rows[0][SAMPLE_COLUMNS.id]);
      await expect(page.getByTestId("table-caption").textContent()).resolves.toContain("1,000 rows");
      // Detected mapping: the select's chosen option is the header of that column.
      await openFold(page, "columns");
      const chosen = (role: string) =>
        page.getByTestId(`map-${role}`).locator("option:checked").textContent();
      await expect(chosen("customer")).resolves.toBe("Customer ID");
      await expect(chosen("value")).resolves.toBe("Revenue");
      await expect(chosen("match")).resolves.toBe("Strategic match");
      await expect(chosen("lastPurchase")).resolves.toBe("Last purchase date");
      await expect(chosen("orders")).resolves.toBe("Orders");
      // office.js was asked for (the page is a real Office page) and blocked; nothing else left the machine.
      expect(foreignRequests).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js"]);
      expect(pageErrors).toEqual([]);
    });
  });

  test("segments by value × match quadrants with median cuts, shows the summary and writes a column and a sheet", async () => {
    await withPane("", async ({ page, pageErrors }) => {
      await page.getByTestId("segment").click();
      const expected = quadrantCounts(REVENUE, MATCH, excelMedian(REVENUE), excelMedian(MATCH));
      await expect(countsShown(page)).resolves.toEqual(expected);
      expect(Object.values(expected).reduce((a, b) => a + b, 0)).toBe(1000);
      // Match values are whole numbers 1–10; the median of 1,000 of them is a whole or half number.
      await expect(page.getByTestId("cut-points-match").textContent()).resolves.toBe(
        String(excelMedian(MATCH)),
      );
      await expect(page.getByTestId("notice").textContent()).resolves.toContain("Segmented 1,000 customers");
      await expect(previewSheetNames(page)).resolves.toEqual(["Customers", "CX Summary"]);
      await expect(sheetHeaders(page, "Customers")).resolves.toEqual(["Customer ID", "Segment"]);

      mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      expect(existsSync(SCREENSHOT) && statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
      expect(pageErrors).toEqual([]);
    });
  });

  test("uses the column chosen in a mapping drop-down and a typed value cut", async () => {
    await withPane("", async ({ page }) => {
      await openFold(page, "columns");
      await page.getByTestId("map-match").selectOption({ label: "Orders" });
      await openFold(page, "settings");
      await page.getByTestId("value-cut-kind").selectOption("number");
      await page.getByTestId("value-cut-number").fill("2500");
      await page.getByTestId("segment").click();
      await expect(countsShown(page)).resolves.toEqual(
        quadrantCounts(REVENUE, ORDERS, 2500, excelMedian(ORDERS)),
      );
      await expect(page.getByTestId("cut-points-value").textContent()).resolves.toBe("2,500");
    });
  });

  test("names the rows with text in a numeric column and segments the rest after 'Skip these rows'", async () => {
    const cost = SAMPLE.rows.map((row) => row[SAMPLE_COLUMNS.costToServe]);
    // Excel row = index + 2 (the header is row 1). Blanks and the one text number are not numbers.
    const invalidRows = cost.flatMap((cell, index) => (typeof cell === "number" ? [] : [index + 2]));
    expect(invalidRows).toContain(TEXT_NUMBER_AT.row + 2);
    await withPane("", async ({ page }) => {
      await openFold(page, "columns");
      await page.getByTestId("map-value").selectOption({ label: "Cost to serve" });
      await page.getByTestId("segment").click();
      const problem = page.getByTestId("problem");
      await expect(problem.getAttribute("data-code")).resolves.toBe("non-numeric");
      const text = await problem.textContent();
      expect(text).toContain("Text where numbers are needed");
      expect(text).toContain(`Rows ${invalidRows.slice(0, 5).join(", ")}`);
      await page.getByTestId("skip-rows").click();
      await page.getByTestId("summary").waitFor();
      const lines = await summaryLines(page);
      expect(lines.reduce((sum, line) => sum + line.customers, 0)).toBe(1000 - invalidRows.length);
      await expect(page.getByTestId("fold-output-summary").textContent()).resolves.toBe(
        "Values, skip invalid rows",
      );
      await openFold(page, "output");
      await expect(page.getByTestId("skip-invalid").isChecked()).resolves.toBe(true);
      await expect(page.getByTestId("notes").textContent()).resolves.toContain(
        `${invalidRows.length} rows were left unsegmented`,
      );
    });
  });

  test("segments by RFM with a set as-of date and typed recency cut points, and shows the cut points used", async () => {
    const ruleSegments = [
      "Champions",
      "Loyal Customers",
      "Potential Loyalist",
      "New Customers",
      "Promising",
      "Need Attention",
      "About To Sleep",
      "At Risk",
      "Can't Lose Them",
      "Lost",
      "Other",
    ];
    await withPane("", async ({ page }) => {
      await page.getByTestId("method-rfm").check();
      await openFold(page, "settings");
      await page.getByTestId("rfm-as-of").fill("2026-11-30");
      await page.getByTestId("rfm-cuts-recency").fill("30, 90, 180, 365");
      await page.getByTestId("segment").click();
      const lines = await summaryLines(page);
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines) expect(ruleSegments).toContain(line.segment);
      expect(lines.reduce((sum, line) => sum + line.customers, 0)).toBe(1000);
      await expect(page.getByTestId("cut-points-recency").textContent()).resolves.toBe("30 | 90 | 180 | 365");
      // Frequency and monetary used quintiles of the data: four cut points each.
      for (const dimension of ["frequency", "monetary"]) {
        const shown = await page.getByTestId(`cut-points-${dimension}`).textContent();
        expect(shown?.split(" | ")).toHaveLength(4);
      }
      await expect(sheetHeaders(page, "Customers")).resolves.toEqual([
        "Customer ID",
        "Recency days",
        "R score",
        "F score",
        "M score",
        "RFM score",
        "RFM segment",
      ]);
    });
  });

  test("segments into Pareto ABC classes with edited thresholds", async () => {
    await withPane("", async ({ page }) => {
      await page.getByTestId("method-abc").check();
      await openFold(page, "settings");
      await page.getByTestId("abc-a").fill("70");
      await page.getByTestId("abc-b").fill("90");
      await page.getByTestId("segment").click();
      await expect(countsShown(page)).resolves.toEqual(abcCounts(REVENUE, 0.7, 0.9));
      await expect(page.getByTestId("cut-points-abc").textContent()).resolves.toBe("70% | 90%");
    });
  });

  test("asks before overwriting a note beside the table, writes nothing when declined, and writes when agreed", async () => {
    await withPane("?note=1", async ({ page }) => {
      await page.getByTestId("segment").click();
      const dialog = page.getByTestId("overwrite-dialog");
      await dialog.waitFor();
      // The note sits right of the 14 columns A–N, in the first data row: O2.
      await expect(dialog.textContent()).resolves.toContain("Customers!O2");
      // The safe answer has the focus, so Enter keeps the note.
      await expect(
        page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? ""),
      ).resolves.toBe("overwrite-no");
      // A person reads the question first: answer once the dialog has finished opening (answering
      // an open, settled dialog is what used to leave the pane hidden from screen readers).
      await page.waitForTimeout(1500);
      await page.keyboard.press("Enter");
      await expect(page.getByTestId("problem").getAttribute("data-code")).resolves.toBe("declined-overwrite");
      await expect(previewSheetNames(page)).resolves.toEqual(["Customers"]);
      await expect(page.getByTestId("sheet-Customers").textContent()).resolves.toContain(
        "Checked by finance",
      );
      await expect(page.getByTestId("summary").count()).resolves.toBe(0);
      // Once answered, the pane is back for assistive technology: no aria-hidden left on it by the
      // modal dialog, so the Segment button is found by its role and name, as a screen reader finds it.
      // (Fluent removes it when the closing animation ends; before the fix it stayed for good.)
      await page.waitForFunction(() => !document.getElementById("root")?.hasAttribute("aria-hidden"), null, {
        timeout: 5000,
      });
      await expect(page.getByRole("button", { name: "Segment", exact: true }).count()).resolves.toBe(1);

      await page.getByRole("button", { name: "Segment", exact: true }).click();
      await page.getByTestId("overwrite-yes").click();
      await page.getByTestId("summary").waitFor();
      await expect(previewSheetNames(page)).resolves.toEqual(["Customers", "CX Summary"]);
      await expect(page.getByTestId("sheet-Customers").textContent()).resolves.not.toContain(
        "Checked by finance",
      );
    });
  });

  test("a second run without removing adds new columns instead of overwriting, and 'Remove results' removes the last run", async () => {
    await withPane("", async ({ page }) => {
      await page.getByTestId("segment").click();
      await page.getByTestId("summary").waitFor();
      await page.getByTestId("segment").click();
      await page.getByTestId("summary").waitFor();
      await expect(page.getByTestId("overwrite-dialog").count()).resolves.toBe(0);
      await expect(previewSheetNames(page)).resolves.toEqual(["Customers", "CX Summary", "CX Summary 2"]);
      await expect(sheetHeaders(page, "Customers")).resolves.toEqual(["Customer ID", "Segment", "Segment 2"]);

      await page.getByTestId("remove-results").click();
      await expect(page.getByTestId("notice").textContent()).resolves.toContain("Results removed");
      await expect(previewSheetNames(page)).resolves.toEqual(["Customers", "CX Summary"]);
      await expect(sheetHeaders(page, "Customers")).resolves.toEqual(["Customer ID", "Segment"]);
      await expect(page.getByTestId("summary").count()).resolves.toBe(0);

      // The workbook remembers one run: a second press says there is nothing more to remove.
      await page.getByTestId("remove-results").click();
      await expect(page.getByTestId("notice").textContent()).resolves.toContain("Nothing to remove");
      await expect(previewSheetNames(page)).resolves.toEqual(["Customers", "CX Summary"]);
    });
  });

  test.each([
    ["?protected=1", "protected-sheet", "Sheet is protected"],
    ["?filtered=1", "filtered-table", "Table is filtered"],
  ])("shows a clear message and writes nothing when the workbook says %s", async (query, code, title) => {
    await withPane(query, async ({ page }) => {
      await page.getByTestId("segment").click();
      const problem = page.getByTestId("problem");
      await expect(problem.getAttribute("data-code")).resolves.toBe(code);
      await expect(problem.textContent()).resolves.toContain(title);
      await expect(previewSheetNames(page)).resolves.toEqual(["Customers"]);
    });
  });

  test("cancels a run over 300,000 customers while it reads, and writes nothing", async () => {
    await withPane("?rows=300000", async ({ page }) => {
      await expect(page.getByTestId("table-caption").textContent()).resolves.toContain("300,000 rows");
      // Press Cancel the moment it appears, from inside the page: a production build reads 300,000
      // rows faster than a click from the test process arrives. (Cancel while writing: see
      // paneStartsAndFails.test.ts.)
      await page.evaluate(() => {
        new MutationObserver((_changes, observer) => {
          const cancel = document.querySelector<HTMLButtonElement>('[data-testid="cancel-run"]');
          if (cancel === null) return;
          observer.disconnect();
          cancel.click();
        }).observe(document.body, { subtree: true, childList: true });
      });
      await page.getByTestId("segment").click();
      const problem = page.getByTestId("problem");
      await expect(problem.getAttribute("data-code", { timeout: 20_000 })).resolves.toBe("cancelled");
      await expect(problem.textContent()).resolves.toContain("Run cancelled");
      await expect(problem.textContent()).resolves.toContain("nothing was written");
      await expect(page.getByRole("progressbar").count()).resolves.toBe(0);
      await expect(previewSheetNames(page)).resolves.toEqual(["Customers"]);
      await expect(sheetHeaders(page, "Customers")).resolves.toEqual([...SAMPLE_HEADERS]);
    });
  }, 60_000);

  test("a method whose columns were not all found unfolds the mapping and says which one to choose", async () => {
    await withPane("", async ({ page }) => {
      await openFold(page, "columns");
      await page.getByTestId("map-orders").selectOption({ label: "(not used)" });
      await page.getByTestId("fold-columns").click(); // fold it again
      await expect(page.getByTestId("fold-columns").getAttribute("aria-expanded")).resolves.toBe("false");
      await page.getByTestId("method-rfm").check();
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="fold-columns"]')?.getAttribute("aria-expanded") === "true",
      );
      await expect(page.getByTestId("fold-columns-summary").textContent()).resolves.toBe(
        "Choose the orders column",
      );
      await expect(page.getByTestId("map-orders").isVisible()).resolves.toBe(true);
    });
  });

  test("offers the lifetime value with its own settings, and names the columns it still needs", async () => {
    await withPane("", async ({ page }) => {
      await page.getByTestId("method-clv").check();
      // The sample has last purchase dates and orders, but no first purchase date or average value.
      await page.waitForFunction(
        () =>
          document.querySelector('[data-testid="fold-columns"]')?.getAttribute("aria-expanded") === "true",
      );
      await expect(page.getByTestId("fold-columns-summary").textContent()).resolves.toBe(
        "Choose the first purchase date, average repeat value columns",
      );
      await openFold(page, "settings");
      await page.getByTestId("clv-as-of").fill("2026-10-31");
      await page.getByTestId("clv-period").click();
      await page.getByRole("option", { name: "Months" }).click();
      await page.getByTestId("clv-horizon").fill("24");
      await page.getByTestId("clv-margin").fill("30");
      await expect(page.getByTestId("fold-settings-summary").textContent()).resolves.toMatch(
        /^As of .+, 24 months, margin 30 %$/,
      );
      await page.getByTestId("segment").click();
      const problem = page.getByTestId("problem");
      await expect(problem.getAttribute("data-code")).resolves.toBe("unmapped-column");
      await expect(problem.textContent()).resolves.toContain(
        "The lifetime value method needs the first purchase date and average repeat value columns: choose them in the column mapping.",
      );
      await expect(previewSheetNames(page)).resolves.toEqual(["Customers"]);
    });
  });

  test("links to the help page, which the build puts beside the pane", async () => {
    await withPane("", async ({ page }) => {
      const href = await page.getByTestId("help-link").getAttribute("href");
      expect(href).toBe("help.html");
      const response = await page.request.get(new URL(href ?? "", page.url()).href);
      expect(response.status()).toBe(200);
      // The production build minifies the page, dropping the attribute's quotes.
      expect(await response.text()).toMatch(/id="?cx-segment"?[\s>]/);
    });
  });

  test("works from the keyboard: Tab reaches the Segment button and Enter runs it", async () => {
    await withPane("", async ({ page }) => {
      let focused = "";
      for (let presses = 0; presses < 60 && focused !== "segment"; presses++) {
        await page.keyboard.press("Tab");
        focused = await page.evaluate(() => document.activeElement?.getAttribute("data-testid") ?? "");
      }
      expect(focused).toBe("segment");
      await page.keyboard.press("Enter");
      await expect(countsShown(page)).resolves.toEqual(
        quadrantCounts(REVENUE, MATCH, excelMedian(REVENUE), excelMedian(MATCH)),
      );
    });
  });
});
