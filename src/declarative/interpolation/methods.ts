/**
 * The allow-list of Python methods templates may call, per value type (str, dict, list, datetime, date,
 * timedelta). Anything not listed here is invisible to templates.
 * @module
 */

import { PyDate, PyDateTime, type Timespec } from "../../util/datetime.ts";
import { PyTimedelta } from "../../util/timedelta.ts";
import { charge, MAX_LIST } from "./limits.ts";
import { dictKey, iterate } from "./ops.ts";
import {
  CaseInsensitiveDict,
  isDict,
  isInt,
  isNumeric,
  isTuple,
  type Kwargs,
  makeTuple,
  makeView,
  mkFloat,
  num,
  ownKey,
  ownSet,
  PyCallable,
  type PyDict,
  pyEq,
  PyError,
  pyRepr,
  pyStr,
  typeName,
} from "./py_value.ts";
import { STR_METHODS } from "./str_methods.ts";

type Method<T> = (self: T, args: unknown[], kwargs: Kwargs) => unknown;

/** Positional-or-keyword argument `i` / `name` of a method call. */
export function arg(args: unknown[], kwargs: Kwargs, i: number, name: string, dflt?: unknown): unknown {
  if (i < args.length) return args[i];
  if (kwargs.has(name)) return kwargs.get(name);
  if (dflt === undefined) throw new PyError("TypeError", `missing required argument '${name}'`);
  return dflt;
}

function dictView(d: PyDict): string[] {
  return Object.keys(d);
}

const DICT_METHODS: Record<string, Method<PyDict>> = {
  get: (d, a, k) => {
    const key = dictKey(arg(a, k, 0, "key"));
    const dflt = a.length > 1 ? a[1] : k.has("default") ? k.get("default") : null;
    if (key === undefined) return dflt;
    const r = ownKey(d, key);
    return r.found ? (r.value === undefined ? null : r.value) : dflt;
  },
  keys: (d) => makeView(dictView(d), "dict_keys"),
  values: (d) => makeView(dictView(d).map((key) => d[key] ?? null), "dict_values"),
  items: (d) => makeView(dictView(d).map((key) => makeTuple([key, d[key] ?? null])), "dict_items"),
  update: (d, a, k) => {
    const src = a.length > 0 ? a[0] : {};
    if (isDict(src)) { for (const key of Object.keys(src)) ownSet(d, key, src[key]); }
    else {
      for (const pair of iterate(src)) {
        const [key, v] = iterate(pair);
        ownSet(d, dictKey(key) ?? pyStr(key), v);
      }
    }
    for (const [key, v] of k) ownSet(d, key, v);
    return null;
  },
  pop: (d, a, k) => {
    const key = dictKey(arg(a, k, 0, "key"));
    const r = key === undefined ? { found: false } : ownKey(d, key);
    if (r.found) {
      delete d[key!];
      return r.value;
    }
    if (a.length > 1) return a[1];
    throw new PyError("KeyError", pyRepr(a[0]));
  },
  setdefault: (d, a, k) => {
    const key = dictKey(arg(a, k, 0, "key"))!;
    const r = ownKey(d, key);
    if (r.found) return r.value;
    const v = a.length > 1 ? a[1] : null;
    ownSet(d, key, v);
    return v;
  },
  copy: (d) => {
    const out: PyDict = {};
    for (const key of Object.keys(d)) ownSet(out, key, d[key]);
    return out;
  },
};

function listIndex(l: unknown[], v: unknown): number {
  const i = l.findIndex((x) => pyEq(x, v));
  if (i < 0) throw new PyError("ValueError", `${pyRepr(v)} is not in list`);
  return i;
}

function growCheck(l: unknown[], n: number): void {
  if (l.length + n > MAX_LIST) throw new PyError("LimitError", `list result exceeds ${MAX_LIST} items`);
}

const LIST_METHODS: Record<string, Method<unknown[]>> = {
  index: (l, a, k) => listIndex(l, arg(a, k, 0, "value")),
  count: (l, a, k) => l.filter((x) => pyEq(x, arg(a, k, 0, "value"))).length,
};
const MUTATING_LIST_METHODS: Record<string, Method<unknown[]>> = {
  append: (l, a, k) => {
    growCheck(l, 1);
    l.push(arg(a, k, 0, "object"));
    return null;
  },
  extend: (l, a, k) => {
    const items = iterate(arg(a, k, 0, "iterable"));
    growCheck(l, items.length);
    l.push(...items);
    return null;
  },
  insert: (l, a, k) => {
    growCheck(l, 1);
    let i = num(arg(a, k, 0, "index"));
    if (i < 0) i = Math.max(0, l.length + i);
    l.splice(Math.min(i, l.length), 0, arg(a, k, 1, "object"));
    return null;
  },
  pop: (l, a, k) => {
    if (l.length === 0) throw new PyError("IndexError", "pop from empty list");
    let i = num(arg(a, k, 0, "index", -1));
    if (i < 0) i += l.length;
    if (i < 0 || i >= l.length) throw new PyError("IndexError", "pop index out of range");
    return l.splice(i, 1)[0];
  },
  remove: (l, a, k) => {
    l.splice(listIndex(l, arg(a, k, 0, "value")), 1);
    return null;
  },
  reverse: (l) => {
    l.reverse();
    return null;
  },
  copy: (l) => [...l],
};

