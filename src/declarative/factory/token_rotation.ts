/**
 * Airbyte's `RateLimitedMultipleTokenAuthenticator`: rotates between interchangeable tokens while tracking
 * each token's remaining calls per quota pool. Counters are seeded per token from the quota status endpoint
 * on first use; each request is classified into the first pool whose matchers match (a pool without matchers
 * is the default) and charged to the active token; a spent token rotates to the next; when every token is
 * spent the read waits for the earliest reset (at least 5 s, bounded in total by `max_wait_time`) and reseeds,
 * or fails with a transient error. Once every token is below its reserve
 * (`max(budget_min_reserve, budget_reserve_fraction * limit)`) each request waits
 * `seconds_until_reset / total_remaining` (capped at 10 s). Pools declaring response headers are reconciled
 * against every response, as the reference does. Tokens are masked and never leave the auth header.
 *
 * Known difference: the reference's HTTP client skips the backoff of a rate-limited retry when
 * {@link RotatingTokenAuth.hasAlternativeToken} says another token can serve it; spout's retry loop does not
 * ask yet, so such a retry waits out the error handler's backoff before rotating.
 * @module
 */
import type { Env } from "../../env.ts";
import { SpoutError } from "../../errors.ts";
import type { Middleware } from "../../http/requester.ts";
import type { RequestMatcher } from "../../http/rate_limit.ts";
import { parseDateTime } from "../../auth/token_helpers.ts";
import type { SecretMasker } from "../../secrets.ts";

/** A quota pool tracked per token. */
export interface TokenQuotaSpec {
  /** Pool name. */
  name: string;
  /** Path of the remaining count in the quota status response. */
  remainingPath: string[];
  /** Path of the reset time (epoch seconds or ISO 8601). */
  resetPath: string[];
  /** Path of the limit (default: the remaining count). */
  limitPath?: string[];
  /** Requests of this pool; none makes it the default pool. */
  matchers: RequestMatcher[];
  /** Response header with the remaining count. */
  remainingHeader?: string;
  /** Response header with the reset time. */
  resetHeader?: string;
  /** Response header with the limit. */
  limitHeader?: string;
  /** Statuses meaning "this token is spent" when no remaining header says otherwise. */
  exhaustionStatusCodes: number[];
}

/** Options of {@link rotatingTokens} (values already interpolated). */
export interface RotatingTokenOptions {
  /** The tokens, in rotation order (at least one). */
  tokens: string[];
  /** The pools (at least one). */
  quotas: TokenQuotaSpec[];
  /** Quota status endpoint, called once per token at start and after an exhaustion wait. */
  quotaStatusUrl: string;
  /** Its method (default GET). */
  quotaStatusMethod?: string;
  /** Its extra headers. */
  quotaStatusHeaders?: Record<string, string>;
  /** Statuses of the quota endpoint meaning "quotas are not tracked here". */
  unavailableStatusCodes?: number[];
  /** Prefix of the header value (default `Bearer`; empty sends the bare token). */
  authMethod?: string;
  /** Header name (default `Authorization`). */
  header?: string;
  /** Bound of the total wait of one exhaustion episode (default 2 h). */
  maxWaitMs?: number;
  /** Reserve fraction of the limit (default 0.1). */
  budgetReserveFraction?: number;
  /** Minimum reserve in calls (default 50). */
  budgetMinReserve?: number;
  /** Clock, sleep, fetch and logs. */
  env: Env;
  /** Tokens are added here. */
  masker?: SecretMasker;
}

/** The middleware, plus the question the reference's retry loop asks it. */
export interface RotatingTokenAuth extends Middleware {
  /** True when the token that sent `request` is spent for its pool and another token still has calls. */
  hasAlternativeToken(request: Request): boolean;
  /**
   * The same question for the request that produced `response` (a retry loop outside the authenticator
   * only holds the unsigned request): true when its retry can rotate instead of waiting out a backoff.
   */
  canRotate(response: Response): boolean;
}

interface QuotaState {
  remaining: number;
  resetAt: number;
  limit: number;
  tracked: boolean;
}

const HEARTBEAT_MS = 60_000;
const MAX_BUDGET_DELAY_MS = 10_000;
const MIN_EXHAUSTION_WAIT_MS = 5_000;
const RESET_SKEW_MS = 60_000;

