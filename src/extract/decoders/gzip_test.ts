import { deepStrictEqual, match } from "node:assert/strict";
import { gzipDecoder } from "./gzip.ts";
import { jsonDecoder } from "./json.ts";
import { csvDecoder } from "./csv.ts";
import { collect, decodeError } from "./_test_util.ts";

function gzip(text: string | Uint8Array): ReadableStream<Uint8Array> {
  return new Blob([text as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"));
}

Deno.test("gzip: decompresses gzip bodies and passes plain bodies through", async () => {
  deepStrictEqual(await collect(gzipDecoder(csvDecoder()), new Response(gzip("a,b\n1,2\n"))), [{
    a: "1",
    b: "2",
  }]);
  deepStrictEqual(await collect(gzipDecoder(jsonDecoder()), new Response('{"a":1}')), [{ a: 1 }]);
  deepStrictEqual(await collect(gzipDecoder(jsonDecoder({ emptyBody: "empty" })), new Response("")), [{}]);
  deepStrictEqual(await collect(gzipDecoder(jsonDecoder()), new Response("5")), [5]);
});

Deno.test("gzip: decompression bomb is stopped at the cap", async () => {
  const bomb = new Uint8Array(5 * 1024 * 1024); // compresses to a few KB
  const err = await decodeError(
    collect(gzipDecoder(jsonDecoder()), new Response(gzip(bomb)), { maxBytes: 1024 * 1024 }),
  );
  match(err, /http_body_too_large.*decompress/);
});

Deno.test("gzip: a truncated gzip body is a decode error", async () => {
  const full = new Uint8Array(await new Response(gzip('{"a":"' + "x".repeat(1000) + '"}')).arrayBuffer());
  const err = await decodeError(
    collect(gzipDecoder(jsonDecoder()), new Response(full.slice(0, full.length - 10))),
  );
  match(err, /^decode_error/);
});
