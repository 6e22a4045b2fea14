/**
 * The declarative factory end to end: manifests (as objects) run against an injected fetch that plays the API,
 * asserting the exact requests sent, the records produced and the state emitted.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { createDeclarativeSource } from "../src/declarative/manifest_source.ts";
import { fakeEnv } from "../src/env.ts";
import { SecretMasker } from "../src/secrets.ts";
import type { ReadContext, StreamMessage, SyncMode } from "../src/source/types.ts";
import type { JsonObject } from "../src/types.ts";
import { unbatchRecords } from "../src/source/stream_messages.ts";

type Handler = (url: URL, request: Request) => unknown | Response;

function api(handler: Handler): { ctx: ReadContext; requests: string[]; bodies: string[] } {
  const requests: string[] = [];
  const bodies: string[] = [];
  const env = fakeEnv({
    start: Date.UTC(2024, 0, 10),
    fetch: async (request: Request) => {
      requests.push(`${request.method} ${request.url}`);
      bodies.push(request.method === "GET" ? "" : await request.text());
      const out = handler(new URL(request.url), request);
      return out instanceof Response ? out : Response.json(out);
    },
  });
  return { ctx: { env, masker: new SecretMasker() }, requests, bodies };
}

function manifest(streams: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: "6.0.0",
    type: "DeclarativeSource",
    check: { type: "CheckStream", stream_names: [(streams[0] as { name: string } | undefined)?.name ?? ""] },
    streams,
    spec: {
      type: "Spec",
      connection_specification: {
        type: "object",
        properties: { api_key: { type: "string", airbyte_secret: true }, start: { type: "string" } },
      },
    },
    ...extra,
  };
}

async function read(
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
  ok(s, `stream ${stream} exists`);
  const out: StreamMessage[] = [];
  for await (const msg of unbatchRecords(s.read({ syncMode, state }, ctx))) out.push(msg);
  return out;
}

const records = (msgs: StreamMessage[]) => msgs.flatMap((m) => (m.type === "record" ? [m.data] : []));
const states = (msgs: StreamMessage[]) => msgs.flatMap((m) => (m.type === "state" ? [m.state] : []));

Deno.test("offset pagination, api key header, request parameters and AddFields/RemoveFields", async () => {
  const data = Array.from({ length: 5 }, (_, i) => ({ id: i + 1, secret: "x", name: `n${i + 1}` }));
  const { ctx, requests } = api((url, request) => {
    strictEqual(request.headers.get("X-Key"), "k-123");
    const offset = Number(url.searchParams.get("offset") ?? 0);
    return { items: data.slice(offset, offset + 2) };
  });
  const stream = {
    type: "DeclarativeStream",
    name: "users",
    primary_key: "id",
    $parameters: { resource: "users" },
    retriever: {
      type: "SimpleRetriever",
      requester: {
        type: "HttpRequester",
        url_base: "https://api.test/v1/",
        path: "/{{ parameters.resource }}",
        authenticator: {
          type: "ApiKeyAuthenticator",
          api_token: "{{ config.api_key }}",
          inject_into: { type: "RequestOption", inject_into: "header", field_name: "X-Key" },
        },
        request_parameters: { sort: "asc", empty: "{{ config.get('missing') }}" },
      },
      record_selector: {
        type: "RecordSelector",
        extractor: { type: "DpathExtractor", field_path: ["items"] },
      },
      paginator: {
        type: "DefaultPaginator",
        pagination_strategy: { type: "OffsetIncrement", page_size: 2 },
        page_token_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "offset" },
        page_size_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "limit" },
      },
    },
    transformations: [
      {
        type: "AddFields",
        fields: [{ path: ["label"], value: "{{ record.name | upper }}-{{ parameters.resource }}" }],
      },
      { type: "RemoveFields", field_pointers: [["secret"]] },
    ],
    schema_loader: { type: "InlineSchemaLoader", schema: {} },
  };
  const msgs = await read(manifest([stream]), { api_key: "k-123" }, ctx, "users");
  // `empty` renders Python's None, which the reference sends as the string "None" (valid_types str/list).
  deepStrictEqual(requests, [
    "GET https://api.test/v1/users?sort=asc&empty=None&limit=2",
    "GET https://api.test/v1/users?sort=asc&empty=None&offset=2&limit=2",
    "GET https://api.test/v1/users?sort=asc&empty=None&offset=4&limit=2",
  ]);
  deepStrictEqual(records(msgs).map((r) => r.label), [
    "N1-users",
    "N2-users",
    "N3-users",
    "N4-users",
    "N5-users",
  ]);
  ok(records(msgs).every((r) => !("secret" in r)));
  deepStrictEqual(states(msgs), [{ __ab_no_cursor_state_message: true }]);
});

Deno.test("cursor pagination with a next-page URL (RequestPath) and a stop condition", async () => {
  const { ctx, requests } = api((url) => {
    const page = Number(url.searchParams.get("page") ?? 1);
    return {
      data: [{ id: page }],
      next: page < 3 ? `https://api.test/things?page=${page + 1}` : null,
      has_more: page < 3,
    };
  });
  const stream = {
    type: "DeclarativeStream",
    name: "things",
    retriever: {
      type: "SimpleRetriever",
      requester: { type: "HttpRequester", url_base: "https://api.test", path: "things" },
      record_selector: {
        type: "RecordSelector",
        extractor: { type: "DpathExtractor", field_path: ["data"] },
      },
      paginator: {
        type: "DefaultPaginator",
        pagination_strategy: {
          type: "CursorPagination",
          cursor_value: "{{ response.next }}",
          stop_condition: "{{ not response.has_more }}",
        },
        page_token_option: { type: "RequestPath" },
      },
    },
    schema_loader: { type: "InlineSchemaLoader", schema: {} },
  };
  const msgs = await read(manifest([stream]), {}, ctx, "things");
  deepStrictEqual(requests, [
    "GET https://api.test/things",
    "GET https://api.test/things?page=2",
    "GET https://api.test/things?page=3",
  ]);
  deepStrictEqual(records(msgs).map((r) => r.id), [1, 2, 3]);
});

const eventsStream = {
  type: "DeclarativeStream",
  name: "events",
  primary_key: "id",
  retriever: {
    type: "SimpleRetriever",
    requester: { type: "HttpRequester", url_base: "https://api.test", path: "events" },
    record_selector: {
      type: "RecordSelector",
      extractor: { type: "DpathExtractor", field_path: ["events"] },
    },
  },
  incremental_sync: {
    type: "DatetimeBasedCursor",
    cursor_field: "updated",
    datetime_format: "%Y-%m-%d",
    start_datetime: { type: "MinMaxDatetime", datetime: "{{ config.start }}", datetime_format: "%Y-%m-%d" },
    end_datetime: "{{ today_utc() }}",
    step: "P1D",
    cursor_granularity: "P1D",
    start_time_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "since" },
    end_time_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "until" },
  },
  schema_loader: { type: "InlineSchemaLoader", schema: {} },
};

// Expected values were printed by the reference CDK (airbyte-cdk in /work/.venv-cdk) for this manifest at the
// same frozen time: the last window spans two days and the state is the most recent record value.
Deno.test("datetime incremental: one request per window, window bounds injected, state round trip", async () => {
  const { ctx, requests } = api((url) => {
    const since = url.searchParams.get("since")!;
    return { events: [{ id: since, updated: since }] };
  });
  const m = manifest([eventsStream]);
  const first = await read(m, { start: "2024-01-07" }, ctx, "events", "incremental");
  deepStrictEqual(requests, [
    "GET https://api.test/events?since=2024-01-07&until=2024-01-07",
    "GET https://api.test/events?since=2024-01-08&until=2024-01-08",
    "GET https://api.test/events?since=2024-01-09&until=2024-01-10",
  ]);
  deepStrictEqual(records(first).map((r) => r.id), ["2024-01-07", "2024-01-08", "2024-01-09"]);
  deepStrictEqual(states(first), [
    { updated: "2024-01-07" },
    { updated: "2024-01-08" },
    { updated: "2024-01-09" },
    { updated: "2024-01-09" },
  ]);
  const last = states(first).at(-1)!;

  requests.length = 0;
  const second = await read(m, { start: "2024-01-07" }, ctx, "events", "incremental", last);
  deepStrictEqual(requests, ["GET https://api.test/events?since=2024-01-09&until=2024-01-10"]);
  deepStrictEqual(states(second), [{ updated: "2024-01-09" }, { updated: "2024-01-09" }]);
});

Deno.test("substream: one child request per parent record, per-partition state", async () => {
  const { ctx, requests } = api((url) => {
    if (url.pathname === "/projects") return [{ id: "p1" }, { id: "p2" }];
    const project = url.pathname.split("/")[2];
    return { tasks: [{ id: `${project}-t`, updated: "2024-01-09" }] };
  });
  const projects = {
    type: "DeclarativeStream",
    name: "projects",
    retriever: {
      type: "SimpleRetriever",
      requester: { type: "HttpRequester", url_base: "https://api.test", path: "projects" },
      record_selector: { type: "RecordSelector", extractor: { type: "DpathExtractor", field_path: [] } },
    },
    schema_loader: { type: "InlineSchemaLoader", schema: {} },
  };
  const tasks = {
    type: "DeclarativeStream",
    name: "tasks",
    retriever: {
      type: "SimpleRetriever",
      requester: {
        type: "HttpRequester",
        url_base: "https://api.test",
        path: "projects/{{ stream_partition.project_id }}/tasks",
      },
      record_selector: {
        type: "RecordSelector",
        extractor: { type: "DpathExtractor", field_path: ["tasks"] },
      },
      partition_router: {
        type: "SubstreamPartitionRouter",
        parent_stream_configs: [{
          type: "ParentStreamConfig",
          stream: projects,
          parent_key: "id",
          partition_field: "project_id",
        }],
      },
    },
    incremental_sync: {
      type: "DatetimeBasedCursor",
      cursor_field: "updated",
      datetime_format: "%Y-%m-%d",
      start_datetime: "2024-01-01",
    },
    transformations: [{
      type: "AddFields",
      fields: [{ path: ["project"], value: "{{ stream_partition.project_id }}" }],
    }],
    schema_loader: { type: "InlineSchemaLoader", schema: {} },
  };
  const msgs = await read(manifest([projects, tasks]), {}, ctx, "tasks", "incremental");
  deepStrictEqual(requests, [
    "GET https://api.test/projects",
    "GET https://api.test/projects/p1/tasks",
    "GET https://api.test/projects/p2/tasks",
  ]);
  deepStrictEqual(records(msgs).map((r) => [r.id, r.project]), [["p1-t", "p1"], ["p2-t", "p2"]]);
  const final = states(msgs).at(-1)!;
  deepStrictEqual(final.states, [
    { partition: { parent_slice: {}, project_id: "p1" }, cursor: { updated: "2024-01-09" } },
    { partition: { parent_slice: {}, project_id: "p2" }, cursor: { updated: "2024-01-09" } },
  ]);
});

Deno.test("error handler: IGNORE 404 gives no records, 503 is retried, FAIL surfaces a SpoutError", async () => {
  let calls = 0;
  const { ctx, requests } = api((url) => {
    if (url.pathname === "/gone") return new Response("{}", { status: 404 });
    if (url.pathname === "/flaky") return ++calls === 1 ? new Response("busy", { status: 503 }) : [{ id: 1 }];
    return new Response('{"error":"bad key"}', { status: 401 });
  });
  const mk = (name: string, path: string) => ({
    type: "DeclarativeStream",
    name,
    retriever: {
      type: "SimpleRetriever",
      requester: {
        type: "HttpRequester",
        url_base: "https://api.test",
        path,
        error_handler: {
          type: "DefaultErrorHandler",
          response_filters: [{ type: "HttpResponseFilter", http_codes: [404], action: "IGNORE" }],
          backoff_strategies: [{ type: "ConstantBackoffStrategy", backoff_time_in_seconds: 2 }],
        },
      },
      record_selector: { type: "RecordSelector", extractor: { type: "DpathExtractor", field_path: [] } },
    },
    schema_loader: { type: "InlineSchemaLoader", schema: {} },
  });
  const m = manifest([mk("gone", "gone"), mk("flaky", "flaky"), mk("denied", "denied")]);
  deepStrictEqual(records(await read(m, {}, ctx, "gone")), []);
  deepStrictEqual(records(await read(m, {}, ctx, "flaky")), [{ id: 1 }]);
  ok((ctx.env as ReturnType<typeof fakeEnv>).slept.includes(3000), "constant backoff of 2 s (+1 s padding)");
  let error: unknown;
  try {
    await read(m, {}, ctx, "denied");
  } catch (e) {
    error = e;
  }
  strictEqual((error as { code?: string }).code, "http_auth");
  strictEqual(requests.filter((r) => r.endsWith("/denied")).length, 1, "401 is not retried");
});

Deno.test("check reads the first record; spec passes through; a failing check names the stream", async () => {
  const { ctx } = api((url) => url.pathname === "/ok" ? [{ id: 1 }] : new Response("{}", { status: 403 }));
  const mk = (name: string) => ({
    type: "DeclarativeStream",
    name,
    retriever: {
      type: "SimpleRetriever",
      requester: { type: "HttpRequester", url_base: "https://api.test", path: name },
      record_selector: { type: "RecordSelector", extractor: { type: "DpathExtractor", field_path: [] } },
    },
    schema_loader: { type: "InlineSchemaLoader", schema: { type: "object" } },
  });
  const good = await createDeclarativeSource(manifest([mk("ok")]));
  deepStrictEqual(await good.check({}, ctx), { status: "SUCCEEDED" });
  const spec = await good.spec();
  strictEqual((spec.connectionSpecification.properties as JsonObject).api_key !== undefined, true);
  const bad = await createDeclarativeSource(manifest([mk("no")]));
  const status = await bad.check({}, ctx);
  strictEqual(status.status, "FAILED");
  ok(status.message?.includes("stream no"), status.message);
});

Deno.test("dynamic streams from the config (ConfigComponentsResolver) and config migrations", async () => {
  const { ctx, requests } = api(() => [{ id: 1 }]);
  const m = manifest([], {
    streams: [],
    check: { type: "CheckStream", stream_names: ["report_a_x"] },
    dynamic_streams: [{
      type: "DynamicDeclarativeStream",
      stream_template: {
        type: "DeclarativeStream",
        name: "",
        retriever: {
          type: "SimpleRetriever",
          requester: {
            type: "HttpRequester",
            url_base: "https://api.test",
            path: "reports/{{ parameters.id }}",
          },
          record_selector: { type: "RecordSelector", extractor: { type: "DpathExtractor", field_path: [] } },
        },
        schema_loader: { type: "InlineSchemaLoader", schema: {} },
      },
      components_resolver: {
        type: "ConfigComponentsResolver",
        stream_config: { type: "StreamConfig", configs_pointer: ["reports"] },
        components_mapping: [
          {
            type: "ComponentMappingDefinition",
            field_path: ["name"],
            value: "report_{{ components_values.name }}{{ config.suffix }}",
          },
          {
            type: "ComponentMappingDefinition",
            field_path: ["retriever", "requester", "$parameters", "id"],
            value: "{{ components_values.id }}",
            create_or_update: true,
          },
        ],
      },
    }],
    spec: {
      type: "Spec",
      connection_specification: { type: "object", properties: {} },
      config_normalization_rules: {
        type: "ConfigNormalizationRules",
        config_migrations: [{
          type: "ConfigMigration",
          transformations: [{ type: "ConfigRemapField", field_path: ["suffix"], map: { X: "_x" } }],
        }],
      },
    },
  });
  const source = await createDeclarativeSource(m);
  const streams = await source.streams(
    { suffix: "X", reports: [{ name: "a", id: 7 }, { name: "b", id: 8 }] },
    ctx,
  );
  deepStrictEqual(streams.map((s) => s.name), ["report_a_x", "report_b_x"]);
  for await (const _ of streams[1].read({ syncMode: "full_refresh" }, ctx)) { /* drain */ }
  deepStrictEqual(requests, ["GET https://api.test/reports/8"]);
});

