import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { recordSelector, selectPage, selectRecords } from "./record_selector.ts";
import { addFields } from "../transform/add_fields.ts";
import { schemaNormalizer } from "../transform/normalize.ts";
import type { RecordData } from "../types.ts";

Deno.test("DpathExtractor semantics: list, object, empty object, missing path, empty path", () => {
  const s = (fieldPath: string[], body: unknown) => selectRecords(body, { fieldPath });
  deepStrictEqual(s(["data"], { data: [{ id: 1 }, { id: 2 }] }), [{ id: 1 }, { id: 2 }]);
  deepStrictEqual(s(["data"], { data: { id: 1 } }), [{ id: 1 }]);
  deepStrictEqual(s(["data"], { data: {} }), []);
  deepStrictEqual(s(["data"], { other: [{ id: 1 }] }), []);
  deepStrictEqual(s(["data"], { data: null }), []);
  deepStrictEqual(s([], { id: 1 }), [{ id: 1 }]);
  deepStrictEqual(s([], {}), []);
  deepStrictEqual(s(["a", "b"], { a: [{ b: [{ id: 1 }] }] }), []);
});

Deno.test("wildcards: nested * yields each match as a record", () => {
  const body = { groups: [{ users: { u1: { id: 1 }, u2: { id: 2 } } }, { users: { u3: { id: 3 } } }] };
  deepStrictEqual(selectRecords(body, { fieldPath: ["groups", "*", "users", "*"] }).map((r) => r.id), [
    1,
    2,
    3,
  ]);
  deepStrictEqual(selectRecords({ x: [] }, { fieldPath: ["x", "*"] }), []);
});

Deno.test("non-object records are a decode error", () => {
  throws(
    () => selectRecords({ ids: [1, 2] }, { fieldPath: ["ids"] }),
    /record 0 at field_path \[ids\] is a number/,
  );
  throws(() => selectRecords({ d: [{ items: [1] }] }, { fieldPath: ["d", "*", "items"] }), /is an array/);
});

Deno.test("filter, transformations (incl. replacements) and normalisation run in Airbyte's order", () => {
  const seen: string[] = [];
  const select = recordSelector({
    fieldPath: ["data"],
    filter: (r) => {
      seen.push(`filter:${r.id}`);
      return r.keep === true;
    },
    transforms: [addFields({ fields: [{ path: ["n"], value: "7" }] }), (r) => ({ ...r, replaced: true })],
    normalize: schemaNormalizer({ properties: { n: { type: "integer" } } }),
  });
  const { records, extracted } = select({ data: [{ id: 1, keep: true }, { id: 2, keep: false }] });
  strictEqual(extracted, 2);
  deepStrictEqual(records, [{ id: 1, keep: true, n: 7, replaced: true }]);
  deepStrictEqual(seen, ["filter:1", "filter:2"]);
  const before = recordSelector({
    fieldPath: ["data"],
    transformBeforeFilter: true,
    transforms: [(r: RecordData) => {
      r.keep = true;
    }],
    filter: (r) => r.keep === true,
  });
  strictEqual(before({ data: [{ keep: false }] }).records.length, 1);
});

Deno.test("filter receives the context", () => {
  const recs = selectRecords({ d: [{ t: 1 }, { t: 5 }] }, {
    fieldPath: ["d"],
    filter: (r, ctx) => (r.t as number) > (ctx?.min as number),
  }, { min: 2 });
  deepStrictEqual(recs, [{ t: 5 }]);
});

Deno.test("selectPage selects across documents and keeps the first as the body", async () => {
  const { jsonDecoder } = await import("./decoders/json.ts");
  const page = await selectPage(new Response('[{"id":1},{"id":2},{}]'), jsonDecoder(), recordSelector());
  deepStrictEqual(page.records, [{ id: 1 }, { id: 2 }]);
  strictEqual(page.extracted, 2);
  deepStrictEqual(page.body, { id: 1 });
});

Deno.test("a custom extractor replaces field_path (e.g. a union of two paths)", async () => {
  const { compilePath } = await import("./dpath.ts");
  const { extractRecords } = await import("./record_selector.ts");
  const a = compilePath(["issues"]), b = compilePath(["prs"]);
  const select = recordSelector({ extract: (d) => [...extractRecords(d, a), ...extractRecords(d, b)] });
  deepStrictEqual(select({ issues: [{ n: 1 }], prs: [{ n: 2 }] }).records, [{ n: 1 }, { n: 2 }]);
  throws(() => select({ issues: [1] }), /not an object/);
});
