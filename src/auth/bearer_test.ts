import { ok, strictEqual } from "node:assert/strict";
import { fakeEnv } from "../env.ts";
import type { SpoutError } from "../errors.ts";
import { compose, type Requester } from "../http/requester.ts";
import { retry } from "../http/retry.ts";
import { SecretMasker } from "../secrets.ts";
import { bearer } from "./bearer.ts";

function capture() {
  const seen: Request[] = [];
  const base: Requester = (r) => {
    seen.push(r);
    return Promise.resolve(new Response("ok"));
  };
  return { seen, base };
}

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

Deno.test("bearer accepts a token provider and masks what it returns", async () => {
  const { seen, base } = capture();
  const masker = new SecretMasker();
  let n = 0;
  const requester = compose(base, bearer(() => Promise.resolve(`dyn-token-${++n}`), { masker }));
  await requester(new Request("https://api.test/"));
  await requester(new Request("https://api.test/"));
  strictEqual(seen[0].headers.get("authorization"), "Bearer dyn-token-1");
  strictEqual(seen[1].headers.get("authorization"), "Bearer dyn-token-2");
  strictEqual(masker.mask("dyn-token-1 dyn-token-2"), "**** ****");
});
