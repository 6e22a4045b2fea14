import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import type { StreamSlice } from "../../source/types.ts";
import type { FactoryContext } from "./context.ts";
import { buildRecordSelector } from "./record_selector.ts";

const ctx = (config: Record<string, unknown> = {}): FactoryContext => ({
  config: config as FactoryContext["config"],
  components: {},
  streamCache: new Map(),
});
const slice: StreamSlice = { partition: { p: "a" }, cursor_slice: {} };
const response = new Response("{}");

Deno.test("record selector: without filter, transformations or normalisation the extracted list is returned as is", async () => {
  const selector = buildRecordSelector(ctx(), { extractor: { field_path: ["data"] } }, ["s"]);
  await selector.prepare();
  const document = { data: [{ id: 1 }, { id: 2 }] };
  const records = selector.select(document, response, slice, undefined);
  strictEqual(records, document.data, "no per-page copy");
  strictEqual(selector.lastExtracted(), 2);
  // a list holding non-objects is still cleaned (a new array without them)
  const mixed = { data: [{ id: 1 }, 5, null, { id: 2 }] };
  const cleaned = selector.select(mixed, response, slice, undefined);
  deepStrictEqual(cleaned, [{ id: 1 }, { id: 2 }]);
  ok(cleaned !== mixed.data);
  strictEqual(selector.lastExtracted(), 4);
});

Deno.test("record selector: the filter sees each record with the page's slice and token", async () => {
  const selector = buildRecordSelector(ctx({ min: 2 }), {
    extractor: { field_path: ["data"] },
    record_filter: {
      type: "RecordFilter",
      condition:
        "{{ record.id >= config.min and stream_partition.p == 'a' and next_page_token.next_page_token == 'tok' }}",
    },
  }, ["s"]);
  await selector.prepare();
  const document = { data: [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 0 }] };
  deepStrictEqual(selector.select(document, response, slice, "tok"), [{ id: 2 }, { id: 3 }]);
  deepStrictEqual(selector.select(document, response, slice, "other"), []);
  deepStrictEqual(
    selector.select(document, response, { partition: { p: "b" }, cursor_slice: {} }, "tok"),
    [],
  );
});

Deno.test("record selector: transformations apply per record (and the page is then a new list)", async () => {
  const selector = buildRecordSelector(ctx(), { extractor: { field_path: ["data"] } }, ["s"], {
    transformations: [{ type: "AddFields", fields: [{ path: ["src"], value: "{{ stream_partition.p }}" }] }],
  });
  await selector.prepare();
  const document = { data: [{ id: 1 }, { id: 2 }] };
  const records = selector.select(document, response, slice, undefined);
  deepStrictEqual(records.map((r) => [r.id, r.src]), [[1, "a"], [2, "a"]]);
  ok(records !== document.data);
});
