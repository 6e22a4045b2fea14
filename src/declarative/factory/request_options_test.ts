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
