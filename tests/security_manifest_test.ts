/**
 * Untrusted manifests end to end through the CLI (`read --manifest`, `validate`): alias bombs and custom tags
 * are refused fast with a location, duplicate keys behave like PyYAML (last wins), interpolation cannot reach
 * prototypes, constructors or globals, runaway templates are capped, and unknown component types or Python
 * classes fail validation with `file:line:col`.
 */
import { ok, strictEqual } from "node:assert/strict";
import { main } from "../cli.ts";
import { memoryIO } from "./cli_helpers.ts";
import { startFaultServer } from "./fault_server.ts";
import { cli, itemsManifest, recordsOf, traceErrors } from "./reliability_helpers.ts";

const BOMB = `
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
version: 6.0.0
type: DeclarativeSource
streams: []
`;

async function validate(text: string): Promise<{ code: number; out: string }> {
  const { io, out, err } = memoryIO({ files: { "m.yaml": text } });
  const code = await main(["validate", "m.yaml"], io);
  return { code, out: out() + err() };
}

Deno.test("untrusted manifest: a billion-laughs alias bomb is refused in < 1 s by read and by validate", async () => {
  await cli("read", { manifest: "version: 6.0.0\ntype: DeclarativeSource\nstreams: []\n", config: {} }); // warm-up: module loading
  await validate("a: 1\n");
  const started = performance.now();
  const read = await cli("read", { manifest: BOMB, config: {} });
  const readMs = performance.now() - started;
  strictEqual(read.code, 1);
  ok(readMs < 1000, `read took ${readMs} ms`);
  const error = traceErrors(read.messages)[0];
  ok(/alias/i.test(error.message), error.message);
  const t2 = performance.now();
  const v = await validate(BOMB);
  strictEqual(v.code, 1);
  ok(performance.now() - t2 < 1000);
  ok(/alias/i.test(v.out), v.out);
});

Deno.test("untrusted manifest: custom and Python tags are refused with m.yaml:line:col", async () => {
  for (const tag of ["!!python/object/apply:os.system ['id']", "!custom x", "!!js/function 'function(){}'"]) {
    const text = itemsManifest("http://127.0.0.1:9").replace("http_method: GET", `http_method: ${tag}`);
    const read = await cli("read", { manifest: text, config: {} });
    strictEqual(read.code, 1, tag);
    const error = traceErrors(read.messages)[0];
    ok(/m\.yaml:\d+:\d+/.test(error.message) && /tag/i.test(error.message), `${tag}: ${error.message}`);
    const v = await validate(text);
    strictEqual(v.code, 1, tag);
    ok(/m\.yaml:\d+:\d+/.test(v.out), v.out);
  }
});

Deno.test("untrusted manifest: duplicate keys — the later one wins, like PyYAML's safe_load", async () => {
  const server = startFaultServer({
    handler: () => ({ kind: "json", body: { data: [{ id: 7 }] } }),
    maxRequests: 10,
  });
  try {
    const text = itemsManifest(server.url).replace("path: /items", "path: /first\n        path: /items");
    const read = await cli("read", { manifest: text, config: {} });
    strictEqual(read.code, 0, JSON.stringify(traceErrors(read.messages)));
    strictEqual(server.requests[0].path, "/items");
    strictEqual(recordsOf(read.messages).length, 1);
  } finally {
    await server.close();
  }
});

const ESCAPES = [
  "{{ config.__proto__ }}",
  "{{ config.constructor }}",
  "{{ config.constructor.constructor('return globalThis')() }}",
  "{{ ''.__class__.__mro__[1].__subclasses__() }}",
  "{{ ''.constructor.constructor('return Deno')() }}",
  "{{ globalThis }}",
  "{{ Deno }}",
  "{{ process }}",
  "{{ self.__init__.__globals__ }}",
  "{{ lipsum.__globals__ }}",
  "{{ cycler.__init__.__globals__.os }}",
  "{{ config.__class__.__base__ }}",
  "{{ [].constructor }}",
  "{{ {}.toString }}",
  "{{ config['__proto__']['polluted'] }}",
  "{{ config.update({'__proto__': {'polluted': 1}}) }}",
  "{% set x = config.__setattr__('polluted', 1) %}{{ x }}",
  "{{ import('fs') }}",
  "{{ fetch('http://127.0.0.1:9/') }}",
  "{{ now_utc.__globals__ }}",
];

