/**
 * Python `datetime.date`: a proleptic Gregorian calendar day with Python's arithmetic quirks (adding a
 * timedelta uses its whole days only) and `strftime`.
 * @module
 */
import { SpoutError } from "../errors.ts";
import {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  isoCalendar,
  MAX_WALL,
  MIN_WALL,
  SECONDS_PER_DAY,
  weekdayFromDays,
} from "./calendar.ts";
import { formatStrftime } from "./strftime.ts";
import { PyTimedelta } from "./timedelta.ts";

/** Something that can be added to a date besides a timedelta (an ISO duration with months/years). */
export interface DateAddend {
  /** Returns `date + sign * self`. */
  addToDate(date: PyDate, sign: 1 | -1): PyDate;
}

function rangeError(message: string): SpoutError {
  return new SpoutError("datetime_error", message);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/**
 * A Python `datetime.date`.
 *
 * @example
 * ```ts
 * import { PyDate } from "./date.ts";
 * import { PyTimedelta } from "./timedelta.ts";
 * const d = PyDate.fromParts(2024, 2, 28).add(PyTimedelta.of({ days: 1 }));
 * if (d.toString() !== "2024-02-29") throw new Error(d.toString());
 * ```
 */
export class PyDate {
  /** Days since 1970-01-01. */
  readonly epochDays: number;
  /** Year. */
  readonly year: number;
  /** Month 1..12. */
  readonly month: number;
  /** Day of month. */
  readonly day: number;
  /** Always 0 (lets `strftime` treat a date like a midnight datetime). */
  readonly hour = 0;
  /** Always 0. */
  readonly minute = 0;
  /** Always 0. */
  readonly second = 0;
  /** Always 0. */
  readonly microsecond = 0;
  /** Always null. */
  readonly offsetSeconds = null;
  /** Always null. */
  readonly tzName = null;

  private constructor(epochDays: number) {
    if (epochDays * SECONDS_PER_DAY < MIN_WALL || epochDays * SECONDS_PER_DAY > MAX_WALL) {
      throw rangeError("date value out of range (years 1..9999)");
    }
    const [y, m, d] = civilFromDays(epochDays);
    this.epochDays = epochDays;
    this.year = y;
    this.month = m;
    this.day = d;
  }

  /** Python's `date(year, month, day)`; validates like Python. */
  static fromParts(year: number, month: number, day: number): PyDate {
    if (!Number.isInteger(year) || year < 1 || year > 9999) {
      throw rangeError(`year must be in 1..9999, got ${year}`);
    }
    if (!Number.isInteger(month) || month < 1 || month > 12) {
      throw rangeError(`month must be in 1..12, got ${month}`);
    }
    if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) {
      throw rangeError(`day is out of range for month: ${year}-${month}-${day}`);
    }
    return new PyDate(daysFromCivil(year, month, day));
  }

  /** From days since 1970-01-01. */
  static fromEpochDays(days: number): PyDate {
    return new PyDate(days);
  }

  /** Wall-clock seconds of midnight (for formatting). */
  get wallSeconds(): number {
    return this.epochDays * SECONDS_PER_DAY;
  }

  /** Monday 0 .. Sunday 6. */
  weekday(): number {
    return weekdayFromDays(this.epochDays);
  }

  /** Monday 1 .. Sunday 7. */
  isoweekday(): number {
    return this.weekday() + 1;
  }

  /** `[isoYear, isoWeek, isoWeekday]`. */
  isocalendar(): [number, number, number] {
    return isoCalendar(this.year, this.month, this.day);
  }

  /** Python's `date.strftime` (time directives render midnight). */
  strftime(format: string): string {
    return formatStrftime(this, format);
  }

  /** `YYYY-MM-DD`. */
  isoformat(): string {
    return `${pad(this.year, 4)}-${pad(this.month, 2)}-${pad(this.day, 2)}`;
  }

  /** Python's `str(date)`. */
  toString(): string {
    return this.isoformat();
  }

  /** JSON form: `YYYY-MM-DD`. */
  toJSON(): string {
    return this.isoformat();
  }

  /** `self + td` (only whole days count, like Python), or an ISO duration. */
  add(other: PyTimedelta | DateAddend): PyDate {
    if (!(other instanceof PyTimedelta)) return other.addToDate(this, 1);
    return new PyDate(this.epochDays + other.days);
  }

  /** `self - other`: days between two dates, or the date `td.days` earlier. */
  sub(other: PyDate): PyTimedelta;
  /** `self - td`. */
  sub(other: PyTimedelta | DateAddend): PyDate;
  /** `self - other`. */
  sub(other: PyDate | PyTimedelta | DateAddend): PyDate | PyTimedelta;
  sub(other: PyDate | PyTimedelta | DateAddend): PyDate | PyTimedelta {
    if (other instanceof PyDate) return PyTimedelta.of({ days: this.epochDays - other.epochDays });
    if (!(other instanceof PyTimedelta)) return other.addToDate(this, -1);
    // Python subtracts only `td.days` (the seconds part of the timedelta is ignored).
    return new PyDate(this.epochDays - other.days);
  }

  /** Negative/zero/positive like `self - other`. */
  compare(other: PyDate): number {
    return this.epochDays - other.epochDays;
  }

  /** Python's `==`. */
  equals(other: PyDate): boolean {
    return this.epochDays === other.epochDays;
  }
}
