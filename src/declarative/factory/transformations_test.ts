import { deepStrictEqual } from "node:assert/strict";
import type { JsonObject } from "../../types.ts";
import { api, manifest, read, records, simpleStream } from "./_test_api.ts";

// Records produced by the reference for DpathFlattenFields with a KeyTransformation (hubspot's prefix,
// templated prefix/suffix from $parameters and config, a None prefix, replace_record with a suffix).
const golden = JSON.parse(
  await Deno.readTextFile(new URL("./testdata/key_transformation_reference.json", import.meta.url)),
) as { records: JsonObject[]; cases: Record<string, { transformations: unknown[]; expected: JsonObject[] }> };

for (const [name, c] of Object.entries(golden.cases)) {
  Deno.test(`DpathFlattenFields + KeyTransformation like the reference: ${name}`, async () => {
    const { ctx } = api(() => structuredClone(golden.records));
    const stream = simpleStream("deals", "/deals", {}, { transformations: c.transformations });
    const msgs = await read(manifest([stream]), { sfx: "x", none: null }, ctx, "deals");
    deepStrictEqual(records(msgs), c.expected);
  });
}
