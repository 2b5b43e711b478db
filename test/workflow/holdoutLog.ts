/**
 * A hand-made order log with orders after the as-of date, for the lifetime value's holdout check
 * (test/workflow/methods/clvHoldout.test.ts works every number by hand; test/cli/clvHoldoutRunner.test.ts
 * runs it through the runner).
 */
import { isoToSerial, serialToIso } from "../../src/core/excelDate";
import type { CellValue } from "../../src/workbook/workbook";

export const day = (iso: string) => isoToSerial(iso) as number;
export const AS_OF = "2025-09-30";

/**
 * Calibration up to 2025-09-30 (a Tuesday), in weeks; the holdout is 2025-10-01 to the log's last
 * order day 2025-12-23 = 84 days = 12 weeks. Per customer: calibration purchase days → x (repeat
 * purchases); holdout purchase days → actual.
 *   A  01-06, 02-03, 03-10, 05-05, 07-14, 09-01            x 5 | 10-14 (two orders: one day), 11-18  → 2
 *   B  01-13 (two orders: one day)                          x 0 | none                               → 0
 *   C  02-10, 04-07                                         x 1 | 12-23 (the last order day)          → 1
 *   D  03-03                                                x 0 | 10-07                              → 1
 *   E  01-20, 02-17, 03-17, 04-14, 05-12, 06-09, 07-07,
 *      08-04, 09-01, 09-29                                  x 9 | 10-27, 11-24                       → 2
 *   F  05-19, 06-16                                         x 1 | none                               → 0
 *   G  06-02                                                x 0 | none                               → 0
 *   H  04-21, 08-18, 09-30 (the as-of day: calibration)     x 2 | 10-01 (the holdout's first day)     → 1
 *   I  07-21, 08-25                                         x 1 | 10-20, 10-21                       → 2
 *   J  02-24                                                x 0 | none                               → 0
 *   K  only 11-03: not a customer on the as-of date, not in the check
 *   L  01-27, 03-24, 06-23                                  x 2 | none                               → 0
 *   M  01-05, 01-19, 02-02, 02-16 (then silent)             x 3 | none                               → 0
 *   N  01-08, 01-22, 02-05 (then silent)                    x 2 | none                               → 0
 *   O  01-10, 01-24, 02-07, 02-21, 03-07 (then silent)      x 4 | 11-11 (back after eight months)     → 1
 *   Q  01-14, 02-11 (then silent)                           x 1 | none                               → 0
 * (The silent ones are what lets the model see dropouts: without them a and b run to 0.)
 * Groups by x: 0 → B, D, G, J (actual 0+1+0+0 = 1, mean 1/4); 1 → C, F, I, Q (1+0+2+0 = 3, mean 3/4);
 * 2 → H, L, N (1+0+0 = 1, mean 1/3); 3 → M (0); 4 → O (1); 5 → A (2); 6 empty; 7+ → E (2).
 * Total 1+3+1+0+1+2+2 = 10 purchases of 15 customers.
 */
export const PURCHASES: Record<string, string[]> = {
  A: ["01-06", "02-03", "03-10", "05-05", "07-14", "09-01", "10-14", "10-14", "11-18"],
  B: ["01-13", "01-13"],
  C: ["02-10", "04-07", "12-23"],
  D: ["03-03", "10-07"],
  E: [
    "01-20",
    "02-17",
    "03-17",
    "04-14",
    "05-12",
    "06-09",
    "07-07",
    "08-04",
    "09-01",
    "09-29",
    "10-27",
    "11-24",
  ],
  F: ["05-19", "06-16"],
  G: ["06-02"],
  H: ["04-21", "08-18", "09-30", "10-01"],
  I: ["07-21", "08-25", "10-20", "10-21"],
  J: ["02-24"],
  K: ["11-03"],
  L: ["01-27", "03-24", "06-23"],
  M: ["01-05", "01-19", "02-02", "02-16"],
  N: ["01-08", "01-22", "02-05"],
  O: ["01-10", "01-24", "02-07", "02-21", "03-07", "11-11"],
  Q: ["01-14", "02-11"],
};

/** The log's rows, interleaved by date (an export is in order-date order), amounts 10 + row. */
export function orderLog(keep: (date: string) => boolean = () => true): CellValue[][] {
  const rows: [string, string][] = [];
  for (const [customer, dates] of Object.entries(PURCHASES))
    for (const date of dates) if (keep(date)) rows.push([customer, date]);
  rows.sort((p, q) => p[1].localeCompare(q[1]) || p[0].localeCompare(q[0]));
  return [
    ["Customer", "Order date", "Amount"],
    ...rows.map(([customer, date], i): CellValue[] => [customer, day(`2025-${date}`), 10 + i]),
  ];
}

/** {@link orderLog} as CSV text, dates as yyyy-mm-dd (as an export gives them). */
export function orderLogCsv(): string {
  const [header, ...rows] = orderLog();
  const lines = rows.map(
    ([customer, date, amount]) => `${String(customer)},${serialToIso(date as number)},${String(amount)}`,
  );
  return [header.join(","), ...lines].join("\n") + "\n";
}
