/**
 * Every workbook implementation over the same small table, for tests that must hold on all of them:
 * the in-memory workbook, the Office.js adapter on the fake Excel, the .xlsx workbook (the one
 * streaming engine) and the CSV workbook. Each comes with its whole content as data, to compare before and
 * after a run.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { CsvWorkbook } from "../../src/workbook/csvWorkbook";
import { MemoryWorkbook } from "../../src/workbook/memoryWorkbook";
import { OfficeWorkbook } from "../../src/workbook/officeWorkbook";
import type { CellValue, Workbook } from "../../src/workbook/workbook";
import { XlsxWorkbook } from "../../src/workbook/xlsxWorkbook";
import { tempDir } from "../cli/cliHarness";
import { installExcelMock, type ExcelMock } from "../workbook/officeMock";

/** One implementation: a fresh workbook over the table, and its whole content as data. */
export interface Subject {
  workbook: Workbook;
  content(): Promise<unknown>;
}

async function excelJsWith(cells: readonly (readonly CellValue[])[]): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Customers");
  for (const row of cells) sheet.addRow([...row]);
  workbook.addWorksheet("Notes").getCell("A1").value = "keep me";
  return workbook;
}

/** What Range.values would show for an exceljs cell value (formulas: their cached result). */
function toCellValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "object" && "result" in value) return toCellValue(value.result as ExcelJS.CellValue);
  if (typeof value === "object" && "richText" in value) return value.richText.map((run) => run.text).join("");
  return String(value);
}

/** Every sheet's cells of an exceljs workbook, as values. */
function excelJsContent(workbook: ExcelJS.Workbook) {
  return workbook.worksheets.map((sheet) => {
    const rows: CellValue[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        (rows[r - 1] ??= [])[c - 1] = toCellValue(cell.value);
      });
    });
    return { name: sheet.name, rows };
  });
}

/** A CSV text of the cells (no quoting needed for the tests' tables). */
function csvOf(cells: readonly (readonly CellValue[])[]): string {
  return (
    cells.map((row) => row.map((cell) => (cell === null ? "" : String(cell))).join(",")).join("\r\n") + "\r\n"
  );
}

/**
 * The implementations by name, each a factory over `cells` (row-major from A1 of sheet "Customers",
 * plus a sheet "Notes"), the selection inside the table. Install no other Excel mock meanwhile.
 */
export function workbookSubjects(
  cells: readonly (readonly CellValue[])[],
): Record<string, () => Promise<Subject>> {
  const width = Math.max(...cells.map((row) => row.length));
  return {
    "the in-memory workbook": async () => {
      const wb = new MemoryWorkbook({
        sheets: [
          { name: "Customers", cells: cells.map((row) => [...row]) },
          { name: "Notes", cells: [["keep me"]] },
        ],
        selection: { sheet: "Customers", row: 1, column: 1 },
      });
      return {
        workbook: wb,
        content: async () => {
          const out: Record<string, CellValue[][]> = {};
          for (const name of await wb.sheetNames()) out[name] = wb.sheetGrid(name);
          return out;
        },
      };
    },
    "the Office.js adapter on the fake Excel": async () => {
      const region = { row: 0, column: 0, rowCount: cells.length, columnCount: width };
      const mock: ExcelMock = installExcelMock({
        sheets: [
          {
            name: "Customers",
            cell: (row, column) => cells[row]?.[column] ?? "",
            usedRange: region,
            region,
          },
          { name: "Notes", cell: (row, column) => (row === 0 && column === 0 ? "keep me" : "") },
        ],
        selection: { row: 1, column: 1, rowCount: 1, columnCount: 1 },
        excelApi: "1.20",
      });
      return {
        workbook: new OfficeWorkbook(),
        content: async () => {
          const sheets = await new OfficeWorkbook().sheetNames();
          const grid = (sheet: string) =>
            Array.from({ length: cells.length + 2 }, (_, r) =>
              Array.from({ length: width + 9 }, (_, c) => mock.stored(sheet, r, c)),
            );
          return { sheets, cells: Object.fromEntries(sheets.map((s) => [s, grid(s)])) };
        },
      };
    },
    "the .xlsx workbook": async () => {
      const dir = tempDir("cx-subject-");
      const input = path.join(dir, "in.xlsx");
      await (await excelJsWith(cells)).xlsx.writeFile(input);
      const wb = await XlsxWorkbook.open(input);
      return {
        workbook: wb,
        // What a save would write now.
        content: async () => {
          const out = path.join(dir, `out-${Math.random().toString(36).slice(2)}.xlsx`);
          await wb.save(out);
          const read = new ExcelJS.Workbook();
          await read.xlsx.readFile(out);
          return excelJsContent(read);
        },
      };
    },
    "the CSV workbook": async () => {
      const dir = tempDir("cx-subject-");
      const input = path.join(dir, "in.csv");
      writeFileSync(input, csvOf(cells));
      const wb = await CsvWorkbook.open(input);
      return {
        workbook: wb,
        content: async () => {
          const out = path.join(dir, `out-${Math.random().toString(36).slice(2)}.csv`);
          await wb.save(out);
          return { sheets: await wb.sheetNames(), text: readFileSync(out, "utf8") };
        },
      };
    },
  };
}
