/**
 * Jinja's built-in filters (default, join, map, selectattr, int, float, tojson, urlencode, ...) plus the
 * Airbyte filters from airbyte_filters.ts, behind one `callFilter`.
 * @module
 */

import { AIRBYTE_FILTERS } from "./airbyte_filters.ts";
import { callTest } from "./jinja_tests.ts";
import type { Runtime } from "./evaluator.ts";
import { charge, checkLength } from "./limits.ts";
import { getAttr, getItem } from "./lookup.ts";
import { binaryOp, iterate, pyLen } from "./ops.ts";
import { percentFormat } from "./percent_format.ts";
import { pyJsonDumps } from "./py_json.ts";
import {
  isDict,
  isFloat,
  isGenerator,
  isInt,
  isIntLike,
  isNumeric,
  type Kwargs,
  lazyGenerator,
  makeGenerator,
  makeTuple,
  mkFloat,
  num,
  pyCompare,
  pyEq,
  PyError,
  PyFloat,
  pyStr,
  PyUndefined,
  truthy,
  typeName,
} from "./py_value.ts";
import { parseFloatText, parseIntText } from "./py_numbers.ts";

// deno-lint-ignore no-control-regex
const LINE_SPLIT = /\r\n|[\n\r\v\f\u001c-\u001e\u0085\u2028\u2029]/;

type Filter = (value: unknown, args: unknown[], kwargs: Kwargs, rt: Runtime) => unknown;

function arg(args: unknown[], kwargs: Kwargs, i: number, name: string, dflt: unknown): unknown {
  if (i < args.length) return args[i];
  if (kwargs.has(name)) return kwargs.get(name);
  return dflt;
}

function attrGetter(attribute: unknown, dflt?: unknown): (item: unknown) => unknown {
  const parts = typeof attribute === "string" ? attribute.split(".") : [attribute];
  return (item) => {
    let v = item;
    for (const p of parts) {
      const key = typeof p === "string" && /^\d+$/.test(p) ? Number(p) : p;
      v = getItem(v, key);
    }
    if (v instanceof PyUndefined && dflt !== undefined) return dflt;
    return v;
  };
}

function lowerIfStr(v: unknown): unknown {
  return typeof v === "string" ? v.toLowerCase() : v;
}

function toInt(value: unknown, dflt: unknown, base: number): unknown {
  if (value instanceof PyUndefined) value.fail();
  if (typeof value === "string") {
    const i = parseIntText(value, base);
    if (i !== undefined) return i;
    const f = parseFloatText(value);
    return f !== undefined && Number.isFinite(f) ? Math.trunc(f) : dflt;
  }
  if (isNumeric(value)) {
    const x = num(value);
    return Number.isFinite(x) ? Math.trunc(x) : dflt;
  }
  return dflt;
}

function toFloat(value: unknown, dflt: unknown): unknown {
  if (value instanceof PyUndefined) value.fail();
  if (typeof value === "string") {
    const f = parseFloatText(value);
    return f === undefined ? dflt : mkFloat(f);
  }
  if (isNumeric(value)) return mkFloat(num(value));
  return dflt;
}

function urlQuote(v: unknown, forQs: boolean): string {
  const s = typeof v === "string" ? v : pyStr(v);
  let out = "";
  for (const b of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9_.\-~]/.test(c) || (!forQs && c === "/")) out += c;
    else out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return forQs ? out.replace(/%20/g, "+") : out;
}

function sortKey(v: unknown, caseSensitive: boolean): unknown {
  return caseSensitive ? v : lowerIfStr(v);
}

function sortItems(items: unknown[], key: (x: unknown) => unknown, reverse: boolean): unknown[] {
  charge(items.length * Math.ceil(Math.log2(items.length + 1)));
  // stable in both directions, like Python's sorted(reverse=True)
  return [...items].sort((a, b) => pyCompare(key(a), key(b), "<") * (reverse ? -1 : 1));
}

function pyRound(x: number, digits: number): number {
  const m = Math.pow(10, digits);
  const y = x * m;
  let r = Math.round(y);
  if (Math.abs(y % 1) === 0.5 && r % 2 !== 0) r -= 1;
  return r / m;
}

