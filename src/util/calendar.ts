/**
 * Proleptic Gregorian calendar arithmetic (the calendar Python's `datetime` uses), on plain numbers.
 * @module
 */

/** Seconds in a day. */
export const SECONDS_PER_DAY = 86_400;

/**
 * True for Gregorian leap years.
 *
 * @example
 * ```ts
 * import { isLeapYear } from "./calendar.ts";
 * if (!isLeapYear(2024) || isLeapYear(1900) || !isLeapYear(2000)) throw new Error();
 * ```
 */
export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Number of days in `month` (1-12) of `year`.
 *
 * @example
 * ```ts
 * import { daysInMonth } from "./calendar.ts";
 * if (daysInMonth(2024, 2) !== 29 || daysInMonth(2023, 2) !== 28 || daysInMonth(2024, 4) !== 30) throw new Error();
 * ```
 */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
}

/**
 * Days since 1970-01-01 of a civil date (month 1-12).
 *
 * @example
 * ```ts
 * import { daysFromCivil } from "./calendar.ts";
 * if (daysFromCivil(1970, 1, 2) !== 1) throw new Error("bad");
 * ```
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Civil date `[year, month, day]` of a day count since 1970-01-01.
 *
 * @example
 * ```ts
 * import { civilFromDays } from "./calendar.ts";
 * const [y, m, d] = civilFromDays(19723);
 * if (y !== 2024 || m !== 1 || d !== 1) throw new Error("bad");
 * ```
 */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [month <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, month, day];
}

/** Python's `weekday()` (Monday 0 .. Sunday 6) of a day count since 1970-01-01 (a Thursday). */
export function weekdayFromDays(days: number): number {
  return (((days + 3) % 7) + 7) % 7;
}

/** Day of the year, 1-366. */
export function dayOfYear(year: number, month: number, day: number): number {
  return daysFromCivil(year, month, day) - daysFromCivil(year, 1, 1) + 1;
}

/** ISO 8601 `[isoYear, isoWeek, isoWeekday]` like Python's `isocalendar()`. */
export function isoCalendar(year: number, month: number, day: number): [number, number, number] {
  const days = daysFromCivil(year, month, day);
  const wd = weekdayFromDays(days); // Monday 0
  const thursday = days - wd + 3;
  const isoYear = civilFromDays(thursday)[0];
  const week = Math.floor((thursday - daysFromCivil(isoYear, 1, 1)) / 7) + 1;
  return [isoYear, week, wd + 1];
}

/** Days since 1970-01-01 of the Monday starting ISO week 1 of `isoYear`. */
export function isoWeekOneMonday(isoYear: number): number {
  const jan4 = daysFromCivil(isoYear, 1, 4);
  return jan4 - weekdayFromDays(jan4);
}

/** Wall-clock seconds (since 1970) of 0001-01-01T00:00:00, the smallest Python datetime. */
export const MIN_WALL: number = daysFromCivil(1, 1, 1) * SECONDS_PER_DAY;
/** Wall-clock seconds (since 1970) of 9999-12-31T23:59:59, the largest Python datetime (whole seconds). */
export const MAX_WALL: number = (daysFromCivil(9999, 12, 31) + 1) * SECONDS_PER_DAY - 1;
