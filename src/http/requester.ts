/**
 * The fetch-shaped requester and its middleware composition.
 * @module
 */

/** Anything fetch-shaped: takes a Request, resolves to a Response. */
export type Requester = (request: Request) => Promise<Response>;

/** Wraps a requester with extra behaviour (auth, retry, rate limit, timeout, logging). */
export type Middleware = (next: Requester) => Requester;

/**
 * Builds a requester from a base (usually `fetch`) and middleware. The first middleware is outermost:
 * `compose(fetch, a, b)` sends a request through `a`, then `b`, then `fetch`.
 *
 * @example
 * ```ts
 * import { compose } from "./requester.ts";
 * const seen: string[] = [];
 * const tag = (name: string) => (next: (r: Request) => Promise<Response>) => (r: Request) => {
 *   seen.push(name);
 *   return next(r);
 * };
 * const requester = compose(() => Promise.resolve(new Response("ok")), tag("a"), tag("b"));
 * await requester(new Request("http://example.test/"));
 * if (seen.join() !== "a,b") throw new Error("wrong order");
 * ```
 */
export function compose(base: Requester, ...middleware: Middleware[]): Requester {
  let requester = base;
  for (let i = middleware.length - 1; i >= 0; i--) requester = middleware[i](requester);
  return requester;
}
