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
});

/** How a message names a role: "strategic match", "last purchase date". */
export function roleName(role: Role): string {
  return ROLE_NAMES[role];
}

/** Roles whose cells are dates (Excel serial numbers), so messages say "date" instead of "number". */
export function isDateRole(role: Role): boolean {
  return role === "lastPurchase";
}
