/**
 * Exchange observation: reports method, masked URL, status, timing and masked headers of every exchange.
 * @module
 */
import { defaultEnv, type Env } from "../env.ts";
import { MASK, type SecretMasker } from "../secrets.ts";
import type { ReadObserver } from "../source/types.ts";
import { CredentialRegistry } from "./credentials.ts";
import type { Middleware } from "./requester.ts";

/** One observed exchange (the shape of `ReadObserver.onExchange`). */
export type Exchange = Parameters<NonNullable<ReadObserver["onExchange"]>>[0];

/** Options for {@link observeExchanges}. */
export interface ObserveOptions {
  /** Receives each exchange. */
  onExchange(exchange: Exchange): void;
  /** Masks secrets in URLs and header values. */
  masker?: SecretMasker;
  /** Credential names whose values are always hidden. */
  credentials?: CredentialRegistry;
  /** Clock (default real). */
  env?: Pick<Env, "now">;
  /** Stream name to attach. */
  stream?: string;
}

/**
 * Returns headers as a plain object, hiding credential values and masking the rest.
 *
 * @example
 * ```ts
 * import { maskHeaders } from "./logging.ts";
 * import { SecretMasker } from "../secrets.ts";
 * const masker = new SecretMasker();
 * masker.add("k3y");
 * const shown = maskHeaders(new Headers({ authorization: "Bearer t0k", "x-key": "k3y", accept: "json" }), masker);
 * if (shown.authorization !== "****" || shown["x-key"] !== "****" || shown.accept !== "json") throw new Error();
 * ```
 */
export function maskHeaders(
  headers: Headers,
  masker?: SecretMasker,
  credentials: CredentialRegistry = new CredentialRegistry(),
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) {
    out[name] = credentials.isCredentialHeader(name) ? MASK : masker ? masker.mask(value) : value;
  }
  return out;
}

/**
 * Middleware that reports every exchange (status 0 when no response arrived) to `onExchange`.
 *
 * @example
 * ```ts
 * import { observeExchanges, type Exchange } from "./logging.ts";
 * import { compose } from "./requester.ts";
 * const seen: Exchange[] = [];
 * const requester = compose(() => Promise.resolve(new Response("ok")), observeExchanges({ onExchange: (e) => seen.push(e) }));
 * await requester(new Request("http://api.test/x", { headers: { authorization: "Bearer secret" } }));
 * if (seen[0].status !== 200 || seen[0].requestHeaders.authorization !== "****") throw new Error();
 * ```
 */
export function observeExchanges(options: ObserveOptions): Middleware {
  const env = options.env ?? defaultEnv();
  const credentials = options.credentials ?? new CredentialRegistry();
  const maskUrl = (url: string) => {
    const hidden = credentials.maskUrl(url);
    return options.masker ? options.masker.mask(hidden) : hidden;
  };
  return (next) => async (request) => {
    const started = env.now();
    const report = (status: number, responseHeaders: Headers) => {
      try {
        options.onExchange({
          stream: options.stream,
          method: request.method,
          url: maskUrl(request.url),
          status,
          ms: env.now() - started,
          requestHeaders: maskHeaders(request.headers, options.masker, credentials),
          responseHeaders: maskHeaders(responseHeaders, options.masker, credentials),
        });
      } catch {
        // observers must never break a read
      }
    };
    try {
      const response = await next(request);
      report(response.status, response.headers);
      return response;
    } catch (error) {
      report(0, new Headers());
      throw error;
    }
  };
}
