import { deepStrictEqual, ok, rejects, strictEqual } from "node:assert/strict";
import { SecretMasker } from "../secrets.ts";
import {
  controlConfigMessage,
  errorTraceMessage,
  logMessage,
  recordMessage,
  streamStateMessage,
} from "./messages.ts";
import { MessageWriter, serializeMessage } from "./writer.ts";

function collector() {
  const chunks: string[] = [];
  const decoder = new TextDecoder();
  return {
    chunks,
    sink: (chunk: Uint8Array) => {
      chunks.push(decoder.decode(chunk));
    },
    lines: () => chunks.join("").split("\n").filter((l) => l !== "").map((l) => JSON.parse(l)),
  };
}

Deno.test("records are batched into chunks of about bufferSize characters", async () => {
  const out = collector();
  const writer = new MessageWriter(out.sink, { bufferSize: 1000 });
  for (let i = 0; i < 100; i++) await writer.write(recordMessage("s", { id: i, pad: "x".repeat(40) }, 1));
  ok(out.chunks.length > 3 && out.chunks.length < 20, `chunks: ${out.chunks.length}`);
  for (const chunk of out.chunks) ok(chunk.endsWith("\n"), "chunks end on a line boundary");
  await writer.flush();
  const lines = out.lines();
  strictEqual(lines.length, 100);
  deepStrictEqual(lines.map((l) => l.record.data.id), [...Array(100).keys()]);
  strictEqual(writer.messages, 100);
  strictEqual(writer.bytes, new TextEncoder().encode(out.chunks.join("")).length);
});

Deno.test("a STATE flushes itself and every record before it, in order", async () => {
  const out = collector();
  const writer = new MessageWriter(out.sink);
  await writer.write(recordMessage("s", { id: 1 }, 1));
  await writer.write(recordMessage("s", { id: 2 }, 1));
  strictEqual(out.chunks.length, 0, "records wait in the buffer");
  await writer.write(streamStateMessage({ name: "s" }, { c: 2 }, 2));
  const lines = out.lines();
  deepStrictEqual(lines.map((l) => l.type), ["RECORD", "RECORD", "STATE"]);
  await writer.write(recordMessage("s", { id: 3 }, 1));
  strictEqual(out.lines().length, 3, "a record after the state is not flushed yet");
  await writer.flush();
  strictEqual(out.lines().length, 4);
});

Deno.test("a slow sink applies backpressure and chunks never interleave", async () => {
  const order: string[] = [];
  let active = 0;
  let maxActive = 0;
  const writer = new MessageWriter(async (chunk) => {
    active++;
    maxActive = Math.max(maxActive, active);
    await new Promise((resolve) => setTimeout(resolve, 2));
    order.push(new TextDecoder().decode(chunk));
    active--;
  }, { bufferSize: 50 });
  const pending: Promise<void>[] = [];
  for (let i = 0; i < 20; i++) pending.push(writer.write(recordMessage("s", { i }, 1)));
  // Writes that produced a chunk resolve only once the sink has taken it.
  await pending[19];
  strictEqual(maxActive, 1, "the sink is never called concurrently");
  await writer.flush();
  const ids = order.join("").trim().split("\n").map((l) => JSON.parse(l).record.data.i);
  deepStrictEqual(ids, [...Array(20).keys()]);
});

Deno.test("write resolves only after the sink accepted the chunk it triggered", async () => {
  let release!: () => void;
  let taken = false;
  const writer = new MessageWriter(() =>
    new Promise<void>((resolve) => {
      release = () => {
        taken = true;
        resolve();
      };
    }), { bufferSize: 10 });
  const write = writer.write(recordMessage("s", { long: "enough to fill the buffer" }, 1));
  let settled = false;
  write.then(() => settled = true);
  await new Promise((resolve) => setTimeout(resolve, 5));
  strictEqual(settled, false, "still waiting for the sink");
  release();
  await write;
  ok(taken);
});

Deno.test("a failing sink rejects the write and every later write", async () => {
  const writer = new MessageWriter(() => Promise.reject(new Error("EPIPE")), { bufferSize: 1 });
  await rejects(writer.write(logMessage("INFO", "a")), /EPIPE/);
  await rejects(writer.write(logMessage("INFO", "b")), /EPIPE/);
  await rejects(writer.flush(), /EPIPE/);
});

