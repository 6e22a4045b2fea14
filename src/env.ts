/**
 * Injected effects: time, sleep, randomness, fetch and logging. Tests pass fakes so nothing waits on real time.
 * @module
 */
import type { Requester } from "./http/requester.ts";

/** Log levels of Airbyte LOG messages. */
export type LogLevel = "FATAL" | "ERROR" | "WARN" | "INFO" | "DEBUG" | "TRACE";

/** Receives human-oriented log lines (the CLI turns them into LOG messages or stderr lines). */
export type Logger = (level: LogLevel, message: string) => void;

/** The effects a read depends on. */
export interface Env {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Waits `ms` milliseconds; rejects when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** A number in [0, 1). */
  random(): number;
  /** The network. */
  fetch: Requester;
  /** Where logs go. */
  log: Logger;
}

/**
 * Sleeps for real, abortable.
 *
 * @example
 * ```ts
 * import { realSleep } from "./env.ts";
 * const controller = new AbortController();
 * const sleeping = realSleep(60_000, controller.signal);
 * controller.abort(new Error("stop"));
 * const reason = await sleeping.then(() => "slept", (error: Error) => error.message);
 * if (reason !== "stop") throw new Error(reason);
 * ```
 */
export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, Math.max(0, ms));
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * The real environment: wall clock, timers, Math.random and global fetch; logs are dropped.
 *
 * @example
 * ```ts
 * import { defaultEnv } from "./env.ts";
 * const env = defaultEnv({ now: () => 42 });
 * if (env.now() !== 42 || typeof env.fetch !== "function") throw new Error("overrides replace single effects");
 * ```
 */
export function defaultEnv(overrides: Partial<Env> = {}): Env {
  return {
    now: () => Date.now(),
    sleep: realSleep,
    random: Math.random,
    fetch: (request) => fetch(request),
    log: () => {},
    ...overrides,
  };
}

/**
 * A deterministic environment for tests: a fake clock that `sleep` advances instantly.
 *
 * @example
 * ```ts
 * import { fakeEnv } from "./env.ts";
 * const env = fakeEnv({ start: 1000 });
 * await env.sleep(5000);
 * if (env.now() !== 6000) throw new Error("clock did not advance");
 * ```
 */
export function fakeEnv(
  options: Partial<Env> & { start?: number } = {},
): Env & { slept: number[] } {
  let clock = options.start ?? Date.UTC(2024, 0, 1);
  const slept: number[] = [];
  const { start: _start, ...overrides } = options;
  return {
    now: () => clock,
    sleep: (ms: number, signal?: AbortSignal) => {
      if (signal?.aborted) return Promise.reject(signal.reason);
      slept.push(ms);
      clock += Math.max(0, ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    fetch: () => Promise.reject(new Error("fakeEnv: no fetch configured")),
    log: () => {},
    slept,
    ...overrides,
  };
}
