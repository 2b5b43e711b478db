/**
 * The period unit that recency, age and retention are counted in: a fixed number of days, so every
 * period has the same length whatever the calendar month (as `lifetimes` counts with `freq="D"` and
 * a `freq_multiplier`: weeks are 7 days, not calendar weeks).
 *
 * | period  | days          | periods per year |
 * |---------|---------------|------------------|
 * | day     | 1             | 365.25           |
 * | week    | 7             | 52.1775          |
 * | month   | 365.25 / 12   | 12               |
 * | quarter | 365.25 / 4    | 4                |
 * | year    | 365.25        | 1                |
 *
 * 365.25 is the mean Julian year: over four years it is exact to within a day, so a "year" of
 * recency is the same span in leap and common years.
 *
 * @example periodDays("month") // => 30.4375
 * @example periodsPerYear("week") // => 52.1775
 */
import { ChoiceParameter } from "./args";

export const PERIOD_NAMES = ["day", "week", "month", "quarter", "year"] as const;

/** A period unit by name. */
export type PeriodName = (typeof PERIOD_NAMES)[number];

/** Days in a mean year (Julian): the year, quarter and month periods are fractions of it. */
export const DAYS_PER_YEAR = 365.25;

const DAYS: Record<PeriodName, number> = {
  day: 1,
  week: 7,
  month: DAYS_PER_YEAR / 12,
  quarter: DAYS_PER_YEAR / 4,
  year: DAYS_PER_YEAR,
};

/** The plural a header or message uses ("Recency (weeks)"). */
const PLURALS: Record<PeriodName, string> = {
  day: "days",
  week: "weeks",
  month: "months",
  quarter: "quarters",
  year: "years",
};

/** Length of one period in days. O(1). */
export function periodDays(period: PeriodName): number {
  return DAYS[period];
}

/** How many periods make a year of 365.25 days (52.1775 weeks). O(1). */
export function periodsPerYear(period: PeriodName): number {
  return DAYS_PER_YEAR / DAYS[period];
}

/** "weeks" for "week". */
export function periodPlural(period: PeriodName): string {
  return PLURALS[period];
}

/** The `period` argument of the functions: one of the names, default week. */
export const periodParameter: ChoiceParameter<PeriodName> = {
  name: "period",
  options: PERIOD_NAMES,
  defaultValue: "week",
};
