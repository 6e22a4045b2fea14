/**
 * Composable error handlers with Airbyte's declarative semantics: `HttpResponseFilter`,
 * `DefaultErrorHandler` (filters first, then success for status < 400, then the default mapping, then a
 * retrying fallback) and `CompositeErrorHandler` (SUCCESS/RETRY/IGNORE/RESET_PAGINATION short-circuit; FAIL
 * and RATE_LIMITED let later handlers speak; the last answer wins). Templates are the caller's business:
 * predicates and messages are plain callbacks.
 * @module
 */
import type { FailureType } from "../errors.ts";
import type { BackoffStrategy } from "./backoff.ts";
import { codeForStatus, type ResolvedAction, type ResponseAction } from "./errors.ts";

/** What an error handler sees for one attempt. */
export interface InterpretInput {
  /** The request that was sent. */
  request: Request;
  /** The response, when one arrived. */
  response?: Response;
  /** The thrown error, when no response arrived. */
  error?: unknown;
  /** Attempts made so far (1 on the first response). */
  attempt: number;
  /** Parsed JSON body when the retry layer read it (status >= 400, or `needsBody`); undefined if not JSON. */
  body?: unknown;
  /** Raw body text when the retry layer read it (capped; undefined when too large). */
  bodyText?: string;
}

/** Decides what to do with a response or error; `undefined` means "no opinion" (defaults apply). */
export interface ErrorHandler {
  /** Classifies one attempt. */
  interpret(input: InterpretInput): Promise<ResolvedAction | undefined> | ResolvedAction | undefined;
  /** Backoff strategies; the first positive wait wins. */
  backoff?: BackoffStrategy[];
  /** Maximum retries (attempts = retries + 1). */
  maxRetries?: number;
  /** Maximum time spent retrying one request, in ms. */
  maxTimeMs?: number;
  /** When true, the body is read (a capped clone) for every response, not only for status >= 400. */
  needsBody?: boolean;
}

/** Airbyte's default mapping of status codes (messages are spout's own). */
export const DEFAULT_ERROR_MAPPING: Readonly<Record<number, ResolvedAction>> = {
  400: {
    action: "FAIL",
    failureType: "system_error",
    message: "HTTP 400 Bad Request: check the request parameters",
  },
  401: {
    action: "FAIL",
    failureType: "config_error",
    message: "HTTP 401 Unauthorized: check the credentials",
  },
  403: { action: "FAIL", failureType: "config_error", message: "HTTP 403 Forbidden: missing permission" },
  404: {
    action: "FAIL",
    failureType: "system_error",
    message: "HTTP 404 Not Found: the resource does not exist",
  },
  405: { action: "FAIL", failureType: "system_error", message: "HTTP 405 Method Not Allowed" },
  408: { action: "RETRY", failureType: "transient_error", message: "HTTP 408 Request Timeout" },
  429: { action: "RATE_LIMITED", failureType: "transient_error", message: "HTTP 429 Too Many Requests" },
  500: { action: "RETRY", failureType: "transient_error", message: "HTTP 500 Internal Server Error" },
  502: { action: "RETRY", failureType: "transient_error", message: "HTTP 502 Bad Gateway" },
  503: { action: "RETRY", failureType: "transient_error", message: "HTTP 503 Service Unavailable" },
  504: { action: "RETRY", failureType: "transient_error", message: "HTTP 504 Gateway Timeout" },
};

function mapped(status: number): ResolvedAction | undefined {
  const m = DEFAULT_ERROR_MAPPING[status];
  return m ? { ...m, code: codeForStatus(status) } : undefined;
}

const MESSAGE_KEYS = [
  "message",
  "messages",
  "error",
  "errors",
  "failures",
  "failure",
  "detail",
  "err",
  "error_message",
  "msg",
  "reason",
  "status_message",
];

function truthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
}

function findError(value: unknown, depth = 0): string | undefined {
  if (depth > 32) return undefined;
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    return value.map((v) => findError(v, depth + 1)).filter((v) => v !== undefined).join(", ");
  }
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of MESSAGE_KEYS) {
      if (truthy(record[key])) return findError(record[key], depth + 1);
    }
  }
  return undefined;
}

