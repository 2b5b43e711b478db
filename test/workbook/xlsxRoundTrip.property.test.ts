/**
 * Property (issue 8 point 6, bounded): for random customer tables — text with quotes, `<`, `&`,
 * line breaks, non-ASCII and formula-like strings; random blanks and numbers; sheet names that need
 * quoting — written by exceljs or by openpyxl, the runner's output still holds every original value,
 * formula and sheet name, read back by this engine's reader AND by openpyxl, and every part the run
 * has no reason to change is byte-identical. A few dozen cases; seeds fixed so a failure repeats.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import { sheetReference } from "../../src/core/a1";
import type { CellValue } from "../../src/workbook/workbook";
import { ZipPackage } from "../../src/workbook/xlsx/zipPackage";
import { XlsxWorkbook } from "../../src/workbook/xlsxWorkbook";
import { run, tempDir } from "../cli/cliHarness";

const PYTHON = "/usr/bin/python3";
const here = path.join(__dirname, "hostile");

interface TableCase {
  sheet: string;
  /** Header row then data rows: Customer (text), Revenue, Strategic match, Note. */
  rows: CellValue[][];
}

const TEXT_CHARS = [
  "a",
  "Z",
  " ",
  "'",
  '"',
  "<",
  ">",
  "&",
  "\n",
  "é",
  "ß",
  "中",
  "😀",
  ",",
  ";",
  "=",
  "+",
  "-",
  "@",
  "1",
  "_",
  "x",
];
const text = fc
  .array(fc.constantFrom(...TEXT_CHARS), { minLength: 1, maxLength: 12 })
  .map((chars) => chars.join(""))
  .filter((s) => s.trim() !== "");
// Not "_x000D_"-style text: exceljs and openpyxl write it unescaped, and Excel (as this reader)
// then reads it as the escaped character (a carriage return) — the writers' loss, not the runner's.
const formulaLike = fc.constantFrom("=1+2", "+49 30 1234", "-minus", "@home", "=SUM(A1:A3)", "'quoted");
const number = fc.integer({ min: -10_000_000, max: 10_000_000 }).map((n) => n / 100);
/** Sheet names Excel allows (no []:*?/\, not starting or ending with '), many needing quotes. */
const sheetName = fc
  .array(fc.constantFrom("Q", "3", " ", "&", "'", "é", "Kunden", "AB12", "-", ".", "(", ")", "!", "%"), {
    minLength: 1,
    maxLength: 6,
  })
  .map((parts) => parts.join("").slice(0, 31))
  .filter(
    (name) =>
      name.trim() !== "" &&
      !name.startsWith("'") &&
      !name.endsWith("'") &&
      name !== "Other" &&
      !/^cx summary$/i.test(name),
  );

const tableCase: fc.Arbitrary<TableCase> = fc.record({
  sheet: sheetName,
  rows: fc
    .array(
      fc.tuple(
        fc.oneof(text, formulaLike),
        fc.oneof({ weight: 5, arbitrary: number }, { weight: 1, arbitrary: fc.constant(null) }),
        fc.oneof(
          { weight: 5, arbitrary: fc.integer({ min: 1, max: 10 }) },
          { weight: 1, arbitrary: fc.constant(null) },
        ),
        fc.oneof(text, formulaLike, number, fc.constant(null), fc.boolean()),
      ),
      { minLength: 2, maxLength: 12 },
    )
    .map((rows) => [
      ["Customer", "Revenue", "Strategic match", "Note"],
      // Two rows always valid, so the run has customers to segment whatever else is blank.
      ["First", 100, 5, null],
      ["Second", 50, 2, null],
      ...rows.map((row) => [...row] as CellValue[]),
    ]),
});

/** The other sheet's formulas: they refer to the table's sheet by its (quoted) name. */
function otherFormulas(sheet: string, rowCount: number): Record<string, string> {
  return { A1: `=SUM(${sheetReference(sheet)}!B2:B${rowCount})`, A2: `=${sheetReference(sheet)}!A2` };
}

async function writeWithExcelJS(file: string, tc: TableCase): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(tc.sheet);
  tc.rows.forEach((row, r) =>
    row.forEach((value, c) => {
      if (value !== null) sheet.getCell(r + 1, c + 1).value = value; // exceljs stores a JS string as text
    }),
  );
  const other = workbook.addWorksheet("Other");
  for (const [address, formula] of Object.entries(otherFormulas(tc.sheet, tc.rows.length))) {
    other.getCell(address).value = { formula: formula.slice(1) } as ExcelJS.CellFormulaValue;
  }
  await workbook.xlsx.writeFile(file);
}

