import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { FORMULA_LIKE_NAMES, SAMPLE_COLUMNS, sampleCustomers } from "../../src/sample/sampleCustomers";
import * as sheetPatcher from "../../src/workbook/xlsx/sheetPatcher";
import { readPackageStructure, readSheetTables } from "../../src/workbook/xlsx/packageStructure";
import { ZipPackage } from "../../src/workbook/xlsx/zipPackage";
import { XlsxWorkbook } from "../../src/workbook/xlsxWorkbook";
import { readXlsx, run, tempDir as tempDirWith, toCellValue } from "../cli/cliHarness";

const samplePath = path.resolve(__dirname, "../../assets/sample-customers.xlsx");

const tempDir = (): string => tempDirWith("cx-xlsx-");

/** Every entry of a package with its uncompressed bytes. */
async function entries(file: string): Promise<Map<string, Buffer>> {
  const zip = await ZipPackage.open(file);
  try {
    const out = new Map<string, Buffer>();
    for (const name of zip.names()) if (!name.endsWith("/")) out.set(name, await zip.readBuffer(name));
    return out;
  } finally {
    zip.close();
  }
}

/** Every non-empty cell of every input sheet whose value (incl. formula) or number format differs in the output. */
function changedCells(input: ExcelJS.Workbook, output: ExcelJS.Workbook): string[] {
  const differences: string[] = [];
  for (const sheet of input.worksheets) {
    const copy = output.getWorksheet(sheet.name);
    if (!copy) {
      differences.push(`sheet ${sheet.name} missing`);
      continue;
    }
    sheet.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const other = copy.getCell(r, c);
        if (JSON.stringify(other.value) !== JSON.stringify(cell.value) || other.numFmt !== cell.numFmt) {
          differences.push(
            `${sheet.name}!${cell.address}: ${JSON.stringify(cell.value)} → ${JSON.stringify(other.value)}`,
          );
        }
      });
    });
  }
  return differences;
}

/**
 * 300 sample customers on "Customers" (dates and currency formatted) and a "Notes" sheet holding a
 * formula with its cached result, a boolean, an error value, a date and text that looks like a formula.
 */
async function writeSmallWorkbook(file: string): Promise<void> {
  const { headers, rows } = sampleCustomers(300);
  const workbook = new ExcelJS.Workbook();
  const customers = workbook.addWorksheet("Customers");
  customers.addRow(headers);
  for (const row of rows) customers.addRow(row);
  customers.getColumn(SAMPLE_COLUMNS.revenue + 1).numFmt = "#,##0.00";
  customers.getColumn(SAMPLE_COLUMNS.lastPurchase + 1).numFmt = "yyyy-mm-dd";
  customers.getColumn(SAMPLE_COLUMNS.name + 1).width = 30;
  customers.getCell("B1").font = { bold: true };
  const notes = workbook.addWorksheet("Notes");
  notes.getCell("A1").value = "Total revenue";
  notes.getCell("B1").value = {
    formula: "SUM(Customers!D2:D301)",
    result: 123.5,
  } as ExcelJS.CellFormulaValue;
  notes.getCell("A2").value = true;
  notes.getCell("A3").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
  notes.getCell("A4").value = new Date(Date.UTC(2026, 0, 31));
  notes.getCell("A4").numFmt = "dd/mm/yyyy";
  notes.getCell("A5").value = "=not a formula";
  await workbook.xlsx.writeFile(file);
}

