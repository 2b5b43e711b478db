/**
 * The runner tells problems in its own words — flags, the headers it saw, the sheets and tables
 * there are — decides its exit code by the problem's code, and writes nothing when it stops.
 */
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { run, tempDir } from "./cliHarness";

/** A folder holding `name` with `content`; the runner's result on it with `args`. */
async function runOn(name: string, content: string, ...args: string[]) {
  const dir = tempDir();
  writeFileSync(path.join(dir, name), content);
  const result = await run([name, ...args], dir);
  expect(readdirSync(dir)).toEqual([name]);
  expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  return result;
}

/** A workbook with a "Notes" sheet and a "Customers" sheet holding the Excel table "Clients" (A1:C5). */
async function workbookWithTable(dir: string, note?: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Notes").getCell("A1").value = "read me";
  const sheet = workbook.addWorksheet("Customers");
  sheet.addTable({
    name: "Clients",
    ref: "A1",
    columns: [{ name: "Customer" }, { name: "Revenue" }, { name: "Strategic match" }],
    rows: [
      ["Alpha", 500, 8],
      ["Beta", 120, 9],
      ["Gamma", 480, 2],
      ["Delta", 90, 3],
    ],
  });
  if (note) sheet.getCell("D3").value = note;
  const file = path.join(dir, "book.xlsx");
  await workbook.xlsx.writeFile(file);
  return file;
}

describe("runner words", () => {
  it("an unmapped column names --map and lists the headers it saw (exit 1)", async () => {
    const result = await runOn("u.csv", "alpha,beta\r\nx,1\r\ny,2\r\n");
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'cx-segment: u.csv: The quadrant method needs the value and strategic match columns: name them with --map value=HEADER --map match=HEADER (headers: "alpha", "beta").\n',
    );
  });

  it("cells that are not numbers: blank apart from text, and --skip-invalid", async () => {
    const result = await runOn("t.csv", "Customer,Revenue,Strategic match\r\nA,500,8\r\nB,,9\r\nC,n/a,2\r\n");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('1 cell in column B "Revenue" (value) is blank: row 3.');
    expect(result.stderr).toContain('1 cell in column B "Revenue" (value) is text, not a number: row 4.');
    expect(result.stderr).toContain("map another column with --map value=HEADER, or pass --skip-invalid");
    expect(result.stderr).not.toMatch(/column mapping|Skip these rows/);
  });

  it("ABC negatives name the rows and --skip-invalid", async () => {
    const result = await runOn("n.csv", "Customer,Revenue\r\nA,50\r\nB,-5\r\n", "--method", "abc");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('1 cell in column B "Revenue" (value) is negative: row 3.');
    expect(result.stderr).toContain("pass --skip-invalid");
  });

  it("a title row above the header says what it is and what to do with the file", async () => {
    const result = await runOn(
      "title.csv",
      "Customers 2025,,\r\nCustomer,Revenue,Strategic match\r\nA,500,8\r\n",
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Row 1 holds only "Customers 2025" (A1), which looks like a title');
    expect(result.stderr).toContain("Delete the title row from the file.");
  });

  it("an empty first sheet says no table was found there, and how to name another", async () => {
    const dir = tempDir();
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Cover");
    workbook.addWorksheet("Data").getCell("A1").value = "Customer";
    await workbook.xlsx.writeFile(path.join(dir, "cover.xlsx"));
    const result = await run(["cover.xlsx"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'cx-segment: cover.xlsx: Nothing to segment here: no table found in the first sheet "Cover" (it is empty); name another sheet with --sheet NAME (sheets: "Cover", "Data") or an Excel table with --table NAME.\n',
    );
    expect(readdirSync(dir)).toEqual(["cover.xlsx"]);
  });

  it("a totals row is left out with a note on stdout", async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, "c.csv"),
      "Customer,Revenue,Strategic match\r\nA,500,8\r\nB,120,9\r\nC,480,2\r\nD,90,3\r\nGesamt,1190,\r\n",
    );
    const result = await run(["c.csv"], dir);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Note: row 6 ("Gesamt") holds the sum of "Revenue" (1,190) and was left out as a totals row, not a customer.',
    );
  });
});

describe("--table and --sheet", () => {
  it("match names case-insensitively, as Excel does", async () => {
    const dir = tempDir();
    await workbookWithTable(dir);
    const table = await run(["book.xlsx", "--table", "CLIENTS", "--output", "t.xlsx"], dir);
    expect(table.stderr).toBe("");
    expect(table.code).toBe(0);
    const sheet = await run(["book.xlsx", "--sheet", "customers", "--output", "s.xlsx"], dir);
    expect(sheet.stderr).toBe("");
    expect(sheet.code).toBe(0);
  });

  it("a table that does not exist lists the tables there are (exit 2)", async () => {
    const dir = tempDir();
    await workbookWithTable(dir);
    const result = await run(["book.xlsx", "--table", "Kunden"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'cx-segment: book.xlsx: There is no Excel table "Kunden" in this workbook (tables: Clients).\n',
    );
    expect(readdirSync(dir)).toEqual(["book.xlsx"]);
  });

  it("a sheet that does not exist lists the sheets there are (exit 2)", async () => {
    const dir = tempDir();
    await workbookWithTable(dir);
    const result = await run(["book.xlsx", "--sheet", "Custmers"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'cx-segment: book.xlsx: There is no sheet "Custmers" in this workbook (sheets: Notes, Customers).\n',
    );
  });

  it("--table on a CSV file says a CSV has no tables (exit 2)", async () => {
    const result = await runOn("c.csv", "Customer,Revenue\r\nA,1\r\n", "--table", "Clients");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'There is no Excel table "Clients": there are no Excel tables here at all.',
    );
  });

  it("cells in the way of the results name --force", async () => {
    const dir = tempDir();
    await workbookWithTable(dir, "call Beta");
    const result = await run(["book.xlsx"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "The cells where the results go are not empty (Customers!D3); nothing was written.",
    );
    expect(result.stderr).toContain("pass --force to overwrite them.");
    expect(readdirSync(dir)).toEqual(["book.xlsx"]);
  });
});
