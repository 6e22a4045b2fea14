/**
 * No authentication (Airbyte's `NoAuth`).
 * @module
 */
import type { Middleware } from "../http/requester.ts";

/**
 * Passes requests through unchanged.
 *
 * @example
 * ```ts
 * import { noAuth } from "./no_auth.ts";
 * const res = await noAuth()(() => Promise.resolve(new Response("ok")))(new Request("https://api.test/"));
 * if (res.status !== 200) throw new Error();
 * ```
 */
export function noAuth(): Middleware {
  return (next) => next;
}