Deno.test("DynamicSchemaLoader builds the schema from the first API record with types_mapping", async () => {
  const { ctx } = api((url) =>
    url.pathname === "/fields"
      ? { table: { fields: [{ name: "a", type: "number" }, { name: "b", type: "checkbox" }, { name: "c" }] } }
      : []
  );
  const stream = {
    type: "DeclarativeStream",
    name: "rows",
    retriever: {
      type: "SimpleRetriever",
      requester: { type: "HttpRequester", url_base: "https://api.test", path: "rows" },
      record_selector: { type: "RecordSelector", extractor: { type: "DpathExtractor", field_path: [] } },
    },
    schema_loader: {
      type: "DynamicSchemaLoader",
      retriever: {
        type: "SimpleRetriever",
        requester: { type: "HttpRequester", url_base: "https://api.test", path: "fields" },
        record_selector: { type: "RecordSelector", extractor: { type: "DpathExtractor", field_path: [] } },
      },
      schema_type_identifier: {
        type: "SchemaTypeIdentifier",
        schema_pointer: ["table", "fields"],
        key_pointer: ["name"],
        type_pointer: ["type"],
        types_mapping: [
          { type: "TypesMap", current_type: "checkbox", target_type: "boolean" },
          { type: "TypesMap", current_type: "string", target_type: ["string", "integer"] },
        ],
      },
    },
  };
  const source = await createDeclarativeSource(manifest([stream]));
  const [s] = await source.streams({}, ctx);
  deepStrictEqual((await s.jsonSchema()).properties, {
    a: { type: ["null", "number"] },
    b: { type: ["null", "boolean"] },
    c: { oneOf: [{ type: ["null", "string"] }, { type: ["null", "integer"] }] },
  });
});

