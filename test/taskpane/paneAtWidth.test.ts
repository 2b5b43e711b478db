/**
 * The pane at a task pane's width (320 and 350 px), in headless Chromium on the preview: Segment in
 * view on first load without scrolling, a summary that fits without clipping or sideways scrolling,
 * a chart per method whose marks are bound to the summary's numbers (checked against numbers
 * computed here from the sample by the contract's definitions), numbers in the user's language, and
 * no serious or critical accessibility violation that axe-core finds.
 */
import type { Page } from "playwright-core";
import { SAMPLE_COLUMNS, sampleCustomers } from "../../src/sample/sampleCustomers";
import {
  abcOf,
  daysBefore,
  excelMedian,
  numbersOf,
  paretoShareOf,
  quadrantOf,
  rfmGridOf,
  type SegmentTotals,
  totalsBySegment,
} from "./expected";
import { openFold, overflow, type PaneOptions, seriousViolations, paneSession } from "./paneHarness";

const SAMPLE = sampleCustomers(1000);
const REVENUE = numbersOf(SAMPLE.rows, SAMPLE_COLUMNS.revenue);
const MATCH = numbersOf(SAMPLE.rows, SAMPLE_COLUMNS.strategicMatch);
const ORDERS = numbersOf(SAMPLE.rows, SAMPLE_COLUMNS.orders);
const LAST_PURCHASE = numbersOf(SAMPLE.rows, SAMPLE_COLUMNS.lastPurchase);
/** A pane about as tall as Excel's on a laptop: shorter than the pane's content. */
const PANE_HEIGHT = 640;

const withPane = paneSession();

/** "24.1%" → 0.241 (en-US, as the preview shows it in this browser). */
function share(text: string): number {
  return Number(text.replace("%", "")) / 100;
}

/** The bars of the share chart: segment, series, the share its label says, and its drawn width. */
async function shareBars(
  page: Page,
): Promise<{ segment: string; series: string; share: number; width: number }[]> {
  const bars = await page.locator('[data-testid="chart-shares"] svg rect[aria-label]').evaluateAll((rects) =>
    rects.map((rect) => ({
      label: rect.getAttribute("aria-label") ?? "",
      width: (rect as SVGGraphicsElement).getBBox().width,
    })),
  );
  return bars.map(({ label, width }) => {
    // "Strategic. Customers, 24.1%."
    const match = /^(.*)\. (Customers|Value), ([\d.]+)%\.$/.exec(label);
    if (match === null) throw new Error(`unexpected bar label ${label}`);
    return { segment: match[1], series: match[2], share: Number(match[3]) / 100, width };
  });
}

/**
 * The share chart draws two bars per segment whose labels are the segment's shares (to 0.1 %) and
 * whose lengths are proportional to them (one scale for all bars, within a pixel and a half).
 */
async function expectShareChart(page: Page, expected: Record<string, SegmentTotals>): Promise<void> {
  const customers = Object.values(expected).reduce((sum, t) => sum + t.customers, 0);
  const value = Object.values(expected).reduce((sum, t) => sum + t.value, 0);
  const bars = await shareBars(page);
  const segmentsShown = (await page.getByTestId("segment-name").allTextContents()).length;
  expect(bars).toHaveLength(2 * segmentsShown);
  const largest = bars.reduce((best, bar) => (bar.share > best.share ? bar : best));
  const pixelsPerShare = largest.width / largest.share;
  for (const bar of bars) {
    const totals = expected[bar.segment] ?? { customers: 0, value: 0 };
    const wanted = bar.series === "Customers" ? totals.customers / customers : totals.value / value;
    expect(bar.share).toBeCloseTo(wanted, 3);
    expect(Math.abs(bar.width - pixelsPerShare * wanted)).toBeLessThan(1.5);
  }
}

/**
 * The Pareto curve: one point per summary point (0 %, 1 %, …, 100 % for 1,000 customers), the
 * top-20 % marker at PARETOSHARE(revenue, 0.2), and the description and facts saying the same.
 */
