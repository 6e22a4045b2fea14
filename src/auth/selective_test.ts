import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import type { SpoutError } from "../errors.ts";
import { compose, type Requester } from "../http/requester.ts";
import { bearer } from "./bearer.ts";
import { noAuth } from "./no_auth.ts";
import { selective } from "./selective.ts";

function capture() {
  const seen: Request[] = [];
  const base: Requester = (r) => {
    seen.push(r);
    return Promise.resolve(new Response("ok"));
  };
  return { seen, base };
}

Deno.test("selective picks by value; unknown or missing selections are config errors; noAuth passes through", async () => {
  const a = bearer("a");
  const b = noAuth();
  strictEqual(selective({ authenticators: { a, b }, selected: "b" }), b);
  strictEqual(selective({ authenticators: { "1": a }, selected: 1 }), a);
  throws(
    () => selective({ authenticators: { a }, selected: "zzz" }),
    (e: SpoutError) => e.code === "config_invalid",
  );
  throws(
    () => selective({ authenticators: { a }, selected: undefined }),
    (e: SpoutError) => e.code === "config_invalid",
  );
  const { seen, base } = capture();
  await compose(base, noAuth())(new Request("https://api.test/", { headers: { x: "1" } }));
  deepStrictEqual([...seen[0].headers], [["x", "1"]]);
});
