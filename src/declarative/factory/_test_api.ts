/**
 * Test helpers for the factory's component tests: a scripted API behind an injected fetch, a minimal
 * manifest around streams, and a read that collects records and states. Private to tests.
 * @module
 */
import { createDeclarativeSource } from "../manifest_source.ts";
import { fakeEnv } from "../../env.ts";
import { SecretMasker } from "../../secrets.ts";
import type { ReadContext, StreamMessage, SyncMode } from "../../source/types.ts";
import type { JsonObject } from "../../types.ts";

/** Answers one request (a JSON value or a Response). */
export type Handler = (url: URL, request: Request) => unknown | Response | Promise<unknown | Response>;

/** A request as the API saw it. */
export interface SeenRequest {
  /** `METHOD url`. */
  line: string;
  /** Request headers. */
  headers: Headers;
  /** Body text ("" for GET). */
  body: string;
}

/** A read context whose fetch is `handler`, with a clock frozen at `start` (default 2024-06-01T12:00:00Z). */
export function api(
  handler: Handler,
  start = Date.UTC(2024, 5, 1, 12),
): { ctx: ReadContext; requests: SeenRequest[] } {
  const requests: SeenRequest[] = [];
  const env = fakeEnv({
    start,
    fetch: async (request: Request) => {
      const body = request.method === "GET" ? "" : await request.text();
      requests.push({
        line: `${request.method} ${request.url}`,
        headers: new Headers(request.headers),
        body,
      });
      const out = await handler(new URL(request.url), request);
      return out instanceof Response ? out : Response.json(out);
    },
  });
  return { ctx: { env, masker: new SecretMasker() }, requests };
}

/** A schema-valid manifest around `streams`. */
export function manifest(streams: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: "6.0.0",
    type: "DeclarativeSource",
    check: { type: "CheckStream", stream_names: [(streams[0] as { name: string } | undefined)?.name ?? ""] },
    streams,
    spec: {
      type: "Spec",
      connection_specification: { type: "object", properties: {} },
    },
    ...extra,
  };
}

/** A SimpleRetriever stream reading `path` from https://api.test with records at `fieldPath`. */
export function simpleStream(
  name: string,
  path: string,
  retriever: Record<string, unknown> = {},
  stream: Record<string, unknown> = {},
  fieldPath: string[] = [],
): Record<string, unknown> {
  const { requester, ...rest } = retriever as { requester?: Record<string, unknown> };
  return {
    type: "DeclarativeStream",
    name,
    primary_key: [],
    schema_loader: { type: "InlineSchemaLoader", schema: {} },
    retriever: {
      type: "SimpleRetriever",
      requester: {
        type: "HttpRequester",
        url_base: "https://api.test",
        path,
        http_method: "GET",
        ...requester,
      },
      record_selector: {
        type: "RecordSelector",
        extractor: { type: "DpathExtractor", field_path: fieldPath },
      },
      ...rest,
    },
    ...stream,
  };
}

/** Reads one stream and returns every message. */
export async function read(
  m: Record<string, unknown>,
  config: JsonObject,
  ctx: ReadContext,
  stream: string,
  syncMode: SyncMode = "full_refresh",
  state?: JsonObject,
): Promise<StreamMessage[]> {
  const source = await createDeclarativeSource(m);
  const streams = await source.streams(config, ctx);
  const s = streams.find((x) => x.name === stream);
  if (!s) throw new Error(`stream ${stream} not found`);
  const out: StreamMessage[] = [];
  for await (const msg of s.read({ syncMode, state }, ctx)) out.push(msg);
  return out;
}

/** The record data of messages. */
export const records = (msgs: StreamMessage[]): JsonObject[] =>
  msgs.flatMap((message) => {
    // "records" (a page at once) is the batched form some readers emit
    const m = message as { type: string; data?: unknown };
    return m.type === "record" ? [m.data as JsonObject] : m.type === "records" ? m.data as JsonObject[] : [];
  });

/** The states of messages. */
export const states = (msgs: StreamMessage[]): JsonObject[] =>
  msgs.flatMap((m) => (m.type === "state" ? [m.state as JsonObject] : []));

/** Bytes from base64. */
export function fromBase64(b64: string): Uint8Array {
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}
