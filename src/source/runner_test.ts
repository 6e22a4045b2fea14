import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { fakeEnv } from "../env.ts";
import { SpoutError } from "../errors.ts";
import type { AirbyteMessage, ConfiguredAirbyteCatalog } from "../protocol/messages.ts";
import { parseInputState } from "../protocol/state.ts";
import { SecretMasker } from "../secrets.ts";
import type { JsonObject } from "../types.ts";
import { checkSource, discoverSource, isErrorTrace, readSource, readSourceBatched } from "./runner.ts";
import type { ReadContext, ReadOptions, Source, Stream, StreamMessage, SyncMode } from "./types.ts";

type Script = (options: ReadOptions, ctx: ReadContext) => AsyncIterable<StreamMessage>;

function fakeStream(name: string, script: Script, extra: Partial<Stream> = {}): Stream {
  return { name, jsonSchema: () => Promise.resolve({ type: "object" }), read: script, ...extra };
}

function fakeSource(streams: Stream[]): Source {
  return {
    spec: () => Promise.resolve({ connectionSpecification: { type: "object" } }),
    check: () => Promise.resolve({ status: "SUCCEEDED" }),
    streams: () => Promise.resolve(streams),
  };
}

function catalogOf(...entries: [string, SyncMode, string[]?][]): ConfiguredAirbyteCatalog {
  return {
    streams: entries.map(([name, mode, cursor]) => ({
      stream: { name, json_schema: {}, supported_sync_modes: ["full_refresh", "incremental"] },
      sync_mode: mode,
      destination_sync_mode: "append",
      ...(cursor ? { cursor_field: cursor } : {}),
    })),
  };
}

function ctxWith(masker = new SecretMasker(), signal?: AbortSignal): ReadContext {
  let clock = 1000;
  return { env: fakeEnv({ now: () => clock++ }), masker, signal };
}

async function collect(iterable: AsyncIterable<AirbyteMessage>): Promise<AirbyteMessage[]> {
  const out: AirbyteMessage[] = [];
  for await (const m of iterable) out.push(m);
  return out;
}

/** A compact trace of the message sequence: "STARTED:a", "RECORD:a:1", "STATE:a:{..}:2", ... (INFO logs left out) */
function summary(messages: AirbyteMessage[]): string[] {
  return messages.filter((m) => !(m.type === "LOG" && m.log.level === "INFO")).map((m) => {
    switch (m.type) {
      case "RECORD":
        return `RECORD:${m.record.stream}:${JSON.stringify(m.record.data.id)}`;
      case "STATE":
        return `STATE:${m.state.stream!.stream_descriptor.name}:${
          JSON.stringify(m.state.stream!.stream_state)
        }:${m.state.sourceStats!.recordCount}`;
      case "TRACE":
        if (m.trace.type === "STREAM_STATUS") {
          return `${m.trace.stream_status!.status}:${m.trace.stream_status!.stream_descriptor.name}`;
        }
        return `ERROR:${m.trace.error!.stream_descriptor?.name ?? "-"}:${m.trace.error!.failure_type}`;
      case "LOG":
        return `LOG:${m.log.level}`;
      default:
        return m.type;
    }
  });
}

const records = (ids: number[]) => ids.map((id): StreamMessage => ({ type: "record", data: { id } }));

Deno.test("full refresh: STARTED, RUNNING at first record, records, no-cursor state, COMPLETE", async () => {
  const source = fakeSource([fakeStream("users", async function* () {
    yield* records([1, 2, 3]);
  })]);
  const out = await collect(
    readSource(source, {}, catalogOf(["users", "full_refresh"]), undefined, ctxWith()),
  );
  deepStrictEqual(summary(out), [
    "STARTED:users",
    "RUNNING:users",
    "RECORD:users:1",
    "RECORD:users:2",
    "RECORD:users:3",
    'STATE:users:{"__ab_no_cursor_state_message":true}:3',
    "COMPLETE:users",
  ]);
  const record = out.find((m) => m.type === "RECORD") as Extract<AirbyteMessage, { type: "RECORD" }>;
  ok(record.record.emitted_at >= 1000, "emitted_at comes from ctx.env.now()");
  ok(!out.some(isErrorTrace));
});

