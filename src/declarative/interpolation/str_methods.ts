/**
 * Python `str` methods available to templates (split, strip, replace, startswith, join, format, ...).
 * @module
 */

import { checkLength } from "./limits.ts";
import { arg } from "./methods.ts";
import { iterate } from "./ops.ts";
import {
  isDict,
  isTuple,
  type Kwargs,
  makeTuple,
  num,
  ownGet,
  PyError,
  pyRepr,
  pyStr,
  typeName,
} from "./py_value.ts";
import { formatValue } from "./str_format.ts";

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

/** `str` methods templates may call. */
export const STR_METHODS: Record<string, (self: string, args: unknown[], kwargs: Kwargs) => unknown> = {
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
