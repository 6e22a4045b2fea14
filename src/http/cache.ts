/**
 * An in-memory response cache for one read: successful GET responses are kept (LRU, bounded by entries and
 * bytes) so a parent stream read again for every child stream does not repeat its HTTP requests (the
 * reference's `use_cache`). Keys are SHA-256 digests of method + full URL + request headers, so no URL,
 * token or header value is kept in clear; nothing is written to disk.
 * @module
 */
import type { Middleware, Requester } from "./requester.ts";
import { isIgnoredResponse } from "./retry.ts";

/** Bounds of a {@link ResponseCache}. */
export interface ResponseCacheOptions {
  /** Maximum number of cached responses (default 1,000). */
  maxEntries?: number;
  /** Maximum total body bytes (default 64 MiB). */
  maxBytes?: number;
  /** Bodies larger than this are never cached (default a quarter of `maxBytes`). */
  maxEntryBytes?: number;
}

/** Counters of a {@link ResponseCache}. */
export interface ResponseCacheStats {
  /** Requests answered from the cache. */
  hits: number;
  /** Cacheable requests (GET) sent to the network. */
  misses: number;
  /** Responses currently cached. */
  entries: number;
  /** Body bytes currently cached. */
  bytes: number;
  /** Entries dropped to respect the bounds. */
  evictions: number;
}

interface Entry {
  status: number;
  statusText: string;
  headers: [string, string][];
  url: string;
  body: Uint8Array;
}

const DEFAULT_MAX_ENTRIES = 1_000;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

