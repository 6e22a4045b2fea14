/**
 * Python's format-spec mini-language (`format(value, spec)`), used by `str.format` and the `format` filter.
 * @module
 */

import { PyDate, PyDateTime } from "../../util/datetime.ts";
import { floatRepr, isFloat, isNumeric, num, PyError, pyStr, typeName } from "./py_value.ts";

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
export function formatValue(v: unknown, spec: string): string {
  if (v instanceof PyDateTime || v instanceof PyDate) return spec ? v.strftime(spec) : v.toString();
  if (spec === "") return pyStr(v);
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
    body = prec !== undefined ? v.slice(0, prec) : v;
    align ??= "<";
  } else if (isNumeric(v)) {
    const x = num(v);
    const ax = Math.abs(x);
    sign = x < 0 ? "-" : signCh === "+" ? "+" : signCh === " " ? " " : "";
    const t = typeCh ?? (isFloat(v) ? "" : "d");
    switch (t) {
      case "d":
      case "n":
        if (!Number.isInteger(x)) {
          throw new PyError("ValueError", "Unknown format code 'd' for object of type 'float'");
        }
        body = String(ax);
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
        body = ax.toFixed(prec ?? 6);
        break;
      case "%":
        body = (ax * 100).toFixed(prec ?? 6) + "%";
        break;
      case "e":
      case "E":
        body = ax.toExponential(prec ?? 6).replace(/e([+-])(\d)$/, "e$10$2");
        if (t === "E") body = body.toUpperCase();
        break;
      case "g":
      case "G":
        body = String(Number(ax.toPrecision(prec === 0 ? 1 : prec ?? 6)));
        break;
      default:
        body = prec !== undefined ? String(Number(ax.toPrecision(prec || 1))) : floatRepr(ax);
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
