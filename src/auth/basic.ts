/**
 * HTTP Basic authentication (RFC 7617, Airbyte's `BasicHttpAuthenticator`).
 * @module
 */
import type { Middleware } from "../http/requester.ts";
import { base64, withHeader } from "./_request.ts";
import type { AuthOptions } from "./types.ts";

/**
 * Sets `Authorization: Basic base64(username:password)`; masks the password, the pair and its base64 form.
 *
 * @example
 * ```ts
 * import { basic } from "./basic.ts";
 * import { compose } from "../http/requester.ts";
 * let seen = "";
 * const requester = compose((r) => {
 *   seen = r.headers.get("authorization") ?? "";
 *   return Promise.resolve(new Response("ok"));
 * }, basic("user", "pass"));
 * await requester(new Request("https://api.test/"));
 * if (seen !== "Basic dXNlcjpwYXNz") throw new Error(seen);
 * ```
 */
export function basic(username: string, password = "", options: AuthOptions = {}): Middleware {
  const pair = `${username}:${password}`;
  const encoded = base64(pair);
  options.masker?.addBasic(username, password);
  options.masker?.add(encoded);
  const value = `Basic ${encoded}`;
  return (next) => (request) => next(withHeader(request, "Authorization", value));
}
