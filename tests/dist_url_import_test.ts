/**
 * `import { … } from "<url>/mod.ts"` from a script in a directory with no deno.json (no import map, no
 * lockfile): what users of the published/raw-URL package do. Runs the script as a separate `deno run`.
 */
import { deepStrictEqual, strictEqual } from "node:assert/strict";

const MOD = new URL("../mod.ts", import.meta.url).href;

const SCRIPT = `
import {
  bearer,
  compose,
  createDeclarativeSource,
  fakeEnv,
  offsetPaginator,
  readSource,
  SecretMasker,
  SpoutError,
} from "${MOD}";

const base = Deno.args[0];
const requester = compose((request) => fetch(request), bearer("s3cret"));

// A paginator from the code API, driven by hand: limit/offset until a short page.
const paginator = offsetPaginator({
  pageSize: 2,
  offsetOption: { injectInto: "request_parameter", fieldName: "offset" },
  limitOption: { injectInto: "request_parameter", fieldName: "limit" },
});
const ids = [];
let token = paginator.initialToken();
for (let pages = 0; pages < 10; pages++) {
  const parts = paginator.apply({ path: "/items", query: {}, headers: {} }, token);
  const url = new URL(parts.path, base);
  for (const [k, v] of Object.entries(parts.query)) url.searchParams.set(k, String(v));
  const body = await (await requester(new Request(url))).json();
  ids.push(...body.data.map((r) => r.id));
  token = paginator.nextToken({ token, lastPageSize: body.data.length, lastRecord: body.data.at(-1), response: undefined, body });
  if (token === undefined) break;
}

// A tiny manifest through the declarative engine.
const source = await createDeclarativeSource({
  version: "6.0.0",
  type: "DeclarativeSource",
  check: { type: "CheckStream", stream_names: ["items"] },
  streams: [{
    type: "DeclarativeStream",
    name: "items",
    primary_key: "id",
    retriever: {
      type: "SimpleRetriever",
      requester: {
        type: "HttpRequester",
        url_base: "{{ config['base'] }}",
        path: "/items",
        authenticator: { type: "BearerAuthenticator", api_token: "{{ config['token'] }}" },
      },
      paginator: {
        type: "DefaultPaginator",
        pagination_strategy: { type: "OffsetIncrement", page_size: 2 },
        page_token_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "offset" },
        page_size_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "limit" },
      },
      record_selector: { type: "RecordSelector", extractor: { type: "DpathExtractor", field_path: ["data"] } },
    },
    schema_loader: { type: "InlineSchemaLoader", schema: {} },
  }],
  spec: { type: "Spec", connection_specification: { type: "object", properties: {} } },
});
const catalog = {
  streams: [{
    stream: { name: "items", json_schema: {}, supported_sync_modes: ["full_refresh"] },
    sync_mode: "full_refresh",
    destination_sync_mode: "append",
  }],
};
const env = { ...fakeEnv(), fetch: (input, init) => fetch(input, init) };
const records = [];
for await (const m of readSource(source, { base, token: "s3cret" }, catalog, undefined, { env, masker: new SecretMasker() })) {
  if (m.type === "RECORD") records.push(m.record.data.id);
}
console.log(JSON.stringify({ ids, records, error: new SpoutError("config_error", "x").code }));
`;

Deno.test("mod.ts imported by URL from a directory without deno.json: compose, paginator, manifest", async () => {
  const dir = await Deno.makeTempDir({ prefix: "spout_url_import_" });
  const seen: string[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, (request) => {
    const url = new URL(request.url);
    seen.push(`${request.headers.get("authorization")} ${url.search}`);
    if (request.headers.get("authorization") !== "Bearer s3cret") return new Response("no", { status: 401 });
    const offset = Number(url.searchParams.get("offset") ?? 0);
    const limit = Number(url.searchParams.get("limit") ?? 2);
    const all = [1, 2, 3, 4, 5].map((id) => ({ id }));
    if (seen.length > 40) return new Response("too many requests in this test", { status: 500 });
    return Response.json({ data: all.slice(offset, offset + limit) });
  });
  try {
    await Deno.writeTextFile(`${dir}/script.js`, SCRIPT);
    const output = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-net=127.0.0.1",
        "--allow-read",
        "--allow-env",
        "script.js",
        `http://127.0.0.1:${server.addr.port}`,
      ],
      cwd: dir,
      stdout: "piped",
      stderr: "piped",
      signal: AbortSignal.timeout(60_000),
      env: { NO_COLOR: "1" },
    }).output();
    const stderr = new TextDecoder().decode(output.stderr);
    strictEqual(output.code, 0, stderr);
    const result = JSON.parse(new TextDecoder().decode(output.stdout));
    deepStrictEqual(result, { ids: [1, 2, 3, 4, 5], records: [1, 2, 3, 4, 5], error: "config_error" });
    strictEqual(seen.every((line) => line.startsWith("Bearer s3cret")), true);
  } finally {
    await server.shutdown();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("mod.ts type-checks when imported by URL from a directory without deno.json", async () => {
  const dir = await Deno.makeTempDir({ prefix: "spout_url_check_" });
  try {
    await Deno.writeTextFile(
      `${dir}/script.ts`,
      `import { bearer, compose, createDeclarativeSource, offsetPaginator, type Paginator } from "${MOD}";
const paginator: Paginator = offsetPaginator({
  pageSize: 2,
  offsetOption: { injectInto: "request_parameter", fieldName: "offset" },
});
const requester = compose((request: Request) => fetch(request), bearer("t"));
export const used: unknown[] = [paginator, requester, createDeclarativeSource];
`,
    );
    const output = await new Deno.Command(Deno.execPath(), {
      args: ["check", "script.ts"],
      cwd: dir,
      stdout: "piped",
      stderr: "piped",
      signal: AbortSignal.timeout(120_000),
      env: { NO_COLOR: "1" },
    }).output();
    strictEqual(output.code, 0, new TextDecoder().decode(output.stderr));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
