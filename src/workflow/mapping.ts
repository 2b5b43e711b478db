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
 * // => { customer: 0, value: 1, match: 2, satisfaction: null, lastPurchase: null, orders: null, firstPurchase: null, averageValue: null }
 */
export function detectMapping(headers: readonly (string | CellValue)[]): ColumnMapping {
  const mapping = emptyMapping();
  const used = new Set<number>();
  const lowered = headers.map((h) => (typeof h === "string" ? h.trim().toLowerCase() : ""));
  for (const [role, words] of ROLE_WORDS) {
    for (const word of words) {
      const index = lowered.findIndex((h, i) => !used.has(i) && h !== "" && matchesWord(h, word));
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
