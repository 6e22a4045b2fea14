/**
 * Python-compatible JSON for ported components that stringify values like the reference: a parser that keeps
 * number literals and object key order exactly (Python's `json.loads` + `dict`), Python's `str()` of the
 * parsed scalars (`True`, `1.0`, `1e+16`, big integers digit for digit) and `json.dumps` with its defaults
 * (`", "`/`": "` separators, non-ASCII escaped).
 * @module
 */

/** A parsed number, kept as its literal (`int` when it has no fraction or exponent, else `float`). */
export interface PyNumber {
  readonly num: string;
}

/** A parsed object: entries in first-seen key order, a repeated key keeps its last value (like `dict`). */
export interface PyObject {
  readonly entries: [string, PyValue][];
}

/** A value as Python's `json.loads` sees it. */
export type PyValue = null | boolean | string | PyNumber | PyValue[] | PyObject;

function isPyObject(value: PyValue): value is PyObject {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "entries" in value;
}

function isPyNumber(value: PyValue): value is PyNumber {
  return typeof value === "object" && value !== null && !Array.isArray(value) && "num" in value;
}

class Parser {
  pos = 0;
  constructor(readonly text: string) {}

  fail(what: string): never {
    throw new SyntaxError(`${what} at position ${this.pos}`);
  }

  ws(): void {
    while (this.pos < this.text.length && " \t\n\r".includes(this.text[this.pos])) this.pos++;
  }

  value(): PyValue {
    this.ws();
    const c = this.text[this.pos];
    if (c === "{") return this.object();
    if (c === "[") return this.array();
    if (c === '"') return this.string();
    for (const [word, v] of [["true", true], ["false", false], ["null", null]] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return v;
      }
    }
    for (const word of ["NaN", "Infinity", "-Infinity"]) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return { num: word };
      }
    }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 4096));
    if (!m) this.fail("expected a value");
    this.pos += m[0].length;
    return { num: m[0] };
  }

  string(): string {
    const start = this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === "\\") this.pos += 2;
      else if (c === '"') {
        this.pos++;
        return JSON.parse(this.text.slice(start, this.pos)) as string;
      } else this.pos++;
    }
    return this.fail("unterminated string");
  }

  array(): PyValue[] {
    this.pos++;
    const out: PyValue[] = [];
    this.ws();
    if (this.text[this.pos] === "]") {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.ws();
      const c = this.text[this.pos++];
      if (c === "]") return out;
      if (c !== ",") this.fail("expected , or ]");
    }
  }

  object(): PyObject {
    this.pos++;
    const entries: [string, PyValue][] = [];
    const index = new Map<string, number>();
    this.ws();
    if (this.text[this.pos] === "}") {
      this.pos++;
      return { entries };
    }
    for (;;) {
      this.ws();
      if (this.text[this.pos] !== '"') this.fail("expected a key");
      const key = this.string();
      this.ws();
      if (this.text[this.pos++] !== ":") this.fail("expected :");
      const value = this.value();
      const at = index.get(key);
      if (at === undefined) {
        index.set(key, entries.length);
        entries.push([key, value]);
      } else entries[at][1] = value;
      this.ws();
      const c = this.text[this.pos++];
      if (c === "}") return { entries };
      if (c !== ",") this.fail("expected , or }");
    }
  }
}

/**
 * Parses one JSON document like Python's `json.loads` (NaN/Infinity accepted, trailing data refused).
 *
 * @example
 * ```ts
 * import { parsePyJson } from "./py_json.ts";
 * const v = parsePyJson('{"b": 1.0, "a": [true], "b": 2}');
 * if (JSON.stringify(v) !== '{"entries":[["b",{"num":"2"}],["a",[true]]]}') throw new Error(JSON.stringify(v));
 * ```
 */
export function parsePyJson(text: string): PyValue {
  const parser = new Parser(text);
  const value = parser.value();
  parser.ws();
  if (parser.pos !== text.length) parser.fail("extra data");
  return value;
}

