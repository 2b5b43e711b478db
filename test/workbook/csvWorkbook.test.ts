/**
 * The CSV workbook through the `Workbook` interface the workflow uses: the table it locates, the
 * cells it types, the non-empty cells it reports right of the table, and what it saves.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CsvWorkbook } from "../../src/workbook/csvWorkbook";

function file(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cx-csvwb-"));
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
}

const TEXT = [
  "Customer,Revenue,Since,Note",
  'A,500,2024-01-31,"two\nlines"',
  "B,,2026-02-31,x,extra",
  '"C",1e3,2024-01-31 18:00',
  "D,-0.5,,,,",
  ",,",
  "",
].join("\r\n");

describe("CsvWorkbook", () => {
  it("locates one table of every record, headers typed as Excel types them", async () => {
    const workbook = await CsvWorkbook.open(file("customers.csv", TEXT));
    const table = await workbook.locateTable();
    // The trailing ",," record and the final empty line are not rows (blank records after the table).
    expect(table).toEqual({
      sheet: "customers",
      tableName: null,
      headerRow: 0,
      firstColumn: 0,
      columnCount: 4,
      rowCount: 4,
      headers: ["Customer", "Revenue", "Since", "Note"],
      sheetProtected: false,
      hiddenRowCount: 0,
    });
    expect(await workbook.sheetNames()).toEqual(["customers"]);
  });

  it("types only the requested columns and rows: numbers, ISO dates as serials, blanks, text", async () => {
    const workbook = await CsvWorkbook.open(file("c.csv", TEXT));
    const table = (await workbook.locateTable())!;
    // 2024-01-31 is serial 45322; 18:00 is 0.75 of a day. 2026-02-31 does not exist: text.
    expect(await workbook.readColumns(table, [1, 2, 0])).toEqual([
      [500, null, 1000, -0.5],
      [45322, "2026-02-31", 45322.75, null],
      ["A", "B", "C", "D"],
    ]);
    expect(await workbook.readColumns({ ...table, rowCount: 2 }, [3])).toEqual([["two\nlines", "x"]]);
  });

  it("reports the extra fields of long records as non-empty cells right of the table, blanks not", async () => {
    const workbook = await CsvWorkbook.open(file("c.csv", TEXT));
    const block = { sheet: "c", row: 0, column: 4, rowCount: 5, columnCount: 1 };
    // Row 3 (B) has "extra" in column E; row 5 (D) has only empty fields there.
    expect(await workbook.findNonEmptyCells(block, 10)).toEqual(["'c'!E3"]);
    expect(await workbook.findNonEmptyCells({ ...block, column: 3 }, 10)).toEqual([
      "'c'!D1",
      "'c'!D2",
      "'c'!D3",
    ]);
    expect(await workbook.findNonEmptyCells({ ...block, column: 3 }, 2)).toHaveLength(2);
  });

  it("saves every record as it was, with the new column before each record's own line ending", async () => {
    const input = file("c.csv", TEXT);
    const workbook = await CsvWorkbook.open(input);
    const table = (await workbook.locateTable())!;
    await workbook.appendColumns(table, [{ header: "Segment", values: ["S", null, 'say "x"', "O"] }]);
    const output = path.join(path.dirname(input), "out.csv");
    await workbook.save(output);
    expect(readFileSync(output, "utf8")).toBe(
      [
        "Customer,Revenue,Since,Note,Segment",
        'A,500,2024-01-31,"two\nlines",S',
        "B,,2026-02-31,x,", // the new (blank) value replaces "extra" under its own header
        '"C",1e3,2024-01-31 18:00,,"say ""x"""',
        "D,-0.5,,,O,",
        ",,",
        "",
      ].join("\r\n"),
    );
  });

  it("gives the summary sheet as a companion file in the input's dialect", async () => {
    const input = file("c.csv", "sep=;\nCustomer;Revenue\nA;1\n");
    const workbook = await CsvWorkbook.open(input);
    expect(workbook.delimiter).toBe(";");
    await workbook.addSheet({
      name: "CX Summary",
      cells: [
        ["Segment", "Share"],
        ["A; B", 0.5],
      ],
    });
    const companions = workbook.companions();
    expect(companions.map((c) => c.suffix)).toEqual(["summary"]);
    const target = path.join(path.dirname(input), "s.csv");
    await companions[0].write(target);
    expect(readFileSync(target, "utf8")).toBe('sep=;\nSegment;Share\n"A; B";0.5\n');
    await workbook.deleteSheet("CX Summary");
    expect(workbook.companions()).toEqual([]);
  });
});
