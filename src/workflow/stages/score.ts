/**
 * Stage `score`: from the customers' cells to segments and the summary, over typed arrays.
 *   1. the cells of every role become numbers; cells that are not (blank, text, error values,
 *      TRUE/FALSE) stop the run with every column's rows named, or with "skip invalid rows" leave
 *      those rows unsegmented with a note;
 *   2. a method that needs values of 0 or more (ABC) refuses negative ones the same way;
 *   3. a total that leaves the finite range of numbers stops the run instead of giving Infinity;
 *   4. the method's registry entry segments the customers;
 *   5. the summary: per segment customers, value and shares, the Pareto share and curve, the Gini
 *      coefficient, the method's cut points and notes; from an order log also the retention block
 *      (`../retention.ts`) and how the log's rows were counted.
 * Pure: no workbook.
 */
import { paretoCurve } from "../../core/paretoCurve";
import { sortInSlices } from "../../core/sortInSlices";
import { runStepsAsync } from "../../core/steps";
import { WideSum } from "../../core/wideSum";
import type { CellValue } from "../../workbook/workbook";
import type { MethodResult } from "../methods/method";
import {
  CELL_BLANK,
  CELL_ERROR,
  CELL_LOGICAL,
  CELL_NOT_FINITE,
  CELL_TEXT,
  toNumbersSteps,
  type NumericColumn,
} from "../numericColumn";
import { type Checked, type InvalidCells, LISTED_ROWS, type RowList, pass, stop } from "../problems";
import { roleName } from "../roles";
import { retentionSummary } from "../retention";
import { concentration, segmentSummaries } from "../summary";
import type { Role, RunSummary, SegmentationSettings } from "../types";
import { compact } from "../validRows";
import type { Planned } from "./check";
import { columnRefOf, type Customers } from "./customers";
import { throwIfCancelled, type RunContext } from "./runContext";

/** What scoring gives the write stages. */
export interface Scored {
  result: MethodResult;
  summary: RunSummary;
  /** The used customers' values, ascending (the summary sheet's Pareto data). */
  sortedValues: Float64Array;
  satisfactionMapped: boolean;
}