async function expectLorenzChart(page: Page, values: readonly number[]): Promise<void> {
  const chart = page.getByTestId("chart-lorenz");
  const points = await chart
    .locator("svg path[aria-label*='Pareto curve']")
    .evaluateAll((paths) => paths.map((path) => path.getAttribute("aria-label") ?? ""));
  expect(points).toHaveLength(101);
  // Each point: "Top 30% of customers. Pareto curve, 91.2% of value." — checked at every tenth.
  for (const top of [0.1, 0.3, 0.5, 0.8]) {
    const label = points.find((text) => text.startsWith(`Top ${Math.round(top * 100)}% of customers.`));
    expect(label).toBeDefined();
    const shown = /, ([\d.]+)% of value\.$/.exec(label ?? "")?.[1];
    expect(Number(shown) / 100).toBeCloseTo(paretoShareOf(values, top), 3);
  }
  const top20 = paretoShareOf(values, 0.2);
  const marker = (await chart.locator("svg circle[aria-label*='Top 20 %']").getAttribute("aria-label")) ?? "";
  expect(share(/, ([\d.]+%) of value\.$/.exec(marker)?.[1] ?? "")).toBeCloseTo(top20, 3);
  expect(share((await page.getByTestId("pareto-top20").textContent())?.split(" ")[0] ?? "")).toBeCloseTo(
    top20,
    3,
  );
}

async function segmentAt(page: Page): Promise<void> {
  await page.getByTestId("segment").click();
  await page.getByTestId("summary").waitFor({ timeout: 30_000 });
  // The charts measure their box first, then draw.
  await page.locator('[data-testid="chart-lorenz"] svg').first().waitFor();
}

describe.each([320, 350])("the pane %i px wide", (width) => {
  const options: PaneOptions = { width, height: PANE_HEIGHT };

  test("first load: Segment in view without scrolling, settings folded, no accessibility violation", async () => {
    await withPane(
      "",
      async ({ page, pageErrors }) => {
        const segment = await page.getByTestId("segment").boundingBox();
        expect(await page.evaluate(() => window.scrollY)).toBe(0);
        expect(segment).not.toBeNull();
        expect(segment!.y + segment!.height).toBeLessThanOrEqual(PANE_HEIGHT);
        expect(segment!.x + segment!.width).toBeLessThanOrEqual(width);
        // Every column the default method needs was found: the mapping stays folded, and says so.
        await expect(page.getByTestId("fold-columns").getAttribute("aria-expanded")).resolves.toBe("false");
        await expect(page.getByTestId("fold-columns-summary").textContent()).resolves.toBe(
          "Revenue, Strategic match found",
        );
        const sizes = await overflow(page);
        expect(sizes.page[0]).toBeLessThanOrEqual(sizes.page[1]);
        expect(sizes.main[0]).toBeLessThanOrEqual(sizes.main[1]);
        await expect(seriousViolations(page)).resolves.toEqual([]);
        expect(pageErrors).toEqual([]);
      },
      options,
    );
  });

  test("quadrants: the summary fits, the share and Pareto charts are drawn from its numbers", async () => {
    await withPane(
      "",
      async ({ page, pageErrors }) => {
        await segmentAt(page);
        // Segment stays in view after the run too, with the summary scrolled into view above it.
        const segment = await page.getByTestId("segment").boundingBox();
        expect(segment!.y + segment!.height).toBeLessThanOrEqual(PANE_HEIGHT);
        const sizes = await overflow(page);
        for (const [box, [scroll, client]] of Object.entries(sizes)) {
          expect([box, scroll <= client]).toEqual([box, true]);
        }
        const quadrants = quadrantOf(REVENUE, MATCH, excelMedian(REVENUE), excelMedian(MATCH));
        await expectShareChart(page, totalsBySegment(quadrants, REVENUE));
        await expectLorenzChart(page, REVENUE);
        await expect(page.getByTestId("chart-rfm-heatmap").count()).resolves.toBe(0);
        await expect(seriousViolations(page)).resolves.toEqual([]);
        expect(pageErrors).toEqual([]);
      },
      options,
    );
  });

  test("ABC: the share chart has three pairs of bars from the classes' shares", async () => {
    await withPane(
      "",
      async ({ page }) => {
        await page.getByTestId("method-abc").check();
        await segmentAt(page);
        const sizes = await overflow(page);
        expect(sizes.summary[0]).toBeLessThanOrEqual(sizes.summary[1]);
        expect(sizes.page[0]).toBeLessThanOrEqual(sizes.page[1]);
        await expectShareChart(page, totalsBySegment(abcOf(REVENUE, 0.8, 0.95), REVENUE));
        await expectLorenzChart(page, REVENUE);
        await expect(seriousViolations(page)).resolves.toEqual([]);
      },
      options,
    );
  });

  test("RFM: a recency × frequency heatmap whose cells are the customers' mean value per score pair", async () => {
    const asOf = "2026-11-30";
    const recencyCuts = [30, 90, 180, 365];
    const frequencyCuts = [2, 4, 8, 16];
    await withPane(
      "",
      async ({ page }) => {
        await page.getByTestId("method-rfm").check();
        await openFold(page, "settings");
        await page.getByTestId("rfm-as-of").fill(asOf);
        await page.getByTestId("rfm-cuts-recency").fill(recencyCuts.join(", "));
        await page.getByTestId("rfm-cuts-frequency").fill(frequencyCuts.join(", "));
        await segmentAt(page);
        await page.getByTestId("chart-rfm-heatmap").waitFor();
        const sizes = await overflow(page);
        expect(sizes.summary[0]).toBeLessThanOrEqual(sizes.summary[1]);
        expect(sizes.page[0]).toBeLessThanOrEqual(sizes.page[1]);

        const days = LAST_PURCHASE.map((serial) => daysBefore(asOf, serial));
        const grid = rfmGridOf(days, ORDERS, REVENUE, recencyCuts, frequencyCuts);
        // One mark per cell; a filled cell says "R, F. …, N customers, mean value M."
        const cells = await page
          .locator('[data-testid="chart-rfm-heatmap"] svg g[aria-label]')
          .evaluateAll((groups) => groups.map((group) => group.getAttribute("aria-label") ?? ""));
        const filled = cells.filter((label) => / customers, mean value /.test(label));
        expect(filled).toHaveLength(grid.size);
        for (const label of filled) {
          const match = /^(\d), (\d)\. .* ([\d,]+) customers, mean value ([\d,.]+)\.$/.exec(label);
          expect(match).not.toBeNull();
          const [, r, f, customers, mean] = match!;
          const cell = grid.get(`${r},${f}`);
          expect(cell).toBeDefined();
          expect(Number(customers.replace(/,/g, ""))).toBe(cell!.customers);
          expect(Number(mean.replace(/,/g, ""))).toBeCloseTo(cell!.mean, 2);
        }
        expect(cells.filter((label) => label.includes("No data available"))).toHaveLength(25 - grid.size);
        // The numbers behind it: 25 rows, the customers adding up to all 1,000.
        const rows = await page.getByTestId("chart-rfm-heatmap-table").locator("tbody tr").all();
        expect(rows).toHaveLength(25);
        let total = 0;
        for (const row of rows)
          total += Number(((await row.locator("td").nth(2).textContent()) ?? "").replace(/,/g, ""));
        expect(total).toBe(1000);
        await expect(seriousViolations(page)).resolves.toEqual([]);
      },
      options,
    );
  });
});

