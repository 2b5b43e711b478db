import { readdirSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { FORMULA_LIKE_NAMES, SAMPLE_COLUMNS, sampleCustomers } from "../../src/sample/sampleCustomers";
import { openFileWorkbook } from "../../src/workbook/fileWorkbook";
import { XlsxStreamWorkbook } from "../../src/workbook/xlsxStreamWorkbook";
import { readTableParts } from "../../src/workbook/xlsxTableParts";
import { XlsxWorkbook, toCellValue } from "../../src/workbook/xlsxWorkbook";
import { readZipEntries } from "../../src/workbook/zipEntries";
import { readXlsx, run, tempDir as tempDirWith } from "../cli/cliHarness";

const samplePath = path.resolve(__dirname, "../../assets/sample-customers.xlsx");

const tempDir = (): string => tempDirWith("cx-stream-");

/** Every non-empty cell of every sheet whose value (incl. formula) or number format differs. */
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

/** Value (as Range.values shows it) and number format of every cell in a block, row-major. */
function grid(sheet: ExcelJS.Worksheet, fromColumn: number, toColumn: number, rows: number) {
  const cells: [string, unknown, string | undefined][] = [];
  for (let r = 1; r <= rows; r++) {
    for (let c = fromColumn; c <= toColumn; c++) {
      const cell = sheet.getCell(r, c);
      cells.push([cell.address, toCellValue(cell.value), cell.value === null ? undefined : cell.numFmt]);
    }
  }
  return cells;
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

describe("cx-segment --stream on a 300-customer workbook, against the in-memory path", () => {
  let dir: string;
  let streamed: Awaited<ReturnType<typeof run>>;
  let inMemory: Awaited<ReturnType<typeof run>>;
  let input: ExcelJS.Workbook;
  let output: ExcelJS.Workbook;
  let reference: ExcelJS.Workbook;

  beforeAll(async () => {
    dir = tempDir();
    await writeSmallWorkbook(path.join(dir, "small.xlsx"));
    streamed = await run(["small.xlsx", "--stream", "--json", "--output", "streamed.xlsx"], dir);
    inMemory = await run(["small.xlsx", "--no-stream", "--json", "--output", "memory.xlsx"], dir);
    input = await readXlsx(path.join(dir, "small.xlsx"));
    output = await readXlsx(path.join(dir, "streamed.xlsx"));
    reference = await readXlsx(path.join(dir, "memory.xlsx"));
  });

  it("exits 0 on both paths and prints the same summary", () => {
    expect(streamed.stderr).toBe("");
    expect(streamed.code).toBe(0);
    expect(inMemory.code).toBe(0);
    const a = JSON.parse(streamed.stdout);
    const b = JSON.parse(inMemory.stdout);
    expect(a.segments).toEqual(b.segments);
    expect(a.gini).toBe(b.gini);
    expect(a.paretoTop20).toBe(b.paretoTop20);
  });

  it("keeps every original cell of every sheet: value, formula, boolean, error, date and number format", () => {
    expect(changedCells(input, output)).toEqual([]);
    // The checks above compare against the input; these pin the special cells by hand.
    const notes = output.getWorksheet("Notes")!;
    expect(notes.getCell("B1").value).toEqual({ formula: "SUM(Customers!D2:D301)", result: 123.5 });
    expect(notes.getCell("A2").value).toBe(true);
    expect(notes.getCell("A3").value).toEqual({ error: "#N/A" });
    expect(notes.getCell("A4").numFmt).toBe("dd/mm/yyyy");
    // 2026-01-31 is Excel serial 46053 (46022 for 2025-12-31, + 31 days).
    expect(toCellValue(notes.getCell("A4").value)).toBe(46053);
  });

  it("keeps fonts and column widths", () => {
    const sheet = output.getWorksheet("Customers")!;
    expect(sheet.getCell("B1").font?.bold).toBe(true);
    expect(sheet.getColumn(SAMPLE_COLUMNS.name + 1).width).toBe(30);
  });

  it("writes the same new columns (header, values, number formats) as the in-memory path", () => {
    const sheet = output.getWorksheet("Customers")!;
    const added = reference.getWorksheet("Customers")!.columnCount - 14;
    expect(added).toBeGreaterThan(0);
    const expected = grid(reference.getWorksheet("Customers")!, 15, 14 + added, 301);
    expect(grid(sheet, 15, 14 + added, 301)).toEqual(expected);
    expect(sheet.getCell(302, 15).value).toBeNull();
  });

  it("writes the same summary sheet (cells and number formats) as the in-memory path", () => {
    const memorySummary = reference.worksheets[2];
    const streamSummary = output.worksheets[2];
    expect(streamSummary.name).toBe(memorySummary.name);
    const width = memorySummary.columnCount;
    const height = memorySummary.rowCount;
    expect(height).toBeGreaterThan(5);
    expect(grid(streamSummary, 1, width, height)).toEqual(grid(memorySummary, 1, width, height));
  });

  it("brings names starting with +, -, = and @ back as text cells, with no <f> element in the sheet XML", () => {
    const sheet = output.getWorksheet("Customers")!;
    for (const [row, name] of FORMULA_LIKE_NAMES) {
      const cell = sheet.getCell(row + 2, SAMPLE_COLUMNS.name + 1);
      expect(cell.value).toBe(name);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
    }
    const xml = readZipEntries(path.join(dir, "streamed.xlsx"), (name) => name.endsWith("sheet1.xml"), 1e9);
    const customersXml = [...xml.values()][0];
    expect(customersXml).toContain("=Equals Engineering AB");
    expect(customersXml).not.toMatch(/<f[ >]/);
  });

  it("prints what the streaming path does not copy", () => {
    expect(JSON.parse(streamed.stdout).notes.join(" ")).toMatch(/streaming.*merged cells/i);
    expect(JSON.parse(inMemory.stdout).notes.join(" ")).not.toMatch(/streaming/i);
  });
});

describe("cx-segment --stream on the bundled sample (an Excel table)", () => {
  let dir: string;
  let streamed: Awaited<ReturnType<typeof run>>;
  let output: ExcelJS.Workbook;
  let reference: ExcelJS.Workbook;

  beforeAll(async () => {
    dir = tempDir();
    streamed = await run(["--stream", "--json", "--output", "streamed.xlsx"], dir);
    expect((await run(["--json", "--output", "memory.xlsx"], dir)).code).toBe(0);
    output = await readXlsx(path.join(dir, "streamed.xlsx"));
    reference = await readXlsx(path.join(dir, "memory.xlsx"));
  });

  it("keeps every original cell, including the formulas of the About sheet", async () => {
    expect(streamed.code).toBe(0);
    expect(changedCells(await readXlsx(samplePath), output)).toEqual([]);
  });

  it("finds the table from its part (A1:N5001) and writes 5,000 results beside it, as the in-memory path", () => {
    const added = reference.getWorksheet("Customers")!.columnCount - 14;
    const sheet = output.getWorksheet("Customers")!;
    expect(grid(sheet, 15, 14 + added, 5001)).toEqual(
      grid(reference.getWorksheet("Customers")!, 15, 14 + added, 5001),
    );
    // The table becomes a plain range with a filter over the old and new columns.
    expect(sheet.autoFilter).toBe(`A1:${String.fromCharCode(64 + 14 + added)}5001`);
    expect(sheet.getTables()).toHaveLength(0);
  });

  it("writes the same summary, except that it names the range instead of the table", () => {
    const memorySummary = reference.worksheets[2];
    const streamSummary = output.worksheets[2];
    const expected = grid(memorySummary, 1, memorySummary.columnCount, memorySummary.rowCount);
    const actual = grid(streamSummary, 1, memorySummary.columnCount, memorySummary.rowCount);
    const differing = actual.filter((cell, i) => JSON.stringify(cell) !== JSON.stringify(expected[i]));
    expect(differing).toHaveLength(1);
    expect(differing[0][1]).toBe("Customers!A1:N5001");
    expect(expected[actual.indexOf(differing[0])][1]).toBe("Customers");
  });

  it("says the table became a plain range", () => {
    expect(JSON.parse(streamed.stdout).notes.join(" ")).toMatch(
      /table "Customers" was written as a plain range/,
    );
  });
});

describe("the streaming workbook", () => {
  it("reads the table parts of the sample: name and range with header", () => {
    expect(readTableParts(samplePath)).toEqual([
      { sheet: "Customers", name: "Customers", ref: "A1:N5001", headerRowCount: 1, totalsRowCount: 0 },
    ]);
  });

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
    const streamed = await XlsxStreamWorkbook.open(path.join(dir, "region.xlsx"));
    const table = await streamed.locateTable();
    expect(table).toMatchObject({
      headerRow: 2,
      firstColumn: 1,
      columnCount: 3,
      rowCount: 3,
      tableName: null,
    });
    expect(table!.headers).toEqual(["Customer", "Revenue", "Strategic match"]);
    expect(await streamed.readColumns(table!, [1])).toEqual([[40, 50, 60]]);
    expect(
      await streamed.findNonEmptyCells({ sheet: "Data", row: 0, column: 4, rowCount: 20, columnCount: 3 }, 5),
    ).toEqual(["Data!F9"]);
  });

  it("writes shared-formula cells as their values and says how many", async () => {
    const dir = tempDir();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("S");
    sheet.getCell("A1").value = 1;
    sheet.getCell("A2").value = 2;
    sheet.getCell("B1").value = {
      formula: "A1*2",
      result: 2,
      shareType: "shared",
      ref: "B1:B2",
    } as ExcelJS.CellFormulaValue;
    sheet.getCell("B2").value = { sharedFormula: "B1", result: 4 } as ExcelJS.CellSharedFormulaValue;
    await workbook.xlsx.writeFile(path.join(dir, "shared.xlsx"));
    const streamed = await XlsxStreamWorkbook.open(path.join(dir, "shared.xlsx"));
    expect(streamed.lossNotes().join(" ")).toMatch(/1 cell filled from a shared formula/);
    await streamed.save(path.join(dir, "out.xlsx"));
    const out = (await readXlsx(path.join(dir, "out.xlsx"))).getWorksheet("S")!;
    expect(out.getCell("B1").value).toEqual({ formula: "A1*2", result: 2 });
    expect(out.getCell("B2").value).toBe(4);
  });

  it("is chosen by --stream (or a large file) and not for a small file by default", async () => {
    const small = await openFileWorkbook(samplePath);
    expect(small.workbook).toBeInstanceOf(XlsxWorkbook);
    const forced = await openFileWorkbook(samplePath, {}, {}, { stream: true });
    expect(forced.workbook).toBeInstanceOf(XlsxStreamWorkbook);
  });

  it("leaves no file behind when writing fails", async () => {
    const dir = tempDir();
    await writeSmallWorkbook(path.join(dir, "small.xlsx"));
    const commit = jest
      .spyOn(ExcelJS.stream.xlsx.WorkbookWriter.prototype, "commit")
      .mockRejectedValue(new Error("disk full"));
    try {
      const result = await run(["small.xlsx", "--stream"], dir);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/cannot write .*small\.segmented\.xlsx: disk full/);
      expect(readdirSync(dir)).toEqual(["small.xlsx"]);
    } finally {
      commit.mockRestore();
    }
  });
});
