import { deepStrictEqual, ok, rejects, strictEqual } from "node:assert/strict";
import { readPartitions } from "./partition_reader.ts";
import type { StreamMessage } from "./types.ts";

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

Deno.test("partition reader: no state ever claims an unfinished partition (randomised completion order)", async () => {
  for (let trial = 0; trial < 20; trial++) {
    let seed = trial + 1;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const partitions = Array.from({ length: 12 }, (_, i) => i);
    const sizes = partitions.map(() => Math.floor(random() * 4));
    const delays = partitions.map(() => partitions.map(() => Math.floor(random() * 3)));
    const yieldedPerPartition = new Map<number, number>();
    const messages: StreamMessage[] = [];
    for await (
      const m of readPartitions<number>({
        partitions,
        read: async function* (p) {
          for (let r = 0; r < sizes[p]; r++) {
            await delay(delays[p][r]);
            yield { p, r };
          }
          await delay(delays[p][11]);
        },
        close: (p) => ({ through: p }),
        concurrency: 4,
      })
    ) {
      messages.push(m);
      if (m.type === "record") {
        const p = m.data.p as number;
        yieldedPerPartition.set(p, (yieldedPerPartition.get(p) ?? 0) + 1);
      } else if (m.type === "state") {
        const through = m.state.through as number;
        for (let q = 0; q <= through; q++) {
          strictEqual(
            yieldedPerPartition.get(q) ?? 0,
            sizes[q],
            `state claims partition ${q} before all its records`,
          );
        }
      }
    }
    deepStrictEqual(
      messages.filter((m) => m.type === "state").map((m) =>
        (m as unknown as { state: { through: number } }).state.through
      ),
      partitions,
    );
    // records of each partition stay in order
    for (const p of partitions) {
      const rs = messages.filter((m) => m.type === "record" && m.data.p === p).map((m) =>
        (m as unknown as { data: { r: number } }).data.r
      );
      deepStrictEqual(rs, [...rs].sort((a, b) => a - b));
    }
  }
});

Deno.test("partition reader: 8 partitions of 50 ms run concurrently", async () => {
  const started = performance.now();
  let records = 0;
  for await (
    const m of readPartitions<number>({
      partitions: [0, 1, 2, 3, 4, 5, 6, 7],
      read: async function* (p) {
        await delay(50);
        yield { p };
      },
      concurrency: 8,
    })
  ) if (m.type === "record") records++;
  const elapsed = performance.now() - started;
  strictEqual(records, 8);
  ok(elapsed < 200, `took ${elapsed} ms; sequential would take 400 ms`);
});

Deno.test("partition reader: concurrency bound is respected and partitions are pulled lazily", async () => {
  let active = 0;
  let peak = 0;
  let generated = 0;
  async function* partitions() {
    for (let i = 0; i < 10; i++) {
      generated++;
      yield i;
    }
  }
  const it = readPartitions<number>({
    partitions: partitions(),
    read: async function* (p) {
      active++;
      peak = Math.max(peak, active);
      await delay(5);
      active--;
      yield { p };
    },
    concurrency: 3,
  });
  for await (const _ of it) { /* drain */ }
  strictEqual(generated, 10);
  ok(peak <= 3, `peak ${peak}`);
});

Deno.test("partition reader: an error in one partition stops the read after the last safe state", async () => {
  const states: unknown[] = [];
  await rejects(async () => {
    for await (
      const m of readPartitions<number>({
        partitions: [0, 1, 2],
        read: async function* (p) {
          if (p === 1) throw new Error("boom");
          await delay(p === 2 ? 0 : 5);
          yield { p };
        },
        close: (p) => ({ through: p }),
        concurrency: 3,
      })
    ) if (m.type === "state") states.push(m.state);
  }, /boom/);
  ok(states.every((s) => (s as { through: number }).through < 1));
});

Deno.test("partition reader: honours an aborted signal", async () => {
  const controller = new AbortController();
  controller.abort(new Error("stop"));
  await rejects(async () => {
    for await (
      const _ of readPartitions<number>({
        partitions: [1],
        read: () => [{ a: 1 }],
        signal: controller.signal,
      })
    ) {
      // nothing
    }
  }, /stop/);
});

Deno.test("partition reader: an abort wakes a read whose partition generator hangs", async () => {
  const controller = new AbortController();
  let release: () => void = () => {};
  async function* hanging() {
    yield 1;
    await new Promise<void>((resolve) => (release = resolve));
    yield 2;
  }
  const records: unknown[] = [];
  setTimeout(() => controller.abort(new Error("stop now")), 20);
  await rejects(async () => {
    for await (
      const m of readPartitions<number>({
        partitions: hanging(),
        read: (p) => [{ p }],
        signal: controller.signal,
      })
    ) {
      if (m.type === "record") records.push(m.data.p);
    }
  }, /stop now/);
  deepStrictEqual(records, [1]);
  release();
});

Deno.test("partition reader: readBatches yields one records message per page, tagged with the partition", async () => {
  const out: unknown[] = [];
  for await (
    const m of readPartitions<string>({
      partitions: ["a", "b"],
      async *readBatches(p) {
        yield [{ id: `${p}1` }, { id: `${p}2` }];
        yield [];
        yield [{ id: `${p}3` }];
      },
      recordPartition: (p) => ({ p }),
      close: (p) => ({ closed: p }),
    })
  ) out.push(m.type === "records" ? [m.partition?.p, m.data.map((r) => r.id)] : m);
  deepStrictEqual(out, [
    ["a", ["a1", "a2"]],
    ["a", ["a3"]],
    { type: "state", state: { closed: "a" } },
    ["b", ["b1", "b2"]],
    ["b", ["b3"]],
    { type: "state", state: { closed: "b" } },
  ]);
});

Deno.test("partition reader: a mid-page checkpoint splits the page right after its record", async () => {
  const observed: string[] = [];
  const out: unknown[] = [];
  for await (
    const m of readPartitions<string>({
      partitions: ["a"],
      readBatches: async function* () {
        yield [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }, { id: 5 }];
      },
      onRecord: (r) => {
        observed.push(String(r.id));
        return Number(r.id) % 2 === 0 ? { upTo: Number(r.id) } : undefined;
      },
    })
  ) {
    out.push(m.type === "records" ? m.data.map((r) => r.id) : m.type === "state" ? m.state : m.type);
    // each batch is yielded before the records after it are observed
    if (m.type === "records") deepStrictEqual(observed.at(-1), String(m.data.at(-1)!.id));
  }
  deepStrictEqual(out, [[1, 2], { upTo: 2 }, [3, 4], { upTo: 4 }, [5]]);
});

Deno.test("partition reader: maxRecords cuts a page exactly and drops a checkpoint on the last record", async () => {
  const run = async (max: number) => {
    const out: unknown[] = [];
    for await (
      const m of readPartitions<number>({
        partitions: [1, 2],
        readBatches: async function* (p) {
          yield [{ id: p * 10 + 1 }, { id: p * 10 + 2 }];
          yield [{ id: p * 10 + 3 }];
        },
        onRecord: (r) => (r.id === 12 ? { at: 12 } : undefined),
        close: (p) => ({ closed: p }),
        maxRecords: max,
      })
    ) out.push(m.type === "records" ? m.data.map((r) => r.id) : m.type === "state" ? m.state : m.type);
    return out;
  };
  deepStrictEqual(await run(1), [[11]]);
  deepStrictEqual(await run(2), [[11, 12]], "the checkpoint after the last allowed record is not emitted");
  deepStrictEqual(await run(4), [[11, 12], { at: 12 }, [13], { closed: 1 }, [21]]);
});
