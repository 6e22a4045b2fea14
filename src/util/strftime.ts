/**
 * Python `strftime` as CPython 3.11 on Linux does it: `%f`, `%z`, `%Z` by Python, everything else by glibc in
 * the C locale (including glibc flags `-`, `_`, `0`, `^`, `#` and widths). Unknown directives are copied
 * through literally, like glibc. `%s` is the wall clock read as UTC (the reference runs with TZ=UTC).
 * @module
 */
import { dayOfYear, isoCalendar, SECONDS_PER_DAY, weekdayFromDays } from "./calendar.ts";

/** What `strftime` needs from a datetime or date. */
export interface StrftimeFields {
  /** Year. */
  readonly year: number;
  /** Month 1..12. */
  readonly month: number;
  /** Day of month. */
  readonly day: number;
  /** Hour. */
  readonly hour: number;
  /** Minute. */
  readonly minute: number;
  /** Second. */
  readonly second: number;
  /** Microsecond. */
  readonly microsecond: number;
  /** UTC offset seconds or null (naive). */
  readonly offsetSeconds: number | null;
  /** `tzname()` or null. */
  readonly tzName: string | null;
  /** Wall-clock seconds since the epoch. */
  readonly wallSeconds: number;
}

/** English day names, Monday first. */
export const DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
/** English month names, January first. */
export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

function num(value: number, width: number, padChar: string, flag: string, widthOverride: number): string {
  const s = String(Math.abs(value));
  const sign = value < 0 ? "-" : "";
  if (flag === "-") return sign + s;
  const w = widthOverride > 0 ? widthOverride : width;
  const p = flag === "_" ? " " : flag === "0" ? "0" : padChar;
  return (sign + s).padStart(w, p);
}

function text(value: string, flag: string, widthOverride: number, swapLower: boolean): string {
  let s = value;
  if (flag.includes("^")) s = s.toUpperCase();
  else if (flag.includes("#")) s = swapLower ? s.toLowerCase() : s.toUpperCase();
  return widthOverride > 0 ? s.padStart(widthOverride, flag.includes("0") ? "0" : " ") : s;
}

function hour12(h: number): number {
  const r = h % 12;
  return r === 0 ? 12 : r;
}

/** Sunday-first (`%U`) or Monday-first (`%W`) week number. */
function weekNumber(f: StrftimeFields, mondayFirst: boolean): number {
  const yday = dayOfYear(f.year, f.month, f.day) - 1;
  const wd = weekdayFromDays(Math.floor(f.wallSeconds / SECONDS_PER_DAY)); // Monday 0
  const w = mondayFirst ? wd : (wd + 1) % 7; // days since week start
  return Math.floor((yday + 7 - w) / 7);
}

function offsetText(offset: number | null): string {
  if (offset === null) return "";
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return `${sign}${two(h)}${two(m)}${s ? two(s) : ""}`;
}

