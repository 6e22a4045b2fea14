/**
 * Python operators for template values: arithmetic, `%` formatting, membership, iteration and the sandboxed
 * attribute/item lookup Jinja performs.
 * @module
 */

import { PyDate, PyDateTime } from "../../util/datetime.ts";
import { PyTimedelta } from "../../util/timedelta.ts";
import { getMethod } from "./methods.ts";
import {
  big,
  checkDeferred,
  isDict,
  isFloat,
  isGenerator,
  isInt,
  isIntLike,
  isNumeric,
  isTuple,
  isUnsubscriptable,
  makeTuple,
  mkFloat,
  num,
  ownGet,
  pyEq,
  PyError,
  type PyFloat,
  PyLoop,
  PyNamespace,
  pyRepr,
  pyStr,
  PyUndefined,
  typeName,
} from "./py_value.ts";

/** Largest string a template may build (characters). */
export const MAX_STRING = 5_000_000;
/** Largest list a template may build. */
export const MAX_LIST = 1_000_000;

/** Throws when a string would exceed {@link MAX_STRING}. */
export function checkLength(n: number, what = "string"): void {
  if (n > MAX_STRING) throw new PyError("LimitError", `${what} result exceeds ${MAX_STRING} characters`);
}

function checkList(n: number): void {
  if (n > MAX_LIST) throw new PyError("LimitError", `list result exceeds ${MAX_LIST} items`);
}

/** An object that can be added to a datetime (isodate's Duration with months/years). */
interface Addend {
  addTo(dt: PyDateTime, sign: 1 | -1): PyDateTime;
}

function isAddend(v: unknown): v is Addend {
  return v !== null && typeof v === "object" && !isDict(v) && !Array.isArray(v) &&
    typeof (v as { addTo?: unknown }).addTo === "function";
}

function unsupported(op: string, a: unknown, b: unknown): never {
  throw new PyError(
    "TypeError",
    `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`,
  );
}

function numResult(a: unknown, b: unknown, x: number): number | PyFloat {
  return isFloat(a) || isFloat(b) ? mkFloat(x) : x;
}

/** Largest integer a template may build, in bits (Python ints are unbounded; we are not). */
const MAX_INT_BITS = 100_000;

function normInt(b: bigint): number | bigint {
  const n = Number(b);
  return Number.isSafeInteger(n) ? n : b;
}

function bitLength(b: bigint): number {
  return (b < 0n ? -b : b).toString(16).length * 4;
}

function checkBits(bits: number): void {
  if (bits > MAX_INT_BITS) throw new PyError("LimitError", `integer result exceeds ${MAX_INT_BITS} bits`);
}

/** Exact integer arithmetic (numbers while safe, BigInt beyond); undefined when the result is not an int. */
function intArith(op: string, a: unknown, b: unknown): number | bigint | undefined {
  if (typeof a !== "bigint" && typeof b !== "bigint" && op !== "**") {
    const x = num(a);
    const y = num(b);
    const r = op === "+" ? x + y : op === "-" ? x - y : op === "*" ? x * y : NaN;
    if (Number.isSafeInteger(r)) return r;
    if (op !== "+" && op !== "-" && op !== "*") return undefined;
  }
  const x = big(a);
  const y = big(b);
  switch (op) {
    case "+":
      return normInt(x + y);
    case "-":
      return normInt(x - y);
    case "*":
      checkBits(bitLength(x) + bitLength(y));
      return normInt(x * y);
    case "//": {
      if (y === 0n) throw new PyError("ZeroDivisionError", "integer division or modulo by zero");
      let q = x / y;
      if ((x % y !== 0n) && ((x < 0n) !== (y < 0n))) q -= 1n;
      return normInt(q);
    }
    case "%": {
      if (y === 0n) throw new PyError("ZeroDivisionError", "integer division or modulo by zero");
      let r = x % y;
      if (r !== 0n && (r < 0n) !== (y < 0n)) r += y;
      return normInt(r);
    }
    case "**":
      if (y < 0n) return undefined;
      if (x === 0n || x === 1n || x === -1n) return normInt(x ** (y > 2n ? 2n + (y % 2n) : y));
      checkBits(bitLength(x) * Number(y > 1_000_000n ? 1_000_000n : y));
      return normInt(x ** y);
  }
  return undefined;
}

