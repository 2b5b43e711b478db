// Tests of the manifest, functions.json and the task pane page check the built add-in in dist/.
// CI builds before testing; on a fresh clone `npm test` builds once here if dist/ is missing.
const { existsSync } = require("fs");
const { execSync } = require("child_process");
const path = require("path");

module.exports = async function buildIfMissing() {
  const root = path.resolve(__dirname, "../..");
  const needed = ["taskpane.html", "functions.js", "functions.json", "manifest.xml"];
  if (needed.every((file) => existsSync(path.join(root, "dist", file)))) return;
  console.log("\ndist/ is missing or incomplete: building the add-in once (webpack --mode production)…");
  execSync("npx webpack --mode production", { cwd: root, stdio: "inherit" });
};
