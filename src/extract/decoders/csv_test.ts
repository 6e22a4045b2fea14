import { deepStrictEqual, match } from "node:assert/strict";
import { csvDecoder, unescapeDelimiter } from "./csv.ts";
import { chunked, collect, decodeError } from "./_test_util.ts";

// Expected rows below match Python's csv.DictReader (used by Airbyte's CsvParser).
Deno.test("csv: quotes, doubled quotes, delimiters and newlines inside quotes", async () => {
  deepStrictEqual(
    await collect(csvDecoder(), new Response('a,b\r\n"x,y","he said ""hi"""\r\n')),
    [{ a: "x,y", b: 'he said "hi"' }],
  );
  deepStrictEqual(
    await collect(csvDecoder(), new Response('a,b\n"multi\nline",2\n\n3,4\n')),
    [{ a: "multi\nline", b: "2" }, { a: "3", b: "4" }],
  );
  deepStrictEqual(await collect(csvDecoder(), new Response('a,b\n"1\r\n2",x\n')), [{ a: "1\n2", b: "x" }]);
  deepStrictEqual(await collect(csvDecoder(), new Response('a,b\n1,"2"x\n')), [{ a: "1", b: "2x" }]);
  deepStrictEqual(await collect(csvDecoder(), new Response('a,b\n1, "2"\n')), [{ a: "1", b: ' "2"' }]);
  deepStrictEqual(await collect(csvDecoder(), new Response("a,a\n1,2\n")), [{ a: "2" }]);
});

Deno.test("csv: short rows get null, long rows are an error, set_values_to_none", async () => {
  deepStrictEqual(await collect(csvDecoder(), new Response("a,b\n4\n")), [{ a: "4", b: null }]);
  match(await decodeError(collect(csvDecoder(), new Response("a,b\n1,2,3\n"))), /row 2 .* 3 fields/);
  const d = csvDecoder({ setValuesToNone: ["", "N/A"] });
  deepStrictEqual(await collect(d, new Response("a,b,c\n,N/A,x\n")), [{ a: null, b: null, c: "x" }]);
});

Deno.test("csv: delimiter escapes, quote char, encoding, BOM and chunk boundaries", async () => {
  deepStrictEqual(unescapeDelimiter("\\t"), "\t");
  deepStrictEqual(await collect(csvDecoder({ delimiter: "\\t" }), new Response("a\tb\n1\t2")), [{
    a: "1",
    b: "2",
  }]);
  deepStrictEqual(
    await collect(csvDecoder({ delimiter: ";", quoteChar: "'" }), new Response("a;b\n'x;y';2\n")),
    [{ a: "x;y", b: "2" }],
  );
  const latin1 = new Uint8Array([0x6e, 0x0a, 0xe9, 0x0a]); // "n\né\n"
  deepStrictEqual(await collect(csvDecoder({ encoding: "latin1" }), new Response(latin1)), [{ n: "é" }]);
  const res = chunked(["\uFEFFid,na", 'me\n1,"a\r', '\nb"\r', "\n2,c"]);
  deepStrictEqual(await collect(csvDecoder(), res), [{ id: "1", name: "a\nb" }, { id: "2", name: "c" }]);
  deepStrictEqual(await collect(csvDecoder({ header: ["x", "y"] }), new Response("1,2\n")), [{
    x: "1",
    y: "2",
  }]);
});

Deno.test("csv: an unterminated quote (truncated body) and a __proto__ header are errors", async () => {
  match(await decodeError(collect(csvDecoder(), new Response('a,b\n1,"open'))), /truncated/);
  match(await decodeError(collect(csvDecoder(), new Response("__proto__,b\n1,2"))), /__proto__/);
  match(await decodeError(collect(csvDecoder({ encoding: "nope" }), new Response("a"))), /^config_invalid/);
});

Deno.test("csv: Python codec names such as utf-8-sig (bing ads manifest) are accepted", async () => {
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("a,b\n1,--\n")]);
  const d = csvDecoder({ encoding: "utf-8-sig", setValuesToNone: ["", "--"] });
  deepStrictEqual(await collect(d, new Response(bytes)), [{ a: "1", b: null }]);
});
