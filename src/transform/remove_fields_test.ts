import { deepStrictEqual } from "node:assert/strict";
import { removeFields } from "./remove_fields.ts";

Deno.test("removeFields: paths, missing paths, list items and wildcards (Airbyte semantics)", () => {
  const r = { a: { b: 1, c: 2 }, k: ["a", "b", "c"], ".": [{ k: "V" }], keep: 1 };
  removeFields({ fieldPointers: [["a", "b"], ["k", "0"], [".", "0", "k"], ["missing", "x"]] })(r);
  deepStrictEqual(r, { a: { c: 2 }, k: [null, "b", "c"], ".": [{}], keep: 1 });
  const w = { items: [{ tmp: 1, v: 1 }, { tmp: 2, v: 2 }] };
  removeFields({ fieldPointers: [["items", "*", "tmp"]] })(w);
  deepStrictEqual(w, { items: [{ v: 1 }, { v: 2 }] });
});

Deno.test("removeFields with ** and a condition removes matching leaves at any depth (mailchimp-style)", () => {
  const r = { a: "", b: { c: "", d: 1, z: null }, e: ["", 1], f: {}, g: [] };
  removeFields({ fieldPointers: [["**"]], condition: (v) => v === "" || v === null })(r);
  deepStrictEqual(r, { b: { d: 1 }, e: [null, 1], f: {}, g: [] });
});

Deno.test("removeFields condition ignores the pointers, exactly like the reference CDK", () => {
  // airbyte_cdk RemoveFields(field_pointers=[["a"]], condition="{{ property == 1 }}") printed this result.
  const r = { a: 1, b: 1, c: { d: 1, e: 2 }, l: [1, 2] };
  removeFields({ fieldPointers: [["a"]], condition: (v) => v === 1 })(r);
  deepStrictEqual(r, { c: { e: 2 }, l: [null, 2] });
});