export async function score(
  customers: Customers,
  planned: Planned,
  settings: SegmentationSettings,
  run: RunContext,
): Promise<Checked<Scored>> {
  run.stage = "score";
  run.progress(0.5, "Scoring");
  const { entry } = planned;
  const { source } = customers;
  const numbers: Partial<Record<Role, NumericColumn>> = {};
  // Between the steps over a million customers the run breathes: the pane draws and takes Cancel.
  for (const [role, cells] of Object.entries(customers.cells) as [Role, readonly CellValue[]][]) {
    numbers[role] = await runStepsAsync(toNumbersSteps(cells), { signal: run.signal });
  }
  const required = entry.requiredRoles;
  const notes: string[] = [...customers.notes];

  // 1. Cells that are not numbers, among the customers (a totals row is not one).
  const mask = new Uint8Array(customers.count);
  for (let i = 0; i < customers.count; i++) mask[i] = customers.included[i];
  const invalid: InvalidCells[] = [];
  // A column the method decides blanks for itself counts only its other non-numbers here.
  const blankable = new Set(entry.blankableRoles ?? []);
  for (const role of required) {
    const column = numbers[role] as NumericColumn;
    const found = invalidCells(column, customers, role, blankable.has(role));
    if (found !== null) invalid.push(found);
    await run.breathe();
  }
  if (invalid.length > 0 && !settings.skipInvalidRows) return stop({ code: "non-numeric", columns: invalid });
  const before = countOf(mask);
  for (const role of required) {
    const flags = (numbers[role] as NumericColumn).invalid;
    const blankOk = blankable.has(role);
    for (let i = 0; i < mask.length; i++) if (flags[i] && !(blankOk && flags[i] === CELL_BLANK)) mask[i] = 0;
  }
  const skippedInvalid = before - countOf(mask);
  if (skippedInvalid > 0)
    notes.push(skippedNote(customers, mask, skippedInvalid, "a mapped cell is not a number"));

  // 2. Negative values where the method needs 0 or more.
  for (const role of entry.nonNegativeRoles ?? []) {
    const values = (numbers[role] as NumericColumn).values;
    const negative = rowList(values.length, (i) => mask[i] === 1 && values[i] < 0, customers);
    if (negative.count === 0) continue;
    if (!settings.skipInvalidRows && source.kind === "order-log") {
      // A customer's total is negative only when returns outweigh purchases: name the customers.
      const keys: string[] = [];
      for (let i = 0; i < values.length && keys.length < 10; i++)
        if (mask[i] === 1 && values[i] < 0) keys.push(String(customers.cells.customer?.[i] ?? ""));
      return stop({
        code: "negative-totals",
        methodName: entry.name,
        customers: keys,
        count: negative.count,
      });
    }
    if (!settings.skipInvalidRows) {
      return stop({
        code: "negative-values",
        methodName: entry.name,
        column: columnRefOf(source, role),
        cells: negative,
      });
    }
    const kept = new Uint8Array(mask);
    for (let i = 0; i < mask.length; i++) if (values[i] < 0) mask[i] = 0;
    notes.push(skippedNote(customers, mask, negative.count, `the ${roleName(role)} is negative`, kept));
  }
  const usedCount = countOf(mask);
  if (usedCount === 0)
    return stop({ code: "no-data", reason: "no-valid-rows", headers: [...source.headers] });

  // 3. Totals must stay finite (values near 1e308 add up to Infinity).
  const valueColumn = numbers.value?.values ?? null;
  let usedValues: Float64Array | null = null;
  if (valueColumn !== null) {
    usedValues = compact(valueColumn, mask, usedCount);
    let total = 0;
    for (let i = 0; i < usedValues.length; i++) total += usedValues[i];
    if (!Number.isFinite(total)) {
      // Partial sums near 1e308 can overflow where the total does not (1.5e308 + 1e308 − 1.5e308).
      const wide = new WideSum();
      for (let i = 0; i < usedValues.length; i++) wide.add(usedValues[i]);
      total = wide.value();
    }
    if (!Number.isFinite(total)) {
      return stop({ code: "number-overflow", column: columnRefOf(source, "value"), what: "total" });
    }
  }
  await run.breathe();

  // 4. The method. From an order log the results are values: the customer sheet is values too.
  const fromOrders = source.kind === "order-log";
  if (fromOrders && settings.output === "formulas")
    notes.push("From an order log the results are written as values (the customer sheet holds values).");
  const ran = await entry.run({
    settings: settings[entry.id],
    output: fromOrders ? "values" : settings.output,
    source,
    numbers,
    mask,
    usedCount,
    skipInvalidRows: settings.skipInvalidRows,
    excelRow: customers.excelRow,
    history: customers.history,
    // Scoring runs from 50 % to 80 % of the bar; the method's own stages name the phase.
    pacing: {
      signal: run.signal,
      onProgress: (step) =>
        run.progress(0.5 + (0.3 * step.done) / Math.max(1, step.total), `Scoring: ${step.stage}`),
    },
  });
  if (!ran.ok) return ran;
  const result = ran.value;
  throwIfCancelled(run);
  // The value the summary is about: the method's own (lifetime value's CLV), else the value column.
  let value: Float64Array;
  let sortedValues: Float64Array;
  if (result.summaryValue) {
    value = result.summaryValue;
    let kept = 0;
    for (let i = 0; i < value.length; i++) if (result.segmentOf[i] >= 0) kept++;
    sortedValues = new Float64Array(kept);
    for (let i = 0, k = 0; i < value.length; i++) if (result.segmentOf[i] >= 0) sortedValues[k++] = value[i];
  } else if (valueColumn !== null && usedValues !== null) {
    value = valueColumn;
    sortedValues = usedValues;
  } else {
    throw new Error(`internal: the ${entry.id} method has no value column for its summary`);
  }
  // Sorted in slices: a million values in one native sort keep the pane busy for 0.15 s.
  await runStepsAsync(sortInSlices(sortedValues), { signal: run.signal });

  // 5. The summary.
  const satisfaction = numbers.satisfaction ?? null;
  const totals = segmentSummaries(result.segmentNames, result.segmentOf, value, satisfaction);
  await run.breathe();
  const { paretoTop20, gini } = concentration(sortedValues);
  if (sortedValues[0] < 0)
    notes.push(
      "Some values are negative: the Pareto share and the Gini coefficient are not defined and were left blank.",
    );
  if (satisfaction && totals.satisfactionIgnored > 0) {
    notes.push(
      `${totals.satisfactionIgnored} satisfaction cell${totals.satisfactionIgnored === 1 ? " is" : "s are"} blank or not a number and left out of the averages.`,
    );
  }
  const summary: RunSummary = {
    method: entry.id,
    segments: totals.segments,
    customers: totals.customers,
    totalValue: totals.totalValue,
    paretoTop20,
    gini,
    cutPoints: result.cutPoints,
    notes: [...result.notes, ...notes],
    paretoCurve: paretoCurve(sortedValues),
  };
  if (result.rfmGrid) summary.rfmGrid = result.rfmGrid;
  if (result.lifetimeValue) summary.lifetimeValue = result.lifetimeValue;
  if (customers.history) {
    const retention = retentionSummary(
      customers.history,
      result.segmentOf,
      result.segmentNames,
      settings.retention,
    );
    if (retention !== null) summary.retention = retention;
  }
  if (source.kind === "order-log") {
    const { log } = source;
    summary.orderLog = {
      asOf: source.asOfText,
      period: source.period,
      rows: log.rowsRead,
      counted: log.rowsCounted,
      afterAsOf: log.rowsAfterAsOf,
      skipped: log.problemCount,
      blank: log.blankRows,
      returns: log.returnRows,
      customers: log.customerCount,
      customersAfterAsOf: log.customersAfterAsOf,
    };
  }
  return pass({ result, summary, sortedValues, satisfactionMapped: satisfaction !== null });
}

