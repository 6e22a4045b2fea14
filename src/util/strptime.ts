/**
 * Python `datetime.strptime` (CPython 3.11 `_strptime`, C locale, TZ=UTC): the format compiles to a
 * case-insensitive regular expression matched from the start; the whole input must be consumed; whitespace in
 * the format matches one or more whitespace characters; `%z` accepts `Z`, `+HHMM`, `+HH:MM` (and seconds).
 * Parsers are compiled once per format and cached.
 * @module
 */
import { SpoutError } from "../errors.ts";
import { civilFromDays, daysFromCivil, isLeapYear, isoWeekOneMonday, weekdayFromDays } from "./calendar.ts";
import { PyDateTime } from "./datetime.ts";
import { DAY_NAMES, MONTH_NAMES } from "./strftime.ts";

/** A compiled parser: text in, datetime out (throws `datetime_error` on mismatch). */
export type StrptimeParser = (text: string) => PyDateTime;

function names(list: string[], abbreviated: boolean): string {
  const items = list.map((n) => (abbreviated ? n.slice(0, 3) : n).toLowerCase());
  return [...items].sort((a, b) => b.length - a.length).join("|");
}

const DIRECTIVE_PATTERNS: Record<string, string> = {
  d: "3[0-1]|[1-2]\\d|0[1-9]|[1-9]| [1-9]",
  f: "[0-9]{1,6}",
  H: "2[0-3]|[0-1]\\d|\\d",
  I: "1[0-2]|0[1-9]|[1-9]",
  G: "\\d\\d\\d\\d",
  j: "36[0-6]|3[0-5]\\d|[1-2]\\d\\d|0[1-9]\\d|00[1-9]|[1-9]\\d|0[1-9]|[1-9]",
  m: "1[0-2]|0[1-9]|[1-9]",
  M: "[0-5]\\d|\\d",
  S: "6[0-1]|[0-5]\\d|\\d",
  U: "5[0-3]|[0-4]\\d|\\d",
  W: "5[0-3]|[0-4]\\d|\\d",
  w: "[0-6]",
  u: "[1-7]",
  V: "5[0-3]|0[1-9]|[1-4]\\d|\\d",
  y: "\\d\\d",
  Y: "\\d\\d\\d\\d",
  z: "[+-]\\d\\d:?[0-5]\\d(?::?[0-5]\\d(?:\\.\\d{1,6})?)?|Z",
  A: names(DAY_NAMES, false),
  a: names(DAY_NAMES, true),
  B: names(MONTH_NAMES, false),
  b: names(MONTH_NAMES, true),
  p: "am|pm",
  Z: "utc|gmt",
};
const COMPOSITES: Record<string, string> = { c: "%a %b %d %H:%M:%S %Y", x: "%m/%d/%y", X: "%H:%M:%S" };

function fail(message: string): SpoutError {
  return new SpoutError("datetime_error", message);
}

