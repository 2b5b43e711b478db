import fc from "fast-check";
import { CellValue } from "../../src/core/args";
import { CoreError, ErrorKind } from "../../src/core/errors";
import { ymdToSerial } from "../../src/core/excelDate";
import {
  aggregateOrderLog,
  CustomerKey,
  MAX_LISTED_PROBLEMS,
  OrderLogInput,
  OrderLogSummary,
  orderProblemColumn,
  orderProblemOf,
} from "../../src/core/orderLog";
import { PeriodName, periodDays } from "../../src/core/purchasePeriod";

const day = (iso: string): number => {
  const [y, m, d] = iso.split("-").map(Number);
  return ymdToSerial(y, m, d) as number;
};

/** Frozen columns from rows [customer, date, amount], as a sheet holds them. */
function log(rows: CellValue[][]): Pick<OrderLogInput, "customers" | "dates" | "amounts"> {
  return {
    customers: Object.freeze(rows.map((row) => row[0])),
    dates: Object.freeze(rows.map((row) => row[1])),
    amounts: Object.freeze(rows.map((row) => row[2])),
  };
}

function aggregate(input: OrderLogInput): OrderLogSummary {
  const result = aggregateOrderLog(input);
  if (result instanceof CoreError) throw new Error(result.message);
  return result;
}

/** Customer c of the summary as a plain object, for readable expectations. */
function customerOf(summary: OrderLogSummary, key: CustomerKey) {
  const c = summary.customers.indexOf(key);
  if (c < 0) throw new Error(`${String(key)} is not in the table`);
  return {
    first: summary.firstPurchase[c],
    last: summary.lastPurchase[c],
    purchases: summary.purchases[c],
    repeat: summary.repeatPurchases[c],
    recency: summary.recency[c],
    age: summary.age[c],
    total: summary.totalValue[c],
    averageRepeat: summary.averageRepeatValue[c],
    orderRows: summary.orderRows[c],
    holdoutPurchases: summary.holdoutPurchases[c],
    holdoutValue: summary.holdoutValue[c],
    days: Array.from(
      summary.purchaseDays.subarray(summary.purchaseDayStart[c], summary.purchaseDayStart[c + 1]),
    ),
    dayValues: Array.from(
      summary.purchaseDayValue.subarray(summary.purchaseDayStart[c], summary.purchaseDayStart[c + 1]),
    ),
  };
}

