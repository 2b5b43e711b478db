import { detectMapping } from "../../src/workflow/mapping";

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
      firstPurchase: null,
      averageValue: null,
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
      firstPurchase: null,
      averageValue: null,
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
    });
  });
});
