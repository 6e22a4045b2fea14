import { deepStrictEqual, ok, rejects, strictEqual } from "node:assert/strict";
import { fakeEnv } from "../env.ts";
import type { SpoutError } from "../errors.ts";
import { compose, type Requester } from "../http/requester.ts";
import { SecretMasker } from "../secrets.ts";
import { sessionToken } from "./session_token.ts";

function loginServer() {
  let n = 0;
  const login = () => Promise.resolve(Response.json({ session: { token: `s-${++n}` } }));
  return { login, count: () => n };
}

function apiAccepting(valid: () => string) {
  const seen: string[] = [];
  const fn: Requester = async (r) => {
    seen.push(r.headers.get("authorization") ?? new URL(r.url).searchParams.get("sid") ?? "");
    const body = await r.text();
    const auth = r.headers.get("authorization") ?? new URL(r.url).searchParams.get("sid");
    return auth?.endsWith(valid()) ? new Response(`ok ${body}`) : new Response("expired", { status: 401 });
  };
  return Object.assign(fn, { seen });
}

Deno.test("logs in once, reuses the token, re-logs in after expiration", async () => {
  const server = loginServer();
  const env = fakeEnv();
  const target = apiAccepting(() => `s-${server.count()}`);
  const requester = compose(
    target,
    sessionToken({ login: server.login, tokenPath: ["session", "token"], expirationMs: 3600_000, env }),
  );
  await Promise.all([1, 2, 3].map(() => requester(new Request("https://api.test/"))));
  strictEqual(server.count(), 1);
  await env.sleep(3600_001);
  await requester(new Request("https://api.test/"));
  strictEqual(server.count(), 2);
  deepStrictEqual(target.seen, ["Bearer s-1", "Bearer s-1", "Bearer s-1", "Bearer s-2"]);
});

Deno.test("a 401 triggers one re-login and one retry with the request body intact", async () => {
  const server = loginServer();
  let validToken = "s-1";
  const target = apiAccepting(() => validToken);
  const requester = compose(target, sessionToken({ login: server.login, tokenPath: ["session", "token"] }));
  strictEqual(
    await (await requester(new Request("https://api.test/", { method: "POST", body: "b1" }))).text(),
    "ok b1",
  );
  validToken = "s-2"; // server invalidated the session
  strictEqual(
    await (await requester(new Request("https://api.test/", { method: "POST", body: "b2" }))).text(),
    "ok b2",
  );
  strictEqual(server.count(), 2);
  validToken = "never";
  strictEqual((await requester(new Request("https://api.test/"))).status, 401); // only one retry
  strictEqual(server.count(), 3);
});

Deno.test("query injection, custom format, expirationMs 0 logs in per request (Airbyte parity)", async () => {
  const server = loginServer();
  const target = apiAccepting(() => `s-${server.count()}`);
  const requester = compose(
    target,
    sessionToken({
      login: server.login,
      tokenPath: ["session", "token"],
      queryParam: "sid",
      expirationMs: 0,
      format: (t) => `x${t}`,
    }),
  );
  await requester(new Request("https://api.test/?a=1"));
  await requester(new Request("https://api.test/?a=1"));
  deepStrictEqual(target.seen, ["xs-1", "xs-2"]);
});

Deno.test("login failures are masked config errors; missing token path is explicit", async () => {
  const masker = new SecretMasker();
  masker.add("hunter2pw");
  const failing = sessionToken({
    login: () => Promise.resolve(Response.json({ message: "bad password hunter2pw" }, { status: 401 })),
    tokenPath: ["token"],
    masker,
  });
  await rejects(failing.token(), (e: SpoutError) => {
    ok(!e.message.includes("hunter2pw"), e.message);
    return e.code === "http_auth" && e.failureType === "config_error";
  });
  const noToken = sessionToken({
    login: () => Promise.resolve(Response.json({ other: 1 })),
    tokenPath: ["token"],
  });
  await rejects(noToken.token(), /no token at token/);
});
