import { deepStrictEqual, rejects } from "node:assert/strict";
import type { JsonObject } from "../../types.ts";
import { api, manifest, read, records, simpleStream, states } from "./_test_api.ts";

// What the reference (ConcurrentDeclarativeSource, airbyte-cdk 7) requests, emits and checkpoints for a stream
// with an IncrementingCountCursor (cursor_field id, start_value 5 unless changed, start_value_option since_id).
interface Case {
  input_state: JsonObject | null;
  component: JsonObject;
  pages: boolean;
  responses: { path: string; query?: Record<string, string>; json: unknown }[];
  records: JsonObject[];
  states: JsonObject[];
  errors: string[];
  requests: string[];
}
const golden = JSON.parse(
  await Deno.readTextFile(new URL("./testdata/incrementing_count_reference.json", import.meta.url)),
) as Record<string, Case>;

function streamOf(c: Case) {
  return simpleStream(
    "items",
    "/items",
    {
      ...(c.pages
        ? {
          paginator: {
            type: "DefaultPaginator",
            pagination_strategy: { type: "PageIncrement", page_size: 2, start_from_page: 1 },
            page_token_option: {
              type: "RequestOption",
              inject_into: "request_parameter",
              field_name: "page",
            },
          },
        }
        : {}),
    },
    { primary_key: "id", incremental_sync: c.component },
    ["data"],
  );
}

function serve(c: Case) {
  return api((url) => {
    const route = c.responses.find((r) =>
      r.path === url.pathname &&
      Object.entries(r.query ?? {}).every(([k, v]) => url.searchParams.get(k) === v)
    );
    return route ? route.json : new Response("no route", { status: 404 });
  });
}

const sortQuery = (line: string) => {
  const url = new URL(line.split(" ")[1]);
  url.searchParams.sort();
  return url.pathname + url.search;
};

for (const [name, c] of Object.entries(golden)) {
  if (c.errors.length) continue;
  Deno.test(`IncrementingCountCursor matches the reference: ${name}`, async () => {
    const { ctx, requests } = serve(c);
    const msgs = await read(
      manifest([streamOf(c)]),
      { sv: "3" },
      ctx,
      "items",
      "incremental",
      c.input_state ?? undefined,
    );
    deepStrictEqual(records(msgs), c.records);
    deepStrictEqual(requests.map((r) => sortQuery(r.line)).sort(), [...c.requests].sort());
    deepStrictEqual(states(msgs).at(-1), c.states.at(-1));
    deepStrictEqual(states(msgs), c.states);
  });
}

Deno.test("IncrementingCountCursor: a non-integer cursor value fails the read (the reference crashes too)", async () => {
  const c = golden.string_ids;
  const { ctx } = serve(c);
  await rejects(read(manifest([streamOf(c)]), { sv: "3" }, ctx, "items", "incremental"), /not a number/);
});

Deno.test("IncrementingCountCursor with a partition router is refused, as in the reference", async () => {
  const c = golden.no_state;
  const stream = streamOf(c) as { retriever: Record<string, unknown> };
  stream.retriever.partition_router = {
    type: "ListPartitionRouter",
    values: ["a", "b"],
    cursor_field: "letter",
  };
  const { ctx } = serve(c);
  await rejects(read(manifest([stream]), {}, ctx, "items", "incremental"), /IncrementingCountCursor/);
});
