import { deepStrictEqual, ok, rejects, strictEqual } from "node:assert/strict";
import { fakeEnv } from "../env.ts";
import { SpoutError } from "../errors.ts";
import { compose, type Requester } from "../http/requester.ts";
import { SecretMasker } from "../secrets.ts";
import { oauth2, type OAuth2Tokens } from "./oauth2.ts";

function tokenServer(replies: (() => Response)[]) {
  const calls: { url: string; body: string; headers: Headers }[] = [];
  const fetch: Requester = async (r) => {
    calls.push({ url: r.url, body: await r.text(), headers: r.headers });
    await Promise.resolve();
    const next = replies.length > 1 ? replies.shift()! : replies[0];
    return next();
  };
  return { calls, fetch };
}

const api = (): Requester & { auth: string[] } => {
  const auth: string[] = [];
  const fn: Requester = (r) => {
    auth.push(r.headers.get("authorization") ?? "");
    return Promise.resolve(new Response("ok"));
  };
  return Object.assign(fn, { auth });
};

const base = {
  tokenUrl: "https://auth.test/oauth/token",
  clientId: "cid",
  clientSecret: "csecret",
  refreshToken: "rtoken",
};

Deno.test("10 concurrent requests share one token call (single flight)", async () => {
  let n = 0;
  const server = tokenServer([() => Response.json({ access_token: `at-${++n}`, expires_in: 3600 })]);
  const env = fakeEnv({ fetch: server.fetch });
  const target = api();
  const requester = compose(target, oauth2({ ...base, env }));
  await Promise.all(Array.from({ length: 10 }, () => requester(new Request("https://api.test/x"))));
  strictEqual(server.calls.length, 1);
  deepStrictEqual(new Set(target.auth), new Set(["Bearer at-1"]));
});

Deno.test("the token is refreshed after expiry (with skew) on the fake clock", async () => {
  let n = 0;
  const server = tokenServer([() => Response.json({ access_token: `at-${++n}`, expires_in: 600 })]);
  const env = fakeEnv({ fetch: server.fetch });
  const target = api();
  const requester = compose(target, oauth2({ ...base, env, refreshSkewMs: 60_000 }));
  await requester(new Request("https://api.test/"));
  await env.sleep(500_000);
  await requester(new Request("https://api.test/"));
  strictEqual(server.calls.length, 1);
  await env.sleep(50_000); // 550 s: inside the 60 s skew window
  await requester(new Request("https://api.test/"));
  strictEqual(server.calls.length, 2);
  deepStrictEqual(target.auth, ["Bearer at-1", "Bearer at-1", "Bearer at-2"]);
});

Deno.test("refresh request is a form POST with Airbyte's fields; Authorization header drops client credentials", async () => {
  const server = tokenServer([() => Response.json({ access_token: "a", expires_in: 60 })]);
  const env = fakeEnv({ fetch: server.fetch });
  const mw = oauth2({
    ...base,
    env,
    scopes: ["read", "write"],
    refreshRequestBody: { extra: true, grant_type: "ignored" },
  });
  await mw.accessToken();
  strictEqual(server.calls[0].headers.get("content-type"), "application/x-www-form-urlencoded");
  strictEqual(
    server.calls[0].body,
    "grant_type=refresh_token&client_id=cid&client_secret=csecret&refresh_token=rtoken&scopes=read&scopes=write&extra=True",
  );
  const s2 = tokenServer([() => Response.json({ access_token: "a" })]);
  const cc = oauth2({
    tokenUrl: base.tokenUrl,
    clientId: "cid",
    clientSecret: "cs",
    grantType: "client_credentials",
    refreshRequestHeaders: { Authorization: "Basic xyz" },
    sendAsQueryParams: true,
    env: fakeEnv({ fetch: s2.fetch }),
  });
  await cc.accessToken();
  strictEqual(s2.calls[0].body, "");
  strictEqual(new URL(s2.calls[0].url).search, "?grant_type=client_credentials");
  strictEqual(s2.calls[0].headers.get("authorization"), "Basic xyz");
});

