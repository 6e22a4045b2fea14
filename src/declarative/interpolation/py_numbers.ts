/**
 * Python `int(str, base)` and `float(str)` parsing rules (whitespace, signs, underscores, inf/nan).
 * @module
 */

/**
 * Parses like Python's `int(text, base)`; returns undefined where Python raises ValueError.
 *
 * @example
 * ```ts
 * import { parseIntText } from "./py_numbers.ts";
 * if (parseIntText(" 1_000 ", 10) !== 1000 || parseIntText("1.5", 10) !== undefined) throw new Error("bad");
 * ```
 */
export function parseIntText(text: string, base = 10): number | undefined {
  let t = text.trim();
  let sign = 1;
  if (t.startsWith("-") || t.startsWith("+")) {
    if (t[0] === "-") sign = -1;
    t = t.slice(1);
  }
  let b = base;
  const prefixed = /^0([xXoObB])/.exec(t);
  if (prefixed && (b === 0 || b === { x: 16, o: 8, b: 2 }[prefixed[1].toLowerCase() as "x" | "o" | "b"])) {
    b = { x: 16, o: 8, b: 2 }[prefixed[1].toLowerCase() as "x" | "o" | "b"];
    t = t.slice(2).replace(/^_/, "");
  } else if (b === 0) {
    if (/^0+(?:_?0)*$/.test(t)) return 0;
    if (/^0/.test(t)) return undefined;
    b = 10;
  }
  const digits = "0123456789abcdefghijklmnopqrstuvwxyz".slice(0, b);
  if (!t || t.startsWith("_") || t.endsWith("_") || t.includes("__")) return undefined;
  const clean = t.replace(/_/g, "").toLowerCase();
  for (const c of clean) if (!digits.includes(c)) return undefined;
  const v = b === 10 ? Number(clean) : parseInt(clean, b);
  return sign * v;
}

/**
 * Parses like Python's `float(text)`; returns undefined where Python raises ValueError.
 *
 * @example
 * ```ts
 * import { parseFloatText } from "./py_numbers.ts";
 * if (parseFloatText(" 1e3 ") !== 1000 || parseFloatText("abc") !== undefined) throw new Error("bad");
 * ```
 */
export function parseFloatText(text: string): number | undefined {
  const t = text.trim();
  if (/^[+-]?(?:inf|infinity)$/i.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(t)) return NaN;
  if (!/^[+-]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?$/.test(t)) {
    return undefined;
  }
  return Number(t.replace(/_/g, ""));
}