Deno.test("an empty stream has no RUNNING but still ends with the no-cursor state", async () => {
  const source = fakeSource([fakeStream("empty", async function* () {})]);
  const out = await collect(
    readSource(source, {}, catalogOf(["empty", "full_refresh"]), undefined, ctxWith()),
  );
  deepStrictEqual(summary(out), [
    "STARTED:empty",
    'STATE:empty:{"__ab_no_cursor_state_message":true}:0',
    "COMPLETE:empty",
  ]);
});

Deno.test("incremental: states pass through in order with per-state record counts", async () => {
  let seen: ReadOptions | undefined;
  const source = fakeSource([fakeStream("inc", async function* (options) {
    seen = options;
    yield* records([1, 2]);
    yield { type: "state", state: { updated: "b" } };
    yield* records([3]);
    yield { type: "state", state: { updated: "c" } };
    yield { type: "state", state: { updated: "c" } };
  }, { cursorField: ["updated"] })]);
  const state = parseInputState([
    { type: "STREAM", stream: { stream_descriptor: { name: "inc" }, stream_state: { updated: "a" } } },
  ]);
  const out = await collect(readSource(source, {}, catalogOf(["inc", "incremental"]), state, ctxWith()));
  deepStrictEqual(summary(out), [
    "STARTED:inc",
    "RUNNING:inc",
    "RECORD:inc:1",
    "RECORD:inc:2",
    'STATE:inc:{"updated":"b"}:2',
    "RECORD:inc:3",
    'STATE:inc:{"updated":"c"}:1',
    'STATE:inc:{"updated":"c"}:0',
    "COMPLETE:inc",
  ]);
  deepStrictEqual(seen, { syncMode: "incremental", cursorField: ["updated"], state: { updated: "a" } });
});

Deno.test("a state is never emitted before the records it covers, even across many partitions", async () => {
  const source = fakeSource([fakeStream("p", async function* () {
    for (let part = 0; part < 5; part++) {
      for (let i = 0; i < 3; i++) {
        await Promise.resolve();
        yield { type: "record", data: { id: part * 3 + i } };
      }
      yield { type: "state", state: { done: part } };
    }
  }, { cursorField: ["id"] })]);
  const out = await collect(readSource(source, {}, catalogOf(["p", "incremental"]), undefined, ctxWith()));
  let recordsSoFar = 0;
  for (const m of out) {
    if (m.type === "RECORD") recordsSoFar++;
    if (m.type === "STATE") {
      const done = (m.state.stream!.stream_state as { done: number }).done;
      strictEqual(recordsSoFar, (done + 1) * 3, "every record of the partition precedes its state");
      strictEqual(m.state.sourceStats!.recordCount, 3);
    }
  }
});

Deno.test("the configured cursor field wins over the stream's default; no state re-emits the input", async () => {
  let seen: ReadOptions | undefined;
  const source = fakeSource([fakeStream("inc", async function* (options) {
    seen = options;
    yield* [];
  }, { cursorField: ["updated"] })]);
  const state = parseInputState({ inc: { created: "x" } });
  const out = await collect(
    readSource(source, {}, catalogOf(["inc", "incremental", ["created"]]), state, ctxWith()),
  );
  deepStrictEqual(seen?.cursorField, ["created"]);
  deepStrictEqual(summary(out), ["STARTED:inc", 'STATE:inc:{"created":"x"}:0', "COMPLETE:inc"]);
});

