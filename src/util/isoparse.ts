/**
 * `dateutil.parser.isoparse` semantics (what Airbyte's `str_to_datetime` and `format_datetime` use):
 * `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, `YYYYMMDD`, week dates `YYYY-Www-D`, ordinal dates `YYYY-DDD`; any single
 * separator character before the time; `HH`, `HH:MM`, `HH:MM:SS`, `HHMMSS`, fractions with `.` or `,`
 * (truncated to microseconds); `24:00` as next midnight; offsets `Z`, `±HH`, `±HHMM`, `±HH:MM`.
 * @module
 */
import { SpoutError } from "../errors.ts";
import { civilFromDays, daysFromCivil, isLeapYear, isoWeekOneMonday } from "./calendar.ts";
import { PyDateTime } from "./datetime.ts";
import { PyTimedelta } from "./timedelta.ts";

function fail(text: string, why: string): SpoutError {
  return new SpoutError(
    "datetime_error",
    `cannot parse ${JSON.stringify(text)} as an ISO 8601 datetime: ${why}`,
  );
}

/** Python `int()` on a short ASCII slice (digits with optional sign / surrounding spaces). */
function int(s: string, text: string): number {
  if (!/^\s*[+-]?\d+\s*$/.test(s)) throw fail(text, `invalid number '${s}'`);
  return Number(s);
}

interface Offset {
  seconds: number;
  name: string | null;
}

function parseDateCommon(s: string, text: string): [number[], number] {
  if (s.length < 4) throw fail(text, "ISO string too short");
  const c = [int(s.slice(0, 4), text), 1, 1];
  let pos = 4;
  if (pos >= s.length) return [c, pos];
  const hasSep = s[pos] === "-";
  if (hasSep) pos++;
  if (s.length - pos < 2) throw fail(text, "invalid common month");
  c[1] = int(s.slice(pos, pos + 2), text);
  pos += 2;
  if (pos >= s.length) {
    if (hasSep) return [c, pos];
    throw fail(text, "invalid ISO format");
  }
  if (hasSep) {
    if (s[pos] !== "-") throw fail(text, "invalid separator in ISO string");
    pos++;
  }
  if (s.length - pos < 2) throw fail(text, "invalid common day");
  c[2] = int(s.slice(pos, pos + 2), text);
  return [c, pos + 2];
}

function parseDateUncommon(s: string, text: string): [number[], number] {
  if (s.length < 4) throw fail(text, "ISO string too short");
  const year = int(s.slice(0, 4), text);
  const hasSep = s[4] === "-";
  let pos = 4 + (hasSep ? 1 : 0);
  let days: number;
  if (s[pos] === "W") {
    pos++;
    const week = int(s.slice(pos, pos + 2), text);
    pos += 2;
    let dayno = 1;
    if (s.length > pos) {
      if ((s[pos] === "-") !== hasSep) throw fail(text, "inconsistent use of dash separator");
      pos += hasSep ? 1 : 0;
      dayno = int(s.slice(pos, pos + 1), text);
      pos++;
    }
    if (week < 1 || week > 53) throw fail(text, `invalid week: ${week}`);
    if (dayno < 1 || dayno > 7) throw fail(text, `invalid weekday: ${dayno}`);
    days = isoWeekOneMonday(year) + (week - 1) * 7 + dayno - 1;
  } else {
    if (s.length - pos < 3) throw fail(text, "invalid ordinal day");
    const ordinal = int(s.slice(pos, pos + 3), text);
    pos += 3;
    if (ordinal < 1 || ordinal > (isLeapYear(year) ? 366 : 365)) {
      throw fail(text, `invalid ordinal day ${ordinal} for year ${year}`);
    }
    days = daysFromCivil(year, 1, 1) + ordinal - 1;
  }
  return [civilFromDays(days), pos];
}

