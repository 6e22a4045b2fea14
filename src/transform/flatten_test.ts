import { deepStrictEqual } from "node:assert/strict";
import { flattenFields } from "./flatten.ts";

// Expected outputs (including key order) from airbyte_cdk FlattenFields.
const input = () => ({
  id: 1,
  a: { b: 2, id: 3, c: { d: [1, { e: 5 }] } },
  lst: [{ x: 1 }, { x: 2 }],
  d: 9,
  empty: {},
  emptyl: [],
});

Deno.test("flattenFields with lists (default) matches Airbyte, key order included", () => {
  const out = flattenFields()(input())!;
  deepStrictEqual(out, {
    d: 9,
    "lst.1.x": 2,
    "lst.0.x": 1,
    "a.c.d.1.e": 5,
    "a.c.d.0": 1,
    "a.id": 3,
    "a.b": 2,
    id: 1,
  });
  deepStrictEqual(Object.keys(out), ["d", "lst.1.x", "lst.0.x", "a.c.d.1.e", "a.c.d.0", "a.id", "a.b", "id"]);
});

Deno.test("flattenFields without lists matches Airbyte (collisions overwrite)", () => {
  const out = flattenFields({ flattenLists: false })(input())!;
  deepStrictEqual(out, { emptyl: [], d: 9, lst: [{ x: 1 }, { x: 2 }], "c.d": [1, { e: 5 }], id: 1, b: 2 });
});

Deno.test("flattenFields name collisions", () => {
  deepStrictEqual(flattenFields()({ a: { b: 1 }, b: 2 }), { b: 2, "a.b": 1 });
  deepStrictEqual(flattenFields()({ x: { y: 1 }, y: { z: 2 }, z: 3 }), { z: 3, "y.z": 2, y: 1 });
});
