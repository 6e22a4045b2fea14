/**
 * pagination_reset end to end through the declarative source, with goldens recorded from the reference CDK
 * (airbyte-cdk 7.39.1, same manifest and scripted API; freshdesk's tickets stream pattern).
 */
import { deepStrictEqual, rejects } from "node:assert/strict";
import { createDeclarativeSource } from "../manifest_source.ts";
import { fakeEnv } from "../../env.ts";
import { SecretMasker } from "../../secrets.ts";
import type { ReadContext } from "../../source/types.ts";
import type { RecordData } from "../../types.ts";

const data = Array.from({ length: 9 }, (_, i) => ({ id: i + 1, updated_at: `2024-01-0${i + 1}T00:00:00Z` }));

function api(limitVariant: boolean): { ctx: ReadContext; requests: string[] } {
  const requests: string[] = [];
  const env = fakeEnv({
    start: Date.UTC(2024, 5, 1),
    fetch: (request: Request) => {
      const url = new URL(request.url);
      const q = [...url.searchParams].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`);
      requests.push(q.join("&"));
      const since = url.searchParams.get("updated_since") ?? "";
      const page = Number(url.searchParams.get("page") ?? 1);
      if (page >= 3 && !limitVariant) {
        return Promise.resolve(
          Response.json({ message: "You cannot access tickets beyond the 300th page" }, { status: 400 }),
        );
      }
      const rows = data.filter((r) => r.updated_at >= since);
      return Promise.resolve(Response.json(rows.slice((page - 1) * 2, page * 2)));
    },
  });
  return { ctx: { env, masker: new SecretMasker() }, requests };
}

function manifest(action: string, limit?: number): Record<string, unknown> {
  return {
    version: "6.0.0",
    type: "DeclarativeSource",
    check: { type: "CheckStream", stream_names: ["tickets"] },
    streams: [{
      type: "DeclarativeStream",
      name: "tickets",
      primary_key: "id",
      schema_loader: { type: "InlineSchemaLoader", schema: { type: "object" } },
      retriever: {
        type: "SimpleRetriever",
        requester: {
          type: "HttpRequester",
          url_base: "https://api.test",
          path: "/tickets",
          error_handler: {
            type: "DefaultErrorHandler",
            response_filters: [{
              type: "HttpResponseFilter",
              action: "RESET_PAGINATION",
              http_codes: [400],
              error_message_contains: "beyond",
            }],
          },
        },
        record_selector: { type: "RecordSelector", extractor: { type: "DpathExtractor", field_path: [] } },
        paginator: {
          type: "DefaultPaginator",
          page_size_option: {
            type: "RequestOption",
            field_name: "per_page",
            inject_into: "request_parameter",
          },
          page_token_option: { type: "RequestOption", field_name: "page", inject_into: "request_parameter" },
          pagination_strategy: { type: "PageIncrement", page_size: 2, start_from_page: 1 },
        },
        pagination_reset: {
          type: "PaginationReset",
          action,
          ...(limit ? { limits: { type: "PaginationResetLimits", number_of_records: limit } } : {}),
        },
      },
      incremental_sync: {
        type: "DatetimeBasedCursor",
        cursor_field: "updated_at",
        start_datetime: { type: "MinMaxDatetime", datetime: "2024-01-01T00:00:00Z" },
        end_datetime: { type: "MinMaxDatetime", datetime: "2024-02-01T00:00:00Z" },
        datetime_format: "%Y-%m-%dT%H:%M:%SZ",
        start_time_option: {
          type: "RequestOption",
          field_name: "updated_since",
          inject_into: "request_parameter",
        },
      },
    }],
    spec: { type: "Spec", connection_specification: { type: "object", properties: {} } },
  };
}

async function read(m: Record<string, unknown>, ctx: ReadContext, out: RecordData[]): Promise<unknown[]> {
  const source = await createDeclarativeSource(m);
  const stream = (await source.streams({}, ctx))[0];
  const states: unknown[] = [];
  for await (const msg of stream.read({ syncMode: "incremental", state: {} }, ctx)) {
    if (msg.type === "record") out.push(msg.data);
    else if (msg.type === "records") out.push(...msg.data);
    else if (msg.type === "state") states.push(msg.state);
  }
  return states;
}

const ids = (records: RecordData[]) => records.map((r) => r.id);

Deno.test("pagination_reset SPLIT_USING_CURSOR: RESET_PAGINATION restarts from the most recent cursor value", async () => {
  const { ctx, requests } = api(false);
  const records: RecordData[] = [];
  const states = await read(manifest("SPLIT_USING_CURSOR"), ctx, records);
  // golden: airbyte-cdk 7.39.1
  deepStrictEqual(ids(records), [1, 2, 3, 4, 4, 5, 6, 7, 7, 8, 9]);
  deepStrictEqual(requests, [
    "per_page=2&updated_since=2024-01-01T00:00:00Z",
    "page=2&per_page=2&updated_since=2024-01-01T00:00:00Z",
    "page=3&per_page=2&updated_since=2024-01-01T00:00:00Z",
    "per_page=2&updated_since=2024-01-04T00:00:00Z",
    "page=2&per_page=2&updated_since=2024-01-04T00:00:00Z",
    "page=3&per_page=2&updated_since=2024-01-04T00:00:00Z",
    "per_page=2&updated_since=2024-01-07T00:00:00Z",
    "page=2&per_page=2&updated_since=2024-01-07T00:00:00Z",
  ]);
  deepStrictEqual(states.at(-1), { updated_at: "2024-01-09T00:00:00Z" });
});

Deno.test("pagination_reset limits: restarts after number_of_records records on the narrowed slice", async () => {
  const { ctx, requests } = api(true);
  const records: RecordData[] = [];
  await read(manifest("SPLIT_USING_CURSOR", 3), ctx, records);
  // golden: airbyte-cdk 7.39.1
  deepStrictEqual(ids(records), [1, 2, 3, 4, 4, 5, 6, 7, 7, 8, 9, 9]);
  deepStrictEqual(requests, [
    "per_page=2&updated_since=2024-01-01T00:00:00Z",
    "page=2&per_page=2&updated_since=2024-01-01T00:00:00Z",
    "per_page=2&updated_since=2024-01-04T00:00:00Z",
    "page=2&per_page=2&updated_since=2024-01-04T00:00:00Z",
    "per_page=2&updated_since=2024-01-07T00:00:00Z",
    "page=2&per_page=2&updated_since=2024-01-07T00:00:00Z",
    "per_page=2&updated_since=2024-01-09T00:00:00Z",
  ]);
});

Deno.test("pagination_reset RESET: the same slice is retried once, then the read fails", async () => {
  const { ctx } = api(false);
  const records: RecordData[] = [];
  await rejects(
    read(manifest("RESET"), ctx, records),
    (e: Error & { code?: string }) => e.code === "pagination_loop",
  );
  // golden: airbyte-cdk 7.39.1 ("There were 2 attempts with the same slice already while the max allowed is 2")
  deepStrictEqual(ids(records), [1, 2, 3, 4, 1, 2, 3, 4]);
});

Deno.test("pagination_reset SPLIT_USING_CURSOR with a partition: a fresh cursor of the stream's incremental narrows the slice", async () => {
  const { buildSimpleRetriever } = await import("./retriever.ts");
  const { buildIncremental } = await import("./incremental.ts");
  const m = manifest("SPLIT_USING_CURSOR");
  const stream = (m.streams as { [k: string]: unknown }[])[0];
  const fctx = { config: {}, components: {}, streamCache: new Map() };
  const incremental = buildIncremental(fctx, stream.incremental_sync, ["incremental_sync"]);
  const retriever = buildSimpleRetriever(fctx, stream.retriever as { [k: string]: unknown }, ["retriever"], {
    name: "tickets",
    incremental,
  });
  const { ctx, requests } = api(false);
  // a per-partition read: the run's cursor injects the window but cannot narrow slices itself
  const windows = incremental!.create(undefined, { ctx, stream: "tickets" });
  const cursor = {
    slices: () => [],
    observe: () => {},
    close: () => undefined,
    finalState: () => undefined,
    state: () => ({}),
    applyToRequest: windows.applyToRequest.bind(windows),
  };
  const slice = {
    partition: { org: "a" },
    cursor_slice: { start_time: "2024-01-01T00:00:00Z", end_time: "2024-02-01T00:00:00Z" },
  };
  const records: RecordData[] = [];
  for await (const page of retriever.readSlicePages(slice, { ctx, stream: "tickets", cursor })) {
    records.push(...page);
  }
  // golden: airbyte-cdk 7.39.1 with a ListPartitionRouter (same requests, plus the partition's own parameter)
  deepStrictEqual(ids(records), [1, 2, 3, 4, 4, 5, 6, 7, 7, 8, 9]);
  deepStrictEqual(requests, [
    "per_page=2&updated_since=2024-01-01T00:00:00Z",
    "page=2&per_page=2&updated_since=2024-01-01T00:00:00Z",
    "page=3&per_page=2&updated_since=2024-01-01T00:00:00Z",
    "per_page=2&updated_since=2024-01-04T00:00:00Z",
    "page=2&per_page=2&updated_since=2024-01-04T00:00:00Z",
    "page=3&per_page=2&updated_since=2024-01-04T00:00:00Z",
    "per_page=2&updated_since=2024-01-07T00:00:00Z",
    "page=2&per_page=2&updated_since=2024-01-07T00:00:00Z",
  ]);
});
