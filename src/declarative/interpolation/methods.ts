/**
 * The allow-list of Python methods templates may call, per value type (str, dict, list, datetime, date,
 * timedelta). Anything not listed here is invisible to templates.
 * @module
 */

import { PyDate, PyDateTime, type Timespec } from "../../util/datetime.ts";
import { PyTimedelta } from "../../util/timedelta.ts";
import { checkLength, dictKey, iterate, MAX_LIST } from "./ops.ts";
import {
  isDict,
  isInt,
  isNumeric,
  isTuple,
  type Kwargs,
  makeTuple,
  makeView,
  mkFloat,
  num,
  ownGet,
  ownSet,
  PyCallable,
  type PyDict,
  pyEq,
  PyError,
  pyRepr,
  pyStr,
  typeName,
} from "./py_value.ts";
import { formatValue } from "./str_format.ts";

type Method<T> = (self: T, args: unknown[], kwargs: Kwargs) => unknown;

function arg(args: unknown[], kwargs: Kwargs, i: number, name: string, dflt?: unknown): unknown {
  if (i < args.length) return args[i];
  if (kwargs.has(name)) return kwargs.get(name);
  if (dflt === undefined) throw new PyError("TypeError", `missing required argument '${name}'`);
  return dflt;
}

function str(v: unknown, what: string): string {
  if (typeof v !== "string") throw new PyError("TypeError", `${what} must be str, not ${typeName(v)}`);
  return v;
}

function optChars(v: unknown): string | null {
  return v === null ? null : str(v, "strip arg");
}

function stripChars(s: string, chars: string | null, left: boolean, right: boolean): string {
  const set = chars === null ? null : new Set(Array.from(chars));
  const isStrip = (c: string): boolean => (set ? set.has(c) : /\s/.test(c));
  const cs = Array.from(s);
  let a = 0;
  let b = cs.length;
  if (left) { while (a < b && isStrip(cs[a])) a++; }
  if (right) { while (b > a && isStrip(cs[b - 1])) b--; }
  return cs.slice(a, b).join("");
}

function split(s: string, sep: unknown, maxsplit: number, fromRight: boolean): string[] {
  if (sep === null) {
    const words = s.split(/\s+/).filter((w) => w.length > 0);
    if (maxsplit < 0 || words.length <= maxsplit + 1) return words;
    if (!fromRight) {
      const out: string[] = [];
      let rest = s.replace(/^\s+/, "");
      for (let i = 0; i < maxsplit; i++) {
        const m = /\s+/.exec(rest);
        if (!m) break;
        out.push(rest.slice(0, m.index));
        rest = rest.slice(m.index + m[0].length);
      }
      if (rest.length) out.push(rest);
      return out;
    }
    const head = words.slice(0, words.length - maxsplit);
    return [head.join(" "), ...words.slice(words.length - maxsplit)];
  }
  const sp = str(sep, "separator");
  if (sp === "") throw new PyError("ValueError", "empty separator");
  const parts = s.split(sp);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  if (!fromRight) return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sp)];
  return [parts.slice(0, parts.length - maxsplit).join(sp), ...parts.slice(parts.length - maxsplit)];
}

function prefixTest(p: unknown, fn: (x: string) => boolean): boolean {
  if (Array.isArray(p) && isTuple(p)) return p.some((x) => fn(str(x, "prefix")));
  return fn(str(p, "startswith arg"));
}

function find(s: string, sub: string, right: boolean): number {
  const cs = Array.from(s);
  const idx = right ? s.lastIndexOf(sub) : s.indexOf(sub);
  if (idx < 0) return -1;
  return cs.length === s.length ? idx : Array.from(s.slice(0, idx)).length;
}

// deno-lint-ignore no-control-regex
const LINE_BREAKS = /\r\n|[\n\r\v\f\u001c-\u001e\u0085\u2028\u2029]/;

