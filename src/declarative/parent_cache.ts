/**
 * Response caching for parent streams, like the reference's concurrent declarative source: every requester of
 * a stream that is a substream's parent (inside `parent_stream_configs`, including nested and grouping
 * routers and StateDelegatingStream parents, plus the top-level stream of the same name) gets
 * `use_cache: true` unless the manifest says `use_cache: false`. Cached requesters share the in-memory
 * response cache of the read (`src/http/cache.ts`); each stream ends its read with a LOG line of hit/miss
 * counts.
 * @module
 */
import { cacheSummary, existingCache } from "../http/cache.ts";
import type { ReadContext, ReadOptions, Stream, StreamMessage } from "../source/types.ts";
import { isObject, type JsonSchema } from "../types.ts";

type Obj = { [key: string]: unknown };

function setCache(requester: unknown): boolean {
  if (!isObject(requester) || requester.use_cache === false) return false;
  requester.use_cache = true;
  return true;
}

function retrieverRequester(stream: unknown): unknown {
  return isObject(stream) && isObject(stream.retriever) ? stream.retriever.requester : undefined;
}

function cacheStream(stream: unknown): boolean {
  if (!isObject(stream)) return false;
  if (stream.type === "StateDelegatingStream") {
    const a = setCache(retrieverRequester(stream.full_refresh_stream));
    const b = setCache(retrieverRequester(stream.incremental_stream));
    return a || b;
  }
  return setCache(retrieverRequester(stream));
}

function nameOf(stream: Obj): unknown {
  return stream.name ?? (isObject(stream.$parameters) ? stream.$parameters.name : undefined);
}

function routersOf(stream: Obj): Obj[] {
  const retriever = isObject(stream.retriever) ? stream.retriever : {};
  const router = retriever.partition_router ?? retriever.stream_slicer;
  return (Array.isArray(router) ? router : [router]).filter(isObject);
}

/**
 * Returns a copy of a resolved manifest with `use_cache` enabled on parent streams' requesters (of streams
 * and of dynamic stream templates), and whether any requester caches (explicit `use_cache: true` included).
 *
 * @example
 * ```ts
 * import { enableParentCache } from "./parent_cache.ts";
 * const parent = { type: "DeclarativeStream", name: "forms", retriever: { requester: { path: "/forms" } } };
 * const child = {
 *   type: "DeclarativeStream",
 *   name: "responses",
 *   retriever: {
 *     requester: { path: "/r" },
 *     partition_router: { type: "SubstreamPartitionRouter", parent_stream_configs: [{ stream: parent }] },
 *   },
 * };
 * const { manifest, cached } = enableParentCache({ streams: [parent, child] });
 * const streams = manifest.streams as { retriever: { requester: { use_cache?: boolean } } }[];
 * if (!cached || streams[0].retriever.requester.use_cache !== true) throw new Error("parent not cached");
 * if (streams[1].retriever.requester.use_cache !== undefined) throw new Error("child cached");
 * ```
 */
export function enableParentCache(resolved: Obj): { manifest: Obj; cached: boolean } {
  const manifest = structuredClone(resolved);
  const streams = (Array.isArray(manifest.streams) ? manifest.streams : []).filter(isObject);
  const parentNames = new Set<unknown>();
  let cached = JSON.stringify(resolved).includes('"use_cache":true');
  // the stream templates of dynamic streams become streams too: their parents are cached alike
  const templates = (Array.isArray(manifest.dynamic_streams) ? manifest.dynamic_streams : [])
    .map((d) => isObject(d) ? d.stream_template : undefined)
    .filter(isObject);
  for (const stream of [...streams, ...templates]) {
    const incremental = isObject(stream.incremental_sync) ? stream.incremental_sync : {};
    if (isObject(incremental.parent_stream)) {
      cached = cacheStream(incremental.parent_stream) || cached;
      parentNames.add(nameOf(incremental.parent_stream));
      continue;
    }
    const pending = routersOf(stream);
    while (pending.length > 0) {
      const router = pending.pop()!;
      const configs = Array.isArray(router.parent_stream_configs) ? router.parent_stream_configs : [];
      for (const config of configs) {
        if (!isObject(config) || !isObject(config.stream)) continue;
        cached = cacheStream(config.stream) || cached;
        parentNames.add(nameOf(config.stream));
      }
      for (const key of ["partition_routers", "stream_slicers"]) {
        const list = router[key];
        if (Array.isArray(list)) pending.push(...list.filter(isObject));
      }
      if (isObject(router.underlying_partition_router)) pending.push(router.underlying_partition_router);
    }
  }
  for (const stream of streams) {
    if (parentNames.has(nameOf(stream))) cached = cacheStream(stream) || cached;
  }
  return { manifest, cached };
}

/** A stream that ends its read with the response cache summary of `scope` (when the cache was used). */
class CacheReportingStream implements Stream {
  readonly name: string;
  readonly namespace?: string;
  readonly primaryKey?: string[][];
  readonly cursorField?: string[];
  readonly sourceDefinedCursor?: boolean;
  readonly manifest?: Obj;
  readonly #inner: Stream;
  readonly #scope: object;

  constructor(inner: Stream, scope: object) {
    this.#inner = inner;
    this.#scope = scope;
    this.name = inner.name;
    this.namespace = inner.namespace;
    this.primaryKey = inner.primaryKey;
    this.cursorField = inner.cursorField;
    this.sourceDefinedCursor = inner.sourceDefinedCursor;
    this.manifest = (inner as { manifest?: Obj }).manifest;
  }

  jsonSchema(): Promise<JsonSchema> {
    return this.#inner.jsonSchema();
  }

  async *read(options: ReadOptions, ctx: ReadContext): AsyncIterable<StreamMessage> {
    yield* this.#inner.read(options, ctx);
    const cache = existingCache(this.#scope);
    if (!cache) return;
    const { hits, misses } = cache.stats();
    if (hits + misses > 0) {
      yield { type: "log", level: "INFO", message: `${this.name}: ${cacheSummary(cache)}` };
    }
  }
}

/**
 * Wraps streams so each read ends with a LOG line of the read's response cache counters (cumulative for the
 * read: the last line is the read's total).
 *
 * @example
 * ```ts
 * import { reportCache } from "./parent_cache.ts";
 * import { cacheFor } from "../http/cache.ts";
 * import { fakeEnv } from "../env.ts";
 * import { SecretMasker } from "../secrets.ts";
 * const scope = {};
 * await cacheFor(scope).middleware()(() => Promise.resolve(new Response("x")))(new Request("https://api.test/"));
 * const [stream] = reportCache([{ name: "s", jsonSchema: () => Promise.resolve({}), async *read() {} }], scope);
 * const out = [];
 * for await (const m of stream.read({ syncMode: "full_refresh" }, { env: fakeEnv(), masker: new SecretMasker() })) out.push(m);
 * if (out.length !== 1 || out[0].type !== "log") throw new Error(JSON.stringify(out));
 * ```
 */
export function reportCache(streams: Stream[], scope: object): Stream[] {
  return streams.map((s) => new CacheReportingStream(s, scope));
}