const TIMESPECS = ["auto", "hours", "minutes", "seconds", "milliseconds", "microseconds"];

function offsetOf(tz: unknown): number | null {
  if (tz === null) return null;
  if (tz instanceof PyTimedelta) return Number(tz.totalMicros / 1_000_000n);
  throw new PyError("TypeError", `tzinfo argument must be None or of a tzinfo subclass, not ${typeName(tz)}`);
}

const DATETIME_METHODS: Record<string, Method<PyDateTime>> = {
  strftime: (d, a, k) => d.strftime(String(arg(a, k, 0, "format"))),
  isoformat: (d, a, k) => {
    const ts = String(arg(a, k, 1, "timespec", "auto"));
    if (!TIMESPECS.includes(ts)) throw new PyError("ValueError", "Unknown timespec value");
    return d.isoformat(String(arg(a, k, 0, "sep", "T")), ts as Timespec);
  },
  timestamp: (d) => mkFloat(d.timestamp()),
  weekday: (d) => d.weekday(),
  isoweekday: (d) => d.isoweekday(),
  date: (d) => d.date(),
  replace: (d, a, k) => {
    if (a.length > 0) throw new PyError("TypeError", "replace() takes keyword arguments only in templates");
    const parts: Record<string, unknown> = {};
    for (const [key, v] of k) {
      if (key === "tzinfo") parts.offsetSeconds = offsetOf(v);
      else if (["year", "month", "day", "hour", "minute", "second", "microsecond"].includes(key)) {
        if (!isInt(v)) {
          throw new PyError("TypeError", `'${typeName(v)}' object cannot be interpreted as an integer`);
        }
        parts[key] = v;
      } else throw new PyError("TypeError", `'${key}' is an invalid keyword argument for replace()`);
    }
    return d.replace(parts);
  },
  astimezone: (d, a, k) => {
    const tz = arg(a, k, 0, "tz", null);
    return d.astimezone(offsetOf(tz));
  },
};

const DATE_METHODS: Record<string, Method<PyDate>> = {
  strftime: (d, a, k) => d.strftime(String(arg(a, k, 0, "format"))),
  isoformat: (d, a, k) => {
    if (a.length + k.size > 0) {
      throw new PyError("TypeError", `date.isoformat() takes no arguments (${a.length} given)`);
    }
    return d.isoformat();
  },
  weekday: (d) => d.weekday(),
  isoweekday: (d) => d.isoweekday(),
};

const TIMEDELTA_METHODS: Record<string, Method<PyTimedelta>> = {
  total_seconds: (t) => mkFloat(t.totalSeconds()),
};

function bind<T>(self: T, name: string, m: Method<T> | undefined): PyCallable | undefined {
  if (!m) return undefined;
  return new PyCallable(name, (args, kwargs) => {
    // string methods are linear in the string; dict views in the dict
    if (typeof self === "string") charge(1 + (self.length >> 4));
    else if (isDict(self) && name !== "get" && name !== "setdefault") charge(1 + Object.keys(self).length);
    return m(self, args, kwargs);
  });
}

/**
 * Returns the bound allow-listed method `name` of `obj`, or undefined when the type has no such method.
 *
 * @example
 * ```ts
 * import { getMethod } from "./methods.ts";
 * const upper = getMethod("abc", "upper");
 * if (upper?.fn([], new Map()) !== "ABC") throw new Error("bad");
 * ```
 */
export function getMethod(obj: unknown, name: string): PyCallable | undefined {
  if (!Object.hasOwn(METHOD_NAMES, name)) return undefined;
  if (typeof obj === "string") return bind(obj, name, own(STR_METHODS, name));
  if (Array.isArray(obj)) {
    return bind(
      obj,
      name,
      own(LIST_METHODS, name) ?? (isTuple(obj) ? undefined : own(MUTATING_LIST_METHODS, name)),
    );
  }
  if (obj instanceof PyDateTime) return bind(obj, name, own(DATETIME_METHODS, name));
  if (obj instanceof PyDate) return bind(obj, name, own(DATE_METHODS, name));
  if (obj instanceof PyTimedelta) return bind(obj, name, own(TIMEDELTA_METHODS, name));
  if (isDict(obj)) return bind(obj, name, own(DICT_METHODS, name));
  if (obj instanceof CaseInsensitiveDict) {
    if (name === "get") {
      return new PyCallable(name, (a, k) => {
        const key = arg(a, k, 0, "key");
        const r = typeof key === "string" ? obj.lookup(key) : { found: false };
        return r.found ? r.value ?? null : a.length > 1 ? a[1] : k.has("default") ? k.get("default") : null;
      });
    }
    const m = own(DICT_METHODS, name);
    return name === "keys" || name === "values" || name === "items" || name === "copy"
      ? bind(obj.data, name, m)
      : undefined;
  }
  if (isNumeric(obj) && name === "is_integer") {
    return new PyCallable(name, () => Number.isInteger(num(obj)));
  }
  return undefined;
}

function own<T>(table: Record<string, T>, name: string): T | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

const METHOD_NAMES: Record<string, true> = Object.fromEntries(
  [
    STR_METHODS,
    DICT_METHODS,
    LIST_METHODS,
    MUTATING_LIST_METHODS,
    DATETIME_METHODS,
    DATE_METHODS,
    TIMEDELTA_METHODS,
  ]
    .flatMap((t) => Object.keys(t)).concat(["is_integer"]).map((k) => [k, true]),
);
