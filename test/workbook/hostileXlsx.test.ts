/**
 * The hostile .xlsx corpus (issue 8): workbooks as other programs write them, made at test time by
 * `hostile/make_hostile.py` (openpyxl and pandas through Debian's /usr/bin/python3) and LibreOffice,
 * then run through the runner. Each case checks what the user now sees: the result preserved (read
 * back by openpyxl, `hostile/read_back.py`, and compared part by part) or a one-line message that
 * names the problem and what to do. On main before the one-engine change, each case failed as its
 * comment says ("main: …").
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { ZipPackage } from "../../src/workbook/xlsx/zipPackage";
import { run, tempDir } from "../cli/cliHarness";

const PYTHON = "/usr/bin/python3";
const here = path.join(__dirname, "hostile");

interface ReadBack {
  sheets: string[];
  cells: Record<string, unknown[][]>;
  tables: Record<string, { name: string; ref: string; columns: string[] }[]>;
  charts: Record<string, number>;
  comments: Record<string, number>;
}

/** openpyxl's view of each file. */
function readBack(files: string[]): Record<string, ReadBack> {
  const out = execFileSync(PYTHON, [path.join(here, "read_back.py"), ...files], { encoding: "utf8" });
  return JSON.parse(out) as Record<string, ReadBack>;
}

async function parts(file: string): Promise<Map<string, Buffer>> {
  const zip = await ZipPackage.open(file);
  try {
    const out = new Map<string, Buffer>();
    for (const name of zip.names()) if (!name.endsWith("/")) out.set(name, await zip.readBuffer(name));
    return out;
  } finally {
    zip.close();
  }
}

/** Parts of `before` that `after` lacks or holds with other bytes. */
async function changedParts(before: string, after: string): Promise<string[]> {
  const a = await parts(before);
  const b = await parts(after);
  return [...a.keys()].filter((name) => !a.get(name)!.equals(b.get(name) ?? Buffer.from("missing")));
}

// SPEC example: values {500,120,480,90}, matches {8,9,2,3} → medians 300 and 5.5.
const SPEC_SEGMENTS = ["Strategic", "Potential", "Profit", "Ordinary"];
/**
 * The parts a run changes in a workbook whose table is a plain range: the sheet, the package's
 * lists of parts, and the styles (number formats of the summary sheet are appended).
 */
const PATCHED = [
  "[Content_Types].xml",
  "xl/_rels/workbook.xml.rels",
  "xl/styles.xml",
  "xl/workbook.xml",
  "xl/worksheets/sheet1.xml",
];

let dir: string;
const file = (name: string) => path.join(dir, name);

beforeAll(() => {
  dir = tempDir("cx-hostile-");
  execFileSync(PYTHON, [path.join(here, "make_hostile.py"), dir], { encoding: "utf8" });
  // An OpenDocument spreadsheet as LibreOffice saves one (its own profile: parallel runs collide otherwise).
  const profile = tempDir("cx-lo-profile-");
  execFileSync(
    "soffice",
    [
      `-env:UserInstallation=file://${profile}`,
      "--headless",
      "--convert-to",
      "ods",
      "--outdir",
      dir,
      file("table.xlsx"),
    ],
    { timeout: 180_000, stdio: "ignore" },
  );
}, 240_000);

