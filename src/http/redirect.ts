/**
 * Manual redirect following: same-origin hops keep every header; cross-origin hops strip credentials
 * (Authorization, Cookie, Proxy-Authorization and every header/query name an authenticator registered).
 * @module
 */
import { SpoutError } from "../errors.ts";
import type { SecretMasker } from "../secrets.ts";
import { CredentialRegistry } from "./credentials.ts";
import type { Middleware } from "./requester.ts";

/** Options for {@link followRedirects}. */
export interface RedirectOptions {
  /** Maximum hops (default 10). */
  maxRedirects?: number;
  /** Credential names to strip on cross-origin hops (defaults still strip Authorization and Cookie). */
  credentials?: CredentialRegistry;
  /** Masks URLs in errors. */
  masker?: SecretMasker;
  /**
   * A later layer sends every request with `redirect: "manual"` (as `httpChain`'s timeout layer does), so
   * the first hop is passed on unchanged instead of copied. Leave unset unless that is guaranteed: otherwise
   * fetch would follow redirects itself, credentials included.
   */
  manualDownstream?: boolean;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * Follows redirects itself (`redirect: "manual"`), so credentials never leak to another origin.
 *
 * @example
 * ```ts
 * import { followRedirects } from "./redirect.ts";
 * import { compose } from "./requester.ts";
 * const seen: (string | null)[] = [];
 * const base = (r: Request) => {
 *   seen.push(r.headers.get("authorization"));
 *   return Promise.resolve(
 *     r.url.startsWith("http://a.test")
 *       ? new Response(null, { status: 302, headers: { location: "http://b.test/x" } })
 *       : new Response("ok"),
 *   );
 * };
 * const requester = compose(base, followRedirects());
 * await requester(new Request("http://a.test/", { headers: { authorization: "Bearer t" } }));
 * if (seen[0] !== "Bearer t" || seen[1] !== null) throw new Error("credentials leaked");
 * ```
 */
export function followRedirects(options: RedirectOptions = {}): Middleware {
  const max = options.maxRedirects ?? 10;
  const credentials = options.credentials ?? new CredentialRegistry();
  const mask = (
    text: string,
  ) => (options.masker ? options.masker.mask(credentials.maskUrl(text)) : credentials.maskUrl(text));
  return (next) => async (request) => {
    // First hop: the request itself when it already asks for manual redirects, else one copy that does (a
    // body is buffered, since a 307/308 sends it again).
    const body = request.body ? await request.arrayBuffer() : undefined;
    const first = (request.redirect === "manual" || options.manualDownstream === true) && body === undefined
      ? request
      : new Request(request, body === undefined ? { redirect: "manual" } : { redirect: "manual", body });
    let response = await next(first);
    if (!REDIRECT_STATUSES.has(response.status) || !response.headers.has("location")) return response;
    let url = request.url;
    let method = request.method;
    let headers = new Headers(request.headers);
    let payload = body;
    for (let hop = 0;; hop++) {
      if (hop > 0) {
        response = await next(
          new Request(url, { method, headers, body: payload, redirect: "manual", signal: request.signal }),
        );
      }
      const location = response.headers.get("location");
      if (!REDIRECT_STATUSES.has(response.status) || !location) return response;
      await response.body?.cancel().catch(() => {});
      if (hop >= max) {
        throw new SpoutError(
          "http_redirect",
          `Too many redirects (more than ${max}) starting at ${mask(request.url)}`,
          {
            details: { maxRedirects: max },
          },
        );
      }
      let target: URL;
      try {
        target = new URL(location, url);
      } catch {
        throw new SpoutError("http_redirect", `Invalid redirect location from ${mask(url)}`);
      }
      if (target.protocol !== "http:" && target.protocol !== "https:") {
        throw new SpoutError(
          "http_redirect",
          `Refusing redirect to a ${target.protocol} URL from ${mask(url)}`,
        );
      }
      const status = response.status;
      if (
        (status === 303 && method !== "HEAD") || ((status === 301 || status === 302) && method === "POST")
      ) {
        method = "GET";
        payload = undefined;
        headers = new Headers(headers);
        for (const name of ["content-type", "content-length", "content-encoding", "content-language"]) {
          headers.delete(name);
        }
      }
      if (target.origin !== new URL(url).origin) {
        headers = new Headers(headers);
        for (const name of [...headers.keys()]) {
          if (credentials.isCredentialHeader(name)) headers.delete(name);
        }
        for (const name of credentials.queryParams) target.searchParams.delete(name);
        // Anything carrying a known secret goes too, even when its authenticator registered no name.
        if (options.masker) {
          const masker = options.masker;
          const secret = (value: string) => masker.mask(value) !== value;
          for (const [name, value] of [...headers]) if (secret(value)) headers.delete(name);
          for (const [name, value] of [...target.searchParams]) {
            if (secret(value)) target.searchParams.delete(name);
          }
        }
      }
      url = target.toString();
    }
  };
}