Deno.test("LOG, TRACE and CONNECTION_STATUS are masked; RECORD, STATE and CONTROL are data", () => {
  const masker = new SecretMasker();
  masker.add("hunter22");
  const log = serializeMessage(logMessage("ERROR", "token hunter22 / " + btoa("hunter22")), masker);
  ok(!log.includes("hunter22") && !log.includes(btoa("hunter22")), log);
  const trace = serializeMessage(
    errorTraceMessage({ message: "m hunter22", internalMessage: "i hunter22", stackTrace: "s hunter22" }, 1),
    masker,
  );
  ok(!trace.includes("hunter22"), trace);
  strictEqual(JSON.parse(trace).trace.error.message, "m ****");
  const status = serializeMessage({
    type: "CONNECTION_STATUS",
    connectionStatus: { status: "FAILED", message: "hunter22" },
  }, masker);
  ok(!status.includes("hunter22"));
  ok(serializeMessage(recordMessage("s", { note: "hunter22" }, 1), masker).includes("hunter22"));
  ok(serializeMessage(streamStateMessage({ name: "s" }, { c: "hunter22" }), masker).includes("hunter22"));
  // CONTROL carries the full new config that the platform persists: masking it would destroy credentials.
  ok(serializeMessage(controlConfigMessage({ password: "hunter22" }, 1), masker).includes("hunter22"));
});

Deno.test("record fast path produces the same JSON as JSON.stringify, one line per message", () => {
  const data = { s: 'quote " newline \n tab \t unicode \u2028 é', n: 1.5, nested: { a: [1, null, true] } };
  const line = serializeMessage(recordMessage('st"ream', data, 42, "ns"));
  deepStrictEqual(JSON.parse(line), recordMessage('st"ream', data, 42, "ns"));
  ok(!line.includes("\n"));
});

Deno.test("push returns undefined while buffering and a promise when it must be awaited", async () => {
  const out = collector();
  const writer = new MessageWriter(out.sink, { bufferSize: 200 });
  strictEqual(writer.push(recordMessage("s", { id: 1 }, 1)), undefined);
  const state = writer.push(streamStateMessage({ name: "s" }, { c: 1 }, 1));
  ok(state instanceof Promise);
  await state;
  strictEqual(out.lines().length, 2);
  let wait: Promise<void> | undefined;
  for (let i = 0; i < 10 && !wait; i++) {
    wait = writer.push(recordMessage("s", { id: i, pad: "y".repeat(30) }, 1));
  }
  ok(wait instanceof Promise, "a full buffer must be awaited");
  await wait;
});

Deno.test("non-record messages flush at once (liveness logs are not held back by batching)", async () => {
  const out = collector();
  const writer = new MessageWriter(out.sink);
  await writer.write(recordMessage("s", { id: 1 }, 1));
  strictEqual(out.chunks.length, 0);
  await writer.write(logMessage("INFO", "waiting 60 s for the rate limit"));
  deepStrictEqual(out.lines().map((l) => l.type), ["RECORD", "LOG"]);
});

Deno.test("buffered records are written within maxDelayMs even when nothing else flushes", async () => {
  const out = collector();
  const writer = new MessageWriter(out.sink, { maxDelayMs: 5 });
  await writer.write(recordMessage("s", { id: 1 }, 1));
  await writer.write(recordMessage("s", { id: 2 }, 1));
  strictEqual(out.chunks.length, 0);
  await new Promise((resolve) => setTimeout(resolve, 30));
  strictEqual(out.chunks.length, 1, "one timed flush for both records");
  strictEqual(out.lines().length, 2);
  await writer.flush();
});

Deno.test("pushRecords writes the same bytes as one push per record, and applies backpressure per batch", async () => {
  const records = [{ id: 1, s: "a\nb" }, { id: 2, nested: { x: [1, null] } }, {}];
  for (const namespace of [undefined, "ns"]) {
    const single = collector();
    const one = new MessageWriter(single.sink, { maxDelayMs: 0 });
    for (const r of records) await one.write(recordMessage("users", r, 1234, namespace));
    await one.flush();
    const batch = collector();
    const many = new MessageWriter(batch.sink, { maxDelayMs: 0 });
    strictEqual(many.pushRecords("users", records, 1234, namespace), undefined);
    strictEqual(many.pushRecords("users", [], 1234, namespace), undefined);
    await many.flush();
    strictEqual(batch.chunks.join(""), single.chunks.join(""));
    strictEqual(many.messages, 3);
  }
  const slow = collector();
  const small = new MessageWriter(slow.sink, { bufferSize: 10, maxDelayMs: 0 });
  const wait = small.pushRecords("users", records, 1);
  ok(wait instanceof Promise, "a batch over bufferSize returns the drain promise");
  await wait;
  strictEqual(slow.lines().length, 3);
  const failing = new MessageWriter(() => Promise.reject(new Error("closed")), { maxDelayMs: 0 });
  await rejects(failing.pushRecords("users", records, 1, undefined) ?? failing.flush(), /closed/);
  await rejects(Promise.resolve(failing.pushRecords("users", records, 1)), /closed/);
});
