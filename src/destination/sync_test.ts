import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { fakeEnv } from "../env.ts";
import type { AirbyteStateMessage, StreamDescriptor } from "../protocol/messages.ts";
import { SecretMasker } from "../secrets.ts";
import type { ReadOptions, Source, Stream, StreamMessage } from "../source/types.ts";
import type { JsonObject, RecordData } from "../types.ts";
import { defaultSyncCatalog, syncToDestination } from "./sync.ts";
import type { Destination, StreamTarget } from "./types.ts";

/** Records every call; "durable" holds what commits made durable. */
class LogDestination implements Destination {
  readonly label = "log:";
  calls: string[] = [];
  pending: [string, RecordData][] = [];
  durable: [string, RecordData][] = [];
  states = new Map<string, JsonObject>();
  targets: StreamTarget[] = [];
  open(streams: StreamTarget[]): Promise<AirbyteStateMessage[]> {
    this.targets = streams;
    this.calls.push("open");
    return Promise.resolve([...this.states].map(([name, state]) => ({
      type: "STREAM" as const,
      stream: { stream_descriptor: { name }, stream_state: state },
    })));
  }
  beginStream(s: StreamDescriptor): Promise<void> {
    this.calls.push(`begin ${s.name}`);
    return Promise.resolve();
  }
  write(s: StreamDescriptor, r: RecordData): void {
    this.pending.push([s.name, r]);
  }
  commit(s: StreamDescriptor, state: JsonObject, final: boolean): Promise<void> {
    this.calls.push(
      `commit ${s.name} ${JSON.stringify(state)}${final ? " final" : ""} (${this.pending.length})`,
    );
    this.durable.push(...this.pending);
    this.pending = [];
    this.states.set(s.name, state);
    return Promise.resolve();
  }
  discard(): Promise<void> {
    if (this.pending.length > 0) this.calls.push(`discard (${this.pending.length})`);
    this.pending = [];
    return Promise.resolve();
  }
  close(): Promise<void> {
    this.calls.push("close");
    return Promise.resolve();
  }
}

function stream(
  name: string,
  script: (options: ReadOptions) => AsyncGenerator<StreamMessage>,
  extra: Partial<Stream> = {},
): Stream {
  return { name, jsonSchema: () => Promise.resolve({}), read: (options) => script(options), ...extra };
}

function sourceOf(streams: Stream[]): Source {
  return {
    spec: () => Promise.resolve({ connectionSpecification: {} }),
    check: () => Promise.resolve({ status: "SUCCEEDED" }),
    streams: () => Promise.resolve(streams),
  };
}

const ctx = () => ({ env: fakeEnv(), masker: new SecretMasker() });

const events = stream("events", async function* (options) {
  const from = (options.state?.n as number | undefined) ?? 0;
  for (let n = from + 1; n <= from + 4; n++) {
    yield { type: "record", data: { id: n } };
    if (n % 2 === 0) yield { type: "state", state: { n } };
  }
}, { cursorField: ["n"], primaryKey: [["id"]] });

const users = stream("users", async function* () {
  yield { type: "record", data: { id: "u1" } };
  yield { type: "record", data: { id: "u2" } };
});

Deno.test("sync commits incremental records with each state and full refresh at completion; state comes back", async () => {
  const dest = new LogDestination();
  const source = sourceOf([events, users]);
  const catalog = defaultSyncCatalog({
    streams: [
      {
        name: "events",
        json_schema: {},
        supported_sync_modes: ["full_refresh", "incremental"],
        source_defined_primary_key: [["id"]],
      },
      { name: "users", json_schema: {}, supported_sync_modes: ["full_refresh"] },
    ],
  });
  const first = await syncToDestination(source, {}, catalog, dest, ctx());
  ok(first.ok);
  deepStrictEqual(dest.calls, [
    "open",
    "begin events",
    'commit events {"n":2} (2)',
    'commit events {"n":4} (2)',
    'commit events {"n":4} final (0)',
    "begin users",
    'commit users {"__ab_no_cursor_state_message":true} final (2)',
    "close",
  ]);
  deepStrictEqual(first.streams.map((s) => [s.name, s.records, s.committed, s.status]), [
    ["events", 4, 4, "complete"],
    ["users", 2, 2, "complete"],
  ]);
  strictEqual(dest.targets[0].dedupe, true);
  strictEqual(dest.targets[1].syncMode, "full_refresh");
  dest.calls = [];
  await syncToDestination(source, {}, catalog, dest, ctx());
  deepStrictEqual(
    dest.durable.filter(([s]) => s === "events").map(([, r]) => r.id),
    [1, 2, 3, 4, 5, 6, 7, 8],
    "resumed from n=4",
  );
});

Deno.test("sync drops a failed stream's uncommitted records and still syncs the others", async () => {
  const dest = new LogDestination();
  const failing = stream("events", async function* () {
    yield { type: "record", data: { id: 1 } };
    yield { type: "state", state: { n: 1 } };
    yield { type: "record", data: { id: 2 } };
    throw new Error("boom");
  }, { cursorField: ["n"] });
  const progress: number[] = [];
  const summary = await syncToDestination(
    sourceOf([failing, users]),
    {},
    defaultSyncCatalog({
      streams: [
        { name: "events", json_schema: {}, supported_sync_modes: ["incremental"] },
        { name: "users", json_schema: {}, supported_sync_modes: ["full_refresh"] },
      ],
    }, "append"),
    dest,
    ctx(),
    { onProgress: (s) => progress.push(s.records) },
  );
  strictEqual(summary.ok, false);
  deepStrictEqual(summary.streams.map((s) => s.status), ["failed", "complete"]);
  ok(dest.calls.includes("discard (1)"), dest.calls.join());
  deepStrictEqual(dest.durable.map(([, r]) => r.id), [1, "u1", "u2"]);
  ok(summary.errors.some((e) => e.includes("boom")), summary.errors.join());
  strictEqual(dest.targets[0].dedupe, false, "the catalog's append mode");
  ok(progress.length > 0);
});
