#!/usr/bin/env node
/**
 * `npm stop`: unload the sideloaded add-in and stop the dev server (Windows / macOS). On Linux
 * `npm start` only runs the dev server in the foreground: stop it with Ctrl+C.
 */
const { spawn } = require("child_process");
const path = require("path");

const root = path.resolve(__dirname, "../..");
if (process.platform === "win32" || process.platform === "darwin") {
  const bin = path.join(
    root,
    "node_modules",
    ".bin",
    process.platform === "win32" ? "office-addin-debugging.cmd" : "office-addin-debugging",
  );
  const child = spawn(bin, ["stop", "manifest.xml"], {
    cwd: root,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  child.on("exit", (code) => process.exit(code ?? 1));
} else {
  console.log(
    `Nothing was sideloaded on ${process.platform}; stop the dev server of 'npm start' with Ctrl+C.`,
  );
}
