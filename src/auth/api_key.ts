/**
 * API key authentication, injected into a header or a query parameter (Airbyte's `ApiKeyAuthenticator`).
 * @module
 */
import { SpoutError } from "../errors.ts";
import type { Middleware } from "../http/requester.ts";
import { resolveToken, type TokenSource, withHeader, withQueryParam } from "./_request.ts";
import type { AuthOptions } from "./types.ts";

/** Options for {@link apiKey}. */
export interface ApiKeyOptions extends AuthOptions {
  /** The key (or a provider of it, e.g. a session token). */
  value: TokenSource;
  /** Header to set (e.g. `X-API-Key`). */
  header?: string;
  /** Query parameter to set instead of a header. */
  queryParam?: string;
  /** Written before the value with a space, e.g. `Token` gives `Token <value>`. */
  prefix?: string;
}

/**
 * Sets an API key header or query parameter on every request.
 *
 * @example
 * ```ts
 * import { apiKey } from "./api_key.ts";
 * import { compose } from "../http/requester.ts";
 * let seen = "";
 * const requester = compose((r) => {
 *   seen = r.headers.get("x-api-key") ?? "";
 *   return Promise.resolve(new Response("ok"));
 * }, apiKey({ value: "k-123", header: "X-API-Key" }));
 * await requester(new Request("https://api.test/"));
 * if (seen !== "k-123") throw new Error(seen);
 * ```
 */
export function apiKey(options: ApiKeyOptions): Middleware {
  if ((options.header === undefined) === (options.queryParam === undefined)) {
    throw new SpoutError("usage_error", "apiKey needs exactly one of `header` or `queryParam`");
  }
  if (options.header !== undefined) options.credentials?.addHeader(options.header);
  if (options.queryParam !== undefined) options.credentials?.addQueryParam(options.queryParam);
  if (typeof options.value === "string") options.masker?.add(options.value);
  return (next) => async (request) => {
    const raw = await resolveToken(options.value);
    options.masker?.add(raw);
    const value = options.prefix ? `${options.prefix} ${raw}` : raw;
    return next(
      options.header !== undefined
        ? withHeader(request, options.header, value)
        : withQueryParam(request, options.queryParam!, value),
    );
  };
}
