/**
 * Outputs that cannot collide (issue 8, point 3): never the input (by what the file really is),
 * created exclusively so a second run fails cleanly, all-or-nothing across the output and its
 * companions, no temporary file left after any failure, and clear one-line refusals.
 */
import { spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { companionPath, defaultOutputPath, writeOutputs, type OutputFile } from "../../src/cli/outputFiles";
import { run, tempDir } from "./cliHarness";

const TABLE = "Customer,Revenue,Strategic match\r\nA,500,8\r\nB,120,9\r\nC,480,2\r\nD,90,3\r\n";
const root = path.resolve(__dirname, "../..");

/** A file whose writer puts `text` into the temporary path. */
const file = (target: string, text: string): OutputFile => ({
  path: target,
  write: async (temp) => writeFileSync(temp, text),
});

/** A writer that has written part of its file, then fails. */
const failing = (target: string): OutputFile => ({
  path: target,
  write: async (temp) => {
    writeFileSync(temp, "half a file");
    throw new Error("disk went away");
  },
});

describe("output names", () => {
  it("keeps a text input's extension for the default output and puts companions before it", () => {
    expect(defaultOutputPath("/d/sales.tsv", { kind: "csv", delimiter: "\t" })).toBe(
      "/d/sales.segmented.tsv",
    );
    expect(defaultOutputPath("/d/export.txt", { kind: "csv", delimiter: "\t" })).toBe(
      "/d/export.segmented.txt",
    );
    expect(defaultOutputPath("/d/data", { kind: "csv", delimiter: "," })).toBe("/d/data.segmented.csv");
    expect(defaultOutputPath("/d/data.dat", { kind: "csv", delimiter: "\t" })).toBe("/d/data.segmented.tsv");
    // A macro-enabled workbook keeps its macros, so its output is .xlsm too.
    expect(defaultOutputPath("/d/book.xlsm", { kind: "xlsx" })).toBe("/d/book.segmented.xlsm");
    expect(defaultOutputPath("/d/book.xlsx", { kind: "xlsx", extension: ".xlsm" })).toBe(
      "/d/book.segmented.xlsm",
    );
    expect(companionPath("/d/out.csv", "summary")).toBe("/d/out.summary.csv");
  });
});

describe("never the input", () => {
  it("refuses when the summary written beside the output would be the input, even with --force", async () => {
    const dir = tempDir("cx-out-");
    writeFileSync(path.join(dir, "report.summary.csv"), TABLE);
    const result = await run(["report.summary.csv", "--output", "report.csv", "--force"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /report\.summary\.csv file written beside the output would overwrite the input/,
    );
    expect(readFileSync(path.join(dir, "report.summary.csv"), "utf8")).toBe(TABLE);
    expect(readdirSync(dir)).toEqual(["report.summary.csv"]);
  });

  it.each([
    ["a hard link", (input: string, link: string) => linkSync(input, link)],
    ["a symbolic link", (input: string, link: string) => symlinkSync(input, link)],
  ])("refuses an output that is %s to the input, even with --force", async (_kind, makeLink) => {
    const dir = tempDir("cx-out-");
    const input = path.join(dir, "c.csv");
    writeFileSync(input, TABLE);
    makeLink(input, path.join(dir, "alias.csv"));
    const result = await run(["c.csv", "--output", "alias.csv", "--force"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/The output would overwrite the input/);
    expect(readFileSync(input, "utf8")).toBe(TABLE);
  });

  it("sees the input through a symbolic link to its folder", async () => {
    const dir = tempDir("cx-out-");
    mkdirSync(path.join(dir, "data"));
    writeFileSync(path.join(dir, "data", "c.csv"), TABLE);
    symlinkSync(path.join(dir, "data"), path.join(dir, "shortcut"));
    const result = await run(["data/c.csv", "--output", "shortcut/c.csv", "--force"], dir);
    expect(result.code).toBe(2);
    expect(readFileSync(path.join(dir, "data", "c.csv"), "utf8")).toBe(TABLE);
  });
});

describe("created exclusively", () => {
  it("of two runs writing the same output at the same time, one succeeds and the other fails cleanly", async () => {
    const dir = tempDir("cx-out-");
    writeFileSync(path.join(dir, "c.csv"), TABLE);
    const [first, second] = await Promise.all([
      run(["c.csv", "--output", "out.csv", "--labels", "S1,P1,Q1,O1"], dir),
      run(["c.csv", "--output", "out.csv", "--labels", "S2,P2,Q2,O2"], dir),
    ]);
    const codes = [first.code, second.code].sort();
    expect(codes).toEqual([0, 1]);
    const loser = first.code === 1 ? first : second;
    expect(loser.stderr).toMatch(
      /out\.csv already exists \(another run may have just written it\); nothing was written/,
    );
    // The output and its summary come from the same (winning) run, whole.
    const winner = first.code === 0 ? "1" : "2";
    expect(readFileSync(path.join(dir, "out.csv"), "utf8")).toBe(
      `Customer,Revenue,Strategic match,Segment\r\nA,500,8,S${winner}\r\nB,120,9,Q${winner}\r\nC,480,2,P${winner}\r\nD,90,3,O${winner}\r\n`,
    );
    expect(readFileSync(path.join(dir, "out.summary.csv"), "utf8")).toContain(`S${winner},1,`);
    expect(readdirSync(dir).sort()).toEqual(["c.csv", "out.csv", "out.summary.csv"]);
  });

  it("replaces an existing output and its summary with --force", async () => {
    const dir = tempDir("cx-out-");
    writeFileSync(path.join(dir, "c.csv"), TABLE);
    writeFileSync(path.join(dir, "out.csv"), "old");
    writeFileSync(path.join(dir, "out.summary.csv"), "old summary");
    const refused = await run(["c.csv", "--output", "out.csv"], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/out\.csv already exists; pass --force/);
    const forced = await run(["c.csv", "--output", "out.csv", "--force"], dir);
    expect(forced.code).toBe(0);
    expect(readFileSync(path.join(dir, "out.csv"), "utf8")).toMatch(/Segment\r\nA,500,8,Strategic/);
    expect(readFileSync(path.join(dir, "out.summary.csv"), "utf8")).toMatch(/^Customer segmentation,/);
    expect(readdirSync(dir).sort()).toEqual(["c.csv", "out.csv", "out.summary.csv"]);
  });
});

describe("all or nothing, nothing left behind", () => {
  it("writes nothing when the second file fails while being written", async () => {
    const dir = tempDir("cx-out-");
    const message = await writeOutputs(
      [file(path.join(dir, "a.csv"), "a"), failing(path.join(dir, "b.csv"))],
      false,
    );
    expect(message).toBe(`cannot write ${path.join(dir, "b.csv")}: disk went away`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("removes the first file again when the second name was taken meanwhile", async () => {
    const dir = tempDir("cx-out-");
    const b = path.join(dir, "b.csv");
    const late: OutputFile = {
      path: b,
      write: async (temp) => {
        writeFileSync(temp, "ours");
        writeFileSync(b, "someone else's"); // another program creates b.csv while we write
      },
    };
    const message = await writeOutputs([file(path.join(dir, "a.csv"), "a"), late], false);
    expect(message).toMatch(
      /b\.csv already exists \(another run may have just written it\); nothing was written/,
    );
    expect(readdirSync(dir)).toEqual(["b.csv"]);
    expect(readFileSync(b, "utf8")).toBe("someone else's");
  });

  it("under --force, puts back the file it had replaced when a later one cannot be placed", async () => {
    const dir = tempDir("cx-out-");
    const a = path.join(dir, "a.csv");
    writeFileSync(a, "previous a");
    const b = path.join(dir, "b.csv");
    // A folder of that name that is not empty: rename cannot replace it.
    const blocker: OutputFile = {
      path: b,
      write: async (temp) => {
        writeFileSync(temp, "new b");
        mkdirSync(b);
        writeFileSync(path.join(b, "keep"), "x");
      },
    };
    const message = await writeOutputs([file(a, "new a"), blocker], true);
    expect(message).toMatch(/^cannot write .*b\.csv/);
    expect(readFileSync(a, "utf8")).toBe("previous a");
    expect(readdirSync(dir).sort()).toEqual(["a.csv", "b.csv"]);
  });

  it("leaves no temporary file when a writer opens its file late, after failing (as exceljs's stream can)", async () => {
    const dir = tempDir("cx-out-");
    let lateWrite: Promise<void> = Promise.resolve();
    const late: OutputFile = {
      path: path.join(dir, "x.xlsx"),
      write: async (temp) => {
        lateWrite = new Promise((resolve) =>
          setTimeout(() => {
            try {
              writeFileSync(temp, "too late");
            } catch {
              // The private folder is gone: the late write finds nowhere to go.
            }
            resolve();
          }, 20),
        );
        throw new Error("table without style");
      },
    };
    expect(await writeOutputs([late], false)).toMatch(/table without style/);
    await lateWrite;
    expect(readdirSync(dir)).toEqual([]);
  });

  it("removes its temporary folder when interrupted (SIGINT) mid-write", async () => {
    const dir = tempDir("cx-out-");
    // A child process loads outputFiles.ts (transpiled on the fly) and writes slowly until killed.
    const script = `
      const ts = require("typescript"), fs = require("fs");
      require.extensions[".ts"] = (m, f) => m._compile(ts.transpileModule(fs.readFileSync(f, "utf8"),
        { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText, f);
      const { writeOutputs } = require(${JSON.stringify(path.join(root, "src/cli/outputFiles.ts"))});
      writeOutputs([{ path: ${JSON.stringify(path.join(dir, "out.csv"))}, write: async (temp) => {
        fs.writeFileSync(temp, "started");
        process.stdout.write("writing\\n");
        await new Promise((resolve) => setTimeout(resolve, 60000));
      } }], false);`;
    const child = spawn(process.execPath, ["-e", script], {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    expect(readdirSync(dir)).toHaveLength(1); // the private temporary folder, while writing
    child.kill("SIGINT");
    const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.once("exit", (_code, s) => resolve(s)),
    );
    expect(signal).toBe("SIGINT");
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("folders that cannot take the output", () => {
  it("says a missing folder is missing, in one line, exit 1", async () => {
    const dir = tempDir("cx-out-");
    writeFileSync(path.join(dir, "c.csv"), TABLE);
    const result = await run(["c.csv", "--output", "nowhere/out.csv"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `cx-segment: cannot write ${path.join(dir, "nowhere", "out.csv")}: the folder ${path.join(dir, "nowhere")} does not exist.\n`,
    );
  });

  it("says a folder the system refuses to write in is read-only (sysfs refuses even root)", async () => {
    const dir = tempDir("cx-out-");
    writeFileSync(path.join(dir, "c.csv"), TABLE);
    const result = await run(["c.csv", "--output", "/sys/out.csv"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("cx-segment: cannot write /sys/out.csv: the folder /sys is read-only.\n");
  });

  it("says a read-only folder is read-only, from a real process of a user without write permission", () => {
    const dir = tempDir("cx-out-");
    chmodSync(dir, 0o755);
    writeFileSync(path.join(dir, "c.csv"), TABLE);
    const locked = path.join(dir, "locked");
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    // As root, permissions do not apply: run the runner as "nobody" (setpriv, util-linux).
    const asRoot = process.getuid?.() === 0;
    const loader = `
      const ts = require(${JSON.stringify(require.resolve("typescript"))}), fs = require("fs");
      require.extensions[".ts"] = (m, f) => m._compile(ts.transpileModule(fs.readFileSync(f, "utf8"),
        { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, jsx: ts.JsxEmit.ReactJSX } }).outputText, f);
      require(${JSON.stringify(path.join(root, "src/cli/main.ts"))}).main(process.argv.slice(1), {
        stdout: () => {}, stderr: (t) => process.stderr.write(t), cwd: process.cwd(), stderrIsTty: false,
      }).then((code) => { process.exitCode = code; });`;
    const command = asRoot ? "setpriv" : process.execPath;
    const args = [
      ...(asRoot ? ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath] : []),
      "-e",
      loader,
      "c.csv",
      "--output",
      "locked/out.csv",
    ];
    const result = spawnSync(command, args, { cwd: dir, encoding: "utf8", timeout: 60_000 });
    expect(result.stderr).toBe(
      `cx-segment: cannot write ${locked}/out.csv: the folder ${locked} is read-only.\n`,
    );
    expect(result.status).toBe(1);
    expect(readdirSync(locked)).toEqual([]);
    expect(existsSync(path.join(dir, "c.segmented.csv"))).toBe(false);
    expect(statSync(locked).mode & 0o777).toBe(0o555);
  });
});
