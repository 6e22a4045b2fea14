import { deepStrictEqual, ok, rejects } from "node:assert/strict";
import { Writable } from "node:stream";
import { nodeIO, streamSink } from "./io.ts";

Deno.test("streamSink: a stream error rejects the write and every later one (no uncaught 'error')", async () => {
  let calls = 0;
  const broken = new Writable({
    write(_chunk, _encoding, done) {
      calls++;
      done(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
    },
  });
  const sink = streamSink(broken);
  await rejects(async () => await sink(new Uint8Array([1])), /EPIPE/);
  await rejects(async () => await sink(new Uint8Array([2])), /EPIPE/);
  ok(calls <= 1, "nothing is written after the failure");
});

Deno.test("streamSink waits for a slow stream (backpressure)", async () => {
  const order: string[] = [];
  const slow = new Writable({
    highWaterMark: 1,
    write(chunk, _encoding, done) {
      setTimeout(() => {
        order.push(`wrote ${String(chunk)}`);
        done();
      }, 5);
    },
  });
  const sink = streamSink(slow);
  await sink(new TextEncoder().encode("a"));
  order.push("resolved a");
  await sink(new TextEncoder().encode("b"));
  order.push("resolved b");
  deepStrictEqual(order, ["wrote a", "resolved a", "wrote b", "resolved b"]);
});

Deno.test("nodeIO.importModule loads a TypeScript module by path (for --components)", async () => {
  const dir = await Deno.makeTempDir({ prefix: "spout_io_" });
  try {
    const path = `${dir}/components.ts`;
    await Deno.writeTextFile(
      path,
      "export class MyExtractor { kind = 'custom'; }\nexport const answer: number = 42;\n",
    );
    const exports = await nodeIO().importModule!(path);
    deepStrictEqual(Object.keys(exports).sort(), ["MyExtractor", "answer"]);
    deepStrictEqual(exports.answer, 42);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
