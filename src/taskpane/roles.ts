/**
 * The column roles as the pane names them, in the order the mapping fields show them.
 * The names follow the product contract: value may be revenue or profit, match is the strategic match.
 */
import type { Method, Role } from "../workflow/types";
import { methodOf } from "../workflow/methods/registry";
import { ORDER_LOG_DERIVED_ROLES, ORDER_LOG_REQUIRED_ROLES } from "../workflow/roles";

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  customer: "Customer",
  value: "Value (revenue or profit)",
  match: "Strategic match",
  satisfaction: "Satisfaction",
  lastPurchase: "Last purchase date",
  orders: "Orders",
  orderDate: "Order date",
  quantity: "Quantity",
  firstPurchase: "First purchase date",
  averageValue: "Average repeat value",
};

export const ROLES: readonly Role[] = [
  "customer",
  "value",
  "match",
  "satisfaction",
  "lastPurchase",
  "orders",
  "firstPurchase",
  "averageValue",
];

/** The columns of an order log, in the order the mapping fields show them. */
export const ORDER_LOG_ROLES: readonly Role[] = [
  "customer",
  "orderDate",
  "value",
  "quantity",
  "match",
  "satisfaction",
];

/** Where an order log's column means something else than a customer table's: the value is each order's amount. */
export const ORDER_ROLE_LABELS: Partial<Record<Role, string>> = { value: "Amount" };

/**
 * The columns a method cannot run without (the workflow's rule, from its registry entry); from an
 * order log, the log's own (customer, order date, amount) and those of the method's that the log
 * does not fill per customer (the quadrant's strategic match).
 */
export function requiredRoles(method: Method, orders = false): readonly Role[] {
  const roles = methodOf(method).requiredRoles;
  if (!orders) return roles;
  return [
    ...ORDER_LOG_REQUIRED_ROLES,
    ...roles.filter(
      (role) => !ORDER_LOG_DERIVED_ROLES.includes(role) && !ORDER_LOG_REQUIRED_ROLES.includes(role),
    ),
  ];
}
