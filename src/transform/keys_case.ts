/**
 * Airbyte's key renaming transformations: `KeysToLower`, `KeysToSnakeCase` and `KeysReplace`.
 * @module
 */
import type { RecordData } from "../types.ts";
import { isPlainObject, safeSet } from "./_safe.ts";
import type { Transformation } from "./types.ts";

/**
 * Lower-cases the record's top-level keys (Airbyte `KeysToLower`; nested keys are kept). When two keys
 * collide the later one wins.
 *
 * @example
 * ```ts
 * import { keysToLower } from "./keys_case.ts";
 * const out = keysToLower()({ AbC: 1, N: { X: 2 } });
 * if (JSON.stringify(out) !== '{"abc":1,"n":{"X":2}}') throw new Error(JSON.stringify(out));
 * ```
 */
export function keysToLower(): Transformation {
  return (record: RecordData): RecordData => {
    const out: RecordData = {};
    for (const k in record) if (Object.hasOwn(record, k)) safeSet(out, k.toLowerCase(), record[k]);
    return out;
  };
}

const TOKEN = /[A-Z]+[a-z]*|[a-z]+|\d+|([^a-zA-Z\d]+)/g;
const NON_ASCII = /[^ -~\t\n\r]/; // anything outside printable ASCII (controls are separators either way)
const MARKS = /\p{M}/gu;

/**
 * Converts one key to snake_case exactly as Airbyte's `KeysToSnakeCase` does for ASCII keys: tokens are
 * upper-case runs with their lower-case tail, lower-case runs, digit runs and separators; separators between
 * tokens collapse; a leading digit token gets a leading underscore. Airbyte first transliterates to ASCII with
 * `anyascii`; spout strips diacritics (NFKD), which agrees for accented Latin letters but not for other
 * scripts.
 *
 * @example
 * ```ts
 * import { toSnakeCase } from "./keys_case.ts";
 * if (toSnakeCase("HTTPResponseCode") !== "httpresponse_code") throw new Error("wrong");
 * if (toSnakeCase("123abc") !== "_123_abc") throw new Error("wrong");
 * ```
 */
export function toSnakeCase(key: string): string {
  if (NON_ASCII.test(key)) key = key.normalize("NFKD").replace(MARKS, "");
  let tokens: string[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(key); m !== null; m = TOKEN.exec(key)) tokens.push(m[1] === undefined ? m[0] : "");
  if (tokens.length >= 3) {
    const middle = tokens.slice(1, -1).filter((t) => t !== "");
    tokens = [tokens[0], ...middle, tokens[tokens.length - 1]];
  }
  if (tokens.length && /^\d+$/.test(tokens[0])) tokens.unshift("");
  return tokens.join("_").toLowerCase();
}

function mapKeysDeep(
  record: Record<string, unknown>,
  rename: (k: string) => string,
  depth: number,
): RecordData {
  const out: RecordData = {};
  for (const k in record) {
    if (!Object.hasOwn(record, k)) continue;
    const v = record[k];
    safeSet(out, rename(k), isPlainObject(v) && depth < 512 ? mapKeysDeep(v, rename, depth + 1) : v);
  }
  return out;
}

/**
 * Renames every key to snake_case, recursing into nested objects but not into arrays (as Airbyte). Results
 * of `toSnakeCase` are memoised per transformation (keys repeat across records).
 *
 * @example
 * ```ts
 * import { keysToSnakeCase } from "./keys_case.ts";
 * const out = keysToSnakeCase()({ OuterKey: { InnerKey: 1, list: [{ DeepKey: 2 }] } });
 * if (JSON.stringify(out) !== '{"outer_key":{"inner_key":1,"list":[{"DeepKey":2}]}}') throw new Error("wrong");
 * ```
 */
export function keysToSnakeCase(): Transformation {
  const memo = new Map<string, string>();
  const rename = (k: string): string => {
    let s = memo.get(k);
    if (s === undefined) {
      s = toSnakeCase(k);
      if (memo.size < 10_000) memo.set(k, s);
    }
    return s;
  };
  return (record: RecordData): RecordData => mapKeysDeep(record, rename, 0);
}

/** Options of {@link keysReplace}. */
export interface KeysReplaceOptions {
  /** Substring to replace (every occurrence). */
  old: string;
  /** Replacement. */
  new: string;
}

/**
 * Replaces a substring in every key, recursing into nested objects but not arrays (Airbyte `KeysReplace`).
 *
 * @example
 * ```ts
 * import { keysReplace } from "./keys_case.ts";
 * const out = keysReplace({ old: " ", new: "_" })({ "Created Time": 1, n: { "User Id": 2 } });
 * if (JSON.stringify(out) !== '{"Created_Time":1,"n":{"User_Id":2}}') throw new Error("wrong");
 * ```
 */
export function keysReplace(options: KeysReplaceOptions): Transformation {
  const { old, new: replacement } = options;
  const rename = (k: string): string => k.replaceAll(old, replacement);
  return (record: RecordData): RecordData => mapKeysDeep(record, rename, 0);
}
