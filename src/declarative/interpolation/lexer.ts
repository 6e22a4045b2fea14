/**
 * Tokenizer for the Jinja2 template subset used by Airbyte manifests: template data, `{{ }}` outputs,
 * `{% %}` statements (with `-` whitespace control), `{# #}` comments and `{% raw %}` blocks. String literals
 * are unescaped the way Jinja does it (Python `unicode-escape`: unknown escapes such as `\d` stay literal).
 * @module
 */

import { SpoutError } from "../../errors.ts";

/** Kinds of tokens produced by {@link tokenize}. */
export type TokenType =
  | "data"
  | "var_begin"
  | "var_end"
  | "block_begin"
  | "block_end"
  | "name"
  | "string"
  | "int"
  | "float"
  | "op"
  | "eof";

/** One lexical token; `pos` is the offset in the template source. */
export interface Token {
  /** Token kind. */
  type: TokenType;
  /** Token text (unescaped for strings, operator text for ops). */
  value: string;
  /** Numeric value for int/float tokens. */
  num?: number;
  /** Offset in the source. */
  pos: number;
}

const OPERATORS = [
  "//",
  "**",
  "==",
  "!=",
  "<=",
  ">=",
  "+",
  "-",
  "*",
  "/",
  "%",
  "~",
  "<",
  ">",
  "=",
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  ",",
  ".",
  ":",
  "|",
  ";",
];

/** Converts an offset to "line L, column C" for error messages. */
export function describePosition(source: string, pos: number): string {
  let line = 1;
  let col = 1;
  for (let i = 0; i < pos && i < source.length; i++) {
    if (source[i] === "\n") {
      line++;
      col = 1;
    } else col++;
  }
  return `line ${line}, column ${col}`;
}

/** Throws a template syntax error. */
export function syntaxError(source: string, pos: number, message: string): never {
  throw new SpoutError(
    "template_error",
    `template syntax error at ${describePosition(source, pos)}: ${message}`,
  );
}

const NAME_RE = /[A-Za-z_][A-Za-z0-9_]*/y;
const FLOAT_RE =
  /(?:\d(?:_?\d)*)?\.\d(?:_?\d)*(?:[eE][+-]?\d(?:_?\d)*)?|\d(?:_?\d)*(?:\.\d(?:_?\d)*)?[eE][+-]?\d(?:_?\d)*/y;
const INT_RE = /0[bB](?:_?[01])+|0[oO](?:_?[0-7])+|0[xX](?:_?[0-9a-fA-F])+|\d(?:_?\d)*/y;
const WS_RE = /\s+/y;
const RAW_BEGIN_RE = /\{%(-?)\s*raw\s*(-?)%\}/y;
const RAW_END_RE = /\{%(-?)\s*endraw\s*(-?)%\}/g;

/**
 * Decodes the body of a string literal like Python's `unicode-escape` codec (what Jinja uses): known escapes
 * are translated, unknown ones (`\d`, `\w`) are kept with their backslash.
 */
export function unescapeString(body: string): string {
  if (!body.includes("\\")) return body;
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== "\\" || i + 1 >= body.length) {
      out += ch;
      continue;
    }
    const n = body[++i];
    switch (n) {
      case "\n":
        break;
      case "\\":
        out += "\\";
        break;
      case "'":
        out += "'";
        break;
      case '"':
        out += '"';
        break;
      case "a":
        out += "\x07";
        break;
      case "b":
        out += "\b";
        break;
      case "f":
        out += "\f";
        break;
      case "n":
        out += "\n";
        break;
      case "r":
        out += "\r";
        break;
      case "t":
        out += "\t";
        break;
      case "v":
        out += "\v";
        break;
      case "x":
      case "u":
      case "U": {
        const len = n === "x" ? 2 : n === "u" ? 4 : 8;
        const hex = body.slice(i + 1, i + 1 + len);
        if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) {
          throw new SpoutError("template_error", `template syntax error: truncated \\${n} escape in string`);
        }
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) {
          throw new SpoutError("template_error", "template syntax error: illegal unicode escape");
        }
        out += String.fromCodePoint(code);
        i += len;
        break;
      }
      default:
        if (n >= "0" && n <= "7") {
          let oct = n;
          while (oct.length < 3 && body[i + 1] >= "0" && body[i + 1] <= "7") oct += body[++i];
          out += String.fromCodePoint(parseInt(oct, 8));
        } else {
          out += "\\" + n;
        }
    }
  }
  return out;
}

function parseNumberText(text: string): number {
  const t = text.replace(/_/g, "");
  if (/^0[bB]/.test(t)) return parseInt(t.slice(2), 2);
  if (/^0[oO]/.test(t)) return parseInt(t.slice(2), 8);
  if (/^0[xX]/.test(t)) return parseInt(t.slice(2), 16);
  return Number(t);
}

/**
 * Splits a template into tokens.
 *
 * @example
 * ```ts
 * import { tokenize } from "./lexer.ts";
 * const types = tokenize("a{{ x }}").map((t) => t.type);
 * if (types.join(",") !== "data,var_begin,name,var_end,eof") throw new Error(types.join(","));
 * ```
 */
