import { deepStrictEqual, match } from "node:assert/strict";
import { jsonItemsDecoder } from "./json_items.ts";
import { chunked, collect, decodeError } from "./_test_util.ts";

const doc = {
  meta: { users: [{ id: "not me" }], note: 'tricky "quotes" and ] brackets }' },
  data: {
    users: [
      { id: 1, tags: ["a", "]"], nested: { x: [1, [2, { y: "}" }]] } },
      { id: 2, s: '\\"' },
      3,
      null,
      "s",
    ],
  },
};

Deno.test("json items: yields the elements at the path, whatever the chunk boundaries", async () => {
  const text = JSON.stringify(doc, null, 1);
  const expected = doc.data.users;
  deepStrictEqual(await collect(jsonItemsDecoder({ itemsPath: "data.users" }), new Response(text)), expected);
  for (const size of [1, 2, 3, 7, 16]) {
    const parts: string[] = [];
    for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
    deepStrictEqual(
      await collect(jsonItemsDecoder({ itemsPath: "data.users" }), chunked(parts)),
      expected,
      `size ${size}`,
    );
  }
});

Deno.test("json items: ijson paths through arrays use 'item'; absent path yields nothing", async () => {
  const body = JSON.stringify([{ rows: [1, 2] }, { rows: [3] }]);
  deepStrictEqual(await collect(jsonItemsDecoder({ itemsPath: "item.rows" }), new Response(body)), [1, 2, 3]);
  deepStrictEqual(await collect(jsonItemsDecoder({ itemsPath: "nope" }), new Response(body)), []);
  deepStrictEqual(await collect(jsonItemsDecoder({ itemsPath: "data" }), new Response('{"data":[]}')), []);
});

Deno.test("json items: truncated, invalid and too deep documents are decode errors", async () => {
  match(
    await decodeError(collect(jsonItemsDecoder({ itemsPath: "d" }), new Response('{"d":[{"a":1},{"a"'))),
    /truncated/,
  );
  match(
    await decodeError(collect(jsonItemsDecoder({ itemsPath: "d" }), new Response('{"d":[{"a":1}]'))),
    /truncated/,
  );
  match(
    await decodeError(collect(jsonItemsDecoder({ itemsPath: "d" }), new Response('{"d":[{a:1}]}'))),
    /^decode_error/,
  );
  match(await decodeError(collect(jsonItemsDecoder({ itemsPath: "d" }), new Response(""))), /truncated/);
  const deep = '{"d":[' + "[".repeat(600) + "]".repeat(600) + "]}";
  match(
    await decodeError(collect(jsonItemsDecoder({ itemsPath: "d" }), new Response(deep))),
    /deeper than 512/,
  );
});

Deno.test("json items: elements stream before the document ends", async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => release = r);
  const enc = new TextEncoder();
  let step = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(c) {
      if (step++ === 0) c.enqueue(enc.encode('{"d":[{"id":1},'));
      else {
        await gate;
        c.enqueue(enc.encode('{"id":2}]}'));
        c.close();
      }
    },
  });
  const it = jsonItemsDecoder({ itemsPath: "d" }).decode(new Response(body))[Symbol.asyncIterator]();
  deepStrictEqual((await it.next()).value, { id: 1 });
  release();
  deepStrictEqual((await it.next()).value, { id: 2 });
  deepStrictEqual((await it.next()).done, true);
});
