/**
 * Airbyte's custom Jinja filters: hash, hmac, base64encode, base64decode, base64binascii_decode (which, like
 * the reference, encodes), string, regex_search and regex_replace.
 * @module
 */

import { createHash, createHmac } from "node:crypto";
import { checkLength } from "./limits.ts";
import { pyJsonDumps } from "./py_json.ts";
import { expandReplacement, pyRegex } from "./py_regex.ts";
import { type Kwargs, PyError, pyStr, PyUndefined, truthy, typeName } from "./py_value.ts";

type Filter = (value: unknown, args: unknown[], kwargs: Kwargs) => unknown;

function arg(args: unknown[], kwargs: Kwargs, i: number, name: string, dflt: unknown): unknown {
  if (i < args.length) return args[i];
  if (kwargs.has(name)) return kwargs.get(name);
  return dflt;
}

function hashName(name: string): string {
  const map: Record<string, string> = {
    md5: "md5",
    sha1: "sha1",
    sha224: "sha224",
    sha256: "sha256",
    sha384: "sha384",
    sha512: "sha512",
    sha3_224: "sha3-224",
    sha3_256: "sha3-256",
    sha3_384: "sha3-384",
    sha3_512: "sha3-512",
    blake2b: "blake2b512",
    blake2s: "blake2s256",
  };
  if (!Object.hasOwn(map, name)) throw new PyError("AttributeError", `No hashing function named ${name}`);
  return map[name];
}

function b64encodeUtf8(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function b64decodeUtf8(s: string): string {
  const cleaned = s.replace(/[^A-Za-z0-9+/=]/g, "");
  let bin: string;
  try {
    bin = atob(cleaned);
  } catch {
    throw new PyError("ValueError", "Incorrect padding");
  }
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new PyError("ValueError", "'utf-8' codec can't decode the base64 payload");
  }
}

/** `value.encode(...)`: Undefined fails as undefined, other non-strings have no `encode` attribute. */
function encodable(v: unknown): string {
  if (v instanceof PyUndefined) v.fail();
  if (typeof v !== "string") {
    throw new PyError("AttributeError", `'${typeName(v)}' object has no attribute 'encode'`);
  }
  return v;
}

/** `re` functions reject anything but strings with a TypeError (even Undefined). */
function strArg(v: unknown, what: string): string {
  if (typeof v !== "string") throw new PyError("TypeError", `${what} expected str, got ${typeName(v)}`);
  return v;
}

/** Airbyte's filters, by name. */
export const AIRBYTE_FILTERS: Record<string, Filter> = {
  string: (v) => (typeof v === "string" ? v : `"""${pyJsonDumps(v, false)}"""`),
  hash: (v, a, k) => {
    const h = createHash(hashName(String(arg(a, k, 0, "hash_type", "md5"))));
    h.update(new TextEncoder().encode(pyStr(v)));
    const salt = arg(a, k, 1, "salt", null);
    if (truthy(salt)) h.update(new TextEncoder().encode(pyStr(salt)));
    return h.digest("hex");
  },
  hmac: (v, a, k) => {
    const type = String(arg(a, k, 1, "hash_type", "sha256"));
    if (type !== "sha256") {
      throw new PyError("ValueError", `Hash type '${type}' is not allowed. Allowed types: sha256`);
    }
    const key = pyStr(arg(a, k, 0, "key", ""));
    return createHmac("sha256", new TextEncoder().encode(key)).update(new TextEncoder().encode(pyStr(v)))
      .digest("hex");
  },
  base64encode: (v) => b64encodeUtf8(encodable(v)),
  base64decode: (v) => b64decodeUtf8(encodable(v)),
  base64binascii_decode: (v) => {
    const s = encodable(v);
    if ([...s].some((c) => c.charCodeAt(0) > 0x7f)) {
      throw new PyError("ValueError", "'ascii' codec can't encode characters");
    }
    return btoa(s);
  },
  regex_search: (v, a, k) => {
    const m = pyRegex(strArg(arg(a, k, 0, "regex", ""), "regex"), false).exec(strArg(v, "regex_search"));
    return m && m.length > 1 ? (m[1] ?? null) : "";
  },
  regex_replace: (v, a, k) => {
    const re = pyRegex(strArg(arg(a, k, 0, "regex", ""), "regex"), true);
    const repl = strArg(arg(a, k, 1, "replacement", ""), "replacement");
    const out = strArg(v, "regex_replace").replace(re, (...m: unknown[]) => {
      const hasGroups = typeof m[m.length - 1] === "object";
      const groups = hasGroups ? (m[m.length - 1] as Record<string, string>) : undefined;
      const parts = m.slice(0, hasGroups ? -3 : -2) as string[];
      return expandReplacement(repl, parts, groups);
    });
    checkLength(out.length);
    return out;
  },
};
