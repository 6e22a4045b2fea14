/**
 * Python `datetime.datetime` / `datetime.date` semantics for manifests: fixed-offset or naive datetimes with
 * microsecond precision, exact arithmetic with {@link PyTimedelta}, Python's `str()`, `isoformat()`,
 * `timestamp()`, comparisons and `strftime`.
 *
 * Time zones are fixed UTC offsets (what Airbyte manifests produce: `timezone.utc`, `pytz.utc`, parsed
 * `+hh:mm`). The process-local time zone of the reference is taken to be UTC, so a naive datetime's
 * `timestamp()` and `astimezone()` treat it as UTC.
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
import { PyDate } from "./date.ts";
import { formatStrftime } from "./strftime.ts";
import { PyTimedelta, roundHalfEven } from "./timedelta.ts";

export { PyDate } from "./date.ts";
export type { DateAddend } from "./date.ts";

/** Something that can be added to a datetime besides a timedelta (an ISO duration with months/years). */
export interface DatetimeAddend {
  /** Returns `dt + sign * self`. */
  addTo(dt: PyDateTime, sign: 1 | -1): PyDateTime;
}

/** Fields of {@link PyDateTime.fromParts}. */
export interface DateTimeParts {
  /** 1..9999 */
  year: number;
  /** 1..12 */
  month: number;
  /** 1..days in month */
  day: number;
  /** 0..23 */
  hour?: number;
  /** 0..59 */
  minute?: number;
  /** 0..59 */
  second?: number;
  /** 0..999999 */
  microsecond?: number;
  /** UTC offset in seconds; `null`/absent = naive. */
  offsetSeconds?: number | null;
  /** `tzname()` override (`null` = Python's `None`); default is `timezone`'s name (`UTC`, `UTC+01:00`). */
  tzName?: string | null;
}

/** Fields of {@link PyDateTime.replace}; `offsetSeconds: null` makes the result naive. */
export type ReplaceParts = Partial<DateTimeParts>;

/**
 * Python `timezone(timedelta(seconds=offset))`'s name.
 *
 * @example
 * ```ts
 * import { defaultTzName } from "./datetime.ts";
 * if (defaultTzName(0) !== "UTC" || defaultTzName(-5 * 3600) !== "UTC-05:00") throw new Error();
 * ```
 */
export function defaultTzName(offsetSeconds: number): string {
  if (offsetSeconds === 0) return "UTC";
  return `UTC${formatOffset(offsetSeconds, ":")}`;
}

/**
 * Formats an offset as `+HH:MM` (plus `:SS` when needed); `sep` is put between the fields.
 *
 * @example
 * ```ts
 * import { formatOffset } from "./datetime.ts";
 * if (formatOffset(5 * 3600 + 30 * 60, ":") !== "+05:30" || formatOffset(-3600, "") !== "-0100") throw new Error();
 * ```
 */
