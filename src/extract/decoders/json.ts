/**
 * Airbyte's `JsonDecoder`: one JSON document per response; a top-level array yields each element.
 * @module
 */
import { SpoutError } from "../../errors.ts";
import { charsetOf, describeResponse, readText } from "./body.ts";
import type { DecodeOptions, Decoder } from "./types.ts";
import { isUnsafeNumber, LOSSLESS_INTEGERS, restoreBigIntegers } from "./lossless_int.ts";

/** Deepest nesting accepted in a JSON document. */
export const MAX_JSON_DEPTH = 512;

/** Options of {@link jsonDecoder}. */
export interface JsonDecoderOptions {
  /**
   * What an empty (or whitespace-only) body means. "error" (default) raises `decode_error`: a 200 with no body
   * where JSON was expected is a broken response, never "success, 0 records" (a deliberate difference from
   * Airbyte's JsonDecoder, which reads it as `{}`). "empty" yields one empty document `{}` (no records).
   * A 204/205 response is always "empty".
   */
  emptyBody?: "empty" | "error";
  /** Yield each element of a top-level array as a document (default true, as Airbyte). */
  splitTopLevelArray?: boolean;
  /** Text encoding; default: the response charset, else UTF-8. */
  encoding?: string;
  /** Nesting cap (default 512). */
  maxDepth?: number;
  /**
   * Keep integers beyond ±(2^53 − 1) exact as raw JSON where the runtime supports it (opt-in, default false;
   * see lossless_int.ts for the policy and its limits). False reads every number as a float64, as
   * `JSON.parse` does.
   */
  exactIntegers?: boolean;
}

/**
 * Returns the nesting depth of JSON text if it exceeds `limit`, else -1. Strings are skipped with native
 * `indexOf`, so the scan costs a fraction of `JSON.parse`.
 *
 * @example
 * ```ts
 * import { jsonDepthExceeds } from "./json.ts";
 * if (jsonDepthExceeds('[[["[[[[["]]]', 2) !== 3) throw new Error("strings are skipped");
 * if (jsonDepthExceeds("[[1]]", 5) !== -1) throw new Error("within the limit");
 * ```
 */
export function jsonDepthExceeds(text: string, limit: number): number {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // Skip a string: find the closing quote not preceded by an odd number of backslashes.
      let j = i;
      while (true) {
        j = text.indexOf('"', j + 1);
        if (j < 0) return -1; // unterminated: JSON.parse reports it
        let k = j - 1;
        while (text.charCodeAt(k) === 92) k--;
        if ((j - k) % 2 === 1) break;
      }
      i = j;
    } else if (c === 123 || c === 91) {
      if (++depth > limit) return depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return -1;
}

/**
 * Parses JSON text with the decoder's checks (HTML, depth, syntax); `what` names the source in errors (a
 * function is only called when there is an error). With `exactIntegers`, integers beyond ±(2^53 − 1) are
 * kept exact as raw JSON (see lossless_int.ts).
 *
 * @example
 * ```ts
 * import { parseJsonText } from "./json.ts";
 * if ((parseJsonText('{"a":1}', "the body") as { a: number }).a !== 1) throw new Error();
 * const html = (() => {
 *   try {
 *     parseJsonText("<html>login</html>", "GET /items");
 *   } catch (error) {
 *     return (error as { code?: string }).code;
 *   }
 * })();
 * if (html !== "decode_error") throw new Error(html);
 * ```
 */
export function parseJsonText(
  text: string,
  what: string | (() => string),
  maxDepth = MAX_JSON_DEPTH,
  exactIntegers = false,
): unknown {
  const where = typeof what === "function" ? what : () => what;
  let start = 0;
  while (start < text.length && text.charCodeAt(start) <= 32) start++;
  if (text.charCodeAt(start) === 60 /* < */) {
    throw new SpoutError(
      "decode_error",
      `expected JSON but got HTML or XML in ${where()}: the API returned an error or login page; check the URL ` +
        `and credentials, or use an XML decoder if the API speaks XML (starts with ${excerpt(text, start)})`,
    );
  }
  let value: unknown;
  try {
    // V8's JSON.parse is iterative, so even absurdly deep input cannot overflow the stack here; the depth is
    // checked on the parsed value (about 5x cheaper than scanning the text) before anything recursive sees it.
    value = JSON.parse(text);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new SpoutError(
      "decode_error",
      `invalid JSON in ${where()}: ${reason}. The body may be truncated or not JSON (starts with ` +
        `${excerpt(text, start)}); check the API response or choose a matching decoder`,
      { cause: e },
    );
  }
  // One walk checks the depth and notes numbers outside the safe integer range (only those may have lost
  // digits); a document with one is parsed again, keeping big integers exact (lossless_int.ts).
  unsafeSeen = false;
  let tooDeep = false;
  const exact = exactIntegers && LOSSLESS_INTEGERS;
  if (typeof value !== "object" || value === null) unsafeSeen = exact && isUnsafeNumber(value);
  else if (exact) tooDeep = deeperNoting(value, 1, maxDepth);
  else tooDeep = text.length > 2 * maxDepth && deeper(value, 1, maxDepth);
  if (tooDeep) {
    throw new SpoutError(
      "decode_error",
      `JSON in ${where()} is nested deeper than ${maxDepth} levels; refusing to decode it`,
    );
  }
  return unsafeSeen ? restoreBigIntegers(text, value) : value;
}

