import { deepStrictEqual, ok } from "node:assert/strict";
import { fakeEnv } from "../env.ts";
import type { SliceCursor } from "../incremental/types.ts";
import { SecretMasker } from "../secrets.ts";
import type { ReadContext, StreamMessage, StreamSlice } from "../source/types.ts";
import type { RecordData } from "../types.ts";
import { DeclarativeStream } from "./declarative_stream.ts";

/** A cursor over slices "a" and "b" that records what it observed and checkpoints each closed slice. */
function cursor(observed: string[]): SliceCursor {
  return {
    slices: () => [{ partition: { p: "a" }, cursor_slice: {} }, { partition: { p: "b" }, cursor_slice: {} }],
    observe: (record: RecordData) => {
      observed.push(String(record.id));
    },
    close: (slice: StreamSlice) => ({ closed: slice.partition.p as string }),
    state: () => ({}),
    finalState: () => ({ final: true }),
  };
}

const PAGES: Record<string, RecordData[][]> = {
  a: [[{ id: "a1" }, { id: "a2" }], [{ id: "a3" }]],
  b: [[{ id: "b1" }, { id: "b2" }, { id: "b3" }]],
};

function stream(observed: string[], concurrency: number): DeclarativeStream {
  return new DeclarativeStream({
    name: "items",
    schema: () => Promise.resolve({}),
    reader: {
      async *readSlice(slice) {
        for (const page of PAGES[slice.partition.p as string]) yield* page;
      },
      async *readSlicePages(slice) {
        yield* PAGES[slice.partition.p as string];
      },
    },
    cursor: () => cursor(observed),
    concurrency,
  });
}

async function read(s: DeclarativeStream, extra: Partial<ReadContext> = {}): Promise<unknown[]> {
  const out: unknown[] = [];
  const ctx: ReadContext = { env: fakeEnv(), masker: new SecretMasker(), ...extra };
  for await (const m of s.read({ syncMode: "full_refresh" }, ctx) as AsyncIterable<StreamMessage>) {
    out.push(m.type === "records" ? m.data.map((r) => r.id) : m.type === "state" ? m.state : m);
  }
  return out;
}

Deno.test("declarative stream (sequential): one records message per page, checkpoints after each slice", async () => {
  const observed: string[] = [];
  const out = await read(stream(observed, 1));
  deepStrictEqual(out, [
    ["a1", "a2"],
    ["a3"],
    { closed: "a" },
    ["b1", "b2", "b3"],
    { closed: "b" },
    { final: true },
  ]);
  deepStrictEqual(observed, ["a1", "a2", "a3", "b1", "b2", "b3"]);
});

Deno.test("declarative stream (sequential): maxRecords cuts a page exactly and observes only what it yields", async () => {
  const observed: string[] = [];
  const out = await read(stream(observed, 1), { maxRecords: 4 });
  deepStrictEqual(out, [["a1", "a2"], ["a3"], { closed: "a" }, ["b1"]]);
  deepStrictEqual(observed, ["a1", "a2", "a3", "b1"]);
});

/** Per-partition record order, and the position of every state message, from a read's output. */
function shape(out: unknown[]): { a: unknown[]; b: unknown[]; states: unknown[]; total: number } {
  const flat = out.flatMap((m) => (Array.isArray(m) ? m : [m]));
  const records = flat.filter((m) => typeof m === "string") as string[];
  return {
    a: records.filter((r) => r.startsWith("a")),
    b: records.filter((r) => r.startsWith("b")),
    states: flat.filter((m) => typeof m !== "string"),
    total: records.length,
  };
}

Deno.test("declarative stream (concurrent): pages come as records messages through the page-wise partition reader", async () => {
  const observed: string[] = [];
  const out = await read(stream(observed, 2));
  ok(out.every((m) => !(typeof m === "object" && m !== null && "type" in m)), "no single record messages");
  deepStrictEqual(out.filter(Array.isArray).map((page) => (page as unknown[]).length).sort(), [1, 2, 3]);
  const { a, b, states } = shape(out);
  deepStrictEqual([a, b], [["a1", "a2", "a3"], ["b1", "b2", "b3"]]);
  deepStrictEqual(states, [{ closed: "a" }, { closed: "b" }, { final: true }]);
  // a slice is closed only after all its records
  const flat = out.flatMap((m) => (Array.isArray(m) ? m : [m]));
  ok(flat.indexOf("a3") < flat.findIndex((m) => JSON.stringify(m) === '{"closed":"a"}'));
  deepStrictEqual(observed.sort(), ["a1", "a2", "a3", "b1", "b2", "b3"]);
});

Deno.test("declarative stream (concurrent): maxRecords stops after exactly that many records, no final state", async () => {
  const out = await read(stream([], 2), { maxRecords: 4 });
  const { a, b, states, total } = shape(out);
  deepStrictEqual(total, 4);
  deepStrictEqual(a, ["a1", "a2", "a3"].slice(0, a.length));
  deepStrictEqual(b, ["b1", "b2", "b3"].slice(0, b.length));
  ok(!states.some((s) => JSON.stringify(s) === '{"final":true}'));
});
