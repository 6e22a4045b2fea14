import { deepStrictEqual, ok, strictEqual, throws } from "node:assert/strict";
import { SpoutError } from "../errors.ts";
import { loadManifest } from "./load_manifest.ts";
import { manifestLocation, resolveManifest } from "./resolve_manifest.ts";

const FIXTURES = new URL("../../tests/fixtures/resolved/", import.meta.url);

for (const name of ["source-yotpo", "source-alpha-vantage", "source-postmarkapp", "source-google-sheets"]) {
  Deno.test(`resolveManifest equals the reference CDK's resolved manifest: ${name}`, async () => {
    const text = await Deno.readTextFile(new URL(`${name}.yaml`, FIXTURES));
    const expected = JSON.parse(await Deno.readTextFile(new URL(`${name}.resolved.json`, FIXTURES)));
    const resolved = resolveManifest(text, { path: `${name}.yaml` });
    deepStrictEqual(resolved.value, expected);
  });
}

Deno.test("a missing root type becomes DeclarativeSource; the loaded value is untouched", () => {
  const loaded = loadManifest("version: 6.0.0\nstreams: []\n");
  const resolved = resolveManifest(loaded);
  strictEqual(resolved.value.type, "DeclarativeSource");
  strictEqual(loaded.value.type, undefined);
});

Deno.test("resolved positions point through references to where a value is written", () => {
  const text = [
    "version: 6.0.0", // 1
    "definitions:", // 2
    "  requester:", // 3
    "    url_base: https://x", // 4
    "    http_method: GET", // 5
    "streams:", // 6
    "  - name: a", // 7
    "    retriever:", // 8
    "      requester:", // 9
    "        $ref: '#/definitions/requester'", // 10
    "        path: /a", // 11
    "  - name: b", // 12
    "    retriever:", // 13
    "      requester: '#/definitions/requester'", // 14
  ].join("\n");
  const r = resolveManifest(text, { path: "m.yaml" });
  const p = (path: (string | number)[]) => r.positions.get(path);
  deepStrictEqual(p(["streams", 0, "retriever", "requester", "url_base"]), { line: 4, col: 15 });
  deepStrictEqual(p(["streams", 0, "retriever", "requester", "path"]), { line: 11, col: 15 });
  deepStrictEqual(p(["streams", 0, "retriever", "requester"]), { line: 10, col: 9 });
  deepStrictEqual(p(["streams", 1, "retriever", "requester", "http_method"]), { line: 5, col: 18 });
  strictEqual(manifestLocation(r, ["streams", 1, "retriever", "requester", "type"]), "m.yaml:4:5");
  // a default type has no position of its own: nearest() gives the component's
  strictEqual(r.value.streams && (r.value.streams as { type: string }[])[1].type, "DeclarativeStream");
  deepStrictEqual(r.positions.nearest(["streams", 1, "type"]), { line: 12, col: 5 });
});

Deno.test("undefined references fail with file:line:col", () => {
  throws(
    () =>
      resolveManifest("version: 6.0.0\nstreams:\n  - retriever: '#/definitions/nope'\n", { path: "m.yaml" }),
    (e: unknown) => {
      ok(e instanceof SpoutError);
      strictEqual(
        e.message,
        "m.yaml:3:16: undefined reference #/definitions/nope: nothing in the manifest at that path",
      );
      return true;
    },
  );
});

Deno.test("object input (injected manifest) resolves without positions", () => {
  const r = resolveManifest({ version: "6.0.0", streams: [{ name: "a", retriever: {} }] });
  strictEqual(
    (r.value.streams as Record<string, Record<string, unknown>>[])[0].retriever.type,
    "SimpleRetriever",
  );
  strictEqual(r.positions.size, 0);
  strictEqual(manifestLocation(r, ["streams", 0]), "manifest");
});

Deno.test("fields filled from $parameters point at the parameter that set them", () => {
  const text = [
    "version: 6.0.0", // 1
    "definitions:", // 2
    "  base:", // 3
    "    retriever:", // 4
    "      requester: {url_base: 'https://x'}", // 5
    "streams:", // 6
    "  - $ref: '#/definitions/base'", // 7
    "    $parameters:", // 8
    "      name: users", // 9
    "      path: \"/users/{{ config['id'] }}\"", // 10
  ].join("\n");
  const r = resolveManifest(text, { path: "m.yaml" });
  const requester = ["streams", 0, "retriever", "requester"];
  strictEqual(
    (r.value.streams as { retriever: { requester: { path: string } } }[])[0].retriever.requester.path,
    "/users/{{ config['id'] }}",
  );
  deepStrictEqual(r.positions.get([...requester, "path"]), { line: 10, col: 13 });
  deepStrictEqual(r.positions.get(["streams", 0, "name"]), { line: 9, col: 13 });
  deepStrictEqual(r.positions.get([...requester, "url_base"]), { line: 5, col: 29 });
});
