/**
 * The one error family spout raises. Every user-visible error has a stable `code`, a message that says what
 * to do, and never contains a secret (messages pass through the masker before they are printed).
 * @module
 */

/** Airbyte's failure types for TRACE ERROR messages. */
export type FailureType = "config_error" | "system_error" | "transient_error";

/** Stable error codes. Add new codes here; never rename one. */
export type ErrorCode =
  | "config_error"
  | "config_invalid"
  | "usage_error"
  | "http_auth"
  | "http_rate_limited"
  | "http_server"
  | "http_client"
  | "http_timeout"
  | "http_network"
  | "http_redirect"
  | "http_body_too_large"
  | "decode_error"
  | "pagination_loop"
  | "manifest_invalid"
  | "manifest_unsupported"
  | "template_error"
  | "datetime_error"
  | "state_invalid"
  | "stream_not_found"
  | "retries_exhausted"
  | "internal_error"
  | "http_reset_pagination"
  | "pagination_limit"
  | "http_replay_unmatched"
  | "destination_error";

/** Options for {@link SpoutError}. */
export interface SpoutErrorOptions {
  /** Airbyte failure type; defaults from the code. */
  failureType?: FailureType;
  /** The underlying error. */
  cause?: unknown;
  /** Extra structured detail (never secrets). */
  details?: Record<string, unknown>;
}

const CONFIG_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "config_error",
  "config_invalid",
  "http_auth",
  "usage_error",
  "manifest_unsupported",
  "state_invalid",
  "stream_not_found",
]);
const TRANSIENT_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "http_rate_limited",
  "http_server",
  "http_timeout",
  "http_network",
  "retries_exhausted",
]);

/**
 * Maps an error code to Airbyte's failure type.
 *
 * @example
 * ```ts
 * import { failureTypeOf } from "./errors.ts";
 * if (failureTypeOf("http_auth") !== "config_error") throw new Error("auth is the user's to fix");
 * if (failureTypeOf("http_server") !== "transient_error") throw new Error("5xx is transient");
 * if (failureTypeOf("internal_error") !== "system_error") throw new Error("bugs are system errors");
 * ```
 */
export function failureTypeOf(code: ErrorCode): FailureType {
  if (CONFIG_CODES.has(code)) return "config_error";
  if (TRANSIENT_CODES.has(code)) return "transient_error";
  return "system_error";
}

/**
 * Base class of every error spout raises on purpose.
 *
 * @example
 * ```ts
 * import { SpoutError } from "./errors.ts";
 * const err = new SpoutError("config_invalid", "config.api_key is required: add it to config.json");
 * if (err.failureType !== "config_error") throw new Error("unexpected");
 * ```
 */
export class SpoutError extends Error {
  /** Stable machine-readable code. */
  readonly code: ErrorCode;
  /** Airbyte failure type used in TRACE messages. */
  readonly failureType: FailureType;
  /** Extra structured detail. */
  readonly details?: Record<string, unknown>;

  /** Creates an error with a stable `code` and a message that says what to do. */
  constructor(code: ErrorCode, message: string, options: SpoutErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "SpoutError";
    this.code = code;
    this.failureType = options.failureType ?? failureTypeOf(code);
    this.details = options.details;
  }
}

/**
 * Wraps anything thrown into a SpoutError (unknown errors become `internal_error`).
 *
 * @example
 * ```ts
 * import { SpoutError, toSpoutError } from "./errors.ts";
 * const wrapped = toSpoutError(new TypeError("boom"));
 * if (wrapped.code !== "internal_error" || !wrapped.message.includes("boom")) throw new Error(wrapped.message);
 * const own = new SpoutError("config_error", "fix the config");
 * if (toSpoutError(own) !== own) throw new Error("spout errors pass through");
 * ```
 */
export function toSpoutError(error: unknown): SpoutError {
  if (error instanceof SpoutError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SpoutError("internal_error", `internal error: ${message}`, { cause: error });
}