Deno.test("AsyncRetriever: create a job, poll until ready, download every target, transform records", async () => {
  let polls = 0;
  const { ctx, requests } = api((url, request) => {
    if (url.pathname === "/exports" && request.method === "POST") return { id: "j1" };
    if (url.pathname === "/exports/j1") {
      return ++polls < 3
        ? { status: "pending" }
        : { status: "ready", urls: ["https://files.test/a.jsonl", "https://files.test/b.jsonl"] };
    }
    if (url.hostname === "files.test") {
      return new Response(`{"ID": "${url.pathname}-1"}\n{"ID": "${url.pathname}-2"}\n`);
    }
    return new Response("{}", { status: 404 });
  });
  const stream = {
    type: "DeclarativeStream",
    name: "contacts",
    retriever: {
      type: "AsyncRetriever",
      status_mapping: {
        running: ["pending"],
        completed: ["ready"],
        failed: ["failed"],
        timeout: ["timeout"],
      },
      status_extractor: { type: "DpathExtractor", field_path: ["status"] },
      download_target_extractor: { type: "DpathExtractor", field_path: ["urls"] },
      record_selector: { type: "RecordSelector", extractor: { type: "DpathExtractor", field_path: [] } },
      creation_requester: {
        type: "HttpRequester",
        url_base: "https://api.test",
        path: "exports",
        http_method: "POST",
      },
      polling_requester: {
        type: "HttpRequester",
        url_base: "https://api.test",
        path: "exports/{{ creation_response['id'] }}",
      },
      download_requester: { type: "HttpRequester", url_base: "{{ download_target }}" },
      download_decoder: { type: "JsonlDecoder" },
    },
    transformations: [{ type: "KeysToLower" }],
    schema_loader: { type: "InlineSchemaLoader", schema: {} },
  };
  const msgs = await read(manifest([stream]), {}, ctx, "contacts");
  deepStrictEqual(records(msgs), [{ id: "/a.jsonl-1" }, { id: "/a.jsonl-2" }, { id: "/b.jsonl-1" }, {
    id: "/b.jsonl-2",
  }]);
  deepStrictEqual(requests, [
    "POST https://api.test/exports",
    "GET https://api.test/exports/j1",
    "GET https://api.test/exports/j1",
    "GET https://api.test/exports/j1",
    "GET https://files.test/a.jsonl",
    "GET https://files.test/b.jsonl",
  ]);
  deepStrictEqual((ctx.env as ReturnType<typeof fakeEnv>).slept.filter((ms) => ms === 5000).length, 2);
});