export function tokenize(template: string): Token[] {
  // Jinja normalises newlines and drops one trailing newline (keep_trailing_newline=False).
  let source = template.replace(/\r\n?/g, "\n");
  if (source.endsWith("\n")) source = source.slice(0, -1);
  const tokens: Token[] = [];
  let pos = 0;
  let lstripNext = false;
  const pushData = (text: string, at: number, rstrip: boolean): void => {
    let t = text;
    if (lstripNext) t = t.replace(/^\s+/, "");
    if (rstrip) t = t.replace(/\s+$/, "");
    lstripNext = false;
    if (t.length > 0) tokens.push({ type: "data", value: t, pos: at });
  };
  while (pos < source.length) {
    // find next tag start
    let next = -1;
    for (let i = source.indexOf("{", pos); i !== -1; i = source.indexOf("{", i + 1)) {
      const c = source[i + 1];
      if (c === "{" || c === "%" || c === "#") {
        next = i;
        break;
      }
    }
    if (next === -1) {
      pushData(source.slice(pos), pos, false);
      break;
    }
    const kind = source[next + 1];
    const stripBefore = source[next + 2] === "-";
    // raw block
    if (kind === "%") {
      RAW_BEGIN_RE.lastIndex = next;
      const m = RAW_BEGIN_RE.exec(source);
      if (m) {
        pushData(source.slice(pos, next), pos, m[1] === "-");
        RAW_END_RE.lastIndex = next + m[0].length;
        const e = RAW_END_RE.exec(source);
        if (!e) syntaxError(source, next, "missing end of raw directive");
        let body = source.slice(next + m[0].length, e.index);
        if (m[2] === "-") body = body.replace(/^\s+/, "");
        if (e[1] === "-") body = body.replace(/\s+$/, "");
        if (body.length > 0) tokens.push({ type: "data", value: body, pos: next });
        lstripNext = e[2] === "-";
        pos = e.index + e[0].length;
        continue;
      }
    }
    pushData(source.slice(pos, next), pos, stripBefore);
    if (kind === "#") {
      const end = source.indexOf("#}", next + 2);
      if (end === -1) syntaxError(source, next, "missing end of comment tag");
      lstripNext = source[end - 1] === "-" && end - 1 > next + 1;
      pos = end + 2;
      continue;
    }
    const isVar = kind === "{";
    tokens.push({ type: isVar ? "var_begin" : "block_begin", value: isVar ? "{{" : "{%", pos: next });
    pos = next + 2 + (stripBefore || source[next + 2] === "+" ? 1 : 0);
    pos = lexInside(source, pos, isVar, tokens);
    const last = tokens[tokens.length - 1];
    lstripNext = last.value.startsWith("-");
  }
  tokens.push({ type: "eof", value: "", pos: source.length });
  return tokens;
}

function lexInside(source: string, start: number, isVar: boolean, tokens: Token[]): number {
  let pos = start;
  const balance: string[] = [];
  const endText = isVar ? "}}" : "%}";
  for (;;) {
    WS_RE.lastIndex = pos;
    const ws = WS_RE.exec(source);
    if (ws) pos += ws[0].length;
    if (pos >= source.length) {
      syntaxError(source, start, `unexpected end of template, expected '${endText}'`);
    }
    if (balance.length === 0) {
      if (source.startsWith("-" + endText, pos) || source.startsWith("+" + endText, pos)) {
        tokens.push({ type: isVar ? "var_end" : "block_end", value: "-" + endText, pos });
        return pos + 3;
      }
      if (source.startsWith(endText, pos)) {
        tokens.push({ type: isVar ? "var_end" : "block_end", value: endText, pos });
        return pos + 2;
      }
    }
    const ch = source[pos];
    if (ch === "'" || ch === '"') {
      let i = pos + 1;
      while (i < source.length && source[i] !== ch) {
        if (source[i] === "\\") i++;
        i++;
      }
      if (i >= source.length) syntaxError(source, pos, "unexpected end of string");
      const raw = source.slice(pos + 1, i).replace(/\r\n?/g, "\n");
      tokens.push({ type: "string", value: unescapeString(raw), pos });
      pos = i + 1;
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === "." && /[0-9]/.test(source[pos + 1] ?? ""))) {
      FLOAT_RE.lastIndex = pos;
      const f = FLOAT_RE.exec(source);
      if (f) {
        tokens.push({ type: "float", value: f[0], num: parseNumberText(f[0]), pos });
        pos += f[0].length;
        continue;
      }
      INT_RE.lastIndex = pos;
      const m = INT_RE.exec(source);
      if (m) {
        tokens.push({ type: "int", value: m[0], num: parseNumberText(m[0]), pos });
        pos += m[0].length;
        continue;
      }
    }
    NAME_RE.lastIndex = pos;
    const nm = NAME_RE.exec(source);
    if (nm) {
      tokens.push({ type: "name", value: nm[0], pos });
      pos += nm[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, pos));
    if (!op) syntaxError(source, pos, `unexpected character '${ch}'`);
    if (op === "(" || op === "[" || op === "{") balance.push(op === "(" ? ")" : op === "[" ? "]" : "}");
    else if (op === ")" || op === "]" || op === "}") {
      const expected = balance.pop();
      if (expected !== op) {
        syntaxError(
          source,
          pos,
          expected ? `unexpected '${op}', expected '${expected}'` : `unexpected '${op}'`,
        );
      }
    }
    tokens.push({ type: "op", value: op, pos });
    pos += op.length;
  }
}
