/**
 * The lifetime-value method in the pane at a task pane's width (320 and 350 px), in headless
 * Chromium on the preview's lifetime-value sample (`?sample=clv`): the method runs end to end, the
 * fit chart draws one bar per bin and series whose labels and heights are the customers counted
 * here from the sample (actual) and computed here with a plain BG/NBD eq. 8 (expected), the numbers
 * behind it say the same, the tier share chart is drawn, nothing scrolls sideways, and axe-core
 * finds no serious or critical violation.
 */
import betaln from "@stdlib/math-base-special-betaln";
import gammaln from "@stdlib/math-base-special-gammaln";
import type { Page } from "playwright-core";
import { fitBgnbd } from "../../src/core/bgnbdFit";
import { isCoreError } from "../../src/core/errors";
import { ymdToSerial } from "../../src/core/excelDate";
import { CLV_SAMPLE_AS_OF, CLV_SAMPLE_COLUMNS as C, clvSample } from "../../src/sample/clvSample";
import { openFold, overflow, type PaneOptions, seriousViolations, paneSession } from "./paneHarness";

const SAMPLE = clvSample(1000);
const AS_OF = ymdToSerial(2026, 11, 30) as number;
const BINS = ["0", "1", "2", "3", "4", "5", "6", "7+"];
/** x = orders − 1, and T in weeks (the method's default period) as of the sample's end. */
const REPEATS = SAMPLE.rows.map((row) => (row[C.orders] as number) - 1);
const AGES = SAMPLE.rows.map((row) => (AS_OF - (row[C.firstPurchase] as number)) / 7);
const PANE_HEIGHT = 640;

/** Actual: a plain count of customers by repeat purchases, 7 or more in the last bin. */
const ACTUAL = BINS.map((_bin, k) => REPEATS.filter((x) => (k === 7 ? x >= 7 : x === k)).length);

/**
 * P(X(t) = x) of BG/NBD, Fader, Hardie & Lee (2005) eq. 8, term by term in logs:
 *   B(a, b+x)/B(a, b) · Γ(r+x)/(Γ(r) x!) · (α/(α+t))^r · (t/(α+t))^x
 *   + [x > 0] · B(a+1, b+x−1)/B(a, b) · (1 − (α/(α+t))^r · Σ_{j<x} Γ(r+j)/(Γ(r) j!) · (t/(α+t))^j).
 */
function probabilityOf(x: number, t: number, p: { r: number; alpha: number; a: number; b: number }): number {
  const { r, alpha, a, b } = p;
  const nbd = (j: number) =>
    Math.exp(
      gammaln(r + j) -
        gammaln(r) -
        gammaln(j + 1) +
        r * Math.log(alpha / (alpha + t)) +
        j * Math.log(t / (alpha + t)),
    );
  const first = Math.exp(betaln(a, b + x) - betaln(a, b)) * nbd(x);
  if (x === 0) return first;
  let below = 0;
  for (let j = 0; j < x; j++) below += nbd(j);
  return first + Math.exp(betaln(a + 1, b + x - 1) - betaln(a, b)) * (1 - below);
}

/**
 * Expected: Σ over customers of P(X(T) = k), the last bin n − the rest. The parameters are the ones
 * the pane fits (the same maximum-likelihood fit on the same histories, run here in node); the
 * histogram from them is this file's own.
 */
function expectedCounts(): number[] {
  const tx = SAMPLE.rows.map(
    (row) => ((row[C.lastPurchase] as number) - (row[C.firstPurchase] as number)) / 7,
  );
  const fit = fitBgnbd({
    x: Float64Array.from(REPEATS),
    tx: Float64Array.from(tx),
    T: Float64Array.from(AGES),
  });
  if (isCoreError(fit)) throw new Error(fit.message);
  const bins = BINS.map((_bin, k) =>
    k === 7 ? 0 : AGES.reduce((sum, T) => sum + probabilityOf(k, T, fit.parameters), 0),
  );
  bins[7] = AGES.length - bins.slice(0, 7).reduce((sum, count) => sum + count, 0);
  return bins;
}
const EXPECTED = expectedCounts();

const withPane = paneSession();

interface Bar {
  bin: string;
  series: string;
  customers: number;
  height: number;
}

/** The fit chart's bars: "3 repeat purchases. Expected (BG/NBD), 41.7 customers." and their heights. */
async function fitBars(page: Page): Promise<Bar[]> {
  const read = () =>
    page.locator('[data-testid="chart-clv-fit"] svg rect[aria-label]').evaluateAll((rects) =>
      rects.map((rect) => ({
        label: rect.getAttribute("aria-label") ?? "",
        height: (rect as SVGGraphicsElement).getBBox().height,
      })),
    );
  // Heights settle once the chart has measured its box: read until two reads 200 ms apart agree.
  let bars = await read();
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.waitForTimeout(200);
    const again = await read();
    if (JSON.stringify(again) === JSON.stringify(bars)) break;
    bars = again;
  }
  return bars.map(({ label, height }) => {
    const match = /^(\d\+?) repeat purchases?\. (Actual|Expected \(BG\/NBD\)), ([\d,.]+) customers\.$/.exec(
      label,
    );
    if (match === null) throw new Error(`unexpected bar label ${label}`);
    return { bin: match[1], series: match[2], customers: Number(match[3].replace(/,/g, "")), height };
  });
}

