/**
 * QueryProperties end to end through the declarative source, with goldens recorded from the reference CDK
 * (airbyte-cdk 7.39.1, same manifests and scripted API): request order, the injected chunk, merging, and
 * which response drives pagination.
 */
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { createDeclarativeSource } from "../manifest_source.ts";
import { fakeEnv } from "../../env.ts";
import { SecretMasker } from "../../secrets.ts";
import type { ReadContext } from "../../source/types.ts";
import type { JsonObject, RecordData } from "../../types.ts";
import { deepMerge, groupKey, propertyChunks } from "./query_properties.ts";

type Handler = (url: URL) => unknown;

function api(handler: Handler): { ctx: ReadContext; requests: string[] } {
  const requests: string[] = [];
  const env = fakeEnv({
    fetch: (request: Request) => {
      const url = new URL(request.url);
      requests.push(`${url.pathname}?${decodeURIComponent(url.search.slice(1))}`);
      const out = handler(url);
      return Promise.resolve(out instanceof Response ? out : Response.json(out));
    },
  });
  return { ctx: { env, masker: new SecretMasker() }, requests };
}

function sourceOf(streams: unknown[]): Record<string, unknown> {
  return {
    version: "6.0.0",
    type: "DeclarativeSource",
    check: { type: "CheckStream", stream_names: ["items"] },
    streams,
    spec: { type: "Spec", connection_specification: { type: "object", properties: {} } },
  };
}

async function readAll(
  m: Record<string, unknown>,
  ctx: ReadContext,
  config: JsonObject = {},
  stream = "items",
): Promise<RecordData[]> {
  const source = await createDeclarativeSource(m);
  const s = (await source.streams(config, ctx)).find((x) => x.name === stream)!;
  const out: RecordData[] = [];
  for await (const msg of s.read({ syncMode: "full_refresh" }, ctx)) {
    if (msg.type === "record") out.push(msg.data);
    else if (msg.type === "records") out.push(...msg.data);
  }
  return out;
}

const selector = { type: "RecordSelector", extractor: { type: "DpathExtractor", field_path: ["data"] } };

Deno.test("query properties: every page is requested once per chunk, records merged by key after the last chunk", async () => {
  const m = sourceOf([{
    type: "DeclarativeStream",
    name: "items",
    primary_key: "id",
    schema_loader: { type: "InlineSchemaLoader", schema: { type: "object" } },
    retriever: {
      type: "SimpleRetriever",
      requester: {
        type: "HttpRequester",
        url_base: "https://api.test",
        path: "/items",
        request_parameters: {
          fixed: "x",
          props: {
            type: "QueryProperties",
            property_list: ["a", "b", "c", "d", "e"],
            always_include_properties: ["id"],
            property_chunking: {
              type: "PropertyChunking",
              property_limit_type: "property_count",
              property_limit: 2,
              record_merge_strategy: { type: "GroupByKeyMergeStrategy", key: "id" },
            },
          },
          chunk: "{{ stream_partition.extra_fields['query_properties'] | join('-') }}",
        },
      },
      record_selector: selector,
      paginator: {
        type: "DefaultPaginator",
        page_token_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "cursor" },
        pagination_strategy: {
          type: "CursorPagination",
          cursor_value: "{{ response.next or '' }}",
          stop_condition: "{{ not response.next }}",
        },
      },
    },
  }]);
  const { ctx, requests } = api((url) => {
    const props = url.searchParams.get("props")!.split(",");
    const page = url.searchParams.get("cursor") ?? "p1";
    const ids = page === "p1" ? ["1", "2"] : ["3"];
    const rows: RecordData[] = ids.map((i) => ({
      ...Object.fromEntries(props.map((p) => [p, `${p}${i}`])),
      id: i,
    }));
    if (page === "p1" && props.includes("a")) rows.push({ noid: true, a: "z" });
    // only the last chunk's response carries the next token: it is the one that drives pagination
    return page === "p1" && props.includes("e") ? { data: rows, next: "p2" } : { data: rows };
  });
  const records = await readAll(m, ctx);
  // golden: airbyte-cdk 7.39.1
  deepStrictEqual(requests, [
    "/items?fixed=x&chunk=id-a-b&props=id,a,b",
    "/items?fixed=x&chunk=id-c-d&props=id,c,d",
    "/items?fixed=x&chunk=id-e&props=id,e",
    "/items?fixed=x&chunk=id-a-b&props=id,a,b&cursor=p2",
    "/items?fixed=x&chunk=id-c-d&props=id,c,d&cursor=p2",
    "/items?fixed=x&chunk=id-e&props=id,e&cursor=p2",
  ]);
  deepStrictEqual(records, [
    { noid: true, a: "z" },
    { id: "1", a: "a1", b: "b1", c: "c1", d: "d1", e: "e1" },
    { id: "2", a: "a2", b: "b2", c: "c2", d: "d2", e: "e2" },
    { id: "3", a: "a3", b: "b3", c: "c3", d: "d3", e: "e3" },
  ]);
});