Deno.test("rotation: new refresh token is used next time, masked, and reported with Airbyte's expiry format", async () => {
  let n = 0;
  const server = tokenServer([
    () => Response.json({ data: { access_token: `at-${++n}`, refresh_token: `rt-${n}`, expires_in: 3600 } }),
  ]);
  const env = fakeEnv({ fetch: server.fetch, start: Date.UTC(2024, 0, 1) });
  const masker = new SecretMasker();
  const updates: OAuth2Tokens[] = [];
  const mw = oauth2({ ...base, env, masker, refreshTokenUpdater: { onUpdate: (t) => updates.push(t) } });
  await mw.accessToken();
  mw.invalidate();
  await mw.accessToken();
  ok(server.calls[1].body.includes("refresh_token=rt-1"), server.calls[1].body);
  deepStrictEqual(updates[0], {
    accessToken: "at-1",
    refreshToken: "rt-1",
    expiresAt: Date.UTC(2024, 0, 1, 1),
    tokenExpiryDate: "2024-01-01T01:00:00+00:00",
  });
  strictEqual(masker.mask("at-1 rt-1 at-2 rt-2 csecret rtoken"), "**** **** **** **** **** ****");
});

Deno.test("expiry as a date-time, missing expiry defaults to one hour, initial token is used until it expires", async () => {
  const server = tokenServer([
    () => Response.json({ access_token: "new", expires_at: "2024-01-01 02:00:00" }),
  ]);
  const env = fakeEnv({ fetch: server.fetch, start: Date.UTC(2024, 0, 1) });
  const updates: OAuth2Tokens[] = [];
  const mw = oauth2({
    ...base,
    env,
    expiresInName: "expires_at",
    tokenExpiryDateFormat: "%Y-%m-%d %H:%M:%S",
    accessToken: "old",
    tokenExpiryDate: "2024-01-01T00:30:00Z",
    refreshTokenUpdater: { onUpdate: (t) => updates.push(t) },
  });
  strictEqual(await mw.accessToken(), "old");
  await env.sleep(40 * 60_000);
  strictEqual(await mw.accessToken(), "new");
  strictEqual(updates[0].tokenExpiryDate, "2024-01-01T02:00:00+00:00");
  const s2 = tokenServer([() => Response.json({ access_token: "x" })]);
  const env2 = fakeEnv({ fetch: s2.fetch, start: 0 });
  const updates2: OAuth2Tokens[] = [];
  await oauth2({ ...base, env: env2, refreshTokenUpdater: { onUpdate: (t) => updates2.push(t) } })
    .accessToken();
  strictEqual(updates2[0].expiresAt, 3600_000);
});

Deno.test("token endpoint errors: 5xx retried, 4xx is a masked http_auth config error", async () => {
  const flaky = tokenServer([
    () => new Response("down", { status: 503 }),
    () => Response.json({ access_token: "ok" }),
  ]);
  const env = fakeEnv({ fetch: flaky.fetch });
  strictEqual(await oauth2({ ...base, env }).accessToken(), "ok");
  deepStrictEqual(env.slept, [1000]);

  const masker = new SecretMasker();
  const rejecting = tokenServer([
    () =>
      Response.json(
        { error: "invalid_grant", error_description: "refresh token rtoken revoked for csecret" },
        { status: 400 },
      ),
  ]);
  const mw = oauth2({ ...base, masker, env: fakeEnv({ fetch: rejecting.fetch }) });
  const err = await mw.accessToken().catch((e) => e);
  ok(err instanceof SpoutError);
  strictEqual(err.code, "http_auth");
  strictEqual(err.failureType, "config_error");
  ok(err.message.includes("invalid_grant"), err.message);
  ok(!err.message.includes("rtoken") && !err.message.includes("csecret"), err.message);
  const api401 = compose(api(), mw);
  await rejects(api401(new Request("https://api.test/")), (e: SpoutError) => e.code === "http_auth");
});

Deno.test("missing access token field and missing refresh token are explicit errors; access-token flow needs no endpoint", async () => {
  const s = tokenServer([() => Response.json({ token: "x" })]);
  await rejects(oauth2({ ...base, env: fakeEnv({ fetch: s.fetch }) }).accessToken(), /access_token/);
  let threw = false;
  try {
    oauth2({ tokenUrl: base.tokenUrl, clientId: "a", clientSecret: "b" });
  } catch (e) {
    threw = (e as SpoutError).code === "config_invalid";
  }
  ok(threw);
  const target = api();
  await compose(target, oauth2({ accessToken: "static" }))(new Request("https://api.test/"));
  deepStrictEqual(target.auth, ["Bearer static"]);
});

Deno.test("profile assertion flow sends grant_type jwt-bearer and the assertion only", async () => {
  const s = tokenServer([() => Response.json({ access_token: "g" })]);
  await oauth2({
    tokenUrl: base.tokenUrl,
    assertion: () => "signed.jwt.value",
    env: fakeEnv({ fetch: s.fetch }),
  }).accessToken();
  strictEqual(
    s.calls[0].body,
    "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=signed.jwt.value",
  );
});
