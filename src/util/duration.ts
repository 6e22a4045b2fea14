/**
 * ISO 8601 durations with Python `isodate` semantics: `parseIsoDuration("P1D")` is a {@link PyTimedelta};
 * a duration with years or months is an {@link IsoDuration} whose calendar part is applied with month-end
 * clamping (2024-01-31 + P1M = 2024-02-29).
 * @module
 */
import { SpoutError } from "../errors.ts";
import { daysInMonth } from "./calendar.ts";
import { type DateAddend, PyDate } from "./date.ts";
import { type DatetimeAddend, PyDateTime } from "./datetime.ts";
import { PyTimedelta } from "./timedelta.ts";

/**
 * isodate's `Duration`: years and months kept apart from the exact `tdelta` part.
 *
 * @example
 * ```ts
 * import { IsoDuration } from "./duration.ts";
 * import { PyDateTime } from "./datetime.ts";
 * import { PyTimedelta } from "./timedelta.ts";
 * const d = new IsoDuration(0, 1, PyTimedelta.of({}));
 * const dt = PyDateTime.fromParts({ year: 2023, month: 1, day: 31, offsetSeconds: 0 });
 * if (dt.add(d).toString() !== "2023-02-28 00:00:00+00:00") throw new Error("clamp");
 * ```
 */
export class IsoDuration implements DatetimeAddend, DateAddend {
  /** Years (may be fractional, which date arithmetic rejects). */
  readonly years: number;
  /** Months (may be fractional, which date arithmetic rejects). */
  readonly months: number;
  /** The exact part (weeks, days, hours, minutes, seconds). */
  readonly tdelta: PyTimedelta;

  /** Creates a duration of `years`, `months` and an exact part. */
  constructor(years: number, months: number, tdelta: PyTimedelta) {
    this.years = years;
    this.months = months;
    this.tdelta = tdelta;
  }

  /** `dt + sign * self` (isodate: calendar part first with day clamping, then the exact part). */
  addTo(dt: PyDateTime, sign: 1 | -1): PyDateTime {
    return applyCalendar(dt, this, sign) as PyDateTime;
  }

  /** `date + sign * self` (isodate on a `date`: the exact part counts whole days only). */
  addToDate(date: PyDate, sign: 1 | -1): PyDate {
    return applyCalendar(date, this, sign);
  }

  /** `-self`. */
  neg(): IsoDuration {
    return new IsoDuration(-this.years, -this.months, this.tdelta.neg());
  }

  /** `self + other`. */
  add(other: IsoDuration | PyTimedelta): IsoDuration {
    if (other instanceof PyTimedelta) return new IsoDuration(this.years, this.months, this.tdelta.add(other));
    return new IsoDuration(
      this.years + other.years,
      this.months + other.months,
      this.tdelta.add(other.tdelta),
    );
  }

  /** `self - other`. */
  sub(other: IsoDuration | PyTimedelta): IsoDuration {
    return this.add(other.neg());
  }

  /** Exact days/seconds part, like attribute access on isodate's Duration. */
  get days(): number {
    return this.tdelta.days;
  }

  /** Exact seconds part. */
  get seconds(): number {
    return this.tdelta.seconds;
  }

  /** The length starting at `start` (isodate `totimedelta(start=...)`). */
  totimedelta(start: PyDateTime): PyTimedelta {
    return start.add(this).sub(start);
  }

  /** isodate's `str(Duration)`, e.g. `1 years, 2 months, 3 days, 0:00:00`. */
  toString(): string {
    const parts: string[] = [];
    if (this.years) parts.push(`${Math.trunc(this.years)} years`);
    if (this.months) parts.push(`${Math.trunc(this.months)} month${this.months <= 1 ? "" : "s"}`);
    parts.push(this.tdelta.toString());
    return parts.join(", ");
  }

  /** JSON form: `str(self)`. */
  toJSON(): string {
    return this.toString();
  }
}

/** What `duration('...')` returns: a timedelta, or an {@link IsoDuration} when years/months are present. */
export type Duration = PyTimedelta | IsoDuration;

function applyCalendar<T extends PyDateTime | PyDate>(dt: T, dur: IsoDuration, sign: 1 | -1): T {
  if (!Number.isInteger(dur.years) || !Number.isInteger(dur.months)) {
    throw new SpoutError("datetime_error", "fractional years or months not supported for date calculations");
  }
  const m0 = dt.month + sign * dur.months - 1;
  const carry = Math.floor(m0 / 12);
  const month = m0 - carry * 12 + 1;
  const year = dt.year + sign * dur.years + carry;
  if (year < 1 || year > 9999) throw new SpoutError("datetime_error", `year ${year} is out of range`);
  const day = Math.min(dt.day, daysInMonth(year, month));
  if (dt instanceof PyDate) {
    const moved = PyDate.fromParts(year, month, day);
    return (sign === 1 ? moved.add(dur.tdelta) : moved.sub(dur.tdelta)) as T;
  }
  const moved = (dt as PyDateTime).replace({ year, month, day });
  return (sign === 1 ? moved.add(dur.tdelta) : moved.sub(dur.tdelta)) as T;
}

