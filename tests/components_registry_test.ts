/**
 * The component registry family by family: each registered class is built from its manifest fields (options,
 * `$parameters`, config, templates) and runs where the built-in component of its family runs.
 */
import { deepStrictEqual, match, ok, rejects, strictEqual, throws } from "node:assert/strict";
import { componentRegistry, defineComponents } from "../src/declarative/components.ts";
import { createDeclarativeSource } from "../src/declarative/manifest_source.ts";
import { fakeEnv } from "../src/env.ts";
import { SecretMasker } from "../src/secrets.ts";
import type { ReadContext, StreamMessage, SyncMode } from "../src/source/types.ts";
import type { JsonObject } from "../src/types.ts";
import { unbatchRecords } from "../src/source/stream_messages.ts";

type Obj = Record<string, unknown>;

function api(handler: (url: URL, request: Request) => unknown) {
  const requests: string[] = [];
  const env = fakeEnv({
    start: Date.UTC(2024, 0, 10),
    fetch: (request: Request) => {
      const url = new URL(request.url);
      requests.push(`${request.method} ${url.pathname}${url.search}`);
      const out = handler(url, request);
      return Promise.resolve(out instanceof Response ? out : Response.json(out));
    },
  });
  const ctx: ReadContext = { env, masker: new SecretMasker() };
  return { ctx, requests, env };
}

function manifest(stream: Obj, extra: Obj = {}): Obj {
  return {
    version: "6.0.0",
    type: "DeclarativeSource",
    check: { type: "CheckStream", stream_names: ["items"] },
    streams: [{
      type: "DeclarativeStream",
      name: "items",
      schema_loader: { type: "InlineSchemaLoader", schema: {} },
      ...stream,
      retriever: {
        type: "SimpleRetriever",
        requester: { type: "HttpRequester", url_base: "https://api.test", path: "/items" },
        record_selector: {
          type: "RecordSelector",
          extractor: { type: "DpathExtractor", field_path: ["data"] },
        },
        ...(stream.retriever as Obj | undefined),
      },
    }],
    spec: { type: "Spec", connection_specification: { type: "object", properties: {} } },
    ...extra,
  };
}

async function read(
  m: Obj,
  components: Record<string, unknown>,
  ctx: ReadContext,
  config: JsonObject = {},
  options: { syncMode?: SyncMode; state?: JsonObject } = {},
): Promise<{ records: Obj[]; states: JsonObject[] }> {
  const source = await createDeclarativeSource(m, { components });
  const [stream] = await source.streams(config, ctx);
  const records: Obj[] = [];
  const states: JsonObject[] = [];
  for await (
    const msg of unbatchRecords(
      stream.read({ syncMode: options.syncMode ?? "full_refresh", state: options.state }, ctx),
    )
  ) {
    if (msg.type === "record") records.push(msg.data);
    if (msg.type === "state") states.push(msg.state);
  }
  return { records, states };
}

const ITEMS = { data: [{ id: 1, v: "a" }, { id: 2, v: "b" }, { id: 3, v: "c" }] };

Deno.test("record_filter: options, $parameters and the config reach create; slices and tokens reach the filter", async () => {
  const { ctx } = api(() => ITEMS);
  const seen: unknown[] = [];
  const components = defineComponents({
    "x.Keep": {
      kind: "record_filter",
      create(options, c) {
        seen.push(options, c.parameters.flag, c.config.min, c.className, c.kind);
        const threshold = c.template(options.min).eval();
        return (record, info) => {
          seen.push(info.slice.partition);
          return Number(record.id) >= Number(threshold);
        };
      },
    },
  });
  const m = manifest({
    retriever: {
      record_selector: {
        type: "RecordSelector",
        extractor: { type: "DpathExtractor", field_path: ["data"] },
        record_filter: {
          type: "CustomRecordFilter",
          class_name: "x.Keep",
          min: "{{ config.min }}",
          $parameters: { flag: 7 },
        },
      },
    },
  });
  const out = await read(m, components, ctx, { min: 2 });
  deepStrictEqual(out.records.map((r) => r.id), [2, 3]);
  deepStrictEqual(seen.slice(0, 5), [{ flag: 7, min: "{{ config.min }}" }, 7, 2, "x.Keep", "record_filter"]);
  deepStrictEqual(seen[5], {});
});

