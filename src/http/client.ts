/**
 * The standard requester chain in one call, so code connectors and the declarative factory build the same
 * thing: retry (or a declarative error handler) → auth → call budget → redirects → observer → timeout →
 * body cap → fetch.
 * @module
 */
import type { Env } from "../env.ts";
import type { SecretMasker } from "../secrets.ts";
import { bodyLimit } from "./body.ts";
import { CredentialRegistry } from "./credentials.ts";
import type { ErrorHandler } from "./error_handler.ts";
import { observeExchanges, type ObserveOptions } from "./logging.ts";
import { type HttpApiBudget, rateLimit } from "./rate_limit.ts";
import { followRedirects } from "./redirect.ts";
import { compose, type Middleware, type Requester } from "./requester.ts";
import { retry, type RetryOptions, type RetryRuntimeOptions, withErrorHandler } from "./retry.ts";
import { timeout, type TimeoutOptions } from "./timeout.ts";

/** Options for {@link httpChain}. */
export interface HttpChainOptions {
  /** Effects; `env.fetch` is the transport. */
  env: Env;
  /** Masks secrets in errors, logs and observed exchanges. */
  masker?: SecretMasker;
  /** Credential names (pass the same registry to the authenticator). */
  credentials?: CredentialRegistry;
  /** Authenticator middleware. */
  auth?: Middleware;
  /** A declarative error handler; when set, `retry` options are ignored and `runtime` applies. */
  errorHandler?: ErrorHandler;
  /** Runtime options for `errorHandler` (e.g. `airbyteRetryRuntime()`). */
  runtime?: RetryRuntimeOptions;
  /** Code-API retry options (default `retry()`); `false` disables retries. */
  retry?: Omit<RetryOptions, "env" | "masker"> | false;
  /** Shared call budget. */
  budget?: HttpApiBudget;
  /** Timeouts per attempt (default 2 min first byte, 5 min total); `false` disables them. */
  timeout?: TimeoutOptions | false;
  /** Decoded body cap in bytes (default 256 MiB). */
  maxBodyBytes?: number;
  /** Maximum redirects (default 10). */
  maxRedirects?: number;
  /** Observes every hop of every attempt. */
  onExchange?: ObserveOptions["onExchange"];
  /** Stream name attached to observed exchanges. */
  stream?: string;
}

/**
 * Builds the standard requester.
 *
 * @example
 * ```ts
 * import { httpChain } from "./client.ts";
 * import { bearer } from "../auth/bearer.ts";
 * import { fakeEnv } from "../env.ts";
 * const replies = [new Response(null, { status: 502 }), new Response("ok")];
 * const env = fakeEnv({ fetch: () => Promise.resolve(replies.shift()!) });
 * const requester = httpChain({ env, auth: bearer("t") });
 * if ((await (await requester(new Request("https://api.test/"))).text()) !== "ok") throw new Error();
 * ```
 */
export function httpChain(options: HttpChainOptions): Requester {
  const { env, masker } = options;
  const credentials = options.credentials ?? new CredentialRegistry();
  const middleware: Middleware[] = [];
  if (options.errorHandler) {
    middleware.push(withErrorHandler(options.errorHandler, { env, masker, ...options.runtime }));
  } else if (options.retry !== false) {
    middleware.push(retry({ env, masker, ...options.retry }));
  }
  if (options.auth) middleware.push(options.auth);
  if (options.budget) middleware.push(rateLimit(options.budget));
  // With timeouts on, the timeout layer's request copy (it needs its own signal) also asks for manual
  // redirects, so the redirect layer passes the first hop on unchanged: one request copy per attempt, not two.
  const timeouts = options.timeout !== false;
  middleware.push(
    followRedirects({ credentials, masker, maxRedirects: options.maxRedirects, manualDownstream: timeouts }),
  );
  if (options.onExchange) {
    middleware.push(
      observeExchanges({ onExchange: options.onExchange, masker, credentials, env, stream: options.stream }),
    );
  }
  if (options.timeout !== false) middleware.push(timeout({ ...options.timeout, redirect: "manual" }));
  middleware.push(bodyLimit({ maxBytes: options.maxBodyBytes }));
  return compose(env.fetch, ...middleware);
}