Deno.test("a stream error: TRACE ERROR + INCOMPLETE, the others are still read, a final error fails the read", async () => {
  const masker = new SecretMasker();
  masker.add("sup3rsecret");
  const source = fakeSource([
    fakeStream("a", async function* () {
      yield* records([1]);
    }),
    fakeStream("bad", async function* () {
      yield* records([10]);
      yield { type: "state", state: { c: 10 } };
      throw new SpoutError("http_auth", "401 Unauthorized for token sup3rsecret: check the api key");
    }, { cursorField: ["c"] }),
    fakeStream("c", async function* () {
      yield* records([20]);
    }),
  ]);
  const catalog = catalogOf(["a", "full_refresh"], ["bad", "incremental"], ["c", "full_refresh"]);
  const out = await collect(readSource(source, {}, catalog, undefined, ctxWith(masker)));
  deepStrictEqual(summary(out), [
    "STARTED:a",
    "RUNNING:a",
    "RECORD:a:1",
    'STATE:a:{"__ab_no_cursor_state_message":true}:1',
    "COMPLETE:a",
    "STARTED:bad",
    "RUNNING:bad",
    "RECORD:bad:10",
    'STATE:bad:{"c":10}:1',
    "ERROR:bad:config_error",
    "INCOMPLETE:bad",
    "STARTED:c",
    "RUNNING:c",
    "RECORD:c:20",
    'STATE:c:{"__ab_no_cursor_state_message":true}:1',
    "COMPLETE:c",
    "ERROR:-:config_error",
  ]);
  const text = JSON.stringify(out);
  ok(!text.includes("sup3rsecret"), "the secret is masked in every error field");
  const streamError = out.find(isErrorTrace) as Extract<AirbyteMessage, { type: "TRACE" }>;
  ok(streamError.trace.error!.message.includes("401 Unauthorized for token ****"));
  strictEqual(streamError.trace.error!.internal_message, "http_auth");
  const last = out.at(-1) as Extract<AirbyteMessage, { type: "TRACE" }>;
  ok(last.trace.error!.message.includes("bad: 401"));
});

Deno.test("a non-Spout error is a system_error with its stack masked", async () => {
  const masker = new SecretMasker();
  masker.add("tok_123456");
  const source = fakeSource([fakeStream("x", async function* () {
    yield* [];
    throw new TypeError("cannot read tok_123456");
  })]);
  const out = await collect(
    readSource(source, {}, catalogOf(["x", "full_refresh"]), undefined, ctxWith(masker)),
  );
  const error = out.find(isErrorTrace) as Extract<AirbyteMessage, { type: "TRACE" }>;
  strictEqual(error.trace.error!.failure_type, "system_error");
  deepStrictEqual(error.trace.error!.stream_descriptor, { name: "x" });
  ok(error.trace.error!.stack_trace?.includes("TypeError"));
  ok(!JSON.stringify(out).includes("tok_123456"));
  deepStrictEqual(summary(out).slice(1, 4), [
    "ERROR:x:system_error",
    'STATE:x:{"__ab_no_cursor_state_message":true}:0',
    "INCOMPLETE:x",
  ], "like the reference, a failed full refresh stream still ends with the (progress-free) marker");
});

Deno.test("streams not in the catalog are not read; catalog streams missing from the source are INCOMPLETE", async () => {
  let otherRead = false;
  const source = fakeSource([
    fakeStream("a", async function* () {
      yield* records([1]);
    }),
    fakeStream("other", async function* () {
      otherRead = true;
      yield* [];
    }),
  ]);
  const out = await collect(
    readSource(source, {}, catalogOf(["ghost", "full_refresh"], ["a", "full_refresh"]), undefined, ctxWith()),
  );
  strictEqual(otherRead, false);
  deepStrictEqual(summary(out).slice(0, 2), ["LOG:WARN", "INCOMPLETE:ghost"]);
  ok(summary(out).includes("COMPLETE:a"));
  ok(!out.some(isErrorTrace), "a missing stream does not fail the read (reference default)");
});

Deno.test("stream log messages become masked LOG messages", async () => {
  const masker = new SecretMasker();
  masker.add("pass-word-1");
  const source = fakeSource([fakeStream("a", async function* () {
    yield { type: "log", level: "INFO", message: "using pass-word-1" };
  })]);
  const out = await collect(
    readSource(source, {}, catalogOf(["a", "full_refresh"]), undefined, ctxWith(masker)),
  );
  const logs = out.flatMap((m) => m.type === "LOG" ? [m.log] : []);
  deepStrictEqual(logs[1], { level: "INFO", message: "using ****" });
});