Deno.test("OffsetIncrement counts the records the API returned, not those the record filter kept", async () => {
  const data = [{ id: 1, keep: true }, { id: 2, keep: false }, { id: 3, keep: true }, { id: 4, keep: true }];
  const { ctx, requests } = api((url) => {
    const offset = Number(url.searchParams.get("offset") ?? 0);
    return { items: data.slice(offset, offset + 2) };
  });
  const stream = {
    type: "DeclarativeStream",
    name: "items",
    retriever: {
      type: "SimpleRetriever",
      requester: { type: "HttpRequester", url_base: "https://api.test", path: "items" },
      record_selector: {
        type: "RecordSelector",
        extractor: { type: "DpathExtractor", field_path: ["items"] },
        record_filter: { type: "RecordFilter", condition: "{{ record.keep }}" },
      },
      paginator: {
        type: "DefaultPaginator",
        pagination_strategy: { type: "OffsetIncrement", page_size: 2 },
        page_token_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "offset" },
      },
    },
    schema_loader: { type: "InlineSchemaLoader", schema: {} },
  };
  const msgs = await read(manifest([stream]), {}, ctx, "items");
  deepStrictEqual(records(msgs).map((r) => r.id), [1, 3, 4]);
  deepStrictEqual(requests, [
    "GET https://api.test/items",
    "GET https://api.test/items?offset=2",
    "GET https://api.test/items?offset=4",
  ]);
});