Deno.test("pagination_strategy: a custom strategy inside a DefaultPaginator drives the page tokens", async () => {
  const { ctx, requests } = api((url) => {
    const after = Number(url.searchParams.get("after") ?? 0);
    return { data: after < 4 ? [{ id: after + 1 }, { id: after + 2 }] : [] };
  });
  const components = defineComponents({
    "x.Pages": {
      kind: "pagination_strategy",
      create: (options) => ({
        initialToken: () => undefined,
        nextToken: (page) => page.records.length === 0 ? undefined : page.lastRecord?.id,
        pageSize: () => Number(options.size),
      }),
    },
  });
  const m = manifest({
    retriever: {
      paginator: {
        type: "DefaultPaginator",
        page_token_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "after" },
        page_size_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "limit" },
        pagination_strategy: { type: "CustomPaginationStrategy", class_name: "x.Pages", size: 2 },
      },
    },
  });
  const out = await read(m, components, ctx);
  deepStrictEqual(out.records.map((r) => r.id), [1, 2, 3, 4]);
  deepStrictEqual(requests, [
    "GET /items?limit=2",
    "GET /items?after=2&limit=2",
    "GET /items?after=4&limit=2",
  ]);
});

Deno.test("error_handler: a custom handler decides (IGNORE a 404, RETRY a 500 with its own backoff)", async () => {
  let calls = 0;
  const { ctx, env } = api(() => {
    calls++;
    if (calls === 1) return new Response("{}", { status: 500 });
    if (calls === 2) return new Response("{}", { status: 404 });
    return ITEMS;
  });
  const components = defineComponents({
    "x.Handler": {
      kind: "error_handler",
      create: () => ({
        interpret: ({ response }) =>
          response?.status === 404
            ? { action: "IGNORE", message: "gone" }
            : response?.status === 500
            ? { action: "RETRY", message: "again" }
            : undefined,
        backoff: [() => 1234],
        maxRetries: 3,
      }),
    },
  });
  const m = manifest({
    retriever: {
      requester: {
        type: "HttpRequester",
        url_base: "https://api.test",
        path: "/items",
        error_handler: { type: "CustomErrorHandler", class_name: "x.Handler" },
      },
    },
  });
  const out = await read(m, components, ctx);
  deepStrictEqual(out.records, []); // the 404 after the retry was ignored
  strictEqual(calls, 2);
  deepStrictEqual(env.slept, [1234 + 1000]); // the reference pads strategy waits by 1 s
});

Deno.test("decoder + schema_loader + schema_normalization: custom implementations replace the built-ins", async () => {
  const { ctx } = api(() => new Response("id=1;n=5\nid=2;n=7\n"));
  const components = defineComponents({
    "x.Lines": {
      kind: "decoder",
      create: (options) => ({
        async *decode(response) {
          const sep = String(options.separator);
          for (const line of (await response.text()).split("\n")) {
            if (line) yield { data: [Object.fromEntries(line.split(sep).map((kv) => kv.split("=")))] };
          }
        },
      }),
    },
    "x.Schema": {
      kind: "schema_loader",
      create: () => () => ({
        type: "object",
        properties: { id: { type: "integer" }, n: { type: "number" } },
      }),
    },
    "x.Cast": {
      kind: "schema_normalization",
      create: () => (schema) => (record) => {
        const props = (schema.properties ?? {}) as Obj;
        for (const key of Object.keys(props)) if (key in record) record[key] = Number(record[key]);
        return record;
      },
    },
  });
  const m = manifest({
    schema_loader: { type: "CustomSchemaLoader", class_name: "x.Schema" },
    retriever: {
      decoder: { type: "CustomDecoder", class_name: "x.Lines", separator: ";" },
      record_selector: {
        type: "RecordSelector",
        extractor: { type: "DpathExtractor", field_path: ["data"] },
        schema_normalization: { type: "CustomSchemaNormalization", class_name: "x.Cast" },
      },
    },
  });
  const out = await read(m, components, ctx);
  deepStrictEqual(out.records, [{ id: 1, n: 5 }, { id: 2, n: 7 }]);
  const source = await createDeclarativeSource(m, { components });
  const [stream] = await source.streams({}, ctx);
  deepStrictEqual(Object.keys((await stream.jsonSchema()).properties as Obj), ["id", "n"]);
});

