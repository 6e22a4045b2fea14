/**
 * The requester chain of an HttpRequester: authenticator → error handler (retry/backoff) → API budget →
 * fetch, built per read from the injected environment.
 * @module
 */
import { httpChain } from "../../http/client.ts";
import { cacheFor } from "../../http/cache.ts";
import type { Requester } from "../../http/requester.ts";
import { airbyteRetryRuntime, isIgnoredResponse } from "../../http/retry.ts";
import type { Component, ComponentPath, FactoryContext } from "./context.ts";
import { buildAuthenticator } from "./auth.ts";
import { buildErrorHandler } from "./error_handler.ts";
import type { RunContext } from "./types.ts";

/** A per-read requester factory that also tells which responses were ignored by the error handler. */
export interface RequesterChain {
  /** Builds the requester for one read. */
  (run: RunContext): Requester;
  /** True when the error handler chose IGNORE for this response. */
  isIgnored(response: Response): boolean;
}

/** Builds the requester chain of an HttpRequester component. */
export function buildRequesterChain(
  ctx: FactoryContext,
  requester: Component,
  path: ComponentPath,
  stream: string,
): RequesterChain {
  const handler = buildErrorHandler(ctx, requester.error_handler, [...path, "error_handler"]);
  const auth = buildAuthenticator(
    ctx,
    requester.authenticator,
    [...path, "authenticator"],
    requester.url_base,
  );
  const cache = new WeakMap<RunContext["ctx"]["env"], Requester>();
  const chain = ((run: RunContext): Requester => {
    const env = run.ctx.env;
    const cached = cache.get(env);
    if (cached) return cached;
    const authMiddleware = auth?.(run);
    // A rotating-token authenticator (RateLimitedMultipleTokenAuthenticator) lets a rate-limited retry switch
    // credentials instead of waiting out the backoff.
    const rotation = authMiddleware as { canRotate?(response: Response): boolean } | undefined;
    const canRotate = typeof rotation?.canRotate === "function"
      ? (response: Response) => rotation.canRotate!(response)
      : undefined;
    const chained = httpChain({
      env,
      masker: run.ctx.masker,
      auth: authMiddleware,
      errorHandler: handler,
      runtime: airbyteRetryRuntime({ canRotate }),
      budget: ctx.apiBudget?.(env),
      stream,
    });
    // use_cache: the read's in-memory response cache, outermost (src/http/cache.ts)
    const built = requester.use_cache === true ? cacheFor(ctx).middleware()(chained) : chained;
    cache.set(env, built);
    return built;
  }) as RequesterChain;
  chain.isIgnored = isIgnoredResponse;
  return chain;
}