Deno.test("abort: the current stream is INCOMPLETE, no state past the last record, later streams not started", async () => {
  const controller = new AbortController();
  const source = fakeSource([
    fakeStream("a", async function* (_options, ctx) {
      yield { type: "record", data: { id: 1 } };
      yield { type: "state", state: { c: 1 } };
      yield { type: "record", data: { id: 2 } };
      controller.abort(new Error("SIGTERM"));
      ctx.signal?.throwIfAborted();
      yield { type: "state", state: { c: 2 } };
    }, { cursorField: ["c"] }),
    fakeStream("b", async function* () {
      yield* records([9]);
    }),
  ]);
  const out = await collect(
    readSource(
      source,
      {},
      catalogOf(["a", "incremental"], ["b", "full_refresh"]),
      undefined,
      ctxWith(new SecretMasker(), controller.signal),
    ),
  );
  deepStrictEqual(summary(out), [
    "STARTED:a",
    "RUNNING:a",
    "RECORD:a:1",
    'STATE:a:{"c":1}:1',
    "RECORD:a:2",
    "INCOMPLETE:a",
    "ERROR:a:transient_error",
  ]);
});

Deno.test("maxRecords stops a stream early without claiming completion state", async () => {
  let stopped = false;
  const source = fakeSource([fakeStream("a", async function* () {
    try {
      for (let i = 0;; i++) yield { type: "record", data: { id: i } };
    } finally {
      stopped = true;
    }
  })]);
  const ctx = { ...ctxWith(), maxRecords: 2 };
  const out = await collect(readSource(source, {}, catalogOf(["a", "full_refresh"]), undefined, ctx));
  deepStrictEqual(summary(out), ["STARTED:a", "RUNNING:a", "RECORD:a:0", "RECORD:a:1", "COMPLETE:a"]);
  ok(stopped, "the stream generator was closed");
});

Deno.test("source.streams failing yields one TRACE ERROR", async () => {
  const source: Source = {
    ...fakeSource([]),
    streams: () => Promise.reject(new SpoutError("manifest_invalid", "bad manifest")),
  };
  const out = await collect(readSource(source, {}, catalogOf(["a", "full_refresh"]), undefined, ctxWith()));
  // A manifest the source refuses is not the user's to fix (the reference reports system_error).
  deepStrictEqual(summary(out), ["ERROR:-:system_error"]);
});

Deno.test("check: success passes through, failures and exceptions become masked FAILED", async () => {
  const masker = new SecretMasker();
  masker.add("abcdef123");
  const base = fakeSource([]);
  deepStrictEqual(await checkSource(base, {}, ctxWith(masker)), { status: "SUCCEEDED" });
  const failing: Source = {
    ...base,
    check: () => Promise.resolve({ status: "FAILED", message: "key abcdef123 bad" }),
  };
  deepStrictEqual(await checkSource(failing, {}, ctxWith(masker)), {
    status: "FAILED",
    message: "key **** bad",
  });
  const throwing: Source = { ...base, check: () => Promise.reject(new Error("boom abcdef123")) };
  const status = await checkSource(throwing, {}, ctxWith(masker));
  strictEqual(status.status, "FAILED");
  ok(status.message?.includes("boom ****"));
});

Deno.test("discover describes streams like the reference catalog", async () => {
  const source = fakeSource([
    fakeStream("items", async function* () {}, { primaryKey: [["id"]] }),
    fakeStream("inc", async function* () {}, { cursorField: ["updated"], namespace: "ns" }),
  ]);
  const catalog = await discoverSource(source, {} as JsonObject, ctxWith());
  deepStrictEqual(catalog.streams, [
    {
      name: "items",
      json_schema: { type: "object" },
      supported_sync_modes: ["full_refresh"],
      source_defined_primary_key: [["id"]],
      is_resumable: false,
      is_file_based: false,
    },
    {
      name: "inc",
      json_schema: { type: "object" },
      supported_sync_modes: ["full_refresh", "incremental"],
      namespace: "ns",
      source_defined_cursor: true,
      default_cursor_field: ["updated"],
      is_resumable: true,
      is_file_based: false,
    },
  ]);
});

