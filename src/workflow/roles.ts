/**
 * The column roles the workflow knows, and how messages name them. A method declares which roles
 * it needs (`methods/registry.ts`); the pane and the runner map each role to a column.
 */
import type { Role } from "./types";

/** Every role, in the order messages and the pane list them. */
export const ROLES: readonly Role[] = Object.freeze([
  "customer",
  "value",
  "match",
  "satisfaction",
  "lastPurchase",
  "orders",
  "orderDate",
  "quantity",
  "firstPurchase",
  "averageValue",
]);

/** The columns an order log must have: who ordered, when, and for how much (the `value` role). */
export const ORDER_LOG_REQUIRED_ROLES: readonly Role[] = Object.freeze(["customer", "orderDate", "value"]);

/** Columns an order log may have besides those: quantities, and per-customer columns read per customer. */
export const ORDER_LOG_OPTIONAL_ROLES: readonly Role[] = Object.freeze(["quantity", "match", "satisfaction"]);

/**
 * What the order-log source fills per customer (`stages/orders.ts`), so a method that needs these
 * runs on an order log without them being columns: the customer, total value, first and last
 * purchase, purchases (distinct days) and the average repeat value.
 */
export const ORDER_LOG_DERIVED_ROLES: readonly Role[] = Object.freeze([
  "customer",
  "value",
  "lastPurchase",
  "firstPurchase",
  "orders",
  "averageValue",
]);

/** Roles every method may use without needing them: labels (totals rows) and satisfaction averages. */
export const COMMON_OPTIONAL_ROLES: readonly Role[] = Object.freeze(["customer", "satisfaction"]);

const ROLE_NAMES: Readonly<Record<Role, string>> = Object.freeze({
  customer: "customer",
  value: "value",
  match: "strategic match",
  satisfaction: "satisfaction",
  lastPurchase: "last purchase date",
  orders: "orders",
  orderDate: "order date",
  quantity: "quantity",
  firstPurchase: "first purchase date",
  averageValue: "average repeat value",
});

/** How a message names a role: "strategic match", "last purchase date". */
export function roleName(role: Role): string {
  return ROLE_NAMES[role];
}

/** Roles whose cells are dates (Excel serial numbers), so messages say "date" instead of "number". */
export function isDateRole(role: Role): boolean {
  return role === "lastPurchase" || role === "orderDate" || role === "firstPurchase";
}
