/**
 * A client-side call budget like Airbyte's `HTTPAPIBudget`: policies (fixed window, moving window,
 * unlimited) chosen by request matchers, synced from rate-limit response headers, shared by every in-flight
 * request of a read. Durations are already parsed to milliseconds by the caller.
 * @module
 */
import { defaultEnv, type Env } from "../env.ts";
import { SpoutError } from "../errors.ts";
import type { Middleware } from "./requester.ts";
import { waitWithLiveness } from "./wait.ts";

/** Options for {@link requestMatcher} (Airbyte's `HttpRequestRegexMatcher`). */
export interface RequestMatcherOptions {
  /** HTTP method, case-insensitive. */
  method?: string;
  /** `scheme://host[:port]` that must match exactly (trailing slash ignored). */
  urlBase?: string;
  /** Regex searched in the URL path (trailing slash removed). */
  urlPathPattern?: string | RegExp;
  /** Query parameters that must be present with these values. */
  params?: Record<string, unknown>;
  /** Headers that must be present with these values (names case-insensitive). */
  headers?: Record<string, unknown>;
  /** Credits a matching request consumes (default 1). */
  weight?: number;
}

/** Matches requests; carries the weight of matching requests. */
export interface RequestMatcher {
  /** True when the request matches. */
  (request: Request): boolean;
  /** Credits used by a matching request. */
  weight?: number;
}

/**
 * Builds a request matcher.
 *
 * @example
 * ```ts
 * import { requestMatcher } from "./rate_limit.ts";
 * const m = requestMatcher({ method: "get", urlBase: "https://api.test", urlPathPattern: "^/v1/items", params: { a: 1 } });
 * if (!m(new Request("https://api.test/v1/items/?a=1&b=2"))) throw new Error("should match");
 * if (m(new Request("https://api.test/v1/items?a=2"))) throw new Error("param differs");
 * ```
 */
export function requestMatcher(options: RequestMatcherOptions): RequestMatcher {
  if (options.weight !== undefined && options.weight < 1) {
    throw new SpoutError("manifest_invalid", `Request matcher weight must be >= 1, got ${options.weight}`);
  }
  const method = options.method?.toUpperCase();
  const base = options.urlBase?.replace(/\/+$/, "");
  const path = options.urlPathPattern === undefined
    ? undefined
    : typeof options.urlPathPattern === "string"
    ? new RegExp(options.urlPathPattern.replace(/\(\?P</g, "(?<"))
    : options.urlPathPattern;
  const params = Object.entries(options.params ?? {}).map(([k, v]) => [k, String(v)]);
  const headers = Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]);
  const matcher: RequestMatcher = (request: Request) => {
    if (method && request.method.toUpperCase() !== method) return false;
    const url = new URL(request.url);
    if (base !== undefined && `${url.protocol}//${url.host}` !== base) return false;
    if (path && !path.test(url.pathname.replace(/\/+$/, ""))) return false;
    for (const [k, v] of params) {
      const all = url.searchParams.getAll(k);
      if (all.length === 0 || all[all.length - 1] !== v) return false;
    }
    for (const [k, v] of headers) if (request.headers.get(k) !== v) return false;
    return true;
  };
  matcher.weight = options.weight;
  return matcher;
}

/** A call rate policy. `tryAcquire` returns 0 when credit was taken, else the ms to wait before trying again. */
export interface CallRatePolicy {
  /** True when the policy applies to the request (no matchers: every request). */
  matches(request: Request): boolean;
  /** Credits the request consumes. */
  weightOf(request: Request): number;
  /** Takes `weight` credits at `now`, or returns how long to wait. */
  tryAcquire(weight: number, now: number): number;
  /** Syncs with the API: calls left and/or the reset time (epoch ms). */
  update(availableCalls: number | undefined, resetAt: number | undefined, now: number): void;
}

function matching(matchers: readonly RequestMatcher[]) {
  return {
    matches: (request: Request) => matchers.length === 0 || matchers.some((m) => m(request)),
    weightOf: (request: Request) => matchers.find((m) => m(request))?.weight ?? 1,
  };
}

/**
 * Airbyte's `UnlimitedCallRatePolicy`: matching requests are never limited.
 *
 * @example
 * ```ts
 * import { unlimitedPolicy } from "./rate_limit.ts";
 * const policy = unlimitedPolicy();
 * if (!policy.matches(new Request("http://api.test/")) || policy.tryAcquire(1_000, 0) !== 0) throw new Error();
 * ```
 */
export function unlimitedPolicy(matchers: readonly RequestMatcher[] = []): CallRatePolicy {
  return { ...matching(matchers), tryAcquire: () => 0, update: () => {} };
}