const DIRECTIVE = /%([-_0^#]*)(\d*)([EO]?)(.?)/y;

/**
 * Formats like Python's `dt.strftime(format)`.
 *
 * @example
 * ```ts
 * import { formatStrftime } from "./strftime.ts";
 * import { PyDateTime } from "./datetime.ts";
 * const dt = PyDateTime.fromParts({ year: 2024, month: 3, day: 5, hour: 14, offsetSeconds: 3600 });
 * if (formatStrftime(dt, "%a %d %b %Y %I%p %z") !== "Tue 05 Mar 2024 02PM +0100") throw new Error("bad");
 * ```
 */
export function formatStrftime(f: StrftimeFields, format: string): string {
  const parts = compileFormat(format);
  let out = "";
  for (const part of parts) {
    if (typeof part === "string") out += part;
    else {
      const r = render(f, part.conv, part.flag, part.width, part.plain);
      // glibc copies an unknown conversion through literally, padded to the requested width.
      out += r ?? (part.width > 0 ? part.whole.padStart(part.width, " ") : part.whole);
    }
  }
  return out;
}

interface Directive {
  whole: string;
  conv: string;
  flag: string;
  width: number;
  plain: boolean;
}

const compiled = new Map<string, (string | Directive)[]>();

/** Splits a format into literal text and directives once; cached per format. */
function compileFormat(format: string): (string | Directive)[] {
  const hit = compiled.get(format);
  if (hit) return hit;
  const parts: (string | Directive)[] = [];
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf("%", i);
    if (pct < 0) {
      parts.push(format.slice(i));
      break;
    }
    if (pct > i) parts.push(format.slice(i, pct));
    DIRECTIVE.lastIndex = pct;
    const [whole, flag, widthText, , conv] = DIRECTIVE.exec(format)!;
    i = pct + whole.length;
    parts.push({
      whole,
      conv,
      flag,
      width: widthText ? Number(widthText) : 0,
      plain: flag === "" && widthText === "",
    });
  }
  if (compiled.size >= 512) compiled.clear();
  compiled.set(format, parts);
  return parts;
}

function render(
  f: StrftimeFields,
  conv: string,
  flag: string,
  width: number,
  plain: boolean,
): string | undefined {
  const n = (value: number, w: number, padChar = "0") =>
    num(value, w, padChar, flag.replace(/[\^#]/g, ""), width);
  const wd = () => weekdayFromDays(Math.floor(f.wallSeconds / SECONDS_PER_DAY));
  switch (conv) {
    case "%":
      return "%";
    case "f":
      return plain ? String(f.microsecond).padStart(6, "0") : undefined;
    case "z":
      return plain ? offsetText(f.offsetSeconds) : undefined;
    case "Z":
      // Python hands flagged forms to glibc with no zone in the struct tm: they render empty.
      return plain ? (f.tzName ?? "") : text("", flag, width, false);
    case "a":
      return text(DAY_NAMES[wd()].slice(0, 3), flag, width, false);
    case "A":
      return text(DAY_NAMES[wd()], flag, width, false);
    case "b":
    case "h":
      return text(MONTH_NAMES[f.month - 1].slice(0, 3), flag, width, false);
    case "B":
      return text(MONTH_NAMES[f.month - 1], flag, width, false);
    case "p":
      return text(f.hour < 12 ? "AM" : "PM", flag, width, true);
    case "P":
      return text(f.hour < 12 ? "am" : "pm", flag, width, false);
    case "c":
      return formatStrftime(f, "%a %b %e %H:%M:%S %Y");
    case "x":
    case "D":
      return formatStrftime(f, "%m/%d/%y");
    case "X":
    case "T":
      return formatStrftime(f, "%H:%M:%S");
    case "F":
      return `${n(f.year, 1)}-${formatStrftime(f, "%m-%d")}`;
    case "r":
      return formatStrftime(f, "%I:%M:%S %p");
    case "R":
      return formatStrftime(f, "%H:%M");
    case "C":
      return n(Math.floor(f.year / 100), 1);
    case "d":
      return n(f.day, 2);
    case "e":
      return n(f.day, 2, " ");
    case "m":
      return n(f.month, 2);
    case "y":
      return n(f.year % 100, 2);
    case "Y":
      return n(f.year, 1);
    case "G":
      return n(isoCalendar(f.year, f.month, f.day)[0], 1);
    case "g":
      return n(isoCalendar(f.year, f.month, f.day)[0] % 100, 2);
    case "V":
      return n(isoCalendar(f.year, f.month, f.day)[1], 2);
    case "H":
      return n(f.hour, 2);
    case "k":
      return n(f.hour, 2, " ");
    case "I":
      return n(hour12(f.hour), 2);
    case "l":
      return n(hour12(f.hour), 2, " ");
    case "M":
      return n(f.minute, 2);
    case "S":
      return n(f.second, 2);
    case "j":
      return n(dayOfYear(f.year, f.month, f.day), 3);
    case "u":
      return n(wd() + 1, 1);
    case "w":
      return n((wd() + 1) % 7, 1);
    case "U":
      return n(weekNumber(f, false), 2);
    case "W":
      return n(weekNumber(f, true), 2);
    case "s":
      return n(f.wallSeconds, 1);
    case "n":
      return "\n";
    case "t":
      return "\t";
    default:
      return undefined;
  }
}
