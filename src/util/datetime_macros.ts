/**
 * The date/time Jinja macros of Airbyte manifests (`now_utc`, `today_utc`, `day_delta`, `duration`,
 * `format_datetime`, `str_to_datetime`, `timestamp`) with the reference's exact input handling. "Now" is
 * always passed in (from `Env.now()`), so templates are deterministic under test.
 * @module
 */
import { SpoutError } from "../errors.ts";
import { formatAirbyteDatetime, parseAirbyteDatetime } from "./airbyte_datetime.ts";
import { type PyDate, PyDateTime } from "./datetime.ts";
import { type Duration, parseIsoDuration } from "./duration.ts";
import { strToDatetime } from "./isoparse.ts";
import { strptime } from "./strptime.ts";
import { PyTimedelta } from "./timedelta.ts";

/**
 * `now_utc()`: the current aware UTC datetime.
 *
 * @example
 * ```ts
 * import { nowUtc } from "./datetime_macros.ts";
 * if (nowUtc(Date.UTC(2024, 0, 2, 3, 4, 5)).toString() !== "2024-01-02 03:04:05+00:00") throw new Error();
 * ```
 */
export function nowUtc(nowMs: number): PyDateTime {
  return PyDateTime.now(nowMs, 0);
}

/**
 * `today_utc()`: the current UTC date.
 *
 * @example
 * ```ts
 * import { todayUtc } from "./datetime_macros.ts";
 * if (todayUtc(Date.UTC(2024, 0, 2, 23, 59)).toString() !== "2024-01-02") throw new Error();
 * ```
 */
export function todayUtc(nowMs: number): PyDate {
  return PyDateTime.now(nowMs, 0).date();
}

/**
 * `day_delta(num_days, format='%Y-%m-%dT%H:%M:%S.%f%z')`: now (UTC) plus `numDays`, formatted.
 *
 * @example
 * ```ts
 * import { dayDelta } from "./datetime_macros.ts";
 * const now = Date.UTC(2024, 0, 31, 12);
 * if (dayDelta(now, 1) !== "2024-02-01T12:00:00.000000+0000") throw new Error();
 * if (dayDelta(now, -30, "%Y-%m-%d") !== "2024-01-01") throw new Error();
 * ```
 */
export function dayDelta(nowMs: number, numDays: number, format = "%Y-%m-%dT%H:%M:%S.%f%z"): string {
  return nowUtc(nowMs).add(PyTimedelta.of({ days: numDays })).strftime(format);
}

/**
 * `duration(text)`: `isodate.parse_duration`.
 *
 * @example
 * ```ts
 * import { durationMacro } from "./datetime_macros.ts";
 * if (String(durationMacro("P1DT2H")) !== "1 day, 2:00:00") throw new Error(String(durationMacro("P1DT2H")));
 * ```
 */
export function durationMacro(text: string): Duration {
  return parseIsoDuration(text);
}

/**
 * `format_datetime(dt, format, input_format=None)` exactly as the reference dispatches on the input type:
 * a datetime is `strftime`-ed directly (so `%s` is strftime's); an integer is parsed with `input_format` or
 * `%s`; a string with `strptime(input_format)` or `str_to_datetime`; naive results become UTC; then
 * Airbyte's `DatetimeParser.format` (special `%s`, `%ms`, ... formats).
 *
 * @example
 * ```ts
 * import { formatDatetime } from "./datetime_macros.ts";
 * if (formatDatetime("2024-01-02T03:04:05+02:00", "%s") !== "1704157445") throw new Error();
 * if (formatDatetime(1700000000, "%Y-%m-%d") !== "2023-11-14") throw new Error();
 * ```
 */
export function formatDatetime(
  value: PyDateTime | string | number,
  format: string,
  inputFormat?: string | null,
): string {
  if (value instanceof PyDateTime) return value.strftime(format);
  let dt: PyDateTime;
  if (typeof value === "number") {
    if (!Number.isInteger(value)) {
      throw new SpoutError(
        "datetime_error",
        `format_datetime: cannot parse the float ${value}; pass an int or a string`,
      );
    }
    dt = parseAirbyteDatetime(value, inputFormat || "%s");
  } else if (typeof value === "string") {
    dt = inputFormat ? strptime(value, inputFormat) : strToDatetime(value);
  } else {
    throw new SpoutError("datetime_error", "format_datetime expects a datetime, a string or an integer");
  }
  if (dt.offsetSeconds === null) dt = dt.replace({ offsetSeconds: 0 });
  return formatAirbyteDatetime(dt, format);
}

/**
 * `timestamp(x)`: `int(x)` for numbers, else `str_to_datetime(x).timestamp()` (a float).
 *
 * @example
 * ```ts
 * import { timestampMacro } from "./datetime_macros.ts";
 * if (timestampMacro(1658505815.223235) !== 1658505815) throw new Error();
 * if (timestampMacro("2022-07-22T16:03:35Z") !== 1658505815) throw new Error();
 * ```
 */
export function timestampMacro(value: string | number): number {
  if (typeof value === "number") return Math.trunc(value);
  return strToDatetime(value).timestamp();
}
