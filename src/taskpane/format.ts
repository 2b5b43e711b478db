/**
 * How the pane shows numbers, dates and cells, in the user's language: Office's display language
 * inside Excel (`Office.context.displayLanguage`), the browser's in the preview. Display only — every
 * figure shown was computed by the workflow, which keeps its numbers unformatted.
 *
 * One {@link PaneFormats} per language, made once and handed down through {@link FormatsContext}.
 */
import { createContext, useContext } from "react";
import { serialToYmd } from "../core/excelDate";
import type { CellValue } from "../workbook/workbook";

export interface PaneFormats {
  /** The BCP 47 tag the numbers are formatted for, e.g. "de-DE". */
  locale: string;
  /**
   * 0.8123 → "81.2%" (en-US), "81,2 %" (de-DE): the workflow's shares are fractions. A fixed number
   * of decimals (default 1), so shares in a column line up: 25.0 % under 19.7 %.
   */
  percent(fraction: number, fractionDigits?: number): string;
  /** 1234567.891 → "1,234,568" (en-US), "1.234.568" (de-DE), for counts and money totals. */
  integer(value: number): string;
  /** 3.14159 → "3.14": averages and cut points, at most two decimals. */
  decimal(value: number): string;
  /** 0.74213 → "0.742": coefficients between 0 and 1 (Gini), three decimals as the runner prints them. */
  coefficient(value: number): string;
  /** 12345 → "12.3K" (en-US), "12.345" (de-DE: compact only from a million): chart labels, 3 digits. */
  compact(value: number): string;
  /** An Excel date serial as a calendar date: 45658 → "01/01/2025" (en-US), "01.01.2025" (de-DE). */
  date(serial: number): string | null;
  /**
   * A cell as text for a preview grid: numbers with `fractionDigits` decimals (a column's numbers
   * share one count, so the decimal separators line up), dates as {@link date}, logicals as Excel
   * shows them.
   */
  cell(value: CellValue, options?: { asDate?: boolean; fractionDigits?: number }): string;
}

/**
 * The language to format for: `requested` when the browser's Intl knows it, else its base language
 * ("pt-XX" → "pt"), else en-US.
 *
 * @example
 * supportedLocale("de-DE") // => "de-DE"
 * supportedLocale("")      // => "en-US"
 */
export function supportedLocale(requested: string | null | undefined): string {
  const candidates = [requested, requested?.split("-")[0]].filter(
    (tag): tag is string => typeof tag === "string" && tag !== "",
  );
  for (const tag of candidates) {
    try {
      if (Intl.NumberFormat.supportedLocalesOf(tag).length > 0) return tag;
    } catch {
      // Not a well-formed language tag: try the next candidate.
    }
  }
  return "en-US";
}

/** The formats for one language (see {@link supportedLocale}). */
export function createFormats(requestedLocale: string | null | undefined): PaneFormats {
  const locale = supportedLocale(requestedLocale);
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const coefficient = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const compact = new Intl.NumberFormat(locale, { notation: "compact", maximumSignificantDigits: 3 });
  // The serial's calendar day, whatever the time zone: format it as a UTC date.
  const date = new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    timeZone: "UTC",
  });
  const cached = new Map<string, Intl.NumberFormat>();
  /** A number format with exactly `digits` decimals (as a percentage when `percent`). */
  const withDigits = (digits: number, percent = false): Intl.NumberFormat => {
    const key = `${digits}${percent ? "%" : ""}`;
    let format = cached.get(key);
    if (format === undefined) {
      format = new Intl.NumberFormat(locale, {
        style: percent ? "percent" : "decimal",
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      });
      cached.set(key, format);
    }
    return format;
  };
  const formatDate = (serial: number): string | null => {
    const ymd = serialToYmd(serial);
    return ymd === null ? null : date.format(Date.UTC(ymd.year, ymd.month - 1, ymd.day));
  };
  return {
    locale,
    percent: (fraction, fractionDigits = 1) => withDigits(fractionDigits, true).format(fraction),
    integer: (value) => integer.format(value),
    decimal: (value) => decimal.format(value),
    coefficient: (value) => coefficient.format(value),
    compact: (value) => compact.format(value),
    date: formatDate,
    cell(value, options = {}) {
      if (value === null) return "";
      if (typeof value === "number") {
        const asDate = options.asDate ? formatDate(value) : null;
        if (asDate !== null) return asDate;
        return withDigits(options.fractionDigits ?? fractionDigitsOf(value)).format(value);
      }
      if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
      return value;
    },
  };
}

/** Decimals a number needs for the grids, at most two: 12 → 0, 12.5 → 1, 3.14159 → 2. */
export function fractionDigitsOf(value: number): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return 0;
  return Number.isInteger(Math.round(value * 1e6) / 1e5) ? 1 : 2;
}

/**
 * The decimals one grid column shows: the most any of its numbers needs (at most two), so that
 * 1,234.5 and 99.25 read 1,234.50 and 99.25 and right-align on the decimal separator.
 *
 * @example
 * columnFractionDigits([12, 1234.5, 99.25, "text"]) // => 2
 */
export function columnFractionDigits(cells: readonly CellValue[]): number {
  let digits = 0;
  for (const cell of cells) if (typeof cell === "number") digits = Math.max(digits, fractionDigitsOf(cell));
  return digits;
}

/** The pane's formats; the provider sits at the pane's root with the connection's language. */
export const FormatsContext = createContext<PaneFormats>(createFormats("en-US"));

export function useFormats(): PaneFormats {
  return useContext(FormatsContext);
}
