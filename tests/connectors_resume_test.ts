/**
 * Crash/resume: a read stopped at a random point and resumed from the last STATE it emitted never loses a
 * record (at-least-once), with slices read concurrently and completing out of order.
 */
import { deepStrictEqual, ok } from "node:assert/strict";
import { fakeEnv } from "../src/env.ts";
import { DatetimeCursor } from "../src/incremental/datetime_cursor.ts";
import { createSliceCursor } from "../src/incremental/stream_cursor.ts";
import type { SliceCursor } from "../src/incremental/types.ts";
import { ListPartitionRouter } from "../src/partition/list.ts";
import { SecretMasker } from "../src/secrets.ts";
import { type HttpRequestContext, HttpStream, type NextPageContext } from "../src/source/http_stream.ts";
import type { ReadContext, ReadOptions } from "../src/source/types.ts";
import type { JsonObject, RecordData } from "../src/types.ts";
import { parseAirbyteDatetime } from "../src/util/airbyte_datetime.ts";
import { unbatchRecords } from "../src/source/stream_messages.ts";

const FMT = "%Y-%m-%dT%H:%M:%SZ";
const END = parseAirbyteDatetime("2024-01-11T00:00:00Z", FMT);
const REGIONS = ["eu", "us", "ap"];
// 3 regions x 120 events, several sharing a timestamp (equal cursor values across window boundaries)
const EVENTS = REGIONS.flatMap((region, r) =>
  Array.from({ length: 120 }, (_, i) => ({
    id: `${region}-${i}`,
    region,
    updated_at: new Date(Date.UTC(2024, 0, 1) + Math.floor((i * 2 + r) / 3) * 2 * 3600_000).toISOString()
      .replace(".000Z", "Z"),
  }))
);

function fakeApi(seed: number): (req: Request) => Promise<Response> {
  let s = seed;
  const random = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  return async (req) => {
    const url = new URL(req.url);
    const q = url.searchParams;
    const rows = EVENTS.filter((e) =>
      (!q.get("region") || e.region === q.get("region")) && e.updated_at >= (q.get("since") ?? "") &&
      e.updated_at <= (q.get("until") ?? "9999")
    );
    const offset = Number(q.get("offset") ?? 0);
    await new Promise((r) => setTimeout(r, Math.floor(random() * 3)));
    return Response.json({ data: rows.slice(offset, offset + 7), total: rows.length });
  };
}

class Events extends HttpStream {
  readonly name = "events";
  readonly urlBase = "http://api.test";
  override readonly cursorField = ["updated_at"];
  constructor(readonly partitioned: boolean) {
    super();
  }
  path(): string {
    return "events";
  }
  override requestParams({ pageToken }: HttpRequestContext): Record<string, number | undefined> {
    return { offset: pageToken as number | undefined };
  }
  parseResponse(body: unknown): RecordData[] {
    return (body as { data: RecordData[] }).data;
  }
  override nextPageToken({ body, pageToken }: NextPageContext): number | undefined {
    const next = ((pageToken as number | undefined) ?? 0) + 7;
    return next < (body as { total: number }).total ? next : undefined;
  }
  override createCursor(options: ReadOptions, _ctx: ReadContext): SliceCursor {
    const datetime = (state: JsonObject, lookback?: import("../src/util/timedelta.ts").PyTimedelta) =>
      new DatetimeCursor({
        cursorField: "updated_at",
        datetimeFormat: FMT,
        start: "2024-01-01T00:00:00Z",
        end: () => END,
        step: "P1D",
        cursorGranularity: "PT1S",
        state,
        runtimeLookbackWindow: lookback,
        startTimeOption: { injectInto: "request_parameter", fieldName: "since" },
        endTimeOption: { injectInto: "request_parameter", fieldName: "until" },
      });
    return createSliceCursor({
      datetime,
      state: options.state,
      router: this.partitioned
        ? new ListPartitionRouter({
          values: REGIONS,
          cursorField: "region",
          requestOption: { injectInto: "request_parameter", fieldName: "region" },
        })
        : undefined,
      now: (() => {
        let t = 0;
        return () => (t += 400_000); // a state every other close despite the 600 s throttle
      })(),
    });
  }
}

async function runOnce(
  stream: Events,
  state: JsonObject | undefined,
  stopAfter: number,
  seed: number,
): Promise<{ ids: string[]; lastState?: JsonObject; finished: boolean }> {
  const ids: string[] = [];
  let lastState: JsonObject | undefined;
  let count = 0;
  const ctx = { env: fakeEnv({ fetch: fakeApi(seed) }), masker: new SecretMasker(), concurrency: 4 };
  for await (const m of unbatchRecords(stream.read({ syncMode: "incremental", state }, ctx))) {
    if (m.type === "record") ids.push(m.data.id as string);
    if (m.type === "state") lastState = m.state;
    if (++count >= stopAfter) return { ids, lastState, finished: false };
  }
  return { ids, lastState, finished: true };
}

for (const partitioned of [false, true]) {
  Deno.test(`resume after a crash at random points loses no record (${partitioned ? "per-partition" : "datetime"} state)`, async () => {
    const all = new Set(EVENTS.map((e) => e.id));
    for (let trial = 1; trial <= 12; trial++) {
      const stopAfter = 1 + ((trial * 7919) % (EVENTS.length + 30));
      const first = await runOnce(new Events(partitioned), undefined, stopAfter, trial);
      const second = await runOnce(new Events(partitioned), first.lastState, Infinity, trial + 100);
      ok(second.finished);
      const union = new Set([...first.ids, ...second.ids]);
      const missing = [...all].filter((id) => !union.has(id));
      deepStrictEqual(missing, [], `trial ${trial} (stopped after ${stopAfter} messages) lost records`);
    }
  });
}
