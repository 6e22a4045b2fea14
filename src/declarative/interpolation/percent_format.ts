/**
 * Python's printf-style `str % args` formatting.
 * @module
 */

import { checkLength } from "./limits.ts";
import { formatGeneral, toFixedPy } from "./str_format.ts";
import {
  isDict,
  isIntLike,
  isNumeric,
  isTuple,
  isUnsubscriptable,
  num,
  ownGet,
  PyError,
  pyRepr,
  pyStr,
  PyUndefined,
  typeName,
} from "./py_value.ts";

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
          if (typeof v === "string" ? Array.from(v).length !== 1 : !isIntLike(v)) {
            throw new PyError("TypeError", "%c requires int or char");
          }
          s = typeof v === "string" ? v : String.fromCodePoint(num(v));
          break;
        default: {
          if (!isNumeric(v)) {
            throw new PyError("TypeError", `%${conv} format: a real number is required, not ${typeName(v)}`);
          }
          const integer = "diuoxX".includes(conv);
          if (integer && !isIntLike(v) && "oxX".includes(conv)) {
            throw new PyError("TypeError", `%${conv} format: an integer is required, not ${typeName(v)}`);
          }
          const x = integer ? Math.trunc(num(v)) : num(v);
          const sign = (integer ? x < 0 : x < 0 || Object.is(x, -0))
            ? "-"
            : flags.includes("+")
            ? "+"
            : flags.includes(" ")
            ? " "
            : "";
          const ax = Math.abs(x);
          let body: string;
          if ("diu".includes(conv)) {
            body = typeof v === "bigint" ? (v < 0n ? -v : v).toString() : toFixedPy(ax, 0);
          } else if (conv === "o") body = Math.trunc(ax).toString(8);
          else if (conv === "x") body = Math.trunc(ax).toString(16);
          else if (conv === "X") body = Math.trunc(ax).toString(16).toUpperCase();
          else if (conv === "f" || conv === "F") body = toFixedPy(ax, p ?? 6);
          else if (conv === "e" || conv === "E") {
            body = ax.toExponential(p ?? 6).replace(/e([+-])(\d)$/, "e$10$2");
            if (conv === "E") body = body.toUpperCase();
          } else {
            body = formatGeneral(ax, p ?? 6, flags.includes("#"), conv === "G");
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