describe("cx-segment on a 300-customer workbook (a plain range)", () => {
  let dir: string;
  let result: Awaited<ReturnType<typeof run>>;
  let input: ExcelJS.Workbook;
  let output: ExcelJS.Workbook;

  beforeAll(async () => {
    dir = tempDir();
    await writeSmallWorkbook(path.join(dir, "small.xlsx"));
    result = await run(["small.xlsx", "--json", "--output", "out.xlsx", "--method", "abc"], dir);
    input = await readXlsx(path.join(dir, "small.xlsx"));
    output = await readXlsx(path.join(dir, "out.xlsx"));
  });

  it("exits 0 with the summary and no notes about the file", () => {
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).customers).toBe(300);
  });

  it("keeps every original cell of every sheet: value, formula, boolean, error, date and number format", () => {
    expect(changedCells(input, output)).toEqual([]);
    const notes = output.getWorksheet("Notes")!;
    expect(notes.getCell("B1").value).toEqual({ formula: "SUM(Customers!D2:D301)", result: 123.5 });
    expect(notes.getCell("A2").value).toBe(true);
    expect(notes.getCell("A3").value).toEqual({ error: "#N/A" });
    // 2026-01-31 is Excel serial 46053 (46022 for 2025-12-31, + 31 days).
    expect(toCellValue(notes.getCell("A4").value)).toBe(46053);
  });

  it("copies every part it does not change byte for byte; changes only the sheet, styles and package lists", async () => {
    const before = await entries(path.join(dir, "small.xlsx"));
    const after = await entries(path.join(dir, "out.xlsx"));
    const changed = [...before.keys()].filter(
      (name) => !before.get(name)!.equals(after.get(name) ?? Buffer.alloc(0)),
    );
    expect(changed.sort()).toEqual(
      [
        "[Content_Types].xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/workbook.xml",
        "xl/worksheets/sheet1.xml",
      ].sort(),
    );
    // The sheet's original text survives: every original row's cells are still there verbatim,
    // with only the new cells after them (and the rows' `spans` hint widened from 1:14 to 1:16).
    const sheetBefore = before.get("xl/worksheets/sheet1.xml")!.toString("utf8");
    const sheetAfter = after.get("xl/worksheets/sheet1.xml")!.toString("utf8");
    const rows = sheetBefore.split("</row>").slice(0, -1);
    expect(rows).toHaveLength(301);
    const missing = rows.filter((row) => !sheetAfter.includes(row.slice(row.indexOf("<c "))));
    expect(missing).toHaveLength(0);
    expect(sheetAfter.includes('spans="1:16"')).toBe(true);
  });

  it("adds the ABC columns with their 0.00% format beside the range", () => {
    const sheet = output.getWorksheet("Customers")!;
    expect(sheet.getCell(1, 15).value).toBe("ABC class");
    expect(sheet.getCell(1, 16).value).toBe("Cumulative value share");
    expect(["A", "B", "C"]).toContain(sheet.getCell(2, 15).value);
    expect(sheet.getCell(2, 16).numFmt).toBe("0.00%");
    expect(sheet.getCell(302, 15).value).toBeNull();
  });

  it("brings names starting with +, -, = and @ back as text cells, with no <f> element in the sheet XML", async () => {
    const sheet = output.getWorksheet("Customers")!;
    for (const [row, name] of FORMULA_LIKE_NAMES) {
      if (row >= 300) continue;
      const cell = sheet.getCell(row + 2, SAMPLE_COLUMNS.name + 1);
      expect(cell.value).toBe(name);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
    }
    const xml = (await entries(path.join(dir, "out.xlsx"))).get("xl/worksheets/sheet1.xml")!.toString("utf8");
    expect(xml).not.toMatch(/<f[ >]/);
  });
});

describe("cx-segment on the bundled sample (an Excel table)", () => {
  let dir: string;
  let output: ExcelJS.Workbook;

  beforeAll(async () => {
    dir = tempDir();
    expect((await run(["--json", "--output", "out.xlsx", "--formulas"], dir)).code).toBe(0);
    output = await readXlsx(path.join(dir, "out.xlsx"));
  });

  it("keeps every original cell, including the formulas of the other sheet", async () => {
    expect(changedCells(await readXlsx(samplePath), output)).toEqual([]);
  });

  it("widens the table part and gives the new column a fresh id", async () => {
    const zip = await ZipPackage.open(path.join(dir, "out.xlsx"));
    const structure = await readPackageStructure(zip);
    const [table] = await readSheetTables(zip, structure.sheets[0]);
    zip.close();
    expect(table.name).toBe("Customers");
    expect(table.ref).toBe("A1:O5001");
    expect(table.columnNames.slice(-1)).toEqual(["Segment"]);
  });

  it("writes --formulas in the file format's structured references, and marks the workbook for recalculation", async () => {
    const parts = await entries(path.join(dir, "out.xlsx"));
    const sheet = parts.get("xl/worksheets/sheet1.xml")!.toString("utf8");
    expect(sheet).toContain(
      "<f>CX.SEGMENT(Customers[[#This Row],[Revenue]],Customers[[#This Row],[Strategic match]],MEDIAN(Customers[Revenue]),MEDIAN(Customers[Strategic match]))</f>",
    );
    expect(sheet).not.toContain("[@");
    expect(parts.get("xl/workbook.xml")!.toString("utf8")).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });

  it("adds the summary sheet with three native charts bound to its cells", async () => {
    const parts = await entries(path.join(dir, "out.xlsx"));
    const charts = [...parts.keys()].filter((name) => name.startsWith("xl/charts/"));
    // Value shares (pie), the Pareto curve, and shares of customers beside shares of value (column).
    expect(charts).toHaveLength(3);
    const pie = parts.get(charts[0])!.toString("utf8");
    expect(pie).toContain("<c:pieChart>");
    expect(pie).toContain("<c:f>'CX Summary'!$E$6:$E$9</c:f>");
    expect(pie).toMatch(/<c:strCache><c:ptCount val="4"\/><c:pt idx="0"><c:v>Strategic<\/c:v>/);
    const shares = [...parts.values()]
      .map((part) => part.toString("utf8"))
      .find((xml) => xml.includes("Share of customers and share of value"));
    expect(shares).toContain('<c:barDir val="col"/>');
    // Share of customers (column C) beside share of value (column E) of the four segment rows.
    expect(shares).toContain("<c:f>'CX Summary'!$C$6:$C$9</c:f>");
    expect(shares).toContain("<c:f>'CX Summary'!$E$6:$E$9</c:f>");
    expect(output.worksheets.map((ws) => ws.name)).toEqual(["Customers", "Formulas", "CX Summary"]);
  });
});

