import { deepStrictEqual, rejects } from "node:assert/strict";
import type { JsonObject } from "../../types.ts";
import { api, manifest, read, records, states } from "./_test_api.ts";

// The reference (airbyte-cdk 7) reading a stream partitioned by a UnionPartitionRouter of a ListPartitionRouter
// (org/a, org/b) and a SubstreamPartitionRouter (parent repos: org/b, org/c, org/c again): deduplicated
// partitions, other keys moved to extra_fields, per-partition state with an empty parent_state.
interface Case {
  stream: JsonObject;
  routes: { path: string; json: unknown }[];
  records: JsonObject[];
  states: JsonObject[];
  requests: string[];
}
const golden = JSON.parse(
  await Deno.readTextFile(new URL("./testdata/union_partition_router_reference.json", import.meta.url)),
) as Record<string, Case>;

/** The golden's stream with its requester pointed at the test API. */
function rebased(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value).replaceAll("__BASE__", "https://api.test"));
}

for (const [mode, c] of Object.entries(golden)) {
  Deno.test(`UnionPartitionRouter matches the reference (${mode})`, async () => {
    const { ctx, requests } = api((url) => c.routes.find((r) => r.path === url.pathname)?.json ?? []);
    const msgs = await read(
      manifest([rebased(c.stream)]),
      { pf: "repository" },
      ctx,
      "issues",
      mode === "incremental" ? "incremental" : "full_refresh",
    );
    deepStrictEqual(records(msgs), c.records);
    deepStrictEqual(
      requests.map((r) => new URL(r.line.split(" ")[1]).pathname).sort(),
      [...c.requests].sort(),
    );
    deepStrictEqual(states(msgs).at(-1), c.states.at(-1));
  });
}

function unionStream(children: unknown[], field = "repository") {
  const stream = rebased(golden.full_refresh.stream) as { retriever: { partition_router: unknown } };
  stream.retriever.partition_router = {
    type: "UnionPartitionRouter",
    partition_field: field,
    partition_routers: children,
  };
  return stream;
}

Deno.test("UnionPartitionRouter refuses a child emitting another partition field, as the reference does", async () => {
  const { ctx } = api(() => []);
  const stream = unionStream([
    { type: "ListPartitionRouter", cursor_field: "repository", values: ["a"] },
    { type: "ListPartitionRouter", cursor_field: "repo", values: ["b"] },
  ]);
  await rejects(read(manifest([stream]), {}, ctx, "issues"), /emits 'repo'/);
});

Deno.test("UnionPartitionRouter refuses request options on its children", async () => {
  const { ctx } = api(() => []);
  const stream = unionStream([
    { type: "ListPartitionRouter", cursor_field: "repository", values: ["a"] },
    {
      type: "ListPartitionRouter",
      cursor_field: "repository",
      values: ["b"],
      request_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "r" },
    },
  ]);
  await rejects(read(manifest([stream]), {}, ctx, "issues"), /Request options are not supported/);
});

Deno.test("UnionPartitionRouter deduplicates like a Python set (1 and 1.0 are one value, '1' another)", async () => {
  const { ctx, requests } = api(() => []);
  const stream = unionStream([
    { type: "ListPartitionRouter", cursor_field: "repository", values: "{{ [1, '1'] }}" },
    { type: "ListPartitionRouter", cursor_field: "repository", values: "{{ [1.0, 2, '1', True] }}" },
  ]);
  await read(manifest([stream]), {}, ctx, "issues");
  deepStrictEqual(requests.map((r) => r.line), [
    "GET https://api.test/issues/1",
    "GET https://api.test/issues/1",
    "GET https://api.test/issues/2",
  ]);
});