describe("workbooks the runner now keeps whole", () => {
  it("named sheets (one needing quotes) keep their names, and the other sheet's formula still points at them", async () => {
    // main: in memory "could not be read … worksheet name cannot be a single quotation mark";
    // --stream renamed the sheets to Sheet1, Sheet2, breaking the formula.
    for (const flag of [[], ["--stream"]]) {
      const output = `named-${flag.length}.xlsx`;
      const result = await run(["named-sheets.xlsx", ...flag, "--output", output], dir);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const book = readBack([file(output)])[file(output)];
      expect(book.sheets).toEqual(["Kunden & Co", "Q3 'final'", "CX Summary"]);
      expect(book.cells["Q3 'final'"][0]).toEqual(["Total", "=SUM('Kunden & Co'!B2:B5)"]);
      expect(book.cells["Kunden & Co"].slice(1).map((row) => row[3])).toEqual(SPEC_SEGMENTS);
      expect(book.cells["Kunden & Co"][1][0]).toBe("A & Co <1>");
      expect(book.cells["Kunden & Co"][2][0]).toBe("=B");
    }
    // The second sheet, styles and everything else are the input's bytes.
    expect((await changedParts(file("named-sheets.xlsx"), file("named-0.xlsx"))).sort()).toEqual(PATCHED);
  });

  it("a pandas export keeps its sheet names", async () => {
    // main --stream: sheets came back as Sheet1, Sheet2.
    const result = await run(["pandas.xlsx", "--stream", "--output", "pandas-out.xlsx"], dir);
    expect(result.code).toBe(0);
    const book = readBack([file("pandas-out.xlsx")])[file("pandas-out.xlsx")];
    expect(book.sheets).toEqual(["Export 2026", "Notes", "CX Summary"]);
    expect(book.cells["Notes"]).toEqual([["x"], [1], [2]]);
  });

  it.each(["table.xlsx", "table-no-style.xlsx"])(
    "%s: the new column becomes a column of the Excel table",
    async (name) => {
      // main: "Cannot read properties of undefined (reading 'name')" (openpyxl's table part).
      const output = `${name}.out.xlsx`;
      const result = await run([name, "--output", output], dir);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const book = readBack([file(output)])[file(output)];
      const [table] = book.tables["Data"];
      expect(table.ref).toBe("A1:D5");
      expect(table.columns).toEqual(["Customer", "Revenue", "Strategic match", "Segment"]);
      expect(book.cells["Data"].map((row) => row[3])).toEqual(["Segment", ...SPEC_SEGMENTS]);
    },
  );

  it("a chart already in the input survives byte for byte, beside the summary's three new charts", async () => {
    // main: "Cannot read properties of undefined (reading 'anchors')"; --stream dropped the chart.
    const result = await run(["chart.xlsx", "--output", "chart-out.xlsx"], dir);
    expect(result.code).toBe(0);
    const book = readBack([file("chart-out.xlsx")])[file("chart-out.xlsx")];
    expect(book.charts).toEqual({ Sheet: 1, "CX Summary": 3 });
    const changed = await changedParts(file("chart.xlsx"), file("chart-out.xlsx"));
    expect(changed.sort()).toEqual(PATCHED);
  });

  it("a comment survives", async () => {
    // main: "Cannot read properties of undefined (reading 'comments')"; --stream dropped it.
    const result = await run(["comment.xlsx", "--output", "comment-out.xlsx"], dir);
    expect(result.code).toBe(0);
    expect(readBack([file("comment-out.xlsx")])[file("comment-out.xlsx")].comments).toMatchObject({
      Sheet: 1,
    });
    expect((await changedParts(file("comment.xlsx"), file("comment-out.xlsx"))).sort()).toEqual(PATCHED);
  });

  it("an .xlsm stays an .xlsm with its macros unchanged", async () => {
    // main: wrote macro.segmented.xlsx without xl/vbaProject.bin (the macros were gone, no word said).
    const result = await run(["macro.xlsm"], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(existsSync(file("macro.segmented.xlsm"))).toBe(true);
    const before = await parts(file("macro.xlsm"));
    const after = await parts(file("macro.segmented.xlsm"));
    expect(after.get("xl/vbaProject.bin")!.equals(before.get("xl/vbaProject.bin")!)).toBe(true);
    expect(after.get("[Content_Types].xml")!.toString()).toContain(
      "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    );
    const refused = await run(["macro.xlsm", "--output", "macro.xlsx"], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/macro-enabled: its output must end in \.xlsm/);
  });

  it("parts the engine does not know (custom XML, a thumbnail) are copied unchanged", async () => {
    // main: exceljs dropped customXml/item1.xml and docProps/thumbnail.jpeg.
    const result = await run(["extra-parts.xlsx", "--output", "extra-out.xlsx"], dir);
    expect(result.code).toBe(0);
    const changed = await changedParts(file("extra-parts.xlsx"), file("extra-out.xlsx"));
    expect(changed.sort()).toEqual(PATCHED);
  });

  it("1904-system dates read as the same days as in a 1900-system copy (recency 59, 52, 45, 38 days)", async () => {
    // Main read these right too (exceljs converted dates); kept as the guard for the new reader.
    // Last purchases 2026-01-01, -08, -15, -22; as of 2026-03-01: 31 + 28 = 59 days for the first.
    const recency: unknown[][] = [];
    for (const name of ["dates-1900.xlsx", "dates-1904.xlsx"]) {
      const output = `${name}.rfm.xlsx`;
      const result = await run([name, "--method", "rfm", "--as-of", "2026-03-01", "--output", output], dir);
      expect(result.code).toBe(0);
      const cells = readBack([file(output)])[file(output)].cells["Sheet"];
      const column = cells[0].indexOf("Recency days");
      recency.push(cells.slice(1).map((row) => row[column]));
      // The original dates are untouched (openpyxl applies the file's own date system).
      expect(cells.slice(1).map((row) => row[2])).toEqual([
        "2026-01-01T00:00:00",
        "2026-01-08T00:00:00",
        "2026-01-15T00:00:00",
        "2026-01-22T00:00:00",
      ]);
    }
    expect(recency).toEqual([
      [59, 52, 45, 38],
      [59, 52, 45, 38],
    ]);
  });
});

describe("workbooks the runner refuses, with what to do", () => {
  it.each([[[]], [["--stream"]]])("hidden rows are refused (flags %j)", async (flags) => {
    // main --stream: accepted, segmented the hidden customer and dropped the hidden flag.
    const result = await run(["hidden-rows.xlsx", ...flags], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/1 row is hidden/);
  });

  it.each([[[]], [["--stream"]]])("a protected sheet is refused (flags %j)", async (flags) => {
    // main --stream: accepted and wrote the output without the protection.
    const result = await run(["protected.xlsx", ...flags], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Sheet "Sheet" is protected/);
  });

  it("formulas without calculated results: the failure says why the cells are blank and what to do", async () => {
    // main: "Column D has no header in row 1" (in memory), or "not numbers" without the reason (--stream).
    const result = await run(["formulas-no-values.xlsx"], dir);
    expect(result.code).toBe(1);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines[0]).toMatch(
      /note: 4 formula cells .* no calculated result .*Sheet!B2, Sheet!B3, Sheet!B4 and 1 more.*Open and save the file in Excel or LibreOffice/,
    );
    expect(lines[1]).toMatch(/4 cells in column B "Revenue" \(value\) are blank: rows 2, 3, 4, 5/);
  });

  it("a merged header cell over the result column: nothing written, the note says to unmerge", async () => {
    // main: "Headers must be unique … (columns C and D)" in memory; --stream wrote the result under the merge.
    const result = await run(["merged-header.xlsx"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/note: The header row \(row 1\) .* merged cells \(C1:D1\).*Unmerge/);
    expect(result.stderr).toMatch(/not empty \(Sheet!D1\)/);
    expect(readdirSync(dir)).not.toContain("merged-header.segmented.xlsx");
  });

  it("a title row above the header: the note names it", async () => {
    // main: "Columns B, C have no header in row 1", with no word about the title.
    const result = await run(["title-row.xlsx"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /note: Row 1 of sheet "Sheet" holds only "Customer report 2026", like a title/,
    );
  });

  it("an OpenDocument spreadsheet: save it as .xlsx or .csv", async () => {
    // main: "no table found in the first sheet".
    const result = await run(["table.ods"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/OpenDocument spreadsheet \(\.ods\).*save it as \.xlsx or \.csv/);
  });

  it("an .xlsx renamed .csv: rename it back", async () => {
    // main: "Cannot read properties of undefined (reading 'name')".
    const result = await run(["renamed.csv"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/renamed\.csv is an \.xlsx workbook renamed \.csv: rename it to \.xlsx/);
  });

  it("--table names one that does not exist: the tables there are are listed (names match case-insensitively)", async () => {
    const missing = await run(["table.xlsx", "--table", "Clients"], dir);
    // A --table that names nothing is a usage mistake (exit 2), in the runner's words.
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /There is no Excel table "Clients" in this workbook \(tables: "?Customers"?\)/,
    );
    mkdirSync(file("case"), { recursive: true });
    const found = await run(["table.xlsx", "--table", "customers", "--output", "case/out.xlsx"], dir);
    expect(found.code).toBe(0);
  });
});