/**
 * Airbyte's `JsonErrorMessageParser`: digs a message out of a JSON error body (`message`, `error`, `errors`,
 * `detail`, … recursively); falls back to the raw text when the body is not JSON.
 *
 * @example
 * ```ts
 * import { errorMessageOf } from "./error_handler.ts";
 * const msg = errorMessageOf({ errors: [{ message: "bad" }, { detail: "worse" }] }, "");
 * if (msg !== "bad, worse") throw new Error(msg);
 * ```
 */
export function errorMessageOf(body: unknown, text: string | undefined): string | undefined {
  if (body !== undefined) return findError(body);
  return text;
}

/**
 * Sanitised URL for predicates and messages: no query, fragment or user info (Airbyte's `request_url`).
 *
 * @example
 * ```ts
 * import { sanitizedUrl } from "./error_handler.ts";
 * const url = sanitizedUrl("https://user:pw@api.test/v1/items?token=secret#top");
 * if (url !== "https://api.test/v1/items") throw new Error(url);
 * ```
 */
export function sanitizedUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return "";
  }
}

/** What filter predicates and message callbacks see. */
export interface FilterContext {
  /** Parsed JSON body, `{}` when it is not JSON (Airbyte's `response`). */
  response: unknown;
  /** Response headers. */
  headers: Headers;
  /** URL without query, fragment or user info. */
  requestUrl: string;
  /** HTTP status. */
  status: number;
}

/** Options for {@link responseFilter} (Airbyte's `HttpResponseFilter`, already interpolated). */
export interface ResponseFilterOptions {
  /** Action when the filter matches; a filter without an action never matches. */
  action?: ResponseAction;
  /** Failure type, used only when the action is FAIL. */
  failureType?: FailureType;
  /** Status codes that match. */
  httpCodes?: readonly number[];
  /** Matches when the parsed error message contains this text. */
  errorMessageContains?: string;
  /** Matches when it returns true. */
  predicate?: (ctx: FilterContext) => boolean;
  /** Message to report (falls back to the default mapping's message). */
  errorMessage?: (ctx: FilterContext) => string | undefined;
}

/** A response filter: returns a resolution when it matches. */
export interface ResponseFilter {
  /** The resolution for this input, or undefined when the filter does not match. */
  matches(input: InterpretInput): ResolvedAction | undefined;
  /** True when the filter reads the body. */
  readonly needsBody: boolean;
}

/**
 * Builds an `HttpResponseFilter`: matches responses (never errors) by status, error message or predicate.
 *
 * @example
 * ```ts
 * import { responseFilter } from "./error_handler.ts";
 * const f = responseFilter({ action: "IGNORE", httpCodes: [404] });
 * const input = { request: new Request("http://a.test/"), response: new Response(null, { status: 404 }), attempt: 1 };
 * if (f.matches(input)?.action !== "IGNORE") throw new Error();
 * ```
 */
export function responseFilter(options: ResponseFilterOptions): ResponseFilter {
  const codes = new Set(options.httpCodes ?? []);
  return {
    needsBody: Boolean(options.predicate || options.errorMessageContains || options.errorMessage),
    matches(input) {
      const response = input.response;
      if (!response || options.action === undefined) return undefined;
      const ctx: FilterContext = {
        response: input.body === undefined ? {} : input.body,
        headers: response.headers,
        requestUrl: sanitizedUrl(response.url || input.request.url),
        status: response.status,
      };
      const hit = codes.has(response.status) ||
        (options.predicate !== undefined && options.predicate(ctx)) ||
        (options.errorMessageContains !== undefined &&
          (errorMessageOf(input.body, input.bodyText) ?? "").includes(options.errorMessageContains));
      if (!hit) return undefined;
      const fallback = mapped(response.status);
      const message = options.errorMessage?.(ctx) || fallback?.message || undefined;
      const failureType = options.failureType && options.action === "FAIL"
        ? options.failureType
        : fallback?.failureType ?? "system_error";
      return { action: options.action, failureType, message, code: codeForStatus(response.status) };
    },
  };
}

