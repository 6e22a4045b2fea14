/**
 * Airbyte's `DatetimeParser`: strptime/strftime plus the special whole-format tokens `%s` (epoch seconds),
 * `%s_as_float`, `%ms` (epoch milliseconds), `%epoch_microseconds`, and the `%_ms` directive (milliseconds,
 * 3 digits). Parsed values without an offset are taken as UTC, like the reference.
 * @module
 */
import { SpoutError } from "../errors.ts";
import { PyDateTime } from "./datetime.ts";
import { compileStrptime } from "./strptime.ts";

function bad(text: string | number, format: string, why: string): SpoutError {
  return new SpoutError(
    "datetime_error",
    `cannot parse ${JSON.stringify(String(text))} with format '${format}': ${why}`,
  );
}

/**
 * Python `int(x)` for an int or str: optional sign, digits, underscores between digits, surrounding spaces.
 *
 * @example
 * ```ts
 * import { pyInt } from "./airbyte_datetime.ts";
 * if (pyInt(" -1_000 ") !== -1000n || pyInt(3.9) !== 3n) throw new Error();
 * ```
 */
export function pyInt(value: string | number): bigint {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new SpoutError("datetime_error", `cannot convert ${value} to int`);
    return BigInt(Math.trunc(value));
  }
  const t = value.trim();
  if (!/^[+-]?\d+(?:_\d+)*$/.test(t)) {
    throw new SpoutError("datetime_error", `invalid literal for int() with base 10: '${value}'`);
  }
  return BigInt(t.replace(/_/g, ""));
}

/**
 * Python `float(x)` for an int or str.
 *
 * @example
 * ```ts
 * import { pyFloat } from "./airbyte_datetime.ts";
 * if (pyFloat(" 1_000.5 ") !== 1000.5 || pyFloat("-inf") !== -Infinity) throw new Error();
 * ```
 */
