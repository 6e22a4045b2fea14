/**
 * Airbyte's `ab_datetime_parse` (used for state values, token expiry and rate-limit resets): epoch seconds
 * for digit strings (at most 10 digits, non-negative), strict `YYYY-MM-DD` dates, and otherwise the common
 * shapes `dateutil.parser.parse` accepts — ISO 8601 with `T`/space, `YYYY/MM/DD`, `MM/DD/YYYY`, basic
 * `YYYYMMDDTHHMMSS`, month names, `Z`/`UTC`/`GMT`/`±HH[:MM]` zones. Values without a zone are UTC; a zone is
 * kept as a fixed offset. Fields missing from the text (e.g. the day of `2024-01`) come from today's date,
 * like dateutil.
 * @module
 */
import { SpoutError } from "../errors.ts";
import { daysInMonth } from "./calendar.ts";
import { PyDateTime } from "./datetime.ts";
import { MONTH_NAMES } from "./strftime.ts";

function couldNot(text: string): SpoutError {
  return new SpoutError("datetime_error", `Could not parse datetime string: ${text}`);
}

/** Options of {@link parseFlexibleDatetime}. */
export interface FlexibleParseOptions {
  /** "Now" in epoch milliseconds, for fields the text leaves out (dateutil's default). Default: the clock. */
  nowMs?: number;
}

const TZ = String.raw`(?:\s*(Z|z|UTC|GMT|[A-Z]{3,5}|[+-]\d{1,2}(?::?\d{2})?))?`;
const TIME = String
  .raw`(?:(?:\s*[Tt]\s*|\s+)(\d{1,2})(?::(\d{1,2})(?::(\d{1,2})(?:[.,](\d*))?)?)?(?:\s*([AaPp][Mm]))?)?`;
const ISO_REST = new RegExp(`^${TIME}${TZ}\\s*$`);
const BASIC = /^(\d{4})(\d{2})(\d{2})[Tt](\d{2})(\d{2})?(\d{2})?(?:[.,](\d*))?/;
const YMD = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})/;
const MDY = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?!\d)/;
const YM = /^(\d{4})-(\d{1,2})$/;
const MONTH = String
  .raw`(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december)\.?`;
const WEEKDAY = String.raw`(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*,?\s+)?`;
const DMY_NAME = new RegExp(`^${WEEKDAY}(\\d{1,2})[\\s-]+${MONTH},?[\\s-]+(\\d{4})`, "i");
const MDY_NAME = new RegExp(`^${WEEKDAY}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})`, "i");

function monthOf(name: string): number {
  const key = name.toLowerCase().slice(0, 3);
  return MONTH_NAMES.findIndex((m) => m.toLowerCase().startsWith(key)) + 1;
}

function twoDigitYear(y: number, nowYear: number): number {
  let year = y + Math.floor(nowYear / 100) * 100;
  if (year >= nowYear + 50) year -= 100;
  else if (year < nowYear - 50) year += 100;
  return year;
}

function zoneOf(tz: string | undefined): { offset: number | null; name?: string | null } {
  if (!tz) return { offset: null };
  if (tz === "Z" || tz === "z" || tz === "UTC" || tz === "GMT") return { offset: 0, name: "UTC" };
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(tz);
  if (!m) return { offset: null }; // unknown zone names are ignored by dateutil (naive)
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  const seconds = (m[1] === "-" ? -1 : 1) * (hours * 3600 + minutes * 60);
  return seconds === 0 ? { offset: 0, name: "UTC" } : { offset: seconds, name: null };
}

interface Fields {
  year: number;
  month: number;
  day: number | null;
  rest: string;
}

function dateFields(s: string, nowYear: number): Fields | null {
  let m = BASIC.exec(s);
  if (m) {
    return {
      year: Number(m[1]),
      month: Number(m[2]),
      day: Number(m[3]),
      rest: ` ${timeFromBasic(m)}${s.slice(m[0].length)}`,
    };
  }
  m = YMD.exec(s);
  if (m) return { year: Number(m[1]), month: Number(m[3]), day: Number(m[4]), rest: s.slice(m[0].length) };
  m = MDY.exec(s);
  if (m) {
    let month = Number(m[1]);
    let day = Number(m[3]);
    if (month > 12 && day <= 12) [month, day] = [day, month];
    const year = m[4].length === 2 ? twoDigitYear(Number(m[4]), nowYear) : Number(m[4]);
    return { year, month, day, rest: s.slice(m[0].length) };
  }
  m = YM.exec(s);
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: null, rest: "" };
  m = DMY_NAME.exec(s);
  if (m) return { year: Number(m[3]), month: monthOf(m[2]), day: Number(m[1]), rest: s.slice(m[0].length) };
  m = MDY_NAME.exec(s);
  if (m) return { year: Number(m[3]), month: monthOf(m[1]), day: Number(m[2]), rest: s.slice(m[0].length) };
  return null;
}

