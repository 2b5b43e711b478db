/**
 * Shared by the runner's tests: a temporary folder per test, `main()` run in-process with its output
 * captured, and an .xlsx re-opened with exceljs to check what was written.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { main, type CliIo } from "../../src/cli/main";
import { utcDateToSerial } from "../../src/core/excelDate";
import type { CellValue } from "../../src/workbook/workbook";

/** The runner's "today" in tests, so RFM recency and default as-of dates are fixed. */
export const TODAY = new Date(Date.UTC(2026, 10, 25));

export function tempDir(prefix = "cx-cli-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Runs `cx-segment argv` in `cwd` without a child process; returns the exit code and both streams. */
export async function run(
  argv: string[],
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd,
    stderrIsTty: false,
    today: TODAY,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

export async function readXlsx(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

/**
 * What `Range.values` would show for a cell exceljs read back (a second reader of the runner's
 * output): formulas give their cached result (blank when none), rich text its plain text,
 * hyperlinks their text, errors their code, dates their 1900-system serial.
 */
export function toCellValue(value: ExcelJS.CellValue | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (value instanceof Date) return utcDateToSerial(value);
  if (typeof value === "object") {
    if ("error" in value) return value.error;
    if ("richText" in value) return value.richText.map((run) => run.text).join("");
    if ("formula" in value || "sharedFormula" in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null) return null;
      if (typeof result === "object" && !(result instanceof Date))
        return (result as ExcelJS.CellErrorValue).error;
      return toCellValue(result as ExcelJS.CellValue);
    }
    if ("text" in value) return toCellValue((value as ExcelJS.CellHyperlinkValue).text);
  }
  return null;
}
