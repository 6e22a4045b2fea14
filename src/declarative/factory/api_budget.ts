/**
 * HTTPAPIBudget: call-rate policies (MovingWindowCallRatePolicy, FixedWindowCallRatePolicy,
 * UnlimitedCallRatePolicy) with HttpRequestRegexMatcher matchers, one budget shared by every stream of a read,
 * built on the shared `src/http/rate_limit.ts`.
 * @module
 */
import type { Env } from "../../env.ts";
import {
  type CallRatePolicy,
  fixedWindowPolicy,
  HttpApiBudget,
  movingWindowPolicy,
  type RequestMatcher,
  requestMatcher,
  unlimitedPolicy,
} from "../../http/rate_limit.ts";
import { isObject } from "../../types.ts";
import { parseDurationToMs } from "../../util/duration.ts";
import { type ComponentPath, type FactoryContext, interpolated, invalid } from "./context.ts";

/** Builds the budget of one read (per environment). */
export type BudgetFactory = (env: Env) => HttpApiBudget;

function matchers(ctx: FactoryContext, list: unknown, path: ComponentPath): RequestMatcher[] {
  if (!Array.isArray(list)) return [];
  return list.map((m, i) => {
    if (!isObject(m)) return invalid(ctx, [...path, i], "expected an HttpRequestRegexMatcher");
    const render = (v: unknown, key: string) =>
      v === undefined || v === null ? undefined : interpolated(ctx, v, {}, [...path, i, key]).render({});
    return requestMatcher({
      method: typeof m.method === "string" ? m.method : undefined,
      urlBase: render(m.url_base, "url_base"),
      urlPathPattern: render(m.url_path_pattern, "url_path_pattern"),
      params: isObject(m.params) ? m.params : undefined,
      headers: isObject(m.headers) ? m.headers : undefined,
      weight: typeof m.weight === "number" ? m.weight : undefined,
    });
  });
}

function policy(ctx: FactoryContext, c: unknown, path: ComponentPath, now: number): CallRatePolicy {
  if (!isObject(c)) return invalid(ctx, path, "expected a call rate policy");
  const m = matchers(ctx, c.matchers, [...path, "matchers"]);
  switch (c.type) {
    case "MovingWindowCallRatePolicy": {
      const rates = (Array.isArray(c.rates) ? c.rates : []).map((r, i) => {
        if (!isObject(r)) return invalid(ctx, [...path, "rates", i], "expected a Rate");
        const limit = Number(interpolated(ctx, r.limit, {}, [...path, "rates", i, "limit"]).eval({}));
        return { limit, intervalMs: parseDurationToMs(String(r.interval)) };
      });
      return movingWindowPolicy({ rates, matchers: m });
    }
    case "FixedWindowCallRatePolicy":
      return fixedWindowPolicy({
        callLimit: Number(c.call_limit),
        periodMs: parseDurationToMs(String(c.period)),
        matchers: m,
        now,
      });
    case "UnlimitedCallRatePolicy":
      return unlimitedPolicy(m);
    default:
      return invalid(ctx, path, `call rate policy ${String(c.type)} is not supported`);
  }
}

/** Builds the manifest's `api_budget` (undefined when absent). */
export function buildApiBudget(ctx: FactoryContext, component: unknown): BudgetFactory | undefined {
  if (!isObject(component)) return undefined;
  const path = ["api_budget"];
  const budgets = new WeakMap<Env, HttpApiBudget>();
  return (env) => {
    let budget = budgets.get(env);
    if (!budget) {
      const policies = (Array.isArray(component.policies) ? component.policies : []).map((p, i) =>
        policy(ctx, p, [...path, "policies", i], env.now())
      );
      budget = new HttpApiBudget({
        policies,
        ratelimitResetHeader: typeof component.ratelimit_reset_header === "string"
          ? component.ratelimit_reset_header
          : undefined,
        ratelimitRemainingHeader: typeof component.ratelimit_remaining_header === "string"
          ? component.ratelimit_remaining_header
          : undefined,
        statusCodesForRatelimitHit: Array.isArray(component.status_codes_for_ratelimit_hit)
          ? component.status_codes_for_ratelimit_hit.map(Number)
          : undefined,
        env,
      });
      budgets.set(env, budget);
    }
    return budget;
  };
}
