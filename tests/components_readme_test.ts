/**
 * The README's custom-components example (tests/fixtures/components_readme/): through the code API and the
 * CLI (`validate --components`, `read --components`).
 */
import { deepStrictEqual, match, strictEqual } from "node:assert/strict";
import components from "./fixtures/components_readme/components.ts";
import { main } from "../src/cli/main.ts";
import { defaultEnv } from "../src/env.ts";
import { catalogFor, memoryIO } from "./cli_helpers.ts";
import { loopback, readContext, readStreams } from "./components_helpers.ts";

const DIR = new URL("./fixtures/components_readme/", import.meta.url).pathname;

async function hmac(secret: string, text: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(text));
  return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, "0")).join("");
}

function acme() {
  return loopback(async (url, request) => {
    if (request.headers.get("x-acme-signature") !== await hmac("s3cr3t", url.pathname)) {
      return new Response("{}", { status: 401 });
    }
    return { items: { a1: { name: "one" }, b2: { name: "two" } } };
  });
}

Deno.test("README example: createDeclarativeSource(manifest, { components })", async () => {
  const api = acme();
  try {
    const manifest = await Deno.readTextFile(DIR + "manifest.yaml");
    const out = await readStreams(manifest, { base_url: api.url, secret: "s3cr3t" }, {
      components,
      ctx: readContext(),
    });
    deepStrictEqual(out.items.records, [{ name: "one", id: "a1" }, { name: "two", id: "b2" }]);
  } finally {
    await api.close();
  }
});

Deno.test("README example: spout validate / read --components", async () => {
  const api = acme();
  try {
    const files = {
      [DIR + "manifest.yaml"]: await Deno.readTextFile(DIR + "manifest.yaml"),
      "config.json": { base_url: api.url, secret: "s3cr3t" },
      "catalog.json": catalogFor(["items"]),
    };
    const run = async (args: string[]) => {
      const { io, out, err } = memoryIO({ files, env: defaultEnv() });
      io.importModule = async (path) => ({ ...(await import(new URL(`file://${path}`).href)) });
      return { code: await main(args, io), out: out(), err: err() };
    };
    const missing = await run(["validate", DIR + "manifest.yaml"]);
    strictEqual(missing.code, 1);
    match(missing.out, /HmacAuthenticator/);
    const valid = await run(["validate", "--components", DIR + "components.ts", DIR + "manifest.yaml"]);
    strictEqual(valid.code, 0, valid.out);
    const read = await run([
      "read",
      "--config",
      "config.json",
      "--catalog",
      "catalog.json",
      "--manifest",
      DIR + "manifest.yaml",
      "--components",
      DIR + "components.ts",
    ]);
    strictEqual(read.code, 0, read.err);
    const records = read.out.split("\n").filter(Boolean).map((l) => JSON.parse(l)).filter((m) =>
      m.type === "RECORD"
    );
    deepStrictEqual(records.map((m) => m.record.data.id), ["a1", "b2"]);
  } finally {
    await api.close();
  }
});
