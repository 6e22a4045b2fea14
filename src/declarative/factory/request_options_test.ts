import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import type { FactoryContext } from "./context.ts";
import { compileRequestInputs, joinUrl } from "./request_options.ts";
import { requestVars } from "./slices.ts";

const ctx = (config: Record<string, unknown> = {}): FactoryContext => ({
  config: config as FactoryContext["config"],
  components: {},
  streamCache: new Map(),
});

Deno.test("request inputs: templated params and headers per request; an undefined attribute drops the param", () => {
  const inputs = compileRequestInputs(ctx({ size: 50 }), {
    url_base: "https://api.test/v1",
    path: "/items/{{ stream_partition.id }}",
    request_parameters: { size: "{{ config.size }}", cursor: "{{ next_page_token.next_page_token }}", n: 3 },
    request_headers: { "X-Page": "{{ next_page_token['next_page_token'] if next_page_token else 0 }}" },
    $parameters: {},
  }, ["requester"]);
  const vars = requestVars({ partition: { id: 7 }, cursor_slice: {} }, "abc");
  strictEqual(inputs.url(vars), "https://api.test/v1/items/7");
  const parts = inputs.parts(vars);
  deepStrictEqual(parts.query, { size: "50", cursor: "abc", n: "3" });
  deepStrictEqual(parts.headers, { "X-Page": "abc" });
  const first = inputs.parts(requestVars({ partition: { id: 7 }, cursor_slice: {} }, undefined));
  // the reference (checked with airbyte-cdk) renders None.next_page_token as undefined -> empty -> dropped
  strictEqual("cursor" in first.query, false);
  deepStrictEqual(first.headers, { "X-Page": "0" });
});

Deno.test("request inputs: JSON, GraphQL and form bodies; object query values are rejected", () => {
  const json = compileRequestInputs(ctx(), {
    url_base: "https://api.test",
    http_method: "post",
    request_body_json: {
      filter: { since: "{{ stream_interval.start_time }}", offset: "{{ next_page_token.next_page_token }}" },
      tags: ["a", "{{ 1 + 1 }}"],
    },
  }, ["r"]);
  strictEqual(json.method, "POST");
  deepStrictEqual(
    json.parts(requestVars({ partition: {}, cursor_slice: { start_time: "2024" } }, undefined)).json,
    {
      filter: { since: 2024 },
      tags: ["a", 2],
    },
  );
  const gql = compileRequestInputs(ctx(), {
    url_base: "https://api.test",
    request_body: { type: "RequestBodyGraphQL", value: { query: "{ items { id } }" } },
  }, ["r"]);
  deepStrictEqual(gql.parts(requestVars({ partition: {}, cursor_slice: {} }, undefined)).json, {
    query: "{ items { id } }",
  });
  const form = compileRequestInputs(ctx({ user: "u" }), {
    url_base: "https://api.test",
    request_body_data: { username: "{{ config.user }}", flag: true },
  }, ["r"]);
  deepStrictEqual(form.parts(requestVars({ partition: {}, cursor_slice: {} }, undefined)).form, {
    username: "u",
    flag: "True",
  });
  const bad = compileRequestInputs(ctx(), {
    url_base: "https://api.test",
    request_parameters: "{{ {'a': {'b': 1}} }}",
  }, [
    "r",
  ]);
  throws(() => bad.parts(requestVars({ partition: {}, cursor_slice: {} }, undefined)), /cannot be objects/);
});

Deno.test("joinUrl follows Python's urljoin: empty segments of the base collapse, absolute paths win", () => {
  strictEqual(joinUrl("https://api.test//v1", "forms"), "https://api.test/v1/forms");
  strictEqual(joinUrl("https://api.test/v1/", ""), "https://api.test/v1/");
  strictEqual(joinUrl("https://api.test/v1", "https://other.test/x"), "https://other.test/x");
  strictEqual(joinUrl("https://api.test/v1", "/root"), "https://api.test/root");
});

Deno.test("request inputs: slice-only templates are evaluated once per slice, page-token templates per page", async () => {
  const { defaultPaginator } = await import("../../pagination/default_paginator.ts");
  const { cursorPagination } = await import("../../pagination/cursor.ts");
  const inputs = compileRequestInputs(ctx({ size: 5 }), {
    url_base: "https://api.test",
    path: "/orgs/{{ stream_partition.id }}",
    http_method: "POST",
    request_parameters: { org: "{{ stream_partition.id }}", page: "{{ next_page_token.next_page_token }}" },
    request_headers: { "X-Org": "{{ stream_partition.id }}" },
    request_body_json: { filter: { org: "{{ stream_partition.id }}" }, size: "{{ config.size }}" },
  }, ["requester"]);
  const a = { partition: { id: "a" }, cursor_slice: {} };
  const b = { partition: { id: "b" }, cursor_slice: {} };
  const a1 = inputs.parts(requestVars(a, undefined));
  // the paginator writes the token into a copy of the body, never into the cached one
  const paginator = defaultPaginator({
    strategy: cursorPagination({ cursorValue: () => undefined }),
    pageTokenOption: { injectInto: "body_json", fieldPath: ["page", "cursor"] },
  });
  const withToken = paginator.apply(inputs.parts(requestVars(a, "t2")), "t2");
  deepStrictEqual(withToken.json, { filter: { org: "a" }, size: 5, page: { cursor: "t2" } });
  const a2 = inputs.parts(requestVars(a, "t2"));
  strictEqual(a2.json, a1.json, "the body of a slice is built once");
  deepStrictEqual(a2.json, { filter: { org: "a" }, size: 5 });
  deepStrictEqual(a1.query, { org: "a" });
  deepStrictEqual(a2.query, { org: "a", page: "t2" });
  (a2.query as Record<string, string>).extra = "x"; // callers may change their parts: the next page does not see it
  deepStrictEqual(inputs.parts(requestVars(a, "t3")).query, { org: "a", page: "t3" });
  const b1 = inputs.parts(requestVars(b, undefined));
  deepStrictEqual([b1.query, b1.headers, b1.json], [{ org: "b" }, { "X-Org": "b" }, {
    filter: { org: "b" },
    size: 5,
  }]);
  strictEqual(inputs.url(requestVars(a, "t2")), "https://api.test/orgs/a");
  strictEqual(inputs.url(requestVars(b, "t2")), "https://api.test/orgs/b");
});

Deno.test("request inputs: interleaved slices (concurrent partitions) each keep their own per-slice values", () => {
  const inputs = compileRequestInputs(ctx(), {
    url_base: "https://api.test",
    path: "/orgs/{{ stream_partition.id }}/items",
    request_parameters: { org: "{{ stream_partition.id }}" },
    request_headers: { "X-Org": "{{ stream_partition.id }}" },
  }, ["requester"]);
  const slices = ["a", "b", "c"].map((id) => ({ partition: { id }, cursor_slice: {} }));
  for (const round of [1, 2, 3]) {
    for (const slice of [slices[round % 3], slices[(round + 1) % 3], slices[(round + 2) % 3]]) {
      const vars = requestVars(slice, round > 1 ? `t${round}` : undefined);
      const id = slice.partition.id;
      const parts = inputs.parts(vars);
      deepStrictEqual([parts.query, parts.headers], [{ org: id }, { "X-Org": id }]);
      strictEqual(inputs.url(vars), `https://api.test/orgs/${id}/items`);
    }
  }
});
