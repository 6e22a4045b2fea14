/**
 * Builds `RateLimitedMultipleTokenAuthenticator` components (see token_rotation.ts): tokens from a list of
 * templates or one delimited string, QuotaStatusSource, TokenQuota pools with HttpRequestRegexMatchers,
 * auth_method, header, max_wait_time, budget_reserve_fraction, budget_min_reserve. As in the reference, one
 * instance serves every stream whose resolved definition is identical (stream `$parameters` do not split it),
 * so all streams spend the same counters.
 * @module
 */
import type { Env } from "../../env.ts";
import { SpoutError } from "../../errors.ts";
import { requestMatcher } from "../../http/rate_limit.ts";
import { isObject } from "../../types.ts";
import { durationToTimedelta, parseIsoDuration } from "../../util/duration.ts";
import { type Component, type ComponentPath, type FactoryContext, interpolated, invalid } from "./context.ts";
import { type RotatingTokenAuth, rotatingTokens, type TokenQuotaSpec } from "./token_rotation.ts";
import type { RunContext } from "./types.ts";

const shared = new WeakMap<FactoryContext, Map<string, WeakMap<Env, RotatingTokenAuth>>>();

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.map(String) : undefined;
}

function pyStr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * Compiles the component; the returned factory gives the (shared) middleware of a read.
 *
 * @example
 * ```ts
 * import { buildRateLimitedAuth } from "./rate_limited_auth.ts";
 * import { fakeEnv } from "../../env.ts";
 * import { SecretMasker } from "../../secrets.ts";
 * const ctx = { config: { tokens: "a, b" }, components: {}, streamCache: new Map() };
 * const make = buildRateLimitedAuth(ctx, {
 *   type: "RateLimitedMultipleTokenAuthenticator",
 *   tokens: "{{ config.tokens }}",
 *   quota_status_source: { type: "QuotaStatusSource", url: "https://api.test/rate_limit" },
 *   quotas: [{ type: "TokenQuota", name: "core", remaining_path: ["r"], reset_path: ["t"] }],
 * }, ["auth"]);
 * const run = { stream: "s", ctx: { env: fakeEnv(), masker: new SecretMasker() } };
 * if (make(run) !== make({ ...run, stream: "other" })) throw new Error("shared by every stream");
 * ```
 */
