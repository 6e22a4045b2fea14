/**
 * Helpers of the custom-component and cache tests: a bounded loopback API that counts requests, and a reader
 * that runs streams of a declarative source against it.
 */
import {
  createDeclarativeSource,
  type DeclarativeSourceOptions,
} from "../src/declarative/manifest_source.ts";
import { defaultEnv, type Env } from "../src/env.ts";
import { SecretMasker } from "../src/secrets.ts";
import type { ReadContext, StreamMessage, SyncMode } from "../src/source/types.ts";
import type { JsonObject, RecordData } from "../src/types.ts";
import { unbatchRecords } from "../src/source/stream_messages.ts";

/** A loopback API: `requests` lists "METHOD /path?query" in order. */
export interface LoopbackApi {
  url: string;
  requests: string[];
  headers: Headers[];
  close(): Promise<void>;
}

/** Serves `handler` on 127.0.0.1 (at most `limit` requests, then 503). */
export function loopback(
  handler: (url: URL, request: Request) => Response | unknown | Promise<Response | unknown>,
  limit = 500,
): LoopbackApi {
  const requests: string[] = [];
  const headers: Headers[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    const url = new URL(request.url);
    requests.push(`${request.method} ${url.pathname}${url.search}`);
    headers.push(request.headers);
    if (requests.length > limit) return new Response("request bound exceeded", { status: 503 });
    const out = await handler(url, request);
    return out instanceof Response ? out : Response.json(out);
  });
  const addr = server.addr as Deno.NetAddr;
  return {
    url: `http://127.0.0.1:${addr.port}`,
    requests,
    headers,
    close: () => server.shutdown(),
  };
}

/** A read context with real fetch (the loopback server), a fake sleep and a fixed clock. */
export function readContext(overrides: Partial<Env> = {}): ReadContext & { slept: number[]; logs: string[] } {
  const slept: number[] = [];
  const logs: string[] = [];
  const env = defaultEnv({
    sleep: (ms: number) => {
      slept.push(ms);
      return Promise.resolve();
    },
    log: (level, message) => {
      logs.push(`${level} ${message}`);
    },
    ...overrides,
  });
  return { env, masker: new SecretMasker(), slept, logs };
}

/** What one stream read produced. */
export interface StreamOutput {
  records: RecordData[];
  states: JsonObject[];
  logs: string[];
}

/** Reads the named streams (all when omitted) of a manifest in order with one `streams()` call. */
export async function readStreams(
  manifest: string | Record<string, unknown>,
  config: JsonObject,
  options: DeclarativeSourceOptions & {
    streams?: string[];
    syncMode?: SyncMode;
    state?: Record<string, JsonObject>;
    ctx?: ReadContext;
  } = {},
): Promise<Record<string, StreamOutput>> {
  const source = await createDeclarativeSource(manifest, options);
  const ctx = options.ctx ?? readContext();
  const streams = await source.streams(config, ctx);
  const out: Record<string, StreamOutput> = {};
  for (const stream of streams) {
    if (options.streams && !options.streams.includes(stream.name)) continue;
    const result: StreamOutput = { records: [], states: [], logs: [] };
    const messages: StreamMessage[] = [];
    for await (
      const m of unbatchRecords(stream.read({
        syncMode: options.syncMode ?? "full_refresh",
        state: options.state?.[stream.name],
      }, ctx))
    ) {
      messages.push(m);
    }
    for (const m of messages) {
      if (m.type === "record") result.records.push(m.data);
      else if (m.type === "state") result.states.push(m.state);
      else if (m.type === "log") result.logs.push(m.message);
    }
    out[stream.name] = result;
  }
  return out;
}

/** Path of a corpus manifest. */
export function corpusManifest(name: string): string {
  return new URL(`../../shared/corpus/manifests/${name}.yaml`, import.meta.url).pathname;
}

/** A fetch that sends requests for `origin` (e.g. `https://api.typeform.com`) to the loopback `target`. */
export function redirectFetch(origins: string[], target: string): (request: Request) => Promise<Response> {
  return (request) => {
    const url = new URL(request.url);
    const hit = origins.find((o) => url.origin === new URL(o).origin);
    if (!hit) return Promise.reject(new Error(`unexpected request to ${url.origin}`));
    const moved = new URL(url.pathname + url.search, target);
    return fetch(new Request(moved, request));
  };
}

/** Reads a corpus manifest's text. */
export function corpusText(name: string): Promise<string> {
  return Deno.readTextFile(corpusManifest(name));
}