function pathValue(body: unknown, path: string[], quota: string, field: string): unknown {
  let value = body;
  for (const key of path) {
    if (typeof value !== "object" || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) {
      throw new SpoutError(
        "internal_error",
        `Quota status response does not contain the configured ${field} path for token quota "${quota}"`,
        { failureType: "system_error" },
      );
    }
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function toInt(value: unknown, what: string): number {
  const n = typeof value === "number"
    ? Math.trunc(value)
    : typeof value === "string"
    ? Number(value.trim())
    : NaN;
  if (!Number.isInteger(n)) {
    throw new SpoutError("internal_error", `Quota status ${what} ${JSON.stringify(value)} is not an integer`);
  }
  return n;
}

function toTime(value: unknown, what: string): number {
  const ms = parseDateTime(value);
  if (ms === undefined) {
    throw new SpoutError(
      "internal_error",
      `Quota status ${what} ${JSON.stringify(value)} is not a date-time`,
    );
  }
  return ms;
}

/**
 * Builds the rotating-token middleware.
 *
 * @example
 * ```ts
 * import { rotatingTokens } from "./token_rotation.ts";
 * import { compose } from "../../http/requester.ts";
 * import { fakeEnv } from "../../env.ts";
 * const sent: string[] = [];
 * const env = fakeEnv({
 *   start: 0,
 *   fetch: async (r) => new URL(r.url).pathname === "/rate_limit"
 *     ? Response.json({ core: { remaining: r.headers.get("authorization") === "Bearer a" ? 1 : 100, reset: 3600 } })
 *     : (sent.push(r.headers.get("authorization")!), new Response("ok")),
 * });
 * const auth = rotatingTokens({
 *   tokens: ["a", "b"],
 *   quotas: [{ name: "core", remainingPath: ["core", "remaining"], resetPath: ["core", "reset"], matchers: [], exhaustionStatusCodes: [] }],
 *   quotaStatusUrl: "https://api.test/rate_limit",
 *   budgetMinReserve: 0,
 *   budgetReserveFraction: 0,
 *   env,
 * });
 * const send = compose(env.fetch, auth);
 * for (let i = 0; i < 3; i++) await send(new Request("https://api.test/items"));
 * if (sent.join() !== "Bearer a,Bearer b,Bearer b") throw new Error(sent.join());
 * ```
 */
export function rotatingTokens(options: RotatingTokenOptions): RotatingTokenAuth {
  const { env, quotas } = options;
  const tokens = [...options.tokens];
  if (tokens.length === 0) {
    throw new SpoutError("config_invalid", "Authentication tokens are missing from the configuration.");
  }
  if (quotas.length === 0) throw new SpoutError("manifest_invalid", "Quota pool configuration is missing.");
  for (const t of tokens) options.masker?.add(t);
  const authMethod = options.authMethod ?? "Bearer";
  const header = options.header ?? "Authorization";
  const maxWaitMs = options.maxWaitMs ?? 2 * 3600_000;
  const reserveFraction = options.budgetReserveFraction ?? 0.1;
  const minReserve = options.budgetMinReserve ?? 50;
  const unavailable = new Set(options.unavailableStatusCodes ?? []);
  let states = new Map<string, Map<string, QuotaState>>();
  let activeIndex = 0;
  let seeding: Promise<void> | undefined;
  let initialized = false;
  let budgetLogged = false;
  let unmatchedLogged = false;
  let untrackedLogged = false;
  const valueOf = (token: string) => `${authMethod} ${token}`.trim();
  const rotate = () => (activeIndex = (activeIndex + 1) % tokens.length);
  const stateOf = (token: string, quota: TokenQuotaSpec) => states.get(token)!.get(quota.name)!;

  function match(request: Request): TokenQuotaSpec {
    let fallback: TokenQuotaSpec | undefined;
    for (const quota of quotas) {
      if (quota.matchers.length > 0) {
        if (quota.matchers.some((m) => m(request))) return quota;
      } else fallback ??= quota;
    }
    if (!fallback && !unmatchedLogged) {
      unmatchedLogged = true;
      env.log(
        "WARN",
        `A request did not match any quota pool; falling back to '${quotas[0].name}'. ` +
          "Consider defining a matcher-less default pool.",
      );
    }
    return fallback ?? quotas[0];
  }

  async function fetchStates(token: string): Promise<Map<string, QuotaState>> {
    const headers = new Headers(options.quotaStatusHeaders);
    headers.set(header, valueOf(token));
    let response: Response | undefined;
    for (let attempt = 0;; attempt++) {
      try {
        response = await env.fetch(
          new Request(options.quotaStatusUrl, { method: options.quotaStatusMethod ?? "GET", headers }),
        );
      } catch (error) {
        if (attempt >= 5) {
          throw new SpoutError("http_network", "the quota status endpoint could not be reached", {
            cause: error,
          });
        }
        await env.sleep(1000 * 2 ** attempt);
        continue;
      }
      if (unavailable.has(response.status) || response.ok) break;
      if ((response.status === 429 || response.status >= 500) && attempt < 5) {
        await response.body?.cancel().catch(() => {});
        await env.sleep(1000 * 2 ** attempt);
        continue;
      }
      await response.body?.cancel().catch(() => {});
      const code = response.status === 401 || response.status === 403
        ? "http_auth"
        : response.status >= 500
        ? "http_server"
        : "http_client";
      throw new SpoutError(code, `the quota status endpoint answered HTTP ${response.status}`);
    }
    const now = env.now();
    if (unavailable.has(response.status)) {
      await response.body?.cancel().catch(() => {});
      return new Map(quotas.map((q) => [q.name, { remaining: 0, resetAt: now, limit: 0, tracked: false }]));
    }
    const body: unknown = await response.json();
    return new Map(quotas.map((q) => {
      const remaining = toInt(pathValue(body, q.remainingPath, q.name, "remaining"), "remaining");
      const resetAt = toTime(pathValue(body, q.resetPath, q.name, "reset"), "reset");
      const limit = q.limitPath ? toInt(pathValue(body, q.limitPath, q.name, "limit"), "limit") : remaining;
      return [q.name, { remaining, resetAt, limit, tracked: true }];
    }));
  }

  async function seedAll(): Promise<void> {
    const fresh = new Map<string, Map<string, QuotaState>>();
    for (const token of tokens) fresh.set(token, await fetchStates(token));
    states = fresh;
    budgetLogged = false;
    if (untrackedLogged) return;
    const untracked = tokens.filter((t) => [...fresh.get(t)!.values()].some((s) => !s.tracked));
    if (untracked.length === 0) return;
    untrackedLogged = true;
    env.log(
      "INFO",
      untracked.length === tokens.length
        ? "Quota status endpoint reports that rate limiting is unavailable. Token quotas are untracked: the " +
          "connector will not wait for quota resets, throttle proactively, or rotate tokens on exhaustion."
        : `Quota status endpoint reports that rate limiting is unavailable for ${untracked.length} of ` +
          `${tokens.length} tokens. Those tokens are used without quota tracking.`,
    );
  }

  /** Seeds once; concurrent callers share the seeding (the reference's refresh lock). */
  function seedOnce(): Promise<void> {
    seeding ??= seedAll().finally(() => (seeding = undefined));
    return seeding;
  }

  function budgetDelay(quota: TokenQuotaSpec): number | undefined {
    const all = tokens.map((t) => stateOf(t, quota));
    if (all.some((s) => !s.tracked)) return undefined;
    if (!all.every((s) => s.remaining <= Math.max(minReserve, s.limit * reserveFraction))) return undefined;
    const untilReset = Math.max(stateOf(tokens[activeIndex], quota).resetAt - env.now(), 0);
    const total = all.reduce((sum, s) => sum + Math.max(s.remaining, 0), 0);
    if (total <= 0 || untilReset <= 0) return undefined;
    return Math.min(untilReset / total, MAX_BUDGET_DELAY_MS);
  }

  async function sleepWithHeartbeat(ms: number, quota: string, signal?: AbortSignal): Promise<void> {
    let remaining = ms;
    while (remaining > 0) {
      const chunk = Math.min(remaining, HEARTBEAT_MS);
      await env.sleep(chunk, signal);
      remaining -= chunk;
      if (remaining > 0) {
        env.log(
          "INFO",
          `Rate limit exhausted (quota: ${quota}). Waiting for reset — ${
            Math.round(remaining / 1000)
          }s remaining.`,
        );
      }
    }
  }

  const allSpent = (quota: TokenQuotaSpec) =>
    tokens.every((t) => stateOf(t, quota).remaining <= 0 && stateOf(t, quota).tracked);

  async function acquire(quota: TokenQuotaSpec, signal?: AbortSignal): Promise<string> {
    let deadline: number | undefined;
    while (true) {
      if (seeding) await seeding;
      const token = tokens[activeIndex];
      const state = stateOf(token, quota);
      if (!state.tracked) {
        rotate();
        return token;
      }
      if (state.remaining > 0) {
        state.remaining -= 1;
        const delay = budgetDelay(quota);
        if (delay !== undefined && delay >= 100) {
          if (!budgetLogged) {
            budgetLogged = true;
            env.log(
              "INFO",
              `API budget: throttling requests (${
                (delay / 1000).toFixed(1)
              }s delay) for quota '${quota.name}'.`,
            );
          }
          await env.sleep(delay, signal);
        }
        return token;
      }
      if (!allSpent(quota)) {
        rotate();
        continue;
      }
      const now = env.now();
      deadline ??= now + maxWaitMs;
      const budget = deadline - now;
      const soonest = Math.min(...tokens.map((t) => stateOf(t, quota).resetAt - now));
      if (budget <= 0 || soonest >= budget) {
        throw new SpoutError("http_rate_limited", "Rate limit is exceeded for all provided tokens.", {
          failureType: "transient_error",
        });
      }
      const wait = Math.min(Math.max(soonest, MIN_EXHAUSTION_WAIT_MS), budget);
      env.log(
        "INFO",
        `All tokens exhausted (quota: ${quota.name}). Waiting ${
          Math.round(wait / 1000)
        }s until rate limit resets.`,
      );
      await sleepWithHeartbeat(wait, quota.name, signal);
      if (allSpent(quota)) await seedOnce();
    }
  }

  function headerInt(response: Response, name: string | undefined): number | undefined {
    if (!name) return undefined;
    const value = response.headers.get(name);
    if (value === null || !/^\s*[+-]?\d+\s*$/.test(value)) return undefined;
    return Number(value);
  }

  function update(quota: TokenQuotaSpec, token: string, response: Response): void {
    const aware = quota.remainingHeader || quota.resetHeader || quota.limitHeader ||
      quota.exhaustionStatusCodes.length > 0;
    if (!aware) return;
    let remaining = headerInt(response, quota.remainingHeader);
    if (remaining === undefined && quota.exhaustionStatusCodes.includes(response.status)) remaining = 0;
    const resetText = quota.resetHeader ? response.headers.get(quota.resetHeader) : null;
    const resetAt = resetText === null ? undefined : parseDateTime(resetText);
    const limit = headerInt(response, quota.limitHeader);
    if (remaining === undefined && limit === undefined && resetAt === undefined) return;
    const state = states.get(token)?.get(quota.name);
    if (!state || !state.tracked) return;
    if (limit !== undefined && limit > 0 && (resetAt === undefined || resetAt >= state.resetAt)) {
      state.limit = limit;
    }
    if (resetAt !== undefined && resetAt > state.resetAt) {
      state.resetAt = resetAt;
      state.remaining = remaining ?? state.limit;
    } else if (
      remaining !== undefined && (
        (remaining <= 0 && quota.exhaustionStatusCodes.includes(response.status)) ||
        resetAt === undefined ||
        resetAt >= state.resetAt - RESET_SKEW_MS
      )
    ) {
      state.remaining = Math.min(state.remaining, remaining);
    }
  }

  function sender(request: Request): string | undefined {
    const value = request.headers.get(header);
    if (!value) return undefined;
    let token: string;
    if (authMethod) {
      if (!value.startsWith(`${authMethod} `)) return undefined;
      token = value.slice(authMethod.length + 1).trim();
    } else token = value.trim();
    return states.has(token) ? token : undefined;
  }

  const served = new WeakMap<Response, { token: string; quota: TokenQuotaSpec }>();
  const alternative = (token: string, quota: TokenQuotaSpec): boolean => {
    const state = states.get(token)?.get(quota.name);
    if (!state || !state.tracked || state.remaining > 0) return false;
    return tokens.some((t) => t !== token && stateOf(t, quota).remaining > 0);
  };

  const middleware: Middleware = (next) => async (request) => {
    if (!initialized) {
      await seedOnce();
      initialized = true;
    }
    const quota = match(request);
    const token = await acquire(quota, request.signal);
    const headers = new Headers(request.headers);
    headers.set(header, valueOf(token));
    const response = await next(new Request(request, { headers }));
    update(quota, token, response);
    served.set(response, { token, quota });
    return response;
  };
  return Object.assign(middleware, {
    hasAlternativeToken(request: Request): boolean {
      const from = sender(request);
      return from !== undefined && alternative(from, match(request));
    },
    canRotate(response: Response): boolean {
      const from = served.get(response);
      return from !== undefined && alternative(from.token, from.quota);
    },
  });
}
