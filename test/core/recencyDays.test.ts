import { recencyDays } from "../../src/core/recencyDays";
import { isoToSerial } from "../../src/core/excelDate";

describe("recencyDays", () => {
  it("counts whole days up to the as-of date, ignoring the time of day", () => {
    // 2024-01-31 is serial 45322; 2024-01-01 is 45292 (30 days before); 45300.75 is 2024-01-09 18:00 → 22
    const asOf = isoToSerial("2024-01-31") as number;
    expect(asOf).toBe(45322);
    expect(Array.from(recencyDays(Object.freeze([45292, 45300.75, 45322.99]), asOf))).toEqual([30, 22, 0]);
  });

  it("gives a negative count for a purchase after the as-of date", () => {
    expect(Array.from(recencyDays([45330], 45322))).toEqual([-8]);
  });

  it("counts across a leap day as the calendar does", () => {
    // 2024-02-28 → 2024-03-01 is two days (29 February 2024 exists)
    const from = isoToSerial("2024-02-28") as number;
    const to = isoToSerial("2024-03-01") as number;
    expect(Array.from(recencyDays([from], to))).toEqual([2]);
  });
});
