import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { fakeEnv } from "../env.ts";
import { DatetimeCursor } from "../incremental/datetime_cursor.ts";
import type { SliceCursor } from "../incremental/types.ts";
import { SecretMasker } from "../secrets.ts";
import type { JsonObject } from "../types.ts";
import { parseAirbyteDatetime } from "../util/airbyte_datetime.ts";
import { type HttpRequestContext, HttpStream } from "./http_stream.ts";
import { unbatchRecords } from "./stream_messages.ts";
import type { ReadContext, ReadOptions, StreamMessage } from "./types.ts";

/** The messages with page batches split into single records (batching is asserted separately). */
async function collect(it: AsyncIterable<StreamMessage>): Promise<StreamMessage[]> {
  const out: StreamMessage[] = [];
  for await (const m of unbatchRecords(it)) out.push(m);
  return out;
}

const DATA = [
  { id: 1, updated_at: "2024-01-01" },
  { id: 2, updated_at: "2024-01-02" },
  { id: 3, updated_at: "2024-01-02" },
  { id: 4, updated_at: "2024-01-05" },
];

function api(log: string[]) {
  return (req: Request) => {
    const url = new URL(req.url);
    log.push(url.pathname + url.search);
    const since = url.searchParams.get("since") ?? "";
    const until = url.searchParams.get("until") ?? "9999";
    const offset = Number(url.searchParams.get("offset") ?? 0);
    const rows = DATA.filter((r) => r.updated_at >= since && r.updated_at <= until);
    return Promise.resolve(Response.json({ data: rows.slice(offset, offset + 2), total: rows.length }));
  };
}

class Events extends HttpStream {
  readonly name: string = "events";
  readonly urlBase = "http://api.test/v1";
  override readonly primaryKey = [["id"]];
  override readonly cursorField = ["updated_at"];
  path(): string {
    return "/events";
  }
  override requestParams(
    { state, pageToken }: HttpRequestContext,
  ): Record<string, string | number | undefined> {
    return { since: state.updated_at as string | undefined, offset: pageToken as number | undefined };
  }
  parseResponse(body: unknown) {
    return (body as { data: JsonObject[] }).data;
  }
  override nextPageToken({ body, pageToken }: { body: unknown; pageToken: unknown }) {
    const next = ((pageToken as number | undefined) ?? 0) + 2;
    return next < (body as { total: number }).total ? next : undefined;
  }
}

Deno.test("HttpStream: full refresh paginates and ends with the no-cursor state", async () => {
  const log: string[] = [];
  const messages = await collect(
    new Events().read({ syncMode: "full_refresh" }, {
      env: fakeEnv({ fetch: api(log) }),
      masker: new SecretMasker(),
    }),
  );
  deepStrictEqual(
    messages.filter((m) => m.type === "record").map((m) => (m as { data: JsonObject }).data.id),
    [1, 2, 3, 4],
  );
  deepStrictEqual(messages.at(-1), { type: "state", state: { __ab_no_cursor_state_message: true } });
  deepStrictEqual(log, ["/v1/events", "/v1/events?offset=2"]);
});

Deno.test("HttpStream: read yields one records message per page (with the slice's partition)", async () => {
  const raw: StreamMessage[] = [];
  for await (
    const m of new Events().read({ syncMode: "full_refresh" }, {
      env: fakeEnv({ fetch: api([]) }),
      masker: new SecretMasker(),
    })
  ) raw.push(m);
  deepStrictEqual(raw.map((m) => m.type === "records" ? m.data.map((r) => r.id) : m.type), [
    [1, 2],
    [3, 4],
    "state",
  ]);
  deepStrictEqual(raw[0].type === "records" ? raw[0].partition : undefined, {});
});

