import {
  isoToSerial,
  serialToIso,
  serialToYmd,
  utcDateToSerial,
  ymdToSerial,
} from "../../src/core/excelDate";

/**
 * An independent count: days from 1900-01-01 walking the Gregorian calendar month by month, plus
 * Excel's fictitious 29 February 1900 for every day after 28 February 1900.
 */
function plainSerial(year: number, month: number, day: number): number {
  const daysIn = (y: number, m: number) =>
    m === 2
      ? y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
        ? 29
        : 28
      : [4, 6, 9, 11].includes(m)
        ? 30
        : 31;
  let serial = 0;
  for (let y = 1900; y < year; y++) serial += y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 366 : 365;
  for (let m = 1; m < month; m++) serial += daysIn(year, m);
  serial += day;
  const afterFictitiousLeapDay = year > 1900 || month > 2;
  return afterFictitiousLeapDay ? serial + 1 : serial;
}

describe("Excel date serials (1900 system)", () => {
  it("matches Excel's anchors, including Lotus's 29 February 1900", () => {
    expect(ymdToSerial(1900, 1, 1)).toBe(1);
    expect(ymdToSerial(1900, 2, 28)).toBe(59);
    expect(ymdToSerial(1900, 2, 29)).toBe(60);
    expect(ymdToSerial(1900, 3, 1)).toBe(61);
    expect(ymdToSerial(1970, 1, 1)).toBe(25569);
    expect(ymdToSerial(2024, 1, 31)).toBe(45322);
    expect(ymdToSerial(9999, 12, 31)).toBe(2958465);
  });

  it("agrees with a plain calendar walk on the first of every month from 1900 to 2100 and on month ends", () => {
    for (let year = 1900; year <= 2100; year++) {
      for (let month = 1; month <= 12; month++) {
        expect(ymdToSerial(year, month, 1)).toBe(plainSerial(year, month, 1));
        expect(ymdToSerial(year, month, 28)).toBe(plainSerial(year, month, 28));
      }
    }
  });

  it("refuses days that do not exist instead of rolling them over", () => {
    expect(ymdToSerial(2026, 2, 31)).toBeNull();
    expect(ymdToSerial(2026, 13, 45)).toBeNull();
    expect(ymdToSerial(2023, 2, 29)).toBeNull();
    expect(ymdToSerial(2100, 2, 29)).toBeNull();
    expect(ymdToSerial(2024, 2, 29)).toBe(plainSerial(2024, 2, 29));
    expect(ymdToSerial(2026, 4, 31)).toBeNull();
    expect(ymdToSerial(2026, 0, 1)).toBeNull();
    expect(ymdToSerial(2026, 1, 0)).toBeNull();
  });

  it("refuses dates Excel does not have (before 1900, after 9999)", () => {
    expect(ymdToSerial(1899, 12, 31)).toBeNull();
    expect(ymdToSerial(10000, 1, 1)).toBeNull();
    expect(ymdToSerial(50, 1, 1)).toBeNull();
  });

  it("turns serials back into the same days, time of day dropped", () => {
    for (const serial of [1, 59, 61, 25569, 45322, 2958465]) {
      const date = serialToYmd(serial);
      expect(date).not.toBeNull();
      expect(ymdToSerial(date!.year, date!.month, date!.day)).toBe(serial);
    }
    expect(serialToYmd(60)).toEqual({ year: 1900, month: 2, day: 29 });
    expect(serialToIso(45322.75)).toBe("2024-01-31");
    expect(serialToIso(0)).toBeNull();
    expect(serialToIso(-1)).toBeNull();
    expect(serialToIso(2958466)).toBeNull();
    expect(serialToIso(NaN)).toBeNull();
  });
});

describe("ISO text ↔ serial", () => {
  it("reads yyyy-mm-dd, and a time of day as the fraction", () => {
    expect(isoToSerial("2024-01-31")).toBe(45322);
    expect(isoToSerial(" 2024-01-31 ")).toBe(45322);
    // 12:00 is half a day; 06:00:00 a quarter; 18:30 = (18·60 + 30) / 1440 = 0.7708…
    expect(isoToSerial("2024-01-31 12:00")).toBe(45322.5);
    expect(isoToSerial("2024-01-31T06:00:00")).toBe(45322.25);
    expect(isoToSerial("2024-01-31T18:30")).toBeCloseTo(45322 + 1110 / 1440, 12);
  });

  it("refuses text that is not an existing date or time", () => {
    for (const text of [
      "2026-02-31",
      "2026-13-45",
      "2024-1-31",
      "31/01/2024",
      "2024-01-31 24:00",
      "2024-01-31T12:60",
      "",
      "45322",
    ]) {
      expect(isoToSerial(text)).toBeNull();
    }
  });

  it("writes a serial's day as yyyy-mm-dd", () => {
    expect(serialToIso(45658)).toBe("2025-01-01");
    expect(serialToIso(1)).toBe("1900-01-01");
    expect(serialToIso(60)).toBe("1900-02-29");
  });
});

describe("the 1904 date system", () => {
  it("counts from 1904-01-01 = 0, 1462 days after the 1900 system", () => {
    expect(ymdToSerial(1904, 1, 1, "1904")).toBe(0);
    expect(ymdToSerial(2024, 1, 31, "1904")).toBe(45322 - 1462);
    expect(ymdToSerial(1903, 12, 31, "1904")).toBeNull();
    expect(serialToIso(45322 - 1462, "1904")).toBe("2024-01-31");
    expect(isoToSerial("2024-01-31", "1904")).toBe(43860);
  });
});

describe("UTC Date values from xlsx libraries", () => {
  it("gives the serial with its time of day", () => {
    expect(utcDateToSerial(new Date(Date.UTC(2024, 0, 31, 12)))).toBe(45322.5);
    expect(utcDateToSerial(new Date(Date.UTC(1900, 0, 1)))).toBe(1);
    expect(utcDateToSerial(new Date(Date.UTC(2024, 0, 31)), "1904")).toBe(43860);
  });
});