/** dateutil `_parse_tzstr`: `Z`, `±HH`, `±HHMM`, `±HH:MM` (zero offsets become UTC). */
function parseTz(s: string, text: string): Offset {
  if (s === "Z" || s === "z") return { seconds: 0, name: "UTC" };
  if (![3, 5, 6].includes(s.length)) throw fail(text, "time zone offset must be 1, 3, 5 or 6 characters");
  let mult: number;
  if (s[0] === "-") mult = -1;
  else if (s[0] === "+") mult = 1;
  else throw fail(text, "time zone offset requires sign");
  const hours = int(s.slice(1, 3), text);
  const minutes = s.length === 3 ? 0 : int(s.slice(s[3] === ":" ? 4 : 3), text);
  if (hours === 0 && minutes === 0) return { seconds: 0, name: "UTC" };
  if (minutes > 59) throw fail(text, "invalid minutes in time zone offset");
  if (hours > 23) throw fail(text, "invalid hours in time zone offset");
  return { seconds: mult * (hours * 60 + minutes) * 60, name: null };
}

const FRACTION = /^[.,]([0-9]+)/;

function parseTime(s: string, text: string): [number[], Offset | null] {
  const c = [0, 0, 0, 0];
  let tz: Offset | null = null;
  let pos = 0;
  let comp = -1;
  if (s.length < 2) throw fail(text, "ISO time too short");
  let hasSep = false;
  while (pos < s.length && comp < 5) {
    comp++;
    if ("-+Zz".includes(s[pos])) {
      tz = parseTz(s.slice(pos), text);
      pos = s.length;
      break;
    }
    if (comp === 1 && s[pos] === ":") {
      hasSep = true;
      pos++;
    } else if (comp === 2 && hasSep) {
      if (s[pos] !== ":") throw fail(text, "inconsistent use of colon separator");
      pos++;
    }
    if (comp < 3) {
      c[comp] = int(s.slice(pos, pos + 2), text);
      pos += 2;
    }
    if (comp === 3) {
      const frac = FRACTION.exec(s.slice(pos));
      if (!frac) continue;
      const us = frac[1].slice(0, 6);
      c[3] = Number(us) * 10 ** (6 - us.length);
      pos += frac[0].length;
    }
  }
  if (pos < s.length) throw fail(text, "unused components in ISO string");
  if (c[0] === 24 && (c[1] !== 0 || c[2] !== 0 || c[3] !== 0)) {
    throw fail(text, "hour may only be 24 at 24:00:00.000");
  }
  return [c, tz];
}

/**
 * `dateutil.parser.isoparse(text)`: naive unless the text has an offset.
 *
 * @example
 * ```ts
 * import { isoparse } from "./isoparse.ts";
 * if (isoparse("2024-01-02T03:04:05.1234567+05:30").toString() !== "2024-01-02 03:04:05.123456+05:30") {
 *   throw new Error("bad");
 * }
 * if (isoparse("20240102").isNaive !== true) throw new Error("naive");
 * ```
 */
export function isoparse(text: string): PyDateTime {
  // deno-lint-ignore no-control-regex
  if (typeof text !== "string" || /[^\x00-\x7f]/.test(text)) throw fail(String(text), "not an ASCII string");
  let date: number[];
  let pos: number;
  try {
    [date, pos] = parseDateCommon(text, text);
  } catch {
    [date, pos] = parseDateUncommon(text, text);
  }
  let time = [0, 0, 0, 0];
  let tz: Offset | null = null;
  if (text.length > pos) [time, tz] = parseTime(text.slice(pos + 1), text);
  const plus = time[0] === 24;
  let dt: PyDateTime;
  try {
    dt = PyDateTime.fromParts({
      year: date[0],
      month: date[1],
      day: date[2],
      hour: plus ? 0 : time[0],
      minute: time[1],
      second: time[2],
      microsecond: time[3],
      offsetSeconds: tz ? tz.seconds : null,
      tzName: tz ? tz.name : undefined,
    });
  } catch (error) {
    throw fail(text, error instanceof Error ? error.message : String(error));
  }
  return plus ? dt.add(PyTimedelta.of({ days: 1 })) : dt;
}

/**
 * Airbyte's `str_to_datetime(s)` macro: `isoparse`, naive read as UTC, converted to UTC.
 *
 * @example
 * ```ts
 * import { strToDatetime } from "./isoparse.ts";
 * if (strToDatetime("2024-01-02T03:00:00-02:00").toString() !== "2024-01-02 05:00:00+00:00") throw new Error();
 * ```
 */
export function strToDatetime(text: string): PyDateTime {
  const dt = isoparse(text);
  return dt.astimezone(0);
}
