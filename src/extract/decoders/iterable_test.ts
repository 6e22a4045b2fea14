import { deepStrictEqual } from "node:assert/strict";
import { iterableDecoder } from "./iterable.ts";
import { chunked, collect } from "./_test_util.ts";

Deno.test("iterable decoder: lines across chunks, CRLF split between chunks", async () => {
  const out = await collect(iterableDecoder(), chunked(["one\r", "\ntw", "o\nthree"]));
  deepStrictEqual(out, [{ record: "one" }, { record: "two" }, { record: "three" }]);
});
