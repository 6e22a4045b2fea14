import { strictEqual } from "node:assert/strict";
import { compileTemplate } from "./template.ts";

// The shape the factory passes (src/declarative/factory/slices.ts): partition and cursor values merged, with
// `partition`, `cursor_slice`, `extra_fields` (and upstream's sandbox-allowed `_partition`) as non-enumerable
// own properties. Expected values were printed by the reference with a real StreamSlice.
const view: Record<string, unknown> = { id: 1, parent: "p", start_time: "a", end_time: "b" };
for (
  const [k, v] of Object.entries({
    partition: { id: 1, parent: "p" },
    cursor_slice: { start_time: "a", end_time: "b" },
    extra_fields: { name: "n" },
    _partition: { id: 1, parent: "p" },
  })
) Object.defineProperty(view, k, { value: v, enumerable: false });
const vars = { config: {}, stream_slice: view };

const cases: [string, string][] = [
  ["{{ stream_slice.partition }}", "{'id': 1, 'parent': 'p'}"],
  ['{{ stream_slice["extra_fields"] }}', "{'name': 'n'}"],
  ['{{ stream_slice.get("extra_fields") }}', "None"],
  ['{{ "extra_fields" in stream_slice }}', "False"],
  ["{{ stream_slice | length }}", "4"],
  ["{{ stream_slice }}", "{'id': 1, 'parent': 'p', 'start_time': 'a', 'end_time': 'b'}"],
  ["{{ stream_slice._partition }}", "{'id': 1, 'parent': 'p'}"],
  ["{{ stream_slice.extra_fields.name }}", "n"],
  ["{{ stream_partition.id }}", "1"],
  ["{{ stream_interval.start_time }}", "a"],
  [
    "{{ stream_slice.items() | list }}",
    "[('id', 1), ('parent', 'p'), ('start_time', 'a'), ('end_time', 'b')]",
  ],
  ["{{ stream_slice.cursor_slice.start_time }}", "a"],
];

Deno.test("stream_slice views behave like the reference StreamSlice", () => {
  for (const [src, expected] of cases) strictEqual(compileTemplate(src).render(vars), expected, src);
});
