/**
 * CSV files as other programs write them — Python's csv module in several dialects, pandas'
 * to_csv, LibreOffice's CSV export (UTF-8, Windows-1252, UTF-16) — through the runner, and its
 * output read back by Python's csv module with the segments recomputed in Python
 * (`generators/other_programs.py`). Debian's /usr/bin/python3 (pandas, openpyxl) and soffice are
 * installed by `.ci/run`.
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { run, tempDir } from "../../cli/cliHarness";

const PYTHON = "/usr/bin/python3";
const SCRIPT = path.join(__dirname, "generators", "other_programs.py");

interface Entry {
  file: string;
  encoding: string;
  delimiter: string;
  args: string[];
}

/** Runs the runner on every file of the corpus, then lets Python check every output. */
async function segmentAndCheck(dir: string, corpus: Entry[]) {
  for (const entry of corpus) {
    const result = await run([entry.file, ...entry.args], dir);
    expect({ file: entry.file, stderr: result.stderr, code: result.code }).toEqual({
      file: entry.file,
      stderr: "",
      code: 0,
    });
  }
  const checked = JSON.parse(
    execFileSync(PYTHON, [SCRIPT, "check", dir], { input: JSON.stringify(corpus), encoding: "utf8" }),
  ) as { file: string; problems: string[] }[];
  expect(checked.map((r) => r.file)).toEqual(corpus.map((e) => e.file));
  for (const result of checked) expect(result).toEqual({ file: result.file, problems: [] });
}

describe("files written by Python's csv module and pandas", () => {
  it("come back with every original row and the segment Python computes", async () => {
    const dir = tempDir("cx-py-");
    const corpus = JSON.parse(execFileSync(PYTHON, [SCRIPT, "make", dir], { encoding: "utf8" })) as Entry[];
    expect(corpus.length).toBe(10);
    await segmentAndCheck(dir, corpus);
  }, 60_000);
});

describe("files exported by LibreOffice", () => {
  it("(UTF-8 comma, Windows-1252 semicolon with every text quoted, UTF-16 tab) come back whole", async () => {
    const dir = tempDir("cx-lo-");
    execFileSync(PYTHON, [SCRIPT, "make-xlsx", dir]);
    // Filter options: separator, text delimiter, character set (76 UTF-8, 1 Windows-1252, 65535
    // UTF-16), first line, cell formats, language, quote all text cells.
    const exports: [string, string, Omit<Entry, "file">][] = [
      ["lo_utf8.csv", "44,34,76,1", { encoding: "utf-8", delimiter: ",", args: [] }],
      ["lo_cp1252.csv", "59,34,1,1,,0,true", { encoding: "cp1252", delimiter: ";", args: [] }],
      ["lo_utf16.txt", "9,34,65535,1", { encoding: "utf-16", delimiter: "\t", args: [] }],
    ];
    const corpus: Entry[] = [];
    for (const [name, options, entry] of exports) {
      const out = path.join(dir, name.replace(/\.\w+$/, ""));
      execFileSync(
        "soffice",
        [
          `-env:UserInstallation=file://${path.join(dir, "profile")}`,
          "--headless",
          "--convert-to",
          `${path.extname(name).slice(1)}:Text - txt - csv (StarCalc):${options}`,
          "--outdir",
          out,
          path.join(dir, "libreoffice.xlsx"),
        ],
        { stdio: "ignore", timeout: 120_000 },
      );
      const written = readdirSync(out);
      expect(written).toHaveLength(1);
      execFileSync("mv", [path.join(out, written[0]), path.join(dir, name)]);
      corpus.push({ file: name, ...entry });
    }
    await segmentAndCheck(dir, corpus);
  }, 300_000);
});
