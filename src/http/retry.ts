/**
 * The error-handling middleware: classifies each attempt (via an {@link ErrorHandler}), waits with backoff
 * (logging liveness at least every 30 s), and turns final failures into {@link HttpError}s.
 * @module
 */
import { defaultEnv, type Env } from "../env.ts";
import { SpoutError } from "../errors.ts";
import type { SecretMasker } from "../secrets.ts";
import {
  airbyteDefaultBackoff,
  type BackoffContext,
  type BackoffStrategy,
  firstBackoff,
  fullJitterBackoff,
} from "./backoff.ts";
import { DEFAULT_MAX_BODY_BYTES, readBodyBytes, readBodyText } from "./body.ts";
import type { ErrorHandler, InterpretInput } from "./error_handler.ts";
import {
  classifyError,
  classifyStatus,
  excerpt,
  HttpError,
  isAbortError,
  isRetryableError,
  type ResolvedAction,
  type ResponseAction,
} from "./errors.ts";
import type { Middleware } from "./requester.ts";
import { retryAfterBackoff } from "./retry_after.ts";
import { waitWithLiveness } from "./wait.ts";

const IGNORED = new WeakSet<Response>();

/**
 * True when the retry layer decided to IGNORE this response: the page reader should skip it (no records).
 *
 * @example
 * ```ts
 * import { isIgnoredResponse } from "./retry.ts";
 * if (isIgnoredResponse(new Response("{}"))) throw new Error("plain responses are not ignored");
 * ```
 */
export function isIgnoredResponse(response: Response): boolean {
  return IGNORED.has(response);
}

/** Reported before each wait. */
export interface RetryEvent {
  /** Attempts made so far. */
  attempt: number;
  /** How long the layer will wait, in ms. */
  waitMs: number;
  /** RETRY or RATE_LIMITED. */
  action: ResponseAction;
  /** Status of the failing response, if any. */
  status?: number;
  /** Masked URL. */
  url: string;
}

/** Runtime options shared by {@link withErrorHandler} and {@link retry}. */
export interface RetryRuntimeOptions {
  /** Effects (sleep, now, random, log); defaults to the real environment. */
  env?: Env;
  /** Masks secrets in errors and logs. */
  masker?: SecretMasker;
  /** Used when no strategy yields a wait (default: full-jitter exponential, 1 s base, 60 s cap). */
  defaultBackoff?: BackoffStrategy;
  /** Added to strategy-derived waits (Airbyte sleeps `backoff + 1 s`; the declarative factory passes 1000). */
  strategyPaddingMs?: number;
  /** Cap on one wait in ms (clamped). */
  maxWaitMs?: number;
  /** Cap on the total time spent on one request in ms; overrides the handler's `maxTimeMs`. */
  maxTotalWaitMs?: number;
  /** Interval of liveness log lines during waits (default 30 s). */
  livenessIntervalMs?: number;
  /** Cap on body bytes read for classification (default 16 MiB; larger bodies are not inspected). */
  maxInterpretBodyBytes?: number;
  /** Called before each wait (e.g. to emit a RATE_LIMITED stream status). */
  onRetry?(event: RetryEvent): void;
  /**
   * Read successful bodies inside the retry loop (default true), so a truncated body, a reset or a stall after
   * the headers is retried like a network error, as Airbyte does. The body is handed on buffered, capped at
   * `maxBodyBytes`. Set false to stream huge downloads (then body errors surface to the reader unretried).
   */
  bufferBody?: boolean;
  /** Cap on a buffered body in bytes (default 256 MiB). */
  maxBodyBytes?: number;
  /**
   * True when the authenticator can serve the retry of this rate-limited response from another credential
   * (token rotation): the retry then waits only {@link TOKEN_ROTATION_WAIT_MS} (plus the strategy padding)
   * instead of the computed backoff, as the reference does.
   */
  canRotate?(response: Response): boolean;
}

/** The wait before retrying a rate-limited request on another credential (the reference's 0.1 s). */
export const TOKEN_ROTATION_WAIT_MS = 100;

const DEFAULT_MAX_RETRIES = 5;
const DEFAULT_MAX_TIME_MS = 600_000;

async function readForInterpret(
  response: Response,
  maxBytes: number,
): Promise<{ body?: unknown; bodyText?: string }> {
  try {
    const bodyText = await readBodyText(response.clone(), { maxBytes });
    let body: unknown;
    try {
      body = bodyText.trim() === "" ? undefined : JSON.parse(bodyText);
    } catch {
      body = undefined;
    }
    return { body, bodyText };
  } catch {
    return {};
  }
}

/**
 * Bodies up to this declared size are read with the runtime's native `arrayBuffer()` (cheapest per page); larger
 * ones chunk by chunk (Deno's native whole-body read over-allocates its buffer about 3x, which costs page
 * faults and GC on big pages).
 */
const NATIVE_READ_MAX_BYTES = 64 * 1024;

