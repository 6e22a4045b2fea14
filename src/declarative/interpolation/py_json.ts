/**
 * Python `json.dumps` output (default separators `", "` / `": "`, `ensure_ascii=True`) for template values, and
 * conversion of template values to plain JSON-compatible JS values.
 * @module
 */

import { PyDate, PyDateTime } from "../../util/datetime.ts";
import { PyTimedelta } from "../../util/timedelta.ts";
import {
  CaseInsensitiveDict,
  floatRepr,
  intStr,
  isDict,
  isUnsubscriptable,
  PyError,
  PyFloat,
  PyNamespace,
  PyUndefined,
  typeName,
} from "./py_value.ts";

function jsonString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i];
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (c < 0x20 || c > 0x7e) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + '"';
}

/**
 * Python's `json.dumps(value, sort_keys=...)`.
 *
 * @example
 * ```ts
 * import { pyJsonDumps } from "./py_json.ts";
 * if (pyJsonDumps({ b: 1, a: [true, null] }, false) !== '{"b": 1, "a": [true, null]}') throw new Error("bad");
 * ```
 */
export function pyJsonDumps(v: unknown, sortKeys: boolean, depth = 0): string {
  if (depth > 200) throw new PyError("LimitError", "value is nested too deeply to serialise");
  if (v === null || v === undefined) return "null";
  if (v === true) return "true";
  if (v === false) return "false";
  if (typeof v === "number") {
    if (Number.isInteger(v)) return intStr(v);
    if (Number.isNaN(v)) return "NaN";
    if (!Number.isFinite(v)) return v > 0 ? "Infinity" : "-Infinity";
    return floatRepr(v);
  }
  if (v instanceof PyFloat) return floatRepr(v.value);
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "string") return jsonString(v);
  if (isUnsubscriptable(v)) {
    throw new PyError("TypeError", `Object of type ${typeName(v)} is not JSON serializable`);
  }
  if (Array.isArray(v)) return `[${v.map((x) => pyJsonDumps(x, sortKeys, depth + 1)).join(", ")}]`;
  if (v instanceof CaseInsensitiveDict) return pyJsonDumps(v.data, sortKeys, depth + 1);
  if (isDict(v)) {
    let keys = Object.keys(v);
    if (sortKeys) keys = keys.sort();
    return `{${keys.map((k) => `${jsonString(k)}: ${pyJsonDumps(v[k], sortKeys, depth + 1)}`).join(", ")}}`;
  }
  throw new PyError("TypeError", `Object of type ${typeName(v)} is not JSON serializable`);
}

/** Converts a template value into a plain JS value (floats unboxed, datetimes to their `str()`). */
export function toPlain(v: unknown, depth = 0): unknown {
  if (depth > 500) throw new PyError("LimitError", "value is nested too deeply");
  if (v instanceof PyFloat) return v.value;
  if (v instanceof PyUndefined) return null;
  if (Array.isArray(v)) return v.map((x) => toPlain(x, depth + 1));
  if (isDict(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      Object.defineProperty(out, k, {
        value: toPlain(v[k], depth + 1),
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
    return out;
  }
  if (v instanceof PyNamespace) return toPlain(Object.fromEntries(v.attrs), depth + 1);
  if (v instanceof PyDateTime || v instanceof PyDate || v instanceof PyTimedelta) return v;
  return v;
}
