/**
 * Jinja's sandboxed attribute and item lookup (`obj.name`, `obj[key]`, slices): own data properties of plain
 * objects and arrays, allow-listed methods, namespace attributes; Python dunders are refused.
 * @module
 */

import { PyDate, PyDateTime } from "../../util/datetime.ts";
import { PyTimedelta } from "../../util/timedelta.ts";
import { charge } from "./limits.ts";
import { getMethod } from "./methods.ts";
import { dictKey } from "./ops.ts";
import {
  CaseInsensitiveDict,
  isDict,
  isInt,
  isTuple,
  isUnsubscriptable,
  makeTuple,
  num,
  ownGet,
  PyError,
  PyLoop,
  PyNamespace,
  pyRepr,
  PyUndefined,
  typeName,
} from "./py_value.ts";

/** Dunder attributes Python objects really have: the sandbox refuses them (other names fall back to items). */
const PY_DUNDERS = new Set(
  ("class dict doc init new module mro subclasses globals builtins code self func base bases getattribute " +
    "getattr setattr delattr reduce reduce_ex len getitem setitem delitem contains iter repr str eq ne lt le gt ge " +
    "hash dir format sizeof init_subclass subclasshook add mul weakref annotations name qualname wrapped call " +
    "closure defaults kwdefaults bool int float").split(" ").map((n) => `__${n}__`),
);

function isUnsafeName(name: string): boolean {
  return PY_DUNDERS.has(name);
}

function itemLookup(obj: unknown, key: unknown): { found: boolean; value?: unknown } {
  if (obj instanceof CaseInsensitiveDict) return typeof key === "string" ? obj.lookup(key) : { found: false };
  if (isDict(obj)) {
    const k = dictKey(key);
    return k === undefined ? { found: false } : ownGet(obj, k);
  }
  if (Array.isArray(obj) || typeof obj === "string") {
    if (isUnsubscriptable(obj)) return { found: false };
    if (!isInt(key) && typeof key !== "boolean") return { found: false };
    const seq = typeof obj === "string" ? Array.from(obj) : obj;
    let i = num(key);
    if (i < 0) i += seq.length;
    if (i < 0 || i >= seq.length) return { found: false };
    return { found: true, value: seq[i] };
  }
  return { found: false };
}

function attrLookup(obj: unknown, name: string): { found: boolean; value?: unknown } {
  if (obj instanceof PyLoop) return obj.attr(name);
  if (obj instanceof PyNamespace) {
    return obj.attrs.has(name) ? { found: true, value: obj.attrs.get(name) } : { found: false };
  }
  if (obj instanceof PyDateTime || obj instanceof PyDate) {
    const fields = ["year", "month", "day", "hour", "minute", "second", "microsecond"];
    if (
      fields.includes(name) &&
      !(obj instanceof PyDate && !(obj instanceof PyDateTime) && fields.indexOf(name) > 2)
    ) {
      return { found: true, value: (obj as unknown as Record<string, number>)[name] };
    }
  }
  if (obj instanceof PyTimedelta && (name === "days" || name === "seconds" || name === "microseconds")) {
    return { found: true, value: obj[name] };
  }
  const m = getMethod(obj, name);
  return m ? { found: true, value: m } : { found: false };
}

function undefinedFor(obj: unknown, name: unknown): PyUndefined {
  if (obj instanceof PyUndefined) return obj;
  return new PyUndefined(
    `${
      pyRepr(obj instanceof Object && !isDict(obj) && !Array.isArray(obj) ? typeName(obj) : typeName(obj))
    } object has no attribute ${pyRepr(name)}`,
  );
}

/** Jinja's `obj.name`: attribute first (methods, namespace attrs), then item. Sandboxed. */
export function getAttr(obj: unknown, name: string): unknown {
  if (obj instanceof PyUndefined) obj.fail();
  if (isUnsafeName(name)) {
    return new PyUndefined(`access to attribute '${name}' of '${typeName(obj)}' object is unsafe.`, true);
  }
  const a = attrLookup(obj, name);
  if (a.found) return a.value;
  const it = itemLookup(obj, name);
  if (it.found) return normalize(it.value);
  return undefinedFor(obj, name);
}

/** Jinja's `obj[key]`: item first, then attribute for string keys. Sandboxed. */
export function getItem(obj: unknown, key: unknown): unknown {
  if (obj instanceof PyUndefined) obj.fail();
  const it = itemLookup(obj, key);
  if (it.found) return normalize(it.value);
  if (typeof key === "string") {
    if (isUnsafeName(key)) {
      return new PyUndefined(`access to attribute '${key}' of '${typeName(obj)}' object is unsafe.`, true);
    }
    const a = attrLookup(obj, key);
    if (a.found) return a.value;
  }
  return undefinedFor(obj, key);
}

/** Maps values read from data to the value model (JS undefined becomes None). */
export function normalize(v: unknown): unknown {
  return v === undefined ? null : v;
}

/** Python slicing `seq[start:stop:step]`. */
export function slice(obj: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  if (obj instanceof PyUndefined) obj.fail();
  if (isUnsubscriptable(obj)) return new PyUndefined(`'${typeName(obj)}' object is not subscriptable`);
  const seq = typeof obj === "string" ? Array.from(obj) : Array.isArray(obj) ? obj : null;
  if (!seq) throw new PyError("TypeError", `'${typeName(obj)}' object is not subscriptable`);
  const idx = (v: unknown): number | null => {
    if (v === null || v === undefined) return null;
    if (!isInt(v) && typeof v !== "boolean") {
      throw new PyError("TypeError", "slice indices must be integers or None or have an __index__ method");
    }
    return num(v);
  };
  const st = idx(step) ?? 1;
  if (st === 0) throw new PyError("ValueError", "slice step cannot be zero");
  const n = seq.length;
  const clamp = (v: number | null, dflt: number, lo: number, hi: number): number => {
    if (v === null) return dflt;
    const x = v < 0 ? v + n : v;
    return Math.min(Math.max(x, lo), hi);
  };
  const out: unknown[] = [];
  charge(1 + Math.floor(n / Math.abs(st)));
  if (st > 0) {
    const a = clamp(idx(start), 0, 0, n);
    const b = clamp(idx(stop), n, 0, n);
    for (let i = a; i < b; i += st) out.push(seq[i]);
  } else {
    const a = clamp(idx(start), n - 1, -1, n - 1);
    const b = clamp(idx(stop), -1, -1, n - 1);
    for (let i = a; i > b; i += st) out.push(seq[i]);
  }
  if (typeof obj === "string") return out.join("");
  return isTuple(obj) ? makeTuple(out) : out;
}
