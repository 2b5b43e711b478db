import { Grid } from "../../src/core/args";
import {
  customerTableFromCells,
  customerTableHeaders,
  customerTableRows,
} from "../../src/core/customerTable";
import { CoreError, ErrorKind } from "../../src/core/errors";
import { aggregateOrderLog, OrderLogSummary } from "../../src/core/orderLog";

const column = (...cells: unknown[]): Grid =>
  Object.freeze(cells.map((cell) => Object.freeze([cell]))) as Grid;

/** 2024-01-01 = 45292. */
const JAN_1 = 45292;

describe("customerTableHeaders", () => {
  it("names the unit of recency and age after the period", () => {
    expect(customerTableHeaders("week")).toEqual([
      "Customer",
      "First purchase",
      "Last purchase",
      "Purchases",
      "Repeat purchases",
      "Recency (weeks)",
      "Age (weeks)",
      "Total value",
      "Average repeat value",
    ]);
    expect(customerTableHeaders("month")[5]).toBe("Recency (months)");
  });
});

describe("customerTableFromCells (CX.CUSTOMERS)", () => {
  const customers = column("Ann", "Bob", "Ann", "Ann");
  const dates = column(JAN_1, JAN_1 + 3, JAN_1 + 14.5, JAN_1 + 14);
  const amounts = column(10, 25, 30, 5);

  it("spills a header row and one row per customer, dates as serials and a blank average without repeats", () => {
    // Ann: 45292 (10), 45306 (30 + 5): 2 purchases; recency 14/7 = 2; age (45320 − 45292)/7 = 4
    //      total 45, average repeat 35. Bob: 45295 (25): age (45320 − 45295)/7 = 25/7.
    const table = customerTableFromCells(customers, dates, amounts, JAN_1 + 28, null, null, 0);
    expect(table).toEqual([
      customerTableHeaders("week"),
      ["Ann", 45292, 45306, 2, 1, 2, 4, 45, 35],
      ["Bob", 45295, 45295, 1, 0, 0, 25 / 7, 25, ""],
    ]);
  });

  it("uses today when as_of is blank, and reads as_of as yyyy-mm-dd text", () => {
    const today = customerTableFromCells(customers, dates, amounts, null, null, null, JAN_1 + 28);
    expect(today).toEqual(customerTableFromCells(customers, dates, amounts, "2024-01-29", null, null, 0));
    // As of 2024-01-10 (45301) Ann's second day is not counted yet.
    const early = customerTableFromCells(
      customers,
      dates,
      amounts,
      "2024-01-10",
      "day",
      null,
      0,
    ) as unknown[][];
    expect(early[1]).toEqual(["Ann", 45292, 45292, 1, 0, 0, 9, 10, ""]);
  });

  it("gives the same rows as the order-log aggregation the pane and runner use", () => {
    const summary = aggregateOrderLog({
      customers: ["Ann", "Bob", "Ann", "Ann"],
      dates: [JAN_1, JAN_1 + 3, JAN_1 + 14.5, JAN_1 + 14],
      amounts: [10, 25, 30, 5],
      asOf: JAN_1 + 28,
    }) as OrderLogSummary;
    expect(customerTableFromCells(customers, dates, amounts, JAN_1 + 28, null, null, 0)).toEqual(
      customerTableRows(summary),
    );
  });

  it("skips blank rows below the data (whole-column references)", () => {
    const table = customerTableFromCells(
      column("Ann", null, ""),
      column(JAN_1, null, null),
      column(1, null, null),
      JAN_1,
      null,
      null,
      0,
    );
    expect(table).toHaveLength(2);
  });

  it("makes the whole call #VALUE! for bad rows, explaining the first and listing the next", () => {
    const error = customerTableFromCells(
      column("Ann", "Bob", null, "Cy", "Di"),
      column(JAN_1, "next week", JAN_1, JAN_1, JAN_1),
      column(1, 1, 1, "n/a", -4),
      JAN_1,
      null,
      null,
      0,
    );
    expect(error).toBeExcelError(
      "#VALUE!",
      'Row 2 of dates holds the text "next week", which is not a date: type a date (a date cell or yyyy-mm-dd text). 3 more order rows cannot be used either (rows 3, 4, 5).',
    );
  });

  it("says how to allow returns, and allows them with returns TRUE", () => {
    const negative = column(10, -4);
    const two = column("Ann", "Ann");
    const days = column(JAN_1, JAN_1 + 7);
    expect(customerTableFromCells(two, days, negative, JAN_1 + 7, null, null, 0)).toBeExcelError(
      "#VALUE!",
      "Row 2 of amounts is the number -4: a negative amount is a return; set returns to TRUE to allow returns, or correct the amount.",
    );
    // With returns: one purchase (day 45299 has only a return), total 10 − 4 = 6
    const table = customerTableFromCells(two, days, negative, JAN_1 + 7, null, true, 0) as unknown[][];
    expect(table[1]).toEqual(["Ann", 45292, 45292, 1, 0, 0, 1, 6, ""]);
    expect(customerTableFromCells(two, days, negative, JAN_1 + 7, null, "yes", 0)).toBeExcelError(
      "#VALUE!",
      'returns holds the text "yes", but it must be TRUE or FALSE',
    );
  });

  it("refuses an as_of that is not a date and an unknown period", () => {
    expect(customerTableFromCells(customers, dates, amounts, "soon", null, null, 0)).toBeExcelError(
      "#VALUE!",
      'as_of holds the text "soon", which is not a date',
    );
    expect(customerTableFromCells(customers, dates, amounts, null, "fortnight", null, JAN_1)).toBeExcelError(
      "#VALUE!",
      'period "fortnight" is not known: use "day" or "week" or "month" or "quarter" or "year"',
    );
    const incoming = new CoreError(ErrorKind.NotAvailable, "no date");
    expect(customerTableFromCells(customers, dates, amounts, incoming, null, null, 0)).toBe(incoming);
  });

  it("says when every order is after as_of, and gives only the header for an empty range", () => {
    expect(customerTableFromCells(customers, dates, amounts, JAN_1 - 1, null, null, 0)).toBeExcelError(
      "#VALUE!",
      "All 4 orders are dated after as_of (2023-12-31)",
    );
    expect(customerTableFromCells(column(null), column(null), column(null), JAN_1, null, null, 0)).toEqual([
      customerTableHeaders("week"),
    ]);
  });

  it("needs one column each with the same rows", () => {
    expect(customerTableFromCells(customers, column(JAN_1), amounts, JAN_1, null, null, 0)).toBeExcelError(
      "#VALUE!",
      "customers has 4 rows but dates has 1: select the same rows of the order log in every column",
    );
    const wide = Object.freeze([Object.freeze(["Ann", "Bob"])]) as Grid;
    expect(customerTableFromCells(wide, column(JAN_1), column(1), JAN_1, null, null, 0)).toBeExcelError(
      "#VALUE!",
      "customers must be one column, but it has 2",
    );
  });
});