Deno.test("config_transformation + state_migration + incremental_sync: config, state and cursor are custom", async () => {
  const { ctx, requests } = api((url) => ({
    data: [{ id: 1, seq: Number(url.searchParams.get("from")) + 1 }, {
      id: 2,
      seq: Number(url.searchParams.get("from")) + 2,
    }],
  }));
  const components = defineComponents({
    "x.Region": {
      kind: "config_transformation",
      create: (options) => (config) => ({ ...config, host: `${config.region}.${String(options.domain)}` }),
    },
    "x.Legacy": {
      kind: "state_migration",
      create: () => ({
        shouldMigrate: (state) => "last_seq" in state,
        migrate: (state) => ({ seq: Number(state.last_seq) }),
      }),
    },
    "x.Sequence": {
      kind: "incremental_sync",
      create: (options) => {
        const field = String(options.cursor_field);
        return {
          cursorField: field,
          cursor(state) {
            let max = Number(state?.[field] ?? 0);
            const from = max;
            return {
              slices: () => [{ partition: {}, cursor_slice: { from } }],
              observe(record) {
                max = Math.max(max, Number(record[field]));
              },
              close: () => undefined,
              finalState: () => ({ [field]: max }),
              state: () => ({ [field]: max }),
              applyToRequest: (parts, slice) => ({
                ...parts,
                query: { ...parts.query, from: String(slice.cursor_slice.from) },
              }),
            };
          },
        };
      },
    },
  });
  const m = manifest({
    incremental_sync: { type: "CustomIncrementalSync", class_name: "x.Sequence", cursor_field: "seq" },
    state_migrations: [{ type: "CustomStateMigration", class_name: "x.Legacy" }],
    retriever: {
      requester: { type: "HttpRequester", url_base: "https://{{ config.host }}", path: "/items" },
    },
  }, {
    spec: {
      type: "Spec",
      connection_specification: { type: "object", properties: {} },
      config_normalization_rules: {
        type: "ConfigNormalizationRules",
        transformations: [{ type: "CustomConfigTransformation", class_name: "x.Region", domain: "api.test" }],
      },
    },
  });
  const out = await read(m, components, ctx, { region: "eu" }, {
    syncMode: "incremental",
    state: { last_seq: 40 },
  });
  deepStrictEqual(requests, ["GET /items?from=40"]);
  deepStrictEqual(out.records.map((r) => r.seq), [41, 42]);
  deepStrictEqual(out.states.at(-1), { seq: 42 });
  const source = await createDeclarativeSource(m, { components });
  const [stream] = await source.streams({ region: "eu" }, ctx);
  deepStrictEqual(stream.cursorField, ["seq"]);
});

Deno.test("validation_strategy: a DpathValidator's custom strategy rejects a bad config value", async () => {
  const { ctx } = api(() => ITEMS);
  const components = defineComponents({
    "x.Https": {
      kind: "validation_strategy",
      create: () => (value) => {
        if (typeof value !== "string" || !value.startsWith("https://")) {
          throw new Error(`${value} is not https`);
        }
      },
    },
  });
  const m = manifest({}, {
    spec: {
      type: "Spec",
      connection_specification: { type: "object", properties: {} },
      config_normalization_rules: {
        type: "ConfigNormalizationRules",
        validations: [{
          type: "DpathValidator",
          field_path: ["api_url"],
          validation_strategy: { type: "CustomValidationStrategy", class_name: "x.Https" },
        }],
      },
    },
  });
  await rejects(
    read(m, components, ctx, { api_url: "http://x" }),
    /config validation failed.*http:\/\/x is not https/,
  );
  deepStrictEqual((await read(m, components, ctx, { api_url: "https://x" })).records.length, 3);
});

