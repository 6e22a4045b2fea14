/**
 * Jinja's built-in tests (`is defined`, `is none`, `is divisibleby 3`, `is eq x`, ...).
 * @module
 */

import { binaryOp, contains } from "./ops.ts";
import {
  CaseInsensitiveDict,
  isDict,
  isFloat,
  isGenerator,
  isInt,
  isNumeric,
  PyCallable,
  pyCompare,
  pyEq,
  PyError,
  pyStr,
  PyUndefined,
} from "./py_value.ts";

type Test = (value: unknown, args: unknown[]) => boolean;

/** Python's `str.isupper()` / `str.islower()`: at least one cased character, none of the other case. */
function isCased(s: string, upper: boolean): boolean {
  const hasCased = /[\p{Lu}\p{Ll}\p{Lt}]/u.test(s);
  return hasCased &&
    (upper
      ? s === s.toUpperCase() && !/\p{Ll}/u.test(s)
      : s === s.toLowerCase() && !/[\p{Lu}\p{Lt}]/u.test(s));
}

const TESTS: Record<string, Test> = {
  defined: (v) => !(v instanceof PyUndefined),
  undefined: (v) => v instanceof PyUndefined,
  none: (v) => v === null,
  boolean: (v) => typeof v === "boolean",
  false: (v) => v === false,
  true: (v) => v === true,
  integer: (v) => isInt(v),
  float: (v) => isFloat(v),
  number: (v) => isNumeric(v),
  string: (v) => typeof v === "string",
  mapping: (v) => isDict(v) || v instanceof CaseInsensitiveDict,
  sequence: (v) =>
    typeof v === "string" || (Array.isArray(v) && !isGenerator(v)) || isDict(v) || v instanceof PyUndefined,
  iterable: (v) => typeof v === "string" || Array.isArray(v) || isDict(v) || v instanceof PyUndefined,
  callable: (v) => v instanceof PyCallable || typeof v === "function",
  lower: (v) => isCased(pyStr(v), false),
  upper: (v) => isCased(pyStr(v), true),
  odd: (v) => pyEq(binaryOp("%", v, 2), 1),
  even: (v) => pyEq(binaryOp("%", v, 2), 0),
  divisibleby: (v, a) => pyEq(binaryOp("%", v, a[0]), 0),
  sameas: (v, a) => v === a[0] || (v === null && a[0] === null),
  escaped: () => false,
  in: (v, a) => contains(a[0], v),
  eq: (v, a) => pyEq(v, a[0]),
  ne: (v, a) => !pyEq(v, a[0]),
  lt: (v, a) => pyCompare(v, a[0], "<") < 0,
  le: (v, a) => pyCompare(v, a[0], "<=") <= 0,
  gt: (v, a) => pyCompare(v, a[0], ">") > 0,
  ge: (v, a) => pyCompare(v, a[0], ">=") >= 0,
};
TESTS["=="] = TESTS.eq;
TESTS.equalto = TESTS.eq;
TESTS["!="] = TESTS.ne;
TESTS["<"] = TESTS.lt;
TESTS.lessthan = TESTS.lt;
TESTS["<="] = TESTS.le;
TESTS[">"] = TESTS.gt;
TESTS.greaterthan = TESTS.gt;
TESTS[">="] = TESTS.ge;

/** True when a test of that name exists. */
export function hasTest(name: string): boolean {
  return Object.hasOwn(TESTS, name);
}

/** Applies test `name`. */
export function callTest(name: string, value: unknown, args: unknown[]): boolean {
  if (!hasTest(name)) throw new PyError("RuntimeError", `No test named '${name}'.`);
  return TESTS[name](value, args);
}
