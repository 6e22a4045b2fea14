/**
 * Python value model used by the template evaluator: how JS values stand for Python ones, Python errors,
 * truthiness, `str()` / `repr()`, equality and ordering.
 *
 * Mapping: `null` = None, booleans = bool, integral JS numbers = int, non-integral numbers and
 * {@link PyFloat} = float, strings = str, arrays = list (tuples are arrays marked by {@link makeTuple}),
 * plain objects = dict, {@link PyUndefined} = Jinja's Undefined, and the datetime classes from src/util.
 * @module
 */

import { PyDate, PyDateTime } from "../../util/datetime.ts";
import { IsoDuration } from "../../util/duration.ts";
import { PyTimedelta } from "../../util/timedelta.ts";
import { charge } from "./limits.ts";

/** A float whose value is integral (so it prints as `5.0`). Non-integral floats are plain numbers. */
export class PyFloat {
  /** Creates a float box. */
  constructor(readonly value: number) {}
}

/** Python error kinds the engine distinguishes (the reference treats TypeError and UndefinedError specially). */
export type PyErrorKind =
  | "TypeError"
  | "ValueError"
  | "KeyError"
  | "IndexError"
  | "AttributeError"
  | "UndefinedError"
  | "SecurityError"
  | "ZeroDivisionError"
  | "LimitError"
  | "RuntimeError"
  | "OverflowError";

/** An exception raised by template code, carrying its Python class name. */
export class PyError extends Error {
  /** Creates a Python-level error. */
  constructor(readonly kind: PyErrorKind, message: string) {
    super(message);
    this.name = kind;
  }
}

/** Jinja's Undefined: renders empty, is falsy, fails on most operations. */
export class PyUndefined {
  /** Creates an undefined value; `unsafe` marks an attribute the sandbox refused. */
  constructor(readonly hint: string, readonly unsafe = false) {}
  /** Throws the error Jinja raises when an undefined value is used. */
  fail(): never {
    throw new PyError(this.unsafe ? "SecurityError" : "UndefinedError", this.hint);
  }
}

/** Jinja's `namespace()` object: attributes can be assigned with `{% set ns.x = ... %}`. */
export class PyNamespace {
  /** Attribute storage. */
  readonly attrs: Map<string, unknown> = new Map();
}

/** Jinja's `loop` variable inside `{% for %}`. */
export class PyLoop {
  /** Creates the loop state for item `i` of `items`. */
  constructor(readonly items: readonly unknown[], readonly i: number) {}
  /** Reads a loop attribute (`index`, `first`, `last`, ...); undefined for unknown names. */
  attr(name: string): { found: boolean; value?: unknown } {
    const n = this.items.length;
    const i = this.i;
    switch (name) {
      case "index":
        return { found: true, value: i + 1 };
      case "index0":
        return { found: true, value: i };
      case "revindex":
        return { found: true, value: n - i };
      case "revindex0":
        return { found: true, value: n - i - 1 };
      case "first":
        return { found: true, value: i === 0 };
      case "last":
        return { found: true, value: i === n - 1 };
      case "length":
        return { found: true, value: n };
      case "depth":
        return { found: true, value: 1 };
      case "depth0":
        return { found: true, value: 0 };
      case "previtem":
        return {
          found: true,
          value: i > 0 ? this.items[i - 1] : new PyUndefined("there is no previous item"),
        };
      case "cycle":
        return {
          found: true,
          value: new PyCallable("cycle", (args) => {
            if (args.length === 0) throw new PyError("TypeError", "no items for cycling given");
            return args[i % args.length];
          }),
        };
      case "nextitem":
        return {
          found: true,
          value: i < n - 1 ? this.items[i + 1] : new PyUndefined("there is no next item"),
        };
    }
    return { found: false };
  }
}

/**
 * A read-only mapping with case-insensitive key lookup, for HTTP headers (requests' CaseInsensitiveDict):
 * `headers.get('Link')` and `headers['link']` both find a `link` header. Exact keys win, so a component can
 * add entries such as CursorPagination's parsed `link`.
 *
 * @example
 * ```ts
 * import { CaseInsensitiveDict } from "./py_value.ts";
 * const h = CaseInsensitiveDict.fromHeaders(new Headers({ "X-Total": "5" }));
 * if (h.lookup("x-TOTAL").value !== "5") throw new Error("bad");
 * ```
 */
