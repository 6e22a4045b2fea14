/**
 * Python `str` methods available to templates (split, strip, replace, startswith, join, format, ...).
 * @module
 */

import { checkLength } from "./limits.ts";
import { getAttr, getItem } from "./lookup.ts";
import { arg } from "./methods.ts";
import { iterate } from "./ops.ts";
import {
  isInt,
  isTuple,
  type Kwargs,
  makeTuple,
  num,
  PyError,
  pyRepr,
  pyStr,
  truthy,
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

/** `s[start:end]` in code points plus its offset; null when start lies beyond the end (no match possible). */
function window(s: string, start: unknown, end: unknown): [string, number] | null {
  const cs = Array.from(s);
  const n = cs.length;
  const norm = (v: unknown, dflt: number): number => {
    if (v === null || v === undefined) return dflt;
    const x = num(v);
    return x < 0 ? Math.max(0, x + n) : Math.min(x, n);
  };
  const a = norm(start, 0);
  if (start !== null && start !== undefined && num(start) > n) return null;
  const b = norm(end, n);
  return [cs.slice(a, Math.max(a, b)).join(""), a];
}

function find(s: string, sub: string, right: boolean, start?: unknown, end?: unknown): number {
  const w = window(s, start, end);
  if (!w) return -1;
  const [text, offset] = w;
  const idx = right ? text.lastIndexOf(sub) : text.indexOf(sub);
  if (idx < 0) return -1;
  return offset + Array.from(text.slice(0, idx)).length;
}

// deno-lint-ignore no-control-regex
const LINE_BREAKS_G = /\r\n|[\n\r\v\f\u001c-\u001e\u0085\u2028\u2029]/g;

/** `str` methods templates may call. */
const METHODS: Record<string, (self: string, args: unknown[], kwargs: Kwargs) => unknown> = {
  split: (s, a, k) => split(s, arg(a, k, 0, "sep", null), num(arg(a, k, 1, "maxsplit", -1)), false),
  rsplit: (s, a, k) => split(s, arg(a, k, 0, "sep", null), num(arg(a, k, 1, "maxsplit", -1)), true),
  splitlines: (s, a, k) => {
    const keep = truthy(arg(a, k, 0, "keepends", false));
    const out: string[] = [];
    let last = 0;
    for (const m of s.matchAll(LINE_BREAKS_G)) {
      out.push(s.slice(last, keep ? m.index! + m[0].length : m.index));
      last = m.index! + m[0].length;
    }
    if (last < s.length) out.push(s.slice(last));
    return out;
  },
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
  startswith: (s, a, k) => {
    const w = window(s, a[1], a[2]);
    return w !== null && prefixTest(arg(a, k, 0, "prefix"), (p) => w[0].startsWith(p));
  },
  endswith: (s, a, k) => {
    const w = window(s, a[1], a[2]);
    return w !== null && prefixTest(arg(a, k, 0, "suffix"), (p) => w[0].endsWith(p));
  },
  lower: (s) => s.toLowerCase(),
  upper: (s) => s.toUpperCase(),
  casefold: (s) => s.toLowerCase().replace(/ß/g, "ss").replace(/ς/g, "σ"),
  swapcase: (s) =>
    Array.from(s).map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(""),
  title: (s) => {
    let out = "";
    let prevCased = false;
    for (const c of s) {
      const cased = c.toLowerCase() !== c.toUpperCase();
      out += cased ? (prevCased ? c.toLowerCase() : c.toUpperCase()) : c;
      prevCased = cased;
    }
    return out;
  },
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
  find: (s, a, k) => find(s, str(arg(a, k, 0, "sub"), "find arg"), false, a[1], a[2]),
  rfind: (s, a, k) => find(s, str(arg(a, k, 0, "sub"), "find arg"), true, a[1], a[2]),
  index: (s, a, k) => {
    const i = find(s, str(arg(a, k, 0, "sub"), "index arg"), false, a[1], a[2]);
    if (i < 0) throw new PyError("ValueError", "substring not found");
    return i;
  },
  count: (s, a, k) => {
    const sub = str(arg(a, k, 0, "sub"), "count arg");
    const w = window(s, a[1], a[2]);
    if (!w) return 0;
    return sub === "" ? Array.from(w[0]).length + 1 : w[0].split(sub).length - 1;
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
    if (sep === "") throw new PyError("ValueError", "empty separator");
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
    // the sandbox's formatter resolves fields with Jinja's own (sandboxed) getattr / getitem
    for (const r of rest) {
      if (r.startsWith(".")) v = getAttr(v, r.slice(1));
      else {
        const key = r.slice(1, -1);
        v = getItem(v, /^\d+$/.test(key) ? Number(key) : key);
      }
    }
    if (conv === "r" || conv === "a") v = pyRepr(v);
    else if (conv === "s") v = pyStr(v);
    return formatValue(v, spec ?? "");
  });
  checkLength(out.length);
  return out;
}

