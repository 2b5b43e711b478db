/**
 * The column roles as the pane names them, in the order the mapping fields show them.
 * The names follow the product contract: value may be revenue or profit, match is the strategic match.
 */
import type { Method, Role } from "../workflow/types";
import { methodOf } from "../workflow/methods/registry";

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  customer: "Customer",
  value: "Value (revenue or profit)",
  match: "Strategic match",
  satisfaction: "Satisfaction",
  lastPurchase: "Last purchase date",
  orders: "Orders",
};

export const ROLES: readonly Role[] = [
  "customer",
  "value",
  "match",
  "satisfaction",
  "lastPurchase",
  "orders",
];

/** The columns a method cannot run without (the workflow's rule, from its registry entry). */
export function requiredRoles(method: Method): readonly Role[] {
  return methodOf(method).requiredRoles;
}