/** Python binary operator. */
export function binaryOp(op: string, a: unknown, b: unknown): unknown {
  if (a instanceof PyUndefined) a.fail();
  if (op === "%" && typeof a === "string") return percentFormat(a, b);
  if (b instanceof PyUndefined) b.fail();
  if (isUnsubscriptable(a) || isUnsubscriptable(b)) {
    if (!(op === "%" && typeof a === "string")) unsupported(op, a, b);
  }
  const numeric = isNumeric(a) && isNumeric(b);
  if (
    numeric && isIntLike(a) && isIntLike(b) &&
    (op !== "//" && op !== "%" || typeof a === "bigint" || typeof b === "bigint")
  ) {
    const r = intArith(op, a, b);
    if (r !== undefined) return r;
  }
  switch (op) {
    case "+":
      if (numeric) return numResult(a, b, num(a) + num(b));
      if (typeof a === "string" && typeof b === "string") {
        checkLength(a.length + b.length);
        return a + b;
      }
      if (Array.isArray(a) && Array.isArray(b) && isTuple(a) === isTuple(b)) {
        checkList(a.length + b.length);
        return isTuple(a) ? makeTuple([...a, ...b]) : [...a, ...b];
      }
      if (a instanceof PyDateTime && (b instanceof PyTimedelta || isAddend(b))) return a.add(b);
      if (b instanceof PyDateTime && (a instanceof PyTimedelta || isAddend(a))) return b.add(a);
      if (a instanceof PyDate && !(a instanceof PyDateTime) && b instanceof PyTimedelta) return a.add(b);
      if (b instanceof PyDate && !(b instanceof PyDateTime) && a instanceof PyTimedelta) return b.add(a);
      if (a instanceof PyTimedelta && b instanceof PyTimedelta) return a.add(b);
      return unsupported("+", a, b);
    case "-":
      if (numeric) return numResult(a, b, num(a) - num(b));
      if (a instanceof PyDateTime && (b instanceof PyDateTime || b instanceof PyTimedelta || isAddend(b))) {
        return a.sub(b);
      }
      if (a instanceof PyDate && !(a instanceof PyDateTime) && (b instanceof PyTimedelta)) return a.sub(b);
      if (
        a instanceof PyDate && !(a instanceof PyDateTime) && b instanceof PyDate && !(b instanceof PyDateTime)
      ) return a.sub(b);
      if (a instanceof PyTimedelta && b instanceof PyTimedelta) return a.sub(b);
      return unsupported("-", a, b);
    case "*":
      if (numeric) return numResult(a, b, num(a) * num(b));
      if ((typeof a === "string" || Array.isArray(a)) && (isInt(b) || typeof b === "boolean")) {
        return repeat(a, num(b));
      }
      if ((typeof b === "string" || Array.isArray(b)) && (isInt(a) || typeof a === "boolean")) {
        return repeat(b, num(a));
      }
      if (a instanceof PyTimedelta && numeric === false && isNumeric(b)) return a.mul(num(b));
      if (b instanceof PyTimedelta && isNumeric(a)) return b.mul(num(a));
      return unsupported("*", a, b);
    case "/":
      if (numeric) {
        if (num(b) === 0) throw new PyError("ZeroDivisionError", "division by zero");
        return mkFloat(num(a) / num(b));
      }
      if (a instanceof PyTimedelta && b instanceof PyTimedelta) return mkFloat(a.div(b));
      if (a instanceof PyTimedelta && isNumeric(b)) return a.divBy(num(b));
      return unsupported("/", a, b);
    case "//":
      if (numeric) {
        if (num(b) === 0) throw new PyError("ZeroDivisionError", "integer division or modulo by zero");
        return numResult(a, b, Math.floor(num(a) / num(b)));
      }
      if (a instanceof PyTimedelta && b instanceof PyTimedelta) return a.floorDiv(b);
      return unsupported("//", a, b);
    case "%":
      if (numeric) {
        const y = num(b);
        if (y === 0) throw new PyError("ZeroDivisionError", "integer division or modulo by zero");
        const x = num(a);
        let r = x % y;
        if (r !== 0 && (r < 0) !== (y < 0)) r += y;
        return numResult(a, b, r);
      }
      if (typeof a === "string") return percentFormat(a, b);
      return unsupported("%", a, b);
    case "**": {
      if (!numeric) return unsupported("** or pow()", a, b);
      if (num(a) === 0 && num(b) < 0) {
        throw new PyError("ZeroDivisionError", "0.0 cannot be raised to a negative power");
      }
      const r = Math.pow(num(a), num(b));
      if (Number.isNaN(r) && !Number.isNaN(num(a)) && !Number.isNaN(num(b))) {
        throw new PyError(
          "ValueError",
          "complex results (negative number to a fractional power) are not supported",
        );
      }
      if (isFloat(a) || isFloat(b)) {
        if (!Number.isFinite(r) && Number.isFinite(num(a)) && Number.isFinite(num(b))) {
          throw new PyError("OverflowError", "(34, 'Numerical result out of range')");
        }
      }
      return mkFloat(r);
    }
  }
  throw new PyError("TypeError", `unknown operator ${op}`);
}

