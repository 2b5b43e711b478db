/**
 * Opens the built task pane (dist/taskpane.html) in headless Debian Chromium, with no network:
 * dist/ is served by a tiny node http server on 127.0.0.1, and the office.js request to Microsoft's
 * CDN is aborted, so the pane starts its browser preview on the bundled sample (or, where a test
 * defines a stand-in `Office` before the page's scripts run, believes it is in Excel).
 */
import { execSync } from "child_process";
import { existsSync, mkdtempSync, readFile, rmSync } from "fs";
import { createServer, type Server } from "http";
import { createRequire } from "module";
import { tmpdir } from "os";
import path from "path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const ROOT = path.resolve(__dirname, "../..");
const DIST = path.join(ROOT, "dist");
export const CHROMIUM = "/usr/bin/chromium";
const AXE = createRequire(__filename).resolve("axe-core/axe.min.js");

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
  ".map": "application/json",
};

/** Builds the add-in once if dist/ has no task pane (CI builds before testing, so it has one). */
export function buildIfMissing(): void {
  if (existsSync(path.join(DIST, "taskpane.html"))) return;
  execSync("npx webpack --mode development", { cwd: ROOT, stdio: "inherit" });
}

/** Serves dist/ on a random port of 127.0.0.1; resolves to the server and its origin. */
export function serveDist(): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const file = path.normalize(path.join(DIST, pathname));
    if (!file.startsWith(DIST + path.sep)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file, (error, data) => {
      if (error) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, {
        "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream",
      });
      response.end(data);
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (address === null || typeof address === "string") reject(new Error("no port"));
      else resolve({ server, origin: `http://127.0.0.1:${address.port}` });
    });
  });
}

/** Where and how a test opens the pane. */
export interface PaneOptions {
  /** The pane's width in CSS pixels (Office's task pane is 320–350 wide); default 350. */
  width?: number;
  /** The pane's height; default 900. */
  height?: number;
  /** The element to wait for before the test starts; default the table preview. null: none. */
  waitFor?: string | null;
  /** navigator.language as the page sees it (the preview formats numbers in it). */
  language?: string;
  /** Runs in the page before any of its scripts (e.g. a stand-in for office.js). */
  initScript?: () => void;
}

export interface OpenPane {
  page: Page;
  /** Errors thrown in the page (uncaught exceptions), for the tests to assert there are none. */
  pageErrors: string[];
  /** Requests to anything but our own server, which must all have been blocked. */
  foreignRequests: string[];
}

/** A headless Chromium with a fresh user-data-dir; `close()` ends it and deletes the directory. */
export interface PaneBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium with its own, new user-data-dir. One browser serves a test file (a
 * launch costs seconds on a busy machine); each test gets a new page, and with it a new in-memory
 * sample workbook, so tests do not share state.
 */
export async function launchBrowser(): Promise<PaneBrowser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), "cx-pane-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
    // A task pane's width.
    viewport: { width: 350, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the pane at `query` (e.g. "?rows=300000") in a new page, waits for the table preview (or
 * what `options.waitFor` names), runs `use`, and always closes the page. Every request that does not
 * go to `origin` is aborted and noted.
 */
export async function withPane(
  browser: PaneBrowser,
  origin: string,
  query: string,
  use: (pane: OpenPane) => Promise<void>,
  options: PaneOptions = {},
): Promise<void> {
  const page = await browser.context.newPage();
  try {
    await page.setViewportSize({ width: options.width ?? 350, height: options.height ?? 900 });
    const pageErrors: string[] = [];
    const foreignRequests: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(origin)) return route.continue();
      foreignRequests.push(url);
      return route.abort();
    });
    if (options.language !== undefined) {
      const language = options.language;
      await page.addInitScript((tag) => {
        Object.defineProperty(navigator, "language", { get: () => tag });
        Object.defineProperty(navigator, "languages", { get: () => [tag] });
      }, language);
    }
    if (options.initScript) await page.addInitScript(options.initScript);
    await page.goto(`${origin}/taskpane.html${query}`);
    const waitFor = options.waitFor === undefined ? "table-preview" : options.waitFor;
    if (waitFor !== null) await page.getByTestId(waitFor).first().waitFor({ timeout: 30_000 });
    await use({ page, pageErrors, foreignRequests });
  } finally {
    await page.close();
  }
}