Deno.test("ConfigComponentsResolver: several stream_configs combine as the reference's product (source_config_<i>)", async () => {
  const { ctx } = api(() => []);
  const m = manifest([], {
    streams: [],
    dynamic_streams: [{
      type: "DynamicDeclarativeStream",
      stream_template: {
        type: "DeclarativeStream",
        name: "",
        retriever: {
          type: "SimpleRetriever",
          requester: { type: "HttpRequester", url_base: "https://api.test", path: "r" },
          record_selector: { type: "RecordSelector", extractor: { type: "DpathExtractor", field_path: [] } },
        },
        schema_loader: { type: "InlineSchemaLoader", schema: {} },
      },
      components_resolver: {
        type: "ConfigComponentsResolver",
        stream_config: [
          { type: "StreamConfig", configs_pointer: ["reports"] },
          { type: "StreamConfig", configs_pointer: ["ids"] },
          { type: "StreamConfig", configs_pointer: ["tags"], default_values: [{ tag: "d" }] },
        ],
        components_mapping: [{
          type: "ComponentMappingDefinition",
          field_path: ["name"],
          value: "{{ components_values['name'] }}_{{ components_values['source_config_1'][1] }}_" +
            "{{ components_values.get('source_config_2', [0, 'none'])[1] }}_{{ components_values['source_config_1'][0] }}",
        }],
      },
    }],
  });
  const source = await createDeclarativeSource(m);
  const config = { reports: [{ name: "a" }, { name: "b" }], ids: ["p1", "p2"], tags: "solo" };
  const streams = await source.streams(config, ctx);
  // names printed by airbyte-cdk 7.39.1 for the same resolver and config
  deepStrictEqual(streams.map((s) => s.name), [
    "a_p1_solo_0",
    "a_p1_none_0",
    "a_p2_solo_1",
    "a_p2_none_1",
    "b_p1_solo_0",
    "b_p1_none_0",
    "b_p2_solo_1",
    "b_p2_none_1",
  ]);
});

