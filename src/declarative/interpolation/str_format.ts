/**
 * Python's format-spec mini-language (`format(value, spec)`), used by `str.format` and the `format` filter.
 * @module
 */

import { PyDate, PyDateTime } from "../../util/datetime.ts";
import { floatRepr, isFloat, isNumeric, num, PyError, pyStr, PyUndefined, typeName } from "./py_value.ts";

const SPEC_RE = /^(?:(.)?([<>=^]))?([-+ ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/s;

/**
 * Formats a value with a Python format spec such as `02d`, `.2f`, `>10`.
 *
 * @example
 * ```ts
 * import { formatValue } from "./str_format.ts";
 * if (formatValue(7, "03d") !== "007") throw new Error("bad");
 * ```
 */
/** `x.toFixed(d)` without JS's switch to exponent form at 1e21. */
export function toFixedPy(x: number, digits: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
  if (Math.abs(x) < 1e21) return x.toFixed(digits);
  const int = BigInt(Math.round(x)).toString();
  return digits > 0 ? `${int}.${"0".repeat(digits)}` : int;
}

function stripZeros(s: string): string {
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

/**
 * Python's general format (`%g`, `{:g}`; with `noneType` the float default `{:.3}`): fixed or scientific
 * notation by exponent, trailing zeros removed unless `alt` (`#`).
 */
export function formatGeneral(x: number, prec: number, alt = false, upper = false, noneType = false): string {
  if (!Number.isFinite(x)) {
    const s = Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
    return upper ? s.toUpperCase() : s;
  }
  const p = prec === 0 ? 1 : prec;
  const [mant, e] = x.toExponential(p - 1).split("e");
  const exp = Number(e);
  let s: string;
  if (exp >= -4 && exp < (noneType ? p - 1 : p)) {
    s = toFixedPy(x, Math.max(0, p - 1 - exp));
    if (!alt) s = stripZeros(s);
    if (noneType && !/[.e]/.test(s)) s += ".0";
  } else {
    s = `${alt ? mant : stripZeros(mant)}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return upper ? s.toUpperCase() : s;
}

export function formatValue(v: unknown, spec: string): string {
  if (v instanceof PyDateTime || v instanceof PyDate) return spec ? v.strftime(spec) : v.toString();
  if (spec === "" || v instanceof PyUndefined) return pyStr(v);
  const m = SPEC_RE.exec(spec);
  if (!m) throw new PyError("ValueError", `Invalid format specifier '${spec}'`);
  const [, fillCh, alignCh, signCh, , zero, widthS, group, precS, typeCh] = m;
  let fill = fillCh ?? " ";
  let align = alignCh;
  const width = widthS ? Number(widthS) : 0;
  const prec = precS !== undefined ? Number(precS) : undefined;
  let body: string;
  let sign = "";
  if (typeof v === "string") {
    if (typeCh && typeCh !== "s") {
      throw new PyError("ValueError", `Unknown format code '${typeCh}' for object of type 'str'`);
    }
    if (group) throw new PyError("ValueError", `Cannot specify '${group}' with 's'.`);
    if (signCh) throw new PyError("ValueError", "Sign not allowed in string format specifier");
    body = prec !== undefined ? v.slice(0, prec) : v;
    align ??= "<";
  } else if (isNumeric(v)) {
    const x = num(v);
    const ax = Math.abs(x);
    sign = x < 0 || Object.is(x, -0) ? "-" : signCh === "+" ? "+" : signCh === " " ? " " : "";
    const float = isFloat(v);
    const t = typeCh ?? (float ? "" : "d");
    if (float && t !== "" && "dnbcoxX".includes(t)) {
      throw new PyError("ValueError", `Unknown format code '${t}' for object of type 'float'`);
    }
    if (!float && !typeCh && prec !== undefined) {
      throw new PyError("ValueError", "Precision not allowed in integer format specifier");
    }
    switch (t) {
      case "d":
      case "n":
        if (!Number.isInteger(x)) {
          throw new PyError("ValueError", "Unknown format code 'd' for object of type 'float'");
        }
        body = typeof v === "bigint" ? (v < 0n ? -v : v).toString() : toFixedPy(ax, 0);
        break;
      case "b":
        body = Math.trunc(ax).toString(2);
        break;
      case "o":
        body = Math.trunc(ax).toString(8);
        break;
      case "x":
        body = Math.trunc(ax).toString(16);
        break;
      case "X":
        body = Math.trunc(ax).toString(16).toUpperCase();
        break;
      case "c":
        body = String.fromCodePoint(ax);
        break;
      case "f":
      case "F":
        body = toFixedPy(ax, prec ?? 6);
        break;
      case "%":
        body = toFixedPy(ax * 100, prec ?? 6) + "%";
        break;
      case "e":
      case "E":
        body = ax.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, "e$10$2");
        if (t === "E") body = body.toUpperCase();
        break;
      case "g":
      case "G":
        body = formatGeneral(ax, prec ?? 6, false, t === "G");
        break;
      default:
        body = prec !== undefined ? formatGeneral(ax, prec, false, false, true) : floatRepr(ax);
    }
    if (group) {
      const [i, f] = body.split(".");
      body = i.replace(/\B(?=(\d{3})+(?!\d))/g, group) + (f !== undefined ? "." + f : "");
    }
    align ??= ">";
    if (zero && !alignCh) {
      fill = "0";
      align = "=";
    }
  } else {
    throw new PyError("TypeError", `unsupported format string passed to ${typeName(v)}.__format__`);
  }
  const len = Array.from(sign + body).length;
  const padN = Math.max(0, width - len);
  if (align === "=") return sign + fill.repeat(padN) + body;
  const s = sign + body;
  if (align === "<") return s + fill.repeat(padN);
  if (align === "^") return fill.repeat(Math.floor(padN / 2)) + s + fill.repeat(padN - Math.floor(padN / 2));
  return fill.repeat(padN) + s;
}