/** Options for {@link defaultErrorHandler}. */
export interface DefaultErrorHandlerOptions {
  /** Response filters, tried in order. */
  responseFilters?: readonly ResponseFilter[];
  /** Backoff strategies. */
  backoff?: BackoffStrategy[];
  /** Maximum retries (default 5). */
  maxRetries?: number;
  /** Maximum retry time in ms (default 600 000, Airbyte's 10 minutes). */
  maxTimeMs?: number;
}

/**
 * Airbyte's `DefaultErrorHandler`: filters, then SUCCESS for status < 400, then the default mapping, then a
 * RETRY fallback (unknown statuses and errors are retried, as in Airbyte).
 *
 * @example
 * ```ts
 * import { defaultErrorHandler } from "./error_handler.ts";
 * const h = defaultErrorHandler();
 * const input = { request: new Request("http://a.test/"), response: new Response(null, { status: 409 }), attempt: 1 };
 * if ((await h.interpret(input))?.action !== "RETRY") throw new Error("unknown codes retry like Airbyte");
 * ```
 */
export function defaultErrorHandler(options: DefaultErrorHandlerOptions = {}): ErrorHandler {
  const filters = options.responseFilters ?? [];
  return {
    backoff: options.backoff,
    maxRetries: options.maxRetries ?? 5,
    maxTimeMs: options.maxTimeMs ?? 600_000,
    needsBody: filters.some((f) => f.needsBody),
    interpret(input) {
      for (const filter of filters) {
        const resolution = filter.matches(input);
        if (resolution) return resolution;
      }
      const response = input.response;
      if (response) {
        if (response.status < 400) return { action: "SUCCESS" };
        return mapped(response.status) ?? {
          action: "RETRY",
          failureType: "system_error",
          code: codeForStatus(response.status),
          message: `Unexpected HTTP status ${response.status}`,
        };
      }
      const detail = input.error instanceof Error ? input.error.message : String(input.error);
      return { action: "RETRY", failureType: "transient_error", code: "http_network", message: detail };
    },
  };
}

const SHORT_CIRCUIT: ReadonlySet<ResponseAction> = new Set([
  "SUCCESS",
  "RETRY",
  "IGNORE",
  "RESET_PAGINATION",
]);

/**
 * Airbyte's `CompositeErrorHandler`: asks handlers in order; SUCCESS/RETRY/IGNORE/RESET_PAGINATION answers win
 * at once, otherwise the last answer is used. `maxRetries` is the first handler's, `maxTimeMs` the largest,
 * and backoff strategies are concatenated.
 *
 * @example
 * ```ts
 * import { compositeErrorHandler, defaultErrorHandler, responseFilter } from "./error_handler.ts";
 * const h = compositeErrorHandler([
 *   defaultErrorHandler({ responseFilters: [responseFilter({ action: "FAIL", httpCodes: [429] })] }),
 *   defaultErrorHandler({ responseFilters: [responseFilter({ action: "RETRY", httpCodes: [429] })] }),
 * ]);
 * const input = { request: new Request("http://a.test/"), response: new Response(null, { status: 429 }), attempt: 1 };
 * if ((await h.interpret(input))?.action !== "RETRY") throw new Error("FAIL does not short-circuit");
 * ```
 */
export function compositeErrorHandler(handlers: readonly ErrorHandler[]): ErrorHandler {
  if (handlers.length === 0) throw new TypeError("compositeErrorHandler needs at least one handler");
  const backoff = handlers.flatMap((h) => h.backoff ?? []);
  return {
    backoff: backoff.length ? backoff : undefined,
    maxRetries: handlers[0].maxRetries,
    maxTimeMs: Math.max(...handlers.map((h) => h.maxTimeMs ?? 0)) || undefined,
    needsBody: handlers.some((h) => h.needsBody),
    async interpret(input) {
      let last: ResolvedAction | undefined;
      for (const handler of handlers) {
        const resolution = await handler.interpret(input);
        if (!resolution) continue;
        if (SHORT_CIRCUIT.has(resolution.action)) return resolution;
        last = resolution;
      }
      return last;
    },
  };
}
