/**
 * The pane's number and date formats in the user's language (Office's display language, the
 * browser's in the preview). Expected strings are CLDR's conventions as Node's ICU writes them,
 * checked against what a reader of each language expects: en-US 1,234.5 and 12/31/2025,
 * de-DE 1.234,5 and 31.12.2025, fr-FR with a narrow no-break space (U+202F) between thousands.
 */
import {
  columnFractionDigits,
  createFormats,
  fractionDigitsOf,
  supportedLocale,
} from "../../src/taskpane/format";

/** 45658 is 2025-01-01 in Excel's 1900 date system (25,569 days after 1899-12-30 is 1970-01-01). */
const NEW_YEAR_2025 = 45658;

describe("the pane's formats", () => {
  test("en-US: grouping commas, a decimal point, month/day/year", () => {
    const f = createFormats("en-US");
    expect(f.integer(1234567.891)).toBe("1,234,568");
    expect(f.decimal(3.14159)).toBe("3.14");
    expect(f.coefficient(0.74213)).toBe("0.742");
    expect(f.percent(0.8123)).toBe("81.2%");
    expect(f.percent(0.25)).toBe("25.0%");
    expect(f.percent(0.2, 0)).toBe("20%");
    expect(f.date(NEW_YEAR_2025)).toBe("01/01/2025");
    expect(f.date(NEW_YEAR_2025 + 364)).toBe("12/31/2025");
    expect(f.compact(46288.76)).toBe("46.3K");
    expect(f.compact(717.5)).toBe("718");
  });

  test("de-DE: grouping dots, a decimal comma, day.month.year, a space before %", () => {
    const f = createFormats("de-DE");
    expect(f.locale).toBe("de-DE");
    expect(f.integer(1234567.891)).toBe("1.234.568");
    expect(f.decimal(3.14159)).toBe("3,14");
    expect(f.percent(0.8123)).toBe("81,2\u00a0%");
    expect(f.date(NEW_YEAR_2025 + 364)).toBe("31.12.2025");
    expect(f.cell(1234.5, { fractionDigits: 2 })).toBe("1.234,50");
  });

  test("fr-FR groups thousands with a narrow no-break space", () => {
    expect(createFormats("fr-FR").integer(1234567)).toBe("1\u202f234\u202f567");
  });

  test("a date cell is a date only where asked and only for a valid serial", () => {
    const f = createFormats("en-US");
    expect(f.cell(NEW_YEAR_2025, { asDate: true })).toBe("01/01/2025");
    expect(f.cell(NEW_YEAR_2025)).toBe("45,658");
    // Beyond Excel's last date (9999-12-31 = 2,958,465) a serial is shown as the number it is.
    expect(f.cell(3_000_000, { asDate: true })).toBe("3,000,000");
    expect(f.cell(true)).toBe("TRUE");
    expect(f.cell("=text stays text")).toBe("=text stays text");
    expect(f.cell(null)).toBe("");
  });

  test("one column shows its numbers with one number of decimals, at most two", () => {
    expect(fractionDigitsOf(12)).toBe(0);
    expect(fractionDigitsOf(12.5)).toBe(1);
    expect(fractionDigitsOf(3.14159)).toBe(2);
    expect(fractionDigitsOf(0.1 + 0.2)).toBe(1); // 0.30000000000000004 reads as 0.3
    expect(columnFractionDigits([12, 1234.5, 99.25, "text", null])).toBe(2);
    expect(columnFractionDigits(["a", null])).toBe(0);
    const f = createFormats("en-US");
    expect([1234.5, 99.25].map((v) => f.cell(v, { fractionDigits: 2 }))).toEqual(["1,234.50", "99.25"]);
  });

  test("an unknown or malformed language falls back to its base language, then to en-US", () => {
    expect(supportedLocale("de-DE")).toBe("de-DE");
    expect(supportedLocale("")).toBe("en-US");
    expect(supportedLocale(null)).toBe("en-US");
    expect(supportedLocale("not a tag!")).toBe("en-US");
    expect(createFormats("not a tag!").integer(1000)).toBe("1,000");
  });
});