Deno.test("a record that is not a JSON object fails its stream with a clear decode_error", async () => {
  const source = fakeSource([fakeStream("odd", async function* () {
    yield { type: "record", data: { id: 1 } };
    yield { type: "record", data: "just a string" as unknown as { id: number } };
  })]);
  const out = await collect(readSource(source, {}, catalogOf(["odd", "full_refresh"]), undefined, ctxWith()));
  deepStrictEqual(summary(out), [
    "STARTED:odd",
    "RUNNING:odd",
    "RECORD:odd:1",
    "ERROR:odd:system_error",
    'STATE:odd:{"__ab_no_cursor_state_message":true}:1',
    "INCOMPLETE:odd",
    "ERROR:-:config_error",
  ]);
  const error = out.find(isErrorTrace) as Extract<AirbyteMessage, { type: "TRACE" }>;
  ok(error.trace.error!.message.includes("not a JSON object (string)"));
});

Deno.test("streamConcurrency: streams interleave, each keeps its own order, failures still fail the read", async () => {
  const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
  const stream = (name: string, base: number, fail = false) =>
    fakeStream(name, async function* () {
      for (let i = 0; i < 3; i++) {
        await tick();
        yield { type: "record", data: { id: base + i } };
        yield { type: "state", state: { id: base + i } };
      }
      if (fail) throw new Error(`${name} broke`);
    }, { cursorField: ["id"] });
  const source = fakeSource([stream("a", 0), stream("b", 10), stream("c", 20, true), stream("d", 30)]);
  const catalog = catalogOf(["a", "incremental"], ["b", "incremental"], ["c", "incremental"], [
    "d",
    "incremental",
  ]);
  const out = await collect(readSource(source, {}, catalog, undefined, ctxWith(), { streamConcurrency: 2 }));
  const lines = summary(out);
  // a and b run together: b starts before a completes; d waits for a free slot.
  ok(lines.indexOf("STARTED:b") < lines.indexOf("COMPLETE:a"), lines.join(" "));
  ok(lines.indexOf("STARTED:d") > Math.min(lines.indexOf("COMPLETE:a"), lines.indexOf("COMPLETE:b")));
  for (const name of ["a", "b", "d"]) {
    const own = lines.filter((l) => l.split(":")[1] === name);
    const base = { a: 0, b: 10, d: 30 }[name]!;
    deepStrictEqual(own, [
      `STARTED:${name}`,
      `RUNNING:${name}`,
      `RECORD:${name}:${base}`,
      `STATE:${name}:{"id":${base}}:1`,
      `RECORD:${name}:${base + 1}`,
      `STATE:${name}:{"id":${base + 1}}:1`,
      `RECORD:${name}:${base + 2}`,
      `STATE:${name}:{"id":${base + 2}}:1`,
      `COMPLETE:${name}`,
    ]);
  }
  ok(lines.includes("ERROR:c:system_error") && lines.includes("INCOMPLETE:c"));
  strictEqual(lines.at(-1), "ERROR:-:config_error");
});

Deno.test("streamConcurrency: abort stops running streams and starts no new one", async () => {
  const controller = new AbortController();
  const started: string[] = [];
  const stream = (name: string) =>
    fakeStream(name, async function* (_options, ctx) {
      started.push(name);
      for (let i = 0; i < 1000; i++) {
        await ctx.env.sleep(0, ctx.signal);
        await new Promise((resolve) => setTimeout(resolve, 0));
        ctx.signal?.throwIfAborted();
        yield { type: "record", data: { id: i } };
        if (name === "a" && i === 2) controller.abort(new Error("SIGINT"));
      }
    });
  const source = fakeSource([stream("a"), stream("b"), stream("c")]);
  const catalog = catalogOf(["a", "full_refresh"], ["b", "full_refresh"], ["c", "full_refresh"]);
  const out = await collect(
    readSource(source, {}, catalog, undefined, ctxWith(new SecretMasker(), controller.signal), {
      streamConcurrency: 2,
    }),
  );
  deepStrictEqual(started, ["a", "b"]);
  const lines = summary(out);
  ok(lines.includes("INCOMPLETE:a") && lines.includes("INCOMPLETE:b"), lines.join(" "));
  ok(!lines.some((l) => l.startsWith("STATE")), "no state for interrupted streams");
  ok(lines.includes("ERROR:a:transient_error"));
});

