import { deepStrictEqual, notDeepStrictEqual, strictEqual } from "node:assert/strict";
import { fakeEnv } from "../env.ts";
import type { CliIO } from "./io.ts";
import { main } from "./main.ts";
import { embeddedSource } from "./embedded.ts";
import type { EmbeddedManifest } from "./embedded.ts";

const MANIFEST: Record<string, unknown> = {
  version: "6.0.0",
  type: "DeclarativeSource",
  check: { type: "CheckStream", stream_names: ["items"] },
  streams: [{
    type: "DeclarativeStream",
    name: "items",
    primary_key: "id",
    retriever: {
      type: "SimpleRetriever",
      requester: { type: "HttpRequester", url_base: "https://api.test", path: "/items" },
      record_selector: { type: "RecordSelector", extractor: { type: "DpathExtractor", field_path: [] } },
    },
    schema_loader: { type: "JsonFileSchemaLoader" },
  }],
  spec: {
    type: "Spec",
    connection_specification: {
      type: "object",
      title: "Tiny",
      properties: { token: { type: "string", airbyte_secret: true } },
    },
  },
};

const SCHEMA = { type: "object", properties: { id: { type: "integer" } } };

function world(files: Record<string, string>, embedded?: EmbeddedManifest): { io: CliIO; out: () => string } {
  let out = "";
  const decoder = new TextDecoder();
  const io: CliIO = {
    stdout: (chunk) => {
      out += decoder.decode(chunk);
    },
    stderr: () => {},
    readTextFile: (path) =>
      Object.hasOwn(files, path) ? Promise.resolve(files[path]) : Promise.reject(new Error(`ENOENT ${path}`)),
    env: fakeEnv(),
  };
  if (embedded) io.embedded = embeddedSource(embedded);
  return { io, out: () => out };
}

function messages(text: string): Array<Record<string, unknown>> {
  return text.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line));
}

const tiny: EmbeddedManifest = {
  kind: "manifest",
  name: "tiny",
  manifest: MANIFEST,
  path: "manifest.yaml",
  files: { "schemas/items.json": JSON.stringify(SCHEMA) },
};

Deno.test("an embedded manifest answers spec and discover with no manifest flag and no files", async () => {
  const spec = world({}, tiny);
  strictEqual(await main(["spec"], spec.io), 0);
  const [message] = messages(spec.out());
  strictEqual(message.type, "SPEC");
  strictEqual(
    (message.spec as { connectionSpecification: { title: string } }).connectionSpecification.title,
    "Tiny",
  );

  const discover = world({ "c.json": '{"token":"x"}' }, tiny);
  strictEqual(await main(["discover", "--config", "c.json"], discover.io), 0);
  const catalog = messages(discover.out()).find((m) => m.type === "CATALOG") as {
    catalog: { streams: Array<{ name: string; json_schema: unknown }> };
  };
  strictEqual(catalog.catalog.streams[0].name, "items");
  // The schema came from the embedded file, not from the (empty) file system.
  deepStrictEqual(catalog.catalog.streams[0].json_schema, SCHEMA);
});

Deno.test("embedded files cannot be reached by paths leaving the manifest folder", async () => {
  const streams = MANIFEST.streams as Array<Record<string, unknown>>;
  const absolute = {
    ...MANIFEST,
    streams: [{
      ...streams[0],
      schema_loader: { type: "JsonFileSchemaLoader", file_path: "/etc/items.json" },
    }],
  };
  // Without the guard, "/etc/items.json" would resolve to the embedded "etc/items.json".
  const escaped: EmbeddedManifest = {
    ...tiny,
    manifest: absolute,
    files: { "etc/items.json": JSON.stringify(SCHEMA) },
  };
  const run = world({ "c.json": "{}" }, escaped);
  strictEqual(await main(["discover", "--config", "c.json"], run.io), 0);
  const catalog = messages(run.out()).find((m) => m.type === "CATALOG") as {
    catalog: { streams: Array<{ json_schema: Record<string, unknown> }> };
  };
  notDeepStrictEqual(catalog.catalog.streams[0].json_schema, SCHEMA);
});

Deno.test("an explicit --manifest still wins over the embedded source", async () => {
  const other = JSON.stringify({
    ...MANIFEST,
    spec: { type: "Spec", connection_specification: { type: "object", title: "Other" } },
  });
  const run = world({ "m.yaml": other }, tiny);
  strictEqual(await main(["spec", "--manifest", "m.yaml"], run.io), 0);
  const [message] = messages(run.out());
  strictEqual(
    (message.spec as { connectionSpecification: { title: string } }).connectionSpecification.title,
    "Other",
  );
});

Deno.test("an embedded code connector is created on each run and manifest text is parsed at start-up", async () => {
  let created = 0;
  const code = world({});
  code.io.embedded = embeddedSource({
    kind: "code",
    name: "c",
    create: () => {
      created++;
      return {
        spec: () => Promise.resolve({ connectionSpecification: { title: "Code" } }),
        check: () => Promise.resolve({ status: "SUCCEEDED" as const }),
        streams: () => Promise.resolve([]),
      };
    },
  });
  strictEqual(await main(["spec"], code.io), 0);
  strictEqual(created, 1);
  strictEqual(messages(code.out())[0].type, "SPEC");

  const text = world({});
  text.io.embedded = embeddedSource({ kind: "manifest", name: "t", manifestText: JSON.stringify(MANIFEST) });
  strictEqual(await main(["spec"], text.io), 0);
  strictEqual(messages(text.out())[0].type, "SPEC");
});