/** Argument kinds Python checks: int (bool ok), str, str or None, int or None, prefix (str or tuple). */
type Kind = "int" | "str" | "str?" | "int?" | "char" | "prefix" | "any";

/** Positional parameters (required ones first) of each method; `format` takes anything. */
const SIGNATURES: Record<string, [required: number, kinds: Kind[]]> = {
  split: [0, ["str?", "int"]],
  rsplit: [0, ["str?", "int"]],
  splitlines: [0, ["int"]],
  strip: [0, ["str?"]],
  lstrip: [0, ["str?"]],
  rstrip: [0, ["str?"]],
  replace: [2, ["str", "str", "int"]],
  startswith: [1, ["prefix", "int?", "int?"]],
  endswith: [1, ["prefix", "int?", "int?"]],
  find: [1, ["str", "int?", "int?"]],
  rfind: [1, ["str", "int?", "int?"]],
  index: [1, ["str", "int?", "int?"]],
  count: [1, ["str", "int?", "int?"]],
  zfill: [1, ["int"]],
  ljust: [1, ["int", "char"]],
  rjust: [1, ["int", "char"]],
  center: [1, ["int", "char"]],
  partition: [1, ["str"]],
  join: [1, ["any"]],
  removeprefix: [1, ["str"]],
  removesuffix: [1, ["str"]],
};

function checkKind(v: unknown, kind: Kind, method: string): void {
  const isIntArg = typeof v === "boolean" || isInt(v) || typeof v === "bigint";
  const ok = kind === "any" ||
    (kind === "int" && isIntArg) ||
    (kind === "int?" && (isIntArg || v === null)) ||
    (kind === "str" && typeof v === "string") ||
    (kind === "str?" && (typeof v === "string" || v === null)) ||
    (kind === "char" && typeof v === "string" && Array.from(v).length === 1) ||
    (kind === "prefix" && (typeof v === "string" || isTuple(v)));
  if (!ok) {
    throw new PyError("TypeError", `str.${method}() got an argument of the wrong type: ${typeName(v)}`);
  }
}

function checked(
  name: string,
  fn: (self: string, args: unknown[], kwargs: Kwargs) => unknown,
): (self: string, args: unknown[], kwargs: Kwargs) => unknown {
  if (name === "format") return fn;
  const [required, kinds] = SIGNATURES[name] ?? [0, []];
  return (self, args, kwargs) => {
    const given = args.length + kwargs.size;
    if (given < required || args.length > kinds.length || given > kinds.length) {
      throw new PyError(
        "TypeError",
        `str.${name}() takes ${required}..${kinds.length} arguments (${given} given)`,
      );
    }
    args.forEach((v, i) => checkKind(v, kinds[i], name));
    return fn(self, args, kwargs);
  };
}

/** `str` methods templates may call (arity and argument types checked like CPython). */
export const STR_METHODS: Record<string, (self: string, args: unknown[], kwargs: Kwargs) => unknown> = Object
  .fromEntries(Object.entries(METHODS).map(([name, fn]) => [name, checked(name, fn)]));
