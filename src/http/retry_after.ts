/**
 * Header-derived backoff: `Retry-After` (seconds or HTTP date), `RateLimit-Reset`, `X-RateLimit-Reset`, and
 * Airbyte's `WaitTimeFromHeader` / `WaitUntilTimeFromHeader` strategies (Python `float()` and `re.match`
 * semantics, `max_waiting_time_in_seconds` refusing waits `>=` the cap).
 * @module
 */
import { SpoutError } from "../errors.ts";
import type { BackoffStrategy } from "./backoff.ts";

/**
 * Parses a number the way Python's `float()` does (surrounding whitespace, `inf`, `nan`, `1_000`, `1e3`).
 *
 * @example
 * ```ts
 * import { parsePythonFloat } from "./retry_after.ts";
 * if (parsePythonFloat(" 1.5 ") !== 1.5 || parsePythonFloat("abc") !== undefined) throw new Error();
 * ```
 */
export function parsePythonFloat(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (/^[+-]?(inf|infinity)$/.test(t)) return t.startsWith("-") ? -Infinity : Infinity;
  if (/^[+-]?nan$/.test(t)) return NaN;
  if (!/^[+-]?(\d(_?\d)*(\.(\d(_?\d)*)?)?|\.\d(_?\d)*)(e[+-]?\d(_?\d)*)?$/.test(t)) return undefined;
  return Number(t.replace(/_/g, ""));
}

/**
 * Applies a Python-style regex with `re.match` semantics (anchored at the start; whole match returned).
 * Named groups written `(?P<name>…)` are accepted.
 *
 * @example
 * ```ts
 * import { pythonRegexMatch } from "./retry_after.ts";
 * if (pythonRegexMatch("(?P<n>\\d+)", "30s") !== "30") throw new Error("anchored at the start");
 * if (pythonRegexMatch("\\d+", "wait 30") !== undefined) throw new Error("re.match, not re.search");
 * ```
 */