export class CaseInsensitiveDict {
  /** All entries (raw headers first, then extras), as Python's `dict(response.headers)` plus additions. */
  readonly data: PyDict;
  readonly #extras: PyDict;
  readonly #index = new Map<string, string>();

  /** Wraps raw entries (looked up case-insensitively) and extras (matched exactly, taking precedence). */
  constructor(raw: PyDict, extras: PyDict = {}) {
    this.#extras = extras;
    this.data = {};
    for (const k of Object.keys(raw)) {
      if (!this.#index.has(k.toLowerCase())) this.#index.set(k.toLowerCase(), k);
      ownSet(this.data, k, raw[k]);
    }
    for (const k of Object.keys(extras)) ownSet(this.data, k, extras[k]);
  }

  /**
   * Builds one from fetch `Headers` (or name/value pairs): names get their conventional capitalisation
   * (`content-type` -> `Content-Type`, as servers send them), extras keep their exact keys.
   */
  static fromHeaders(
    headers: Headers | Iterable<[string, string]> | Record<string, string>,
    extras: Record<string, unknown> = {},
  ): CaseInsensitiveDict {
    const raw: PyDict = {};
    const entries = headers instanceof Headers || Symbol.iterator in Object(headers)
      ? headers as Iterable<[string, string]>
      : Object.entries(headers as Record<string, string>);
    for (const [k, v] of entries) {
      ownSet(
        raw,
        k.toLowerCase().replace(/(^|-)([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase()),
        v,
      );
    }
    const ex: PyDict = {};
    for (const k of Object.keys(extras)) ownSet(ex, k, extras[k]);
    return new CaseInsensitiveDict(raw, ex);
  }

  /** Extras by exact key first, then headers case-insensitively. */
  lookup(key: string): { found: boolean; value?: unknown } {
    const extra = ownGet(this.#extras, key);
    if (extra.found) return extra;
    const k = this.#index.get(key.toLowerCase());
    return k === undefined ? { found: false } : ownGet(this.data, k);
  }

  /** Keys in insertion order. */
  keys(): string[] {
    return Object.keys(this.data);
  }
}

/** Keyword arguments passed to a callable. */
export type Kwargs = Map<string, unknown>;

/**
 * A callable exposed to templates (macros, bound methods, helpers trusted code passes in the variables).
 *
 * @example
 * ```ts
 * import { PyCallable } from "./py_value.ts";
 * const twice = new PyCallable("twice", (args) => (args[0] as number) * 2);
 * if (twice.fn([21], new Map()) !== 42) throw new Error("bad");
 * ```
 */
export class PyCallable {
  /** Creates a callable with a Python-visible name. */
  constructor(readonly name: string, readonly fn: (args: unknown[], kwargs: Kwargs) => unknown) {}
}

const tuples = new WeakSet<unknown[]>();

/** Marks an array as a Python tuple (affects repr only). */
export function makeTuple<T extends unknown[]>(items: T): T {
  tuples.add(items);
  return items;
}

const views = new WeakMap<unknown[], string>();

/** Marks an array as a dict view (`dict_keys`, `dict_values`, `dict_items`), which only changes its repr. */
export function makeView<T extends unknown[]>(items: T, kind: "dict_keys" | "dict_values" | "dict_items"): T {
  views.set(items, kind);
  return items;
}

const generators = new WeakMap<unknown[], string>();

/**
 * Marks an array as a Python iterator (what Jinja's map/select/unique/... return): always truthy, no len(),
 * not subscriptable, printed as `<... object at 0x...>`. Items are computed eagerly.
 */
export function makeGenerator<T extends unknown[]>(items: T, kind: string): T {
  generators.set(items, kind);
  return items;
}

const deferred = new WeakMap<unknown[], PyError>();

/**
 * Runs an eager computation of a Python generator: its error, if any, is deferred until the generator is
 * iterated (as Jinja's lazy filters do).
 */
export function lazyGenerator(kind: string, compute: () => unknown[]): unknown[] {
  try {
    return makeGenerator(compute(), kind);
  } catch (e) {
    if (!(e instanceof PyError) || e.kind === "LimitError") throw e;
    const g = makeGenerator([], kind);
    deferred.set(g, e);
    return g;
  }
}

/** Throws the deferred error of a generator being iterated. */
export function checkDeferred(v: unknown[]): void {
  const e = deferred.get(v);
  if (e) throw e;
}

/** True for arrays marked by {@link makeGenerator}. */
export function isGenerator(v: unknown): boolean {
  return Array.isArray(v) && generators.has(v);
}

/** True for dict views and generators, which Python cannot index. */
export function isUnsubscriptable(v: unknown): boolean {
  return Array.isArray(v) && (generators.has(v) || views.has(v));
}

/** True for arrays created as tuples. */
export function isTuple(v: unknown): boolean {
  return Array.isArray(v) && tuples.has(v);
}

/** A Python dict: a plain data object (own enumerable properties only are ever read). */
export type PyDict = Record<string, unknown>;

/** True for plain objects used as dicts (never class instances, functions or arrays). */
export function isDict(v: unknown): v is PyDict {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Own data property lookup that never reaches the prototype chain. */
export function ownGet(obj: PyDict, key: string): { found: boolean; value?: unknown } {
  const d = Object.getOwnPropertyDescriptor(obj, key);
  if (!d || !("value" in d)) return { found: false };
  return { found: true, value: d.value };
}

/**
 * Own enumerable data property lookup: the mapping's keys as `.get()`, `in` and iteration see them.
 * Non-enumerable own properties act as attributes (reachable with `.name` / `['name']` only), which is how
 * a StreamSlice's `partition` / `cursor_slice` / `extra_fields` behave upstream.
 */
export function ownKey(obj: PyDict, key: string): { found: boolean; value?: unknown } {
  const d = Object.getOwnPropertyDescriptor(obj, key);
  if (!d || !("value" in d) || !d.enumerable) return { found: false };
  return { found: true, value: d.value };
}

/** Sets a dict key safely (works for `__proto__` too). */
export function ownSet(obj: PyDict, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Creates a float value (boxed when integral so it keeps printing as a float). */
export function mkFloat(x: number): number | PyFloat {
  return Number.isInteger(x) ? new PyFloat(x) : x;
}

/** True for Python ints (bools excluded). */
export function isInt(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v);
}

/** True for Python floats. */
export function isFloat(v: unknown): boolean {
  return v instanceof PyFloat || (typeof v === "number" && !Number.isInteger(v));
}

/** True for int, float or bool. */
export function isNumeric(v: unknown): boolean {
  return typeof v === "number" || typeof v === "boolean" || v instanceof PyFloat || typeof v === "bigint";
}

/** True for int-like values (int, bool, big int). */
export function isIntLike(v: unknown): boolean {
  return typeof v === "bigint" || typeof v === "boolean" || isInt(v);
}

/** The exact integer of an int-like value. */
export function big(v: unknown): bigint {
  return typeof v === "bigint" ? v : BigInt(num(v));
}

/** The JS number of an int/float/bool. */
export function num(v: unknown): number {
  if (v instanceof PyFloat) return v.value;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "bigint") return Number(v);
  return v as number;
}

/** Python type name, for error messages. */
export function typeName(v: unknown): string {
  if (v === null) return "NoneType";
  if (v === undefined || v instanceof PyUndefined) return "Undefined";
  if (typeof v === "boolean") return "bool";
  if (isInt(v) || typeof v === "bigint") return "int";
  if (isFloat(v)) return "float";
  if (typeof v === "string") return "str";
  if (Array.isArray(v)) {
    return isTuple(v) ? "tuple" : generators.get(v)?.split(" ")[0] ?? views.get(v) ?? "list";
  }
  if (v instanceof PyDateTime) return "datetime.datetime";
  if (v instanceof PyDate) return "datetime.date";
  if (v instanceof PyTimedelta) return "datetime.timedelta";
  if (v instanceof IsoDuration) return "Duration";
  if (v instanceof PyNamespace) return "Namespace";
  if (v instanceof CaseInsensitiveDict) return "CaseInsensitiveDict";
  if (v instanceof PyCallable) return "function";
  if (typeof v === "function") return "function";
  if (isDict(v)) return "dict";
  return "object";
}

/** Python truthiness (Jinja's Undefined is false). */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v instanceof PyUndefined) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (v instanceof PyFloat) return v.value !== 0;
  if (typeof v === "bigint") return v !== 0n;
  if (typeof v === "string") return v.length > 0;
  if (Array.isArray(v)) return v.length > 0 || generators.has(v);
  if (v instanceof PyTimedelta) return v.totalMicros !== 0n;
  if (v instanceof CaseInsensitiveDict) return v.keys().length > 0;
  if (isDict(v)) return Object.keys(v).length > 0;
  return true;
}

/** Python's `repr(float)`: shortest round-trip digits, exponent form outside 1e-4..1e16. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const [mant, expText] = x.toExponential().split("e");
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    return `${mant}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  const neg = mant.startsWith("-");
  const digits = mant.replace("-", "").replace(".", "");
  let s: string;
  if (exp >= 0) {
    const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
    const frac = digits.slice(exp + 1);
    s = `${intPart}.${frac || "0"}`;
  } else {
    s = `0.${"0".repeat(-exp - 1)}${digits}`;
  }
  return neg ? `-${s}` : s;
}

/** Python's `str(int)` for a JS integer (no exponent form). */
export function intStr(x: number): string {
  return Math.abs(x) < 1e21 ? String(x) : BigInt(x).toString();
}

/** Python's `repr(str)`. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else if (c >= 0x80 && c < 0xa0) out += "\\x" + c.toString(16).padStart(2, "0");
    else if (c >= 0xd800 && c < 0xe000) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + quote;
}

const MAX_REPR_DEPTH = 200;

/** Python's `str()` of a value, as Jinja prints it into template output. */
export function pyStr(v: unknown): string {
  if (typeof v === "string") return v;
  if (v instanceof PyUndefined || v === undefined) return "";
  if (
    v instanceof PyDateTime || v instanceof PyDate || v instanceof PyTimedelta || v instanceof IsoDuration
  ) {
    return v.toString();
  }
  return pyRepr(v);
}

/** Python's `repr()` of a value. */
export function pyRepr(v: unknown, depth = 0, seen: Set<unknown> = new Set()): string {
  charge(1);
  if (depth > MAX_REPR_DEPTH) throw new PyError("LimitError", "value is nested too deeply to print");
  if (v === null) return "None";
  if (v === undefined || v instanceof PyUndefined) return "Undefined";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return Number.isInteger(v) ? intStr(v) : floatRepr(v);
  if (v instanceof PyFloat) return floatRepr(v.value);
  if (typeof v === "string") return strRepr(v);
  if (typeof v === "bigint") return v.toString();
  if (Array.isArray(v)) {
    const gen = generators.get(v);
    if (gen) return `<${gen} at 0x7f0000000000>`;
    if (seen.has(v)) return isTuple(v) ? "(...)" : "[...]";
    seen.add(v);
    const parts = v.map((x) => pyRepr(x, depth + 1, seen));
    seen.delete(v);
    if (isTuple(v)) return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(", ")})`;
    const view = views.get(v);
    if (view) return `${view}([${parts.join(", ")}])`;
    return `[${parts.join(", ")}]`;
  }
  if (v instanceof PyDateTime) return dateTimeRepr(v);
  if (v instanceof PyDate) return `datetime.date(${v.year}, ${v.month}, ${v.day})`;
  if (v instanceof PyTimedelta) return timedeltaRepr(v);
  if (v instanceof IsoDuration) return `isodate.duration.Duration(${v.toString()})`;
  if (v instanceof PyNamespace) {
    const inner = [...v.attrs].map(([k, x]) => `${strRepr(k)}: ${pyRepr(x, depth + 1, seen)}`);
    return `<Namespace {${inner.join(", ")}}>`;
  }
  if (v instanceof PyCallable || typeof v === "function") return `<function ${(v as { name: string }).name}>`;
  if (v instanceof CaseInsensitiveDict) return pyRepr(v.data, depth + 1, seen);
  if (v instanceof PyLoop) return `<LoopContext ${v.i + 1}/${v.items.length}>`;
  if (isDict(v)) {
    if (seen.has(v)) return "{...}";
    seen.add(v);
    const inner = Object.keys(v).map((k) => `${strRepr(k)}: ${pyRepr(v[k], depth + 1, seen)}`);
    seen.delete(v);
    return `{${inner.join(", ")}}`;
  }
  return "<object>";
}

function dateTimeRepr(d: PyDateTime): string {
  const parts = [d.year, d.month, d.day, d.hour, d.minute];
  if (d.second || d.microsecond) parts.push(d.second);
  if (d.microsecond) parts.push(d.microsecond);
  let tz = "";
  if (d.offsetSeconds !== null) {
    tz = d.offsetSeconds === 0
      ? ", tzinfo=datetime.timezone.utc"
      : `, tzinfo=datetime.timezone(${timedeltaRepr(new PyTimedelta(d.offsetSeconds * 1_000_000))})`;
  }
  return `datetime.datetime(${parts.join(", ")}${tz})`;
}

function timedeltaRepr(t: PyTimedelta): string {
  const parts: string[] = [];
  if (t.days) parts.push(`days=${t.days}`);
  if (t.seconds) parts.push(`seconds=${t.seconds}`);
  if (t.microseconds) parts.push(`microseconds=${t.microseconds}`);
  return `datetime.timedelta(${parts.join(", ") || "0"})`;
}

/** Python `==`. */
export function pyEq(a: unknown, b: unknown, depth = 0): boolean {
  charge(1);
  if (depth > MAX_REPR_DEPTH) throw new PyError("LimitError", "value is nested too deeply to compare");
  if (a instanceof PyUndefined || b instanceof PyUndefined) {
    return a instanceof PyUndefined && b instanceof PyUndefined;
  }
  if (isNumeric(a) && isNumeric(b)) {
    if ((typeof a === "bigint" || typeof b === "bigint") && isIntLike(a) && isIntLike(b)) {
      return big(a) === big(b);
    }
    return num(a) === num(b);
  }
  if (a === null || b === null) return a === b;
  if (typeof a === "string" || typeof b === "string") return a === b;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (isTuple(a) !== isTuple(b) || a.length !== b.length) return false;
    return a.every((x, i) => pyEq(x, b[i], depth + 1));
  }
  if (a instanceof PyDateTime && b instanceof PyDateTime) return a.equals(b);
  if (a instanceof PyDate && b instanceof PyDate) return a.equals(b);
  if (a instanceof PyTimedelta && b instanceof PyTimedelta) return a.equals(b);
  if (a instanceof CaseInsensitiveDict || b instanceof CaseInsensitiveDict) {
    const x = a instanceof CaseInsensitiveDict ? a.data : a;
    const y = b instanceof CaseInsensitiveDict ? b.data : b;
    return isDict(x) && isDict(y) && pyEq(x, y, depth + 1);
  }
  if (isDict(a) && isDict(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && pyEq(a[k], b[k], depth + 1));
  }
  return a === b;
}

/** Python ordering: negative, zero or positive; TypeError for unorderable types. */
export function pyCompare(a: unknown, b: unknown, op: string): number {
  if (a instanceof PyUndefined) a.fail();
  if (b instanceof PyUndefined) b.fail();
  if (isNumeric(a) && isNumeric(b)) {
    if ((typeof a === "bigint" || typeof b === "bigint") && isIntLike(a) && isIntLike(b)) {
      const p = big(a);
      const q = big(b);
      return p < q ? -1 : p > q ? 1 : 0;
    }
    const x = num(a);
    const y = num(b);
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
  }
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (
    Array.isArray(a) && Array.isArray(b) && isTuple(a) === isTuple(b) && !generators.has(a) &&
    !generators.has(b)
  ) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!pyEq(a[i], b[i])) return pyCompare(a[i], b[i], op);
    }
    return a.length - b.length;
  }
  if (a instanceof PyDateTime && b instanceof PyDateTime) return a.compare(b);
  if (
    a instanceof PyDate && b instanceof PyDate && !(a instanceof PyDateTime) && !(b instanceof PyDateTime)
  ) {
    return a.compare(b);
  }
  if (a instanceof PyTimedelta && b instanceof PyTimedelta) return a.compare(b);
  throw new PyError(
    "TypeError",
    `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`,
  );
}