/**
 * One browser and one server of `dist/` for a test file (or a describe block): builds `dist/` if it
 * is missing, starts both before the tests and stops them after. Returns {@link withPane} bound to them.
 */
export function paneSession(): (
  query: string,
  use: (pane: OpenPane) => Promise<void>,
  options?: PaneOptions,
) => Promise<void> {
  let server: Server | null = null;
  let origin = "";
  let browser: PaneBrowser | null = null;
  beforeAll(async () => {
    buildIfMissing();
    ({ server, origin } = await serveDist());
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    const running = server;
    if (running !== null) await new Promise<void>((resolve) => running.close(() => resolve()));
  });
  return (query, use, options = {}) => {
    if (browser === null) throw new Error("the browser did not start");
    return withPane(browser, origin, query, use, options);
  };
}

/** Unfolds one of the pane's folded settings ("columns", "settings", "output") if it is folded. */
export async function openFold(page: Page, fold: string): Promise<void> {
  const header = page.getByTestId(`fold-${fold}`);
  if ((await header.getAttribute("aria-expanded")) !== "true") await header.click();
  await page.waitForFunction(
    (name) =>
      document.querySelector(`[data-testid="fold-${name}"]`)?.getAttribute("aria-expanded") === "true",
    fold,
  );
}

/** One line of the summary table as the pane shows it: segment name and customer count. */
export interface SummaryLine {
  segment: string;
  customers: number;
}

/** Reads the summary table's segment names and customer counts (en-US "1,234" → 1234). */
export async function summaryLines(page: Page): Promise<SummaryLine[]> {
  const rows = page.getByTestId("summary-row");
  await rows.first().waitFor();
  const lines: SummaryLine[] = [];
  for (const row of await rows.all()) {
    const segment = (await row.getByTestId("segment-name").textContent()) ?? "";
    const customers = (await row.getByTestId("segment-customers").textContent()) ?? "";
    lines.push({ segment, customers: Number(customers.replace(/,/g, "")) });
  }
  return lines;
}

/** Sheet names shown by the preview's workbook section, in order. */
export async function previewSheetNames(page: Page): Promise<string[]> {
  const section = page.getByTestId("preview-sheets");
  await section.waitFor();
  const ids = await section
    .locator("[data-testid^='sheet-']")
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-testid") ?? ""));
  return ids.map((id) => id.slice("sheet-".length));
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<unknown> } }
    ).axe;
    const result = (await axe.run(
      // Fluent's Tabster focus bumpers (<i data-tabster-dummy aria-hidden tabindex=0>) are a
      // documented false positive of aria-hidden-focus: they only catch the focus at the edges of a
      // focus trap and hand it on (microsoft/fluentui#25133, accessibility-insights-web#7605).
      { include: [document], exclude: [["[data-tabster-dummy]"]] },
      { resultTypes: ["violations"] },
    )) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
    return result.violations
      .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
      .map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${violation.nodes.map((n) => n.target.join(" ")).join(", ")}`,
      );
  });
}

/** Nothing wider than its box: the page, the pane's main column and the summary. */
export async function overflow(page: Page): Promise<Record<string, [number, number]>> {
  return page.evaluate(() => {
    const size = (element: Element | null): [number, number] =>
      element === null ? [-1, -1] : [element.scrollWidth, element.clientWidth];
    return {
      page: size(document.documentElement),
      main: size(document.querySelector("main")),
      summary: size(document.querySelector('[data-testid="summary"]')),
      charts: size(document.querySelector('[data-testid="summary-charts"]')),
    };
  });
}