const PERIOD = new RegExp(
  "^([+-])?P(?=\\w)" + "(?:([0-9]+(?:[,.][0-9]+)?)Y)?(?:([0-9]+(?:[,.][0-9]+)?)M)?" +
    "(?:([0-9]+(?:[,.][0-9]+)?)W)?(?:([0-9]+(?:[,.][0-9]+)?)D)?" +
    "(?:T(?:([0-9]+(?:[,.][0-9]+)?)H)?(?:([0-9]+(?:[,.][0-9]+)?)M)?(?:([0-9]+(?:[,.][0-9]+)?)S)?)?$",
);
const ALTERNATIVE = /^P(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})(?:[.,](\d{1,6}))?$/;

/**
 * Python `isodate.parse_duration`: a {@link PyTimedelta} unless years or months are present.
 *
 * @example
 * ```ts
 * import { parseIsoDuration } from "./duration.ts";
 * if (parseIsoDuration("PT1H30M").toString() !== "1:30:00") throw new Error("bad");
 * if (parseIsoDuration("-P1W").toString() !== "-7 days, 0:00:00") throw new Error("bad");
 * ```
 */
export function parseIsoDuration(text: string): Duration {
  const m = typeof text === "string" ? PERIOD.exec(text) : null;
  if (!m) {
    const alt = typeof text === "string" ? ALTERNATIVE.exec(text) : null;
    if (alt) {
      const [, y, mo, d, h, mi, s, frac] = alt;
      const td = PyTimedelta.of({
        days: Number(d),
        hours: Number(h),
        minutes: Number(mi),
        seconds: Number(s),
        microseconds: frac ? Number(frac.padEnd(6, "0")) : 0,
      });
      if (Number(y) !== 0 || Number(mo) !== 0) return new IsoDuration(Number(y), Number(mo), td);
      return td;
    }
    throw new SpoutError("datetime_error", `Unable to parse duration string ${JSON.stringify(text)}`);
  }
  const n = (v: string | undefined) => (v === undefined ? 0 : Number(v.replace(",", ".")));
  const [, sign, years, months, weeks, days, hours, minutes, seconds] = m;
  const td = PyTimedelta.of({
    weeks: n(weeks),
    days: n(days),
    hours: n(hours),
    minutes: n(minutes),
    seconds: n(seconds),
  });
  const y = n(years);
  const mo = n(months);
  if (y === 0 && mo === 0) return sign === "-" ? td.neg() : td;
  const dur = new IsoDuration(y, mo, td);
  return sign === "-" ? dur.neg() : dur;
}

/**
 * `dt + sign * dur` for a datetime or date, with isodate month-end clamping.
 *
 * @example
 * ```ts
 * import { addDuration, parseIsoDuration } from "./duration.ts";
 * import { PyDateTime } from "./datetime.ts";
 * const dt = PyDateTime.fromParts({ year: 2024, month: 3, day: 31, offsetSeconds: 0 });
 * if (addDuration(dt, parseIsoDuration("P1M"), -1).toString() !== "2024-02-29 00:00:00+00:00") throw new Error();
 * ```
 */
export function addDuration<T extends PyDateTime | PyDate>(dt: T, dur: Duration, sign: 1 | -1 = 1): T {
  if (dur instanceof IsoDuration) return applyCalendar(dt, dur, sign);
  if (dt instanceof PyDate) return (sign === 1 ? dt.add(dur) : dt.sub(dur)) as T;
  const d = dt as PyDateTime;
  return (sign === 1 ? d.add(dur) : d.sub(dur)) as T;
}

/**
 * The exact timedelta of a duration; throws `datetime_error` for years/months unless `start` is given
 * (then the calendar length from `start`, like isodate's `totimedelta(start=...)`).
 *
 * @example
 * ```ts
 * import { durationToTimedelta, parseIsoDuration } from "./duration.ts";
 * if (durationToTimedelta(parseIsoDuration("P2D")).totalSeconds() !== 172800) throw new Error();
 * ```
 */
export function durationToTimedelta(dur: Duration, start?: PyDateTime): PyTimedelta {
  if (dur instanceof PyTimedelta) return dur;
  if (start) return dur.totimedelta(start);
  throw new SpoutError(
    "datetime_error",
    `duration ${dur.toString()} has years or months, so it has no fixed length; use days/hours instead`,
  );
}

/**
 * Milliseconds of an ISO 8601 duration (rate-limit windows, backoff). Years/months are measured from
 * `startMs` (epoch milliseconds, default the epoch).
 *
 * @example
 * ```ts
 * import { parseDurationToMs } from "./duration.ts";
 * if (parseDurationToMs("PT1M") !== 60000) throw new Error();
 * if (parseDurationToMs("PT0.5S") !== 500) throw new Error();
 * ```
 */
export function parseDurationToMs(text: string, startMs = 0): number {
  const dur = parseIsoDuration(text);
  if (dur instanceof PyTimedelta) return dur.totalMilliseconds();
  return dur.totimedelta(PyDateTime.now(startMs, 0)).totalMilliseconds();
}
