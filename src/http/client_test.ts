import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { apiKey } from "../auth/api_key.ts";
import { fakeEnv } from "../env.ts";
import type { SpoutError } from "../errors.ts";
import { SecretMasker } from "../secrets.ts";
import { httpChain } from "./client.ts";
import { CredentialRegistry } from "./credentials.ts";
import { defaultErrorHandler, responseFilter } from "./error_handler.ts";
import type { Exchange } from "./logging.ts";
import { airbyteRetryRuntime, isIgnoredResponse } from "./retry.ts";

Deno.test("httpChain: retries, injects auth, strips it on cross-origin redirects, observes each hop, caps bodies", async () => {
  const seen: { url: string; key: string | null }[] = [];
  const replies: Response[] = [
    new Response(null, { status: 503 }),
    new Response(null, { status: 302, headers: { location: "https://cdn.test/file?k=key-1&x=1" } }),
    new Response("x".repeat(50)),
  ];
  const env = fakeEnv({
    fetch: (r) => {
      seen.push({ url: r.url, key: r.headers.get("x-key") });
      return Promise.resolve(replies.shift()!);
    },
  });
  const credentials = new CredentialRegistry();
  const masker = new SecretMasker();
  const exchanges: Exchange[] = [];
  const requester = httpChain({
    env,
    masker,
    credentials,
    auth: apiKey({ value: "key-1", header: "X-Key", credentials, masker }),
    onExchange: (e) => exchanges.push(e),
    maxBodyBytes: 10,
  });
  // The retry layer reads successful bodies (so truncated ones are retried): the cap fails the request itself.
  const err = await requester(new Request("https://api.test/export")).catch((e) => e);
  strictEqual((err as SpoutError).code, "http_body_too_large");
  deepStrictEqual(seen.map((s) => s.key), ["key-1", "key-1", null]);
  // Registered names and any value holding a known secret are stripped cross-origin; other params stay.
  strictEqual(seen[2].url, "https://cdn.test/file?x=1");
  deepStrictEqual(exchanges.map((e) => e.status), [503, 302, 200]);
  ok(exchanges.every((e) => !JSON.stringify(e).includes("key-1")));
});

Deno.test("httpChain with a declarative error handler and Airbyte runtime", async () => {
  const replies = [new Response(null, { status: 500 }), new Response("gone", { status: 404 })];
  const env = fakeEnv({ fetch: () => Promise.resolve(replies.shift()!) });
  const requester = httpChain({
    env,
    errorHandler: defaultErrorHandler({
      responseFilters: [responseFilter({ action: "IGNORE", httpCodes: [404] })],
    }),
    runtime: airbyteRetryRuntime(),
    timeout: false,
  });
  const res = await requester(new Request("https://api.test/"));
  ok(isIgnoredResponse(res));
  deepStrictEqual(env.slept, [1000]);
});

Deno.test("httpChain: fetch always gets manual redirects (with or without timeouts) and one request copy per attempt", async () => {
  for (const timeout of [undefined, false] as const) {
    const sent: Request[] = [];
    const env = fakeEnv({
      fetch: (r) => {
        sent.push(r);
        return Promise.resolve(new Response("ok"));
      },
    });
    const original = new Request("https://api.test/items", { headers: { accept: "application/json" } });
    const res = await httpChain({ env, timeout })(original);
    strictEqual(await res.text(), "ok");
    strictEqual(sent.length, 1);
    strictEqual(sent[0].redirect, "manual", `timeout ${timeout}: fetch must not follow redirects itself`);
    strictEqual(sent[0].headers.get("accept"), "application/json");
    ok(sent[0] !== original, "a copy: the original asked fetch to follow redirects");
  }
});
