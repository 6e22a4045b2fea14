/**
 * Python's `ast.literal_eval` for rendered template output: numbers, strings (all prefixes and escapes),
 * True/False/None, lists, tuples, dicts, sets and `set()`. Anything else is "not a literal".
 * @module
 */

import { SpoutError } from "../../errors.ts";
import { unescapeString } from "./lexer.ts";

/** Python type of a literal. */
export type LiteralType =
  | "int"
  | "float"
  | "complex"
  | "str"
  | "bytes"
  | "bool"
  | "none"
  | "list"
  | "tuple"
  | "dict"
  | "set";

/** A parsed literal: its Python type and its JS value (ints beyond 2^53 keep their digits as a string). */
export interface Literal {
  /** Python type. */
  type: LiteralType;
  /** JS value. */
  value: unknown;
}

/** Thrown (without a stack trace, which is costly) when the text is not a literal. */
const NOT_LITERAL: unique symbol = Symbol("not a literal");
/** Characters a literal can start with (after leading blank lines). */
const LITERAL_START = /^[\s#]*[-+0-9.([{'"TFNsrRbBuU]/;

const NUMBER_RE =
  /(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:(?:\d(?:_?\d)*)?\.\d(?:_?\d)*|\d(?:_?\d)*\.?)(?:[eE][+-]?\d(?:_?\d)*)?[jJ]?)/y;
