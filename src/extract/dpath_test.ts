import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { compilePath, deletePath, getPath, setMatches, setPath, valuesAt } from "./dpath.ts";

// Expected values below were produced by running the `dpath` package used by the Airbyte CDK.
const doc = { data: [{ items: [1, 2] }, { items: [3] }], meta: { a: { x: 1 }, b: { x: 2 } } };

Deno.test("valuesAt expands * over arrays and objects, nested", () => {
  deepStrictEqual(valuesAt(doc, ["data", "*", "items"]), [[1, 2], [3]]);
  deepStrictEqual(valuesAt(doc, ["meta", "*", "x"]), [1, 2]);
  deepStrictEqual(valuesAt(doc, ["data", "*", "items", "*"]), [1, 2, 3]);
  deepStrictEqual(valuesAt({}, ["data", "*"]), []);
  deepStrictEqual(valuesAt(doc, ["nope", "*"]), []);
});

Deno.test("valuesAt with ** follows dpath walk order and matches zero or more levels", () => {
  deepStrictEqual(valuesAt({ a: { b: 1 }, c: [1] }, ["**"]), [{ b: 1 }, [1], 1, 1]);
  deepStrictEqual(valuesAt({ a: { b: { c: 1 }, d: 2 }, e: 3 }, ["**"]), [
    { b: { c: 1 }, d: 2 },
    3,
    { c: 1 },
    2,
    1,
  ]);
  deepStrictEqual(valuesAt({ x: 5, a: { x: 6, b: { x: 7 } }, c: { x: 8 } }, ["**", "x"]), [5, 6, 7, 8]);
});

Deno.test("getPath: literal, negative index, globs, missing and scalar parents", () => {
  deepStrictEqual(getPath(doc, ["data", "0", "items"]), [1, 2]);
  deepStrictEqual(getPath(doc, ["data", "-1"]), { items: [3] });
  deepStrictEqual(getPath(doc, ["nope"], []), []);
  deepStrictEqual(getPath(doc, ["data", "items"], []), []);
  strictEqual(getPath({ a: 5 }, ["a", "b"], "missing"), "missing");
  deepStrictEqual(getPath(doc, ["m*"]), doc.meta);
  strictEqual(getPath({ ab: 5 }, ["a?"]), 5);
  strictEqual(getPath({ "[ab]": 5, a: 6 }, ["[ab]"]), 6);
  strictEqual(getPath({ "a/b": 5 }, ["a/b"]), 5);
  strictEqual(getPath({ a: [10, 11, 12] }, ["a", "1*"]), 11);
  deepStrictEqual(getPath({ a: 5 }, []), { a: 5 });
  strictEqual(getPath({ a: { b: { c: 1 } } }, ["a", "**", "c"]), 1);
});

Deno.test("getPath never reads inherited members or prototype keys", () => {
  strictEqual(getPath({}, ["toString"], "none"), "none");
  strictEqual(getPath({}, ["constructor", "prototype"], "none"), "none");
  strictEqual(getPath({}, ["__proto__"], "none"), "none");
  const parsed = JSON.parse('{"__proto__": {"polluted": 1}}');
  strictEqual(getPath(parsed, ["__proto__", "polluted"], "none"), "none");
  deepStrictEqual(valuesAt(parsed, ["*"]), []);
});

Deno.test("setPath follows dpath.new and refuses prototype keys", () => {
  const r: Record<string, unknown> = { a: [1] };
  setPath(r, ["a", "3"], "V");
  setPath(r, ["b", "c"], "V");
  setPath(r, ["x*"], "V");
  setPath(r, ["n", 0], "V");
  deepStrictEqual(r, { a: [1, null, null, "V"], b: { c: "V" }, "x*": "V", n: ["V"] });
  throws(() => setPath({ a: 1 }, ["a", "b"], 1), /not an object/);
  throws(() => setPath({}, ["__proto__", "polluted"], 1), /refusing/);
  throws(() => setPath({}, ["constructor"], 1), /refusing/);
  strictEqual(({} as Record<string, unknown>).polluted, undefined);
});

Deno.test("deletePath follows dpath.delete for lists, wildcards and filters", () => {
  const cases: [unknown, string[], unknown][] = [
    [{ a: { b: 1, c: 2 } }, ["a", "b"], { a: { c: 2 } }],
    [{ k: ["a", "b", "c"] }, ["k", "0"], { k: [null, "b", "c"] }],
    [{ k: ["a", "b", "c"] }, ["k", "2"], { k: ["a", "b"] }],
    [{ k: ["a", "b", "c"] }, ["k", "*"], { k: [null, null] }],
    [{ a: { x: 1 }, b: { x: 2, y: 3 } }, ["*", "x"], { a: {}, b: { y: 3 } }],
    [{ a: "", b: { c: "", d: 1 }, e: ["", 1] }, ["**"], {}],
    [{ k: [{ a: "" }, ""] }, ["k", "*"], { k: [null] }],
  ];
  for (const [rec, ptr, expected] of cases) {
    deletePath(rec, ptr);
    deepStrictEqual(rec, expected, JSON.stringify(ptr));
  }
  strictEqual(deletePath({ a: "" }, ["x"]), 0);
  const f = { a: "", b: { c: "", d: 1, z: null }, e: ["", 1], f: {}, g: [] };
  deletePath(f, compilePath(["**"]), (v) => v === "" || v === null);
  deepStrictEqual(f, { b: { d: 1 }, e: [null, 1], f: {}, g: [] });
  const l = { k: ["", "", 1, ""] };
  deletePath(l, ["**"], (v) => v === "");
  deepStrictEqual(l, { k: [null, null, 1] });
  // dpath quirk: with a filter, matching leaves outside the path are deleted too.
  const n = { a: { b: { c: "", d: 1 } }, x: "" };
  deletePath(n, ["a", "**"], (v) => v === "");
  deepStrictEqual(n, { a: { b: { d: 1 } } });
});

Deno.test("setMatches: a glob path sets every matching node, outermost first (dpath.set, as components_mapping uses it)", () => {
  // inputs and outputs of dpath.set (airbyte-cdk 7.39.1's dpath) for the same globs
  const o = {
    name: "",
    retriever: { name: "x", list: [{ name: 1 }, { other: 2 }] },
    a: { b: { name: "y", nam: 3 } },
    name2: 5,
  };
  setMatches(o, ["**", "name"], "N");
  deepStrictEqual(o, {
    name: "N",
    retriever: { name: "N", list: [{ name: "N" }, { other: 2 }] },
    a: { b: { name: "N", nam: 3 } },
    name2: 5,
  });
  const o2 = { x: { a1: 1, a2: 2, b: 3 }, y: [{ k: 1 }, { k: 2 }] };
  setMatches(o2, ["x", "a*"], 9);
  setMatches(o2, ["y", "*", "k"], 7);
  setMatches(o2, ["nope", "*"], 1);
  deepStrictEqual(o2, { x: { a1: 9, a2: 9, b: 3 }, y: [{ k: 7 }, { k: 7 }] });
  const o3 = { n: { name: { name: 1 } } };
  setMatches(o3, ["**", "name"], "Z");
  deepStrictEqual(o3, { n: { name: "Z" } });
});
