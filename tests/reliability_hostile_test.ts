/**
 * Hostile and broken responses through the CLI: never "success, 0 records"; clear errors naming the stream,
 * the masked URL and the status; huge numbers; prototype pollution through records, state and config.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { type Fault, startFaultServer } from "./fault_server.ts";
import { cli, itemsManifest, recordsOf, traceErrors } from "./reliability_helpers.ts";

const SECRET = "q-SECRET-4411";
const QUERY_AUTH =
  'type: ApiKeyAuthenticator\napi_token: "{{ config.api_key }}"\ninject_into: {type: RequestOption, inject_into: request_parameter, field_name: key}';
const JSON_CT = { "content-type": "application/json" };

const HOSTILE: { name: string; fault: Fault; bug?: string }[] = [
  { name: "invalid JSON", fault: { kind: "text", body: '{"data": [{"id": 1},', headers: JSON_CT } },
  {
    name: "HTML error page with 200",
    fault: {
      kind: "text",
      body: "<!doctype html><html><body>Oops</body></html>",
      headers: { "content-type": "text/html" },
    },
  },
  {
    name: "HTML page labelled JSON",
    fault: { kind: "text", body: "<html><body>Login</body></html>", headers: JSON_CT },
  },
  {
    name: "wrong content type (CSV)",
    fault: { kind: "text", body: "id,name\n1,a\n", headers: { "content-type": "text/csv" } },
  },
  {
    name: "binary garbage",
    fault: { kind: "text", body: new Uint8Array([0xff, 0xfe, 0x00, 0x01, 0x7b]), headers: JSON_CT },
  },

  {
    name: "truncated body",
    fault: { kind: "truncate", body: '{"data": [{"id": 1}', declaredLength: 300 },
  },
  {
    name: "empty 200 body",
    fault: { kind: "text", body: "", headers: JSON_CT },
  },
];

for (const { name, fault, bug } of HOSTILE) {
  Deno.test({
    name:
      `hostile response (${name}): exit 1, a TRACE ERROR naming stream, masked URL and status — never success with 0 records`,
    // See `bug`: kept as a test so the policy/bug stays visible; un-ignore when decided/fixed.
    ignore: bug !== undefined,
    fn: async () => {
      const server = startFaultServer({ handler: () => fault, maxRequests: 20 });
      try {
        const read = await cli("read", {
          manifest: itemsManifest(server.url, { authenticator: QUERY_AUTH }),
          config: { api_key: SECRET },
        });
        strictEqual(read.code, 1, `${name}: exit code`);
        const errors = traceErrors(read.messages);
        ok(errors.length >= 1, `${name}: a TRACE ERROR`);
        const text = JSON.stringify(errors);
        const first = errors[0];
        ok(
          first.stream_descriptor?.name === "items" || first.message.includes("items"),
          `${name}: names the stream: ${text}`,
        );
        ok(first.message.includes(`${server.url}/items`), `${name}: names the URL: ${first.message}`);
        ok(/\b200\b/.test(first.message), `${name}: names the status: ${first.message}`);
        ok(
          !read.stdout.includes(SECRET) && !read.stderr.includes(SECRET),
          `${name}: the key in the URL is masked`,
        );
        ok(!read.messages.some((m) => m.type === "TRACE" && m.trace.stream_status?.status === "COMPLETE"));
      } finally {
        await server.close();
      }
    },
  });
}

Deno.test("hostile: __proto__ / constructor keys in records, state and config pollute nothing", async () => {
  const body =
    '{"data": [{"id": 1, "__proto__": {"polluted": "record"}, "constructor": {"prototype": {"polluted": "c"}},' +
    ' "nested": {"__proto__": {"polluted": "nested"}}}]}';
  const server = startFaultServer({
    handler: () => ({ kind: "text", body, headers: JSON_CT }),
    maxRequests: 10,
  });
  try {
    const manifest = itemsManifest(server.url, {
      transformations: `
- type: AddFields
  fields:
    - {path: ["copy"], value: "{{ record.__proto__ }}"}
    - {path: ["nested", "added"], value: "{{ record.constructor }}"}
- type: RemoveFields
  field_pointers: [["constructor", "prototype"]]`,
    });
    const read = await cli("read", {
      manifest,
      config: JSON.parse(
        '{"api_key": "k", "__proto__": {"polluted": "config"}, "constructor": {"prototype": {"polluted": "cfg"}}}',
      ),
      state: JSON.parse(
        '[{"type": "STREAM", "stream": {"stream_descriptor": {"name": "items"}, "stream_state": {"__proto__": {"polluted": "state"}}}}]',
      ),
    });
    // deno-lint-ignore no-explicit-any
    strictEqual(({} as any).polluted, undefined, "Object.prototype was polluted");
    // deno-lint-ignore no-explicit-any
    strictEqual((Object.prototype as any).polluted, undefined);
    strictEqual(read.code, 0, read.stdout);
    strictEqual(recordsOf(read.messages).length, 1);
    for (const record of recordsOf(read.messages)) {
      strictEqual(Object.getPrototypeOf(record), Object.prototype);
    }
  } finally {
    await server.close();
  }
});

Deno.test("hostile: AddFields writing to a __proto__ path is refused with a clear error; nothing is polluted", async () => {
  const server = startFaultServer({
    handler: () => ({ kind: "json", body: { data: [{ id: 1 }] } }),
    maxRequests: 10,
  });
  try {
    for (const path of ['["__proto__", "polluted"]', '["nested", "__proto__", "polluted"]']) {
      const manifest = itemsManifest(server.url, {
        transformations: `- type: AddFields\n  fields:\n    - {path: ${path}, value: "x"}`,
      });
      const read = await cli("read", { manifest, config: { api_key: "k" } });
      strictEqual(read.code, 1, path);
      ok(traceErrors(read.messages)[0].message.includes("__proto__"), path);
      // deno-lint-ignore no-explicit-any
      strictEqual(({} as any).polluted, undefined);
    }
  } finally {
    await server.close();
  }
});

Deno.test("hostile: records keep __proto__ as plain data (Airbyte keeps every key); the prototype is untouched", async () => {
  const body = '{"data": [{"id": 1, "__proto__": {"polluted": "yes"}}]}';
  const server = startFaultServer({
    handler: () => ({ kind: "text", body, headers: JSON_CT }),
    maxRequests: 10,
  });
  try {
    const read = await cli("read", { manifest: itemsManifest(server.url), config: { api_key: "k" } });
    strictEqual(read.code, 0);
    const line = read.stdout.split("\n").find((l) => l.includes('"RECORD"'))!;
    ok(line.includes('"__proto__":{"polluted":"yes"}'), line);
    // deno-lint-ignore no-explicit-any
    strictEqual(({} as any).polluted, undefined);
  } finally {
    await server.close();
  }
});

Deno.test("hostile: integers beyond 2^53 are read as float64 by default: valid JSON, no crash, digits rounded", async () => {
  // Policy (src/extract/decoders/lossless_int.ts): float64 by default, so templates, cursors and state can
  // compute with every number; exact digits (JSON.rawJSON) are an opt-in of the JSON decoder.
  const body = '{"data": [{"id": 12345678901234567890, "neg": -98765432109876543210, "ok": 42}]}';
  const server = startFaultServer({
    handler: () => ({ kind: "text", body, headers: JSON_CT }),
    maxRequests: 10,
  });
  try {
    const read = await cli("read", { manifest: itemsManifest(server.url), config: { api_key: "k" } });
    strictEqual(read.code, 0, read.stdout);
    const [record] = recordsOf(read.messages);
    deepStrictEqual(record, { id: 12345678901234567890, neg: -98765432109876543210, ok: 42 });
  } finally {
    await server.close();
  }
});

Deno.test("hostile: huge and odd numbers never crash the read or emit invalid JSON (current policy: float64)", async () => {
  const body =
    '{"data": [{"id": 1, "big": 1e400, "neg": -1e400, "tiny": 1e-400, "z": -0, "safe": 9007199254740991}]}';
  const server = startFaultServer({
    handler: () => ({ kind: "text", body, headers: JSON_CT }),
    maxRequests: 10,
  });
  try {
    const read = await cli("read", { manifest: itemsManifest(server.url), config: { api_key: "k" } });
    strictEqual(read.code, 0);
    const [record] = recordsOf(read.messages); // runCli already parsed every stdout line as JSON
    deepStrictEqual(record.safe, 9007199254740991);
    strictEqual(record.tiny, 0);
    ok(record.big === null || typeof record.big === "number", String(record.big));
  } finally {
    await server.close();
  }
});

const INCREMENTAL = `
    incremental_sync:
      type: DatetimeBasedCursor
      cursor_field: updated_at
      datetime_format: "%Y-%m-%dT%H:%M:%SZ"
      start_datetime: "2024-01-01T00:00:00Z"
      end_datetime: "2024-01-03T00:00:00Z"
      step: P1D
      cursor_granularity: PT1S`;

Deno.test("hostile inputs: broken config and state files end with a clear TRACE ERROR (or are ignored like Airbyte), never a crash", async () => {
  const server = startFaultServer({
    handler: () => ({ kind: "json", body: { data: [{ id: 1, updated_at: "2024-01-01T10:00:00Z" }] } }),
    maxRequests: 100,
  });
  const { catalogFor } = await import("./cli_helpers.ts");
  const stream = (
    stream_state: unknown,
  ) => [{ type: "STREAM", stream: { stream_descriptor: { name: "items" }, stream_state } }];
  const cases: { name: string; config?: unknown; state?: unknown; code: 0 | 1; error?: RegExp }[] = [
    {
      name: "config nested 100k deep",
      config: JSON.parse(`{"x": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`),
      code: 1,
    },
    { name: "config is an array", config: [1, 2], code: 1, error: /JSON object/ },
    { name: "config is a string", config: "x", code: 1 },
    { name: "state cursor is garbage", state: stream({ updated_at: "garbage" }), code: 1, error: /garbage/ },
    { name: "state cursor is a number", state: stream({ updated_at: 12345 }), code: 1, error: /12345/ },
    { name: "state cursor is null (ignored)", state: stream({ updated_at: null }), code: 0 },
    { name: "stream_state is a string", state: stream("x"), code: 1, error: /stream_state/ },
    {
      name: "global stream_states not a list",
      state: [{ type: "GLOBAL", global: { stream_states: "x" } }],
      code: 1,
    },
    {
      name: "state nested 100k deep",
      state: stream(JSON.parse(`{"x": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`)),
      code: 1,
    },
    { name: "state is a number", state: 5, code: 1 },
    {
      name: "unknown stream in state (ignored)",
      state: [{ type: "STREAM", stream: { stream_descriptor: { name: "zzz" }, stream_state: { a: 1 } } }],
      code: 0,
    },
  ];
  try {
    for (const c of cases) {
      const run = await cli("read", {
        manifest: itemsManifest(server.url).replace(
          "    primary_key: id",
          `    primary_key: id${INCREMENTAL}`,
        ),
        config: c.config as object ?? {},
        state: c.state,
        catalog: catalogFor(["items"], "incremental"),
      });
      strictEqual(run.code, c.code, `${c.name}: ${run.stdout.slice(0, 300)}`);
      const errors = traceErrors(run.messages);
      if (c.code === 1) {
        ok(errors.length > 0, `${c.name}: a TRACE ERROR`);
        ok(
          !/internal error|RangeError|Maximum call stack/i.test(errors[0].message),
          `${c.name}: ${errors[0].message}`,
        );
        if (c.error) ok(c.error.test(errors[0].message), `${c.name}: ${errors[0].message}`);
      }
    }
  } finally {
    await server.close();
  }
});