function repeat(seq: string | unknown[], n: number): string | unknown[] {
  const times = Math.max(0, n);
  if (typeof seq === "string") {
    checkLength(seq.length * times);
    return seq.repeat(times);
  }
  checkList(seq.length * times);
  const out: unknown[] = [];
  for (let i = 0; i < times; i++) out.push(...seq);
  return isTuple(seq) ? makeTuple(out) : out;
}

/** Unary minus / plus. */
export function unaryOp(op: "-" | "+", v: unknown): unknown {
  if (v instanceof PyUndefined) v.fail();
  if (typeof v === "bigint") return op === "-" ? normInt(-v) : v;
  if (isNumeric(v)) {
    const x = op === "-" ? -num(v) : num(v);
    return isFloat(v) ? mkFloat(x) : x === 0 ? 0 : x;
  }
  if (v instanceof PyTimedelta) return op === "-" ? v.neg() : v;
  throw new PyError("TypeError", `bad operand type for unary ${op}: '${typeName(v)}'`);
}

/** Python `needle in haystack`. */
export function contains(haystack: unknown, needle: unknown): boolean {
  if (haystack instanceof PyUndefined) return false;
  if (typeof haystack === "string") {
    if (typeof needle !== "string") {
      throw new PyError(
        "TypeError",
        `'in <string>' requires string as left operand, not ${typeName(needle)}`,
      );
    }
    return haystack.includes(needle);
  }
  if (Array.isArray(haystack)) return iterate(haystack).some((x) => pyEq(x, needle));
  if (isDict(haystack)) {
    if (Array.isArray(needle) || isDict(needle)) {
      throw new PyError("TypeError", `unhashable type: '${typeName(needle)}'`);
    }
    return dictKey(needle) !== undefined && Object.hasOwn(haystack, dictKey(needle)!);
  }
  throw new PyError("TypeError", `argument of type '${typeName(haystack)}' is not iterable`);
}

/** The JS property name for a Python dict key (str, int, float, bool, None), or undefined. */
export function dictKey(k: unknown): string | undefined {
  if (typeof k === "string") return k;
  if (typeof k === "boolean" || isNumeric(k) || k === null) return pyStr(k);
  return undefined;
}

/** Python iteration: the items `for x in v` visits. */
export function iterate(v: unknown): unknown[] {
  if (v instanceof PyUndefined) return [];
  if (Array.isArray(v)) {
    checkDeferred(v);
    return v;
  }
  if (typeof v === "string") return Array.from(v);
  if (isDict(v)) return Object.keys(v);
  throw new PyError("TypeError", `'${typeName(v)}' object is not iterable`);
}

/** Python `len()`. */
export function pyLen(v: unknown): number {
  if (v instanceof PyUndefined) return 0;
  if (typeof v === "string") return Array.from(v).length;
  if (Array.isArray(v) && !isGenerator(v)) return v.length;
  if (isDict(v)) return Object.keys(v).length;
  throw new PyError("TypeError", `object of type '${typeName(v)}' has no len()`);
}

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

