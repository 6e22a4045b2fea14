import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { oauth2 } from "../auth/mod.ts";
import { defaultEnv, fakeEnv } from "../env.ts";
import { SecretMasker } from "../secrets.ts";
import {
  bodyLimit,
  compose,
  CredentialRegistry,
  type Exchange,
  fixedWindowPolicy,
  followRedirects,
  HttpApiBudget,
  observeExchanges,
  rateLimit,
  readBodyText,
  retry,
  timeout,
} from "./mod.ts";

Deno.test("the recommended chain works end to end against loopback servers", async () => {
  const other = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    (req) => Response.json({ host: "other", authorization: req.headers.get("authorization") }),
  );
  let apiCalls = 0;
  let tokenCalls = 0;
  const api = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const url = new URL(req.url);
    if (url.pathname === "/token") {
      tokenCalls++;
      const form = new URLSearchParams(await req.text());
      return Response.json({ access_token: `at-for-${form.get("refresh_token")}`, expires_in: 3600 });
    }
    apiCalls++;
    if (apiCalls === 1) return new Response("busy", { status: 503, headers: { "retry-after": "0" } });
    if (url.pathname === "/move") {
      return new Response(null, {
        status: 302,
        headers: { location: `http://127.0.0.1:${other.addr.port}/landing` },
      });
    }
    return Response.json({ host: "api", authorization: req.headers.get("authorization") });
  });
  try {
    const base = `http://127.0.0.1:${api.addr.port}`;
    const masker = new SecretMasker();
    const credentials = new CredentialRegistry();
    const real = defaultEnv();
    const env = fakeEnv({ fetch: real.fetch });
    const exchanges: Exchange[] = [];
    const auth = oauth2({
      tokenUrl: `${base}/token`,
      clientId: "cid",
      clientSecret: "client-secret-XYZ",
      refreshToken: "refresh-ABC",
      env,
      masker,
      credentials,
    });
    const budget = new HttpApiBudget({
      env,
      policies: [fixedWindowPolicy({ callLimit: 100, periodMs: 60_000, now: env.now() })],
    });
    const requester = compose(
      env.fetch,
      retry({ env, masker }),
      auth,
      rateLimit(budget),
      followRedirects({ credentials, masker }),
      observeExchanges({ onExchange: (e) => exchanges.push(e), masker, credentials }),
      timeout({ totalMs: 10_000 }),
      bodyLimit({ maxBytes: 1024 }),
    );
    const first = await requester(new Request(`${base}/items`));
    deepStrictEqual(JSON.parse(await readBodyText(first)), {
      host: "api",
      authorization: "Bearer at-for-refresh-ABC",
    });
    const moved = await requester(new Request(`${base}/move`));
    deepStrictEqual(await moved.json(), { host: "other", authorization: null });
    strictEqual(tokenCalls, 1);
    deepStrictEqual(exchanges.map((e) => e.status), [503, 200, 302, 200]);
    deepStrictEqual(exchanges.map((e) => e.requestHeaders.authorization), [
      "****",
      "****",
      "****",
      undefined,
    ]);
    deepStrictEqual(env.slept, [1]);
  } finally {
    await api.shutdown();
    await other.shutdown();
  }
});