const STR_METHODS: Record<string, Method<string>> = {
  split: (s, a, k) => split(s, arg(a, k, 0, "sep", null), num(arg(a, k, 1, "maxsplit", -1)), false),
  rsplit: (s, a, k) => split(s, arg(a, k, 0, "sep", null), num(arg(a, k, 1, "maxsplit", -1)), true),
  splitlines: (s) => s.split(LINE_BREAKS).filter((x, i, all) => i < all.length - 1 || x),
  strip: (s, a, k) => stripChars(s, optChars(arg(a, k, 0, "chars", null)), true, true),
  lstrip: (s, a, k) => stripChars(s, optChars(arg(a, k, 0, "chars", null)), true, false),
  rstrip: (s, a, k) => stripChars(s, optChars(arg(a, k, 0, "chars", null)), false, true),
  replace: (s, a, k) => {
    const old = str(arg(a, k, 0, "old"), "replace arg");
    const nw = str(arg(a, k, 1, "new"), "replace arg");
    const count = num(arg(a, k, 2, "count", -1));
    const parts = s.split(old);
    if (old === "") {
      const cs = Array.from(s);
      const lim = count < 0 ? cs.length + 1 : count;
      let out = "";
      for (let i = 0; i <= cs.length; i++) out += (i < lim ? nw : "") + (cs[i] ?? "");
      checkLength(out.length);
      return out;
    }
    const out = count < 0 || parts.length - 1 <= count
      ? parts.join(nw)
      : parts.slice(0, count + 1).join(nw) + old + parts.slice(count + 1).join(old);
    checkLength(out.length);
    return out;
  },
  startswith: (s, a, k) => prefixTest(arg(a, k, 0, "prefix"), (p) => s.startsWith(p)),
  endswith: (s, a, k) => prefixTest(arg(a, k, 0, "suffix"), (p) => s.endsWith(p)),
  lower: (s) => s.toLowerCase(),
  upper: (s) => s.toUpperCase(),
  casefold: (s) => s.toLowerCase(),
  swapcase: (s) =>
    Array.from(s).map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(""),
  title: (s) => s.toLowerCase().replace(/(^|[^A-Za-z])([a-z])/g, (_m, p, c) => p + c.toUpperCase()),
  capitalize: (s) => (s ? s[0].toUpperCase() + s.slice(1).toLowerCase() : s),
  join: (s, a, k) => {
    const items = iterate(arg(a, k, 0, "iterable"));
    const out = items.map((x, i) => {
      if (typeof x !== "string") {
        throw new PyError("TypeError", `sequence item ${i}: expected str instance, ${typeName(x)} found`);
      }
      return x;
    }).join(s);
    checkLength(out.length);
    return out;
  },
  format: (s, a, k) => strFormat(s, a, k),
  isdigit: (s) => /^[0-9]+$/.test(s),
  isnumeric: (s) => /^\p{N}+$/u.test(s),
  isdecimal: (s) => /^\p{Nd}+$/u.test(s),
  isalpha: (s) => /^\p{L}+$/u.test(s),
  isalnum: (s) => /^[\p{L}\p{N}]+$/u.test(s),
  isspace: (s) => /^\s+$/.test(s),
  islower: (s) => /\p{Ll}/u.test(s) && !/[\p{Lu}\p{Lt}]/u.test(s),
  isupper: (s) => /\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s),
  find: (s, a, k) => find(s, str(arg(a, k, 0, "sub"), "find arg"), false),
  rfind: (s, a, k) => find(s, str(arg(a, k, 0, "sub"), "find arg"), true),
  index: (s, a, k) => {
    const i = find(s, str(arg(a, k, 0, "sub"), "index arg"), false);
    if (i < 0) throw new PyError("ValueError", "substring not found");
    return i;
  },
  count: (s, a, k) => {
    const sub = str(arg(a, k, 0, "sub"), "count arg");
    return sub === "" ? Array.from(s).length + 1 : s.split(sub).length - 1;
  },
  zfill: (s, a, k) => {
    const w = num(arg(a, k, 0, "width"));
    checkLength(w);
    const sign = s[0] === "-" || s[0] === "+" ? s[0] : "";
    return sign + s.slice(sign.length).padStart(w - sign.length, "0");
  },
  ljust: (s, a, k) => pad(s, num(arg(a, k, 0, "width")), String(arg(a, k, 1, "fillchar", " ")), "l"),
  rjust: (s, a, k) => pad(s, num(arg(a, k, 0, "width")), String(arg(a, k, 1, "fillchar", " ")), "r"),
  center: (s, a, k) => pad(s, num(arg(a, k, 0, "width")), String(arg(a, k, 1, "fillchar", " ")), "c"),
  partition: (s, a, k) => {
    const sep = str(arg(a, k, 0, "sep"), "sep");
    const i = s.indexOf(sep);
    return makeTuple(i < 0 ? [s, "", ""] : [s.slice(0, i), sep, s.slice(i + sep.length)]);
  },
  removeprefix: (s, a, k) => {
    const p = str(arg(a, k, 0, "prefix"), "prefix");
    return p && s.startsWith(p) ? s.slice(p.length) : s;
  },
  removesuffix: (s, a, k) => {
    const p = str(arg(a, k, 0, "suffix"), "suffix");
    return p && s.endsWith(p) ? s.slice(0, -p.length) : s;
  },
};