export function buildRateLimitedAuth(
  ctx: FactoryContext,
  c: Component,
  path: ComponentPath,
): (run: RunContext) => RotatingTokenAuth {
  const render = (value: unknown, at: ComponentPath) => interpolated(ctx, value, {}, at).eval({});
  let tokens: string[];
  if (typeof c.tokens === "string") {
    const delimiter = typeof c.token_delimiter === "string" && c.token_delimiter !== ""
      ? c.token_delimiter
      : ",";
    tokens = pyStr(render(c.tokens, [...path, "tokens"])).split(delimiter).map((t) => t.trim()).filter(
      Boolean,
    );
  } else if (Array.isArray(c.tokens)) {
    tokens = c.tokens.map((t, i) => pyStr(render(t, [...path, "tokens", i])).trim()).filter(Boolean);
  } else {
    return invalid(ctx, [...path, "tokens"], "RateLimitedMultipleTokenAuthenticator needs tokens");
  }
  const source = isObject(c.quota_status_source) ? c.quota_status_source : undefined;
  if (!source) return invalid(ctx, [...path, "quota_status_source"], "a quota_status_source is required");
  const quotaModels = Array.isArray(c.quotas) ? c.quotas : [];
  const quotas: TokenQuotaSpec[] = quotaModels.map((q, i) => {
    const at = [...path, "quotas", i];
    if (!isObject(q) || typeof q.name !== "string") return invalid(ctx, at, "a TokenQuota needs a name");
    const matchers = (Array.isArray(q.matchers) ? q.matchers : []).map((m, j) => {
      if (!isObject(m)) return invalid(ctx, [...at, "matchers", j], "expected an HttpRequestRegexMatcher");
      let weight: number | undefined;
      if (m.weight !== undefined && m.weight !== null) {
        weight = Math.trunc(
          Number(typeof m.weight === "string" ? render(m.weight, [...at, "matchers", j]) : m.weight),
        );
      }
      return requestMatcher({
        method: typeof m.method === "string" ? m.method : undefined,
        urlBase: typeof m.url_base === "string" ? m.url_base : undefined,
        urlPathPattern: typeof m.url_path_pattern === "string" ? m.url_path_pattern : undefined,
        params: isObject(m.params) ? m.params : undefined,
        headers: isObject(m.headers) ? m.headers : undefined,
        weight,
      });
    });
    const remainingPath = strings(q.remaining_path);
    const resetPath = strings(q.reset_path);
    if (!remainingPath || !resetPath) {
      return invalid(ctx, at, "a TokenQuota needs remaining_path and reset_path");
    }
    return {
      name: q.name,
      remainingPath,
      resetPath,
      limitPath: strings(q.limit_path),
      matchers,
      remainingHeader: typeof q.remaining_header === "string" ? q.remaining_header : undefined,
      resetHeader: typeof q.reset_header === "string" ? q.reset_header : undefined,
      limitHeader: typeof q.limit_header === "string" ? q.limit_header : undefined,
      exhaustionStatusCodes: Array.isArray(q.exhaustion_status_codes)
        ? q.exhaustion_status_codes.map(Number)
        : [],
    };
  });
  const statusHeaders: Record<string, string> = {};
  if (isObject(source.request_headers)) {
    for (const [k, v] of Object.entries(source.request_headers)) {
      statusHeaders[k] = pyStr(render(v, [...path, "quota_status_source", "request_headers", k]));
    }
  }
  const maxWaitText = pyStr(render(c.max_wait_time ?? "PT2H", [...path, "max_wait_time"]));
  let maxWaitMs: number;
  try {
    maxWaitMs = durationToTimedelta(parseIsoDuration(maxWaitText)).totalSeconds() * 1000;
  } catch (error) {
    throw new SpoutError(
      "manifest_invalid",
      `${path.join(".")}: max_wait_time must be a fixed-length ISO 8601 duration (e.g. PT2H), got ${
        JSON.stringify(maxWaitText)
      }`,
      { cause: error },
    );
  }
  const options = {
    tokens,
    quotas,
    quotaStatusUrl: pyStr(render(source.url, [...path, "quota_status_source", "url"])),
    quotaStatusMethod: typeof source.http_method === "string" ? source.http_method : "GET",
    quotaStatusHeaders: statusHeaders,
    unavailableStatusCodes: [
      ...new Set(
        (Array.isArray(source.unavailable_status_codes) ? source.unavailable_status_codes : []).map(Number),
      ),
    ].sort((a, b) => a - b),
    authMethod: typeof c.auth_method === "string" ? c.auth_method : "Bearer",
    header: typeof c.header === "string" && c.header !== "" ? c.header : "Authorization",
    maxWaitMs,
    budgetReserveFraction: typeof c.budget_reserve_fraction === "number" ? c.budget_reserve_fraction : 0.1,
    budgetMinReserve: typeof c.budget_min_reserve === "number" ? c.budget_min_reserve : 50,
  };
  // the identity of an instance: its resolved arguments (explicit fields only: propagated $parameters differ
  // between streams and must not split the counters)
  const pick = (o: unknown, keys: string[]) =>
    isObject(o) ? Object.fromEntries(keys.map((k) => [k, o[k] ?? null])) : null;
  const key = JSON.stringify({
    ...options,
    quotas: quotaModels.map((q) => ({
      ...pick(q, [
        "name",
        "remaining_path",
        "reset_path",
        "limit_path",
        "remaining_header",
        "reset_header",
        "limit_header",
        "exhaustion_status_codes",
      ]),
      matchers: (isObject(q) && Array.isArray(q.matchers) ? q.matchers : []).map((m) =>
        pick(m, ["method", "url_base", "url_path_pattern", "params", "headers", "weight"])
      ),
    })),
  });
  let byKey = shared.get(ctx);
  if (!byKey) shared.set(ctx, byKey = new Map());
  let perEnv = byKey.get(key);
  if (!perEnv) byKey.set(key, perEnv = new WeakMap());
  const cache = perEnv;
  return (run) => {
    const env = run.ctx.env;
    let built = cache.get(env);
    if (!built) {
      built = rotatingTokens({ ...options, env, masker: run.ctx.masker });
      cache.set(env, built);
    }
    for (const token of tokens) run.ctx.masker.add(token);
    return built;
  };
}