Deno.test("config_migrations: a migrated config is reported once (CONTROL), an unchanged one never", async () => {
  const { ctx } = api(() => []);
  const m = manifest([], {
    spec: {
      type: "Spec",
      connection_specification: { type: "object", properties: {} },
      config_normalization_rules: {
        type: "ConfigNormalizationRules",
        config_migrations: [{
          type: "ConfigMigration",
          transformations: [{ type: "ConfigRemapField", field_path: ["region"], map: { old: "eu" } }],
        }],
      },
    },
  });
  const updates: unknown[] = [];
  const withUpdates = { ...ctx, onConfigUpdate: (c: unknown) => updates.push(c) };
  const source = await createDeclarativeSource(m);
  await source.streams({ region: "old", key: 1 }, withUpdates);
  await source.streams({ region: "old", key: 1 }, withUpdates);
  deepStrictEqual(updates, [{ region: "eu", key: 1 }]);
  const unchanged = await createDeclarativeSource(m);
  await unchanged.streams({ region: "eu" }, withUpdates);
  strictEqual(updates.length, 1);
});

Deno.test("SessionTokenAuthenticator: a 401 logs in again once and resends the request", async () => {
  let logins = 0;
  const valid = new Set<string>();
  const { ctx, requests } = api((url, request) => {
    if (url.pathname === "/login") {
      const token = `t${++logins}`;
      valid.clear();
      valid.add(token);
      return { token };
    }
    const used = request.headers.get("x-session") ?? "";
    if (!valid.has(used)) return new Response("{}", { status: 401 });
    return [{ id: used }];
  });
  const stream = {
    type: "DeclarativeStream",
    name: "items",
    retriever: {
      type: "SimpleRetriever",
      requester: {
        type: "HttpRequester",
        url_base: "https://api.test",
        path: "items",
        authenticator: {
          type: "SessionTokenAuthenticator",
          login_requester: {
            type: "HttpRequester",
            url_base: "https://api.test",
            path: "login",
            http_method: "POST",
          },
          session_token_path: ["token"],
          request_authentication: {
            type: "ApiKey",
            inject_into: { type: "RequestOption", inject_into: "header", field_name: "x-session" },
          },
        },
      },
      record_selector: { type: "RecordSelector", extractor: { type: "DpathExtractor", field_path: [] } },
    },
    schema_loader: { type: "InlineSchemaLoader", schema: {} },
  };
  const source = await createDeclarativeSource(manifest([stream]));
  const [items] = await source.streams({}, ctx);
  const read = async () => {
    const out: unknown[] = [];
    for await (const m of items.read({ syncMode: "full_refresh" }, ctx)) {
      if (m.type === "records") out.push(...m.data);
    }
    return out;
  };
  deepStrictEqual(await read(), [{ id: "t1" }]);
  valid.clear(); // the session expires on the server
  deepStrictEqual(await read(), [{ id: "t2" }]);
  deepStrictEqual(requests, [
    "POST https://api.test/login",
    "GET https://api.test/items",
    "GET https://api.test/items",
    "POST https://api.test/login",
    "GET https://api.test/items",
  ]);
});

