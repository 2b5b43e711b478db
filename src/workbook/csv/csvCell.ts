/**
 * A CSV field read as a cell, the way Excel types cells when it opens a CSV file (CSV itself has no
 * types): an empty field (or only spaces) is blank; a plain decimal number (`12`, `-3.5`, `.5`,
 * `1e6`; no thousands separators, no currency or percent signs) is that number; an ISO date
 * `yyyy-mm-dd`, optionally with a time `hh:mm[:ss]` after `T` or a space, is its Excel serial number
 * (through `core/excelDate.ts`, so `2026-02-31` is not a date and stays text); anything else is text,
 * exactly as written (spaces kept). Quoting does not change the type: Excel reads `"12"` as 12.
 */
import { isoToSerial } from "../../core/excelDate";
import type { CellValue } from "../workbook";
import { QUOTE, type Units } from "./recordScanner";
import type { FieldCodec } from "./textEncoding";

/** Excel's plain decimal number, as text. */
export const NUMBER_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Exact powers of ten: `m / 10^k` with m < 2^53 and k ≤ 22 is the correctly rounded decimal (Clinger). */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);
/** Not a plain number (the fast path's answer, distinct from every number including NaN). */
const NOT_A_NUMBER = Symbol("not a number");

/**
 * The text of a raw field: a quoted field `"a ""b"""` → `a "b"` (and anything after the closing
 * quote appended, as Excel does); an unquoted field as it is. O(length).
 *
 * @example unquote('"say ""hi"""') // => 'say "hi"'
 * @example unquote("plain") // => "plain"
 */
export function unquote(raw: string): string {
  if (raw.charCodeAt(0) !== QUOTE) return raw;
  let text = "";
  let i = 1;
  for (;;) {
    const close = raw.indexOf('"', i);
    if (close < 0) return text + raw.slice(i);
    text += raw.slice(i, close);
    if (raw.charCodeAt(close + 1) === QUOTE) {
      text += '"';
      i = close + 2;
    } else {
      return text + raw.slice(close + 1);
    }
  }
}

/**
 * A field's text typed as Excel types it (see the module comment). O(length).
 *
 * @example typeText("  12 ") // => 12
 * @example typeText("2024-01-31") // => 45322
 * @example typeText("2026-02-31") // => "2026-02-31"
 */
export function typeText(text: string): CellValue {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  if (NUMBER_PATTERN.test(trimmed)) return Number(trimmed);
  const serial = trimmed.length >= 10 && trimmed.charCodeAt(4) === 0x2d ? isoToSerial(trimmed) : null;
  return serial ?? text;
}

/**
 * The cell of raw field `units[start, end)`. Plain ASCII numbers are parsed from the units without
 * building a string (the common case in a customer table, and most of the reading time otherwise);
 * everything else is decoded by `codec` and typed by {@link typeText}. O(end − start).
 */
export function fieldCell(units: Units, start: number, end: number, codec: FieldCodec): CellValue {
  if (start < end && units[start] === QUOTE) return typeText(unquote(codec.decode(start, end)));
  let s = start;
  let e = end;
  while (s < e && (units[s] === 0x20 || units[s] === 0x09)) s++;
  while (e > s && (units[e - 1] === 0x20 || units[e - 1] === 0x09)) e--;
  if (s === e) return null;
  const number = plainNumber(units, s, e);
  if (number !== NOT_A_NUMBER) return number;
  return typeText(codec.decode(start, end));
}

/** True when the raw field is blank as a cell (empty, spaces, `""`). */
export function isBlankField(units: Units, start: number, end: number, codec: FieldCodec): boolean {
  let s = start;
  while (s < end && (units[s] === 0x20 || units[s] === 0x09)) s++;
  if (s === end) return true;
  return fieldCell(units, start, end, codec) === null;
}

/**
 * `[+-]?digits[.digits]` (or `.digits`) parsed exactly: with at most 15 digits the mantissa is an
 * exact integer and one division by an exact power of ten rounds correctly, so the result equals
 * `Number(text)`. For anything else (exponents, longer numbers, text) it returns NOT_A_NUMBER and
 * the caller types the decoded text.
 */
function plainNumber(units: Units, start: number, end: number): number | typeof NOT_A_NUMBER {
  let i = start;
  const sign = units[i];
  if (sign === 0x2b || sign === 0x2d) i++;
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  let dot = false;
  for (; i < end; i++) {
    const unit = units[i];
    if (unit >= 0x30 && unit <= 0x39) {
      mantissa = mantissa * 10 + (unit - 0x30);
      digits++;
      if (dot) fractionDigits++;
    } else if (unit === 0x2e && !dot) {
      dot = true;
    } else {
      break;
    }
  }
  // Exponents, long mantissas and anything else: typeText decides on the decoded text.
  if (digits === 0 || digits > 15 || i < end) return NOT_A_NUMBER;
  const value = fractionDigits === 0 ? mantissa : mantissa / POWERS_OF_TEN[fractionDigits];
  return sign === 0x2d ? -value : value;
}
