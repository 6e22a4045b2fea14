/**
 * scripts/build.ts: argument parsing, the generated entries (manifest as JSON + its schema files, code
 * connectors by import), independence from the manifest's folder at run time, and `deno compile`: either a
 * working binary (where its runtime can be downloaded) or a clear "runtime unavailable" report (here).
 */
import { deepStrictEqual, match, ok, strictEqual, throws } from "node:assert/strict";
import {
  BINARY_V8_FLAGS,
  build,
  CompileUnavailableError,
  isRuntimeDownloadFailure,
  manifestEntry,
  parseBuildArgs,
  ROOT,
} from "../scripts/build.ts";
import { DENO, runProcess, workDir } from "./dist_helpers.ts";

const MANIFEST = `version: 6.0.0
type: DeclarativeSource
check:
  type: CheckStream
  stream_names: [items]
streams:
  - type: DeclarativeStream
    name: items
    primary_key: id
    retriever:
      type: SimpleRetriever
      requester:
        type: HttpRequester
        url_base: "{{ config['url'] }}"
        path: /items
      record_selector:
        type: RecordSelector
        extractor:
          type: DpathExtractor
          field_path: [data]
    schema_loader:
      type: JsonFileSchemaLoader
spec:
  type: Spec
  connection_specification:
    type: object
    title: Items
    required: [url]
    properties:
      url: { type: string }
`;

const SCHEMA = { type: "object", properties: { id: { type: "integer" }, name: { type: "string" } } };

Deno.test("build args: one source, --out required, --export or --factory", () => {
  deepStrictEqual(parseBuildArgs(["--manifest", "m.yaml", "--out", "dist/x"]).source, {
    kind: "manifest",
    manifest: "m.yaml",
    components: undefined,
  });
  const code = parseBuildArgs([
    "--connector",
    "example-shop",
    "--out",
    "dist/x",
    "--no-compile",
    "--no-check",
  ]);
  deepStrictEqual([code.source, code.compile, code.check, code.bundle], [
    { kind: "connector", connector: "example-shop" },
    false,
    false,
    true,
  ]);
  deepStrictEqual(parseBuildArgs(["--module", "s.ts", "--factory", "make", "--out", "o"]).source, {
    kind: "module",
    module: "s.ts",
    exportName: "make",
    factory: true,
  });
  // `deno task build -- …` passes the "--" through.
  strictEqual(parseBuildArgs(["--", "--connector", "x", "--out", "o"]).source.kind, "connector");
  throws(() => parseBuildArgs(["--manifest", "m.yaml"]), /usage/);
  throws(() => parseBuildArgs(["--manifest", "m.yaml", "--connector", "x", "--out", "o"]), /usage/);
  throws(
    () => parseBuildArgs(["--module", "s.ts", "--export", "A", "--factory", "b", "--out", "o"]),
    /usage/,
  );
});

