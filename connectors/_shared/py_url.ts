/**
 * Python `urllib.parse` encoding for ported components: `quote_plus` with a `safe` set and `urlencode`.
 * @module
 */

const ALWAYS_SAFE = /[A-Za-z0-9_.\-~]/;

/**
 * Python's `quote_plus(text, safe)` (space as `+`, UTF-8 bytes as upper-case `%XX`).
 *
 * @example
 * ```ts
 * import { quotePlus } from "./py_url.ts";
 * const q = quotePlus("List(urn%3Ali:x) a/é", "():,%");
 * if (q !== "List(urn%3Ali:x)+a%2F%C3%A9") throw new Error(q);
 * ```
 */
export function quotePlus(text: string, safe = ""): string {
  let out = "";
  for (const ch of text) {
    if (ch === " ") out += "+";
    else if (ALWAYS_SAFE.test(ch) || safe.includes(ch)) out += ch;
    else {
      for (const byte of new TextEncoder().encode(ch)) {
        out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
      }
    }
  }
  return out;
}

/**
 * Python's `urlencode(pairs, doseq=True, safe=safe)` of ordered pairs.
 *
 * @example
 * ```ts
 * import { urlencode } from "./py_url.ts";
 * if (urlencode([["a b", "1/2"], ["c", ""]]) !== "a+b=1%2F2&c=") throw new Error();
 * ```
 */
export function urlencode(pairs: Iterable<readonly [string, string]>, safe = ""): string {
  return [...pairs].map(([k, v]) => `${quotePlus(k, safe)}=${quotePlus(v, safe)}`).join("&");
}
