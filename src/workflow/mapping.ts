import type { CellValue } from "../workbook/workbook";
import type { ColumnMapping, Role } from "./types";

/**
 * Header words that suggest each role, tried in this order of roles. A header matches a role when,
 * lower-cased, it contains one of the words (so "Customer name", "Net revenue 2024", "Last purchase
 * date" all match). The first matching header wins; a header is used for one role at most.
 */
const ROLE_WORDS: readonly (readonly [Role, readonly string[]])[] = [
  // Before "last purchase", whose word "date" would take "First purchase date".
  ["firstPurchase", ["first purchase", "first order", "first_purchase", "firstpurchase", "customer since"]],
  ["lastPurchase", ["last purchase", "last order", "last_purchase", "lastpurchase", "date"]],
  // Before "value", which would take "Average value"; "aov" stands alone.
  [
    "averageValue",
    [
      "average repeat value",
      "average value",
      "avg value",
      "average order value",
      "avg order value",
      "avg. order value",
      "mean order value",
      "average spend",
      "aov",
    ],
  ],
  ["orders", ["orders", "order count", "frequency", "purchases", "transactions"]],
  ["satisfaction", ["satisfaction", "csat", "nps"]],
  ["match", ["strategic", "match", "fit"]],
  ["value", ["value", "revenue", "sales", "profit", "monetary", "amount", "turnover"]],
  ["customer", ["customer", "client", "name", "id"]],
];

/** A mapping with every role unmapped. */
export function emptyMapping(): ColumnMapping {
  return {
    customer: null,
    value: null,
    match: null,
    satisfaction: null,
    lastPurchase: null,
    orders: null,
    orderDate: null,
    quantity: null,
    firstPurchase: null,
    averageValue: null,
  };
}

/**
 * Guesses which column plays each role from the header names, case-insensitively.
 *
 * Specific roles are tried before general ones ("Last purchase value" is a date column, "Customer
 * value" a value column, "Customer ID" the customer), and each header is used once. The user can
 * change every entry in the pane. O(headers · words).
 *
 * @example
 * detectMapping(["Customer", "Revenue", "Strategic match"])
 * // => { customer: 0, value: 1, match: 2, satisfaction: null, lastPurchase: null, orders: null, … }
 */
export function detectMapping(headers: readonly (string | CellValue)[]): ColumnMapping {
  return mappingByWords(headers, ROLE_WORDS);
}

/**
 * Header words of an order log (one row per order), tried in this order: the order's date (any
 * "date" header that is not a first or last purchase date), its amount, quantity, then the
 * per-customer columns and the customer.
 */
const ORDER_ROLE_WORDS: readonly (readonly [Role, readonly string[]])[] = [
  [
    "orderDate",
    ["order date", "invoice date", "transaction date", "purchase date", "order_date", "orderdate", "date"],
  ],
  ["quantity", ["quantity", "qty", "units", "pieces"]],
  ["satisfaction", ["satisfaction", "csat", "nps"]],
  ["match", ["strategic", "match", "fit"]],
  ["value", ["amount", "value", "revenue", "sales", "total", "net"]],
  ["customer", ["customer", "client", "name", "id"]],
];

/**
 * Guesses the columns of an order log from its headers (see {@link ORDER_ROLE_WORDS}): order date
 * (order/invoice/transaction date, or a plain "Date"; never a "last/first purchase" date), amount
 * (amount/value/revenue/sales/total), quantity, match, satisfaction, customer. O(headers · words).
 *
 * @example
 * detectOrderMapping(["Invoice", "Customer", "Invoice date", "Total"])
 * // => { customer: 1, orderDate: 2, value: 3, … } ("Invoice" alone is not a date)
 */
export function detectOrderMapping(headers: readonly (string | CellValue)[]): ColumnMapping {
  return mappingByWords(headers, ORDER_ROLE_WORDS, (role, header) =>
    role === "orderDate" ? !/\b(last|first|latest|earliest)\b/.test(header) : true,
  );
}

function mappingByWords(
  headers: readonly (string | CellValue)[],
  roleWords: readonly (readonly [Role, readonly string[]])[],
  allowed: (role: Role, header: string) => boolean = () => true,
): ColumnMapping {
  const mapping = emptyMapping();
  const used = new Set<number>();
  const lowered = headers.map((h) => (typeof h === "string" ? h.trim().toLowerCase() : ""));
  for (const [role, words] of roleWords) {
    for (const word of words) {
      const index = lowered.findIndex(
        (h, i) => !used.has(i) && h !== "" && matchesWord(h, word) && allowed(role, h),
      );
      if (index >= 0) {
        mapping[role] = index;
        used.add(index);
        break;
      }
    }
  }
  return mapping;
}

/** Short words ("id", "fit", "nps") must stand alone, so "Paid" or "Profit" do not count as "id"/"fit". */
function matchesWord(header: string, word: string): boolean {
  if (word.length > 3) return header.includes(word);
  return header.split(/[^a-z0-9]+/).includes(word);
}