describe("the xlsx workbook", () => {
  it("takes the current region around the first non-empty cell, not cells beyond a blank row and column", async () => {
    const dir = tempDir();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Data");
    // Table at B3:D6 (header + 3 rows); a stray note at F9 is separated by blank row 7 and column E.
    sheet.getCell("B3").value = "Customer";
    sheet.getCell("C3").value = "Revenue";
    sheet.getCell("D3").value = "Strategic match";
    for (let r = 4; r <= 6; r++) sheet.getRow(r).values = [undefined, `C${r}`, r * 10, r];
    sheet.getCell("F9").value = "note";
    await workbook.xlsx.writeFile(path.join(dir, "region.xlsx"));
    const opened = await XlsxWorkbook.open(path.join(dir, "region.xlsx"));
    const table = await opened.locateTable();
    expect(table).toMatchObject({
      headerRow: 2,
      firstColumn: 1,
      columnCount: 3,
      rowCount: 3,
      tableName: null,
    });
    expect(table!.headers).toEqual(["Customer", "Revenue", "Strategic match"]);
    expect(await opened.readColumns(table!, [1])).toEqual([[40, 50, 60]]);
    expect(
      await opened.findNonEmptyCells({ sheet: "Data", row: 0, column: 4, rowCount: 20, columnCount: 3 }, 5),
    ).toEqual(["Data!F9"]);
    opened.close();
  });

  it("keeps shared formulas as formulas (exceljs's streaming path wrote them as values)", async () => {
    const dir = tempDir();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("S");
    sheet.getCell("A1").value = "Customer";
    sheet.getCell("B1").value = "Revenue";
    sheet.getCell("C1").value = "Strategic match";
    sheet.getCell("A2").value = "x";
    sheet.getCell("A3").value = "y";
    sheet.getCell("B2").value = {
      formula: "C2*2",
      result: 2,
      shareType: "shared",
      ref: "B2:B3",
    } as ExcelJS.CellFormulaValue;
    sheet.getCell("B3").value = { sharedFormula: "B2", result: 4 } as ExcelJS.CellSharedFormulaValue;
    sheet.getCell("C2").value = 1;
    sheet.getCell("C3").value = 2;
    await workbook.xlsx.writeFile(path.join(dir, "shared.xlsx"));
    const result = await run(["shared.xlsx", "--output", "out.xlsx"], dir);
    expect(result.code).toBe(0);
    const out = (await readXlsx(path.join(dir, "out.xlsx"))).getWorksheet("S")!;
    expect(out.getCell("B2").value).toMatchObject({ formula: "C2*2", result: 2 });
    expect(out.getCell("B3").value).toMatchObject({ sharedFormula: "B2", result: 4 });
  });

  it("leaves no file behind when writing fails", async () => {
    const dir = tempDir();
    await writeSmallWorkbook(path.join(dir, "small.xlsx"));
    const patched = jest.spyOn(sheetPatcher, "patchedSheet").mockImplementation(() => {
      throw new Error("disk full");
    });
    try {
      const result = await run(["small.xlsx"], dir);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/cannot write .*small\.segmented\.xlsx: disk full/);
      expect(readdirSync(dir)).toEqual(["small.xlsx"]);
    } finally {
      patched.mockRestore();
    }
  });

  it("refuses a zip that is not a workbook, in one line", async () => {
    const dir = tempDir();
    // A stored (uncompressed) zip holding one file "a.txt" = "hi", built by hand from APPNOTE's layout.
    const zip = await makeZip({ "a.txt": "hi" });
    writeFileSync(path.join(dir, "notes.xlsx"), zip);
    const result = await run(["notes.xlsx"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/notes\.xlsx is a zip archive but not an Excel workbook/);
    expect(readFileSync(path.join(dir, "notes.xlsx")).equals(zip)).toBe(true);
  });
});

/** A small zip made with yazl (the writer the engine uses), for inputs that are zips but not workbooks. */
async function makeZip(files: Record<string, string>): Promise<Buffer> {
  const yazl = await import("yazl");
  const zip = new yazl.ZipFile();
  for (const [name, text] of Object.entries(files)) zip.addBuffer(Buffer.from(text), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
