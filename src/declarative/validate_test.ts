import { deepStrictEqual, match, ok, strictEqual, throws } from "node:assert/strict";
import { SpoutError } from "../errors.ts";
import { resolveManifest } from "./resolve_manifest.ts";
import { assertValidManifest, formatValidation, runValidate, validateManifest } from "./validate.ts";

/** A small valid manifest; `extra` lines are appended under the stream's retriever. */
function manifest(opts: { version?: string; retriever?: string[]; stream?: string[]; root?: string[] } = {}) {
  return [
    `version: ${opts.version ?? "6.44.0"}`,
    "type: DeclarativeSource",
    "check:",
    "  type: CheckStream",
    "  stream_names: [users]",
    ...(opts.root ?? []),
    "streams:",
    "  - type: DeclarativeStream",
    "    name: users",
    ...(opts.stream ?? []),
    "    schema_loader:",
    "      type: InlineSchemaLoader",
    "      schema: {type: object}",
    "    retriever:",
    "      type: SimpleRetriever",
    "      requester:",
    "        type: HttpRequester",
    "        url: https://api.example.com/users",
    "      record_selector:",
    "        type: RecordSelector",
    "        extractor:",
    "          type: DpathExtractor",
    "          field_path: [data]",
    ...(opts.retriever ?? []),
  ].join("\n") + "\n";
}

Deno.test("a valid manifest is ok with no warnings", () => {
  const r = validateManifest(manifest(), { path: "m.yaml" });
  deepStrictEqual(r, { ok: true, errors: [], warnings: [] });
  deepStrictEqual(formatValidation("m.yaml", r), ["m.yaml: ok"]);
});

Deno.test("unknown component type: did you mean, accepted types, line:col", () => {
  const r = validateManifest(
    manifest({
      retriever: ["      paginator:", "        type: DefaultPaginatr", "        pagination_strategy: {}"],
    }),
    { path: "m.yaml" },
  );
  strictEqual(r.ok, false);
  strictEqual(r.errors.length, 1);
  const e = r.errors[0];
  strictEqual(e.code, "unknown_type");
  deepStrictEqual([e.line, e.col], [23, 15]);
  deepStrictEqual(e.path, ["streams", 0, "retriever", "paginator", "type"]);
  match(e.message, /unknown component type "DefaultPaginatr" \(did you mean "DefaultPaginator"\?\)/);
  match(e.message, /NoPagination/);
  match(
    formatValidation("m.yaml", r)[0],
    /^m\.yaml:23:15: streams\[0\]\.retriever\.paginator\.type: unknown/,
  );
});