Deno.test("streamConcurrency: a consumer that stops early closes every running stream", async () => {
  const closed: string[] = [];
  const stream = (name: string) =>
    fakeStream(name, async function* () {
      try {
        for (let i = 0;; i++) {
          await new Promise((resolve) => setTimeout(resolve, 0));
          yield { type: "record", data: { id: i } };
        }
      } finally {
        closed.push(name);
      }
    });
  const source = fakeSource([stream("a"), stream("b")]);
  let seen = 0;
  for await (
    const _ of readSource(
      source,
      {},
      catalogOf(["a", "full_refresh"], ["b", "full_refresh"]),
      undefined,
      ctxWith(),
      { streamConcurrency: 2 },
    )
  ) {
    if (++seen === 10) break;
  }
  await new Promise((resolve) => setTimeout(resolve, 20));
  deepStrictEqual(closed.sort(), ["a", "b"]);
});

Deno.test("each stream logs when it starts and how many records it read", async () => {
  const source = fakeSource([fakeStream("users", async function* () {
    yield* records([1, 2]);
  })]);
  const out = await collect(
    readSource(source, {}, catalogOf(["users", "full_refresh"]), undefined, ctxWith()),
  );
  const logs = out.flatMap((m) => m.type === "LOG" ? [m.log.message] : []);
  strictEqual(logs[0], "Syncing stream users (full_refresh)");
  ok(/^Read 2 records from stream users in \d+ ms$/.test(logs[1]), logs[1]);
});

Deno.test("records pages: readSource yields one RECORD per record, readSourceBatched one batch per page", async () => {
  const stream = fakeStream("users", async function* () {
    yield { type: "records", data: [{ id: 1 }, { id: 2 }] };
    yield { type: "state", state: { at: 2 } };
    yield { type: "records", data: [{ id: 3 }, { id: 4 }, { id: 5 }] };
  });
  const catalog = catalogOf(["users", "full_refresh"]);
  const out = await collect(readSource(fakeSource([stream]), {}, catalog, undefined, ctxWith()));
  deepStrictEqual(summary(out), [
    "STARTED:users",
    "RUNNING:users",
    "RECORD:users:1",
    "RECORD:users:2",
    'STATE:users:{"at":2}:2',
    "RECORD:users:3",
    "RECORD:users:4",
    "RECORD:users:5",
    "COMPLETE:users",
  ]);
  const stamps = out.flatMap((m) => m.type === "RECORD" ? [m.record.emitted_at] : []);
  strictEqual(stamps[0], stamps[1], "a page shares one emitted_at");
  strictEqual(stamps[2], stamps[4]);
  ok(stamps[2] > stamps[0]);
  const batched: string[] = [];
  for await (const m of readSourceBatched(fakeSource([stream]), {}, catalog, undefined, ctxWith())) {
    if (m.type === "RECORDS") batched.push(`RECORDS:${m.stream}:${m.records.map((r) => r.id).join("+")}`);
    else if (m.type === "STATE") batched.push("STATE");
  }
  deepStrictEqual(batched, ["RECORDS:users:1+2", "STATE", "RECORDS:users:3+4+5"]);
  // maxRecords cuts inside a page and claims no closing state
  const ctx = { ...ctxWith(), maxRecords: 4 };
  const cut = await collect(readSource(fakeSource([stream]), {}, catalog, undefined, ctx));
  deepStrictEqual(summary(cut).filter((s) => s.startsWith("RECORD") || s.startsWith("STATE")), [
    "RECORD:users:1",
    "RECORD:users:2",
    'STATE:users:{"at":2}:2',
    "RECORD:users:3",
    "RECORD:users:4",
  ]);
});
