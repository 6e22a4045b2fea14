/**
 * HTTP errors and the default classification of responses and thrown errors.
 *
 * The table follows Airbyte's `DEFAULT_ERROR_MAPPING` where it matters (401/403 fail as config errors, 429 is
 * rate limited, 408/5xx retry, network errors retry). Deliberate differences of this *code API* default
 * (the declarative `defaultErrorHandler` in `error_handler.ts` keeps Airbyte's exact table):
 * - every 4xx not in the table fails at once (`http_client`) — Airbyte retries unknown codes such as 409/422
 *   five times and then fails anyway;
 * - every 5xx retries (Airbyte retries unknown 5xx through its fallback as well, with `system_error`).
 * @module
 */
import { type ErrorCode, type FailureType, SpoutError } from "../errors.ts";
import type { SecretMasker } from "../secrets.ts";

/** What to do with a response or a thrown error (Airbyte's `ResponseAction`). */
export type ResponseAction = "SUCCESS" | "FAIL" | "RETRY" | "IGNORE" | "RATE_LIMITED" | "RESET_PAGINATION";

/** The outcome of classifying one response or error. */
export interface ResolvedAction {
  /** What to do. */
  action: ResponseAction;
  /** Failure type reported when the request finally fails. */
  failureType?: FailureType;
  /** Human message (already free of secrets or masked later). */
  message?: string;
  /** Error code to use when the request fails; derived from the status when absent. */
  code?: ErrorCode;
}

/** Options for {@link HttpError}. */
export interface HttpErrorOptions {
  /** HTTP status, absent for network errors. */
  status?: number;
  /** Request method. */
  method: string;
  /** Request URL (masked with `masker` when given). */
  url: string;
  /** Start of the response body (masked with `masker` when given). */
  bodyExcerpt?: string;
  /** Masks secrets in the message, URL and excerpt. */
  masker?: SecretMasker;
  /** Overrides the failure type derived from the code. */
  failureType?: FailureType;
  /** The action that produced this error. */
  action?: ResponseAction;
  /** Underlying error. */
  cause?: unknown;
}

/** Maximum characters of a response body kept in an error. */
export const BODY_EXCERPT_CHARS = 500;

/**
 * An HTTP request that failed: carries status, method, URL and a short body excerpt, all masked.
 *
 * @example
 * ```ts
 * import { HttpError } from "./errors.ts";
 * import { SecretMasker } from "../secrets.ts";
 * const masker = new SecretMasker();
 * masker.add("hunter2");
 * const err = new HttpError("http_client", "not found", {
 *   status: 404, method: "GET", url: "https://api.test/x?key=hunter2", masker,
 * });
 * if (err.url.includes("hunter2") || err.message.includes("hunter2")) throw new Error("leak");
 * if (err.status !== 404) throw new Error("status");
 * ```
 */
export class HttpError extends SpoutError {
  /** HTTP status (undefined for network errors). */
  readonly status?: number;
  /** Request method. */
  readonly method: string;
  /** Masked request URL. */
  readonly url: string;
  /** Masked start of the response body. */
  readonly bodyExcerpt?: string;
  /** The action that produced this error. */
  readonly action?: ResponseAction;

  /** Builds the error; message, URL and excerpt are masked with `options.masker`. */
  constructor(code: ErrorCode, message: string, options: HttpErrorOptions) {
    const mask = (text: string) => (options.masker ? options.masker.mask(text) : text);
    const url = mask(options.url);
    const excerpt = options.bodyExcerpt === undefined ? undefined : mask(options.bodyExcerpt);
    const where = `${options.method} ${url}${
      options.status === undefined ? "" : ` -> HTTP ${options.status}`
    }`;
    const full = `${mask(message)} (${where})${excerpt ? `: ${excerpt}` : ""}`;
    super(code, full, {
      failureType: options.failureType,
      cause: options.cause,
      details: { status: options.status, method: options.method, url },
    });
    this.name = "HttpError";
    this.status = options.status;
    this.method = options.method;
    this.url = url;
    this.bodyExcerpt = excerpt;
    this.action = options.action;
  }
}

/**
 * Shortens a body to {@link BODY_EXCERPT_CHARS} characters on one line.
 *
 * @example
 * ```ts
 * import { excerpt } from "./errors.ts";
 * if (excerpt("  an\n  error\tbody ") !== "an error body") throw new Error("one line");
 * if (excerpt("x".repeat(10), 4) !== "xxxx…") throw new Error("capped");
 * ```
 */
