/**
 * Python operators for template values: arithmetic, `%` formatting, membership, iteration and the sandboxed
 * attribute/item lookup Jinja performs.
 * @module
 */

import { PyDate, PyDateTime } from "../../util/datetime.ts";
import { addDuration, IsoDuration } from "../../util/duration.ts";
import { PyTimedelta } from "../../util/timedelta.ts";
import { charge, checkLength, checkList } from "./limits.ts";
import { percentFormat } from "./percent_format.ts";
import {
  big,
  CaseInsensitiveDict,
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
  ownKey,
  pyEq,
  PyError,
  type PyFloat,
  pyStr,
  PyUndefined,
  typeName,
} from "./py_value.ts";

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
        charge(a.length + b.length);
        return isTuple(a) ? makeTuple([...a, ...b]) : [...a, ...b];
      }
      if (a instanceof PyDateTime && (b instanceof PyTimedelta || isAddend(b))) return a.add(b);
      if (b instanceof PyDateTime && (a instanceof PyTimedelta || isAddend(a))) return b.add(a);
      if (a instanceof PyDate && !(a instanceof PyDateTime) && b instanceof PyTimedelta) return a.add(b);
      if (b instanceof PyDate && !(b instanceof PyDateTime) && a instanceof PyTimedelta) return b.add(a);
      if (a instanceof PyDate && !(a instanceof PyDateTime) && b instanceof IsoDuration) {
        return addDuration(a, b, 1);
      }
      if (b instanceof PyDate && !(b instanceof PyDateTime) && a instanceof IsoDuration) {
        return addDuration(b, a, 1);
      }
      if (a instanceof PyTimedelta && b instanceof PyTimedelta) return a.add(b);
      return unsupported("+", a, b);
    case "-":
      if (numeric) return numResult(a, b, num(a) - num(b));
      if (a instanceof PyDateTime && (b instanceof PyDateTime || b instanceof PyTimedelta || isAddend(b))) {
        return a.sub(b);
      }
      if (a instanceof PyDate && !(a instanceof PyDateTime) && (b instanceof PyTimedelta)) return a.sub(b);
      if (a instanceof PyDate && !(a instanceof PyDateTime) && b instanceof IsoDuration) {
        return addDuration(a, b, -1);
      }
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
  charge(1 + ((seq.length * times) >> 4));
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
    charge(1 + (haystack.length >> 4));
    return haystack.includes(needle);
  }
  if (Array.isArray(haystack)) return iterate(haystack).some((x) => pyEq(x, needle));
  if (haystack instanceof CaseInsensitiveDict) {
    return typeof needle === "string" && haystack.lookup(needle).found;
  }
  if (isDict(haystack)) {
    if (Array.isArray(needle) || isDict(needle)) {
      throw new PyError("TypeError", `unhashable type: '${typeName(needle)}'`);
    }
    const key = dictKey(needle);
    return key !== undefined && ownKey(haystack, key).found;
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
    charge(v.length);
    return v;
  }
  if (typeof v === "string") {
    charge(v.length);
    return Array.from(v);
  }
  if (isDict(v)) {
    const keys = Object.keys(v);
    charge(keys.length);
    return keys;
  }
  if (v instanceof CaseInsensitiveDict) return v.keys();
  throw new PyError("TypeError", `'${typeName(v)}' object is not iterable`);
}

/** Python `len()`. */
export function pyLen(v: unknown): number {
  if (v instanceof PyUndefined) return 0;
  if (typeof v === "string") {
    charge(1 + (v.length >> 4));
    return Array.from(v).length;
  }
  if (Array.isArray(v) && !isGenerator(v)) return v.length;
  if (isDict(v)) return Object.keys(v).length;
  if (v instanceof CaseInsensitiveDict) return v.keys().length;
  throw new PyError("TypeError", `object of type '${typeName(v)}' has no len()`);
}