interface ReadBack {
  sheets: string[];
  cells: Record<string, unknown[][]>;
}

function readBack(files: string[]): Record<string, ReadBack> {
  return JSON.parse(execFileSync(PYTHON, [path.join(here, "read_back.py"), ...files], { encoding: "utf8" }));
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

/** The parts a run may change: the table's sheet, the package lists, the styles. */
const MAY_CHANGE = new Set([
  "[Content_Types].xml",
  "xl/_rels/workbook.xml.rels",
  "xl/styles.xml",
  "xl/workbook.xml",
  "xl/worksheets/sheet1.xml",
]);

/** Runs the runner on `input` and checks the output against the case; openpyxl's view is checked by the caller. */
async function runAndCheck(dir: string, input: string, tc: TableCase): Promise<string> {
  const output = input.replace(/\.xlsx$/, ".out.xlsx");
  const result = await run([path.basename(input), "--skip-invalid", "--output", path.basename(output)], dir);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  // This engine's reader: every original cell of the table, as the workflow reads it.
  const reread = await XlsxWorkbook.open(output, { sheet: tc.sheet });
  try {
    expect(await reread.sheetNames()).toEqual([tc.sheet, "Other", "CX Summary"]);
    const table = (await reread.locateTable())!;
    expect(table.headers.slice(0, 4)).toEqual(tc.rows[0]);
    const columns = await reread.readColumns(table, [0, 1, 2, 3]);
    const expected = [0, 1, 2, 3].map((c) => tc.rows.slice(1).map((row) => row[c] ?? null));
    expect(columns.map((column) => column.slice(0, tc.rows.length - 1))).toEqual(expected);
  } finally {
    reread.close();
  }
  // Every part without a reason to change keeps its bytes.
  const before = await parts(input);
  const after = await parts(output);
  for (const [name, bytes] of before) {
    if (!MAY_CHANGE.has(name))
      expect({ name, same: after.get(name)?.equals(bytes) }).toEqual({ name, same: true });
  }
  return output;
}

/** openpyxl's view of the output: sheet names, the original cells, the other sheet's formulas. */
function checkOpenpyxl(book: ReadBack, tc: TableCase): void {
  expect(book.sheets).toEqual([tc.sheet, "Other", "CX Summary"]);
  const cells = book.cells[tc.sheet];
  tc.rows.forEach((row, r) => expect(cells[r].slice(0, 4)).toEqual(row));
  const formulas = otherFormulas(tc.sheet, tc.rows.length);
  expect(book.cells["Other"].map((line) => line[0])).toEqual([formulas.A1, formulas.A2]);
}

describe("random tables survive the runner", () => {
  it("written by exceljs: every value, formula and sheet name read back by both readers; other parts byte-identical", async () => {
    const dir = tempDir("cx-prop-exceljs-");
    let n = 0;
    const done: { output: string; tc: TableCase }[] = [];
    await fc.assert(
      fc.asyncProperty(tableCase, async (tc) => {
        const input = path.join(dir, `case-${++n}.xlsx`);
        await writeWithExcelJS(input, tc);
        done.push({ output: await runAndCheck(dir, input, tc), tc });
      }),
      { numRuns: 20, seed: 20261201, endOnFailure: true },
    );
    // openpyxl re-reads all outputs in one process (a Python start per case would dominate the time).
    const books = readBack(done.map((d) => d.output));
    for (const { output, tc } of done) checkOpenpyxl(books[output], tc);
  }, 240_000);

  it("written by openpyxl: the same", async () => {
    const dir = tempDir("cx-prop-openpyxl-");
    const cases = fc.sample(tableCase, { numRuns: 16, seed: 8 });
    const specs = cases.map((tc, i) => ({
      file: path.join(dir, `case-${i}.xlsx`),
      sheet: tc.sheet,
      rows: tc.rows,
      formulas: otherFormulas(tc.sheet, tc.rows.length),
    }));
    execFileSync(PYTHON, [path.join(here, "write_tables.py")], {
      input: JSON.stringify(specs),
      encoding: "utf8",
    });
    const outputs: string[] = [];
    for (const [i, tc] of cases.entries()) outputs.push(await runAndCheck(dir, specs[i].file, tc));
    const books = readBack(outputs);
    cases.forEach((tc, i) => checkOpenpyxl(books[outputs[i]], tc));
  }, 240_000);
});