Deno.test("property chunks: characters limit counts length + 3, selection, no limit appends always-included", () => {
  const fields = ["alpha", "be", "gamma", "de"];
  // alpha(8) + be(5) = 13 <= 14; gamma(8) would exceed -> new chunk; de(5) fits with gamma
  deepStrictEqual(propertyChunks(fields, ["id"], undefined, { limitType: "characters", limit: 14 }), [
    ["id", "alpha", "be"],
    ["id", "gamma", "de"],
  ]);
  deepStrictEqual(
    propertyChunks(fields, undefined, new Set(["be", "de"]), { limitType: "property_count", limit: 1 }),
    [
      ["be"],
      ["de"],
    ],
  );
  // a property larger than the limit yields the (empty) chunk before it, like the reference
  deepStrictEqual(propertyChunks(["toolong"], undefined, undefined, { limitType: "characters", limit: 3 }), [
    [],
    ["toolong"],
  ]);
  deepStrictEqual(propertyChunks(["a", "b"], ["id"], new Set(["a"]), { limitType: "property_count" }), [
    ["a", "b", "id"],
  ]);
});

Deno.test("merge key and deep merge follow GroupByKey / _deep_merge", () => {
  strictEqual(groupKey({ a: "x", b: "y" }, ["a", "b"]), "x,y");
  strictEqual(groupKey({ a: "x", b: 0 }, ["a", "b"]), undefined);
  strictEqual(groupKey({ a: null }, ["a"]), undefined);
  let failed = false;
  try {
    groupKey({ a: 5 }, ["a"]);
  } catch {
    failed = true;
  }
  strictEqual(failed, true);
  const target: { [k: string]: unknown } = {};
  deepMerge(target, { id: "1", m: { x: 1 }, l: [1] });
  deepMerge(target, { id: "1", m: { y: 2 }, l: [2] });
  deepStrictEqual(target, { id: "1", m: { x: 1, y: 2 }, l: [2] });
});

Deno.test("query properties from an endpoint: read once per stream build, missing names become '[]', offset counts the last chunk", async () => {
  const m = sourceOf([{
    type: "DeclarativeStream",
    name: "items",
    primary_key: "id",
    schema_loader: { type: "InlineSchemaLoader", schema: { type: "object" } },
    retriever: {
      type: "SimpleRetriever",
      partition_router: { type: "ListPartitionRouter", values: ["x", "y"], cursor_field: "part" },
      requester: {
        type: "HttpRequester",
        url_base: "https://api.test",
        path: "/items/{{ stream_partition.part }}",
        request_parameters: {
          properties: {
            type: "QueryProperties",
            property_list: {
              type: "PropertiesFromEndpoint",
              property_field_path: ["{{ parameters.f }}"],
              $parameters: { f: "name" },
              retriever: {
                type: "SimpleRetriever",
                requester: { type: "HttpRequester", url_base: "https://api.test", path: "/props" },
                record_selector: {
                  type: "RecordSelector",
                  extractor: { type: "DpathExtractor", field_path: [] },
                },
              },
            },
            property_chunking: {
              type: "PropertyChunking",
              property_limit_type: "characters",
              property_limit: 10,
            },
          },
        },
      },
      record_selector: selector,
      paginator: {
        type: "DefaultPaginator",
        page_token_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "offset" },
        page_size_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "limit" },
        pagination_strategy: { type: "OffsetIncrement", page_size: 2 },
      },
    },
  }]);
  const { ctx, requests } = api((url) => {
    if (url.pathname === "/props") return [{ name: "aa" }, { name: "bb" }, { other: 1 }, { name: "cc" }];
    const part = url.pathname.split("/").at(-1)!;
    const props = url.searchParams.get("properties")!.split(",");
    const offset = Number(url.searchParams.get("offset") ?? 0);
    let ids = [`${part}1`, `${part}2`, `${part}3`].slice(offset, offset + 2);
    if (props.includes("cc") && offset === 0) ids = ids.slice(0, 1);
    return { data: ids.map((i) => ({ ...Object.fromEntries(props.map((p) => [p, `${p}-${i}`])), id: i })) };
  });
  const records = await readAll(m, ctx);
  // golden: airbyte-cdk 7.39.1 (its concurrent partitions race to fill the property cache and may read /props
  // twice; read sequentially, it is read once)
  deepStrictEqual(requests, [
    "/props?",
    "/items/x?properties=aa,bb&limit=2",
    "/items/x?properties=[],cc&limit=2",
    "/items/y?properties=aa,bb&limit=2",
    "/items/y?properties=[],cc&limit=2",
  ]);
  deepStrictEqual(records, [
    { aa: "aa-x1", bb: "bb-x1", id: "x1", "[]": "[]-x1", cc: "cc-x1" },
    { aa: "aa-x2", bb: "bb-x2", id: "x2" },
    { aa: "aa-y1", bb: "bb-y1", id: "y1", "[]": "[]-y1", cc: "cc-y1" },
    { aa: "aa-y2", bb: "bb-y2", id: "y2" },
  ]);
});

