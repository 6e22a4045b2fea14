import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { fakeEnv } from "../env.ts";
import { SecretMasker } from "../secrets.ts";
import type { Stream, StreamMessage } from "../source/types.ts";
import type { JsonObject } from "../types.ts";
import { CartesianProductRouter } from "./cartesian.ts";
import { GroupingPartitionRouter } from "./grouping.ts";
import { ListPartitionRouter } from "./list.ts";
import { SubstreamPartitionRouter } from "./substream.ts";

const ctx = () => ({ env: fakeEnv(), masker: new SecretMasker() });

function countingParent(n: number, seen: { produced: number; options?: unknown }): Stream {
  return {
    name: "orders",
    cursorField: ["updated_at"],
    jsonSchema: () => Promise.resolve({}),
    async *read(options): AsyncGenerator<StreamMessage> {
      seen.options = options;
      for (let i = 1; i <= n; i++) {
        seen.produced++;
        yield {
          type: "record",
          data: { id: i, meta: { region: i % 2 ? "eu" : "us" } },
          partition: { shop: "s1" },
        };
      }
      yield { type: "state", state: { updated_at: `t${n}` } };
    },
  };
}

Deno.test("substream router reads the parent lazily: one parent record per partition requested", async () => {
  const seen = { produced: 0 };
  const router = new SubstreamPartitionRouter([{
    stream: countingParent(1000, seen),
    parentKey: "id",
    partitionField: "order_id",
  }]);
  const it = router.partitions(ctx())[Symbol.asyncIterator]();
  const first = await it.next();
  deepStrictEqual((first.value as { partition: unknown }).partition, {
    order_id: 1,
    parent_slice: { shop: "s1" },
  });
  ok(seen.produced <= 2, `parent produced ${seen.produced} records for one partition`);
  await it.next();
  ok(seen.produced <= 3);
  await it.return?.();
});

Deno.test("substream router: extra fields, null keys skipped, request option injection", async () => {
  const parent: Stream = {
    name: "p",
    jsonSchema: () => Promise.resolve({}),
    async *read() {
      yield { type: "record", data: { id: null } };
      yield { type: "record", data: { id: 0, meta: { region: "eu" } } };
      yield { type: "record", data: { id: 5, meta: { region: "us" } } };
    },
  };
  const router = new SubstreamPartitionRouter([{
    stream: parent,
    parentKey: "id",
    partitionField: "pid",
    extraFields: [["meta", "region"], ["missing"]],
    requestOption: { injectInto: "request_parameter", fieldName: "parent_id" },
  }]);
  const slices = [];
  for await (const s of router.partitions(ctx())) slices.push(s);
  deepStrictEqual(slices.map((s) => [s.partition.pid, s.extra_fields]), [[0, {
    "meta.region": "eu",
    missing: null,
  }], [5, {
    "meta.region": "us",
    missing: null,
  }]]);
  // falsy values are not injected, like the reference
  deepStrictEqual(router.applyToRequest({ path: "", query: {}, headers: {} }, slices[0]).query, {});
  deepStrictEqual(router.applyToRequest({ path: "", query: {}, headers: {} }, slices[1]).query, {
    parent_id: "5",
  });
});

Deno.test("substream router with incremental dependency reads the parent from parent_state and tracks its state", async () => {
  const seen: { produced: number; options?: unknown } = { produced: 0 };
  const router = new SubstreamPartitionRouter([{
    stream: countingParent(2, seen),
    parentKey: "id",
    partitionField: "order_id",
    incrementalDependency: true,
  }]);
  const slices = [];
  for await (const s of router.partitions(ctx(), { orders: { updated_at: "t0" } })) slices.push(s);
  strictEqual(slices.length, 2);
  deepStrictEqual(seen.options, {
    syncMode: "incremental",
    cursorField: ["updated_at"],
    state: { updated_at: "t0" },
  });
  deepStrictEqual(router.parentState(), { orders: { updated_at: "t2" } } as JsonObject);
});

Deno.test("cartesian product and grouping routers", async () => {
  const product = new CartesianProductRouter([
    new ListPartitionRouter({
      values: ["a", "b"],
      cursorField: "x",
      requestOption: { injectInto: "header", fieldName: "X" },
    }),
    new ListPartitionRouter({
      values: [1, 2, 3],
      cursorField: "y",
      requestOption: { injectInto: "request_parameter", fieldName: "y" },
    }),
  ]);
  const slices = [];
  for await (const s of product.partitions(ctx())) slices.push(s.partition);
  strictEqual(slices.length, 6);
  deepStrictEqual(slices[4], { x: "b", y: 2 });
  const parts = product.applyToRequest({ path: "", query: {}, headers: {} }, {
    partition: { x: "b", y: 2 },
    cursor_slice: {},
  });
  deepStrictEqual([parts.headers, parts.query], [{ X: "b" }, { y: "2" }]);
  const grouped = new GroupingPartitionRouter({
    underlying: new ListPartitionRouter({ values: [1, 1, 2, 3, 4], cursorField: "id" }),
    groupSize: 3,
    deduplicate: true,
  });
  const groups = [];
  for await (const s of grouped.partitions(ctx())) groups.push(s.partition.id);
  deepStrictEqual(groups, [[1, 2, 3], [4]]);
});

Deno.test("substream router migrates a child state without parent_state (global state or legacy cursor value)", async () => {
  for (
    const [childState, expected] of [
      [{ use_global_cursor: false, states: [], state: { updated_at: "g1" } }, { updated_at: "g1" }],
      [{ updated_at: "legacy" }, { updated_at: "legacy" }],
    ] as const
  ) {
    const seen: { produced: number; options?: unknown } = { produced: 0 };
    const router = new SubstreamPartitionRouter([{
      stream: countingParent(1, seen),
      parentKey: "id",
      partitionField: "order_id",
      incrementalDependency: true,
    }]);
    for await (
      const _ of router.partitions(ctx(), undefined, childState as unknown as JsonObject)
    ) { /* drain */ }
    deepStrictEqual((seen.options as { state: unknown }).state, expected);
  }
});