Deno.test("requester: a CustomRequester is an HttpRequester from its fields wrapped by the registered middleware", async () => {
  const signatures: (string | null)[] = [];
  const { ctx, requests } = api((_url, request) => {
    signatures.push(request.headers.get("x-signature"));
    return ITEMS;
  });
  const components = defineComponents({
    "x.Signed": {
      kind: "requester",
      create: (options, c) => {
        const secret = c.template(options.secret).render();
        return (next) => (request) => {
          const signed = new Request(request);
          signed.headers.set("x-signature", `${secret}:${new URL(request.url).pathname}`);
          return next(signed);
        };
      },
    },
  });
  const m = manifest({
    retriever: {
      requester: {
        type: "CustomRequester",
        class_name: "x.Signed",
        url_base: "https://api.test",
        path: "/items",
        request_parameters: { q: "1" },
        secret: "{{ config.key }}",
      },
    },
  });
  const out = await read(m, components, ctx, { key: "k1" });
  strictEqual(out.records.length, 3);
  deepStrictEqual(requests, ["GET /items?q=1"]);
  deepStrictEqual(signatures, ["k1:/items"]);
});

Deno.test("retriever: a custom retriever wraps a SimpleRetriever built from its own fields", async () => {
  const { ctx, requests } = api(() => ITEMS);
  const components = defineComponents({
    "x.Twice": {
      kind: "retriever",
      create: (options, c) => {
        const inner = c.build("retriever", { ...options, type: "SimpleRetriever" });
        return {
          async *readSlice(slice, read, cursor) {
            for await (const record of inner.readSlice(slice, read, cursor)) {
              yield { ...record, copy: 1 };
              yield { ...record, copy: 2 };
            }
          },
        };
      },
    },
  });
  const m = manifest({});
  const streams = m.streams as Obj[];
  streams[0].retriever = { ...(streams[0].retriever as Obj), type: "CustomRetriever", class_name: "x.Twice" };
  const out = await read(m, components, ctx);
  strictEqual(out.records.length, 6);
  deepStrictEqual(out.records.slice(0, 2), [{ id: 1, v: "a", copy: 1 }, { id: 1, v: "a", copy: 2 }]);
  strictEqual(requests.length, 1);
});

Deno.test("a class registered for another family, or not at all, is a located error naming it", async () => {
  const { ctx } = api(() => ITEMS);
  const components = defineComponents({ "x.T": { kind: "transformation", create: () => (r) => r } });
  const m = manifest({
    retriever: {
      record_selector: {
        type: "RecordSelector",
        extractor: { type: "CustomRecordExtractor", class_name: "x.T" },
      },
    },
  });
  await rejects(
    read(m, components, ctx),
    /"x\.T" is registered as a transformation but used as a record_extractor/,
  );
  await rejects(read(m, {}, ctx), (e: Error) => {
    match(
      e.message,
      /streams\[0\]\.retriever\.record_selector\.extractor.*"x\.T".*register it with --components/,
    );
    return true;
  });
});

Deno.test("defineComponents and componentRegistry: checked definitions; default, `components` or plain exports", () => {
  throws(
    () => defineComponents({ "x.A": { kind: "nope", create: () => undefined } as never }),
    /unknown kind "nope"/,
  );
  throws(() => defineComponents({ "x.A": { kind: "decoder" } as never }), /must be \{ kind, create/);
  const registry = defineComponents({ "x.A": { kind: "record_filter", create: () => () => true } });
  ok("x.A" in componentRegistry({ default: registry }));
  ok("x.A" in componentRegistry({ components: registry }));
  ok("x.A" in componentRegistry({ ...registry }));
  deepStrictEqual(Object.keys(componentRegistry(undefined)), []);
});

Deno.test("a StreamMessage log is the only extra output of a cached read (type check of the contract)", () => {
  const message: StreamMessage = { type: "log", level: "INFO", message: "response cache: 0 hits, 0 misses" };
  strictEqual(message.type, "log");
});
