/**
 * Web-standard HTTP building blocks: a fetch-shaped `Requester`, middleware and `compose`, error handling
 * with Airbyte-compatible semantics, backoff, timeouts, redirects, body caps, call budgets and observation.
 *
 * Recommended order (outermost first):
 * `compose(env.fetch, retry(...), auth, rateLimit(budget), followRedirects({ credentials }), observeExchanges(...), timeout(), bodyLimit())`
 * — retry sees every attempt, auth is re-applied per attempt, the budget counts every attempt, redirects
 * strip the credentials auth added, every hop is observed, and timeouts/body caps apply per hop.
 * `httpChain(options)` builds exactly this chain. Keep the retry layer outermost: `isIgnoredResponse` only
 * recognises the response object the retry layer returned.
 *
 * @example
 * ```ts
 * import { compose, retry, timeout } from "./mod.ts";
 * import { fakeEnv } from "../env.ts";
 * const replies = [new Response(null, { status: 503 }), new Response("ok")];
 * const env = fakeEnv();
 * const requester = compose(() => Promise.resolve(replies.shift()!), retry({ env }), timeout());
 * if ((await (await requester(new Request("https://api.test/"))).text()) !== "ok") throw new Error();
 * ```
 * @module
 */
export { compose, type Middleware, type Requester } from "./requester.ts";
export { httpChain, type HttpChainOptions } from "./client.ts";
export {
  BODY_EXCERPT_CHARS,
  classifyError,
  classifyStatus,
  codeForStatus,
  excerpt,
  HttpError,
  type HttpErrorOptions,
  isAbortError,
  isRetryableError,
  type ResolvedAction,
  type ResponseAction,
} from "./errors.ts";
export {
  airbyteDefaultBackoff,
  type BackoffContext,
  type BackoffStrategy,
  constantBackoff,
  type ConstantBackoffOptions,
  exponentialBackoff,
  type ExponentialBackoffOptions,
  firstBackoff,
  fullJitterBackoff,
} from "./backoff.ts";
export {
  numericHeader,
  parsePythonFloat,
  parseResetValue,
  parseRetryAfter,
  pythonRegexMatch,
  retryAfterBackoff,
  type RetryAfterOptions,
  waitTimeFromHeader,
  type WaitTimeFromHeaderOptions,
  waitUntilTimeFromHeader,
  type WaitUntilTimeFromHeaderOptions,
} from "./retry_after.ts";
export {
  compositeErrorHandler,
  DEFAULT_ERROR_MAPPING,
  defaultErrorHandler,
  type DefaultErrorHandlerOptions,
  type ErrorHandler,
  errorMessageOf,
  type FilterContext,
  type InterpretInput,
  type ResponseFilter,
  responseFilter,
  type ResponseFilterOptions,
  sanitizedUrl,
} from "./error_handler.ts";
export {
  airbyteRetryRuntime,
  isIgnoredResponse,
  retry,
  type RetryEvent,
  type RetryOptions,
  type RetryRuntimeOptions,
  withErrorHandler,
} from "./retry.ts";
export { LIVENESS_INTERVAL_MS, type WaitOptions, waitWithLiveness } from "./wait.ts";
export {
  DEFAULT_FIRST_BYTE_TIMEOUT_MS,
  DEFAULT_TOTAL_TIMEOUT_MS,
  realTimer,
  timeout,
  type TimeoutOptions,
  type Timer,
} from "./timeout.ts";
export { followRedirects, type RedirectOptions } from "./redirect.ts";
export { ALWAYS_CREDENTIAL_HEADERS, CredentialRegistry } from "./credentials.ts";
export {
  bodyLimit,
  type BodyLimitOptions,
  capBody,
  DEFAULT_MAX_BODY_BYTES,
  readBodyBytes,
  readBodyText,
  withBody,
} from "./body.ts";
export {
  type CallRatePolicy,
  type FixedWindowOptions,
  fixedWindowPolicy,
  HttpApiBudget,
  type HttpApiBudgetOptions,
  movingWindowPolicy,
  type Rate,
  rateLimit,
  type RequestMatcher,
  requestMatcher,
  type RequestMatcherOptions,
  unlimitedPolicy,
} from "./rate_limit.ts";
export { type Exchange, maskHeaders, observeExchanges, type ObserveOptions } from "./logging.ts";
