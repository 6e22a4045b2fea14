import { deepStrictEqual, ok, strictEqual, throws } from "node:assert/strict";
import { fakeEnv } from "../env.ts";
import type { SpoutError } from "../errors.ts";
import { CredentialRegistry } from "../http/credentials.ts";
import { compose, type Requester } from "../http/requester.ts";
import { retry } from "../http/retry.ts";
import { SecretMasker } from "../secrets.ts";
import { apiKey } from "./api_key.ts";
import { basic } from "./basic.ts";
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

Deno.test("apiKey injects a header or a query parameter and registers credential names", async () => {
  const credentials = new CredentialRegistry();
  const masker = new SecretMasker();
  const { seen, base } = capture();
  await compose(
    base,
    apiKey({ value: "key-123", header: "X-Api-Key", prefix: "Token", credentials, masker }),
  )(
    new Request("https://api.test/a", { method: "POST", body: "payload" }),
  );
  strictEqual(seen[0].headers.get("x-api-key"), "Token key-123");
  strictEqual(await seen[0].text(), "payload");
  ok(credentials.isCredentialHeader("x-api-key"));
  await compose(
    base,
    apiKey({ value: () => Promise.resolve("dyn-456"), queryParam: "api_key", credentials, masker }),
  )(
    new Request("https://api.test/b?page=2"),
  );
  const url = new URL(seen[1].url);
  strictEqual(url.searchParams.get("api_key"), "dyn-456");
  strictEqual(url.searchParams.get("page"), "2");
  ok(credentials.isCredentialQueryParam("api_key"));
  strictEqual(masker.mask("key-123 dyn-456"), "**** ****");
  throws(() => apiKey({ value: "x", header: "a", queryParam: "b" }));
  throws(() => apiKey({ value: "x" }));
});

Deno.test("bearer and basic set Authorization; basic masks password, pair and base64 form", async () => {
  const { seen, base } = capture();
  await compose(base, bearer("tok-abc"))(new Request("https://api.test/"));
  strictEqual(seen[0].headers.get("authorization"), "Bearer tok-abc");
  const masker = new SecretMasker();
  await compose(base, basic("üser", "pa:ss", { masker }))(new Request("https://api.test/"));
  const header = seen[1].headers.get("authorization")!;
  const decoded = new TextDecoder().decode(Uint8Array.from(atob(header.slice(6)), (c) => c.charCodeAt(0)));
  strictEqual(decoded, "üser:pa:ss");
  const leaked = `pw=pa:ss pair=üser:pa:ss b64=${header.slice(6)}`;
  ok(!/pa:ss|üser:pa|dXNl|w7xzZXI6cGE6c3M/.test(masker.mask(leaked)), masker.mask(leaked));
});

Deno.test("secrets never appear in error messages of failed authenticated requests", async () => {
  const masker = new SecretMasker();
  const secret = "sk_live_CANARY_42";
  const echo: Requester = (r) =>
    Promise.resolve(
      new Response(JSON.stringify({ error: `bad key ${r.headers.get("authorization")}`, url: r.url }), {
        status: 403,
      }),
    );
  const requester = compose(echo, retry({ env: fakeEnv(), masker }), bearer(secret, { masker }));
  const err = await requester(new Request(`https://api.test/x?token=${secret}`)).catch((e) => e);
  strictEqual((err as SpoutError).code, "http_auth");
  ok(!err.message.includes(secret) && !err.message.includes(encodeURIComponent(secret)), err.message);
  ok(!JSON.stringify(err.details).includes(secret));
});

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