Deno.test("query properties on the requester: templates read the chunk, a reset mid-page drops the page's merged records", async () => {
  let resets = 0;
  const m = sourceOf([{
    type: "DeclarativeStream",
    name: "items",
    primary_key: "date",
    schema_loader: { type: "InlineSchemaLoader", schema: { type: "object" } },
    transformations: [{ type: "AddFields", fields: [{ path: ["p"], value: "{{ record.get('v') }}" }] }],
    retriever: {
      type: "SimpleRetriever",
      partition_router: { type: "ListPartitionRouter", values: ["acc1"], cursor_field: "account" },
      requester: {
        type: "HttpRequester",
        url_base: "https://api.test",
        path: "/{{ stream_partition.account }}/insights",
        query_properties: {
          type: "QueryProperties",
          property_list: ["day", "a,b", "week", "c"],
          property_chunking: {
            type: "PropertyChunking",
            property_limit_type: "property_count",
            property_limit: 2,
            record_merge_strategy: { type: "GroupByKeyMergeStrategy", key: ["date"] },
          },
        },
        request_parameters: {
          period: "{{ stream_partition.extra_fields['query_properties'][0] }}",
          metric: "{{ stream_partition.extra_fields['query_properties'][1] }}",
        },
        error_handler: {
          type: "DefaultErrorHandler",
          response_filters: [{ type: "HttpResponseFilter", action: "RESET_PAGINATION", http_codes: [409] }],
        },
      },
      record_selector: selector,
      paginator: {
        type: "DefaultPaginator",
        page_token_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "after" },
        pagination_strategy: {
          type: "CursorPagination",
          cursor_value: "{{ response.get('after') }}",
          stop_condition: "{{ not response.get('after') }}",
        },
      },
    },
  }]);
  const { ctx, requests } = api((url) => {
    const q = url.searchParams;
    const period = q.get("period")!;
    const after = q.get("after");
    if (after === "P2" && period === "week" && resets++ === 0) {
      return Response.json({ error: "reset" }, { status: 409 });
    }
    const rows: RecordData[] = (after === null ? ["d1", "d2"] : ["d3"]).map((d) => ({
      date: d,
      v: `${period}-${q.get("metric")}-${d}`,
    }));
    if (after === null) rows.push({ date: "", v: "nodate" });
    return after === null ? { data: rows, after: "P2" } : { data: rows };
  });
  const records = await readAll(m, ctx);
  // golden: airbyte-cdk 7.39.1
  deepStrictEqual(requests, [
    "/acc1/insights?period=day&metric=a,b",
    "/acc1/insights?period=week&metric=c",
    "/acc1/insights?period=day&metric=a,b&after=P2",
    "/acc1/insights?period=week&metric=c&after=P2",
    "/acc1/insights?period=day&metric=a,b",
    "/acc1/insights?period=week&metric=c",
    "/acc1/insights?period=day&metric=a,b&after=P2",
    "/acc1/insights?period=week&metric=c&after=P2",
  ]);
  const firstPage = [
    { date: "", v: "nodate", p: "nodate" },
    { date: "", v: "nodate", p: "nodate" },
    { date: "d1", v: "week-c-d1", p: "week-c-d1" },
    { date: "d2", v: "week-c-d2", p: "week-c-d2" },
  ];
  deepStrictEqual(records, [...firstPage, ...firstPage, { date: "d3", v: "week-c-d3", p: "week-c-d3" }]);
});