describe("aggregateOrderLog: hand-worked order logs", () => {
  // 2024-01-01 = 45292, 01-15 = 45306, 02-05 = 45327, 02-12 = 45334 (the as-of day).
  const asOf = day("2024-02-12");

  it("counts orders on the same day as one purchase and leaves the first day out of the repeat value", () => {
    const summary = aggregate({
      ...log([
        ["C1", 45292 + 10 / 24, 10], // 2024-01-01 10:00
        ["C1", 45292 + 15 / 24, 5], //  2024-01-01 15:00: same day, same purchase
        ["C1", day("2024-01-15"), 20],
        ["C1", day("2024-01-15"), 30],
        ["C1", day("2024-02-05"), 40],
      ]),
      asOf,
    });
    // purchase days 45292 (10 + 5), 45306 (20 + 30), 45327 (40): 3 purchases, 2 repeats
    // recency (45327 − 45292) / 7 = 35 / 7 = 5 weeks; age (45334 − 45292) / 7 = 42 / 7 = 6 weeks
    // total 10 + 5 + 20 + 30 + 40 = 105; average repeat value ((20 + 30) + 40) / 2 = 45
    expect(customerOf(summary, "C1")).toEqual({
      first: 45292,
      last: 45327,
      purchases: 3,
      repeat: 2,
      recency: 5,
      age: 6,
      total: 105,
      averageRepeat: 45,
      orderRows: 5,
      holdoutPurchases: 0,
      holdoutValue: 0,
      days: [45292, 45306, 45327],
      dayValues: [15, 50, 40],
    });
    expect(summary.holdoutEnd).toBeNaN();
    expect(summary.holdoutDuration).toBeNaN();
  });

  it("leaves orders after the as-of day out, counts them, and keeps them as holdout purchases", () => {
    const summary = aggregate({
      ...log([
        ["C2", 45300, 12],
        ["C2", 45340, 8], // after 45334
        ["C2", 45341.5, 9], // after, a second holdout day
        ["C2", 45341, 1], // same holdout day
        ["C3", 45350, 99], // a customer first seen after the as-of day
        ["C2", 45334.99, 3], // on the as-of day (its time does not matter): counted
      ]),
      asOf: asOf + 0.75,
    });
    // counted: 45300 (12) and 45334 (3): 2 purchases, total 15, average repeat 3
    // holdout: days 45340 (8) and 45341 (9 + 1): 2 purchases worth 18; holdout end 45350 (C3's order)
    const c2 = customerOf(summary, "C2");
    expect(c2).toMatchObject({
      purchases: 2,
      total: 15,
      averageRepeat: 3,
      holdoutPurchases: 2,
      holdoutValue: 18,
    });
    expect(c2.age).toBeCloseTo((45334 - 45300) / 7, 12);
    expect(summary.asOf).toBe(45334);
    expect(summary.rowsAfterAsOf).toBe(4);
    expect(summary.customersAfterAsOf).toBe(1);
    expect(summary.holdoutEnd).toBe(45350);
    expect(summary.holdoutDuration).toBeCloseTo((45350 - 45334) / 7, 12); // 16 days = 2.286 weeks
    expect(summary.customers).toEqual(["C2"]);
    // Every order row of C2 points at C2, holdout rows too; C3's row has no customer in the table.
    expect(Array.from(summary.customerOfRow)).toEqual([0, 0, 0, 0, -1, 0]);
    expect(summary.rowsCounted).toBe(2);
  });

  it("gives a one-order customer recency 0 and no average repeat value", () => {
    const summary = aggregate({ ...log([["Solo", 45320, 70]]), asOf });
    // recency (45320 − 45320) / 7 = 0; age (45334 − 45320) / 7 = 2
    expect(customerOf(summary, "Solo")).toMatchObject({
      purchases: 1,
      repeat: 0,
      recency: 0,
      age: 2,
      total: 70,
    });
    expect(customerOf(summary, "Solo").averageRepeat).toBeNaN();
  });

  it("nets allowed returns into the value, but a day with only returns is not a purchase", () => {
    const rows = [
      ["C4", 45300, 50],
      ["C4", 45301, -20], // a return on a day without a purchase
      ["C4", 45310, 30],
      ["C4", 45310, -5], // a return on a purchase day
      ["C5", 45305, -15], // a customer with only a return
    ];
    const summary = aggregate({ ...log(rows), asOf, allowReturns: true });
    // purchases: 45300 and 45310 (45301 has only a return) → 2; total 50 − 20 + 30 − 5 = 55
    // average repeat value: the 45310 day's sum 30 − 5 = 25 over 1 repeat day = 25
    expect(customerOf(summary, "C4")).toMatchObject({
      first: 45300,
      last: 45310,
      purchases: 2,
      total: 55,
      averageRepeat: 25,
      orderRows: 4,
      days: [45300, 45310],
      dayValues: [50, 25],
    });
    expect(summary.customers).toEqual(["C4"]);
    expect(summary.customersWithoutPurchase).toBe(1);
    expect(summary.returnRows).toBe(3);
    expect(summary.customerOfRow[4]).toBe(-1);
    expect(Array.from(summary.purchaseDayStart)).toEqual([0, 2]);
  });

  it("names negative amounts as problems when returns are not allowed", () => {
    const summary = aggregate({
      ...log([
        ["C4", 45300, 50],
        ["C4", 45301, -20],
      ]),
      asOf,
    });
    expect(summary.problems).toEqual([{ row: 1, kind: "negativeAmount", value: -20 }]);
    expect(orderProblemOf(summary.rowProblem[1])).toBe("negativeAmount");
    expect(customerOf(summary, "C4")).toMatchObject({ purchases: 1, total: 50 });
  });

  it("gives the same customers whatever the row order, in order of first appearance", () => {
    const rows: CellValue[][] = [
      ["B", 45310, 5],
      ["A", 45300, 1],
      ["B", 45301, 7],
      ["A", 45320, 2],
      ["A", 45300, 3],
    ];
    const summary = aggregate({ ...log(rows), asOf });
    expect(summary.customers).toEqual(["B", "A"]);
    // A: days 45300 (1 + 3) and 45320 (2) → 2 purchases, repeat value 2; B: 45301 (7), 45310 (5)
    expect(customerOf(summary, "A")).toMatchObject({
      first: 45300,
      last: 45320,
      purchases: 2,
      averageRepeat: 2,
    });
    expect(customerOf(summary, "B")).toMatchObject({ first: 45301, last: 45310, averageRepeat: 5 });
    const reversed = aggregate({ ...log([...rows].reverse()), asOf });
    expect(reversed.customers).toEqual(["A", "B"]);
    for (const key of ["A", "B"]) expect(customerOf(reversed, key)).toEqual(customerOf(summary, key));
  });

  it("sorts a customer with many unsorted orders (past the insertion-sort size)", () => {
    // 40 orders on days 45300 + (i·7 mod 40), i = 0…39: every day 45300…45339 once, shuffled.
    const rows: CellValue[][] = Array.from({ length: 40 }, (_, i) => ["Big", 45300 + ((i * 7) % 40), 1]);
    const summary = aggregate({ ...log(rows), asOf: 45400 });
    const big = customerOf(summary, "Big");
    expect(big.days).toEqual(Array.from({ length: 40 }, (_, i) => 45300 + i));
    expect(big).toMatchObject({ first: 45300, last: 45339, purchases: 40, averageRepeat: 1 });
  });

  it("counts recency and age in the chosen period", () => {
    const rows = [
      ["P", day("2024-01-01"), 1],
      ["P", day("2024-02-05"), 1],
    ];
    const expected: Record<PeriodName, [number, number]> = {
      day: [35, 42],
      week: [5, 6],
      month: [35 / 30.4375, 42 / 30.4375], // 365.25 / 12 = 30.4375 days
      quarter: [35 / 91.3125, 42 / 91.3125], // 365.25 / 4 = 91.3125 days
      year: [35 / 365.25, 42 / 365.25],
    };
    for (const period of Object.keys(expected) as PeriodName[]) {
      const summary = aggregate({ ...log(rows), asOf, period });
      expect(summary.periodDays).toBe(periodDays(period));
      expect(summary.recency[0]).toBeCloseTo(expected[period][0], 12);
      expect(summary.age[0]).toBeCloseTo(expected[period][1], 12);
    }
  });

  it("keeps text and number keys apart, and matches text exactly", () => {
    const summary = aggregate({
      ...log([
        [12, 45300, 1],
        ["12", 45300, 1],
        ["c1", 45300, 1],
        ["C1", 45300, 1],
        [12, 45301, 1],
      ]),
      asOf,
    });
    expect(summary.customers).toEqual([12, "12", "c1", "C1"]);
    expect(summary.purchases[0]).toBe(2);
  });

  it("sums quantities and reads yyyy-mm-dd text dates with or without a time", () => {
    const summary = aggregate({
      ...log([
        ["Q", "2024-01-01", 10],
        ["Q", "2024-01-15 08:30", 20],
      ]),
      quantities: [2, 3],
      asOf,
    });
    expect(customerOf(summary, "Q")).toMatchObject({ first: 45292, last: 45306, purchases: 2 });
    expect(Array.from(summary.totalQuantity ?? [])).toEqual([5]);
  });

  it("reads columns from a cell store by row (as the file workbooks hold them)", () => {
    const cells = [
      ["S", 45300, 4],
      ["S", 45310, 6],
    ];
    const store = (index: number) => ({ get: (row: number) => cells[row]?.[index] ?? null });
    const summary = aggregate({ customers: store(0), dates: store(1), amounts: store(2), rowCount: 3, asOf });
    expect(customerOf(summary, "S")).toMatchObject({ purchases: 2, total: 10, averageRepeat: 6 });
    expect(summary.blankRows).toBe(1);
  });
});

