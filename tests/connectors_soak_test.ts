/**
 * Soak (small): 20 k records over 400 pages and 8 slices read concurrently, with 5% 503 and 1% 429
 * (Retry-After 0) injected: every record arrives exactly once, in order within its slice, and the final state
 * covers everything.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { fakeEnv } from "../src/env.ts";
import type { SliceCursor } from "../src/incremental/types.ts";
import { FinalStateCursor } from "../src/incremental/types.ts";
import { SecretMasker } from "../src/secrets.ts";
import { type HttpRequestContext, HttpStream, type NextPageContext } from "../src/source/http_stream.ts";
import type { ReadContext, ReadOptions, StreamSlice } from "../src/source/types.ts";
import type { RecordData } from "../src/types.ts";
import { unbatchRecords } from "../src/source/stream_messages.ts";

const SLICES = 8;
const PER_SLICE = 2500;
const PAGE = 50;

function flakyApi(seed: number) {
  let s = seed;
  const random = () => ((s = (s * 48271) % 2147483647) / 2147483647);
  let calls = 0;
  let failures = 0;
  const fetch = (req: Request): Promise<Response> => {
    calls++;
    const roll = random();
    if (roll < 0.05) {
      failures++;
      return Promise.resolve(new Response("busy", { status: 503 }));
    }
    if (roll < 0.06) {
      failures++;
      return Promise.resolve(new Response("slow down", { status: 429, headers: { "retry-after": "0" } }));
    }
    const q = new URL(req.url).searchParams;
    const shard = Number(q.get("shard"));
    const offset = Number(q.get("offset") ?? 0);
    const rows = Array.from({ length: Math.max(0, Math.min(PAGE, PER_SLICE - offset)) }, (_, i) => ({
      id: `${shard}:${offset + i}`,
      shard,
      seq: offset + i,
    }));
    return Promise.resolve(Response.json({ rows, more: offset + PAGE < PER_SLICE }));
  };
  return { fetch, stats: () => ({ calls, failures }) };
}

class Sharded extends HttpStream {
  readonly name = "sharded";
  readonly urlBase = "http://api.test";
  path(): string {
    return "/rows";
  }
  override requestParams({ slice, pageToken }: HttpRequestContext): Record<string, number | undefined> {
    return { shard: slice.partition.shard as number, offset: pageToken as number | undefined };
  }
  parseResponse(body: unknown): RecordData[] {
    return (body as { rows: RecordData[] }).rows;
  }
  override nextPageToken({ body, pageToken }: NextPageContext): number | undefined {
    return (body as { more: boolean }).more ? ((pageToken as number | undefined) ?? 0) + PAGE : undefined;
  }
  override createCursor(_options: ReadOptions, _ctx: ReadContext): SliceCursor {
    const slices: StreamSlice[] = Array.from(
      { length: SLICES },
      (_, shard) => ({ partition: { shard }, cursor_slice: {} }),
    );
    return new FinalStateCursor(() => slices);
  }
}

Deno.test("soak: 20k records with 5% 503 and 1% 429 arrive exactly once and in order per slice", async () => {
  const api = flakyApi(7);
  const env = fakeEnv({ fetch: api.fetch });
  const seen = new Map<number, number[]>();
  let states = 0;
  for await (
    const m of unbatchRecords(
      new Sharded().read({ syncMode: "full_refresh" }, {
        env,
        masker: new SecretMasker(),
        concurrency: 4,
      }),
    )
  ) {
    if (m.type === "record") {
      const list = seen.get(m.data.shard as number) ?? [];
      list.push(m.data.seq as number);
      seen.set(m.data.shard as number, list);
    } else if (m.type === "state") states++;
  }
  const { calls, failures } = api.stats();
  ok(failures > 20, `only ${failures} failures injected`);
  strictEqual(calls, SLICES * (PER_SLICE / PAGE) + failures);
  for (let shard = 0; shard < SLICES; shard++) {
    deepStrictEqual(seen.get(shard), Array.from({ length: PER_SLICE }, (_, i) => i), `shard ${shard}`);
  }
  strictEqual(states, 1);
});
