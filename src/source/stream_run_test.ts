import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { fakeEnv } from "../env.ts";
import { SpoutError } from "../errors.ts";
import type { AirbyteMessage } from "../protocol/messages.ts";
import { parseInputState } from "../protocol/state.ts";
import { SecretMasker } from "../secrets.ts";
import { type ReadMessage, type RecordBatch, StreamRun } from "./stream_run.ts";
import type { ReadContext, Stream } from "./types.ts";

const stream = (extra: Partial<Stream> = {}): Stream => ({
  name: "s",
  jsonSchema: () => Promise.resolve({}),
  read: async function* () {},
  ...extra,
});
const ctx = (extra: Partial<ReadContext> = {}): ReadContext => ({
  env: fakeEnv(),
  masker: new SecretMasker(),
  ...extra,
});
const kinds = (messages: ReadMessage[]) =>
  messages.map((m) => m.type === "TRACE" ? (m.trace.stream_status?.status ?? `ERROR`) : m.type);

Deno.test("translate: RUNNING comes with the first record only; states count the records since the last", () => {
  const run = new StreamRun(stream(), "full_refresh", undefined, undefined, ctx());
  const first = run.translate({ type: "record", data: { id: 1 } });
  ok(Array.isArray(first));
  deepStrictEqual(kinds(first), ["RUNNING", "RECORD"]);
  strictEqual((run.translate({ type: "record", data: { id: 2 } }) as AirbyteMessage).type, "RECORD");
  const state = run.translate({ type: "state", state: { c: 2 } }) as Extract<
    AirbyteMessage,
    { type: "STATE" }
  >;
  strictEqual(state.state.sourceStats?.recordCount, 2);
  const next = run.translate({ type: "state", state: { c: 2 } }) as Extract<
    AirbyteMessage,
    { type: "STATE" }
  >;
  strictEqual(next.state.sourceStats?.recordCount, 0);
  deepStrictEqual(kinds(run.end()), ["LOG", "COMPLETE"], "a stream that checkpointed needs no closing state");
});

Deno.test("the configured cursor and the input state reach the read options; closing state re-emits input", () => {
  const state = parseInputState({ s: { updated: "2024" } });
  const run = new StreamRun(stream({ cursorField: ["updated"] }), "incremental", ["changed"], state, ctx());
  deepStrictEqual(run.options, {
    syncMode: "incremental",
    cursorField: ["changed"],
    state: { updated: "2024" },
  });
  const end = run.end();
  deepStrictEqual(kinds(end), ["STATE", "LOG", "COMPLETE"]);
  const closing = end[0] as Extract<AirbyteMessage, { type: "STATE" }>;
  deepStrictEqual(closing.state.stream?.stream_state, { updated: "2024" });
});

Deno.test("maxRecords marks the run truncated and then no closing state is claimed", () => {
  const run = new StreamRun(stream(), "full_refresh", undefined, undefined, ctx({ maxRecords: 1 }));
  run.translate({ type: "record", data: { id: 1 } });
  strictEqual(run.truncated, true);
  deepStrictEqual(kinds(run.end()), ["LOG", "COMPLETE"]);
});

Deno.test("fail: masked TRACE ERROR, closing state, INCOMPLETE; aborted: INCOMPLETE + transient trace", () => {
  const masker = new SecretMasker();
  masker.add("p4ssw0rd");
  const run = new StreamRun(stream(), "full_refresh", undefined, undefined, ctx({ masker }));
  const { messages, outcome } = run.fail(new Error("denied for p4ssw0rd"));
  deepStrictEqual(kinds(messages), ["ERROR", "STATE", "INCOMPLETE"]);
  deepStrictEqual(outcome, { kind: "failed", reason: "internal error: denied for ****" });
  ok(!JSON.stringify(messages).includes("p4ssw0rd"));
  const controller = new AbortController();
  controller.abort(new Error("SIGTERM"));
  const aborted = new StreamRun(
    stream(),
    "full_refresh",
    undefined,
    undefined,
    ctx({ signal: controller.signal }),
  );
  const result = aborted.fail(new Error("aborted"));
  deepStrictEqual(kinds(result.messages), ["INCOMPLETE", "ERROR"]);
  strictEqual(result.outcome.kind, "aborted");
});