describe("numbers and dates in the user's language", () => {
  test("a German browser shows 1.000 rows, decimal commas right-aligned, and day.month.year dates", async () => {
    await withPane(
      "",
      async ({ page }) => {
        await expect(page.getByTestId("table-caption").textContent()).resolves.toContain("1.000 rows");
        const grid = page.getByTestId("table-preview");
        const headers = await grid.locator("th").allTextContents();
        const revenue = headers.indexOf("Revenue");
        const lastPurchase = headers.indexOf("Last purchase date");
        const firstRow = grid.locator("tbody tr").first().locator("td");
        const revenueText = (await firstRow.nth(revenue).textContent()) ?? "";
        // The sample's first revenue, with two decimals and German separators.
        const expectedRevenue = new Intl.NumberFormat("de-DE", {
          minimumFractionDigits: 2,
          maximumFractionDigits: 2,
        }).format(REVENUE[0]);
        expect(revenueText).toBe(expectedRevenue);
        await expect(
          firstRow.nth(revenue).evaluate((cell) => getComputedStyle(cell).textAlign),
        ).resolves.toBe("end");
        await expect(
          firstRow.nth(revenue).evaluate((cell) => getComputedStyle(cell).fontVariantNumeric),
        ).resolves.toBe("tabular-nums");
        expect((await firstRow.nth(lastPurchase).textContent()) ?? "").toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
        await page.getByTestId("segment").click();
        await expect(page.getByTestId("notice").textContent()).resolves.toContain(
          "Segmented 1.000 customers",
        );
        // Shares with a decimal comma, e.g. "24,1 %".
        const firstShare =
          (await page.getByTestId("summary-row").first().locator("td").nth(1).textContent()) ?? "";
        expect(firstShare).toMatch(/^\d{1,3},\d\s%/);
      },
      { width: 350, language: "de-DE" },
    );
  });
});