/** Options for {@link fixedWindowPolicy}. */
export interface FixedWindowOptions {
  /** Calls allowed per window. */
  callLimit: number;
  /** Window length in ms. */
  periodMs: number;
  /** End of the first window, epoch ms (default now + period; Airbyte's factory uses now + 10 days). */
  nextResetAt?: number;
  /** Which requests the policy applies to. */
  matchers?: readonly RequestMatcher[];
  /** Clock used for the default first reset. */
  now?: number;
}

/**
 * Airbyte's `FixedWindowCallRatePolicy`: `callLimit` calls per window; updates only ever lower the calls left.
 *
 * @example
 * ```ts
 * import { fixedWindowPolicy } from "./rate_limit.ts";
 * const p = fixedWindowPolicy({ callLimit: 2, periodMs: 1000, now: 0 });
 * if (p.tryAcquire(1, 0) !== 0 || p.tryAcquire(1, 0) !== 0) throw new Error("two calls fit");
 * if (p.tryAcquire(1, 0) <= 0) throw new Error("third call must wait");
 * ```
 */
export function fixedWindowPolicy(options: FixedWindowOptions): CallRatePolicy {
  let nextReset = options.nextResetAt ?? (options.now ?? Date.now()) + options.periodMs;
  let used = 0;
  const roll = (now: number) => {
    if (now <= nextReset) return;
    const periods = Math.max(1, Math.ceil((now - nextReset) / options.periodMs));
    nextReset += periods * options.periodMs;
    used = 0;
  };
  return {
    ...matching(options.matchers ?? []),
    tryAcquire(weight, now) {
      if (weight > options.callLimit) {
        throw new SpoutError(
          "manifest_invalid",
          `Request weight ${weight} exceeds the call limit ${options.callLimit}`,
        );
      }
      roll(now);
      if (used + weight > options.callLimit) return Math.max(1, nextReset - now + 1);
      used += weight;
      return 0;
    },
    update(available, resetAt, now) {
      roll(now);
      if (available !== undefined && options.callLimit - used > available) {
        used = options.callLimit - available;
      }
      if (resetAt !== undefined && resetAt !== nextReset) nextReset = resetAt;
    },
  };
}

/** A moving-window rate: `limit` calls per `intervalMs`. */
export interface Rate {
  /** Calls allowed in any window. */
  limit: number;
  /** Window length in ms. */
  intervalMs: number;
}

/**
 * Airbyte's `MovingWindowCallRatePolicy`: every rate must hold over any sliding window.
 *
 * @example
 * ```ts
 * import { movingWindowPolicy } from "./rate_limit.ts";
 * const p = movingWindowPolicy({ rates: [{ limit: 1, intervalMs: 1000 }] });
 * if (p.tryAcquire(1, 0) !== 0) throw new Error();
 * if (p.tryAcquire(1, 400) !== 601) throw new Error("waits until the first call leaves the window");
 * ```
 */
export function movingWindowPolicy(
  options: { rates: readonly Rate[]; matchers?: readonly RequestMatcher[] },
): CallRatePolicy {
  if (options.rates.length === 0) {
    throw new SpoutError("manifest_invalid", "A moving window policy needs at least one rate");
  }
  const rates = options.rates;
  const longest = Math.max(...rates.map((r) => r.intervalMs));
  let items: { ts: number; weight: number }[] = [];
  const inWindow = (rate: Rate, now: number) => items.filter((i) => i.ts > now - rate.intervalMs);
  return {
    ...matching(options.matchers ?? []),
    tryAcquire(weight, now) {
      const lowest = Math.min(...rates.map((r) => r.limit));
      if (weight > lowest) {
        throw new SpoutError(
          "manifest_invalid",
          `Request weight ${weight} exceeds the lowest rate limit ${lowest}`,
        );
      }
      items = items.filter((i) => i.ts > now - longest);
      let wait = 0;
      for (const rate of rates) {
        const window = inWindow(rate, now);
        let count = window.reduce((sum, i) => sum + i.weight, 0);
        for (const item of window) {
          if (count + weight <= rate.limit) break;
          count -= item.weight;
          wait = Math.max(wait, item.ts + rate.intervalMs - now + 1);
        }
      }
      if (wait > 0) return wait;
      items.push({ ts: now, weight });
      return 0;
    },
    update(available, resetAt, now) {
      if (available !== 0 || resetAt !== undefined) return;
      const left = Math.min(
        ...rates.map((r) => r.limit - inWindow(r, now).reduce((s, i) => s + i.weight, 0)),
      );
      if (left > 0) items.push({ ts: now, weight: left });
    },
  };
}