Deno.test("conditions are InterpolatedBoolean verdicts: the strings 'false' and '0' are false (ConditionalStreams, AddFields)", async () => {
  const { ctx } = api(() => [{ id: 1 }]);
  const stream = (name: string) => ({
    type: "DeclarativeStream",
    name,
    retriever: {
      type: "SimpleRetriever",
      requester: { type: "HttpRequester", url_base: "https://api.test", path: name },
      record_selector: { type: "RecordSelector", extractor: { type: "DpathExtractor", field_path: [] } },
    },
    schema_loader: { type: "InlineSchemaLoader", schema: {} },
    transformations: [{
      type: "AddFields",
      fields: [{ path: ["flagged"], value: "yes" }],
      condition: "{{ config.flag }}",
    }],
  });
  const m = manifest([], {
    streams: [
      { type: "ConditionalStreams", condition: "{{ config.flag }}", streams: [stream("a")] },
      { type: "ConditionalStreams", condition: "{{ config.other }}", streams: [stream("b")] },
    ],
  });
  for (const flag of ["false", "0", "False", ""]) {
    const source = await createDeclarativeSource(m);
    const streams = await source.streams({ flag, other: "yes" }, ctx);
    deepStrictEqual(streams.map((s) => s.name), ["b"], flag);
    deepStrictEqual(records(await read(m, { flag, other: "yes" }, ctx, "b")), [{ id: 1 }], flag);
  }
  const source = await createDeclarativeSource(m);
  deepStrictEqual((await source.streams({ flag: "true", other: "no" }, ctx)).map((s) => s.name), ["a", "b"]);
});
