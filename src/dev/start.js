#!/usr/bin/env node
/**
 * `npm start [-- web <document-url>]`: serve the add-in and sideload it.
 *
 * - Windows / macOS: office-addin-debugging starts the https dev server and sideloads manifest.xml
 *   into Excel desktop with the bundled sample workbook open.
 * - `npm start -- web https://…/workbook.xlsx`: sideloads into Excel on the web (needs a document URL
 *   from OneDrive/SharePoint).
 * - Linux (no Excel desktop exists): office-addin-debugging would print "platform not supported" and
 *   exit 0 without serving anything, so we say so plainly and keep the dev server running instead:
 *   Excel on the web can sideload manifest.xml by hand, and the pane opens as a browser preview.
 */
const { spawn } = require("child_process");
const path = require("path");

const root = path.resolve(__dirname, "../..");
const [target, documentUrl] = process.argv.slice(2);
const sample = path.join(root, "assets", "sample-customers.xlsx");
const bin = (name) =>
  path.join(root, "node_modules", ".bin", process.platform === "win32" ? `${name}.cmd` : name);

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  child.on("exit", (code) => process.exit(code ?? 1));
}

if (target === "web") {
  if (!documentUrl) {
    console.error(
      "npm start -- web needs the URL of a workbook in OneDrive or SharePoint, e.g.\n" +
        "  npm start -- web https://contoso.sharepoint.com/:x:/r/Book.xlsx",
    );
    process.exit(2);
  }
  run(bin("office-addin-debugging"), [
    "start",
    "manifest.xml",
    "web",
    "--document",
    documentUrl,
    "--dev-server",
    "npm run dev-server",
    "--dev-server-port",
    "3000",
  ]);
} else if (process.platform === "win32" || process.platform === "darwin") {
  run(bin("office-addin-debugging"), [
    "start",
    "manifest.xml",
    "desktop",
    "--app",
    "excel",
    "--document",
    sample,
    "--dev-server",
    "npm run dev-server",
    "--dev-server-port",
    "3000",
  ]);
} else {
  console.log(
    [
      `Excel desktop does not exist on ${process.platform}, so nothing can be sideloaded here.`,
      "Serving the add-in at https://localhost:3000 (self-signed certificate) instead:",
      "  - browser preview of the task pane (in-memory sample table): https://localhost:3000/taskpane.html",
      "  - Excel on the web: Insert › Add-ins › Upload My Add-in › choose manifest.xml",
      "    (the browser must trust the certificate: open https://localhost:3000 once and accept it),",
      "    or run: npm start -- web <URL of a workbook in OneDrive/SharePoint>",
      "  - the segmentation itself without Excel: npm run segment",
      "Press Ctrl+C to stop.",
    ].join("\n"),
  );
  run(bin("webpack"), ["serve", "--mode", "development"]);
}