describe("aggregateOrderLog: bad rows are named, never thrown", () => {
  const asOf = 45334;

  it("names every kind of problem with its row and cell, in the order customer, date, amount, quantity", () => {
    const error = new CoreError(ErrorKind.NotAvailable, "");
    const rows: CellValue[][] = [
      ["ok", 45300, 1], //          0
      [null, 45300, 1], //          1 no customer
      [true, 45300, 1], //          2 a logical is not a key
      ["x", null, 1], //            3 no date
      ["x", "soon", 1], //          4 text that is not a date
      ["x", "2024-02-31", 1], //    5 a day that does not exist
      ["x", "1899-12-31", 1], //    6 before 1900
      ["x", 0.5, 1], //             7 serial 0.5: a time, before 1900-01-01
      ["x", 45300, "12"], //        8 a text amount
      ["x", 45300, null], //        9 no amount
      ["x", 45300, -3], //         10 negative without returns
      ["x", error, 1], //          11 an error cell as the date
      [null, "soon", "12"], //     12 several problems: the customer is reported
      ["x", 3_000_000, 1], //      13 after 9999-12-31
      [null, null, null], //       14 all blank: skipped silently
    ];
    const summary = aggregate({
      ...log(rows),
      asOf,
      quantities: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, null],
    });
    expect(summary.problems.map((p) => [p.row, p.kind])).toEqual([
      [1, "noCustomer"],
      [2, "customerNotAKey"],
      [3, "noDate"],
      [4, "notADate"],
      [5, "notADate"],
      [6, "dateBefore1900"],
      [7, "dateBefore1900"],
      [8, "notAnAmount"],
      [9, "noAmount"],
      [10, "negativeAmount"],
      [11, "notADate"],
      [12, "noCustomer"],
      [13, "notADate"],
    ]);
    expect(summary.problems[3].value).toBe("soon"); // the list is in row order: row 4 is the fourth problem
    expect(summary.problems[10].value).toBe(error); // row 11
    expect(summary.problemCount).toBe(13);
    expect(summary.blankRows).toBe(1);
    expect(summary.customers).toEqual(["ok"]);
    expect(orderProblemColumn("dateBefore1900")).toBe("date");
    expect(orderProblemColumn("negativeQuantity")).toBe("quantity");
  });

  it("checks quantities when they are given", () => {
    const summary = aggregate({
      ...log([
        ["a", 45300, 1],
        ["a", 45300, 1],
        ["a", 45300, 1],
      ]),
      quantities: [null, "two", -1],
      asOf,
    });
    expect(summary.problems.map((p) => p.kind)).toEqual(["noQuantity", "notAQuantity", "negativeQuantity"]);
  });

  it("lists the first problems in detail and counts them all", () => {
    const rows: CellValue[][] = Array.from({ length: 250 }, (_, i) => [i, "not a date", 1]);
    const summary = aggregate({ ...log(rows), asOf });
    expect(summary.problemCount).toBe(250);
    expect(summary.problems).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(summary.rowProblem.filter((code) => code !== 0)).toHaveLength(250);
  });

  it("leaves out rows the mask excludes, without naming them", () => {
    const summary = aggregate({
      ...log([
        ["a", 45300, 1],
        ["a", "bad", 1],
        ["a", 45310, 2],
      ]),
      useRow: Uint8Array.of(1, 0, 0),
      asOf,
    });
    expect(summary.problemCount).toBe(0);
    expect(summary.skippedRows).toBe(2);
    expect(customerOf(summary, "a")).toMatchObject({ purchases: 1, total: 1 });
  });

  it("refuses an as-of that is not a date, and a cell store without a row count", () => {
    expect(aggregateOrderLog({ ...log([]), asOf: NaN })).toBeExcelError("#VALUE!", "as_of");
    expect(
      aggregateOrderLog({ customers: { get: () => null }, dates: [], amounts: [], asOf }),
    ).toBeExcelError("#VALUE!", "row count");
  });
});

