#!/usr/bin/env node
/**
 * Takes the README's screenshots of the task pane at 320 px (a narrow Excel task pane), in headless
 * Chromium on the browser preview (office.js blocked, the bundled 1,000-customer sample):
 *   assets/screenshots/pane-320.png              the pane on opening;
 *   assets/screenshots/{quadrant,rfm,abc}-summary-320.png   each method's summary with its charts;
 *   assets/screenshots/clv-summary-320.png       the lifetime value on its sample (?sample=clv, as of
 *                                                2026-11-30) with the tier and fit charts.
 * Needs a built dist/ (`npm run build`) and Chromium (/usr/bin/chromium, or CHROMIUM=...).
 * Run: npm run screenshots
 */
const fs = require("fs");
const http = require("http");
const path = require("path");
const { chromium } = require("playwright-core");

const ROOT = path.resolve(__dirname, "../..");
const DIST = path.join(ROOT, "dist");
const OUT = path.join(ROOT, "assets", "screenshots");
const WIDTH = 320;
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".png": "image/png",
};

function serve() {
  const server = http.createServer((request, response) => {
    const file = path.normalize(path.join(DIST, new URL(request.url, "http://x").pathname));
    if (!file.startsWith(DIST + path.sep)) return response.writeHead(403).end();
    fs.readFile(file, (error, data) => {
      if (error) return response.writeHead(404).end();
      response.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
      response.end(data);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function main() {
  if (!fs.existsSync(path.join(DIST, "taskpane.html")))
    throw new Error("dist/ is not built: run npm run build first");
  fs.mkdirSync(OUT, { recursive: true });
  const server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--font-render-hinting=none"],
  });
  try {
    const shots = [
      { name: "pane-320.png", method: null, height: 720 },
      { name: "quadrant-summary-320.png", method: "quadrant", height: 2400 },
      { name: "rfm-summary-320.png", method: "rfm", height: 3200 },
      { name: "abc-summary-320.png", method: "abc", height: 2400 },
      { name: "clv-summary-320.png", method: "clv", height: 3200, query: "?sample=clv", asOf: "2026-11-30" },
    ];
    for (const shot of shots) {
      const page = await browser.newPage({
        viewport: { width: WIDTH, height: shot.height },
        deviceScaleFactor: 1,
      });
      // No network: office.js and anything else that is not ours is refused, so the preview starts.
      await page.route("**/*", (route) =>
        route.request().url().startsWith(origin) ? route.continue() : route.abort(),
      );
      await page.goto(`${origin}/taskpane.html${shot.query ?? ""}`);
      await page.getByTestId("table-preview").waitFor({ timeout: 60_000 });
      let target = page;
      if (shot.method !== null) {
        await page.getByTestId(`method-${shot.method}`).check();
        if (shot.asOf) {
          const settings = page.getByTestId("fold-settings");
          if ((await settings.getAttribute("aria-expanded")) !== "true") await settings.click();
          await page.getByTestId("clv-as-of").fill(shot.asOf);
        }
        await page.getByTestId("segment").click();
        await page.getByTestId("summary").waitFor({ timeout: 60_000 });
        await page.locator('[data-testid="chart-lorenz"] svg').first().waitFor();
        if (shot.method === "clv") await page.locator('[data-testid="chart-clv-fit"] svg').first().waitFor();
        target = page.getByTestId("summary-section");
      }
      // Let the charts finish their entry animation.
      await page.waitForTimeout(1500);
      const file = path.join(OUT, shot.name);
      await target.screenshot({ path: file });
      console.log(`${path.relative(ROOT, file)}: ${fs.statSync(file).size} bytes`);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
