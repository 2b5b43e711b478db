/**
 * How the pane shows numbers and cells. Display only: every figure shown was computed by the workflow.
 */
import { serialToIso } from "../core/excelDate";
import type { CellValue } from "../workbook/workbook";

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });

/** 0.8123 → "81.2%" (the workflow's shares are fractions, as the contract says). */
export function formatPercent(fraction: number): string {
  return percent.format(fraction);
}

/** 1234567.891 → "1,234,568" for counts and money totals. */
export function formatInteger(value: number): string {
  return integer.format(value);
}

/** 3.14159 → "3.14" for averages, cut points and coefficients. */
export function formatDecimal(value: number): string {
  return decimal.format(value);
}

/**
 * A cell as text for a preview grid. Dates arrive as serial numbers; `asDate` shows one as ISO
 * yyyy-mm-dd, e.g. 45658 → "2025-01-01" (see `src/core/excelDate.ts`).
 */
export function formatCell(value: CellValue, asDate = false): string {
  if (value === null) return "";
  if (typeof value === "number") {
    const iso = asDate ? serialToIso(value) : null;
    if (iso !== null) return iso;
    return Number.isInteger(value) ? String(value) : decimal.format(value);
  }
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return value;
}
