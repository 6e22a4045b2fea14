import { deepStrictEqual, ok, rejects, strictEqual } from "node:assert/strict";
import { fakeEnv } from "../env.ts";
import { SecretMasker } from "../secrets.ts";
import { CredentialRegistry } from "./credentials.ts";
import { type Exchange, observeExchanges } from "./logging.ts";
import { compose } from "./requester.ts";

Deno.test("exchanges are reported with masked URL, headers and timing", async () => {
  const env = fakeEnv();
  const masker = new SecretMasker();
  masker.add("topsecret");
  const credentials = new CredentialRegistry();
  credentials.addHeader("X-Key");
  credentials.addQueryParam("key");
  const seen: Exchange[] = [];
  const base = async () => {
    await env.sleep(120);
    return new Response("ok", { status: 201, headers: { "set-cookie": "a=b", "x-echo": "topsecret" } });
  };
  const requester = compose(
    base,
    observeExchanges({ onExchange: (e) => seen.push(e), masker, credentials, env, stream: "s" }),
  );
  await requester(
    new Request("https://api.test/x?key=abc123&q=topsecret", {
      headers: { "x-key": "abc123", accept: "text/plain" },
    }),
  );
  strictEqual(seen.length, 1);
  const e = seen[0];
  strictEqual(e.stream, "s");
  strictEqual(e.status, 201);
  strictEqual(e.ms, 120);
  ok(!e.url.includes("abc123") && !e.url.includes("topsecret"), e.url);
  deepStrictEqual(e.requestHeaders, { accept: "text/plain", "x-key": "****" });
  strictEqual(e.responseHeaders["x-echo"], "****");
});

Deno.test("failed exchanges report status 0 and rethrow; observer errors never break requests", async () => {
  const seen: number[] = [];
  const failing = compose(
    () => Promise.reject(new TypeError("down")),
    observeExchanges({ onExchange: (e) => seen.push(e.status) }),
  );
  await rejects(failing(new Request("https://api.test/")), TypeError);
  deepStrictEqual(seen, [0]);
  const throwing = compose(
    () => Promise.resolve(new Response("ok")),
    observeExchanges({
      onExchange: () => {
        throw new Error("observer bug");
      },
    }),
  );
  strictEqual((await throwing(new Request("https://api.test/"))).status, 200);
});