function countOf(mask: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i];
  return count;
}

/**
 * The entries where `test` holds: how many, and the first {@link LISTED_ROWS} as Excel rows (of the
 * cells of `role` when given: an order log's per-customer cell comes from one of its rows).
 */
function rowList(n: number, test: (i: number) => boolean, customers: Customers, role?: Role): RowList {
  const rows: number[] = [];
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (!test(i)) continue;
    count++;
    if (rows.length < LISTED_ROWS) rows.push(customers.excelRow(i, role));
  }
  return { count, rows };
}

/** The customers' cells of a column that are not numbers, by kind; null when there are none. */
function invalidCells(
  column: NumericColumn,
  customers: Customers,
  role: Role,
  blankAllowed = false,
): InvalidCells | null {
  if (column.invalidCount === 0) return null;
  const { invalid } = column;
  const { included } = customers;
  const of = (kind: number) =>
    rowList(invalid.length, (i) => included[i] === 1 && invalid[i] === kind, customers, role);
  const errors = of(CELL_ERROR);
  const errorValues = new Set<string>();
  const cells = customers.cells[role] ?? [];
  for (let i = 0; i < invalid.length && errorValues.size < 5; i++) {
    if (included[i] && invalid[i] === CELL_ERROR) errorValues.add(String(cells[i]));
  }
  const found: InvalidCells = {
    column: columnRefOf(customers.source, role),
    blank: blankAllowed ? { count: 0, rows: [] } : of(CELL_BLANK),
    text: of(CELL_TEXT),
    errors: { ...errors, values: [...errorValues] },
    logical: of(CELL_LOGICAL),
    notFinite: of(CELL_NOT_FINITE),
  };
  const total =
    found.blank.count + found.text.count + errors.count + found.logical.count + found.notFinite.count;
  return total === 0 ? null : found;
}

/**
 * "3 rows were left unsegmented (blank result) because a mapped cell is not a number: rows 4, 7, 9."
 * `from` marks the rows that were still in before this step (default: every included customer).
 */
function skippedNote(
  customers: Customers,
  mask: Uint8Array,
  skipped: number,
  because: string,
  from: Uint8Array = customers.included,
): string {
  const list = rowList(mask.length, (i) => from[i] === 1 && mask[i] === 0, customers);
  if (customers.source.kind === "order-log") {
    // Entries are customers, not rows of the log: name them.
    const keys: string[] = [];
    for (let i = 0; i < mask.length && keys.length < 5; i++)
      if (from[i] === 1 && mask[i] === 0) keys.push(`"${String(customers.cells.customer?.[i] ?? "")}"`);
    return (
      `${skipped} customer${skipped === 1 ? " was" : "s were"} left unsegmented (blank result) because ${because}: ` +
      `${keys.join(", ")}${skipped > keys.length ? ", …" : ""}.`
    );
  }
  return (
    `${skipped} row${skipped === 1 ? " was" : "s were"} left unsegmented (blank result) because ${because}: ` +
    `row${list.rows.length === 1 ? "" : "s"} ${list.rows.join(", ")}${skipped > list.rows.length ? ", …" : ""}.`
  );
}