export function pyFloat(value: string | number): number {
  if (typeof value === "number") return value;
  const t = value.trim().replace(/(\d)_(?=\d)/g, "$1");
  if (/^[+-]?(?:\d+\.?\d*(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?)$/i.test(t)) return Number(t);
  if (/^[+-]?(?:inf|infinity|nan)$/i.test(t)) return Number(t.replace(/inf(inity)?/i, "Infinity"));
  throw new SpoutError("datetime_error", `could not convert string to float: '${value}'`);
}

const EPOCH_US = 0n;

/**
 * Airbyte `DatetimeParser.parse(value, format)`.
 *
 * @example
 * ```ts
 * import { parseAirbyteDatetime } from "./airbyte_datetime.ts";
 * if (parseAirbyteDatetime("1700000000", "%s").toString() !== "2023-11-14 22:13:20+00:00") throw new Error();
 * if (parseAirbyteDatetime("2024-01-02", "%Y-%m-%d").offsetSeconds !== 0) throw new Error();
 * ```
 */
export function parseAirbyteDatetime(value: string | number, format: string): PyDateTime {
  switch (format) {
    case "%s":
      return PyDateTime.fromEpochMicros(pyInt(value) * 1_000_000n, 0);
    case "%s_as_float":
      return PyDateTime.fromTimestamp(pyFloat(value), 0);
    case "%epoch_microseconds":
      return PyDateTime.fromEpochMicros(EPOCH_US + pyInt(value), 0);
    case "%ms":
      return PyDateTime.fromEpochMicros(pyInt(value) * 1000n, 0);
  }
  const fmt = format.includes("%_ms") ? format.replaceAll("%_ms", "%f") : format;
  let parsed: PyDateTime;
  try {
    parsed = compileStrptime(fmt)(String(value));
  } catch (error) {
    if (error instanceof SpoutError) throw bad(value, format, error.message);
    throw error;
  }
  return parsed.offsetSeconds === null
    ? PyDateTime.fromWall(parsed.wallSeconds, parsed.microsecond, 0)
    : parsed;
}

/**
 * Python `str(float)` (repr) for finite numbers.
 *
 * @example
 * ```ts
 * import { pyFloatRepr } from "./airbyte_datetime.ts";
 * if (pyFloatRepr(1) !== "1.0" || pyFloatRepr(1e16) !== "1e+16" || pyFloatRepr(0.1) !== "0.1") throw new Error();
 * ```
 */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mantissa, expText] = x.toExponential().split("e");
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    return `${mantissa}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  const s = String(x);
  return s.includes(".") ? s : `${s}.0`;
}

/**
 * Airbyte `DatetimeParser.format(dt, format)`.
 *
 * @example
 * ```ts
 * import { formatAirbyteDatetime } from "./airbyte_datetime.ts";
 * import { PyDateTime } from "./datetime.ts";
 * const dt = PyDateTime.fromParts({ year: 2024, month: 1, day: 2, microsecond: 345678, offsetSeconds: 0 });
 * if (formatAirbyteDatetime(dt, "%ms") !== "1704153600345") throw new Error();
 * if (formatAirbyteDatetime(dt, "%Y-%m-%dT%H:%M:%S.%_msZ") !== "2024-01-02T00:00:00.345Z") throw new Error();
 * ```
 */
export function formatAirbyteDatetime(dt: PyDateTime, format: string): string {
  switch (format) {
    case "%s":
      return String(Math.trunc(dt.timestamp()));
    case "%s_as_float":
      return pyFloatRepr(dt.timestamp());
    case "%epoch_microseconds":
      return BigInt(Math.trunc(dt.timestamp() * 1_000_000)).toString();
    case "%ms":
      return BigInt(Math.trunc(dt.timestamp() * 1000)).toString();
  }
  if (format.includes("%_ms")) {
    const out = dt.strftime(format.replaceAll("%_ms", "%f"));
    const micros = dt.strftime("%f");
    const millis = String(Math.trunc(dt.microsecond / 1000)).padStart(3, "0");
    return out.replaceAll(micros, millis);
  }
  return dt.strftime(format);
}

/**
 * Tries `formats` in order with {@link parseAirbyteDatetime} (how cursors read values with
 * `cursor_datetime_formats` + `datetime_format`); throws `datetime_error` naming the formats when none match.
 *
 * @example
 * ```ts
 * import { parseWithFormats } from "./airbyte_datetime.ts";
 * const dt = parseWithFormats("2024-01-02", ["%s", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%d"]);
 * if (dt.toString() !== "2024-01-02 00:00:00+00:00") throw new Error(dt.toString());
 * ```
 */
export function parseWithFormats(value: string | number, formats: readonly string[]): PyDateTime {
  for (const format of formats) {
    try {
      return parseAirbyteDatetime(value, format);
    } catch (error) {
      if (!(error instanceof SpoutError) || error.code !== "datetime_error") throw error;
    }
  }
  throw new SpoutError(
    "datetime_error",
    `No format in ${JSON.stringify(formats)} matching ${JSON.stringify(String(value))}: ` +
      "add the value's format to cursor_datetime_formats",
  );
}

/**
 * The concurrent cursor's ISO-millis state format: `YYYY-MM-DDTHH:MM:SS.mmmZ` built from the datetime's own
 * fields (no conversion to UTC, like the reference).
 *
 * @example
 * ```ts
 * import { formatIsoMillisZ } from "./airbyte_datetime.ts";
 * import { PyDateTime } from "./datetime.ts";
 * const dt = PyDateTime.fromParts({ year: 2024, month: 1, day: 2, hour: 3, microsecond: 678901, offsetSeconds: 7200 });
 * if (formatIsoMillisZ(dt) !== "2024-01-02T03:00:00.678Z") throw new Error();
 * ```
 */
export function formatIsoMillisZ(dt: PyDateTime): string {
  const p = (n: number, w: number) => String(n).padStart(w, "0");
  return `${p(dt.year, 4)}-${p(dt.month, 2)}-${p(dt.day, 2)}T${p(dt.hour, 2)}:${p(dt.minute, 2)}:${
    p(dt.second, 2)
  }.${p(Math.floor(dt.microsecond / 1000), 3)}Z`;
}