function quote(s: string): string {
  return `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** Builds the regex source and the ordered list of directive letters of a format. */
function buildPattern(format: string, fullFormat: string, keys: string[]): string {
  let out = "";
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === "%") {
      if (i + 1 >= format.length) throw fail(`stray % in format ${quote(fullFormat)}`);
      const d = format[++i];
      if (d === "%") out += "%";
      else if (d in COMPOSITES) out += buildPattern(COMPOSITES[d], fullFormat, keys);
      else if (d in DIRECTIVE_PATTERNS) {
        if (keys.includes(d)) throw fail(`redefinition of directive %${d} in format ${quote(fullFormat)}`);
        keys.push(d);
        out += `(${DIRECTIVE_PATTERNS[d]})`;
      } else throw fail(`'${d === "\\" ? "%" : d}' is a bad directive in format ${quote(fullFormat)}`);
    } else if (/\s/.test(ch)) {
      while (i + 1 < format.length && /\s/.test(format[i + 1])) i++;
      out += "\\s+";
    } else {
      out += /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
    }
  }
  return out;
}

const cache = new Map<string, StrptimeParser>();
const CACHE_MAX = 512;

/**
 * Compiles (and caches) a Python `strptime` format into a parser function.
 *
 * @example
 * ```ts
 * import { compileStrptime } from "./strptime.ts";
 * const parse = compileStrptime("%Y-%m-%dT%H:%M:%S.%f%z");
 * const dt = parse("2024-01-02T03:04:05.5+01:00");
 * if (dt.toString() !== "2024-01-02 03:04:05.500000+01:00") throw new Error(dt.toString());
 * ```
 */
export function compileStrptime(format: string): StrptimeParser {
  const hit = cache.get(format);
  if (hit) return hit;
  const keys: string[] = [];
  const regex = new RegExp(`^(?:${buildPattern(format, format, keys)})`, "iu");
  const parser: StrptimeParser = (text: string) => {
    const m = regex.exec(text);
    if (!m) throw fail(`time data ${quote(text)} does not match format ${quote(format)}`);
    if (m[0].length !== text.length) throw fail(`unconverted data remains: ${text.slice(m[0].length)}`);
    const found: Record<string, string> = {};
    keys.forEach((k, idx) => (found[k] = m[idx + 1]));
    if (found.z === "z") throw fail(`time data ${quote(text)} does not match format ${quote(format)}`);
    return build(found);
  };
  if (cache.size >= CACHE_MAX) cache.clear();
  cache.set(format, parser);
  return parser;
}

/**
 * Python's `datetime.strptime(text, format)`.
 *
 * @example
 * ```ts
 * import { strptime } from "./strptime.ts";
 * const dt = strptime("2024-01-02 03:04:05Z", "%Y-%m-%d %H:%M:%S%z");
 * if (dt.offsetSeconds !== 0 || dt.hour !== 3) throw new Error("bad");
 * ```
 */
export function strptime(text: string, format: string): PyDateTime {
  return compileStrptime(format)(text);
}

const lowerIndex = (list: string[], value: string, abbreviated: boolean) =>
  list.findIndex((n) => (abbreviated ? n.slice(0, 3) : n).toLowerCase() === value.toLowerCase());

function build(f: Record<string, string>): PyDateTime {
  let year: number | null = null;
  let isoYear: number | null = null;
  let month = 1, day = 1, hour = 0, minute = 0, second = 0, fraction = 0;
  let weekday: number | null = null; // Monday 0
  let julian: number | null = null;
  let weekOfYear: number | null = null;
  let weekStartsMonday = false;
  let isoWeek: number | null = null;
  let gmtoff: number | null = null;
  for (const key of Object.keys(f)) {
    const v = f[key];
    switch (key) {
      case "y": {
        const y = Number(v);
        year = y <= 68 ? y + 2000 : y + 1900;
        break;
      }
      case "Y":
        year = Number(v);
        break;
      case "G":
        isoYear = Number(v);
        break;
      case "m":
        month = Number(v);
        break;
      case "B":
        month = lowerIndex(MONTH_NAMES, v, false) + 1;
        break;
      case "b":
        month = lowerIndex(MONTH_NAMES, v, true) + 1;
        break;
      case "d":
        day = Number(v);
        break;
      case "H":
        hour = Number(v);
        break;
      case "I": {
        hour = Number(v);
        const ampm = (f.p ?? "").toLowerCase();
        if (ampm === "" || ampm === "am") {
          if (hour === 12) hour = 0;
        } else if (hour !== 12) hour += 12;
        break;
      }
      case "M":
        minute = Number(v);
        break;
      case "S":
        second = Number(v);
        break;
      case "f":
        fraction = Number(v.padEnd(6, "0"));
        break;
      case "A":
        weekday = lowerIndex(DAY_NAMES, v, false);
        break;
      case "a":
        weekday = lowerIndex(DAY_NAMES, v, true);
        break;
      case "w":
        weekday = (Number(v) + 6) % 7;
        break;
      case "u":
        weekday = Number(v) - 1;
        break;
      case "j":
        julian = Number(v);
        break;
      case "U":
      case "W":
        weekOfYear = Number(v);
        weekStartsMonday = key === "W";
        break;
      case "V":
        isoWeek = Number(v);
        break;
      case "z":
        gmtoff = parseOffset(v);
        break;
    }
  }
  if (year === null && isoYear !== null) {
    if (isoWeek === null || weekday === null) {
      throw fail(
        "ISO year directive '%G' must be used with the ISO week directive '%V' and a weekday directive",
      );
    }
    if (julian !== null) {
      throw fail("Day of the year directive '%j' is not compatible with ISO year directive '%G'");
    }
  } else if (weekOfYear === null && isoWeek !== null) {
    throw fail(
      weekday === null
        ? "ISO week directive '%V' must be used with the ISO year directive '%G' and a weekday directive"
        : "ISO week directive '%V' is incompatible with the year directive '%Y'. Use the ISO year '%G' instead.",
    );
  }
  const leapFix = year === null && month === 2 && day === 29;
  let y = year ?? (leapFix ? 1904 : 1900);
  if (julian === null && weekday !== null) {
    if (weekOfYear !== null) {
      julian = julianFromWeek(y, weekOfYear, weekday, weekStartsMonday);
    } else if (isoYear !== null && isoWeek !== null) {
      const days = isoWeekOneMonday(isoYear) + (isoWeek - 1) * 7 + weekday;
      y = civilFromDays(days)[0];
      julian = days - daysFromCivil(y, 1, 1) + 1;
    }
    if (julian !== null && julian <= 0) {
      y -= 1;
      julian += isLeapYear(y) ? 366 : 365;
    }
  }
  if (julian !== null) {
    const [ry, rm, rd] = civilFromDays(daysFromCivil(y, 1, 1) + julian - 1);
    y = ry;
    month = rm;
    day = rd;
  }
  if (leapFix) y = 1900;
  return PyDateTime.fromParts({
    year: y,
    month,
    day,
    hour,
    minute,
    second,
    microsecond: fraction,
    offsetSeconds: gmtoff,
    tzName: gmtoff !== null && f.Z ? f.Z : undefined,
  });
}

function julianFromWeek(year: number, week: number, dayOfWeek: number, mondayFirst: boolean): number {
  let first = weekdayFromDays(daysFromCivil(year, 1, 1));
  let dow = dayOfWeek;
  if (!mondayFirst) {
    first = (first + 1) % 7;
    dow = (dow + 1) % 7;
  }
  const week0 = (7 - first) % 7;
  if (week === 0) return 1 + dow - first;
  return 1 + week0 + 7 * (week - 1) + dow;
}

/** Parses a `%z` match (`Z`, `+HHMM`, `+HH:MM`, `+HH:MM:SS`) into seconds. */
function parseOffset(raw: string): number {
  if (raw === "Z") return 0;
  let z = raw;
  if (z[3] === ":") {
    z = z.slice(0, 3) + z.slice(4);
    if (z.length > 5) {
      if (z[5] !== ":") throw fail(`Inconsistent use of : in ${raw}`);
      z = z.slice(0, 5) + z.slice(6);
    }
  }
  const total = Number(z.slice(1, 3)) * 3600 + Number(z.slice(3, 5)) * 60 + Number(z.slice(5, 7) || 0);
  return z[0] === "-" ? -total : total;
}