async function runLifetimeValue(page: Page): Promise<void> {
  await page.getByTestId("method-clv").check();
  await openFold(page, "settings");
  await page.getByTestId("clv-as-of").fill(CLV_SAMPLE_AS_OF);
  await page.getByTestId("segment").click();
  await page.getByTestId("summary").waitFor({ timeout: 60_000 });
  await page.locator('[data-testid="chart-clv-fit"] svg rect[aria-label]').first().waitFor();
}

test("the sample's counts are a fit chart worth drawing: every bin filled, expected adds up", () => {
  // Hand check of the plain count: the bins hold all 1,000 customers, and each bin has some.
  expect(ACTUAL.reduce((sum, count) => sum + count, 0)).toBe(1000);
  expect(ACTUAL.every((count) => count > 0)).toBe(true);
  expect(EXPECTED.every((count) => count > 0)).toBe(true);
});

describe.each([320, 350])("the lifetime value in a pane %i px wide", (width) => {
  const options: PaneOptions = { width, height: PANE_HEIGHT };

  test("runs on ?sample=clv; the fit chart's bars and table are the customers by repeat purchases", async () => {
    await withPane(
      "?sample=clv",
      async ({ page, pageErrors }) => {
        // Every column the method needs is detected in the sample (the default method's strategic
        // match is not there, so the mapping opened unfolded on first load).
        await page.getByTestId("method-clv").check();
        await expect(page.getByTestId("fold-columns-summary").textContent()).resolves.toBe(
          "First purchase date, Last purchase date, Orders, Average repeat value found",
        );
        await runLifetimeValue(page);

        const bars = await fitBars(page);
        // One bar per bin and series (Fluent draws no bar for a 0; every bin here is filled).
        expect(bars).toHaveLength(2 * BINS.length);
        const pixelsPerCustomer = Math.max(...bars.map((bar) => bar.height / bar.customers));
        for (const [k, bin] of BINS.entries()) {
          const actual = bars.find((bar) => bar.bin === bin && bar.series === "Actual");
          const expected = bars.find((bar) => bar.bin === bin && bar.series !== "Actual");
          expect(actual?.customers).toBe(ACTUAL[k]);
          expect(Math.abs((expected?.customers ?? NaN) - EXPECTED[k])).toBeLessThan(0.05 + 1e-9);
          // Heights on one scale, within a pixel and a half.
          expect(Math.abs((actual?.height ?? NaN) - pixelsPerCustomer * ACTUAL[k])).toBeLessThan(1.5);
          expect(Math.abs((expected?.height ?? NaN) - pixelsPerCustomer * EXPECTED[k])).toBeLessThan(1.5);
        }

        // The numbers behind the chart: one row per bin, the same counts.
        const rows = await page
          .getByTestId("chart-clv-fit-table")
          .locator("tbody tr")
          .evaluateAll((trs) =>
            trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => td.textContent ?? "")),
          );
        expect(rows.map((row) => row[0])).toEqual(BINS);
        expect(rows.map((row) => Number(row[1].replace(/,/g, "")))).toEqual(ACTUAL);
        rows.forEach((row, k) =>
          expect(Math.abs(Number(row[2].replace(/,/g, "")) - EXPECTED[k])).toBeLessThan(0.05 + 1e-9),
        );
        // The description says the first and last bins in numbers.
        const description =
          (await page.getByTestId("chart-clv-fit").locator("figcaption").textContent()) ?? "";
        expect(description).toContain(`Of 1,000 customers, ${ACTUAL[0]} made no repeat purchase`);
        expect(description).toContain(`${ACTUAL[7]} made 7+`);

        // The tiers as the share chart: customers 20 % / 30 % / 50 % (⌈0.2·1000⌉ = 200, ⌈0.5·1000⌉ − 200 = 300).
        const tierBars = await page
          .locator('[data-testid="chart-shares"] svg rect[aria-label]')
          .evaluateAll((rects) => rects.map((rect) => rect.getAttribute("aria-label") ?? ""));
        // (Fluent draws the rows bottom up: compare as sets.)
        expect(tierBars.filter((label) => label.includes("Customers")).sort()).toEqual([
          "Next 30 %. Customers, 30.0%.",
          "Rest. Customers, 50.0%.",
          "Top 20 %. Customers, 20.0%.",
        ]);
        expect(tierBars.filter((label) => label.includes(". CLV, "))).toHaveLength(3);

        const sizes = await overflow(page);
        for (const [box, [scroll, client]] of Object.entries(sizes)) {
          expect([box, scroll <= client]).toEqual([box, true]);
        }
        await expect(seriousViolations(page)).resolves.toEqual([]);
        expect(pageErrors).toEqual([]);
      },
      options,
    );
  });
});
