/**
 * Airbyte's interpolation macros (now_utc, today_utc, today_with_timezone, timestamp, max, min, day_delta,
 * duration, format_datetime, str_to_datetime, sanitize_url, camel_case_to_snake_case, generate_uuid) and the
 * Jinja globals the reference keeps (`namespace`, `dict`; `range` is removed upstream).
 * @module
 */

import { formatAirbyteDatetime, parseAirbyteDatetime } from "../../util/airbyte_datetime.ts";
import { PyDate, PyDateTime } from "../../util/datetime.ts";
import { parseIsoDuration } from "../../util/duration.ts";
import { strToDatetime } from "../../util/isoparse.ts";
import { strptime } from "../../util/strptime.ts";
import { PyTimedelta } from "../../util/timedelta.ts";
import type { Runtime } from "./evaluator.ts";
import { iterate } from "./ops.ts";
import {
  isDict,
  isInt,
  isNumeric,
  type Kwargs,
  mkFloat,
  num,
  ownSet,
  PyCallable,
  pyCompare,
  type PyDict,
  PyError,
  PyNamespace,
  PyUndefined,
  typeName,
} from "./py_value.ts";

/** A global function: positional args, keyword args, runtime services. */
export type GlobalFn = (args: unknown[], kwargs: Kwargs, rt: Runtime) => unknown;

function arg(args: unknown[], kwargs: Kwargs, i: number, name: string, dflt?: unknown): unknown {
  if (i < args.length) return args[i];
  if (kwargs.has(name)) return kwargs.get(name);
  if (dflt === undefined) throw new PyError("TypeError", `missing required argument '${name}'`);
  return dflt;
}

function strArg(v: unknown, fn: string): string {
  if (typeof v !== "string") throw new PyError("TypeError", `${fn}() expected a string, got ${typeName(v)}`);
  return v;
}

function strToDt(v: unknown): PyDateTime {
  if (typeof v === "string") return strToDatetime(v);
  // dateutil measures the input first: short containers are a ValueError, other types a TypeError
  // dateutil first probes `.read` (Undefined fails there), then measures the input
  if (v instanceof PyUndefined) v.fail();
  if (Array.isArray(v) || isDict(v)) {
    throw new PyError("ValueError", "ISO string too short");
  }
  throw new PyError("TypeError", `Parser must be a string or character stream, not ${typeName(v)}`);
}

function dateIn(nowMs: number, timeZone: string): PyDate {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric" })
      .formatToParts(new Date(nowMs));
  } catch {
    throw new PyError("ValueError", `unknown timezone '${timeZone}'`);
  }
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value);
  return PyDate.fromParts(get("year"), get("month"), get("day"));
}

function extreme(args: unknown[], kwargs: Kwargs, sign: 1 | -1, name: string): unknown {
  if (kwargs.has("key")) throw new PyError("TypeError", `${name}() key= is not supported in templates`);
  if (args.length === 0) throw new PyError("TypeError", `${name} expected at least 1 argument, got 0`);
  const items = args.length === 1 ? iterate(args[0]) : args;
  if (items.length === 0) {
    if (kwargs.has("default")) return kwargs.get("default");
    throw new PyError("ValueError", `${name}() arg is an empty sequence`);
  }
  let best = items[0];
  for (const x of items.slice(1)) if (pyCompare(x, best, sign > 0 ? ">" : "<") * sign > 0) best = x;
  return best;
}

function quotePlus(s: string): string {
  let out = "";
  for (const b of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9_.\-~]/.test(c)) out += c;
    else if (c === " ") out += "+";
    else out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/** The global names templates can call. */
