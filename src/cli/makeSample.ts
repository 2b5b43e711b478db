/**
 * Writes the bundled sample workbook `assets/sample-customers.xlsx` from the seeded generator, so
 * the file can be regenerated with the same content at any time:
 *
 *   npx tsc -p tsconfig.node.json && node lib/src/cli/makeSample.js [output.xlsx]
 *
 * Sheet "Customers" holds the rows as an Excel table named Customers (dates formatted as dates);
 * sheet "Formulas" shows the CX functions on that table, stored as formulas with no cached result
 * (Excel computes them on open when the add-in is loaded; without it they show #NAME?).
 */
import path from "node:path";
import ExcelJS from "exceljs";
import { sampleCustomers } from "../sample/sampleCustomers";

/** Example formulas for the second sheet: [what it shows, formula]. */
export const SAMPLE_FORMULAS: readonly (readonly [string, string])[] = [
  ["Share of revenue from the top 20 % of customers", "CX.PARETOSHARE(Customers[Revenue],0.2)"],
  ["Share of revenue from the top 50 % of customers", "CX.PARETOSHARE(Customers[Revenue],0.5)"],
  [
    "Net value of the first customer (revenue − cost to serve)",
    "CX.CUSTOMERVALUE(Customers!D2,Customers!E2)",
  ],
  [
    "Segment of the first customer (cuts = the medians)",
    "CX.SEGMENT(Customers!D2,Customers!F2,MEDIAN(Customers[Revenue]),MEDIAN(Customers[Strategic match]))",
  ],
  ["Satisfaction of the first customer (equal weights)", "CX.SATISFACTION(Customers!G2:I2,Customers!J2:L2)"],
  // Last, because it spills one segment per customer down the column.
  ["Segment of every customer (spills down)", "CX.SEGMENT(Customers[Revenue],Customers[Strategic match])"],
];

/** Builds the sample workbook in memory: `count` customers from `seed` (defaults as the generator's). */
export function buildSampleWorkbook(count?: number, seed?: number): ExcelJS.Workbook {
  const { headers, rows } = sampleCustomers(count, seed);
  const workbook = new ExcelJS.Workbook();
  // A fixed creation date keeps the content identical from one generation to the next.
  workbook.created = workbook.modified = new Date(Date.UTC(2026, 10, 25));
  workbook.creator = "cx-customer-value-addin sample generator";
  const sheet = workbook.addWorksheet("Customers");
  sheet.addTable({
    name: "Customers",
    ref: "A1",
    headerRow: true,
    style: { theme: "TableStyleMedium2", showRowStripes: true },
    columns: headers.map((name) => ({ name, filterButton: true })),
    rows,
  });
  sheet.getColumn(headers.indexOf("Last purchase date") + 1).numFmt = "yyyy-mm-dd";
  sheet.getColumn(headers.indexOf("Revenue") + 1).numFmt = "#,##0.00";
  headers.forEach((header, i) => (sheet.getColumn(i + 1).width = Math.max(12, header.length + 4)));
  sheet.getColumn(2).width = 28;

  const formulas = workbook.addWorksheet("Formulas");
  formulas.getColumn(1).width = 70;
  formulas.getColumn(2).width = 20;
  formulas.addRow(["What it shows", "Result"]);
  formulas.getRow(1).font = { bold: true };
  SAMPLE_FORMULAS.forEach(([label, formula], i) => {
    formulas.getCell(i + 2, 1).value = label;
    // No `result`: Excel has no cached value to show and recalculates on open.
    formulas.getCell(i + 2, 2).value = { formula } as ExcelJS.CellFormulaValue;
  });
  formulas.getCell(2, 2).numFmt = "0.0%";
  formulas.getCell(3, 2).numFmt = "0.0%";
  return workbook;
}

async function main(): Promise<void> {
  const output = process.argv[2] ?? path.resolve(__dirname, "../../../assets/sample-customers.xlsx");
  await buildSampleWorkbook().xlsx.writeFile(output);
  process.stdout.write(`Wrote ${output}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`makeSample: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