export function excerpt(text: string | undefined, max = BODY_EXCERPT_CHARS): string | undefined {
  if (text === undefined) return undefined;
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * Error code for a failing HTTP status.
 *
 * @example
 * ```ts
 * import { codeForStatus } from "./errors.ts";
 * if (codeForStatus(403) !== "http_auth" || codeForStatus(429) !== "http_rate_limited") throw new Error();
 * if (codeForStatus(502) !== "http_server") throw new Error();
 * ```
 */
export function codeForStatus(status: number): ErrorCode {
  if (status === 401 || status === 403) return "http_auth";
  if (status === 429) return "http_rate_limited";
  if (status === 408) return "http_timeout";
  if (status >= 500) return "http_server";
  return "http_client";
}

/**
 * Classifies a response status with the code-API defaults (see the module doc for differences from Airbyte).
 *
 * @example
 * ```ts
 * import { classifyStatus } from "./errors.ts";
 * if (classifyStatus(401).action !== "FAIL") throw new Error("401 must fail");
 * if (classifyStatus(429).action !== "RATE_LIMITED") throw new Error("429 is rate limited");
 * if (classifyStatus(503).action !== "RETRY") throw new Error("503 retries");
 * ```
 */
export function classifyStatus(status: number): ResolvedAction {
  if (status < 400) return { action: "SUCCESS" };
  if (status === 401) {
    return {
      action: "FAIL",
      code: "http_auth",
      failureType: "config_error",
      message: "HTTP 401 Unauthorized: check the credentials in the config",
    };
  }
  if (status === 403) {
    return {
      action: "FAIL",
      code: "http_auth",
      failureType: "config_error",
      message: "HTTP 403 Forbidden: the credentials lack permission for this resource",
    };
  }
  if (status === 429) {
    return {
      action: "RATE_LIMITED",
      code: "http_rate_limited",
      failureType: "transient_error",
      message: "HTTP 429 Too Many Requests: API rate limit exceeded",
    };
  }
  if (status === 408 || status >= 500) {
    return {
      action: "RETRY",
      code: codeForStatus(status),
      failureType: "transient_error",
      message: `HTTP ${status}: server error or timeout`,
    };
  }
  return {
    action: "FAIL",
    code: "http_client",
    failureType: "system_error",
    message: `HTTP ${status}: the API rejected the request`,
  };
}

/**
 * True when `error` is an abort caused by the caller's signal (never retried).
 *
 * @example
 * ```ts
 * import { isAbortError } from "./errors.ts";
 * if (!isAbortError(new DOMException("stopped", "AbortError")) || isAbortError(new Error("x"))) throw new Error();
 * ```
 */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === "AbortError";
}

/**
 * Classifies a thrown error: network errors (fetch `TypeError`) and timeouts retry; spout errors with other
 * codes and aborts fail as they are.
 *
 * @example
 * ```ts
 * import { classifyError } from "./errors.ts";
 * if (classifyError(new TypeError("fetch failed")).action !== "RETRY") throw new Error("network retries");
 * ```
 */
export function classifyError(error: unknown): ResolvedAction {
  if (error instanceof SpoutError) {
    if (error.code === "http_timeout" || error.code === "http_network") {
      return { action: "RETRY", code: error.code, failureType: "transient_error", message: error.message };
    }
    return { action: "FAIL", code: error.code, failureType: error.failureType, message: error.message };
  }
  if (isAbortError(error)) return { action: "FAIL", code: "internal_error", message: "request aborted" };
  if (error instanceof TypeError || (error instanceof Error && error.name === "TimeoutError")) {
    return {
      action: "RETRY",
      code: "http_network",
      failureType: "transient_error",
      message: `network error: ${error.message}`,
    };
  }
  return {
    action: "FAIL",
    code: "internal_error",
    failureType: "system_error",
    message: error instanceof Error ? error.message : String(error),
  };
}

/**
 * True for errors that a retry layer may retry (network errors and timeouts).
 *
 * @example
 * ```ts
 * import { isRetryableError } from "./errors.ts";
 * if (!isRetryableError(new TypeError("fetch failed"))) throw new Error("network errors retry");
 * if (isRetryableError(new DOMException("stopped", "AbortError"))) throw new Error("aborts never retry");
 * ```
 */
export function isRetryableError(error: unknown): boolean {
  return classifyError(error).action === "RETRY";
}
