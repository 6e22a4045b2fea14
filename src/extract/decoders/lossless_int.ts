/**
 * Lossless big integers in JSON. `JSON.parse` reads every number as a float64, so an integer beyond
 * ±(2^53 − 1) loses digits (`12345678901234567890` becomes `12345678901234567000`); Airbyte's Python CDK keeps
 * it exact. Policy: the decoders read numbers as float64 by default (every value behaves as a number in
 * templates, cursors, transformations and state). Opt-in (`exactIntegers: true` on the JSON decoder): such an
 * integer (an integer literal whose float64 would print other digits) is kept as its exact JSON text with
 * `JSON.rawJSON`, so `JSON.stringify` — and every RECORD line — writes the original digits. Use it for streams
 * that pass records through: code computing with the value sees a raw-JSON object (`JSON.isRawJSON(v)`, text
 * in `v.rawJSON`), not a number, and `structuredClone` / `String()` reject it. Floats (`1.5e300`,
 * `12345678901234567890.0`) stay float64, as in Python. Runtimes without `JSON.rawJSON` and reviver source
 * access (Node < 21) keep the float64 behaviour.
 *
 * Cost: none on the common path. The decoder's depth walk also notes whether any number is outside the safe
 * integer range; only then is the text parsed a second time with {@link parseLossless}.
 * @module
 */

/** The raw-JSON part of the ES2025 `JSON` API (typed here: older TypeScript libs lack it). */
interface RawJsonApi {
  rawJSON(text: string): unknown;
  isRawJSON(value: unknown): boolean;
}

type SourceReviver = (key: string, value: unknown, context?: { source?: string }) => unknown;

function detect(): boolean {
  const api = JSON as unknown as Partial<RawJsonApi>;
  if (typeof api.rawJSON !== "function" || typeof api.isRawJSON !== "function") return false;
  try {
    let source: string | undefined;
    const probe: SourceReviver = (_key, value, context) => ((source = context?.source), value);
    JSON.parse("12345678901234567890", probe as (key: string, value: unknown) => unknown);
    return source === "12345678901234567890" &&
      JSON.stringify([api.rawJSON("12345678901234567890")]) === "[12345678901234567890]";
  } catch {
    return false;
  }
}

/**
 * True when this runtime can keep big integers exact (`JSON.rawJSON` and the reviver's `context.source`).
 *
 * @example
 * ```ts
 * import { LOSSLESS_INTEGERS } from "./lossless_int.ts";
 * if (typeof LOSSLESS_INTEGERS !== "boolean") throw new Error();
 * ```
 */
export const LOSSLESS_INTEGERS: boolean = detect();

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const INTEGER_LITERAL = /^-?\d+$/;

/**
 * True for a number outside the safe integer range (the only numbers whose source may hold more digits).
 *
 * @example
 * ```ts
 * import { isUnsafeNumber } from "./lossless_int.ts";
 * if (!isUnsafeNumber(2 ** 60) || isUnsafeNumber(42) || isUnsafeNumber("1e30")) throw new Error();
 * ```
 */
export function isUnsafeNumber(value: unknown): boolean {
  return typeof value === "number" && !(value <= MAX_SAFE && value >= -MAX_SAFE);
}

const revive: SourceReviver = (_key, value, context) => {
  if (typeof value !== "number" || (value <= MAX_SAFE && value >= -MAX_SAFE)) return value;
  const source = context?.source;
  if (source === undefined || !INTEGER_LITERAL.test(source) || String(value) === source) return value;
  return (JSON as unknown as RawJsonApi).rawJSON(source);
};

/**
 * Parses JSON text keeping integers that float64 would round as exact raw JSON (see the module policy); on
 * runtimes without support it is plain `JSON.parse`. Throws what `JSON.parse` throws.
 *
 * @example
 * ```ts
 * import { LOSSLESS_INTEGERS, parseLossless } from "./lossless_int.ts";
 * const doc = parseLossless('{"id":12345678901234567890,"n":1,"f":1e400}') as { id: unknown; n: number };
 * const line = JSON.stringify(doc);
 * if (LOSSLESS_INTEGERS && line !== '{"id":12345678901234567890,"n":1,"f":null}') throw new Error(line);
 * if (doc.n !== 1) throw new Error("safe numbers stay numbers");
 * ```
 */
export function parseLossless(text: string): unknown {
  if (!LOSSLESS_INTEGERS) return JSON.parse(text);
  return JSON.parse(text, revive as (key: string, value: unknown) => unknown);
}

