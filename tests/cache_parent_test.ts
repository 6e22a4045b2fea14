/**
 * The response cache removes the repeated parent requests of substreams (the reference enables `use_cache`
 * on parent streams automatically) without changing any record; `use_cache: false` turns it off.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { loopback, readContext, readStreams } from "./components_helpers.ts";

function manifest(parentCache: "" | "true" | "false"): string {
  const useCache = parentCache === "" ? "" : `\n    use_cache: ${parentCache}`;
  return `
version: 6.0.0
type: DeclarativeSource
check: { type: CheckStream, stream_names: [forms] }
definitions:
  requester:
    type: HttpRequester
    url_base: "{{ config['base'] }}"
    authenticator: { type: BearerAuthenticator, api_token: "{{ config['token'] }}" }${useCache}
  forms:
    type: DeclarativeStream
    name: forms
    primary_key: id
    schema_loader: { type: InlineSchemaLoader, schema: {} }
    retriever:
      type: SimpleRetriever
      requester: { $ref: "#/definitions/requester", path: forms }
      record_selector: { type: RecordSelector, extractor: { type: DpathExtractor, field_path: [items] } }
      paginator:
        type: DefaultPaginator
        page_token_option: { type: RequestOption, inject_into: request_parameter, field_name: page }
        pagination_strategy: { type: PageIncrement, start_from_page: 1, page_size: 2 }
        page_size_option: { type: RequestOption, inject_into: request_parameter, field_name: page_size }
  child:
    type: DeclarativeStream
    schema_loader: { type: InlineSchemaLoader, schema: {} }
    retriever:
      type: SimpleRetriever
      requester:
        type: HttpRequester
        url_base: "{{ config['base'] }}"
        path: "forms/{{ stream_partition.form_id }}/{{ parameters.name }}"
      record_selector: { type: RecordSelector, extractor: { type: DpathExtractor, field_path: [items] } }
      partition_router:
        type: SubstreamPartitionRouter
        parent_stream_configs:
          - { type: ParentStreamConfig, parent_key: id, partition_field: form_id, stream: { $ref: "#/definitions/forms" } }
streams:
  - $ref: "#/definitions/forms"
  - { $ref: "#/definitions/child", $parameters: { name: responses } }
  - { $ref: "#/definitions/child", $parameters: { name: webhooks } }
spec:
  type: Spec
  connection_specification: { type: object, properties: { base: { type: string }, token: { type: string } } }
`;
}

function api() {
  return loopback((url, request) => {
    if (request.headers.get("authorization") !== "Bearer s3cret" && url.pathname === "/forms") {
      return new Response("unauthorized", { status: 401 });
    }
    if (url.pathname === "/forms") {
      const page = Number(url.searchParams.get("page") ?? 1);
      const all = [{ id: "f1" }, { id: "f2" }, { id: "f3" }];
      return { items: all.slice((page - 1) * 2, page * 2) };
    }
    const [, , form, kind] = url.pathname.split("/");
    return { items: [{ id: `${form}-${kind}-1`, form }, { id: `${form}-${kind}-2`, form }] };
  }, 100);
}

Deno.test("parent cache: substream parents are read once per read; records unchanged; counts logged", async () => {
  const before = api();
  const after = api();
  try {
    const off = await readStreams(manifest("false"), { base: before.url, token: "s3cret" });
    const ctx = readContext();
    const on = await readStreams(manifest(""), { base: after.url, token: "s3cret" }, { ctx });
    // forms: 2 pages read by the forms stream and again as the parent of each of the 2 children = 6;
    // children: 3 forms each = 6.
    strictEqual(before.requests.length, 12, before.requests.join("\n"));
    strictEqual(before.requests.filter((r) => r.startsWith("GET /forms?")).length, 6);
    // with the cache the parent pages are fetched once
    strictEqual(after.requests.length, 8, after.requests.join("\n"));
    strictEqual(after.requests.filter((r) => r.startsWith("GET /forms?")).length, 2);
    for (const name of ["forms", "responses", "webhooks"]) {
      deepStrictEqual(on[name].records, off[name].records, name);
      deepStrictEqual(on[name].states, off[name].states, name);
    }
    strictEqual(on.responses.records.length, 6);
    // the summary: hits accumulate over the read; nothing is logged without a cache
    deepStrictEqual(off.webhooks.logs, []);
    deepStrictEqual(on.forms.logs, [
      "forms: response cache: 0 hits, 2 misses (2 entries, 58 bytes, 0 evictions)",
    ]);
    ok(on.webhooks.logs[0].startsWith("webhooks: response cache: 4 hits, 2 misses"), on.webhooks.logs[0]);
  } finally {
    await before.close();
    await after.close();
  }
});

Deno.test("parent cache: the cache is scoped to one read (a second streams() call fetches again)", async () => {
  const server = api();
  try {
    await readStreams(manifest("true"), { base: server.url, token: "s3cret" }, { streams: ["forms"] });
    await readStreams(manifest("true"), { base: server.url, token: "s3cret" }, { streams: ["forms"] });
    strictEqual(server.requests.length, 4);
  } finally {
    await server.close();
  }
});