/**
 * `lifetimes`' definitions (`summary_data_from_transaction_data(transactions, "id", "date",
 * monetary_value_col="amount", observation_period_end=asOf, freq="D", freq_multiplier=periodDays)`),
 * written out plainly from its documentation and source (lifetimes/utils.py):
 * - frequency = number of distinct days with a transaction − 1;
 * - recency = (last day − first day) / freq_multiplier;
 * - T = (observation end − first day) / freq_multiplier;
 * - monetary_value = mean over the days after the first of the day's summed amounts; 0 when frequency is 0.
 * No notion of returns: every transaction day counts.
 */
function lifetimesSummary(rows: [CustomerKey, number, number][], asOf: number, multiplier: number) {
  const days = new Map<CustomerKey, Map<number, number>>();
  for (const [key, serial, amount] of rows) {
    const d = Math.floor(serial);
    if (d > asOf) continue;
    const perDay = days.get(key) ?? new Map<number, number>();
    perDay.set(d, (perDay.get(d) ?? 0) + amount);
    days.set(key, perDay);
  }
  const out = new Map<
    CustomerKey,
    { frequency: number; recency: number; T: number; monetary_value: number }
  >();
  for (const [key, perDay] of days) {
    const sorted = [...perDay.keys()].sort((a, b) => a - b);
    const repeatValues = sorted.slice(1).map((d) => perDay.get(d) as number);
    out.set(key, {
      frequency: sorted.length - 1,
      recency: (sorted[sorted.length - 1] - sorted[0]) / multiplier,
      T: (asOf - sorted[0]) / multiplier,
      monetary_value:
        repeatValues.length === 0 ? 0 : repeatValues.reduce((a, b) => a + b, 0) / repeatValues.length,
    });
  }
  return out;
}

