/**
 * spout: build Airbyte-protocol data-source connectors in TypeScript — fetch-based building blocks, a typed
 * code API, and a declarative engine that runs Airbyte low-code YAML manifests unchanged.
 *
 * @example
 * ```ts
 * import { compose, bearer } from "./mod.ts";
 * const requester = compose((r) => Promise.resolve(new Response(r.headers.get("authorization"))), bearer("t0k"));
 * const text = await (await requester(new Request("http://api.test/"))).text();
 * if (text !== "Bearer t0k") throw new Error(text);
 * ```
 * @module
 */
export * from "./src/types.ts";
export * from "./src/errors.ts";
export * from "./src/env.ts";
export * from "./src/secrets.ts";
export * from "./src/util/mod.ts";
export * from "./src/http/requester.ts";
export * from "./src/http/mod.ts";
export * from "./src/auth/mod.ts";
export * from "./src/pagination/mod.ts";
export * from "./src/extract/mod.ts";
export * from "./src/transform/mod.ts";
export * from "./src/partition/mod.ts";
export * from "./src/incremental/mod.ts";
export * from "./src/source/mod.ts";
export * from "./src/protocol/mod.ts";
export * from "./src/declarative/mod.ts";
export * from "./src/declarative/components.ts";
export {
  cacheFor,
  cacheSummary,
  ResponseCache,
  type ResponseCacheOptions,
  type ResponseCacheStats,
} from "./src/http/cache.ts";
