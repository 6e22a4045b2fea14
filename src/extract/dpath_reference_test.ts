// Differential tests against the `dpath` package used by the reference CDK (random documents and paths,
// fixed seed; see ../transform/testdata/generate.py).
import { deepStrictEqual, throws } from "node:assert/strict";
import { deletePath, getPath, setPath, valuesAt } from "./dpath.ts";

interface Case {
  doc: Record<string, unknown>;
  path: string[];
  values: unknown[];
  get: unknown;
  delete: { doc: unknown; count: number };
  delete_ones: { doc: unknown; count: number };
}
const data = JSON.parse(
  await Deno.readTextFile(new URL("./testdata/dpath_reference.json", import.meta.url)),
) as {
  cases: Case[];
  new: { doc: Record<string, unknown>; path: string[]; out?: unknown; error?: string }[];
};

Deno.test("valuesAt matches dpath.values on 250 random documents and paths", () => {
  for (const c of data.cases) {
    deepStrictEqual(valuesAt(c.doc, c.path), c.values, JSON.stringify([c.doc, c.path]));
  }
});

Deno.test("getPath matches dpath.get (first match where dpath refuses several)", () => {
  for (const c of data.cases) {
    const got = getPath(c.doc, c.path, "MISSING");
    if (c.get === "MULTIPLE") deepStrictEqual(got, c.values[0], JSON.stringify([c.doc, c.path]));
    else deepStrictEqual(got, c.get, JSON.stringify([c.doc, c.path]));
  }
});

Deno.test("deletePath matches dpath.delete, with and without a leaf filter", () => {
  for (const c of data.cases) {
    const d1 = structuredClone(c.doc);
    deepStrictEqual(deletePath(d1, c.path), c.delete.count, "count " + JSON.stringify([c.doc, c.path]));
    deepStrictEqual(d1, c.delete.doc, JSON.stringify([c.doc, c.path]));
    const d2 = structuredClone(c.doc);
    deepStrictEqual(
      deletePath(d2, c.path, (v) => v === 1),
      c.delete_ones.count,
      "count/filter " + JSON.stringify([c.doc, c.path]),
    );
    deepStrictEqual(d2, c.delete_ones.doc, "filter " + JSON.stringify([c.doc, c.path]));
  }
});

Deno.test("setPath matches dpath.new", () => {
  for (const c of data.new) {
    const d = structuredClone(c.doc);
    if (c.error) throws(() => setPath(d, c.path, "V"), JSON.stringify(c));
    else {
      setPath(d, c.path, "V");
      deepStrictEqual(d, c.out, JSON.stringify([c.doc, c.path]));
    }
  }
});