export function formatOffset(offsetSeconds: number, sep: string): string {
  const sign = offsetSeconds < 0 ? "-" : "+";
  const abs = Math.abs(offsetSeconds);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  return `${sign}${pad(h, 2)}${sep}${pad(m, 2)}${s ? `${sep}${pad(s, 2)}` : ""}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function rangeError(message: string): SpoutError {
  return new SpoutError("datetime_error", message);
}

/** Timespecs of Python's `isoformat`. */
export type Timespec = "auto" | "hours" | "minutes" | "seconds" | "milliseconds" | "microseconds";

/**
 * A Python `datetime.datetime` (naive or with a fixed UTC offset).
 *
 * @example
 * ```ts
 * import { PyDateTime } from "./datetime.ts";
 * import { PyTimedelta } from "./timedelta.ts";
 * const dt = PyDateTime.fromParts({ year: 2024, month: 1, day: 31, hour: 23, offsetSeconds: 0 });
 * const next = dt.add(PyTimedelta.of({ hours: 2 }));
 * if (next.toString() !== "2024-02-01 01:00:00+00:00") throw new Error(next.toString());
 * if (next.strftime("%Y-%m-%dT%H:%M:%SZ") !== "2024-02-01T01:00:00Z") throw new Error("strftime");
 * ```
 */
export class PyDateTime {
  /** Wall-clock seconds since 1970-01-01 (the local time read as if it were UTC). */
  readonly wallSeconds: number;
  /** Year 1..9999. */
  readonly year: number;
  /** Month 1..12. */
  readonly month: number;
  /** Day of month. */
  readonly day: number;
  /** Hour 0..23. */
  readonly hour: number;
  /** Minute 0..59. */
  readonly minute: number;
  /** Second 0..59. */
  readonly second: number;
  /** Microsecond 0..999999. */
  readonly microsecond: number;
  /** UTC offset in seconds, or `null` for a naive datetime. */
  readonly offsetSeconds: number | null;
  /** Python's `tzname()` (`null` for naive datetimes or offsets without a name). */
  readonly tzName: string | null;

  private constructor(
    wallSeconds: number,
    microsecond: number,
    offsetSeconds: number | null,
    tzName?: string | null,
  ) {
    if (wallSeconds < MIN_WALL || wallSeconds > MAX_WALL) {
      throw rangeError("date value out of range (years 1..9999)");
    }
    const days = Math.floor(wallSeconds / SECONDS_PER_DAY);
    const secs = wallSeconds - days * SECONDS_PER_DAY;
    const [y, m, d] = civilFromDays(days);
    this.wallSeconds = wallSeconds;
    this.year = y;
    this.month = m;
    this.day = d;
    this.hour = Math.floor(secs / 3600);
    this.minute = Math.floor((secs % 3600) / 60);
    this.second = secs % 60;
    this.microsecond = microsecond;
    this.offsetSeconds = offsetSeconds;
    this.tzName = offsetSeconds === null
      ? null
      : tzName === undefined
      ? defaultTzName(offsetSeconds)
      : tzName;
  }

  /** Builds from wall-clock seconds (integer) and a microsecond (0..999999). */
  static fromWall(
    wallSeconds: number,
    microsecond: number,
    offsetSeconds: number | null,
    tzName?: string | null,
  ): PyDateTime {
    return new PyDateTime(wallSeconds, microsecond, offsetSeconds, tzName);
  }

  /** Python's `datetime(year, month, day, ...)`; validates every field like Python. */
  static fromParts(parts: DateTimeParts): PyDateTime {
    const { year, month, day, hour = 0, minute = 0, second = 0, microsecond = 0 } = parts;
    const offset = parts.offsetSeconds ?? null;
    const check = (name: string, value: number, lo: number, hi: number) => {
      if (!Number.isInteger(value) || value < lo || value > hi) {
        throw rangeError(`${name} must be in ${lo}..${hi}, got ${value}`);
      }
    };
    check("year", year, 1, 9999);
    check("month", month, 1, 12);
    if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) {
      throw rangeError(`day is out of range for month: ${year}-${pad(month, 2)}-${day}`);
    }
    check("hour", hour, 0, 23);
    check("minute", minute, 0, 59);
    check("second", second, 0, 59);
    check("microsecond", microsecond, 0, 999999);
    if (offset !== null) check("UTC offset seconds", offset, -86399, 86399);
    const wall = daysFromCivil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
    return new PyDateTime(wall, microsecond, offset, parts.tzName);
  }

  /** From microseconds since the epoch (UTC), shown at `offsetSeconds` (`null` = naive UTC wall clock). */
  static fromEpochMicros(
    us: bigint | number,
    offsetSeconds: number | null,
    tzName?: string | null,
  ): PyDateTime {
    const big = typeof us === "bigint" ? us : BigInt(Math.round(us));
    let secs = big / 1_000_000n;
    let micro = big % 1_000_000n;
    if (micro < 0n) {
      micro += 1_000_000n;
      secs -= 1n;
    }
    return new PyDateTime(Number(secs) + (offsetSeconds ?? 0), Number(micro), offsetSeconds, tzName);
  }

  /** Python's `datetime.fromtimestamp(seconds, tz)` (fraction rounded half-even to microseconds). */
  static fromTimestamp(seconds: number, offsetSeconds: number | null = 0): PyDateTime {
    if (!Number.isFinite(seconds)) throw rangeError(`timestamp must be finite, got ${seconds}`);
    // CPython: frac, t = modf(t); us = round(frac * 1e6) (half-even), then carry into the seconds.
    let whole = Math.trunc(seconds);
    let micro = roundHalfEven((seconds - whole) * 1e6);
    if (micro >= 1_000_000) {
      whole += 1;
      micro -= 1_000_000;
    } else if (micro < 0) {
      whole -= 1;
      micro += 1_000_000;
    }
    return new PyDateTime(whole + (offsetSeconds ?? 0), micro, offsetSeconds);
  }

  /** `datetime.now(tz)` from an injected clock (`Env.now()` milliseconds). */
  static now(nowMs: number, offsetSeconds: number | null = 0): PyDateTime {
    return PyDateTime.fromEpochMicros(BigInt(Math.round(nowMs * 1000)), offsetSeconds);
  }

  /** True when there is no UTC offset. */
  get isNaive(): boolean {
    return this.offsetSeconds === null;
  }

  /** UTC seconds since the epoch (naive datetimes are read as UTC), integer part. */
  get epochSeconds(): number {
    return this.wallSeconds - (this.offsetSeconds ?? 0);
  }

  /** Exact UTC microseconds since the epoch (naive read as UTC). */
  get epochMicros(): bigint {
    return BigInt(this.epochSeconds) * 1_000_000n + BigInt(this.microsecond);
  }

  /** UTC milliseconds since the epoch as a number (fractional when microseconds are not whole ms). */
  get epochMs(): number {
    return this.epochSeconds * 1000 + this.microsecond / 1000;
  }

  /** Python's `timestamp()` (float seconds; naive read as UTC, the reference's process time zone). */
  timestamp(): number {
    const us = this.epochMicros;
    if (us <= 9007199254740991n && us >= -9007199254740991n) return Number(us) / 1e6;
    return this.epochSeconds + this.microsecond / 1e6;
  }

  /** Monday 0 .. Sunday 6. */
  weekday(): number {
    return weekdayFromDays(Math.floor(this.wallSeconds / SECONDS_PER_DAY));
  }

  /** Monday 1 .. Sunday 7. */
  isoweekday(): number {
    return this.weekday() + 1;
  }

  /** `[isoYear, isoWeek, isoWeekday]`. */
  isocalendar(): [number, number, number] {
    return isoCalendar(this.year, this.month, this.day);
  }

  /** `utcoffset()` as a timedelta, or `null` when naive. */
  utcoffset(): PyTimedelta | null {
    return this.offsetSeconds === null ? null : new PyTimedelta(BigInt(this.offsetSeconds) * 1_000_000n);
  }

  /** Python's `strftime` (glibc directives, C locale). */
  strftime(format: string): string {
    return formatStrftime(this, format);
  }

  /** Python's `isoformat(sep, timespec)`. */
  isoformat(sep = "T", timespec: Timespec = "auto"): string {
    const date = `${pad(this.year, 4)}-${pad(this.month, 2)}-${pad(this.day, 2)}`;
    let time: string;
    switch (timespec) {
      case "hours":
        time = pad(this.hour, 2);
        break;
      case "minutes":
        time = `${pad(this.hour, 2)}:${pad(this.minute, 2)}`;
        break;
      case "seconds":
      case "milliseconds":
      case "microseconds":
      case "auto": {
        time = `${pad(this.hour, 2)}:${pad(this.minute, 2)}:${pad(this.second, 2)}`;
        if (timespec === "milliseconds") time += `.${pad(Math.floor(this.microsecond / 1000), 3)}`;
        else if (timespec === "microseconds" || (timespec === "auto" && this.microsecond !== 0)) {
          time += `.${pad(this.microsecond, 6)}`;
        }
        break;
      }
      default:
        throw rangeError(`Unknown timespec value: ${String(timespec)}`);
    }
    const off = this.offsetSeconds === null ? "" : formatOffset(this.offsetSeconds, ":");
    return `${date}${sep}${time}${off}`;
  }

  /** Python's `str(dt)`: `isoformat(" ")`. */
  toString(): string {
    return this.isoformat(" ");
  }

  /** JSON form: Python's `str(dt)`. */
  toJSON(): string {
    return this.toString();
  }

  /** `self + td` (or an ISO duration with months/years); keeps the offset like Python. */
  add(other: PyTimedelta | DatetimeAddend): PyDateTime {
    if (!(other instanceof PyTimedelta)) return other.addTo(this, 1);
    return this.#shift(other, 1);
  }

  /** `self - other`: a timedelta for a datetime, otherwise a datetime. */
  sub(other: PyDateTime): PyTimedelta;
  /** `self - td`. */
  sub(other: PyTimedelta | DatetimeAddend): PyDateTime;
  /** `self - other`. */
  sub(other: PyDateTime | PyTimedelta | DatetimeAddend): PyDateTime | PyTimedelta;
  sub(other: PyDateTime | PyTimedelta | DatetimeAddend): PyDateTime | PyTimedelta {
    if (other instanceof PyDateTime) {
      this.#assertComparable(other, "subtract");
      return new PyTimedelta(this.epochMicros - other.epochMicros);
    }
    if (!(other instanceof PyTimedelta)) return other.addTo(this, -1);
    return this.#shift(other, -1);
  }

  #shift(td: PyTimedelta, sign: 1 | -1): PyDateTime {
    let micro = this.microsecond + sign * td.microseconds;
    let wall = this.wallSeconds + sign * (td.days * SECONDS_PER_DAY + td.seconds);
    if (micro >= 1_000_000) {
      micro -= 1_000_000;
      wall += 1;
    } else if (micro < 0) {
      micro += 1_000_000;
      wall -= 1;
    }
    return new PyDateTime(wall, micro, this.offsetSeconds, this.tzName);
  }

  /** Python's `replace(...)`; `offsetSeconds: null` drops the offset (naive), `undefined` keeps it. */
  replace(parts: ReplaceParts): PyDateTime {
    const offset = parts.offsetSeconds === undefined ? this.offsetSeconds : parts.offsetSeconds;
    return PyDateTime.fromParts({
      year: parts.year ?? this.year,
      month: parts.month ?? this.month,
      day: parts.day ?? this.day,
      hour: parts.hour ?? this.hour,
      minute: parts.minute ?? this.minute,
      second: parts.second ?? this.second,
      microsecond: parts.microsecond ?? this.microsecond,
      offsetSeconds: offset,
      tzName: parts.tzName !== undefined
        ? parts.tzName
        : parts.offsetSeconds === undefined
        ? this.tzName
        : undefined,
    });
  }

  /** Python's `astimezone(tz)`; naive inputs are read as UTC (the local zone), `null` means UTC. */
  astimezone(offsetSeconds: number | null, tzName?: string | null): PyDateTime {
    const target = offsetSeconds ?? 0;
    return new PyDateTime(this.epochSeconds + target, this.microsecond, target, tzName);
  }

  /** The calendar date. */
  date(): PyDate {
    return PyDate.fromEpochDays(Math.floor(this.wallSeconds / SECONDS_PER_DAY));
  }

  /** Python's `datetime.combine(date, time())`: midnight of `date`, naive unless an offset is given. */
  static combine(date: PyDate, offsetSeconds: number | null = null): PyDateTime {
    return new PyDateTime(date.wallSeconds, 0, offsetSeconds);
  }

  /** Negative/zero/positive like Python's `<`/`==`/`>`; throws when mixing naive and aware like Python. */
  compare(other: PyDateTime): number {
    this.#assertComparable(other, "compare");
    const a = this.epochSeconds;
    const b = other.epochSeconds;
    if (a !== b) return a < b ? -1 : 1;
    return this.microsecond === other.microsecond ? 0 : this.microsecond < other.microsecond ? -1 : 1;
  }

  /** Python's `==` (naive never equals aware). */
  equals(other: PyDateTime): boolean {
    if ((this.offsetSeconds === null) !== (other.offsetSeconds === null)) return false;
    return this.epochSeconds === other.epochSeconds && this.microsecond === other.microsecond;
  }

  #assertComparable(other: PyDateTime, op: string): void {
    if ((this.offsetSeconds === null) !== (other.offsetSeconds === null)) {
      throw new SpoutError("datetime_error", `can't ${op} offset-naive and offset-aware datetimes`);
    }
  }
}
