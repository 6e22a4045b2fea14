import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { requestVars, sliceView } from "./slices.ts";
import { compileTemplate } from "./templates.ts";

// Expected values printed by the reference (airbyte-cdk 7.x JinjaInterpolation.eval with default None):
// `nested` is what ConcurrentPerPartitionCursor yields, StreamSlice(partition=<router slice>, cursor_slice=…,
// extra_fields=<router slice>.extra_fields); `flat` is the router's slice itself (no incremental sync).
const router = { partition: { board_id: 1 }, cursor_slice: {}, extra_fields: { fields: ["a", "b"] } };
const nested = {
  partition: { board_id: 1 },
  cursor_slice: { start: "s" },
  extra_fields: { fields: ["a", "b"] },
};

function evaluate(source: string, slice: Parameters<typeof requestVars>[0]): unknown {
  return compileTemplate(source, "t").evaluate({ config: {}, ...requestVars(slice, undefined) });
}

Deno.test("stream_slice._partition: the router's slice under a partition + cursor window, like the reference", () => {
  const cases: [string, unknown][] = [
    ["{{ stream_slice._partition.extra_fields['fields'] }}", ["a", "b"]],
    ["{{ stream_slice._partition }}", { board_id: 1 }],
    ["{{ stream_slice._partition.partition }}", { board_id: 1 }],
    ["{{ stream_slice._partition.cursor_slice }}", {}],
    ["{{ stream_slice._partition._partition }}", { board_id: 1 }],
    ["{{ stream_slice._cursor_slice }}", null],
    ["{{ stream_slice._extra_fields }}", null],
    ["{{ stream_slice.extra_fields['fields'] }}", ["a", "b"]],
  ];
  for (const [source, expected] of cases) deepStrictEqual(evaluate(source, nested), expected, source);
});

Deno.test("stream_slice._partition: the plain partition mapping for a router slice without a cursor window", () => {
  const cases: [string, unknown][] = [
    ["{{ stream_slice._partition.extra_fields['fields'] }}", null],
    ["{{ stream_slice._partition }}", { board_id: 1 }],
    ["{{ stream_slice._partition.partition }}", null],
    ["{{ stream_slice._partition.cursor_slice }}", null],
    ["{{ stream_slice._partition._partition }}", null],
    ["{{ stream_slice.extra_fields['fields'] }}", ["a", "b"]],
  ];
  for (const [source, expected] of cases) deepStrictEqual(evaluate(source, router), expected, source);
  // query-property chunks are rebuilt from the plain partition by the reference: no nesting there either
  const chunk = {
    partition: { id: 1 },
    cursor_slice: { start: "s" },
    extra_fields: { query_properties: ["x"] },
  };
  strictEqual(evaluate("{{ stream_slice._partition.extra_fields }}", chunk), null);
});

Deno.test("slice views: hidden attributes never serialize and do not shadow partition values", () => {
  const view = sliceView({ partition: { _partition: "mine", id: 2 }, cursor_slice: { start: "s" } });
  strictEqual(view._partition, "mine");
  strictEqual(JSON.stringify(view), '{"_partition":"mine","id":2,"start":"s"}');
  const plain = sliceView(nested);
  strictEqual(JSON.stringify(plain), '{"board_id":1,"start":"s"}');
  strictEqual(JSON.stringify(plain._partition), '{"board_id":1}');
  strictEqual(sliceView(nested), plain, "views are cached per slice");
});
