/**
 * Bearer token authentication (Airbyte's `BearerAuthenticator`).
 * @module
 */
import type { Middleware } from "../http/requester.ts";
import { resolveToken, type TokenSource, withHeader } from "./_request.ts";
import type { AuthOptions } from "./types.ts";

/**
 * Sets `Authorization: Bearer <token>` on every request.
 *
 * @example
 * ```ts
 * import { bearer } from "./bearer.ts";
 * import { compose } from "../http/requester.ts";
 * let seen = "";
 * const requester = compose((r) => {
 *   seen = r.headers.get("authorization") ?? "";
 *   return Promise.resolve(new Response("ok"));
 * }, bearer("t0k3n"));
 * await requester(new Request("https://api.test/"));
 * if (seen !== "Bearer t0k3n") throw new Error(seen);
 * ```
 */
export function bearer(token: TokenSource, options: AuthOptions = {}): Middleware {
  if (typeof token === "string") options.masker?.add(token);
  return (next) => async (request) => {
    const value = await resolveToken(token);
    options.masker?.add(value);
    return next(withHeader(request, "Authorization", `Bearer ${value}`));
  };
}