/**
 * Reads a successful body completely (so body errors happen inside the retry loop) and hands on a copy with a
 * native byte body. A small declared, uncompressed length within the cap is read natively (fetch enforces the
 * framing); otherwise the bytes are counted as they arrive.
 */
async function buffered(response: Response, maxBytes: number | undefined): Promise<Response> {
  const declared = Number(response.headers.get("content-length") ?? NaN);
  const bytes = declared <= NATIVE_READ_MAX_BYTES && declared <= (maxBytes ?? DEFAULT_MAX_BODY_BYTES) &&
      !response.headers.has("content-encoding")
    ? await response.arrayBuffer()
    : await readBodyBytes(response, maxBytes === undefined ? {} : { maxBytes });
  const copy = new Response(bytes as BodyInit, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  if (response.url) Object.defineProperty(copy, "url", { value: response.url });
  return copy;
}

async function discard(response: Response | undefined): Promise<void> {
  if (response?.body && !response.bodyUsed) await response.body.cancel().catch(() => {});
}

/**
 * Wraps a requester with an {@link ErrorHandler}. Handler answers of `undefined` fall back to the code-API
 * classification (`classifyStatus` / `classifyError`). FAIL throws an {@link HttpError} with a masked body
 * excerpt; RETRY/RATE_LIMITED wait and retry up to `maxRetries`, then throw `retries_exhausted` naming the
 * status; IGNORE returns the response marked for {@link isIgnoredResponse}; RESET_PAGINATION throws
 * `http_reset_pagination`.
 *
 * @example
 * ```ts
 * import { withErrorHandler } from "./retry.ts";
 * import { defaultErrorHandler } from "./error_handler.ts";
 * import { compose } from "./requester.ts";
 * import { fakeEnv } from "../env.ts";
 * const statuses = [503, 200];
 * const env = fakeEnv();
 * const base = () => Promise.resolve(new Response("ok", { status: statuses.shift() }));
 * const requester = compose(base, withErrorHandler(defaultErrorHandler(), { env }));
 * const res = await requester(new Request("http://api.test/"));
 * if (res.status !== 200 || env.slept.length !== 1) throw new Error("expected one retry");
 * ```
 */
export function withErrorHandler(handler: ErrorHandler, options: RetryRuntimeOptions = {}): Middleware {
  const env = options.env ?? defaultEnv();
  const maxRetries = Math.max(0, handler.maxRetries ?? DEFAULT_MAX_RETRIES);
  const maxTotal = options.maxTotalWaitMs ?? handler.maxTimeMs ?? DEFAULT_MAX_TIME_MS;
  const strategies = handler.backoff ?? [];
  const fallback = options.defaultBackoff ?? fullJitterBackoff();
  const maxBody = options.maxInterpretBodyBytes ?? 16 * 1024 * 1024;
  const mask = (text: string) => (options.masker ? options.masker.mask(text) : text);
  const bufferBody = options.bufferBody ?? true;
  const maxBodyBytes = options.maxBodyBytes;

  return (next) => async (request) => {
    const start = env.now();
    let maskedUrl: string | undefined;
    const url = () => (maskedUrl ??= mask(request.url));
    // A body can be sent once: read it once, and each attempt sends its own copy (a GET is sent as is).
    const payload = request.body ? await request.arrayBuffer() : undefined;
    for (let attempt = 1;; attempt++) {
      let response: Response | undefined;
      let error: unknown;
      /** Status of a response whose body could not be read (the failure is then retried as a network error). */
      let unreadStatus: number | undefined;
      try {
        response = await next(payload === undefined ? request : new Request(request, { body: payload }));
        if (bufferBody && response.ok && response.body) {
          unreadStatus = response.status;
          response = await buffered(response, maxBodyBytes);
          unreadStatus = undefined;
        }
      } catch (e) {
        response = undefined;
        error = e;
        if (request.signal?.aborted || isAbortError(e)) throw e;
        if (e instanceof SpoutError && !isRetryableError(e)) throw e;
      }
      const read = response && (response.status >= 400 || handler.needsBody)
        ? await readForInterpret(response, maxBody)
        : {};
      const input: InterpretInput = { request, response, error, attempt, ...read };
      const resolved: ResolvedAction = (await handler.interpret(input)) ??
        (response ? classifyStatus(response.status) : classifyError(error));
      const status = response?.status ?? unreadStatus;
      const fail = (code: SpoutError["code"], message: string, failureType = resolved.failureType) =>
        new HttpError(code, message, {
          status,
          method: request.method,
          url: request.url,
          bodyExcerpt: excerpt(read.bodyText),
          masker: options.masker,
          failureType,
          action: resolved.action,
          cause: error,
        });

      switch (resolved.action) {
        case "SUCCESS":
          if (response) return response;
          throw error;
        case "IGNORE": {
          const ignored = response ?? new Response(null, { status: 204 });
          env.log("INFO", mask(`Ignoring ${status ?? "failed"} response for ${request.method} ${url()}`));
          IGNORED.add(ignored);
          return ignored;
        }
        case "FAIL": {
          await discard(response);
          if (!response && error instanceof SpoutError) throw error;
          const code = resolved.code ?? (response ? classifyStatus(response.status).code : undefined) ??
            classifyError(error).code ?? "http_client";
          throw fail(code, resolved.message ?? `Request failed`);
        }
        case "RESET_PAGINATION":
          await discard(response);
          throw fail("http_reset_pagination", resolved.message ?? "The API asked to restart pagination");
        case "RETRY":
        case "RATE_LIMITED": {
          const elapsed = env.now() - start;
          const why = status === undefined
            ? "network error"
            : unreadStatus === undefined
            ? `HTTP ${status}`
            : `HTTP ${status} with a body that could not be read`;
          if (attempt > maxRetries || elapsed >= maxTotal) {
            await discard(response);
            const limit = attempt > maxRetries
              ? `${attempt} attempts`
              : `${Math.round(elapsed / 1000)} s of retrying`;
            const what = status === 429 ? "API rate limit exceeded" : resolved.message ?? why;
            throw fail(
              "retries_exhausted",
              `Gave up after ${limit} (last: ${why}): ${what}`,
              resolved.failureType ?? "transient_error",
            );
          }
          const ctx: BackoffContext = {
            attempt,
            response,
            error,
            body: read.body,
            now: env.now(),
            random: env.random,
          };
          let wait: number;
          try {
            const rotate = resolved.action === "RATE_LIMITED" && response !== undefined &&
              options.canRotate?.(response) === true;
            const fromStrategy = rotate ? TOKEN_ROTATION_WAIT_MS : firstBackoff(strategies, ctx);
            wait = fromStrategy !== undefined
              ? fromStrategy + (options.strategyPaddingMs ?? 0)
              : Math.max(0, fallback(ctx) ?? 0);
          } catch (e) {
            await discard(response);
            throw e;
          }
          if (options.maxWaitMs !== undefined) wait = Math.min(wait, options.maxWaitMs);
          wait = Math.min(wait, Math.max(0, maxTotal - elapsed));
          await discard(response);
          options.onRetry?.({ attempt, waitMs: wait, action: resolved.action, status, url: url() });
          const reason = `retrying ${request.method} ${url()} after ${why}, attempt ${attempt + 1} of ${
            maxRetries + 1
          }`;
          await waitWithLiveness(wait, {
            env,
            signal: request.signal,
            reason: mask(reason),
            intervalMs: options.livenessIntervalMs,
          });
          break;
        }
      }
    }
  };
}

/** Options for {@link retry}. */
export interface RetryOptions extends RetryRuntimeOptions {
  /** Custom classification; return undefined to use the defaults. */
  classify?(input: InterpretInput): ResolvedAction | undefined | Promise<ResolvedAction | undefined>;
  /** Backoff strategies (default: `Retry-After` / `RateLimit-Reset` headers, then full-jitter exponential). */
  backoff?: BackoffStrategy[];
  /** Maximum retries (default 5). */
  maxRetries?: number;
  /** Read the body of every response for `classify` (default only status >= 400). */
  needsBody?: boolean;
}

/**
 * Retries transient failures (408, 429, 5xx, network errors, timeouts), honouring `Retry-After`; fails fast on
 * 401/403 (`http_auth`) and other 4xx (`http_client`).
 *
 * @example
 * ```ts
 * import { retry } from "./retry.ts";
 * import { compose } from "./requester.ts";
 * import { fakeEnv } from "../env.ts";
 * const env = fakeEnv();
 * const replies = [new Response(null, { status: 429, headers: { "retry-after": "2" } }), new Response("ok")];
 * const requester = compose(() => Promise.resolve(replies.shift()!), retry({ env }));
 * if ((await requester(new Request("http://api.test/"))).status !== 200) throw new Error();
 * if (env.slept[0] !== 2000) throw new Error(`waited ${env.slept}`);
 * ```
 */
export function retry(options: RetryOptions = {}): Middleware {
  const handler: ErrorHandler = {
    interpret: (input) => options.classify?.(input),
    backoff: options.backoff ?? [retryAfterBackoff()],
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    needsBody: options.needsBody,
  };
  return withErrorHandler(handler, options);
}

/**
 * Runtime options reproducing Airbyte's waits for declarative sources (1, 2, 4 … s default, +1 s padding).
 *
 * @example
 * ```ts
 * import { airbyteRetryRuntime } from "./retry.ts";
 * const runtime = airbyteRetryRuntime({ maxWaitMs: 5000 });
 * if (runtime.strategyPaddingMs !== 1000 || runtime.maxWaitMs !== 5000 || !runtime.defaultBackoff) throw new Error();
 * ```
 */
export function airbyteRetryRuntime(options: RetryRuntimeOptions = {}): RetryRuntimeOptions {
  return { defaultBackoff: airbyteDefaultBackoff(), strategyPaddingMs: 1000, ...options };
}
