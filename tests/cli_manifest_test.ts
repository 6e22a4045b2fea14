/**
 * End-to-end: the CLI runs a low-code manifest against a loopback API (in-process, real HTTP).
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { main } from "../cli.ts";
import { fakeEnv } from "../src/env.ts";
import type { AirbyteMessage } from "../src/protocol/messages.ts";
import { catalogFor, runCli } from "./cli_helpers.ts";

const TOKEN = "tok_e2e_5ecret_77";

function manifest(base: string): string {
  return `
version: 6.0.0
type: DeclarativeSource
check:
  type: CheckStream
  stream_names: [items]
definitions:
  base:
    type: DeclarativeStream
    retriever:
      type: SimpleRetriever
      requester:
        type: HttpRequester
        url_base: ${base}
        path: "/{{ parameters.p }}"
        http_method: GET
        authenticator:
          type: BearerAuthenticator
          api_token: "{{ config.api_key }}"
      record_selector:
        type: RecordSelector
        extractor: {type: DpathExtractor, field_path: [data]}
    schema_loader:
      type: InlineSchemaLoader
      schema: {type: object, properties: {id: {type: integer}}}
streams:
  - $ref: "#/definitions/base"
    name: items
    primary_key: id
    $parameters: {p: items}
  - $ref: "#/definitions/base"
    name: failing
    $parameters: {p: fail}
spec:
  type: Spec
  connection_specification:
    type: object
    required: [api_key]
    properties:
      api_key: {type: string, airbyte_secret: true}
`;
}

async function withServer(fn: (base: string, seen: string[]) => Promise<void>): Promise<void> {
  const seen: string[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (request) => {
    const url = new URL(request.url);
    seen.push(`${url.pathname} ${request.headers.get("authorization")}`);
    if (seen.length > 50) return new Response("too many", { status: 500 });
    if (request.headers.get("authorization") !== `Bearer ${TOKEN}`) {
      return Response.json({ error: "unauthorized" }, { status: 401 });
    }
    if (url.pathname === "/items") return Response.json({ data: [{ id: 1 }, { id: 2 }, { id: 3 }] });
    return Response.json({ error: `bad request for ${TOKEN}` }, { status: 400 });
  });
  try {
    await fn(`http://127.0.0.1:${server.addr.port}`, seen);
  } finally {
    await server.shutdown();
  }
}

const env = () => fakeEnv({ fetch: (request) => fetch(request) });
const records = (messages: AirbyteMessage[]) =>
  messages.flatMap((m) => m.type === "RECORD" ? [[m.record.stream, m.record.data.id]] : []);

Deno.test("manifest e2e: check, discover and read through --manifest; secrets masked; exit codes", async () => {
  await withServer(async (base, seen) => {
    const files = {
      "m.yaml": manifest(base),
      "c.json": { api_key: TOKEN },
      "bad.json": { api_key: "wrong_token_value" },
      "cat.json": catalogFor(["items", "failing"]),
    };
    const check = await runCli(main, ["check", "--config", "c.json", "--manifest", "m.yaml"], {
      files,
      env: env(),
    });
    strictEqual(check.code, 0);
    deepStrictEqual(check.messages.filter((m) => m.type === "CONNECTION_STATUS"), [
      { type: "CONNECTION_STATUS", connectionStatus: { status: "SUCCEEDED" } },
    ]);
    const denied = await runCli(main, ["check", "--config", "bad.json", "--manifest-path", "m.yaml"], {
      files,
      env: env(),
    });
    strictEqual(denied.code, 0);
    const status = denied.messages.find((m) => m.type === "CONNECTION_STATUS");
    ok(status?.type === "CONNECTION_STATUS" && status.connectionStatus.status === "FAILED");
    ok(!denied.stdout.includes("wrong_token_value"), "the rejected secret is masked too");

    const discover = await runCli(main, ["discover", "--config", "c.json", "--manifest", "m.yaml"], {
      files,
      env: env(),
    });
    strictEqual(discover.code, 0);
    const catalog = discover.messages.find((m) => m.type === "CATALOG");
    ok(catalog?.type === "CATALOG");
    deepStrictEqual(catalog.catalog.streams.map((s) => s.name), ["items", "failing"]);
    deepStrictEqual(catalog.catalog.streams[0].source_defined_primary_key, [["id"]]);

    const read = await runCli(
      main,
      ["read", "--config", "c.json", "--catalog", "cat.json", "--manifest", "m.yaml"],
      { files, env: env() },
    );
    strictEqual(read.code, 1, "a failed stream fails the read");
    deepStrictEqual(records(read.messages), [["items", 1], ["items", 2], ["items", 3]]);
    ok(!read.stdout.includes(TOKEN), "the token echoed by the API is masked");
    const errors = read.messages.filter((m) => m.type === "TRACE" && m.trace.type === "ERROR");
    strictEqual(errors.length, 2);
    ok(seen.every((line) => line.startsWith("/items") || line.startsWith("/fail")));
  });
});

Deno.test("manifest e2e: a config carrying __injected_declarative_manifest needs no --manifest", async () => {
  await withServer(async (base) => {
    const { parseDocument } = await import("../src/_deps/yaml.ts");
    const injected = parseDocument(manifest(base)).toJS();
    const files = {
      "c.json": { api_key: TOKEN, __injected_declarative_manifest: injected },
      "cat.json": catalogFor(["items"]),
    };
    const read = await runCli(main, ["read", "--config", "c.json", "--catalog", "cat.json"], {
      files,
      env: env(),
    });
    strictEqual(read.code, 0, read.stdout);
    deepStrictEqual(records(read.messages), [["items", 1], ["items", 2], ["items", 3]]);
    const state = read.messages.find((m) => m.type === "STATE");
    ok(state?.type === "STATE");
    deepStrictEqual(state.state.stream?.stream_state, { __ab_no_cursor_state_message: true });
  });
});

Deno.test("manifest e2e: --debug logs every HTTP exchange as a masked DEBUG LOG", async () => {
  await withServer(async (base) => {
    const files = {
      "m.yaml": manifest(base).replace(
        'path: "/{{ parameters.p }}"',
        'path: "/{{ parameters.p }}?key={{ config.api_key }}"',
      ),
      "c.json": { api_key: TOKEN },
      "cat.json": catalogFor(["items"]),
    };
    const args = ["read", "--config", "c.json", "--catalog", "cat.json", "--manifest", "m.yaml"];
    const quiet = await runCli(main, args, { files, env: env() });
    strictEqual(quiet.messages.filter((m) => m.type === "LOG" && m.log.level === "DEBUG").length, 0);
    const debug = await runCli(main, [...args, "--debug"], { files, env: env() });
    const lines = debug.messages.flatMap((m) =>
      m.type === "LOG" && m.log.level === "DEBUG" ? [m.log.message] : []
    );
    ok(
      lines.some((line) => /^items: GET http:\/\/127\.0\.0\.1:\d+\/items\?key=\*\*\*\* -> 200/.test(line)),
      lines.join("\n"),
    );
    ok(!debug.stdout.includes(TOKEN));
  });
});