const STRING_START_RE = /([rRbBuU]|[rR][bB]|[bB][rR])?('''|"""|'|")/y;
const NAME_RE = /[A-Za-z_][A-Za-z0-9_]*/y;
const MAX_DEPTH = 200;

class LiteralParser {
  pos = 0;
  depth = 0;
  parenDepth = 0;
  constructor(readonly src: string) {}

  fail(): never {
    throw NOT_LITERAL;
  }

  /** Skips spaces, comments, and newlines inside brackets. */
  ws(): void {
    for (;;) {
      const c = this.src[this.pos];
      if (c === " " || c === "\t" || c === "\f") this.pos++;
      else if (c === "#") {
        while (this.pos < this.src.length && this.src[this.pos] !== "\n") this.pos++;
      } else if ((c === "\n" || c === "\r") && this.parenDepth > 0) this.pos++;
      else if (c === "\\" && this.src[this.pos + 1] === "\n") this.pos += 2;
      else return;
    }
  }

  eat(ch: string): boolean {
    this.ws();
    if (this.src.startsWith(ch, this.pos)) {
      this.pos += ch.length;
      return true;
    }
    return false;
  }

  parseTop(): Literal {
    // leading blank / comment lines are allowed; indentation of the first real line is not
    for (;;) {
      const m = /^[ \t\f]*(#[^\n]*)?\r?\n/.exec(this.src.slice(this.pos));
      if (!m) break;
      this.pos += m[0].length;
    }
    if (/^[ \t\f]/.test(this.src.slice(this.pos)) && this.pos > 0) this.fail();
    const items = this.parseExprList(true);
    this.ws();
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === "\n" || c === "\r" || c === " " || c === "\t" || c === "\f") this.pos++;
      else if (c === "#") this.ws();
      else this.fail();
    }
    return items;
  }

  /** An expression or an implicit tuple `a, b`. */
  parseExprList(top: boolean): Literal {
    const first = this.parseValue();
    this.ws();
    if (this.src[this.pos] !== ",") return first;
    const items = [first];
    while (this.eat(",")) {
      this.ws();
      const c = this.src[this.pos];
      if (c === undefined || c === ")" || (top && (c === "\n" || c === "\r"))) break;
      items.push(this.parseValue());
    }
    return { type: "tuple", value: items.map((i) => i.value) };
  }

  parseValue(): Literal {
    if (++this.depth > MAX_DEPTH) this.fail();
    this.ws();
    const c = this.src[this.pos];
    let r: Literal;
    if (c === "-" || c === "+") {
      this.pos++;
      this.ws();
      const operand = this.parseAtom();
      if (operand.type !== "int" && operand.type !== "float" && operand.type !== "complex") this.fail();
      r = c === "-" ? negate(operand) : operand;
    } else {
      r = this.parseAtom();
    }
    // complex: real +/- imaginary
    this.ws();
    const op = this.src[this.pos];
    if ((op === "+" || op === "-") && (r.type === "int" || r.type === "float")) {
      this.pos++;
      this.ws();
      const im = this.parseAtom();
      if (im.type !== "complex") this.fail();
      r = { type: "complex", value: null };
    }
    this.depth--;
    return r;
  }

  parseAtom(): Literal {
    this.ws();
    const c = this.src[this.pos];
    if (c === undefined) this.fail();
    if (c === "(") {
      this.pos++;
      this.parenDepth++;
      if (this.eat(")")) {
        this.parenDepth--;
        return { type: "tuple", value: [] };
      }
      const first = this.parseValue();
      this.ws();
      let r: Literal = first;
      if (this.src[this.pos] === ",") {
        const items = [first.value];
        while (this.eat(",")) {
          if (this.eat(")")) {
            this.parenDepth--;
            return { type: "tuple", value: items };
          }
          items.push(this.parseValue().value);
        }
        r = { type: "tuple", value: items };
      }
      if (!this.eat(")")) this.fail();
      this.parenDepth--;
      return r;
    }
    if (c === "[") {
      this.pos++;
      this.parenDepth++;
      const items: unknown[] = [];
      while (!this.eat("]")) {
        if (items.length > 0 && !this.eat(",")) this.fail();
        if (this.eat("]")) break;
        items.push(this.parseValue().value);
      }
      this.parenDepth--;
      return { type: "list", value: items };
    }
    if (c === "{") {
      this.pos++;
      this.parenDepth++;
      if (this.eat("}")) {
        this.parenDepth--;
        return { type: "dict", value: {} };
      }
      const firstKey = this.parseValue();
      if (this.eat(":")) {
        const obj: Record<string, unknown> = {};
        let key = firstKey;
        for (;;) {
          const v = this.parseValue();
          setKey(obj, key);
          Object.defineProperty(obj, keyString(key), {
            value: v.value,
            writable: true,
            enumerable: true,
            configurable: true,
          });
          if (!this.eat(",")) break;
          if (this.eat("}")) {
            this.parenDepth--;
            return { type: "dict", value: obj };
          }
          key = this.parseValue();
          if (!this.eat(":")) this.fail();
        }
        if (!this.eat("}")) this.fail();
        this.parenDepth--;
        return { type: "dict", value: obj };
      }
      const items = [firstKey];
      while (this.eat(",")) {
        if (this.eat("}")) {
          this.parenDepth--;
          return setOf(items);
        }
        items.push(this.parseValue());
      }
      if (!this.eat("}")) this.fail();
      this.parenDepth--;
      return setOf(items);
    }
    STRING_START_RE.lastIndex = this.pos;
    const sm = STRING_START_RE.exec(this.src);
    if (sm) return this.parseStrings();
    NUMBER_RE.lastIndex = this.pos;
    const nm = /[0-9.]/.test(c) ? NUMBER_RE.exec(this.src) : null;
    if (nm && nm[0] !== ".") {
      this.pos += nm[0].length;
      if (/^[A-Za-z0-9_]/.test(this.src.slice(this.pos))) this.fail();
      return parseNumber(nm[0], this);
    }
    NAME_RE.lastIndex = this.pos;
    const name = NAME_RE.exec(this.src);
    if (name) {
      this.pos += name[0].length;
      if (name[0] === "True") return { type: "bool", value: true };
      if (name[0] === "False") return { type: "bool", value: false };
      if (name[0] === "None") return { type: "none", value: null };
      if (name[0] === "set" && this.eat("(")) {
        if (this.eat(")")) return { type: "set", value: [] };
      }
    }
    return this.fail();
  }

  parseStrings(): Literal {
    let text = "";
    let kind: "str" | "bytes" | undefined;
    for (;;) {
      this.ws();
      STRING_START_RE.lastIndex = this.pos;
      const m = STRING_START_RE.exec(this.src);
      if (!m) break;
      const prefix = (m[1] ?? "").toLowerCase();
      const quote = m[2];
      const isBytes = prefix.includes("b");
      const isRaw = prefix.includes("r");
      const k = isBytes ? "bytes" : "str";
      if (kind && kind !== k) this.fail();
      kind = k;
      let i = this.pos + m[0].length;
      const start = i;
      for (;;) {
        if (i >= this.src.length) this.fail();
        const ch = this.src[i];
        if (ch === "\\") {
          i += 2;
          continue;
        }
        if (quote.length === 1 && ch === "\n") this.fail();
        if (this.src.startsWith(quote, i)) break;
        i++;
      }
      const body = this.src.slice(start, i).replace(/\r\n?/g, "\n");
      if (isBytes && /[^ -~\t\n\r]/.test(body)) this.fail();
      text += isRaw ? body : unescapeString(body.replace(/\\N\{[^}]*\}/g, (x) => x));
      this.pos = i + quote.length;
    }
    return { type: kind ?? "str", value: text };
  }
}

function setOf(items: Literal[]): Literal {
  for (const it of items) {
    if (it.type === "list" || it.type === "dict" || it.type === "set") throw NOT_LITERAL;
  }
  return { type: "set", value: items.map((i) => i.value) };
}

function setKey(_obj: Record<string, unknown>, key: Literal): void {
  if (key.type === "list" || key.type === "dict" || key.type === "set") throw NOT_LITERAL;
}

function keyString(key: Literal): string {
  if (key.type === "str") return key.value as string;
  if (key.type === "bool") return key.value ? "True" : "False";
  if (key.type === "none") return "None";
  return String(key.value);
}

function negate(l: Literal): Literal {
  if (l.type === "complex") return l;
  if (typeof l.value === "string") return { type: l.type, value: "-" + l.value };
  const v = -(l.value as number);
  return { type: l.type, value: l.type === "int" && v === 0 ? 0 : v };
}

function parseNumber(text: string, p: LiteralParser): Literal {
  if (/[jJ]$/.test(text)) return { type: "complex", value: null };
  const t = text.replace(/_/g, "");
  if (/^0[xX]/.test(t)) return intLiteral(BigInt(t));
  if (/^0[oO]/.test(t)) return intLiteral(BigInt("0o" + t.slice(2)));
  if (/^0[bB]/.test(t)) return intLiteral(BigInt("0b" + t.slice(2)));
  if (/[.eE]/.test(t)) return { type: "float", value: Number(t) };
  if (/^0+[1-9]/.test(t)) p.fail();
  return t.length <= 15 ? { type: "int", value: Number(t) } : intLiteral(BigInt(t));
}

function intLiteral(b: bigint): Literal {
  const n = Number(b);
  return { type: "int", value: Number.isSafeInteger(n) ? n : b.toString() };
}

/**
 * Parses a Python literal; returns undefined when `text` is not one (Python raises ValueError/SyntaxError).
 *
 * @example
 * ```ts
 * import { literalEval } from "./literal_eval.ts";
 * const r = literalEval("{'a': [1, 2.5, None, True]}");
 * if (JSON.stringify(r?.value) !== '{"a":[1,2.5,null,true]}' || r?.type !== "dict") throw new Error("bad");
 * if (literalEval("2024-01-01") !== undefined) throw new Error("not a literal");
 * ```
 */
export function literalEval(text: string): Literal | undefined {
  const src = text.replace(/^[ \t]+/, "");
  if (src.length === 0 || !LITERAL_START.test(src)) return undefined;
  try {
    return new LiteralParser(src).parseTop();
  } catch (e) {
    // unparsable escapes inside a string are a SyntaxError upstream: also "not a literal"
    if (e === NOT_LITERAL || e instanceof SpoutError) return undefined;
    throw e;
  }
}