export function pythonRegexMatch(pattern: string | RegExp, text: string): string | undefined {
  const source = typeof pattern === "string" ? pattern.replace(/\(\?P</g, "(?<") : pattern.source;
  const flags = typeof pattern === "string" ? "y" : pattern.flags.replace(/[gy]/g, "") + "y";
  const re = new RegExp(source, flags);
  re.lastIndex = 0;
  const m = re.exec(text);
  return m ? m[0] : undefined;
}

/**
 * Reads a numeric header value like Airbyte's `get_numeric_value_from_header`.
 *
 * @example
 * ```ts
 * import { numericHeader } from "./retry_after.ts";
 * const headers = new Headers({ "x-wait": "12.5 seconds", "retry-after": "3" });
 * if (numericHeader(headers, "retry-after") !== 3) throw new Error();
 * if (numericHeader(headers, "x-wait", "[\\d.]+") !== 12.5) throw new Error();
 * if (numericHeader(headers, "missing") !== undefined) throw new Error();
 * ```
 */
export function numericHeader(
  headers: Headers,
  name: string,
  regex?: string | RegExp,
): number | undefined {
  const raw = headers.get(name);
  if (!raw) return undefined;
  let value = raw;
  if (regex !== undefined) {
    const matched = pythonRegexMatch(regex, raw);
    if (matched !== undefined) value = matched;
  }
  return parsePythonFloat(value);
}

/**
 * Parses `Retry-After` (delta seconds or an HTTP date) into a wait in ms; `undefined` when absent/invalid.
 *
 * @example
 * ```ts
 * import { parseRetryAfter } from "./retry_after.ts";
 * const now = Date.UTC(2024, 0, 1);
 * if (parseRetryAfter("7", now) !== 7000) throw new Error("seconds");
 * if (parseRetryAfter("Mon, 01 Jan 2024 00:00:30 GMT", now) !== 30_000) throw new Error("date");
 * ```
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Interprets a reset header: epoch seconds (> 1e9), epoch ms (> 1e12) or delta seconds.
 *
 * @example
 * ```ts
 * import { parseResetValue } from "./retry_after.ts";
 * const now = Date.UTC(2024, 0, 1);
 * if (parseResetValue("30", now) !== 30_000) throw new Error("delta seconds");
 * if (parseResetValue(String(now / 1000 + 60), now) !== 60_000) throw new Error("epoch seconds");
 * if (parseResetValue("soon", now) !== undefined) throw new Error("not a number");
 * ```
 */
export function parseResetValue(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const n = parsePythonFloat(value);
  if (n === undefined || !Number.isFinite(n) || n < 0) return undefined;
  if (n > 1e12) return Math.max(0, n - now);
  if (n > 1e9) return Math.max(0, n * 1000 - now);
  return n * 1000;
}

/** Options for {@link retryAfterBackoff}. */
export interface RetryAfterOptions {
  /** Cap on one wait in ms (waits above are clamped). */
  maxWaitMs?: number;
}

/**
 * Wait taken from `Retry-After`, then `RateLimit-Reset`, then `X-RateLimit-Reset`. A zero wait becomes 1 ms
 * so it is not mistaken for "no answer".
 *
 * @example
 * ```ts
 * import { retryAfterBackoff } from "./retry_after.ts";
 * const response = new Response(null, { status: 429, headers: { "retry-after": "3" } });
 * const wait = retryAfterBackoff()({ attempt: 1, response, now: 0, random: Math.random });
 * if (wait !== 3000) throw new Error(String(wait));
 * ```
 */
export function retryAfterBackoff(options: RetryAfterOptions = {}): BackoffStrategy {
  return (ctx) => {
    const headers = ctx.response?.headers;
    if (!headers) return undefined;
    const wait = parseRetryAfter(headers.get("retry-after"), ctx.now) ??
      parseResetValue(headers.get("ratelimit-reset"), ctx.now) ??
      parseResetValue(headers.get("x-ratelimit-reset"), ctx.now);
    if (wait === undefined) return undefined;
    const capped = options.maxWaitMs === undefined ? wait : Math.min(wait, options.maxWaitMs);
    return Math.max(1, capped);
  };
}

function refuseLongWait(waitSeconds: number, maxSeconds: number): never {
  throw new SpoutError(
    "http_rate_limited",
    `The rate limit wait time (${waitSeconds} s) is longer than the connector is allowed to wait ` +
      `(max_waiting_time_in_seconds ${maxSeconds}); try again later or raise the limit.`,
    { failureType: "transient_error", details: { waitSeconds, maxSeconds } },
  );
}

/** Options for {@link waitTimeFromHeader}. */
export interface WaitTimeFromHeaderOptions {
  /** Header holding the wait in seconds. */
  header: string;
  /** Optional Python regex applied with `re.match` to extract the number. */
  regex?: string | RegExp;
  /** Refuse (throw `http_rate_limited`) when the header asks for this many seconds or more. */
  maxWaitingTimeSeconds?: number;
}

/**
 * Airbyte's `WaitTimeFromHeaderBackoffStrategy` (wait in seconds read from a header).
 *
 * @example
 * ```ts
 * import { waitTimeFromHeader } from "./retry_after.ts";
 * const response = new Response(null, { status: 429, headers: { "x-wait": "2.5 seconds" } });
 * const wait = waitTimeFromHeader({ header: "X-Wait", regex: "[\\d.]+" })({ attempt: 1, response, now: 0, random: Math.random });
 * if (wait !== 2500) throw new Error(String(wait));
 * ```
 */
export function waitTimeFromHeader(options: WaitTimeFromHeaderOptions): BackoffStrategy {
  return (ctx) => {
    if (!ctx.response) return undefined;
    const seconds = numericHeader(ctx.response.headers, options.header, options.regex);
    if (seconds === undefined) return undefined;
    const max = options.maxWaitingTimeSeconds;
    if (max !== undefined && seconds && seconds >= max) refuseLongWait(seconds, max);
    return seconds * 1000;
  };
}

/** Options for {@link waitUntilTimeFromHeader}. */
export interface WaitUntilTimeFromHeaderOptions {
  /** Header holding the epoch time (seconds) at which to retry. */
  header: string;
  /** Optional Python regex applied with `re.match`. */
  regex?: string | RegExp;
  /** Minimum wait in seconds (also used when the header is missing). */
  minWaitSeconds?: number;
  /** Refuse (throw) when the computed wait is this many seconds or more. */
  maxWaitingTimeSeconds?: number;
}

/**
 * Airbyte's `WaitUntilTimeFromHeaderBackoffStrategy`: waits until the epoch second in a header.
 *
 * @example
 * ```ts
 * import { waitUntilTimeFromHeader } from "./retry_after.ts";
 * const now = 1_700_000_000_000;
 * const response = new Response(null, { status: 429, headers: { "x-reset": "1700000012" } });
 * const wait = waitUntilTimeFromHeader({ header: "x-reset" })({ attempt: 1, response, now, random: Math.random });
 * if (wait !== 12_000) throw new Error(String(wait));
 * ```
 */
export function waitUntilTimeFromHeader(options: WaitUntilTimeFromHeaderOptions): BackoffStrategy {
  const capped = (seconds: number): number => {
    const max = options.maxWaitingTimeSeconds;
    if (max !== undefined && seconds >= max) refuseLongWait(seconds, max);
    return seconds * 1000;
  };
  return (ctx) => {
    const until = ctx.response
      ? numericHeader(ctx.response.headers, options.header, options.regex)
      : undefined;
    const min = options.minWaitSeconds;
    if (!until) return min ? capped(min) : undefined;
    const waitSeconds = until - ctx.now / 1000;
    if (min) return capped(Math.max(waitSeconds, min));
    if (waitSeconds < 0) return undefined;
    return capped(waitSeconds);
  };
}
