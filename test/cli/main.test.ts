import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { FORMULA_LIKE_NAMES, SAMPLE_COLUMNS, sampleCustomers } from "../../src/sample/sampleCustomers";
import { MemoryWorkbook } from "../../src/workbook/memoryWorkbook";
import { detectMapping } from "../../src/workflow/mapping";
import { defaultSettings, runSegmentation } from "../../src/workflow/run";
import { readXlsx, run, tempDir, toCellValue, TODAY } from "./cliHarness";

const root = path.resolve(__dirname, "../..");
const samplePath = path.join(root, "assets", "sample-customers.xlsx");

describe("cx-segment on the bundled sample", () => {
  let dir: string;
  let result: { code: number; stdout: string; stderr: string };
  let input: ExcelJS.Workbook;
  let output: ExcelJS.Workbook;

  beforeAll(async () => {
    dir = tempDir();
    result = await run(["--json"], dir);
    input = await readXlsx(samplePath);
    output = await readXlsx(path.join(dir, "sample-customers.segmented.xlsx"));
  });

  it("exits 0 and writes sample-customers.segmented.xlsx into the current folder", () => {
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(readdirSync(dir)).toEqual(["sample-customers.segmented.xlsx"]);
  });

  it("keeps every original cell of every sheet: value, formula and number format", () => {
    for (const sheet of input.worksheets) {
      const copy = output.getWorksheet(sheet.name);
      expect(copy).toBeDefined();
      let compared = 0;
      const differences: string[] = [];
      sheet.eachRow({ includeEmpty: false }, (row, r) => {
        row.eachCell({ includeEmpty: false }, (cell, c) => {
          const other = copy!.getCell(r, c);
          const same =
            JSON.stringify(other.value) === JSON.stringify(cell.value) && other.numFmt === cell.numFmt;
          if (!same) differences.push(`${sheet.name}!${cell.address}`);
          compared++;
        });
      });
      expect(differences).toEqual([]);
      expect(compared).toBeGreaterThan(5);
    }
  });

  it("adds the new columns as columns of the Customers table", () => {
    const sheet = output.getWorksheet("Customers")!;
    const header = sheet.getRow(1).getCell(15).value;
    expect(typeof header).toBe("string");
    const table = (
      sheet.getTables() as unknown as {
        table: { name: string; tableRef: string; columns: { name: string }[] };
      }[]
    )[0].table;
    expect(table.name).toBe("Customers");
    // 14 sample columns + at least one new column, 5,000 customers below the header (rows 2–5001).
    expect(table.columns.length).toBeGreaterThan(14);
    expect(table.tableRef).toMatch(/^A1:[O-Z]5001$/);
    expect(table.columns[14].name).toBe(header);
  });

  it("writes the same segments and summary as the workflow run on an in-memory copy of the table", async () => {
    const { headers, rows } = sampleCustomers();
    const memory = new MemoryWorkbook({
      sheets: [{ name: "Customers", cells: [headers, ...rows] }],
      tables: [
        {
          name: "Customers",
          sheet: "Customers",
          headerRow: 0,
          firstColumn: 0,
          rowCount: rows.length,
          columnCount: headers.length,
        },
      ],
      selection: { sheet: "Customers", row: 0, column: 0 },
    });
    const settings = { ...defaultSettings(TODAY), mapping: detectMapping(headers) };
    const outcome = await runSegmentation(memory, settings);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const printed = JSON.parse(result.stdout);
    expect(printed.segments).toEqual(outcome.summary.segments);
    expect(printed.paretoTop20).toBeCloseTo(outcome.summary.paretoTop20, 12);
    expect(printed.gini).toBeCloseTo(outcome.summary.gini, 12);
    const sheet = output.getWorksheet("Customers")!;
    const added = outcome.record.columnHeaders.length;
    for (let c = 0; c < added; c++) {
      expect(sheet.getCell(1, 15 + c).value).toBe(outcome.record.columnHeaders[c]);
      for (let r = 0; r < rows.length; r++) {
        const expected = memory.cell("Customers", r + 1, 14 + c);
        const actual = toCellValue(sheet.getCell(r + 2, 15 + c).value);
        if (actual !== expected) throw new Error(`row ${r + 2}: ${actual} ≠ ${expected}`);
      }
    }
    // The summary sheet holds the same grid as the in-memory one.
    const summaryName = outcome.record.summarySheet;
    const summary = output.getWorksheet(summaryName)!;
    const grid = memory.sheetGrid(summaryName);
    grid.forEach((cells, r) =>
      cells.forEach((cell, c) => {
        const actual = toCellValue(summary.getCell(r + 1, c + 1).value);
        if (typeof cell === "number") expect(actual).toBeCloseTo(cell, 9);
        else expect(actual).toBe(cell === "" ? null : cell);
      }),
    );
  });

  it("brings names starting with +, -, = and @ back as text cells, not formulas", () => {
    const sheet = output.getWorksheet("Customers")!;
    for (const [row, name] of FORMULA_LIKE_NAMES) {
      expect(sheet.getCell(row + 2, SAMPLE_COLUMNS.name + 1).value).toBe(name);
      expect(sheet.getCell(row + 2, SAMPLE_COLUMNS.name + 1).type).toBe(ExcelJS.ValueType.String);
    }
  });

  it("refuses to overwrite the existing output without --force, and overwrites it with --force", async () => {
    const target = path.join(dir, "sample-customers.segmented.xlsx");
    const before = readFileSync(target);
    const refused = await run([], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already exists.*--force/);
    expect(readFileSync(target).equals(before)).toBe(true);
    const forced = await run(["--force", "--method", "abc"], dir);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/^Segment\s+Customers/);
    expect(readdirSync(dir)).toEqual(["sample-customers.segmented.xlsx"]);
  });
});

