/**
 * Airbyte's `RequestPath` page-token option: the token is the next URL (or path).
 * @module
 */
import type { RequestParts } from "./types.ts";

/** Marks a page token that replaces the request URL (Airbyte `RequestPath`). */
export interface RequestPathOption {
  /** Always "path". */
  injectInto: "path";
}

/** The RequestPath option value. */
export const REQUEST_PATH: RequestPathOption = Object.freeze({ injectInto: "path" });

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Applies a RequestPath token: an absolute URL becomes `parts.url`; anything else replaces `parts.path`
 * (Airbyte joins it to `url_base` with `urljoin`, so a path starting with `/` is relative to the origin).
 * The query built by the requester and the page-size option are still sent: merge them into the URL with
 * {@link mergeQueryIntoUrl}, which drops a parameter the URL already carries with the same value, as
 * Airbyte's `HttpClient` does. Mutates and returns `parts`.
 *
 * @example
 * ```ts
 * import { applyRequestPath } from "./request_path.ts";
 * const parts = applyRequestPath({ path: "/items", query: {}, headers: {} }, "https://api.test/items?page=2");
 * if (parts.url !== "https://api.test/items?page=2") throw new Error("wrong");
 * ```
 */
export function applyRequestPath(parts: RequestParts, token: unknown): RequestParts {
  const s = String(token);
  if (ABSOLUTE.test(s)) parts.url = s;
  else parts.path = s;
  return parts;
}

/**
 * Appends `query` to `url`, skipping a key the URL already has with the same (first) value; a key with a
 * different value is appended as well (both are sent), exactly like Airbyte's `_dedupe_query_params`.
 *
 * @example
 * ```ts
 * import { mergeQueryIntoUrl } from "./request_path.ts";
 * const url = mergeQueryIntoUrl("https://api.test/x?page=2&limit=10", { limit: "10", sort: "id" });
 * if (url !== "https://api.test/x?page=2&limit=10&sort=id") throw new Error(url);
 * ```
 */
export function mergeQueryIntoUrl(url: string, query: Record<string, string | string[]>): string {
  const existing = new URL(url).searchParams;
  let extra = "";
  for (const k in query) {
    const v = query[k];
    if (!Array.isArray(v) && existing.get(k) === v) continue;
    for (const item of Array.isArray(v) ? v : [v]) {
      extra += (extra ? "&" : "") + encodeQueryComponent(k) + "=" + encodeQueryComponent(item);
    }
  }
  if (!extra) return url;
  const hash = url.indexOf("#");
  const base = hash < 0 ? url : url.slice(0, hash);
  const frag = hash < 0 ? "" : url.slice(hash);
  const sep = base.includes("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?";
  return base + sep + extra + frag;
}

/** Encodes like Python's `urlencode` (`quote_plus`): spaces become `+`. */
function encodeQueryComponent(s: string): string {
  return encodeURIComponent(s).replace(/%20/g, "+").replace(
    /[!'()*]/g,
    (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase(),
  );
}