/**
 * True when a parsed JSON value nests containers deeper than `limit` (the value itself is level 1).
 * Recursion is bounded by `limit`.
 *
 * @example
 * ```ts
 * import { valueDepthExceeds } from "./json.ts";
 * if (!valueDepthExceeds([[[1]]], 2) || valueDepthExceeds([[[1]]], 3)) throw new Error("wrong");
 * ```
 */
export function valueDepthExceeds(value: unknown, limit: number): boolean {
  if (typeof value !== "object" || value === null) return false;
  return deeper(value, 1, limit);
}

function deeper(v: object, depth: number, limit: number): boolean {
  if (depth > limit) return true;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === "object" && x !== null && deeper(x, depth + 1, limit)) return true;
    }
  } else {
    // Object.values is ~9x faster than for-in over JSON.parse output (no enumeration cache walk per key);
    // parsed JSON has no inherited enumerable keys, so both see the same values.
    const values = Object.values(v);
    for (let i = 0; i < values.length; i++) {
      const x = values[i];
      if (typeof x === "object" && x !== null && deeper(x, depth + 1, limit)) return true;
    }
  }
  return false;
}

/** Set by {@link deeperNoting} when it meets a number outside the safe integer range. */
let unsafeSeen = false;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** {@link deeper} that also notes unsafe numbers in `unsafeSeen` (one comparison per number). */
function deeperNoting(v: object, depth: number, limit: number): boolean {
  if (depth > limit) return true;
  const values = Array.isArray(v) ? v : Object.values(v);
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (typeof x === "object") {
      if (x !== null && deeperNoting(x, depth + 1, limit)) return true;
    } else if (typeof x === "number" && (x > MAX_SAFE || x < -MAX_SAFE)) unsafeSeen = true;
  }
  return false;
}

function excerpt(text: string, start: number): string {
  return JSON.stringify(text.slice(start, start + 60));
}

/**
 * The JSON decoder. Invalid JSON, HTML pages and over-deep documents are `decode_error`s (Airbyte silently
 * reads them as `{}`, i.e. zero records; spout refuses to report success on a broken page).
 *
 * @example
 * ```ts
 * import { jsonDecoder } from "./json.ts";
 * const docs = [];
 * for await (const d of jsonDecoder().decode(new Response('[{"id":1},{"id":2}]'))) docs.push(d);
 * if (docs.length !== 2) throw new Error("top-level arrays yield each element");
 * ```
 */
export function jsonDecoder(options: JsonDecoderOptions = {}): Decoder {
  const { emptyBody = "error", splitTopLevelArray = true, maxDepth = MAX_JSON_DEPTH, exactIntegers = false } =
    options;
  const decodeAll = async (response: Response, opts?: DecodeOptions): Promise<unknown[]> => {
    const text = await readText(response, opts, options.encoding ?? charsetOf(response) ?? "utf-8");
    let blank = true;
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) > 32) {
        blank = false;
        break;
      }
    }
    if (blank) {
      if (emptyBody === "empty" || response.status === 204 || response.status === 205) return [{}];
      throw new SpoutError(
        "decode_error",
        `empty body where JSON was expected (${describeResponse(response)}); the API sent no data`,
      );
    }
    const doc = parseJsonText(text, () => describeResponse(response), maxDepth, exactIntegers);
    if (splitTopLevelArray && Array.isArray(doc)) return doc.length === 0 ? [{}] : doc;
    // Airbyte treats a `null` document as a parse failure and yields `{}` (no records).
    return [doc === null ? {} : doc];
  };
  return {
    decodeAll,
    async *decode(response: Response, opts?: DecodeOptions): AsyncGenerator<unknown> {
      yield* await decodeAll(response, opts);
    },
  };
}