function pad(s: string, width: number, fill: string, side: "l" | "r" | "c"): string {
  checkLength(width);
  const n = Array.from(s).length;
  if (width <= n) return s;
  const total = width - n;
  if (side === "l") return s + fill.repeat(total);
  if (side === "r") return fill.repeat(total) + s;
  const left = Math.floor(total / 2) + (total % 2 & width % 2);
  return fill.repeat(left) + s + fill.repeat(total - left);
}

/** Python's `str.format`. */
export function strFormat(s: string, args: unknown[], kwargs: Kwargs): string {
  let auto = 0;
  const out = s.replace(/\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::([^{}]*))?\}/g, (m, field, conv, spec) => {
    if (m === "{{") return "{";
    if (m === "}}") return "}";
    const [head, ...rest] = String(field).split(/(?=[.[])/);
    let v: unknown;
    if (head === "") v = args[auto++];
    else if (/^\d+$/.test(head)) v = args[Number(head)];
    else {
      if (!kwargs.has(head)) throw new PyError("KeyError", pyRepr(head));
      v = kwargs.get(head);
    }
    if (v === undefined) {
      throw new PyError("IndexError", "Replacement index out of range for positional args tuple");
    }
    for (const r of rest) {
      const key = r.startsWith(".") ? r.slice(1) : r.slice(1, -1);
      if (isDict(v)) v = ownGet(v, key).value;
      else if (Array.isArray(v)) v = v[Number(key)];
      else throw new PyError("AttributeError", `cannot access ${key}`);
    }
    if (conv === "r" || conv === "a") v = pyRepr(v);
    else if (conv === "s") v = pyStr(v);
    return formatValue(v, spec ?? "");
  });
  checkLength(out.length);
  return out;
}

function dictView(d: PyDict): string[] {
  return Object.keys(d);
}

const DICT_METHODS: Record<string, Method<PyDict>> = {
  get: (d, a, k) => {
    const key = dictKey(arg(a, k, 0, "key"));
    const dflt = a.length > 1 ? a[1] : k.has("default") ? k.get("default") : null;
    if (key === undefined) return dflt;
    const r = ownGet(d, key);
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
    const r = key === undefined ? { found: false } : ownGet(d, key);
    if (r.found) {
      delete d[key!];
      return r.value;
    }
    if (a.length > 1) return a[1];
    throw new PyError("KeyError", pyRepr(a[0]));
  },
  setdefault: (d, a, k) => {
    const key = dictKey(arg(a, k, 0, "key"))!;
    const r = ownGet(d, key);
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
  isoformat: (d) => d.isoformat(),
  weekday: (d) => d.weekday(),
  isoweekday: (d) => d.isoweekday(),
};

const TIMEDELTA_METHODS: Record<string, Method<PyTimedelta>> = {
  total_seconds: (t) => mkFloat(t.totalSeconds()),
};

function bind<T>(self: T, name: string, m: Method<T> | undefined): PyCallable | undefined {
  if (!m) return undefined;
  return new PyCallable(name, (args, kwargs) => m(self, args, kwargs));
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
