import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { schemaNormalizer } from "./normalize.ts";
import { pyFloatRepr } from "../util/airbyte_datetime.ts";

// Schema, input and expected output produced with airbyte_cdk TypeTransformer(DefaultSchemaNormalization).
const schema = {
  type: "object",
  properties: {
    s1: { type: "string" },
    s2: { type: "string" },
    s3: { type: ["null", "string"] },
    s4: { type: "string" },
    s5: { type: "string" },
    s6: { type: "string" },
    n1: { type: "number" },
    n2: { type: ["number", "null"] },
    n3: { type: "number" },
    n4: { type: "number" },
    n5: { type: "number" },
    i1: { type: "integer" },
    i2: { type: "integer" },
    i3: { type: "integer" },
    i4: { type: "integer" },
    i5: { type: "integer" },
    b1: { type: "boolean" },
    b2: { type: "boolean" },
    b3: { type: "boolean" },
    b4: { type: "boolean" },
    b5: { type: "boolean" },
    b6: { type: ["boolean", "null"] },
    a1: { type: "array", items: { type: ["null", "string"] } },
    a2: { type: "array", items: { type: "string" } },
    a3: { type: "array" },
    a4: { type: "array", items: { type: "integer" } },
    m1: { type: ["string", "integer"] },
    o1: {
      type: "object",
      properties: {
        x: { type: "integer" },
        arr: { type: "array", items: { type: "object", properties: { y: { type: "string" } } } },
      },
    },
    r1: { $ref: "#/definitions/intish" },
    e1: {},
    u1: { type: "string" },
  },
  definitions: { intish: { type: "integer" } },
};
const input = () => ({
  s1: 12,
  s2: true,
  s3: null,
  s4: null,
  s5: { a: 1, b: [null, false, 1.5, "x"] },
  s6: 1.5,
  n1: "12.5",
  n2: null,
  n3: "abc",
  n4: true,
  n5: " 7 ",
  i1: "42",
  i2: 4.9,
  i3: "4.5",
  i4: false,
  i5: " 8 ",
  b1: "yes",
  b2: "0",
  b3: 0,
  b4: "maybe",
  b5: null,
  b6: null,
  a1: "x",
  a2: "y",
  a3: 5,
  a4: 7,
  m1: 5,
  o1: { x: "3", arr: [{ y: 1 }, { y: null }] },
  r1: "9",
  e1: 5,
  extra: "1",
});
const expected = {
  s1: "12",
  s2: "True",
  s3: null,
  s4: "None",
  s5: "{'a': 1, 'b': [None, False, 1.5, 'x']}",
  s6: "1.5",
  n1: 12.5,
  n2: null,
  n3: "abc",
  n4: 1,
  n5: 7,
  i1: 42,
  i2: 4,
  i3: "4.5",
  i4: 0,
  i5: 8,
  b1: true,
  b2: false,
  b3: false,
  b4: "maybe",
  b5: false,
  b6: null,
  a1: ["x"],
  a2: "y",
  a3: [5],
  a4: 7,
  m1: 5,
  o1: { x: 3, arr: [{ y: "1" }, { y: "None" }] },
  r1: "9",
  e1: 5,
  extra: "1",
};

Deno.test("schemaNormalizer matches Airbyte's TypeTransformer (Default)", () => {
  const r = input();
  schemaNormalizer(schema)(r);
  deepStrictEqual(r, expected);
});

Deno.test("schemaNormalizer 'none' leaves records alone; custom runs after the default cast", () => {
  const r = input();
  schemaNormalizer(schema, { mode: "none" })(r);
  deepStrictEqual(r, input());
  const c = { id: "5" };
  schemaNormalizer({ properties: { id: { type: "integer" } } }, {
    custom: (v) => typeof v === "number" ? v * 10 : v,
  })(c);
  strictEqual(c.id, 50);
});

Deno.test("schemaNormalizer follows $ref into nested schemas and survives recursive schemas", () => {
  const s = {
    properties: { node: { $ref: "#/definitions/node" } },
    definitions: {
      node: { type: "object", properties: { v: { type: "integer" }, next: { $ref: "#/definitions/node" } } },
    },
  };
  const r = { node: { v: "1", next: { v: "2", next: { v: "3" } } } };
  schemaNormalizer(s)(r);
  deepStrictEqual(r, { node: { v: 1, next: { v: 2, next: { v: 3 } } } });
});

Deno.test("pyFloatRepr follows Python's repr", () => {
  deepStrictEqual([1.5, 0.1, 1e-7, 0.0001, 1e16, 1.5e300, -2.5, 1e15].map(pyFloatRepr), [
    "1.5",
    "0.1",
    "1e-07",
    "0.0001",
    "1e+16",
    "1.5e+300",
    "-2.5",
    "1000000000000000.0",
  ]);
});

Deno.test("schemaNormalizer applies both a $ref and its siblings (as the reference CDK does)", () => {
  const s = {
    properties: { a: { $ref: "#/definitions/o", properties: { x: { type: "integer" } } } },
    definitions: { o: { properties: { y: { type: "integer" } } } },
  };
  const r = { a: { x: "1", y: "2" } };
  schemaNormalizer(s)(r);
  deepStrictEqual(r, { a: { x: 1, y: 2 } });
  const q = { e: "1_000.5", f: "+5", g: 0.00001, h: "nan" };
  schemaNormalizer({
    properties: {
      e: { type: "number" },
      f: { type: "integer" },
      g: { type: "string" },
      h: { type: "number" },
    },
  })(q);
  deepStrictEqual(q, { e: 1000.5, f: 5, g: "1e-05", h: "nan" });
});
