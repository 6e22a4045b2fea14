/**
 * Backoff strategies: plain functions from a retry context to a wait in milliseconds (or `undefined` to let
 * the next strategy decide). Header-derived strategies live in `retry_after.ts`.
 * @module
 */

/** What a backoff strategy sees. */
export interface BackoffContext {
  /** Number of attempts made so far (1 after the first failure), like Airbyte's `attempt_count`. */
  attempt: number;
  /** The failing response, if any. */
  response?: Response;
  /** The thrown error, if any. */
  error?: unknown;
  /** The parsed response body, when the retry layer read it (JSON; undefined otherwise). */
  body?: unknown;
  /** Current time in ms since the epoch (from the injected clock). */
  now: number;
  /** Random number in [0, 1) (from the injected environment). */
  random: () => number;
}

/** Returns a wait in milliseconds, or `undefined`/`0` to defer to the next strategy. */
export type BackoffStrategy = (ctx: BackoffContext) => number | undefined;

/** Options for {@link exponentialBackoff}. */
export interface ExponentialBackoffOptions {
  /** Multiplier in ms: the wait is `factorMs * 2 ** attempt` (Airbyte's default factor is 5 s). */
  factorMs?: number;
  /** Airbyte's `jitter_range_in_seconds` in ms: the wait becomes uniform in `[w, w + 2 * jitterRangeMs]`. */
  jitterRangeMs?: number;
  /** Full jitter: uniform in `[0, w]` (AWS style). */
  fullJitter?: boolean;
  /** Exponent offset: `factorMs * 2 ** (attempt + offset)`; -1 makes the first retry wait `factorMs`. */
  exponentOffset?: number;
  /** Cap on one wait, applied before jitter. */
  maxMs?: number;
}

/**
 * Airbyte's `ExponentialBackoffStrategy`: `factor * 2 ** attempt` (attempt 1 on the first retry).
 *
 * @example
 * ```ts
 * import { exponentialBackoff } from "./backoff.ts";
 * const strategy = exponentialBackoff({ factorMs: 5000 });
 * const wait = strategy({ attempt: 1, now: 0, random: () => 0.5 });
 * if (wait !== 10_000) throw new Error(`expected 10 s, got ${wait}`);
 * ```
 */
export function exponentialBackoff(options: ExponentialBackoffOptions = {}): BackoffStrategy {
  const factor = options.factorMs ?? 5000;
  const offset = options.exponentOffset ?? 0;
  return (ctx) => {
    let wait = factor * 2 ** (ctx.attempt + offset);
    if (options.maxMs !== undefined) wait = Math.min(wait, options.maxMs);
    if (options.fullJitter) return ctx.random() * wait;
    if (options.jitterRangeMs !== undefined) return wait + ctx.random() * 2 * options.jitterRangeMs;
    return wait;
  };
}

/** Options for {@link constantBackoff}. */
export interface ConstantBackoffOptions {
  /** The wait in ms. */
  ms: number;
  /** Airbyte's `jitter_range_in_seconds` in ms: uniform in `[ms, ms + 2 * jitterRangeMs]`. */
  jitterRangeMs?: number;
}

/**
 * Airbyte's `ConstantBackoffStrategy`.
 *
 * @example
 * ```ts
 * import { constantBackoff } from "./backoff.ts";
 * if (constantBackoff({ ms: 3000 })({ attempt: 4, now: 0, random: Math.random }) !== 3000) throw new Error();
 * ```
 */
export function constantBackoff(options: ConstantBackoffOptions): BackoffStrategy {
  return (ctx) =>
    options.jitterRangeMs === undefined ? options.ms : options.ms + ctx.random() * 2 * options.jitterRangeMs;
}

/**
 * The code-API default: exponential with full jitter, `random * min(capMs, baseMs * 2 ** (attempt - 1))`.
 *
 * @example
 * ```ts
 * import { fullJitterBackoff } from "./backoff.ts";
 * const wait = fullJitterBackoff()({ attempt: 3, now: 0, random: () => 0.5 });
 * if (wait !== 2000) throw new Error(`expected 2000, got ${wait}`);
 * ```
 */
export function fullJitterBackoff(baseMs = 1000, capMs = 60_000): BackoffStrategy {
  return (ctx) => ctx.random() * Math.min(capMs, baseMs * 2 ** (ctx.attempt - 1));
}

/**
 * Airbyte's HTTP client default when no strategy yields a wait (`backoff.expo`, no jitter): 1, 2, 4, 8, 16 s.
 *
 * @example
 * ```ts
 * import { airbyteDefaultBackoff } from "./backoff.ts";
 * const s = airbyteDefaultBackoff();
 * const waits = [1, 2, 3].map((attempt) => s({ attempt, now: 0, random: Math.random }));
 * if (waits.join() !== "1000,2000,4000") throw new Error(waits.join());
 * ```
 */
export function airbyteDefaultBackoff(): BackoffStrategy {
  return (ctx) => 1000 * 2 ** (ctx.attempt - 1);
}

/**
 * Runs strategies in order and returns the first positive wait (Airbyte's `DefaultErrorHandler.backoff_time`).
 *
 * @example
 * ```ts
 * import { constantBackoff, firstBackoff } from "./backoff.ts";
 * const none = () => undefined;
 * const wait = firstBackoff([none, constantBackoff({ ms: 7 })], { attempt: 1, now: 0, random: Math.random });
 * if (wait !== 7) throw new Error();
 * ```
 */
export function firstBackoff(
  strategies: readonly BackoffStrategy[],
  ctx: BackoffContext,
): number | undefined {
  for (const strategy of strategies) {
    const wait = strategy(ctx);
    if (wait !== undefined && Number.isFinite(wait) && wait > 0) return wait;
  }
  return undefined;
}
