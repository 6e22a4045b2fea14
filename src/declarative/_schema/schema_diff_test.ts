/**
 * Differential test of the zod schemas against the reference: 540 random mutations of resolved corpus
 * manifests (deleted keys, values of another kind, other component types, extra keys), each with the
 * verdict of the reference's JSON-schema validation (tests/fixtures/schema_diff/cases.json, made with
 * airbyte-cdk 7.39.1 and jsonschema). The private schema must agree on every case.
 */
import { deepStrictEqual, ok } from "node:assert/strict";
import { resolveManifest } from "../resolve_manifest.ts";
import { manifestSchema } from "./mod.ts";

interface Case {
  manifest: string;
  path: (string | number)[];
  op: "delete" | "set";
  key: string;
  value: unknown;
  valid: boolean;
}

const DIR = new URL("../../../tests/fixtures/schema_diff/", import.meta.url);

Deno.test("manifest schema agrees with the reference's JSON-schema verdict on 540 mutations", async () => {
  const cases = JSON.parse(await Deno.readTextFile(new URL("cases.json", DIR))) as Case[];
  const bases = new Map<string, Record<string, unknown>>();
  const disagreements: string[] = [];
  let valid = 0;
  for (const c of cases) {
    let base = bases.get(c.manifest);
    if (!base) {
      base = resolveManifest(await Deno.readTextFile(new URL(`${c.manifest}.yaml`, DIR))).value;
      ok(manifestSchema.safeParse(base).success, `${c.manifest} is valid before mutation`);
      bases.set(c.manifest, base);
    }
    // mutate in place, validate, undo (the resolved manifests are large; copying each time is slow)
    let node = base as Record<string | number, unknown>;
    for (const seg of c.path) node = node[seg] as Record<string | number, unknown>;
    const had = Object.hasOwn(node, c.key);
    const old = node[c.key];
    if (c.op === "delete") delete node[c.key];
    else node[c.key] = structuredClone(c.value);
    const verdict = manifestSchema.safeParse(base).success;
    if (had) node[c.key] = old;
    else delete node[c.key];
    if (verdict) valid++;
    if (verdict !== c.valid) {
      disagreements.push(
        `${c.manifest} ${c.path.join(".")} ${c.op} ${c.key}=${JSON.stringify(c.value)}: ` +
          `reference ${c.valid ? "valid" : "invalid"}, spout ${verdict ? "valid" : "invalid"}`,
      );
    }
  }
  deepStrictEqual(disagreements, []);
  ok(valid > 100 && valid < cases.length - 100, `both verdicts are exercised (${valid} valid)`);
});
