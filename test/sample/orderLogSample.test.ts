import { isoToSerial } from "../../src/core/excelDate";
import {
  ORDER_LOG_SAMPLE_AS_OF,
  ORDER_LOG_SAMPLE_FIRST_DAY,
  ORDER_LOG_SAMPLE_HEADERS,
  ORDER_LOG_SAMPLE_LAST_DAY,
  orderLogSample,
} from "../../src/sample/orderLogSample";

describe("orderLogSample", () => {
  const { headers, rows } = orderLogSample();
  const asOf = isoToSerial(ORDER_LOG_SAMPLE_AS_OF) as number;

  it("gives a few hundred orders of customer, whole-day date serial and amount in cents", () => {
    expect(headers).toEqual([...ORDER_LOG_SAMPLE_HEADERS]);
    expect(rows.length).toBeGreaterThanOrEqual(200);
    expect(rows.length).toBeLessThanOrEqual(500);
    for (const [customer, day, amount] of rows) {
      expect(customer).toMatch(/^K\d{3}$/);
      expect(Number.isInteger(day)).toBe(true);
      expect(day).toBeGreaterThanOrEqual(ORDER_LOG_SAMPLE_FIRST_DAY);
      expect(day).toBeLessThanOrEqual(ORDER_LOG_SAMPLE_LAST_DAY);
      expect(typeof amount === "number" && amount > 0).toBe(true);
      expect(Math.abs((amount as number) * 100 - Math.round((amount as number) * 100))).toBeLessThan(1e-6);
    }
  });

  it("is the same for the same seed, different for another, and sorted by order date", () => {
    expect(orderLogSample(30, 5)).toEqual(orderLogSample(30, 5));
    expect(orderLogSample(30, 6).rows).not.toEqual(orderLogSample(30, 5).rows);
    for (let i = 1; i < rows.length; i++)
      expect(rows[i][1] as number).toBeGreaterThanOrEqual(rows[i - 1][1] as number);
  });

  it("has what an order log must show: repeat customers, same-day orders and a few orders after the as-of date", () => {
    const orders = new Map<unknown, number>();
    for (const [customer] of rows) orders.set(customer, (orders.get(customer) ?? 0) + 1);
    const repeaters = [...orders.values()].filter((count) => count > 1).length;
    expect(repeaters).toBeGreaterThan(orders.size / 3);
    const customerDays = new Set(rows.map(([customer, day]) => `${String(customer)}|${String(day)}`));
    expect(rows.length - customerDays.size).toBeGreaterThanOrEqual(5); // orders on a day already bought on
    const after = rows.filter(([, day]) => (day as number) > asOf).length;
    expect(after).toBeGreaterThanOrEqual(3);
    expect(after).toBeLessThan(rows.length / 10);
  });
});