Deno.test("HttpStream: incremental state via getUpdatedState; the next read starts from it", async () => {
  const log: string[] = [];
  const ctx = { env: fakeEnv({ fetch: api(log) }), masker: new SecretMasker() };
  const first = await collect(new Events().read({ syncMode: "incremental" }, ctx));
  const state = first.filter((m) => m.type === "state").at(-1) as { state: JsonObject };
  deepStrictEqual(state.state, { updated_at: "2024-01-05" });
  const second = await collect(new Events().read({ syncMode: "incremental", state: state.state }, ctx));
  deepStrictEqual(second.filter((m) => m.type === "record").map((m) => (m as { data: JsonObject }).data.id), [
    4,
  ]);
  strictEqual(log.at(-1), "/v1/events?since=2024-01-05");
});

class WindowedEvents extends Events {
  override readonly name = "windowed";
  override createCursor(options: ReadOptions, _ctx: ReadContext): SliceCursor {
    const end = parseAirbyteDatetime("2024-01-06", "%Y-%m-%d");
    return new DatetimeCursor({
      cursorField: "updated_at",
      datetimeFormat: "%Y-%m-%d",
      start: "2024-01-01",
      end: () => end,
      step: "P2D",
      cursorGranularity: "P1D",
      state: options.state,
      startTimeOption: { injectInto: "request_parameter", fieldName: "since" },
      endTimeOption: { injectInto: "request_parameter", fieldName: "until" },
    });
  }
  override requestParams({ pageToken }: HttpRequestContext): Record<string, string | number | undefined> {
    return { offset: pageToken as number | undefined };
  }
}

Deno.test("HttpStream with a DatetimeCursor: windows injected, concurrent slices, ordered states", async () => {
  const log: string[] = [];
  const messages = await collect(
    new WindowedEvents().read({ syncMode: "incremental" }, {
      env: fakeEnv({ fetch: api(log) }),
      masker: new SecretMasker(),
      concurrency: 3,
    }),
  );
  const states = messages.filter((m) => m.type === "state").map((m) =>
    (m as { state: JsonObject }).state.updated_at
  );
  deepStrictEqual(states, ["2024-01-02", "2024-01-02", "2024-01-05"]);
  ok(log.includes("/v1/events?since=2024-01-01&until=2024-01-02"));
  ok(log.includes("/v1/events?since=2024-01-05&until=2024-01-06"));
  deepStrictEqual(messages.filter((m) => m.type === "record").length, 4);
});

class CheckpointedEvents extends Events {
  override readonly stateCheckpointInterval = 2;
}

Deno.test("HttpStream: stateCheckpointInterval checkpoints mid-slice after every N records", async () => {
  const messages = await collect(
    new CheckpointedEvents().read({ syncMode: "incremental" }, {
      env: fakeEnv({ fetch: api([]) }),
      masker: new SecretMasker(),
    }),
  );
  deepStrictEqual(
    messages.map((m) => m.type === "record" ? m.data.id : (m as { state: JsonObject }).state.updated_at),
    [1, 2, "2024-01-02", 3, 4, "2024-01-05"],
  );
});

class ClientSideEvents extends WindowedEvents {
  override readonly clientSideIncremental = true;
  // no window bounds in the requests: the API returns everything, the stream filters
  override createCursor(options: ReadOptions, _ctx: ReadContext): SliceCursor {
    const end = parseAirbyteDatetime("2024-01-06", "%Y-%m-%d");
    return new DatetimeCursor({
      cursorField: "updated_at",
      datetimeFormat: "%Y-%m-%d",
      start: "2024-01-01",
      end: () => end,
      state: options.state,
    });
  }
}

Deno.test("HttpStream: clientSideIncremental drops records older than the state", async () => {
  const messages = await collect(
    new ClientSideEvents().read({ syncMode: "incremental", state: { updated_at: "2024-01-02" } }, {
      env: fakeEnv({ fetch: api([]) }),
      masker: new SecretMasker(),
    }),
  );
  deepStrictEqual(
    messages.filter((m) => m.type === "record").map((m) => (m as { data: JsonObject }).data.id),
    [2, 3, 4],
  );
});