const FILTERS: Record<string, Filter> = {
  ...AIRBYTE_FILTERS,
  abs: (v) => {
    if (!isNumeric(v)) throw new PyError("TypeError", `bad operand type for abs(): '${typeName(v)}'`);
    return isFloat(v) ? mkFloat(Math.abs(num(v))) : Math.abs(num(v));
  },
  attr: (v, a, k) => getAttr(v, String(arg(a, k, 0, "name", ""))),
  capitalize: (v) => {
    const s = pyStr(v);
    return s ? s[0].toUpperCase() + s.slice(1).toLowerCase() : s;
  },
  center: (v, a, k) => {
    const s = pyStr(v);
    const w = num(arg(a, k, 0, "width", 80));
    checkLength(w);
    const total = Math.max(0, w - s.length);
    const left = Math.floor(total / 2) + (total % 2 & w % 2);
    return " ".repeat(left) + s + " ".repeat(total - left);
  },
  count: (v) => pyLen(v),
  length: (v) => pyLen(v),
  default: (v, a, k) => {
    const dflt = arg(a, k, 0, "default_value", "");
    const boolean = truthy(arg(a, k, 1, "boolean", false));
    return v instanceof PyUndefined || (boolean && !truthy(v)) ? dflt : v;
  },
  dictsort: (v, a, k) => {
    if (v instanceof PyUndefined) v.fail();
    if (!isDict(v)) throw new PyError("AttributeError", `'${typeName(v)}' object has no attribute 'items'`);
    const cs = truthy(arg(a, k, 0, "case_sensitive", false));
    const by = arg(a, k, 1, "by", "key");
    const rev = truthy(arg(a, k, 2, "reverse", false));
    const items = Object.keys(v).map((key) => makeTuple([key, v[key]]));
    return sortItems(items, (x) => sortKey((x as unknown[])[by === "value" ? 1 : 0], cs), rev);
  },
  first: (v) => {
    const items = iterate(v);
    return items.length ? items[0] : new PyUndefined("No first item, sequence was empty.");
  },
  last: (v) => {
    const items = iterate(v);
    return items.length ? items[items.length - 1] : new PyUndefined("No last item, sequence was empty.");
  },
  float: (v, a, k) => toFloat(v, arg(a, k, 0, "default", new PyFloat(0))),
  int: (v, a, k) => toInt(v, arg(a, k, 0, "default", 0), num(arg(a, k, 1, "base", 10))),
  format: (v, a, k) => {
    if (a.length && k.size) {
      throw new PyError("TypeError", "can't handle positional and keyword arguments at the same time");
    }
    return percentFormat(pyStr(v), k.size ? Object.fromEntries(k) : makeTuple(a));
  },
  items: (v) => {
    if (v instanceof PyUndefined) return makeGenerator([], "generator object do_items");
    if (!isDict(v)) throw new PyError("TypeError", `Can only get item pairs from a mapping.`);
    return makeGenerator(Object.keys(v).map((key) => makeTuple([key, v[key]])), "generator object do_items");
  },
  join: (v, a, k) => {
    const sep = pyStr(arg(a, k, 0, "d", ""));
    const attribute = arg(a, k, 1, "attribute", null);
    let items = iterate(v);
    if (attribute !== null) items = items.map(attrGetter(attribute));
    const out = items.map(pyStr).join(sep);
    checkLength(out.length);
    return out;
  },
  list: (v) => [...iterate(v)],
  lower: (v) => pyStr(v).toLowerCase(),
  upper: (v) => pyStr(v).toUpperCase(),
  title: (v) =>
    pyStr(v).split(/([-\s({[<]+)/).filter((w) => w).map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase())
      .join(""),
  trim: (v, a, k) => {
    const chars = arg(a, k, 0, "chars", null);
    const s = pyStr(v);
    if (chars === null) return s.replace(/^\s+|\s+$/g, "");
    const set = new Set(Array.from(String(chars)));
    const cs = Array.from(s);
    let i = 0;
    let j = cs.length;
    while (i < j && set.has(cs[i])) i++;
    while (j > i && set.has(cs[j - 1])) j--;
    return cs.slice(i, j).join("");
  },
  replace: (v, a, k) => {
    const s = pyStr(v);
    const old = pyStr(arg(a, k, 0, "old", ""));
    const nw = pyStr(arg(a, k, 1, "new", ""));
    const countArg = arg(a, k, 2, "count", null);
    const count = countArg === null ? -1 : num(countArg);
    const parts = s.split(old);
    const out = count < 0 || parts.length - 1 <= count
      ? parts.join(nw)
      : parts.slice(0, count + 1).join(nw) + old + parts.slice(count + 1).join(old);
    checkLength(out.length);
    return out;
  },
  reverse: (v) => {
    if (typeof v === "string") return Array.from(v).reverse().join("");
    if (v instanceof PyUndefined) return makeGenerator([], "reversed object");
    if (!(Array.isArray(v) || isDict(v))) {
      throw new PyError("RuntimeError", "argument must be iterable");
    }
    const out = [...iterate(v)].reverse();
    if (isGenerator(v)) return out;
    return makeGenerator(out, isDict(v) ? "dict_reversekeyiterator object" : "list_reverseiterator object");
  },
  round: (v, a, k) => {
    const prec = num(arg(a, k, 0, "precision", 0));
    const method = arg(a, k, 1, "method", "common");
    if (!isNumeric(v)) throw new PyError("TypeError", `type ${typeName(v)} doesn't define __round__ method`);
    if (isIntLike(v)) return num(v);
    const x = num(v);
    const m = Math.pow(10, prec);
    if (method === "ceil") return mkFloat(Math.ceil(x * m) / m);
    if (method === "floor") return mkFloat(Math.floor(x * m) / m);
    if (method !== "common") throw new PyError("ValueError", "method must be common, ceil or floor");
    return isInt(v) ? v : mkFloat(pyRound(x, prec));
  },
  sort: (v, a, k) => {
    const rev = truthy(arg(a, k, 0, "reverse", false));
    const cs = truthy(arg(a, k, 1, "case_sensitive", false));
    const attribute = arg(a, k, 2, "attribute", null);
    const get = attribute === null ? (x: unknown) => x : attrGetter(attribute);
    return sortItems(iterate(v), (x) => sortKey(get(x), cs), rev);
  },
  sum: (v, a, k) => {
    const attribute = arg(a, k, 0, "attribute", null);
    let total: unknown = arg(a, k, 1, "start", 0);
    const get = attribute === null ? (x: unknown) => x : attrGetter(attribute);
    for (const item of iterate(v)) {
      total = binaryOp("+", total, get(item));
    }
    return total;
  },
  min: (v, a, k) => minMax(v, a, k, -1),
  max: (v, a, k) => minMax(v, a, k, 1),
  unique: (v, a, k) => {
    const cs = truthy(arg(a, k, 0, "case_sensitive", false));
    const attribute = arg(a, k, 1, "attribute", null);
    const get = attribute === null ? (x: unknown) => x : attrGetter(attribute);
    const seen: unknown[] = [];
    const out: unknown[] = [];
    for (const item of iterate(v)) {
      const key = sortKey(get(item), cs);
      charge(seen.length);
      if (!seen.some((s) => pyEq(s, key))) {
        seen.push(key);
        out.push(item);
      }
    }
    return makeGenerator(out, "generator object sync_do_unique");
  },
  tojson: (v, a, k) => {
    const indent = arg(a, k, 0, "indent", null);
    if (indent !== null) throw new PyError("ValueError", "tojson indent is not supported");
    return pyJsonDumps(v, true).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026")
      .replace(/'/g, "\\u0027");
  },
  urlencode: (v) => {
    if (typeof v === "string" || !(Array.isArray(v) || isDict(v))) return urlQuote(v, false);
    const pairs = isDict(v) ? Object.keys(v).map((key) => [key, v[key]]) : iterate(v).map((p) => {
      const kv = iterate(p);
      if (kv.length !== 2) {
        throw new PyError(
          "ValueError",
          kv.length > 2
            ? "too many values to unpack (expected 2)"
            : `not enough values to unpack (expected 2, got ${kv.length})`,
        );
      }
      return kv;
    });
    return pairs.map(([key, val]) => `${urlQuote(key, true)}=${urlQuote(val, true)}`).join("&");
  },
  wordcount: (v) => (pyStr(v).match(/[\p{L}\p{N}_]+/gu) ?? []).length,
  map: (v, a, k, rt) => {
    const items = iterate(v);
    if (a.length === 0 && k.has("attribute")) {
      const get = attrGetter(k.get("attribute"), k.has("default") ? k.get("default") : undefined);
      return makeGenerator(items.map(get), "generator object sync_do_map");
    }
    if (a.length === 0) throw new PyError("TypeError", "map requires a filter argument");
    const name = String(a[0]);
    return makeGenerator(
      items.map((item) => callFilter(name, item, a.slice(1), k, rt)),
      "generator object sync_do_map",
    );
  },
  select: (v, a, k) => selectOrReject(v, a, k, false, true),
  reject: (v, a, k) => selectOrReject(v, a, k, false, false),
  selectattr: (v, a, k) => selectOrReject(v, a, k, true, true),
  rejectattr: (v, a, k) => selectOrReject(v, a, k, true, false),
  batch: (v, a, k) => {
    const size = num(arg(a, k, 0, "linecount", 1));
    const fill = arg(a, k, 1, "fill_with", null);
    const out: unknown[][] = [];
    let cur: unknown[] = [];
    for (const item of iterate(v)) {
      cur.push(item);
      if (cur.length === size) {
        out.push(cur);
        cur = [];
      }
    }
    if (cur.length) {
      if (fill !== null) { while (cur.length < size) cur.push(fill); }
      out.push(cur);
    }
    return makeGenerator(out, "generator object do_batch");
  },
  safe: (v) => pyStr(v),
  indent: (v, a, k) => {
    const width = arg(a, k, 0, "width", 4);
    const first = truthy(arg(a, k, 1, "first", false));
    const blank = truthy(arg(a, k, 2, "blank", false));
    const ind = typeof width === "string" ? width : " ".repeat(Math.max(0, num(width)));
    // like Jinja: append a newline, then split the lines the way str.splitlines does
    const lines = (pyStr(v) + "\n").split(LINE_SPLIT).slice(0, -1);
    let rv = blank
      ? lines.join("\n" + ind)
      : lines[0] + (lines.length > 1 ? "\n" + lines.slice(1).map((l) => (l ? ind + l : l)).join("\n") : "");
    if (first) rv = ind + rv;
    checkLength(rv.length);
    return rv;
  },
  e: (v) => escapeHtml(pyStr(v)),
  escape: (v) => escapeHtml(pyStr(v)),
  striptags: (v) => pyStr(v).replace(/<!--.*?-->|<[^>]*>/gs, "").replace(/\s+/g, " ").trim(),
  truncate: (v, a, k) => {
    const s = pyStr(v);
    const len = num(arg(a, k, 0, "length", 255));
    const killwords = truthy(arg(a, k, 1, "killwords", false));
    const end = pyStr(arg(a, k, 2, "end", "..."));
    const leeway = num(arg(a, k, 3, "leeway", 5));
    if (s.length <= len + leeway) return s;
    if (killwords) return s.slice(0, len - end.length) + end;
    const cut = s.slice(0, len - end.length);
    const i = cut.lastIndexOf(" ");
    return (i >= 0 ? cut.slice(0, i) : cut) + end;
  },
};
FILTERS.d = FILTERS.default;

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&#34;")
    .replace(/'/g, "&#39;");
}

function minMax(v: unknown, a: unknown[], k: Kwargs, sign: 1 | -1): unknown {
  const cs = truthy(arg(a, k, 0, "case_sensitive", false));
  const attribute = arg(a, k, 1, "attribute", null);
  const get = attribute === null ? (x: unknown) => x : attrGetter(attribute);
  const items = iterate(v);
  if (items.length === 0) return new PyUndefined(`No aggregated item, sequence was empty.`);
  let best = items[0];
  for (const item of items.slice(1)) {
    if (pyCompare(sortKey(get(item), cs), sortKey(get(best), cs), "<") * sign > 0) best = item;
  }
  return best;
}

function selectOrReject(v: unknown, a: unknown[], k: Kwargs, attr: boolean, keep: boolean): unknown[] {
  if (!truthy(v)) return makeGenerator([], "generator object select_or_reject");
  const get = attr ? attrGetter(a[0]) : (x: unknown) => x;
  const off = attr ? 1 : 0;
  const testName = a[off];
  const testArgs = a.slice(off + 1);
  const pred = testName === undefined
    ? (x: unknown) => truthy(x)
    : (x: unknown) => callTest(String(testName), x, testArgs);
  void k;
  return makeGenerator(
    iterate(v).filter((item) => pred(get(item)) === keep),
    "generator object select_or_reject",
  );
}

/** True when a filter of that name exists. */
export function hasFilter(name: string): boolean {
  return Object.hasOwn(FILTERS, name);
}

/** Filters that return Python generators: their errors surface only when the result is iterated. */
const LAZY: Record<string, string> = {
  items: "generator object do_items",
  map: "generator object sync_do_map",
  select: "generator object select_or_reject",
  reject: "generator object select_or_reject",
  selectattr: "generator object select_or_reject",
  rejectattr: "generator object select_or_reject",
  unique: "generator object sync_do_unique",
  batch: "generator object do_batch",
};

/** Applies filter `name`. */
export function callFilter(
  name: string,
  value: unknown,
  args: unknown[],
  kwargs: Kwargs,
  rt: Runtime,
): unknown {
  if (!hasFilter(name)) throw new PyError("RuntimeError", `No filter named '${name}'.`);
  if (Object.hasOwn(LAZY, name)) {
    return lazyGenerator(LAZY[name], () => FILTERS[name](value, args, kwargs, rt) as unknown[]);
  }
  return FILTERS[name](value, args, kwargs, rt);
}