describe("cx-segment on CSV files", () => {
  const csv = [
    "Customer,Revenue,Strategic match,Note",
    "A,500,8,=1+2",
    "B,120,9,+49 30 1234",
    "C,480,2,-minus",
    'D,90,3,"quoted, with comma"',
    "",
  ].join("\r\n");

  it("writes the table with the new column as CSV, originals untouched, and the summary beside it", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "customers.csv"), csv);
    const result = await run(["customers.csv"], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const lines = readFileSync(path.join(dir, "customers.segmented.csv"), "utf8").trimEnd().split("\r\n");
    // SPEC example: values {500,120,480,90}, matches {8,9,2,3} → medians 300 and 5.5 →
    // Strategic, Potential, Profit, Ordinary.
    expect(lines.slice(1)).toEqual([
      "A,500,8,=1+2,Strategic",
      "B,120,9,+49 30 1234,Potential",
      "C,480,2,-minus,Profit",
      'D,90,3,"quoted, with comma",Ordinary',
    ]);
    expect(lines[0].startsWith("Customer,Revenue,Strategic match,Note,")).toBe(true);
    const summary = readFileSync(path.join(dir, "customers.segmented.summary.csv"), "utf8");
    expect(summary).toMatch(/Strategic/);
    // Total 500 + 120 + 480 + 90 = 1,190; Strategic 500 / 1,190 = 42.0 %.
    expect(result.stdout).toMatch(/Strategic\s+1\s+25\.0 %\s+500\.00\s+42\.0 %/);
    // Top 20 % of 4 customers: k = 0.8 → 0.8 · 500 / 1,190 = 33.6 %.
    expect(result.stdout).toMatch(/top 20 % of customers \(Pareto\): 33\.6 %/);
  });

  it("prefixes formula-like text with an apostrophe only when --csv-protect is given", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "customers.csv"), csv);
    expect((await run(["customers.csv", "--csv-protect"], dir)).code).toBe(0);
    const lines = readFileSync(path.join(dir, "customers.segmented.csv"), "utf8").split("\r\n");
    expect(lines[1]).toBe("A,500,8,'=1+2,Strategic");
    expect(lines[2]).toBe("B,120,9,'+49 30 1234,Potential");
    expect(lines[3]).toBe("C,480,2,'-minus,Profit");
  });
});

describe("cx-segment on bad input", () => {
  const cases: [string, string | Buffer, RegExp][] = [
    ["notes.xlsx", "just some text, not a zip", /not an \.xlsx workbook/],
    ["binary.dat", Buffer.from([0, 1, 2, 3, 0, 255]), /not a workbook/],
    [
      "locked.xlsx",
      // An OLE compound file header followed by the stream name Office uses for encryption.
      Buffer.concat([
        Buffer.from("d0cf11e0a1b11ae1", "hex"),
        Buffer.alloc(504),
        Buffer.from("EncryptionInfo", "utf16le"),
      ]),
      /password-protected/,
    ],
    ["noheader.csv", "1,2,3\r\n4,5,6\r\n", /row 1\) must hold column names/],
    ["unmapped.csv", "alpha,beta\r\nx,1\r\ny,2\r\n", /needs the .*column/],
    [
      "text.csv",
      "Customer,Revenue,Strategic match\r\nA,500,8\r\nB,n/a,9\r\nC,480,2\r\n",
      /Revenue.*\b3\b|\b3\b.*Revenue/,
    ],
    ["empty.csv", "", /empty\.csv is empty: a CSV file needs a header row/],
  ];

  it.each(cases)(
    "%s: one line on stderr naming the problem, exit code 1, no output left",
    async (name, content, message) => {
      const dir = tempDir();
      writeFileSync(path.join(dir, name), content);
      const result = await run([name], dir);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(readdirSync(dir)).toEqual([name]);
    },
  );

  it("says which file is missing", async () => {
    const dir = tempDir();
    const result = await run(["nowhere.xlsx"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/nowhere\.xlsx does not exist/);
  });

  it("never writes over the input, even with --force", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "c.csv"), "Customer,Revenue,Strategic match\r\nA,1,2\r\n");
    const result = await run(["c.csv", "--output", "c.csv", "--force"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/overwrite the input/);
  });
});

describe("the built command (a real process)", () => {
  const cli = path.join(root, "lib", "src", "cli", "main.js");
  beforeAll(() => {
    if (!existsSync(cli)) execFileSync("npx", ["tsc", "-p", "tsconfig.node.json"], { cwd: root });
  });

  it("prints the usage with --help and exits 0", () => {
    const result = spawnSync(process.execPath, [cli, "--help"], { encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: cx-segment/);
  });

  it("exits non-zero with one line on stderr for a missing file", () => {
    const result = spawnSync(process.execPath, [cli, "missing.csv"], { encoding: "utf8", cwd: os.tmpdir() });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^cx-segment: .*missing\.csv does not exist/);
  });
});
