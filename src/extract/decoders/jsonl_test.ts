import { deepStrictEqual, match } from "node:assert/strict";
import { jsonlDecoder } from "./jsonl.ts";
import { chunked, collect, decodeError } from "./_test_util.ts";

Deno.test("jsonl: lines split across chunks, CRLF, blank lines and no final newline", async () => {
  const res = chunked(['{"id":1}\r\n{"i', 'd":2}\n\n', '{"id":3}']);
  deepStrictEqual(await collect(jsonlDecoder(), res), [{ id: 1 }, { id: 2 }, { id: 3 }]);
});

Deno.test("jsonl: documents stream before the body ends", async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => release = r);
  const enc = new TextEncoder();
  let step = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(c) {
      if (step++ === 0) c.enqueue(enc.encode('{"id":1}\n'));
      else {
        await gate;
        c.enqueue(enc.encode('{"id":2}\n'));
        c.close();
      }
    },
  });
  const it = jsonlDecoder().decode(new Response(body))[Symbol.asyncIterator]();
  deepStrictEqual((await it.next()).value, { id: 1 });
  release();
  deepStrictEqual((await it.next()).value, { id: 2 });
  deepStrictEqual((await it.next()).done, true);
});

Deno.test("jsonl: an invalid line is an error naming the line, or skipped with a warning", async () => {
  match(await decodeError(collect(jsonlDecoder(), new Response('{"a":1}\nnot json\n'))), /line 2/);
  const warnings: string[] = [];
  const d = jsonlDecoder({ onInvalidLine: "skip", onWarning: (m) => warnings.push(m) });
  deepStrictEqual(await collect(d, new Response('{"a":1}\n{bad\n{"a":2}')), [{ a: 1 }, { a: 2 }]);
  deepStrictEqual(warnings, ["skipping line 2: not JSON"]);
});
