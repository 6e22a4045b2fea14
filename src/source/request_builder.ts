/**
 * Turns {@link RequestParts} into a web-standard `Request` the way Airbyte's Python CDK (requests) would:
 * same URL joining, same query encoding, same body rules.
 * @module
 */
import type { RequestParts } from "../pagination/types.ts";

/** HTTP methods that may carry a body (others never send one, like `requests`). */
const BODY_METHODS: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH"]);

/**
 * Joins a base URL and a path like the Python CDK: an empty path keeps the base, a leading `/` on the path
 * is ignored, and an absolute URL in the path wins.
 *
 * @example
 * ```ts
 * import { joinUrl } from "./request_builder.ts";
 * if (joinUrl("https://api.test/v1", "/items") !== "https://api.test/v1/items") throw new Error("join");
 * if (joinUrl("https://api.test/v1/", "") !== "https://api.test/v1/") throw new Error("empty path");
 * ```
 */
export function joinUrl(base: string, path: string | undefined): string {
  if (path === undefined || path === "") return base;
  const relative = path.replace(/^\/+/, "");
  const withSlash = base.endsWith("/") ? base : `${base}/`;
  return new URL(relative, withSlash).href;
}

/** Characters `quote_plus` leaves as they are (the common case: no encoding work). */
const SAFE = /^[A-Za-z0-9_.~-]*$/;

/**
 * Percent-encodes like Python's `urllib.parse.quote_plus` (space becomes `+`, only `A-Za-z0-9_.-~` stay).
 *
 * @example
 * ```ts
 * import { quotePlus } from "./request_builder.ts";
 * if (quotePlus("a b/c*~") !== "a+b%2Fc%2A~") throw new Error(quotePlus("a b/c*~"));
 * ```
 */
export function quotePlus(value: string): string {
  if (SAFE.test(value)) return value;
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, "+");
}

/**
 * Encodes query parameters like `urllib.parse.urlencode(params, doseq=True)`.
 *
 * @example
 * ```ts
 * import { encodeQuery } from "./request_builder.ts";
 * if (encodeQuery({ a: "1 2", b: ["x", "y"] }) !== "a=1+2&b=x&b=y") throw new Error("encode");
 * ```
 */
export function encodeQuery(query: Record<string, string | string[]>): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) pairs.push(`${quotePlus(key)}=${quotePlus(String(v))}`);
  }
  return pairs.join("&");
}

/**
 * Serialises JSON like Python's `json.dumps` defaults (`", "` and `": "` separators, non-ASCII escaped), so
 * request bodies are byte-identical to the Python CDK's.
 *
 * @example
 * ```ts
 * import { pythonJsonDumps } from "./request_builder.ts";
 * if (pythonJsonDumps({ a: [1, "é"] }) !== '{"a": [1, "\\u00e9"]}') throw new Error("dumps");
 * ```
 */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") {
    return JSON.stringify(value).replace(
      /[\u007f-\uffff]/g,
      (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0"),
    );
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError("JSON bodies cannot contain NaN or Infinity");
    return JSON.stringify(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(v)}`).join(", ")}}`;
  }
  return "null";
}

/** Options for {@link buildRequest}. */
export interface BuildRequestOptions {
  /** Base URL (Airbyte's `url_base`). */
  urlBase: string;
  /** HTTP method (default GET). */
  method?: string;
  /** Abort signal attached to the request. */
  signal?: AbortSignal;
}

interface ParsedUrl {
  href: string;
  search: string;
  /** First value of each query parameter already in the URL (undefined when it has none). */
  existing?: Map<string, string>;
}

const PARSED = new Map<string, ParsedUrl>();
const PARSED_MAX = 256;

/** `new URL(text)` reduced to what a request needs, memoised: most pages of a stream share their base URL. */
function parsedUrl(text: string): ParsedUrl {
  const hit = PARSED.get(text);
  if (hit) return hit;
  const url = new URL(text);
  let existing: Map<string, string> | undefined;
  if (url.search !== "") {
    existing = new Map<string, string>();
    for (const [k, v] of url.searchParams) if (!existing.has(k)) existing.set(k, v);
  }
  const parsed = { href: url.href, search: url.search, existing };
  if (PARSED.size >= PARSED_MAX) PARSED.clear();
  PARSED.set(text, parsed);
  return parsed;
}

/**
 * Builds a `Request` from parts: base URL + path (or `parts.url`), query appended to any query already in the
 * URL (parameters repeated there with the same value are not sent twice), headers, and a JSON or form body
 * for POST/PUT/PATCH.
 *
 * @example
 * ```ts
 * import { buildRequest } from "./request_builder.ts";
 * const req = buildRequest(
 *   { path: "items", query: { page: "2" }, headers: { accept: "application/json" }, json: { q: 1 } },
 *   { urlBase: "https://api.test/v1", method: "POST" },
 * );
 * if (req.url !== "https://api.test/v1/items?page=2") throw new Error(req.url);
 * if (req.headers.get("content-type") !== "application/json") throw new Error("content type");
 * ```
 */
export function buildRequest(parts: RequestParts, options: BuildRequestOptions): Request {
  const method = (options.method ?? "GET").toUpperCase();
  const url = parsedUrl(parts.url ?? joinUrl(options.urlBase, parts.path));
  const existing = url.existing;
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(parts.query ?? {})) {
    if (value === undefined || value === null) continue;
    if (existing && !Array.isArray(value) && existing.has(key) && existing.get(key) === String(value)) {
      continue;
    }
    query[key] = value;
  }
  const extra = encodeQuery(query);
  let href = url.href;
  if (extra) href += (url.search ? "&" : href.endsWith("?") ? "" : "?") + extra;
  const headers = new Headers();
  for (const [k, v] of Object.entries(parts.headers ?? {})) {
    if (v !== undefined && v !== null) headers.set(k, String(v));
  }
  let body: string | undefined;
  if (BODY_METHODS.has(method)) {
    const hasJson = parts.json !== undefined && Object.keys(parts.json).length > 0;
    const hasForm = parts.form !== undefined && Object.keys(parts.form).length > 0;
    if (hasJson && hasForm) {
      throw new TypeError("a request cannot have both a JSON body and a form body");
    }
    if (hasJson) {
      body = pythonJsonDumps(parts.json);
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
    } else if (hasForm) {
      body = encodeQuery(parts.form as Record<string, string>);
      if (!headers.has("content-type")) headers.set("content-type", "application/x-www-form-urlencoded");
    }
  }
  return new Request(href, { method, headers, body, signal: options.signal });
}
