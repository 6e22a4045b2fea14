/**
 * Python truthiness, used wherever Airbyte writes `if value:` (page tokens, extracted values).
 * @module
 */

/**
 * Returns whether `value` is truthy in Python terms: `None`, `False`, `0`, `""`, `[]` and `{}` are falsy.
 * (Unlike JavaScript, empty arrays and objects are falsy and `NaN` is truthy.)
 *
 * @example
 * ```ts
 * import { pyTruthy } from "./py_truthy.ts";
 * if (pyTruthy([]) || pyTruthy({}) || !pyTruthy("0")) throw new Error("wrong");
 * ```
 */
export function pyTruthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return false;
  switch (typeof value) {
    case "number":
      return value !== 0;
    case "string":
      return value.length > 0;
    case "bigint":
      return value !== 0n;
    case "object":
      if (Array.isArray(value)) return value.length > 0;
      if (value instanceof Map || value instanceof Set) return value.size > 0;
      for (const _ in value) return true;
      return false;
    default:
      return true;
  }
}
