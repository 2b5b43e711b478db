/**
 * A build for a real server: `npm run build -- --env urlProd=https://host/path/` must hand the flag
 * to webpack (npm appends it to the LAST command of the script), and the build must point every URL
 * of dist/manifest.xml and every helpUrl of dist/functions.json at that base. Checked with the real
 * webpack config and its plugins (the functions entry only: the task pane bundle does not matter
 * here and takes minutes), written to a temporary folder.
 */
import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import path from "path";
import webpack from "webpack";

const ROOT = path.resolve(__dirname, "../..");
const URL_PROD = "https://cx.example.com/addins/cx";
const BASE = `${URL_PROD}/`;

// The webpack config is CommonJS, run by webpack-cli; here it is called as webpack-cli calls it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const makeConfig = require("../../webpack.config.js") as (
  env: Record<string, string>,
  argv: Record<string, string>,
) => Promise<webpack.Configuration & { devServer?: unknown }>;

let out: string;
let manifest: string;
let functionsJson: { functions: { id: string; helpUrl?: string }[] };

beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), "cx-deploy-"));
  // The dev server's options are for webpack-cli's `serve`, not for a build.
  const { devServer: _devServer, ...config } = await makeConfig(
    { urlProd: URL_PROD },
    { mode: "development" },
  );
  const cwd = process.cwd();
  process.chdir(ROOT); // the config's entries and copy patterns are relative to the project
  try {
    const stats = await new Promise<webpack.Stats>((resolve, reject) =>
      webpack(
        {
          ...config,
          mode: "development",
          context: ROOT,
          entry: { functions: "./src/functions/functions.ts" },
          output: { ...config.output, path: out, clean: false },
        },
        (error: Error | null, result?: webpack.Stats) =>
          error || !result ? reject(error ?? new Error("no stats")) : resolve(result),
      ),
    );
    if (stats.hasErrors()) throw new Error(stats.toString({ all: false, errors: true }));
  } finally {
    process.chdir(cwd);
  }
  manifest = readFileSync(path.join(out, "manifest.xml"), "utf8");
  functionsJson = JSON.parse(readFileSync(path.join(out, "functions.json"), "utf8"));
}, 180_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("a build with --env urlProd", () => {
  test("npm run build hands its extra arguments to webpack: webpack is the script's last command", () => {
    const scripts = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts as Record<
      string,
      string
    >;
    const commands = scripts.build.split("&&").map((command) => command.trim());
    expect(commands[commands.length - 1]).toMatch(/^webpack\b/);
  });

  test("every URL in dist/manifest.xml points at urlProd, the app domain at its origin", () => {
    expect(manifest).not.toContain("localhost");
    const withoutComments = manifest.replace(/<!--[\s\S]*?-->/g, "");
    const urls = [...withoutComments.matchAll(/https:\/\/[^"<\s]+/g)].map((m) => m[0]);
    const own = urls.filter((url) => !url.startsWith("https://schemas.") && !url.includes("w3.org"));
    expect(own.length).toBeGreaterThan(10);
    expect(own.filter((url) => url !== "https://cx.example.com" && !url.startsWith(BASE))).toEqual([]);
    expect(manifest).toContain("<AppDomain>https://cx.example.com</AppDomain>");
    expect(manifest).toContain(`${BASE}taskpane.html`);
    expect(manifest).toContain(`${BASE}functions.json`);
  });

  test("every function's help link in dist/functions.json points at urlProd's help page", () => {
    expect(functionsJson.functions.length).toBeGreaterThanOrEqual(4);
    for (const fn of functionsJson.functions) {
      expect(fn.helpUrl).toBe(`${BASE}help.html#cx-${fn.id.toLowerCase()}`);
    }
  });

  test("the source manifest keeps pointing at the dev server", () => {
    expect(readFileSync(path.join(ROOT, "manifest.xml"), "utf8")).toContain(
      "https://localhost:3000/taskpane.html",
    );
  });
});