describe("aggregateOrderLog against lifetimes' summary_data_from_transaction_data", () => {
  it("reproduces lifetimes' quickstart log by hand (freq D)", () => {
    // lifetimes README, transactions_A; observation end = the last date, 2015-02-06.
    // id 1: 01-01, 01-05, 01-08 → frequency 2, recency 7, T 36
    // id 2: 01-04, 01-30       → frequency 1, recency 26, T 33
    // id 3: 01-10, 02-05, 02-06 → frequency 2, recency 27, T 27
    const rows: [CustomerKey, string][] = [
      [1, "2015-01-01"],
      [1, "2015-01-05"],
      [1, "2015-01-08"],
      [2, "2015-01-04"],
      [2, "2015-01-30"],
      [3, "2015-01-10"],
      [3, "2015-02-05"],
      [3, "2015-02-06"],
    ];
    const summary = aggregate({
      customers: rows.map((r) => r[0]),
      dates: rows.map((r) => r[1]),
      amounts: rows.map(() => 1),
      asOf: day("2015-02-06"),
      period: "day",
    });
    expect(Array.from(summary.repeatPurchases)).toEqual([2, 1, 2]);
    expect(Array.from(summary.recency)).toEqual([7, 26, 27]);
    expect(Array.from(summary.age)).toEqual([36, 33, 27]);
  });

  it("matches frequency, recency and T; monetary_value too, except that no repeat is NaN here and 0 there", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 1, max: 15 }),
            fc.integer({ min: 45000, max: 45120 }),
            fc.integer({ min: 0, max: 23 }),
            fc.integer({ min: 0, max: 50000 }),
          ),
          { minLength: 1, maxLength: 120 },
        ),
        fc.integer({ min: 45000, max: 45130 }),
        fc.constantFrom<PeriodName>("day", "week", "month"),
        (generated, asOf, period) => {
          const rows = generated.map(
            ([c, d, h, cents]) => [c, d + h / 24, cents / 100] as [number, number, number],
          );
          const summary = aggregate({
            customers: rows.map((r) => r[0]),
            dates: rows.map((r) => r[1]),
            amounts: rows.map((r) => r[2]),
            asOf,
            period,
          });
          const reference = lifetimesSummary(rows, asOf, periodDays(period));
          expect(summary.customerCount).toBe(reference.size);
          summary.customers.forEach((key, c) => {
            const expected = reference.get(key)!;
            expect(summary.repeatPurchases[c]).toBe(expected.frequency);
            expect(summary.recency[c]).toBeCloseTo(expected.recency, 12);
            expect(summary.age[c]).toBeCloseTo(expected.T, 12);
            if (expected.frequency === 0) expect(summary.averageRepeatValue[c]).toBeNaN();
            else expect(summary.averageRepeatValue[c]).toBeCloseTo(expected.monetary_value, 9);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

/**
 * A second, plain implementation of every definition (a Map of arrays per customer, sorted with
 * Array.prototype.sort), for random logs with returns, time fractions, holdout orders and bad rows.
 */
function plainAggregate(rows: CellValue[][], asOf: number, periodLength: number, allowReturns: boolean) {
  interface Order {
    day: number;
    amount: number;
    row: number;
  }
  const calibration = new Map<CustomerKey, Order[]>();
  const holdout: { key: CustomerKey; order: Order }[] = [];
  let problems = 0;
  rows.forEach(([key, date, amount], row) => {
    const keyOk =
      (typeof key === "string" && key !== "") || (typeof key === "number" && Number.isFinite(key));
    const dateOk = typeof date === "number" && date >= 1;
    const amountOk = typeof amount === "number" && (allowReturns || amount >= 0);
    if (!keyOk || !dateOk || !amountOk) {
      problems++;
      return;
    }
    const order = { day: Math.floor(date as number), amount: amount as number, row };
    if (order.day > asOf) holdout.push({ key: key as CustomerKey, order });
    else {
      const list = calibration.get(key as CustomerKey) ?? [];
      list.push(order);
      calibration.set(key as CustomerKey, list);
    }
  });
  const table: Record<string, unknown>[] = [];
  for (const [key, orders] of calibration) {
    const byDay = new Map<number, { sum: number; purchase: boolean }>();
    for (const o of orders) {
      const entry = byDay.get(o.day) ?? { sum: 0, purchase: false };
      entry.sum += o.amount;
      entry.purchase ||= o.amount >= 0;
      byDay.set(o.day, entry);
    }
    const purchaseDays = [...byDay.entries()].filter(([, e]) => e.purchase).sort((a, b) => a[0] - b[0]);
    if (purchaseDays.length === 0) continue;
    const first = purchaseDays[0][0];
    const last = purchaseDays[purchaseDays.length - 1][0];
    const repeat = purchaseDays.slice(1).map(([, e]) => e.sum);
    const holdoutDays = new Map<number, boolean>();
    let holdoutValue = 0;
    for (const h of holdout.filter((h) => h.key === key)) {
      holdoutDays.set(h.order.day, (holdoutDays.get(h.order.day) ?? false) || h.order.amount >= 0);
      holdoutValue += h.order.amount;
    }
    table.push({
      key,
      first,
      last,
      purchases: purchaseDays.length,
      recency: (last - first) / periodLength,
      age: (asOf - first) / periodLength,
      total: orders.reduce((sum, o) => sum + o.amount, 0),
      averageRepeat: repeat.length === 0 ? NaN : repeat.reduce((a, b) => a + b, 0) / repeat.length,
      orderRows: orders.length,
      holdoutPurchases: [...holdoutDays.values()].filter(Boolean).length,
      holdoutValue,
    });
  }
  return { table, problems };
}

describe("aggregateOrderLog against a plain implementation (random logs)", () => {
  const cell = fc.oneof(
    { weight: 20, arbitrary: fc.constant("ok") },
    { weight: 1, arbitrary: fc.constantFrom<CellValue>(null, "", "bad", true) },
  );

  it("agrees on every customer, every field and the problem count", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constantFrom("a", "b", "c", "d")),
            fc.double({ min: 45000, max: 45060, noNaN: true }),
            fc.integer({ min: -2000, max: 10000 }),
            cell,
            cell,
          ),
          { maxLength: 150 },
        ),
        fc.integer({ min: 45000, max: 45060 }),
        fc.boolean(),
        fc.constantFrom<PeriodName>("day", "week", "quarter"),
        (generated, asOf, allowReturns, period) => {
          // Now and then a cell is replaced by something that is not a key / date / amount.
          const rows: CellValue[][] = generated.map(([key, date, cents, spoilKey, spoilDate], i) => [
            spoilKey === "ok" ? key : spoilKey,
            spoilDate === "ok" ? date : spoilDate,
            i % 17 === 16 ? "12" : cents / 100,
          ]);
          const ours = aggregate({ ...log(rows), asOf, period, allowReturns });
          const plain = plainAggregate(rows, asOf, periodDays(period), allowReturns);
          expect(ours.problemCount).toBe(plain.problems);
          expect(ours.customers).toEqual(plain.table.map((t) => t.key));
          plain.table.forEach((expected, c) => {
            const got = customerOf(ours, expected.key as CustomerKey);
            for (const field of ["first", "last", "purchases", "orderRows", "holdoutPurchases"] as const) {
              expect(got[field]).toBe(expected[field]);
            }
            for (const field of ["recency", "age", "total", "holdoutValue"] as const) {
              expect(got[field]).toBeCloseTo(expected[field] as number, 9);
            }
            if (Number.isNaN(expected.averageRepeat)) expect(got.averageRepeat).toBeNaN();
            else expect(got.averageRepeat).toBeCloseTo(expected.averageRepeat as number, 9);
            expect(ours.repeatPurchases[c]).toBe((expected.purchases as number) - 1);
          });
        },
      ),
      { numRuns: 400 },
    );
  });
});