Deno.test("a record that is not an object throws a decode_error naming the stream", () => {
  const run = new StreamRun(stream(), "full_refresh", undefined, undefined, ctx());
  let error: unknown;
  try {
    run.translate({ type: "record", data: [1, 2] as unknown as { [key: string]: unknown } });
  } catch (e) {
    error = e;
  }
  ok(
    error instanceof Error &&
      error.message.includes("stream s produced a record that is not a JSON object (array)"),
  );
});

Deno.test("an abort whose reason is a SpoutError reports that error, not a transient interruption", () => {
  const controller = new AbortController();
  controller.abort(new SpoutError("internal_error", "unexpected internal error: boom"));
  const run = new StreamRun(
    stream(),
    "full_refresh",
    undefined,
    undefined,
    ctx({ signal: controller.signal }),
  );
  const trace = run.fail(new Error("aborted")).messages[1] as Extract<AirbyteMessage, { type: "TRACE" }>;
  strictEqual(trace.trace.error?.failure_type, "system_error");
  strictEqual(trace.trace.error?.message, "unexpected internal error: boom");
});

Deno.test("translate: a records page becomes one batch with one emitted_at; counts and RUNNING as for records", () => {
  let clock = 100;
  const env = { ...fakeEnv(), now: () => clock++ };
  const run = new StreamRun(stream({ namespace: "ns" }), "full_refresh", undefined, undefined, ctx({ env }));
  const first = run.translate({ type: "records", data: [{ id: 1 }, { id: 2 }] });
  ok(Array.isArray(first));
  deepStrictEqual(kinds(first), ["RUNNING", "RECORDS"]);
  const batch = first[1] as RecordBatch;
  deepStrictEqual(batch, {
    type: "RECORDS",
    stream: "s",
    namespace: "ns",
    records: [{ id: 1 }, { id: 2 }],
    emittedAt: 100,
  });
  const second = run.translate({ type: "records", data: [{ id: 3 }] }) as RecordBatch;
  strictEqual(second.type, "RECORDS");
  strictEqual(second.emittedAt, 101, "one clock read per page");
  strictEqual(run.translate({ type: "records", data: [] }), undefined);
  const state = run.translate({ type: "state", state: {} }) as Extract<AirbyteMessage, { type: "STATE" }>;
  strictEqual(state.state.sourceStats?.recordCount, 3);
});

Deno.test("translate: maxRecords cuts a page exactly", () => {
  const run = new StreamRun(stream(), "full_refresh", undefined, undefined, ctx({ maxRecords: 3 }));
  const first = run.translate({ type: "records", data: [{ id: 1 }, { id: 2 }] }) as ReadMessage[];
  strictEqual(run.truncated, false);
  const second = run.translate({ type: "records", data: [{ id: 3 }, { id: 4 }, { id: 5 }] }) as RecordBatch;
  strictEqual(run.truncated, true);
  deepStrictEqual(second.records, [{ id: 3 }]);
  strictEqual((first[1] as RecordBatch).records.length, 2);
});

Deno.test("translate: a page holding a non-object record fails with the stream's decode_error", () => {
  const run = new StreamRun(stream(), "full_refresh", undefined, undefined, ctx());
  let error: unknown;
  try {
    run.translate({ type: "records", data: [{ id: 1 }, null as unknown as { [key: string]: unknown }] });
  } catch (e) {
    error = e;
  }
  ok(
    error instanceof Error &&
      error.message.includes("stream s produced a record that is not a JSON object (null)"),
  );
});

Deno.test("translate: maxRecords 0 truncates at the first page without emitting a record", () => {
  const run = new StreamRun(stream(), "full_refresh", undefined, undefined, ctx({ maxRecords: 0 }));
  strictEqual(run.translate({ type: "records", data: [{ id: 1 }] }), undefined);
  strictEqual(run.truncated, true, "the caller stops reading");
});
