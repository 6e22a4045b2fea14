import { deepStrictEqual, ok, strictEqual, throws } from "node:assert/strict";
import { SpoutError } from "../errors.ts";
import { injectedManifest, loadManifest } from "./load_manifest.ts";

function manifestError(fn: () => unknown, pattern: RegExp): void {
  throws(fn, (e: unknown) => {
    ok(e instanceof SpoutError, `expected SpoutError, got ${e}`);
    strictEqual(e.code, "manifest_invalid");
    ok(pattern.test(e.message), `message ${JSON.stringify(e.message)} does not match ${pattern}`);
    return true;
  });
}

Deno.test("loadManifest parses YAML 1.2 core scalars like the reference corpus expects", () => {
  const m = loadManifest("a: 1\nb: 1.5\nc: true\nd: null\ne: '1'\nf: yes\ng: ~\nh: 0x10\n");
  deepStrictEqual(m.value, { a: 1, b: 1.5, c: true, d: null, e: "1", f: "yes", g: null, h: 16 });
});

Deno.test("later duplicate keys win and are reported as warnings with the position", () => {
  const m = loadManifest("a: 1\nb: 2\na: 3\n", { path: "m.yaml" });
  deepStrictEqual(m.value, { a: 3, b: 2 });
  strictEqual(m.warnings.length, 1);
  deepStrictEqual(m.warnings[0].path, ["a"]);
  deepStrictEqual(m.warnings[0].pos, { line: 3, col: 1 });
  ok(m.warnings[0].message.includes("first at line 1"));
});

Deno.test("positions are 1-based and cover keys, values, sequence items and block scalars", () => {
  const text = [
    "version: 6.0.0", //                       1
    "streams:", //                             2
    "  - type: DeclarativeStream", //           3
    "    name: users", //                       4
    "    retriever:", //                        5
    "      requester:", //                      6
    "        path: |", //                       7
    "          /users", //                      8
    "  - {type: DeclarativeStream, name: x}", //9
  ].join("\n");
  const m = loadManifest(text, { path: "m.yaml" });
  deepStrictEqual(m.positions.get(["version"]), { line: 1, col: 10 });
  deepStrictEqual(m.positions.getKey(["version"]), { line: 1, col: 1 });
  deepStrictEqual(m.positions.get(["streams", 0]), { line: 3, col: 5 });
  deepStrictEqual(m.positions.get(["streams", 0, "name"]), { line: 4, col: 11 });
  deepStrictEqual(m.positions.getKey(["streams", 0, "retriever", "requester"]), { line: 6, col: 7 });
  deepStrictEqual(m.positions.get(["streams", 0, "retriever", "requester", "path"]), { line: 7, col: 15 });
  deepStrictEqual(m.positions.get(["streams", 1, "name"]), { line: 9, col: 37 });
  // unknown paths fall back to the closest ancestor
  deepStrictEqual(m.positions.nearest(["streams", 0, "retriever", "requester", "type"]), { line: 7, col: 9 });
});

Deno.test("aliases expand into independent copies", () => {
  const m = loadManifest("base: &b {x: 1}\nuse: *b\n");
  deepStrictEqual(m.value, { base: { x: 1 }, use: { x: 1 } });
  ok(m.value.base !== m.value.use);
  deepStrictEqual(m.positions.nearest(["use", "x"]), { line: 2, col: 6 });
});

Deno.test("a billion-laughs alias bomb is rejected quickly", () => {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= 9; i++) {
    const prev = `*a${i - 1}`;
    lines.push(`a${i}: &a${i} [${Array(10).fill(prev).join(",")}]`);
  }
  const t0 = performance.now();
  manifestError(() => loadManifest(lines.join("\n"), { path: "bomb.yaml" }), /bomb\.yaml.*alias bomb/);
  ok(performance.now() - t0 < 2000, "bomb must fail fast");
});

Deno.test("a self-referencing alias is rejected, not looped", () => {
  manifestError(() => loadManifest("a: &x [1, *x]\n"), /cyclic/);
});

Deno.test("custom tags are rejected with their location", () => {
  manifestError(
    () => loadManifest("a: 1\nb: !python/object x\n", { path: "t.yaml" }),
    /^t\.yaml:2:\d+: YAML tag/,
  );
  manifestError(() => loadManifest("a: !!binary aGk=\n"), /YAML tag/);
  // standard core tags are fine
  deepStrictEqual(loadManifest("a: !!str 1\n").value, { a: "1" });
});

Deno.test("syntax errors carry file:line:col", () => {
  manifestError(() => loadManifest("a: 1\n  b: [\n", { path: "s.yaml" }), /^s\.yaml:\d+:\d+: invalid YAML/);
});

Deno.test("size and depth caps", () => {
  manifestError(() => loadManifest("a: 12345678901234567890\n", { maxSize: 10 }), /over the 10 limit/);
  manifestError(
    () => loadManifest("a: " + "[".repeat(40) + "]".repeat(40), { maxDepth: 20 }),
    /deeper than 20/,
  );
});

Deno.test("the root must be a mapping", () => {
  manifestError(() => loadManifest("- a\n- b\n"), /mapping at the top level/);
});

Deno.test("__proto__ keys stay plain data and do not pollute prototypes", () => {
  const m = loadManifest("__proto__: {polluted: 1}\nx: 1\n");
  strictEqual(({} as Record<string, unknown>).polluted, undefined);
  ok(Object.hasOwn(m.value, "__proto__"));
  strictEqual(Object.getPrototypeOf(m.value), Object.prototype);
});

Deno.test("already-parsed objects (injected manifests) load without positions and are copied", () => {
  const input = { version: "6.0.0", streams: [{ name: "a" }] };
  const m = loadManifest(input);
  deepStrictEqual(m.value, input);
  ok(m.value.streams !== input.streams);
  strictEqual(m.positions.size, 0);
});

Deno.test("the largest corpus manifest loads well under 100 ms", async () => {
  const url = new URL("../../../shared/corpus/manifests/source-tmdb.yaml", import.meta.url);
  let text: string;
  try {
    text = await Deno.readTextFile(url);
  } catch {
    return; // corpus not present outside the workspace
  }
  // best of 5 (the suite runs tests in parallel on small machines)
  let ms = Infinity;
  let m: ReturnType<typeof loadManifest> | undefined;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    m = loadManifest(text);
    ms = Math.min(ms, performance.now() - t0);
  }
  ok(m?.value.streams, "has streams");
  // On a loaded machine (the suite runs in parallel) compare with JSON.parse of the same data as a yardstick.
  const json = JSON.stringify(m?.value);
  let jsonMs = Infinity;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    JSON.parse(json);
    jsonMs = Math.min(jsonMs, performance.now() - t0);
  }
  ok(
    ms < 100 || ms < 60 * jsonMs,
    `took ${ms.toFixed(1)} ms (JSON.parse of the same data: ${jsonMs.toFixed(1)} ms)`,
  );
});

Deno.test("injectedManifest reads __injected_declarative_manifest and rejects non-mappings", () => {
  const m = injectedManifest({ __injected_declarative_manifest: { version: "6.0.0", streams: [] } });
  deepStrictEqual(m?.value, { version: "6.0.0", streams: [] });
  strictEqual(m?.path, "config.__injected_declarative_manifest");
  strictEqual(injectedManifest({}), undefined);
  throws(() => injectedManifest({ __injected_declarative_manifest: "version: 1" }), (e: unknown) => {
    ok(e instanceof SpoutError);
    strictEqual(e.code, "config_invalid");
    ok(e.message.includes("got string"));
    return true;
  });
});
