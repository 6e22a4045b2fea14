// Differential tests: random inputs run through the reference Python CDK (see testdata/reference_cdk.json,
// generated with a fixed seed), compared with spout's implementations.
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { toSnakeCase } from "./keys_case.ts";
import { flattenFields } from "./flatten.ts";
import { schemaNormalizer } from "./normalize.ts";
import type { JsonSchema, RecordData } from "../types.ts";

const data = JSON.parse(
  await Deno.readTextFile(new URL("./testdata/reference_cdk.json", import.meta.url)),
) as {
  snake: [string, string][];
  flatten: { input: RecordData; flatten_lists: boolean; output: RecordData; keys: string[] }[];
  normalize: { schema: JsonSchema; input: unknown; output: unknown }[];
};

Deno.test("KeysToSnakeCase agrees with the reference on 300 random keys", () => {
  for (const [key, expected] of data.snake) strictEqual(toSnakeCase(key), expected, JSON.stringify(key));
});

Deno.test("FlattenFields agrees with the reference on 150 random records (values and key order)", () => {
  for (const c of data.flatten) {
    const out = flattenFields({ flattenLists: c.flatten_lists })(structuredClone(c.input))!;
    deepStrictEqual(out, c.output, JSON.stringify(c.input));
    // JavaScript orders integer-like keys first; compare the order of the others.
    const isIndex = (k: string) => /^(0|[1-9]\d*)$/.test(k);
    deepStrictEqual(Object.keys(out).filter((k) => !isIndex(k)), c.keys.filter((k) => !isIndex(k)));
  }
});

Deno.test("schema normalisation agrees with the reference TypeTransformer on every type x value pair", () => {
  for (const c of data.normalize) {
    const record: RecordData = { v: structuredClone(c.input) };
    schemaNormalizer({ type: "object", properties: { v: c.schema } })(record);
    deepStrictEqual(record.v, c.output, `${JSON.stringify(c.schema)} ${JSON.stringify(c.input)}`);
  }
});
