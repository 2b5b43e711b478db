import { detectMapping, detectOrderMapping } from "../../src/workflow/mapping";

/** The roles only an order log (or a lifetime-value table) has, unmapped. */
const UNMAPPED_ORDER_ROLES = { orderDate: null, quantity: null, firstPurchase: null, averageValue: null };

describe("detectMapping", () => {
  it("maps the usual header names case-insensitively", () => {
    const headers = Object.freeze([
      "CUSTOMER NAME",
      "Revenue",
      "Strategic fit",
      "Satisfaction",
      "Last purchase",
      "Orders",
    ]);
    expect(detectMapping(headers)).toEqual({
      customer: 0,
      value: 1,
      match: 2,
      satisfaction: 3,
      lastPurchase: 4,
      orders: 5,
      ...UNMAPPED_ORDER_ROLES,
    });
  });

  it("recognises sales, profit, frequency and date as alternatives", () => {
    expect(detectMapping(["id", "Profit", "Frequency", "Date"])).toMatchObject({
      customer: 0,
      value: 1,
      orders: 2,
      lastPurchase: 3,
    });
    expect(detectMapping(["Client", "Sales"])).toMatchObject({ customer: 0, value: 1 });
  });

  it("does not read 'fit' inside 'Profit' or 'id' inside 'Paid'", () => {
    expect(detectMapping(["Paid", "Profit"])).toMatchObject({ customer: null, match: null, value: 1 });
  });

  it("leaves roles without a matching header unmapped and uses each header once", () => {
    expect(detectMapping(["Customer value", "Region"])).toEqual({
      customer: null,
      value: 0,
      match: null,
      satisfaction: null,
      lastPurchase: null,
      orders: null,
      ...UNMAPPED_ORDER_ROLES,
    });
  });

  it("maps the table CX.CUSTOMERS writes for the lifetime value: average value apart from total value", () => {
    const headers = [
      "Customer",
      "First purchase",
      "Last purchase",
      "Purchases",
      "Repeat purchases",
      "Recency (weeks)",
      "Age (weeks)",
      "Total value",
      "Average repeat value",
    ];
    expect(detectMapping(headers)).toEqual({
      customer: 0,
      firstPurchase: 1,
      lastPurchase: 2,
      orders: 3,
      value: 7,
      averageValue: 8,
      match: null,
      satisfaction: null,
      orderDate: null,
      quantity: null,
    });
  });
});

describe("detectOrderMapping", () => {
  it("maps an order log's usual headers: order, invoice or plain date; amount, revenue or total", () => {
    expect(detectOrderMapping(["Invoice", "Customer", "Invoice date", "Total", "Qty"])).toMatchObject({
      customer: 1,
      orderDate: 2,
      value: 3,
      quantity: 4,
    });
    expect(detectOrderMapping(["Client", "Date", "Revenue"])).toMatchObject({
      customer: 0,
      orderDate: 1,
      value: 2,
    });
    expect(detectOrderMapping(["Customer ID", "Order date", "Amount"])).toMatchObject({
      customer: 0,
      orderDate: 1,
      value: 2,
    });
  });

  it("never takes a first or last purchase date for the order date", () => {
    expect(detectOrderMapping(["Customer", "Last purchase date", "Amount"])).toMatchObject({
      customer: 0,
      orderDate: null,
      value: 2,
    });
  });
});
