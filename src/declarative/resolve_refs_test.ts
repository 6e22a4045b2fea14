import { deepStrictEqual, ok, strictEqual, throws } from "node:assert/strict";
import { SpoutError } from "../errors.ts";
import { lookup, resolveReferences } from "./resolve_refs.ts";

function refError(fn: () => unknown, pattern: RegExp): SpoutError {
  let caught: SpoutError | undefined;
  throws(fn, (e: unknown) => {
    ok(e instanceof SpoutError);
    strictEqual(e.code, "manifest_invalid");
    ok(pattern.test(e.message), e.message);
    caught = e;
    return true;
  });
  return caught!;
}

Deno.test("string pointers are replaced by the referenced value, recursively", () => {
  const out = resolveReferences({
    definitions: { base: "https://api", requester: { url_base: "#/definitions/base" } },
    a: "#/definitions/requester",
    b: ["#/definitions/base", 1],
  });
  deepStrictEqual(out.a, { url_base: "https://api" });
  deepStrictEqual(out.b, ["https://api", 1]);
  // definitions stay in the output, resolved too
  deepStrictEqual(out.definitions, { base: "https://api", requester: { url_base: "https://api" } });
});

Deno.test("$ref objects merge: sibling keys override the referenced ones, nested refs resolve", () => {
  const out = resolveReferences({
    definitions: {
      paginator: { type: "DefaultPaginator", page_size: 10, strategy: { $ref: "#/definitions/strategy" } },
      strategy: { type: "OffsetIncrement", page_size: 10 },
    },
    p: { $ref: "#/definitions/paginator", page_size: 50, extra: true },
  });
  deepStrictEqual(out.p, {
    type: "DefaultPaginator",
    page_size: 50,
    strategy: { type: "OffsetIncrement", page_size: 10 },
    extra: true,
  });
});

Deno.test("each use of a reference is an independent copy", () => {
  const out = resolveReferences({ d: { x: { y: 1 } }, a: "#/d/x", b: "#/d/x" });
  ok(out.a !== out.b);
  (out.a as Record<string, unknown>).y = 2;
  deepStrictEqual(out.b, { y: 1 });
});

Deno.test("a $ref to a non-object replaces the node and drops its siblings", () => {
  const out = resolveReferences({ d: { names: ["a", "b"] }, x: { $ref: "#/d/names", ignored: 1 } });
  deepStrictEqual(out.x, ["a", "b"]);
});

Deno.test("lookup tries the whole remaining path as a key before splitting on '/'", () => {
  const root = { nested: { path: "first" }, "nested/path": "second", list: [{ a: 1 }, { a: 2 }] };
  deepStrictEqual(lookup(root, "nested/path")?.value, "second");
  deepStrictEqual(lookup(root, "list/1/a"), { value: 2, path: ["list", 1, "a"] });
  deepStrictEqual(lookup(root, "list/-1/a")?.value, 2);
  strictEqual(lookup(root, "list/x"), undefined);
  strictEqual(lookup(root, "missing"), undefined);
});

Deno.test("circular references fail cleanly", () => {
  refError(
    () => resolveReferences({ a: "#/b", b: { c: "#/a" } }),
    /circular reference: #\/b -> #\/a -> #\/b$/,
  );
  refError(() => resolveReferences({ a: { $ref: "#/a" } }), /circular reference/);
});

Deno.test("the same reference used twice side by side is not a cycle", () => {
  const out = resolveReferences({ d: 1, a: ["#/d", "#/d"], b: { x: "#/a" } });
  deepStrictEqual(out.b, { x: [1, 1] });
});

Deno.test("undefined references name the reference and its location", () => {
  const locate = (
    p: readonly (string | number)[],
  ) => (p.join(".") === "streams.0.retriever" ? { line: 7, col: 16 } : undefined);
  const err = refError(
    () => resolveReferences({ streams: [{ retriever: "#/definitions/nope" }] }, { locate, file: "m.yaml" }),
    /^m\.yaml:7:16: undefined reference #\/definitions\/nope/,
  );
  deepStrictEqual(err.details?.path, ["streams", 0, "retriever"]);
});

Deno.test("config_overrides values are config, never resolved", () => {
  const out = resolveReferences({ check: { config_overrides: { start: "#/not/a/ref" } } });
  deepStrictEqual(out.check, { config_overrides: { start: "#/not/a/ref" } });
});

Deno.test("onNode maps output paths to the source they were copied from", () => {
  const seen = new Map<string, string>();
  resolveReferences(
    { d: { x: { y: 1 } }, a: { $ref: "#/d/x", z: 2 }, b: "#/d/x" },
    { onNode: (o, s) => seen.set(o.join("."), s.join(".")) },
  );
  strictEqual(seen.get("a.y"), "d.x.y");
  strictEqual(seen.get("a.z"), "a.z");
  strictEqual(seen.get("a"), "a");
  strictEqual(seen.get("b"), "d.x");
  strictEqual(seen.get("b.y"), "d.x.y");
});

Deno.test("reference expansion is capped", () => {
  const m: Record<string, unknown> = { l0: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] };
  for (let i = 1; i < 8; i++) m[`l${i}`] = Array(10).fill(`#/l${i - 1}`);
  refError(() => resolveReferences(m, { maxNodes: 100_000 }), /beyond 100000 nodes/);
});

Deno.test("an undefined reference with a misspelt segment suggests the existing one", () => {
  refError(
    () =>
      resolveReferences({ definitions: { base_requester: { url: "x" } }, a: "#/definitions/base_requestr" }),
    /undefined reference #\/definitions\/base_requestr: nothing in the manifest at that path \(did you mean "#\/definitions\/base_requester"\?\)$/,
  );
  refError(() => resolveReferences({ definitions: {}, a: "#/definitions/zzz" }), /at that path$/);
});
