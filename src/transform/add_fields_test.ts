import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { addFields, castValueType } from "./add_fields.ts";
import type { RecordData } from "../types.ts";

Deno.test("addFields adds nested fields, extends arrays, sees earlier fields, honours the condition", () => {
  const t = addFields({
    fields: [
      { path: ["path", "to", "field"], value: "static" },
      { path: ["list", "3"], value: "v" },
      { path: ["copy"], value: (r: RecordData) => (r.path as { to: unknown }).to },
      { path: ["skipped"], value: null },
    ],
    condition: (_r, f) => f.value !== null,
  });
  const r: RecordData = { list: ["a"] };
  t(r);
  deepStrictEqual(r, {
    list: ["a", null, null, "v"],
    path: { to: { field: "static" } },
    copy: { field: "static" },
  });
});

Deno.test("value_type casting follows Airbyte's literal_eval rules", () => {
  strictEqual(castValueType("12", "integer"), 12);
  strictEqual(castValueType("12.5", "integer"), "12.5");
  strictEqual(castValueType("1.5", "number"), 1.5);
  strictEqual(castValueType("2", "number"), "2");
  strictEqual(castValueType("True", "boolean"), true);
  strictEqual(castValueType("true", "boolean"), "true");
  strictEqual(castValueType("123", "string"), "123");
  strictEqual(castValueType(5, "string"), 5);
  const r: RecordData = {};
  addFields({ fields: [{ path: ["n"], value: () => "42", valueType: "integer" }] })(r);
  strictEqual(r.n, 42);
});

Deno.test("addFields refuses prototype paths", () => {
  throws(() => addFields({ fields: [{ path: ["__proto__", "polluted"], value: 1 }] })({}), /refusing/);
  strictEqual(({} as Record<string, unknown>).polluted, undefined);
});
