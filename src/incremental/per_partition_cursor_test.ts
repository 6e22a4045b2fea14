import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { fakeEnv } from "../env.ts";
import { ListPartitionRouter } from "../partition/list.ts";
import { SubstreamPartitionRouter } from "../partition/substream.ts";
import { SecretMasker } from "../secrets.ts";
import type { Stream, StreamSlice } from "../source/types.ts";
import type { JsonObject } from "../types.ts";
import { parseAirbyteDatetime } from "../util/airbyte_datetime.ts";
import { DatetimeCursor } from "./datetime_cursor.ts";
import { PerPartitionCursor } from "./per_partition_cursor.ts";
import reference from "./testdata/per_partition_reference.json" with { type: "json" };

const FMT = "%Y-%m-%dT%H:%M:%SZ";
const END = parseAirbyteDatetime("2024-01-03T00:00:00Z", FMT);
const ctx = () => ({ env: fakeEnv(), masker: new SecretMasker() });
const createCursor = (state: JsonObject, lookback: import("../util/timedelta.ts").PyTimedelta) =>
  new DatetimeCursor({
    cursorField: "updated_at",
    datetimeFormat: FMT,
    start: "2024-01-01T00:00:00Z",
    end: () => END,
    step: "P1D",
    cursorGranularity: "PT1S",
    state,
    runtimeLookbackWindow: lookback,
  });

interface RefCase {
  values: string[];
  use_global?: boolean;
  state: JsonObject;
  records: Record<string, string[]>;
  slices: StreamSlice[];
  emitted: JsonObject[];
}

(reference as unknown as RefCase[]).forEach((c, i) => {
  Deno.test(`per-partition state matches the reference CDK (case ${i + 1})`, async () => {
    let clock = 0;
    const cursor = new PerPartitionCursor({
      router: new ListPartitionRouter({ values: c.values, cursorField: "board" }),
      cursorField: "updated_at",
      createCursor,
      state: c.state,
      useGlobalCursor: c.use_global,
      now: () => (clock += 1),
    });
    const emitted: JsonObject[] = [];
    const slices: StreamSlice[] = [];
    // like the reference run, all slices are generated before any is processed
    for await (const slice of cursor.slices(ctx())) slices.push(slice);
    for (const slice of slices) {
      for (const v of c.records[`${slice.partition.board}|${slice.cursor_slice.start_time}`] ?? []) {
        cursor.observe({ updated_at: v }, slice);
      }
      const state = cursor.close(slice);
      if (state) emitted.push(state);
    }
    emitted.push(cursor.finalState());
    deepStrictEqual(slices.map((s) => ({ partition: s.partition, cursor_slice: s.cursor_slice })), c.slices);
    deepStrictEqual(JSON.parse(JSON.stringify(emitted)), c.emitted);
  });
});

Deno.test("per-partition cursor switches to a global cursor after too many partitions", async () => {
  const cursor = new PerPartitionCursor({
    router: new ListPartitionRouter({ values: ["a", "b", "c"], cursorField: "board" }),
    cursorField: "updated_at",
    createCursor,
    switchToGlobalLimit: 1,
    now: () => 0,
  });
  for await (const slice of cursor.slices(ctx())) {
    cursor.observe({ updated_at: "2024-01-01T10:00:00Z" }, slice);
    cursor.close(slice);
  }
  const state = cursor.finalState();
  strictEqual(state.use_global_cursor, true);
  ok(!("states" in state));
  deepStrictEqual(state.state, { updated_at: "2024-01-01T10:00:00Z" });
});

Deno.test("per-partition cursor: parent state only advances past fully processed partitions", async () => {
  const parent: Stream = {
    name: "boards",
    cursorField: ["updated_at"],
    jsonSchema: () => Promise.resolve({}),
    async *read() {
      yield { type: "record", data: { id: 1 } };
      yield { type: "state", state: { updated_at: "p1" } };
      yield { type: "record", data: { id: 2 } };
      yield { type: "state", state: { updated_at: "p2" } };
    },
  };
  const cursor = new PerPartitionCursor({
    router: new SubstreamPartitionRouter([{
      stream: parent,
      parentKey: "id",
      partitionField: "board_id",
      incrementalDependency: true,
    }]),
    cursorField: "updated_at",
    createCursor,
    now: () => 0,
    throttleMs: -1,
  });
  const slices: StreamSlice[] = [];
  for await (const slice of cursor.slices(ctx())) slices.push(slice);
  // board 1 has two windows, board 2 two windows; close board 2 completely but not board 1
  const b1 = slices.filter((s) => s.partition.board_id === 1);
  const b2 = slices.filter((s) => s.partition.board_id === 2);
  cursor.close(b1[0]);
  let state = cursor.close(b2[0])!;
  state = cursor.close(b2[1])!;
  ok(state.parent_state === undefined, "board 1 is unfinished: no parent state may be claimed");
  state = cursor.close(b1[1])!;
  // the parent state recorded when board 2 was generated (the parent had checkpointed board 1 only)
  deepStrictEqual(state.parent_state, { boards: { updated_at: "p1" } });
  deepStrictEqual(state.states, [
    { partition: { board_id: 1, parent_slice: {} }, cursor: { updated_at: "2024-01-01T00:00:00Z" } },
    { partition: { board_id: 2, parent_slice: {} }, cursor: { updated_at: "2024-01-01T00:00:00Z" } },
  ]);
  deepStrictEqual(cursor.finalState().parent_state, { boards: { updated_at: "p2" } });
});