function timeFromBasic(m: RegExpExecArray): string {
  return `${m[4]}:${m[5] ?? "00"}:${m[6] ?? "00"}${m[7] !== undefined ? `.${m[7]}` : ""}`;
}

/**
 * Airbyte's `ab_datetime_parse(value)`; always returns an aware datetime (UTC unless the text has a zone).
 *
 * @example
 * ```ts
 * import { parseFlexibleDatetime } from "./flexible_datetime.ts";
 * if (parseFlexibleDatetime("2024-01-02 03:04:05").toString() !== "2024-01-02 03:04:05+00:00") throw new Error();
 * if (parseFlexibleDatetime(1700000000).toString() !== "2023-11-14 22:13:20+00:00") throw new Error();
 * if (parseFlexibleDatetime("2023-03-14T15:09:26-04:00").offsetSeconds !== -14400) throw new Error();
 * ```
 */
export function parseFlexibleDatetime(
  value: string | number,
  options: FlexibleParseOptions = {},
): PyDateTime {
  const text = String(value);
  if (typeof value === "number" || /^-?\d+$/.test(text)) {
    if (typeof value === "number" && !Number.isInteger(value)) throw couldNot(text);
    const ts = Number(text);
    if (ts < 0) throw new SpoutError("datetime_error", "Timestamp cannot be negative");
    if (String(Math.abs(ts)).length > 10) throw new SpoutError("datetime_error", "Timestamp value too large");
    return PyDateTime.fromEpochMicros(BigInt(ts) * 1_000_000n, 0);
  }
  const dashes = text.split("-").length - 1;
  const slashes = text.split("/").length - 1;
  if (!text.includes(":") && dashes === 2 && !text.includes("/")) {
    const parts = text.split("-");
    const nums = parts.map((p) => (/^\s*[+-]?\d+\s*$/.test(p) ? Number(p) : NaN));
    const [y, mo, d] = nums;
    if (
      nums.some(Number.isNaN) || mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1 || y > 9999 ||
      d > daysInMonth(y, mo)
    ) {
      throw new SpoutError("datetime_error", `Invalid date format: ${text}`);
    }
    return PyDateTime.fromParts({ year: y, month: mo, day: d, offsetSeconds: 0 });
  }
  if (text.includes(":") && dashes < 2 && slashes < 2) throw couldNot(text);
  const nowMs = options.nowMs ?? Date.now();
  const today = PyDateTime.now(nowMs, null);
  const s = text.trim();
  const f = dateFields(s, today.year);
  if (!f) throw couldNot(text);
  const m = ISO_REST.exec(f.rest);
  if (!m) throw couldNot(text);
  const [, hh, mi, ss, frac, ampm, tz] = m;
  let hour = hh === undefined ? 0 : Number(hh);
  if (ampm) {
    if (hour < 1 || hour > 12) throw couldNot(text);
    const pm = ampm.toLowerCase() === "pm";
    if (pm && hour !== 12) hour += 12;
    if (!pm && hour === 12) hour = 0;
  }
  const zone = zoneOf(tz);
  try {
    return PyDateTime.fromParts({
      year: f.year,
      month: f.month,
      day: f.day ?? Math.min(today.day, daysInMonth(f.year, f.month)),
      hour,
      minute: mi === undefined ? 0 : Number(mi),
      second: ss === undefined ? 0 : Number(ss),
      microsecond: frac ? Number(frac.slice(0, 6).padEnd(6, "0")) : 0,
      offsetSeconds: zone.offset ?? 0,
      tzName: zone.offset === null ? undefined : zone.name,
    });
  } catch {
    throw couldNot(text);
  }
}
