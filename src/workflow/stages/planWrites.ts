/**
 * Stage `planWrites`: what the run will write and where, decided before anything is written —
 * column headers and a summary sheet name that collide with nothing already there, the summary
 * sheet's content, and the block right of the table the columns go into. That block must be empty,
 * or the user must agree to overwrite it (never lose data); otherwise the run stops here, with
 * nothing written.
 */
import { cellAddress, sheetReference } from "../../core/a1";
import type { Block, CellValue, NewColumn, SheetContent, TableInfo, Workbook } from "../../workbook/workbook";
import { buildCustomerSheet, CUSTOMER_SHEET_NAME, type LogColumn } from "../customerSheet";
import { uniqueName } from "../names";
import { type Checked, pass, stop } from "../problems";
import { paretoPoints } from "../summary";
import { buildSummarySheet } from "../summarySheet";
import type { Planned } from "./check";
import type { Customers } from "./customers";
import { throwIfCancelled, type RunContext } from "./runContext";
import type { Scored } from "./score";

/** Base name of the summary sheet; "CX Summary 2", … when taken. */
export const SUMMARY_SHEET_NAME = "CX Summary";
/** How many non-empty target cells are listed when asking to overwrite. */
const OVERWRITE_LISTED = 20;

/** Everything the `write` stage writes. */
export interface WritePlan {
  table: TableInfo;
  /** The method's columns with headers made unique among the table's. */
  columns: NewColumn[];
  /** Where the columns go (header row included). */
  columnsBlock: Block;
  sheet: SheetContent;
  /** From an order log: the per-customer sheet (`CX Customers`), added after the summary. */
  customerSheet?: SheetContent;
  /** The user agreed to overwrite non-empty cells in `columnsBlock`. */
  overwriting: boolean;
}

export async function planWrites(
  wb: Workbook,
  planned: Planned,
  customers: Customers,
  scored: Scored,
  run: RunContext,
): Promise<Checked<WritePlan>> {
  run.stage = "planWrites";
  const { source } = customers;
  // One placement per source kind: a customer table gets its results beside it; an order log gets a
  // sheet of customers with the results, and each order row its customer's segment.
  const { table, headers } = source;
  const takenHeaders = new Set(headers.map((h) => h.toLowerCase()));
  const takenSheets = new Set((await wb.sheetNames()).map((s) => s.toLowerCase()));
  const summarySheet = uniqueName(SUMMARY_SHEET_NAME, takenSheets);
  let columns: NewColumn[];
  let customerSheet: SheetContent | undefined;
  if (source.kind === "order-log") {
    const { result } = scored;
    const fromLog: LogColumn[] = (["match", "satisfaction"] as const)
      .filter((role) => source.mapping[role] !== null && customers.cells[role] !== undefined)
      .map((role) => ({
        header: headers[source.mapping[role] as number],
        values: customers.cells[role] as readonly CellValue[],
      }));
    customerSheet = buildCustomerSheet(
      uniqueName(CUSTOMER_SHEET_NAME, takenSheets),
      source.log,
      fromLog,
      result.columns,
    );
    const { customerOfRow, rowsRead } = source.log;
    const segment = new Array<CellValue>(rowsRead);
    for (let row = 0; row < rowsRead; row++) {
      const c = source.countedRow[row] === 1 ? customerOfRow[row] : -1;
      const code = c >= 0 ? result.segmentOf[c] : -1;
      segment[row] = code >= 0 ? result.segmentNames[code] : null;
    }
    columns = [
      { header: uniqueName(planned.entry.segmentHeader ?? "Segment", takenHeaders), values: segment },
    ];
  } else {
    columns = scored.result.columns.map((c) => ({ ...c, header: uniqueName(c.header, takenHeaders) }));
  }
  const sheet = buildSummarySheet({
    name: summarySheet,
    summary: scored.summary,
    title: planned.entry.summaryTitle,
    pareto: paretoPoints(scored.sortedValues),
    source: table.tableName ?? rangeText(table),
    satisfactionMapped: scored.satisfactionMapped,
  });
  const columnsBlock: Block = {
    sheet: table.sheet,
    row: table.headerRow,
    column: table.firstColumn + table.columnCount,
    rowCount: table.rowCount + 1,
    columnCount: columns.length,
  };

  run.progress(0.6, "Checking");
  const occupied = await wb.findNonEmptyCells(columnsBlock, OVERWRITE_LISTED, { signal: run.signal });
  const overwriting = occupied.length > 0;
  if (overwriting) {
    const agreed = run.confirmOverwrite ? await run.confirmOverwrite(occupied) : false;
    if (!agreed) return stop({ code: "declined-overwrite", cells: occupied });
  }
  throwIfCancelled(run);
  return pass({
    table,
    columns,
    columnsBlock,
    sheet,
    overwriting,
    ...(customerSheet ? { customerSheet } : {}),
  });
}

/** `Customers!A1:D5`: a plain range as the summary sheet names it. */
function rangeText(table: TableInfo): string {
  const from = cellAddress(table.headerRow, table.firstColumn);
  const to = cellAddress(table.headerRow + table.rowCount, table.firstColumn + table.columnCount - 1);
  return `${sheetReference(table.sheet)}!${from}:${to}`;
}