/**
 * Python's `repr`/`str` of a float.
 *
 * @example
 * ```ts
 * import { pyFloatStr } from "./py_json.ts";
 * const got = [100, 1e16, 1.5e-5, 0.0001, -0, 123.456, Infinity].map(pyFloatStr).join(" ");
 * if (got !== "100.0 1e+16 1.5e-05 0.0001 -0.0 123.456 inf") throw new Error(got);
 * ```
 */
export function pyFloatStr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  const [mantissa, expText] = Math.abs(x).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const exp = Number(expText);
  if (exp >= -4 && exp < 16) {
    if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
    const whole = digits.slice(0, exp + 1).padEnd(exp + 1, "0");
    const frac = digits.slice(exp + 1);
    return `${sign}${whole}.${frac || "0"}`;
  }
  const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const e = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
  return `${sign}${m}e${exp < 0 ? "-" : "+"}${e}`;
}

/**
 * Python's `str()` of a parsed number literal (`int` digit for digit, `float` as {@link pyFloatStr}).
 *
 * @example
 * ```ts
 * import { pyNumberStr } from "./py_json.ts";
 * const got = ["12345678901234567890", "-0", "1.50", "1e2", "NaN"].map(pyNumberStr).join(" ");
 * if (got !== "12345678901234567890 0 1.5 100.0 nan") throw new Error(got);
 * ```
 */
export function pyNumberStr(literal: string): string {
  if (/^-?\d+$/.test(literal)) return BigInt(literal).toString();
  if (literal === "NaN") return "nan";
  if (literal === "Infinity") return "inf";
  if (literal === "-Infinity") return "-inf";
  return pyFloatStr(Number(literal));
}

/**
 * Every non-null scalar of a parsed value as Python's `str()` of it (`True`, `1.0`, …); structure kept.
 *
 * @example
 * ```ts
 * import { parsePyJson, pyStringify } from "./py_json.ts";
 * const v = pyStringify(parsePyJson('{"n": 1.0, "ok": false, "x": null}'));
 * if (JSON.stringify(v) !== '{"entries":[["n","1.0"],["ok","False"],["x",null]]}') throw new Error();
 * ```
 */
export function pyStringify(value: PyValue): PyValue {
  if (value === null || typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (Array.isArray(value)) return value.map(pyStringify);
  if (isPyNumber(value)) return pyNumberStr(value.num);
  return { entries: value.entries.map(([k, v]) => [k, pyStringify(v)]) };
}

/**
 * A parsed value as a plain JavaScript value (numbers as numbers; key order as JavaScript keeps it).
 *
 * @example
 * ```ts
 * import { parsePyJson, toPlain } from "./py_json.ts";
 * if (JSON.stringify(toPlain(parsePyJson('{"a": [1, "x"]}'))) !== '{"a":[1,"x"]}') throw new Error();
 * ```
 */
export function toPlain(value: PyValue): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(toPlain);
  if (isPyNumber(value)) return Number(value.num);
  const out: Record<string, unknown> = {};
  for (const [k, v] of value.entries) out[k] = toPlain(v);
  return out;
}

function dumpString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (code >= 0x20 && code <= 0x7e) out += ch;
    else {
      for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, "0")}`;
    }
  }
  return `${out}"`;
}

/**
 * Python's `json.dumps(value)` with its defaults.
 *
 * @example
 * ```ts
 * import { parsePyJson, pyDumps } from "./py_json.ts";
 * const s = pyDumps(parsePyJson('{"a": ["é", 1.0], "b": {}}'));
 * if (s !== '{"a": ["\\u00e9", 1.0], "b": {}}') throw new Error(s);
 * ```
 */
export function pyDumps(value: PyValue): string {
  if (value === null) return "null";
  if (value === true) return "true";
  if (value === false) return "false";
  if (typeof value === "string") return dumpString(value);
  if (Array.isArray(value)) return `[${value.map(pyDumps).join(", ")}]`;
  if (isPyNumber(value)) {
    const s = pyNumberStr(value.num);
    return s === "nan" ? "NaN" : s === "inf" ? "Infinity" : s === "-inf" ? "-Infinity" : s;
  }
  if (!isPyObject(value)) return "null";
  return `{${value.entries.map(([k, v]) => `${dumpString(k)}: ${pyDumps(v)}`).join(", ")}}`;
}
