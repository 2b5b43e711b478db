// Tests of the manifest, functions.json and the task pane page check the built add-in in dist/.
// CI builds before testing; on a fresh clone `npm test` builds once here if dist/ is missing.
// A failed build is reported but does not stop the other suites: the dist/ tests then fail by name.
const { existsSync } = require("fs");
const { execSync } = require("child_process");
const path = require("path");

module.exports = async function buildIfMissing() {
  const root = path.resolve(__dirname, "../..");
  const needed = ["taskpane.html", "functions.js", "functions.json", "manifest.xml"];
  if (needed.every((file) => existsSync(path.join(root, "dist", file)))) return;
  const entries = ["src/functions/functions.ts", "src/taskpane/index.tsx"];
  if (!entries.every((file) => existsSync(path.join(root, file)))) return;
  console.log("\ndist/ is missing or incomplete: building the add-in once (webpack --mode production)…");
  try {
    execSync("npx webpack --mode production", { cwd: root, stdio: "inherit" });
  } catch (error) {
    console.error(`The build failed (${error.message}); tests that need dist/ will fail.`);
  }
};