/**
 * Number-like tokens that matter for exactness: integer literals of 16+ digits (2^53 has 16) and literals with
 * a fraction or an exponent, each bounded by non-number characters. Tokens inside strings may match too; they
 * only ever make {@link restoreBigIntegers} fall back to the exact (slower) reviver parse.
 */
const NUMBER_TOKEN = /(?<![\w.+\-])-?(?:\d{16,}|\d+\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+)(?![\w.])/g;

/**
 * Source texts of the unsafe integer literals of `text` by their float64 value (exact ones included), or
 * undefined when a value
 * cannot be traced back to one source (two literals rounding to the same float, or a float literal outside
 * the safe range, which must stay a float).
 */
function bigIntegerSources(text: string): Map<number, string> | undefined {
  const sources = new Map<number, string>();
  NUMBER_TOKEN.lastIndex = 0;
  for (let m = NUMBER_TOKEN.exec(text); m !== null; m = NUMBER_TOKEN.exec(text)) {
    const token = m[0];
    const value = Number(token);
    if (value <= MAX_SAFE && value >= -MAX_SAFE) continue;
    if (!INTEGER_LITERAL.test(token)) return undefined;
    // exact literals are recorded too: 2^53 may also be the rounding of 2^53 + 1
    const seen = sources.get(value);
    if (seen !== undefined && seen !== token) return undefined;
    sources.set(value, token);
  }
  return sources;
}

function restore(v: object, sources: Map<number, string>, raw: (text: string) => unknown): void {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === "object") {
        if (x !== null) restore(x, sources, raw);
      } else if (typeof x === "number" && !(x <= MAX_SAFE && x >= -MAX_SAFE)) {
        const source = sources.get(x);
        if (source !== undefined && source !== String(x)) v[i] = raw(source);
      }
    }
    return;
  }
  const record = v as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const x = record[key];
    if (typeof x === "object") {
      if (x !== null) restore(x, sources, raw);
    } else if (typeof x === "number" && !(x <= MAX_SAFE && x >= -MAX_SAFE)) {
      const source = sources.get(x);
      if (source === undefined || source === String(x)) continue;
      // a "__proto__" key is an own data property of parsed JSON: define it, never invoke the setter
      Object.defineProperty(record, key, {
        value: raw(source),
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
  }
}

/**
 * Given `value = JSON.parse(text)` (a fresh document, changed in place), puts back the exact digits of the
 * integer literals float64 rounded, as {@link parseLossless} would, at a fraction of its cost: one regex scan
 * of the text and one walk, instead of a reviver call per value. Falls back to {@link parseLossless} when a
 * rounded value cannot be traced to a single literal. Without runtime support it returns `value` unchanged.
 * The caller bounds the document's depth (the walk recurses).
 *
 * @example
 * ```ts
 * import { LOSSLESS_INTEGERS, restoreBigIntegers } from "./lossless_int.ts";
 * const text = '{"ids":[12345678901234567890,-98765432109876543210],"f":1.5,"s":"12345678901234567890"}';
 * const line = JSON.stringify(restoreBigIntegers(text, JSON.parse(text)));
 * if (LOSSLESS_INTEGERS && line !== text) throw new Error(line);
 * ```
 */
export function restoreBigIntegers(text: string, value: unknown): unknown {
  if (!LOSSLESS_INTEGERS) return value;
  const sources = bigIntegerSources(text);
  if (sources === undefined) return parseLossless(text);
  const raw = (JSON as unknown as RawJsonApi).rawJSON;
  if (typeof value === "object" && value !== null) {
    restore(value, sources, raw);
    return value;
  }
  const source = typeof value === "number" ? sources.get(value) : undefined;
  return source === undefined || source === String(value) ? value : raw(source);
}

/**
 * True when `value` is a raw-JSON value (an exact big integer from {@link parseLossless}).
 *
 * @example
 * ```ts
 * import { isRawJson, LOSSLESS_INTEGERS, parseLossless } from "./lossless_int.ts";
 * const [big] = parseLossless("[18446744073709551615]") as unknown[];
 * if (LOSSLESS_INTEGERS !== isRawJson(big)) throw new Error();
 * ```
 */
export function isRawJson(value: unknown): boolean {
  return LOSSLESS_INTEGERS && (JSON as unknown as RawJsonApi).isRawJSON(value);
}
