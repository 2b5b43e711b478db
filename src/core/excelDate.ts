/**
 * Excel date serial numbers ↔ calendar dates: the one place that converts between them, validates
 * the calendar (no 31 February, no month 13) and knows Excel's two date systems. Every reader, writer
 * and setting uses these, so `2026-02-31` is refused everywhere instead of rolling over into March.
 *
 * - **1900 system** (Windows Excel's default): serial 1 is 1900-01-01. Excel keeps Lotus 1-2-3's
 *   mistake of a 29 February 1900 (serial 60), so from 1900-03-01 on a serial is the number of days
 *   since 1899-12-30, and before it the days since 1899-12-31. Serial 25569 is 1970-01-01.
 * - **1904 system** (old Mac workbooks, `<workbookPr date1904="1">`): serial 0 is 1904-01-01.
 *
 * A fraction is the time of day (0.5 = noon). Excel's dates run to 9999-12-31 (serial 2,958,465);
 * earlier than the system's first day is not a date to Excel (it stays text), and neither is it here.
 */

export type DateSystem = "1900" | "1904";

/** 9999-12-31 in the 1900 system, the last date Excel shows. */
export const MAX_SERIAL_1900 = 2_958_465;
/** Days between the systems: a 1904 serial + 1462 is the 1900 serial of the same day. */
export const DAYS_1904_AFTER_1900 = 1462;

const MS_PER_DAY = 86_400_000;
/** 1899-12-30, the day before serial 1 once the fictitious 29 February 1900 is counted. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** 1900-03-01, the first day whose serial the leap-year quirk has shifted by one. */
const MARCH_1900 = Date.UTC(1900, 2, 1);

/** A calendar day. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const back = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC maps years 0–99 to 1900–1999; we never accept those years anyway.
  return back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day;
}

/**
 * The serial number of a calendar day, or null when the day does not exist (2026-02-31, month 13)
 * or lies outside Excel's dates (before 1900-01-01, or 1904-01-01 in the 1904 system; after
 * 9999-12-31). 1900-02-29 is accepted as serial 60, as Excel accepts it. O(1).
 *
 * @example ymdToSerial(2024, 1, 31) // => 45322
 * @example ymdToSerial(2026, 2, 31) // => null
 */
export function ymdToSerial(
  year: number,
  month: number,
  day: number,
  system: DateSystem = "1900",
): number | null {
  if (system === "1900" && year === 1900 && month === 2 && day === 29) return 60;
  if (!isRealDate(year, month, day) || year > 9999) return null;
  const ms = Date.UTC(year, month - 1, day);
  if (system === "1904") return ms < EPOCH_1904 ? null : (ms - EPOCH_1904) / MS_PER_DAY;
  if (year < 1900) return null;
  const days = (ms - EPOCH_1900) / MS_PER_DAY;
  return ms < MARCH_1900 ? days - 1 : days;
}

/**
 * The calendar day of a serial (its time of day dropped), or null for a serial that is not a date
 * Excel shows (negative, not finite, after 9999-12-31). Serial 60 is the fictitious 1900-02-29, and
 * serial 0 Excel's "1900-01-00" is returned as null. O(1).
 *
 * @example serialToYmd(45322) // => { year: 2024, month: 1, day: 31 }
 */
export function serialToYmd(serial: number, system: DateSystem = "1900"): CalendarDate | null {
  if (!Number.isFinite(serial)) return null;
  const whole = Math.floor(serial);
  if (system === "1904") {
    if (whole < 0 || whole > MAX_SERIAL_1900 - DAYS_1904_AFTER_1900) return null;
    return fromUtc(EPOCH_1904 + whole * MS_PER_DAY);
  }
  if (whole < 1 || whole > MAX_SERIAL_1900) return null;
  if (whole === 60) return { year: 1900, month: 2, day: 29 };
  return fromUtc(EPOCH_1900 + (whole < 60 ? whole + 1 : whole) * MS_PER_DAY);
}

function fromUtc(ms: number): CalendarDate {
  const date = new Date(ms);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?$/;

/**
 * An ISO 8601 date `yyyy-mm-dd`, optionally with a time `Thh:mm[:ss[.fff]]` (or a space instead of
 * `T`, as databases and pandas write it), as a serial with the time as a fraction; null when the
 * text is not such a date or the date does not exist. No time zone: Excel has none. O(length).
 *
 * @example isoToSerial("2024-01-31") // => 45322
 * @example isoToSerial("2024-01-31 12:00") // => 45322.5
 * @example isoToSerial("2026-02-31") // => null
 */
export function isoToSerial(text: string, system: DateSystem = "1900"): number | null {
  const match = ISO_PATTERN.exec(text.trim());
  if (!match) return null;
  const serial = ymdToSerial(Number(match[1]), Number(match[2]), Number(match[3]), system);
  if (serial === null) return null;
  if (match[4] === undefined) return serial;
  const hours = Number(match[4]);
  const minutes = Number(match[5]);
  const seconds = match[6] === undefined ? 0 : Number(match[6]) + Number(match[7] ?? 0);
  if (hours > 23 || minutes > 59 || seconds >= 60) return null;
  return serial + (hours * 3600 + minutes * 60 + seconds) / 86_400;
}

/** True when the text is an ISO date (with or without a time) that exists. */
export function isIsoDate(text: string): boolean {
  return isoToSerial(text) !== null;
}

/**
 * The serial's day as `yyyy-mm-dd`, or null when it is not a date Excel shows.
 *
 * @example serialToIso(45658) // => "2025-01-01"
 */
export function serialToIso(serial: number, system: DateSystem = "1900"): string | null {
  const date = serialToYmd(serial, system);
  if (date === null) return null;
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/**
 * The serial of a JavaScript Date holding a cell's date and time as UTC (how xlsx libraries hand
 * date cells over), fraction included. O(1).
 *
 * @example utcDateToSerial(new Date(Date.UTC(2024, 0, 31, 12))) // => 45322.5
 */
export function utcDateToSerial(date: Date, system: DateSystem = "1900"): number {
  const ms = date.getTime();
  if (system === "1904") return (ms - EPOCH_1904) / MS_PER_DAY;
  const days = (ms - EPOCH_1900) / MS_PER_DAY;
  return ms < MARCH_1900 ? days - 1 : days;
}

/** A serial of the 1904 system as the 1900 system's serial of the same day and time. */
export function serial1904To1900(serial: number): number {
  return serial + DAYS_1904_AFTER_1900;
}