Deno.test("untrusted manifest: interpolation cannot reach prototypes, constructors, globals, the network or the filesystem", async () => {
  const server = startFaultServer({
    handler: () => ({ kind: "json", body: { data: [{ id: 1 }] } }),
    maxRequests: 100,
  });
  try {
    for (const template of ESCAPES) {
      const text = itemsManifest(server.url, {
        requesterExtra: `request_parameters:\n  q: ${JSON.stringify(template)}`,
      });
      const before = server.count();
      const read = await cli("read", { manifest: text, config: { api_key: "k" } });
      ok(read.code === 0 || read.code === 1, template);
      if (read.code === 1) {
        ok(traceErrors(read.messages).length > 0, `${template}: failed without a TRACE ERROR`);
      }
      const seen = server.requests.slice(before).map((r) => r.query.q ?? "").join(" ");
      ok(
        !/function|native code|\[object|class '|Deno|globalThis|process/i.test(seen),
        `${template} rendered ${seen}`,
      );
      // deno-lint-ignore no-explicit-any
      strictEqual(({} as any).polluted, undefined, `${template} polluted Object.prototype`);
    }
  } finally {
    await server.close();
  }
});

const RUNAWAY = [
  "{{ 'x' * 1000000000 }}",
  "{{ 2 ** 100000000 }}",
  "{% for i in range(1000000000) %}x{% endfor %}",
  "{% for a in 'x' * 100000 %}{% for b in 'x' * 100000 %}y{% endfor %}{% endfor %}",
  "{{ ('x' * 100000) * 100000 }}",
  "{{ " + "[".repeat(5000) + "]".repeat(5000) + " }}",
];

Deno.test("untrusted manifest: runaway templates (huge strings, numbers, loops, nesting) are capped within 2 s", async () => {
  const server = startFaultServer({
    handler: () => ({ kind: "json", body: { data: [{ id: 1 }] } }),
    maxRequests: 100,
  });
  try {
    for (const template of RUNAWAY) {
      const text = itemsManifest(server.url, {
        requesterExtra: `request_parameters:\n  q: ${JSON.stringify(template)}`,
      });
      const started = performance.now();
      const read = await cli("read", { manifest: text, config: { api_key: "k" } });
      const ms = performance.now() - started;
      ok(ms < 2000, `${template.slice(0, 60)} took ${ms} ms`);
      strictEqual(read.code, 1, `${template.slice(0, 60)}: ${read.stdout.slice(0, 300)}`);
      ok(traceErrors(read.messages).length > 0);
      ok(
        server.requests.every((r) => (r.query.q ?? "").length < 1_000_000),
        "no huge value was sent",
      );
    }
  } finally {
    await server.close();
  }
});

Deno.test("untrusted manifest: unknown component types and Python classes fail validation with m.yaml:line:col and the path", async () => {
  const unknownType = itemsManifest("http://127.0.0.1:9", { paginate: true }).replace(
    "type: DefaultPaginator",
    "type: FancyPaginator",
  );
  const pythonClass = itemsManifest("http://127.0.0.1:9").replace(
    "        type: RecordSelector",
    "        type: RecordSelector\n        record_filter: {type: CustomRecordFilter, class_name: source_evil.components.Pwn}",
  );
  for (const [name, text] of [["unknown type", unknownType], ["python class", pythonClass]]) {
    const v = await validate(text);
    strictEqual(v.code, 1, `${name}: ${v.out}`);
    ok(/m\.yaml:\d+:\d+/.test(v.out), `${name}: ${v.out}`);
    ok(/FancyPaginator|class_name|Pwn|custom/i.test(v.out), `${name}: ${v.out}`);
    const read = await cli("read", { manifest: text, config: {} });
    strictEqual(read.code, 1, name);
    const error = traceErrors(read.messages)[0];
    ok(/m\.yaml:\d+:\d+/.test(error.message), `${name}: ${error.message}`);
    ok(/streams/.test(error.message), `${name}: the component path: ${error.message}`);
  }
});

Deno.test({
  name:
    "untrusted manifest: a record_selector of the wrong type (a Python class) is refused by read, not silently replaced",
  fn: async () => {
    const server = startFaultServer({
      handler: () => ({ kind: "json", body: { data: [{ id: 1 }] } }),
      maxRequests: 10,
    });
    try {
      const text = itemsManifest(server.url).replace(
        "        type: RecordSelector",
        "        type: CustomRecordExtractor\n        class_name: source_evil.components.Pwn",
      );
      const read = await cli("read", { manifest: text, config: {} });
      strictEqual(read.code, 1);
      strictEqual(server.count(), 0, "nothing is requested");
      ok(/m\.yaml:\d+:\d+/.test(traceErrors(read.messages)[0].message));
    } finally {
      await server.close();
    }
  },
});