async function keyOf(request: Request): Promise<string> {
  const headers = [...request.headers].map(([k, v]) => `${k.toLowerCase()}:${v}`).sort();
  const text = [request.method.toUpperCase(), request.url, ...headers].join("\n");
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

function replay(entry: Entry): Response {
  const response = new Response(entry.status === 204 ? null : entry.body.slice(), {
    status: entry.status,
    statusText: entry.statusText,
    headers: entry.headers,
  });
  // Paginators resolve relative Link headers against the response URL; a constructed Response has none.
  Object.defineProperty(response, "url", { value: entry.url });
  return response;
}

/**
 * A bounded LRU cache of GET responses; {@link ResponseCache.middleware} puts it in a requester chain (place
 * it outermost: only final, non-ignored 200 responses are stored, and a miss returns the original response).
 *
 * @example
 * ```ts
 * import { ResponseCache } from "./cache.ts";
 * import { compose } from "./requester.ts";
 * let calls = 0;
 * const cache = new ResponseCache();
 * const requester = compose(() => Promise.resolve(new Response(`page ${++calls}`)), cache.middleware());
 * const a = await (await requester(new Request("https://api.test/items"))).text();
 * const b = await (await requester(new Request("https://api.test/items"))).text();
 * if (a !== "page 1" || b !== "page 1" || calls !== 1) throw new Error(`${a} ${b} ${calls}`);
 * if (cache.stats().hits !== 1 || cache.stats().misses !== 1) throw new Error("counters");
 * ```
 */
export class ResponseCache {
  readonly #entries = new Map<string, Entry>();
  readonly #inflight = new Map<string, Promise<Entry | undefined>>();
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  readonly #maxEntryBytes: number;
  #bytes = 0;
  #hits = 0;
  #misses = 0;
  #evictions = 0;

  /** A cache with the given bounds. */
  constructor(options: ResponseCacheOptions = {}) {
    this.#maxEntries = Math.max(1, options.maxEntries ?? DEFAULT_MAX_ENTRIES);
    this.#maxBytes = Math.max(0, options.maxBytes ?? DEFAULT_MAX_BYTES);
    this.#maxEntryBytes = Math.min(this.#maxBytes, options.maxEntryBytes ?? Math.floor(this.#maxBytes / 4));
  }

  /** Current counters. */
  stats(): ResponseCacheStats {
    return {
      hits: this.#hits,
      misses: this.#misses,
      entries: this.#entries.size,
      bytes: this.#bytes,
      evictions: this.#evictions,
    };
  }

  /** Drops every entry (counters are kept). */
  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  /** The caching middleware (GET only; other methods pass through uncounted). */
  middleware(): Middleware {
    return (next: Requester): Requester => async (request) => {
      if (request.method.toUpperCase() !== "GET") return await next(request);
      const key = await keyOf(request);
      const cached = this.#entries.get(key);
      if (cached) return this.#hit(key, cached);
      const pending = this.#inflight.get(key);
      if (pending) {
        const entry = await pending.catch(() => undefined);
        if (entry) return this.#hit(key, entry);
      }
      this.#misses++;
      let settle: (entry: Entry | undefined) => void = () => {};
      const inflight = new Promise<Entry | undefined>((resolve) => (settle = resolve));
      this.#inflight.set(key, inflight);
      try {
        const response = await next(request);
        settle(await this.#store(key, request, response));
        return response;
      } catch (error) {
        settle(undefined);
        throw error;
      } finally {
        this.#inflight.delete(key);
      }
    };
  }

  #hit(key: string, entry: Entry): Response {
    this.#hits++;
    // Most recently used last.
    if (this.#entries.delete(key)) this.#entries.set(key, entry);
    return replay(entry);
  }

  async #store(key: string, request: Request, response: Response): Promise<Entry | undefined> {
    if (response.status !== 200 || isIgnoredResponse(response) || response.bodyUsed) return undefined;
    const declared = Number(response.headers.get("content-length"));
    if (Number.isFinite(declared) && declared > this.#maxEntryBytes) return undefined;
    let body: Uint8Array;
    try {
      body = new Uint8Array(await response.clone().arrayBuffer());
    } catch {
      return undefined;
    }
    if (body.byteLength > this.#maxEntryBytes) return undefined;
    const entry: Entry = {
      status: response.status,
      statusText: response.statusText,
      headers: [...response.headers],
      url: response.url || request.url,
      body,
    };
    this.#entries.set(key, entry);
    this.#bytes += body.byteLength;
    while (this.#entries.size > this.#maxEntries || this.#bytes > this.#maxBytes) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      const dropped = this.#entries.get(oldest.value)!;
      this.#entries.delete(oldest.value);
      this.#bytes -= dropped.body.byteLength;
      this.#evictions++;
    }
    return entry;
  }
}

const scoped = new WeakMap<object, ResponseCache>();

/**
 * The cache of one read scope (any object that lives exactly as long as the read, e.g. the factory context
 * of a `streams()` call or a stream instance), created on first use.
 *
 * @example
 * ```ts
 * import { cacheFor } from "./cache.ts";
 * const read = {};
 * if (cacheFor(read) !== cacheFor(read) || cacheFor(read) === cacheFor({})) throw new Error("scope");
 * ```
 */
export function cacheFor(scope: object, options?: ResponseCacheOptions): ResponseCache {
  let cache = scoped.get(scope);
  if (!cache) {
    cache = new ResponseCache(options);
    scoped.set(scope, cache);
  }
  return cache;
}

/**
 * The cache of a scope if one was created (for read summaries).
 *
 * @example
 * ```ts
 * import { cacheFor, existingCache } from "./cache.ts";
 * const scope = {};
 * if (existingCache(scope) !== undefined) throw new Error("none yet");
 * if (existingCache(scope) === cacheFor(scope)) throw new Error("created lazily");
 * if (existingCache(scope) !== cacheFor(scope)) throw new Error("same cache");
 * ```
 */
export function existingCache(scope: object): ResponseCache | undefined {
  return scoped.get(scope);
}

/**
 * The one-line summary of a cache for the end of a read.
 *
 * @example
 * ```ts
 * import { cacheSummary, ResponseCache } from "./cache.ts";
 * if (!cacheSummary(new ResponseCache()).startsWith("response cache: 0 hits, 0 misses")) throw new Error();
 * ```
 */
export function cacheSummary(cache: ResponseCache): string {
  const s = cache.stats();
  return `response cache: ${s.hits} hits, ${s.misses} misses (${s.entries} entries, ${s.bytes} bytes, ` +
    `${s.evictions} evictions)`;
}