export const GLOBALS: Record<string, GlobalFn> = {
  now_utc: (_a, _k, rt) => PyDateTime.now(rt.now(), 0),
  today_utc: (_a, _k, rt) => PyDateTime.now(rt.now(), 0).date(),
  today_with_timezone: (a, k, rt) =>
    dateIn(rt.now(), strArg(arg(a, k, 0, "timezone"), "today_with_timezone")),
  timestamp: (a, k) => {
    const dt = arg(a, k, 0, "dt");
    if (isNumeric(dt) && typeof dt !== "boolean") return Math.trunc(num(dt));
    return mkFloat(strToDt(dt).timestamp());
  },
  str_to_datetime: (a, k) => strToDt(arg(a, k, 0, "s")),
  max: (a, k) => extreme(a, k, 1, "max"),
  min: (a, k) => extreme(a, k, -1, "min"),
  day_delta: (a, k, rt) => {
    const days = arg(a, k, 0, "num_days");
    if (!isNumeric(days)) {
      throw new PyError("TypeError", `unsupported type for timedelta days component: ${typeName(days)}`);
    }
    const format = strArg(arg(a, k, 1, "format", "%Y-%m-%dT%H:%M:%S.%f%z"), "day_delta");
    return PyDateTime.now(rt.now(), 0).add(PyTimedelta.of({ days: num(days) })).strftime(format);
  },
  duration: (a, k) => parseIsoDuration(strArg(arg(a, k, 0, "datestring"), "duration")),
  format_datetime: (a, k) => {
    const dt = arg(a, k, 0, "dt");
    const format = strArg(arg(a, k, 1, "format"), "format_datetime");
    const inputFormat = arg(a, k, 2, "input_format", null);
    if (dt instanceof PyDateTime) return dt.strftime(format);
    let parsed: PyDateTime;
    if (isInt(dt)) {
      parsed = parseAirbyteDatetime(dt, inputFormat === null ? "%s" : strArg(inputFormat, "format_datetime"));
    } else if (inputFormat !== null) {
      parsed = strptime(strArg(dt, "format_datetime"), strArg(inputFormat, "format_datetime"));
    } else parsed = strToDt(dt);
    if (parsed.offsetSeconds === null) parsed = parsed.replace({ offsetSeconds: 0 });
    return formatAirbyteDatetime(parsed, format);
  },
  sanitize_url: (a, k) => quotePlus(strArg(arg(a, k, 0, "value"), "sanitize_url")),
  camel_case_to_snake_case: (a, k) =>
    strArg(arg(a, k, 0, "value"), "camel_case_to_snake_case").replace(/(?<!^)(?=[A-Z])/g, "_").toLowerCase(),
  generate_uuid: (_a, _k, rt) => rt.uuid(),
  namespace: (a, k) => {
    const ns = new PyNamespace();
    for (const src of a) {
      if (!isDict(src)) throw new PyError("TypeError", "namespace() positional argument must be a dict");
      for (const key of Object.keys(src)) ns.attrs.set(key, src[key]);
    }
    for (const [key, v] of k) ns.attrs.set(key, v);
    return ns;
  },
  dict: (a, k) => {
    const d: PyDict = {};
    for (const src of a) {
      if (!isDict(src)) throw new PyError("TypeError", "dict() positional argument must be a dict");
      for (const key of Object.keys(src)) ownSet(d, key, src[key]);
    }
    for (const [key, v] of k) ownSet(d, key, v);
    return d;
  },
};

/** Names the reference treats as globals (never "undeclared"). */
export const GLOBAL_NAMES: ReadonlySet<string> = new Set([
  ...Object.keys(GLOBALS),
  "cycler",
  "joiner",
  "lipsum",
  "self",
]);

/**
 * Python's `json.loads` as a template function, for components that pass `json_loads` in their variables
 * (the JWT authenticator does): non-strings raise TypeError, invalid JSON raises ValueError.
 *
 * @example
 * ```ts
 * import { JSON_LOADS } from "./macros.ts";
 * const v = JSON_LOADS.fn(['{"a": 1}'], new Map()) as { a: number };
 * if (v.a !== 1) throw new Error("bad");
 * ```
 */
export const JSON_LOADS: PyCallable = new PyCallable("loads", (args) => {
  const s = args[0];
  if (typeof s !== "string") {
    throw new PyError("TypeError", `the JSON object must be str, bytes or bytearray, not ${typeName(s)}`);
  }
  try {
    return JSON.parse(s, (_k, v) => v);
  } catch (e) {
    throw new PyError("ValueError", `invalid JSON: ${(e as Error).message}`);
  }
});
