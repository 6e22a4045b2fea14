import { deepStrictEqual, match, ok } from "node:assert/strict";
import { jsonDecoder, jsonDepthExceeds } from "./json.ts";
import { chunked, collect, decodeError } from "./_test_util.ts";

Deno.test("json: object is one document, top-level array yields each element, [] yields {}", async () => {
  deepStrictEqual(await collect(jsonDecoder(), new Response('{"data":[1]}')), [{ data: [1] }]);
  deepStrictEqual(await collect(jsonDecoder(), new Response('[{"a":1},{"a":2}]')), [{ a: 1 }, { a: 2 }]);
  deepStrictEqual(await collect(jsonDecoder(), new Response("[]")), [{}]);
  deepStrictEqual(await collect(jsonDecoder(), new Response("null")), [{}]);
  deepStrictEqual(await collect(jsonDecoder({ splitTopLevelArray: false }), new Response("[1]")), [[1]]);
});

Deno.test("json: an empty 200 body is a decode error by default, {} when asked (Airbyte) or on 204", async () => {
  match(await decodeError(collect(jsonDecoder(), new Response("  \n"))), /^decode_error: empty body/);
  deepStrictEqual(await collect(jsonDecoder({ emptyBody: "empty" }), new Response("  \n")), [{}]);
  deepStrictEqual(await collect(jsonDecoder(), new Response(null, { status: 204 })), [{}]);
});

Deno.test("json: invalid, truncated and HTML bodies are decode errors, never zero records", async () => {
  match(
    await decodeError(collect(jsonDecoder(), new Response('{"a":'))),
    /^decode_error: invalid JSON.*truncated/,
  );
  match(await decodeError(collect(jsonDecoder(), new Response("{'a': 1}"))), /^decode_error: invalid JSON/);
  const html = new Response("<!DOCTYPE html><html><body>Login</body></html>", {
    headers: { "content-type": "text/html" },
  });
  match(
    await decodeError(collect(jsonDecoder(), html)),
    /^decode_error: expected JSON but got HTML.*text\/html/,
  );
});

Deno.test("json: deep nesting is refused before parsing; strings with brackets do not count", async () => {
  const deep = "[".repeat(600) + "]".repeat(600);
  match(await decodeError(collect(jsonDecoder(), new Response(deep))), /deeper than 512/);
  const ok512 = "[".repeat(512) + "]".repeat(512);
  deepStrictEqual((await collect(jsonDecoder({ splitTopLevelArray: false }), new Response(ok512))).length, 1);
  deepStrictEqual(jsonDepthExceeds(JSON.stringify({ s: '[[[[[[\\"[[[[' }), 3), -1);
  deepStrictEqual(jsonDepthExceeds('{"a":{"b":{"c":{}}}}', 3), 4);
});

Deno.test("json: BOM, charset and multi-byte characters split across chunks", async () => {
  const bytes = new TextEncoder().encode('\uFEFF{"name":"café ☕"}');
  const res = chunked([bytes.slice(0, 14), bytes.slice(14, 15), bytes.slice(15)]);
  deepStrictEqual(await collect(jsonDecoder(), res), [{ name: "café ☕" }]);
  const latin1 = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]); // {"a":"é"}
  const res2 = new Response(latin1, { headers: { "content-type": "application/json; charset=iso-8859-1" } });
  deepStrictEqual(await collect(jsonDecoder(), res2), [{ a: "é" }]);
});

Deno.test("json: body size cap", async () => {
  const err = await decodeError(
    collect(jsonDecoder(), chunked(['{"a":"', "x".repeat(100), '"}']), { maxBytes: 50 }),
  );
  match(err, /^http_body_too_large/);
  ok(err.includes("50-byte"));
});

Deno.test("json: __proto__ keys stay plain data", async () => {
  const [doc] = await collect(jsonDecoder(), new Response('{"__proto__":{"polluted":1}}'));
  deepStrictEqual(({} as Record<string, unknown>).polluted, undefined);
  deepStrictEqual(Object.keys(doc as object), ["__proto__"]);
});

Deno.test("json: decodeAll (no per-document async step) returns the same documents and errors", async () => {
  const d = jsonDecoder();
  deepStrictEqual(await d.decodeAll!(new Response('[{"a":1},{"a":2}]')), [{ a: 1 }, { a: 2 }]);
  deepStrictEqual(await d.decodeAll!(new Response("[]")), [{}]);
  match(await decodeError(d.decodeAll!(new Response("<html>"))), /^decode_error/);
});

Deno.test("json: 200 000 levels of nesting are rejected without overflowing the stack", async () => {
  const n = 200_000;
  const deep = "[".repeat(n) + "]".repeat(n);
  match(await decodeError(collect(jsonDecoder(), new Response(deep))), /deeper than 512/);
  const deepObj = '{"a":'.repeat(100_000) + "1" + "}".repeat(100_000);
  match(await decodeError(collect(jsonDecoder(), new Response(deepObj))), /deeper than 512/);
});

Deno.test("json: with exactIntegers, integers beyond 2^53 keep their exact digits through JSON.stringify; others stay numbers", async () => {
  const { LOSSLESS_INTEGERS } = await import("./lossless_int.ts");
  const body = '{"data":[{"id":12345678901234567890,"neg":-98765432109876543210,"safe":9007199254740991,' +
    '"pow":9007199254740992,"f":1.5e300,"s":"12345678901234567890"}],"top":18446744073709551615}';
  const [doc] = await collect(jsonDecoder({ exactIntegers: true }), new Response(body));
  const line = JSON.stringify(doc);
  if (LOSSLESS_INTEGERS) {
    deepStrictEqual(line, body.replace("1.5e300", "1.5e+300"));
  } else {
    ok(line.includes("12345678901234567000"), line);
  }
  const record = (doc as { data: Record<string, unknown>[] }).data[0];
  deepStrictEqual(record.safe, 9007199254740991, "safe integers stay numbers");
  deepStrictEqual(record.pow, 2 ** 53, "a float that prints the same digits stays a number");
  deepStrictEqual(record.f, 1.5e300, "floats stay float64");
  deepStrictEqual(record.s, "12345678901234567890");
  // a bare top-level big integer, and one below a depth that is still fine
  const [top] = await collect(jsonDecoder({ exactIntegers: true }), new Response("12345678901234567891"));
  deepStrictEqual(JSON.stringify(top), LOSSLESS_INTEGERS ? "12345678901234567891" : "12345678901234567000");
  const nested = "[".repeat(100) + "12345678901234567892" + "]".repeat(100);
  const [deep] = await collect(
    jsonDecoder({ splitTopLevelArray: false, exactIntegers: true }),
    new Response(nested),
  );
  ok(JSON.stringify(deep).includes(LOSSLESS_INTEGERS ? "12345678901234567892" : "12345678901234567000"));
});

Deno.test("json: the depth cap still holds when the document also has big integers", async () => {
  const deep = "[".repeat(600) + "12345678901234567890" + "]".repeat(600);
  match(
    await decodeError(collect(jsonDecoder({ exactIntegers: true }), new Response(deep))),
    /deeper than 512/,
  );
});

Deno.test("json: by default big integers are float64 (JSON.parse), like every other number", async () => {
  const [doc] = await collect(
    jsonDecoder(),
    new Response('{"id":12345678901234567890}'),
  );
  deepStrictEqual(doc, { id: 12345678901234567000 });
});