Deno.test("a missing type where several components fit is reported with the choices", () => {
  const r = validateManifest(
    manifest({ stream: ["    incremental_sync:", "      cursor_field: updated_at"] }),
  );
  strictEqual(r.errors[0].code, "missing_type");
  match(
    r.errors[0].message,
    /missing "type" for "incremental_sync": add type: \(one of DatetimeBasedCursor, /,
  );
  strictEqual(r.errors[0].line, 10);
});

Deno.test("unknown keys where the schema forbids them (the root), with a suggestion", () => {
  const r = validateManifest(manifest({ root: ["definitons: {}"] }), { path: "m.yaml" });
  strictEqual(r.errors.length, 1);
  strictEqual(r.errors[0].code, "unknown_key");
  deepStrictEqual([r.errors[0].line, r.errors[0].col], [6, 1]);
  match(
    r.errors[0].message,
    /unknown key "definitons" on DeclarativeSource \(did you mean "definitions"\?\)/,
  );
});

Deno.test("likely typos in keys the reference silently ignores are warnings", () => {
  const r = validateManifest(manifest({ retriever: ["      paginatr: {type: NoPagination}"] }));
  strictEqual(r.ok, true);
  strictEqual(r.warnings.length, 1);
  match(
    r.warnings[0].message,
    /unknown key "paginatr" on SimpleRetriever is ignored \(did you mean "paginator"\?\)/,
  );
  strictEqual(r.warnings[0].line, 22);
});

Deno.test("missing required fields name the field and the component", () => {
  const text = manifest().replace(
    "        extractor:\n          type: DpathExtractor\n          field_path: [data]\n",
    "",
  );
  const r = validateManifest(text);
  strictEqual(r.errors.length, 1);
  strictEqual(r.errors[0].code, "missing_field");
  match(r.errors[0].message, /missing required field "extractor" on RecordSelector/);
  strictEqual(r.errors[0].line, 18); // the RecordSelector
});

Deno.test("wrong value kinds", () => {
  const r = validateManifest(manifest({ stream: ["    primary_key: {id: 1}"] }));
  strictEqual(r.errors[0].code, "invalid_type");
  match(r.errors[0].message, /"primary_key" must be a string or a list/);
  const r2 = validateManifest(manifest({ stream: ["    name: [users]"] }).replace("    name: users\n", ""));
  match(r2.errors[0].message, /"name" must be a string, got a list/);
});

Deno.test("Python custom components: named class, --components hint, location; known classes pass", () => {
  const text = manifest({ stream: ["    transformations:", "      - class_name: source_x.components.Fix"] });
  const r = validateManifest(text, { path: "m.yaml" });
  strictEqual(r.ok, false);
  const e = r.errors[0];
  strictEqual(e.code, "custom_component");
  match(e.message, /CustomTransformation uses the Python class "source_x\.components\.Fix"/);
  match(e.message, /--components/);
  deepStrictEqual([e.line, e.col], [10, 9]);
  const known = validateManifest(text, { knownCustomClasses: new Set(["source_x.components.Fix"]) });
  strictEqual(known.ok, true);
});

Deno.test("custom components with a type the schema does not know are reported once, as custom", () => {
  const text = manifest({
    stream: ["    incremental_sync:", "      type: CustomIncrementalSync", "      class_name: a.b.C"],
  });
  const r = validateManifest(text);
  strictEqual(r.errors.length, 1);
  strictEqual(r.errors[0].code, "custom_component");
});

Deno.test("deprecated components and fields are warnings (not for values propagated from $parameters)", () => {
  const text = manifest().replace(
    "        url: https://api.example.com/users",
    "        url_base: https://api.example.com",
  );
  const r = validateManifest(
    text.replace("    name: users\n", "    name: users\n    $parameters: {path: /users}\n"),
  );
  strictEqual(r.ok, true);
  deepStrictEqual(r.warnings.map((w) => w.code), ["deprecated"]);
  match(r.warnings[0].message, /HttpRequester\.url_base is deprecated: Use `url` field instead/);
});

Deno.test("manifest versions: 0.29 to 7.x fine, newer majors warn, malformed or pre-0.29 fail", () => {
  strictEqual(validateManifest(manifest({ version: "0.29.0" })).ok, true);
  strictEqual(validateManifest(manifest({ version: "7.7.0" })).warnings.length, 0);
  const newer = validateManifest(manifest({ version: "8.0.0" }));
  strictEqual(newer.ok, true);
  match(newer.warnings[0].message, /newer than spout knows/);
  match(validateManifest(manifest({ version: "abc" })).errors[0].message, /not a valid version/);
  match(validateManifest(manifest({ version: "0.28.0" })).errors[0].message, /predates the 0\.29/);
});

Deno.test("YAML and reference errors become located issues", () => {
  const y = validateManifest("version: 6.0.0\nstreams: [\n", { path: "m.yaml" });
  strictEqual(y.errors[0].code, "yaml");
  ok(y.errors[0].line !== undefined);
  ok(!y.errors[0].message.startsWith("m.yaml"), "location is not repeated in the message");
  const r = validateManifest(manifest({ stream: ["    primary_key: '#/definitions/nope'"] }), {
    path: "m.yaml",
  });
  strictEqual(r.errors[0].code, "reference");
  deepStrictEqual([r.errors[0].line, r.errors[0].col], [9, 18]);
  match(formatValidation("m.yaml", r)[0], /^m\.yaml:9:18: undefined reference #\/definitions\/nope/);
});

Deno.test("an error in a shared definition is reported once, where it is written", () => {
  const text = [
    "version: 6.44.0",
    "definitions:",
    "  selector:",
    "    type: RecordSelector",
    "    extractor: {type: DpathExtractr, field_path: []}",
    "check: {type: CheckStream, stream_names: [a]}",
    "streams:",
    ...["a", "b", "c"].flatMap((n) => [
      `  - name: ${n}`,
      "    schema_loader: {type: InlineSchemaLoader, schema: {}}",
      "    retriever:",
      "      requester: {url: https://x}",
      "      record_selector: '#/definitions/selector'",
    ]),
  ].join("\n");
  const r = validateManifest(text, { path: "m.yaml" });
  strictEqual(r.errors.length, 1);
  deepStrictEqual([r.errors[0].line, r.errors[0].col], [5, 23]);
  match(r.errors[0].message, /unknown component type "DpathExtractr" \(did you mean "DpathExtractor"\?\)/);
});

Deno.test("injected (already parsed) manifests validate without positions", () => {
  const r = validateManifest({ version: "6.44.0", check: { stream_names: ["a"] }, streams: 5 });
  strictEqual(r.ok, false);
  strictEqual(r.errors[0].line, undefined);
  deepStrictEqual(formatValidation("config.json", r)[0], `config.json: ${r.errors[0].message}`);
});

Deno.test("runValidate prints one ok line per valid file, errors start with the path, exit status", async () => {
  const files: Record<string, string> = { "a.yaml": manifest(), "b.yaml": "version: 6.0.0\n" };
  const read = (
    p: string,
  ) => (p in files ? Promise.resolve(files[p]) : Promise.reject(new Error("not found")));
  const good = await runValidate(["a.yaml"], read);
  deepStrictEqual(good, { lines: ["a.yaml: ok"], ok: true });
  const bad = await runValidate(["a.yaml", "b.yaml", "c.yaml"], read);
  strictEqual(bad.ok, false);
  strictEqual(bad.lines[0], "a.yaml: ok");
  ok(bad.lines.slice(1, -1).every((l) => l.startsWith("b.yaml:")), bad.lines.join("\n"));
  match(bad.lines.at(-1)!, /^c\.yaml: cannot read the file: not found$/);
});

Deno.test("the same Python class used in several places is one error listing the other lines", () => {
  const text = manifest({
    stream: [
      "    transformations:",
      "      - class_name: source_x.components.Fix",
      "      - class_name: source_x.components.Fix",
      "      - class_name: source_x.components.Other",
    ],
  });
  const r = validateManifest(text);
  deepStrictEqual(r.errors.map((e) => [e.code, e.line]), [["custom_component", 10], [
    "custom_component",
    12,
  ]]);
  match(r.errors[0].message, /"source_x\.components\.Fix".*\(also used at line 11\)$/);
  match(r.errors[1].message, /"source_x\.components\.Other"/);
});

Deno.test("assertValidManifest throws located errors, custom components as manifest_unsupported", () => {
  strictEqual(assertValidManifest(manifest()).length, 0);
  const custom = manifest({
    stream: ["    transformations:", "      - class_name: source_x.components.Fix"],
  });
  throws(() => assertValidManifest(custom, { path: "m.yaml" }), (e: unknown) => {
    ok(e instanceof SpoutError);
    strictEqual(e.code, "manifest_unsupported");
    match(e.message, /^m\.yaml:10:9: .*source_x\.components\.Fix/);
    return true;
  });
  throws(
    () => assertValidManifest(resolveManifest("version: 6.0.0\nstreams: []\n", { path: "r.yaml" })),
    (e: unknown) => {
      ok(e instanceof SpoutError);
      strictEqual(e.code, "manifest_invalid");
      match(e.message, /^r\.yaml:1:1: missing required field "check" on DeclarativeSource$/);
      return true;
    },
  );
});

Deno.test("validateManifest never throws on damaged manifests (seeded fuzz, 300 cases)", async () => {
  const base = await Deno.readTextFile(
    new URL("../../tests/fixtures/resolved/source-yotpo.yaml", import.meta.url),
  );
  let seed = 20261124;
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const pieces = [
    "#/",
    "$ref: '#/definitions/x'",
    "&a ",
    "*a",
    "!tag ",
    "{",
    "]",
    ":",
    "- ",
    "\n",
    "'",
    "type: X",
    "~",
  ];
  let invalid = 0;
  for (let i = 0; i < 300; i++) {
    let text = base;
    for (let j = 0; j < 3; j++) {
      const at = Math.floor(rand() * text.length);
      text = rand() < 0.5
        ? text.slice(0, at) + pieces[Math.floor(rand() * pieces.length)] + text.slice(at)
        : text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 20));
    }
    const result = validateManifest(text, { path: "f.yaml" });
    if (!result.ok) {
      invalid++;
      ok(result.errors.every((e) => typeof e.message === "string" && e.message.length > 0));
    }
  }
  ok(invalid > 50, `${invalid} damaged manifests were rejected`);
});

Deno.test("a custom component built by reference is located at its class_name", () => {
  const text = manifest({
    root: ["definitions:", "  fix:", "    type: CustomTransformation", "    class_name: a.b.Fix"],
  })
    .replace(
      "    schema_loader:",
      "    transformations:\n      - $ref: '#/definitions/fix'\n        extra: 1\n    schema_loader:",
    );
  const r = validateManifest(text);
  strictEqual(r.errors[0].code, "custom_component");
  deepStrictEqual([r.errors[0].line, r.errors[0].col], [9, 5]);
});