const SPEC_RE = /%(?:\([^)]*\))?[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]/y;
const SPEC_PREFIX_RE = /%(?:\([^)]*\))?[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?/y;

/** Raises Python's ValueError for a `%` not followed by a valid conversion. */
function checkSpecs(fmt: string): void {
  for (let i = fmt.indexOf("%"); i !== -1; i = fmt.indexOf("%", i)) {
    SPEC_RE.lastIndex = i;
    const m = SPEC_RE.exec(fmt);
    if (m) {
      i += m[0].length;
      continue;
    }
    SPEC_PREFIX_RE.lastIndex = i;
    const p = SPEC_PREFIX_RE.exec(fmt)!;
    const at = i + p[0].length;
    if (at >= fmt.length) throw new PyError("ValueError", "incomplete format");
    const ch = fmt[at];
    throw new PyError(
      "ValueError",
      `unsupported format character '${ch}' (0x${ch.charCodeAt(0).toString(16)}) at index ${at}`,
    );
  }
}

/** Python `str % args` (printf-style) formatting. */
export function percentFormat(fmt: string, args: unknown): string {
  const list = isTuple(args) ? (args as unknown[]) : [args];
  let ai = 0;
  const next = (): unknown => {
    if (ai >= list.length) throw new PyError("TypeError", "not enough arguments for format string");
    return list[ai++];
  };
  checkSpecs(fmt);
  const out = fmt.replace(
    /%(\([^)]*\))?([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?([diouxXeEfFgGcrsa%])/g,
    (
      _m,
      key: string | undefined,
      flags: string,
      width: string | undefined,
      prec: string | undefined,
      conv,
    ) => {
      if (conv === "%") return "%";
      let v: unknown;
      if (key) {
        if (!isDict(args)) throw new PyError("TypeError", "format requires a mapping");
        v = ownGet(args, key.slice(1, -1)).value;
      } else v = next();
      const w = width === "*" ? num(next()) : width ? Number(width) : 0;
      const p = prec === "*" ? num(next()) : prec !== undefined ? Number(prec) : undefined;
      let s: string;
      switch (conv) {
        case "s":
          s = pyStr(v);
          if (p !== undefined) s = s.slice(0, p);
          break;
        case "r":
        case "a":
          s = pyRepr(v);
          break;
        case "c":
          s = typeof v === "string" ? v : String.fromCodePoint(num(v));
          break;
        default: {
          if (!isNumeric(v)) {
            throw new PyError("TypeError", `%${conv} format: a real number is required, not ${typeName(v)}`);
          }
          const x = num(v);
          const sign = x < 0 || Object.is(x, -0)
            ? "-"
            : flags.includes("+")
            ? "+"
            : flags.includes(" ")
            ? " "
            : "";
          const ax = Math.abs(x);
          let body: string;
          if ("diu".includes(conv)) body = String(Math.trunc(ax));
          else if (conv === "o") body = Math.trunc(ax).toString(8);
          else if (conv === "x") body = Math.trunc(ax).toString(16);
          else if (conv === "X") body = Math.trunc(ax).toString(16).toUpperCase();
          else if (conv === "f" || conv === "F") body = ax.toFixed(p ?? 6);
          else if (conv === "e" || conv === "E") {
            body = ax.toExponential(p ?? 6).replace(/e([+-])(\d)$/, "e$10$2");
            if (conv === "E") body = body.toUpperCase();
          } else {
            body = String(Number(ax.toPrecision(p === 0 ? 1 : p ?? 6)));
          }
          if (flags.includes("0") && !flags.includes("-")) return sign + body.padStart(w - sign.length, "0");
          s = sign + body;
        }
      }
      return flags.includes("-") ? s.padEnd(w) : s.padStart(w);
    },
  );
  // like CPython, a non-tuple argument with __getitem__ (list, dict, Undefined) is taken as a mapping
  const mappingArg = !isTuple(args) &&
    ((Array.isArray(args) && !isUnsubscriptable(args)) || isDict(args) || args instanceof PyUndefined);
  if (ai < list.length && !mappingArg) {
    throw new PyError("TypeError", "not all arguments converted during string formatting");
  }
  checkLength(out.length);
  return out;
}