/** Options for {@link HttpApiBudget}. */
export interface HttpApiBudgetOptions {
  /** Policies; the first matching one applies. */
  policies: readonly CallRatePolicy[];
  /** Header with the reset time in epoch seconds (default `ratelimit-reset`). */
  ratelimitResetHeader?: string;
  /** Header with the calls left (default `ratelimit-remaining`). */
  ratelimitRemainingHeader?: string;
  /** Statuses meaning "no calls left" (default [429]). */
  statusCodesForRatelimitHit?: readonly number[];
  /** Clock, sleep and log (default real). */
  env?: Env;
}

/**
 * A call budget shared by all requests of a read.
 *
 * @example
 * ```ts
 * import { fixedWindowPolicy, HttpApiBudget, rateLimit } from "./rate_limit.ts";
 * import { compose } from "./requester.ts";
 * import { fakeEnv } from "../env.ts";
 * const env = fakeEnv({ start: 0 });
 * const budget = new HttpApiBudget({ env, policies: [fixedWindowPolicy({ callLimit: 1, periodMs: 60_000, now: 0 })] });
 * const requester = compose(() => Promise.resolve(new Response("ok")), rateLimit(budget));
 * await requester(new Request("http://api.test/"));
 * await requester(new Request("http://api.test/"));
 * if (env.now() < 60_000) throw new Error("second call should wait for the next window");
 * ```
 */
export class HttpApiBudget {
  readonly #policies: readonly CallRatePolicy[];
  readonly #resetHeader: string;
  readonly #remainingHeader: string;
  readonly #hitStatuses: ReadonlySet<number>;
  readonly #env: Env;

  /** Creates a budget from policies and header names. */
  constructor(options: HttpApiBudgetOptions) {
    this.#policies = options.policies;
    this.#resetHeader = options.ratelimitResetHeader ?? "ratelimit-reset";
    this.#remainingHeader = options.ratelimitRemainingHeader ?? "ratelimit-remaining";
    this.#hitStatuses = new Set(options.statusCodesForRatelimitHit ?? [429]);
    this.#env = options.env ?? defaultEnv();
  }

  /** The first policy matching the request. */
  policyFor(request: Request): CallRatePolicy | undefined {
    return this.#policies.find((p) => p.matches(request));
  }

  /** Waits (logging liveness) until the matching policy grants credit. */
  async acquire(request: Request, signal?: AbortSignal): Promise<void> {
    const policy = this.policyFor(request);
    if (!policy) return;
    const weight = policy.weightOf(request);
    while (true) {
      const wait = policy.tryAcquire(weight, this.#env.now());
      if (wait <= 0) return;
      await waitWithLiveness(wait, {
        env: this.#env,
        signal,
        reason: `API call budget exhausted, waiting before ${request.method} ${
          new URL(request.url).pathname
        }`,
      });
    }
  }

  /** Syncs the matching policy from rate-limit headers and statuses. */
  updateFromResponse(request: Request, response: Response): void {
    const policy = this.policyFor(request);
    if (!policy) return;
    const remaining = response.headers.get(this.#remainingHeader);
    let available = remaining ? Number.parseInt(remaining, 10) : undefined;
    if (available !== undefined && Number.isNaN(available)) available = undefined;
    if (available === undefined && this.#hitStatuses.has(response.status)) available = 0;
    const reset = response.headers.get(this.#resetHeader);
    const resetSeconds = reset ? Number.parseFloat(reset) : NaN;
    const resetAt = Number.isFinite(resetSeconds) ? Math.floor(resetSeconds) * 1000 : undefined;
    policy.update(available, resetAt, this.#env.now());
  }
}

/**
 * Middleware that takes credit from `budget` before each attempt and syncs it from each response. Put it
 * inside the retry layer so every attempt is counted.
 *
 * @example
 * ```ts
 * import { HttpApiBudget, rateLimit, unlimitedPolicy } from "./rate_limit.ts";
 * import { compose } from "./requester.ts";
 * import { fakeEnv } from "../env.ts";
 * const budget = new HttpApiBudget({ env: fakeEnv(), policies: [unlimitedPolicy()] });
 * const requester = compose(() => Promise.resolve(new Response("ok")), rateLimit(budget));
 * if ((await (await requester(new Request("http://api.test/"))).text()) !== "ok") throw new Error();
 * ```
 */
export function rateLimit(budget: HttpApiBudget): Middleware {
  return (next) => async (request) => {
    await budget.acquire(request, request.signal);
    const response = await next(request);
    budget.updateFromResponse(request, response);
    return response;
  };
}