Deno.test("manifest entry: parsed JSON constant with its schemas; YAML text only when JSON cannot carry it", async () => {
  const dir = await workDir({
    "m/manifest.yaml": MANIFEST,
    "m/schemas/items.json": SCHEMA,
    "m/other.txt": "x",
  });
  try {
    const entry = await manifestEntry(`${ROOT}/dist/x.entry.ts`, `${dir}/m/manifest.yaml`, "items");
    match(entry, /import \{ runEmbedded \} from "\.\.\/src\/cli\/embedded\.ts";/);
    match(entry, /manifest: JSON\.parse\(/);
    ok(!entry.includes("manifestText"), "no YAML at run time");
    ok(entry.includes(`files: ${JSON.stringify({ "schemas/items.json": JSON.stringify(SCHEMA) })}`));
    ok(!entry.includes("other.txt"), "only schema files are embedded");

    await Deno.writeTextFile(`${dir}/m/manifest.yaml`, MANIFEST + "x_limit: .inf\n");
    const inf = await manifestEntry(`${ROOT}/dist/x.entry.ts`, `${dir}/m/manifest.yaml`, "items");
    match(inf, /manifestText: "version: 6\.0\.0\\n/);

    await Deno.writeTextFile(
      `${dir}/m/manifest.yaml`,
      "version: 6.0.0\ntype: DeclarativeSource\nstreams: [\n",
    );
    let failed = false;
    await manifestEntry(`${ROOT}/dist/x.entry.ts`, `${dir}/m/manifest.yaml`, "items").catch(() =>
      failed = true
    );
    ok(failed, "an invalid manifest fails the build");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a components.ts beside the manifest is built in (Airbyte's components.py convention)", async () => {
  const dir = await workDir({
    "src-x/manifest.yaml": MANIFEST,
    "src-x/components.ts": "export const marker = 42;\n",
  });
  try {
    const result = await build({
      source: { kind: "manifest", manifest: `${dir}/src-x/manifest.yaml` },
      out: `${dir}/out/x`,
      bundle: false,
      compile: false,
    });
    const entry = await Deno.readTextFile(result.entry!);
    match(entry, /import \* as components from "\.\.\/src-x\/components\.ts";/);
    match(entry, /components: \{ \.\.\.components \},/);
    match(entry, /name: "src-x",/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a built manifest bundle needs neither the manifest nor its schema files at run time", async () => {
  const src = await workDir({ "items/manifest.yaml": MANIFEST, "items/schemas/items.json": SCHEMA });
  const out = await Deno.makeTempDir({ prefix: "spout_build_" });
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    () => Response.json({ data: [{ id: 1, name: "a" }, { id: 2, name: "b" }] }),
  );
  try {
    const result = await build({
      source: { kind: "manifest", manifest: `${src}/items/manifest.yaml` },
      out: `${out}/items`,
      compile: false,
    });
    await Deno.remove(src, { recursive: true });
    await Deno.remove(result.entry!);
    const cwd = await workDir({
      "config.json": { url: `http://127.0.0.1:${server.addr.port}` },
      "catalog.json": {
        streams: [{
          stream: { name: "items", json_schema: {} },
          sync_mode: "full_refresh",
          destination_sync_mode: "append",
        }],
      },
    });
    try {
      const discover = await runProcess([
        ...DENO.command,
        result.bundle!,
        "discover",
        "--config",
        "config.json",
      ], cwd);
      strictEqual(discover.code, 0, discover.stdout + discover.stderr);
      deepStrictEqual(discover.messages.at(-1).catalog.streams[0].json_schema, SCHEMA);
      const read = await runProcess(
        [...DENO.command, result.bundle!, "read", "--config", "config.json", "--catalog", "catalog.json"],
        cwd,
      );
      strictEqual(read.code, 0, read.stdout + read.stderr);
      deepStrictEqual(
        read.messages.filter((m) => m.type === "RECORD").map((m) => m.record.data),
        [{ id: 1, name: "a" }, { id: 2, name: "b" }],
      );
    } finally {
      await Deno.remove(cwd, { recursive: true });
    }
  } finally {
    await server.shutdown();
    await Deno.remove(out, { recursive: true }).catch(() => {});
    await Deno.remove(src, { recursive: true }).catch(() => {});
  }
});

Deno.test("deno compile: a runnable binary, or a clear report that its runtime cannot be downloaded", async () => {
  ok(isRuntimeDownloadFailure(
    "Download https://dl.deno.land/release/v2.9.6/denort-x86_64-unknown-linux-gnu.zip\nerror: Writing deno " +
      "compile executable\n    1: error sending request for url (https://dl.deno.land/…): client error (Connect)",
  ));
  ok(!isRuntimeDownloadFailure('error: Module not found "file:///x/entry.ts"'));
  const out = await Deno.makeTempDir({ prefix: "spout_compile_" });
  try {
    const result = await build({
      source: { kind: "manifest", manifest: `${ROOT}/connectors/shop-manifest/manifest.yaml` },
      out: `${out}/shop`,
      bundle: false,
      check: false,
    });
    deepStrictEqual(result.compileCommand.slice(0, 5), [
      "deno",
      "compile",
      "-A",
      `--v8-flags=${BINARY_V8_FLAGS}`,
      "--output",
    ]);
    if (result.binary) {
      const spec = await runProcess([result.binary, "spec"], out);
      strictEqual(spec.code, 0, spec.stderr);
      strictEqual(spec.messages[0].spec.connectionSpecification.title, "Shop (manifest)");
      console.log(`compiled binary: ${(await Deno.stat(result.binary)).size} bytes`);
    } else {
      ok(result.compileUnavailable instanceof CompileUnavailableError);
      match(result.compileUnavailable.message, /could not download its runtime \(denort\)/);
      console.log("deno compile: runtime download unavailable here (expected without network)");
    }
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});
