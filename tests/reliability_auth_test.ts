/**
 * Authentication under failure, through the CLI and a manifest: a flaky OAuth token endpoint is retried, a
 * rejected refresh is a config_error without retries, and an access token that expires during a long backoff
 * wait is refreshed before the next attempt (auth is re-applied per attempt).
 */
import { ok, strictEqual } from "node:assert/strict";
import { type Fault, json, startFaultServer } from "./fault_server.ts";
import { cli, itemsManifest, loopbackEnv, recordsOf, traceErrors } from "./reliability_helpers.ts";

const OAUTH = (base: string) =>
  `type: OAuthAuthenticator
token_refresh_endpoint: "${base}/oauth/token"
client_id: "cid"
client_secret: "{{ config.client_secret }}"
refresh_token: "{{ config.refresh_token }}"`;

const CONFIG = { client_secret: "cs-secret-123", refresh_token: "rt-secret-456" };

function api(tokenFaults: Fault[], dataHandler?: (auth: string | undefined, n: number) => Fault) {
  let issued = 0;
  let tokenCalls = 0;
  const server = startFaultServer({
    maxRequests: 100,
    handler: (r) => {
      if (r.path === "/oauth/token") {
        const fault = tokenFaults[tokenCalls++];
        if (fault) return fault;
        issued++;
        return json({ access_token: `at-${issued}`, expires_in: 60 });
      }
      if (dataHandler) return dataHandler(r.headers.authorization, r.n);
      return r.headers.authorization?.startsWith("Bearer at-")
        ? json({ data: [{ id: 1 }] })
        : { kind: "status", status: 401, body: "no token" };
    },
  });
  return { server, issued: () => issued, tokenCalls: () => tokenCalls };
}

Deno.test("auth: a flaky OAuth token endpoint (503, 429, reset) is retried and the read succeeds", async () => {
  const a = api([
    { kind: "status", status: 503 },
    { kind: "status", status: 429, retryAfter: { kind: "seconds", seconds: 1 } },
    { kind: "reset" },
  ]);
  try {
    const read = await cli("read", {
      manifest: itemsManifest(a.server.url, { authenticator: OAUTH(a.server.url) }),
      config: CONFIG,
    });
    strictEqual(read.code, 0, JSON.stringify(traceErrors(read.messages)));
    strictEqual(recordsOf(read.messages).length, 1);
    ok(a.tokenCalls() >= 4, `${a.tokenCalls()} token calls`);
    ok(!read.stdout.includes(CONFIG.client_secret) && !read.stdout.includes(CONFIG.refresh_token));
  } finally {
    await a.server.close();
  }
});

Deno.test("auth: a rejected refresh token (400 invalid_grant / 401) is a config_error after one call, secrets masked", async () => {
  for (const status of [400, 401]) {
    const a = api([{
      kind: "status",
      status,
      body: `{"error": "invalid_grant", "token": "${CONFIG.refresh_token}"}`,
    }]);
    try {
      const read = await cli("read", {
        manifest: itemsManifest(a.server.url, { authenticator: OAUTH(a.server.url) }),
        config: CONFIG,
      });
      strictEqual(read.code, 1);
      strictEqual(a.tokenCalls(), 1, `${status}: no retry of a rejected grant`);
      const [error] = traceErrors(read.messages);
      strictEqual(error.failure_type, "config_error", `${status}: ${error.message}`);
      ok(!read.stdout.includes(CONFIG.refresh_token), read.stdout);
    } finally {
      await a.server.close();
    }
  }
});

Deno.test("auth: an access token that expires during a long backoff wait is refreshed before the retry", async () => {
  // The API answers the first data request 429 (Retry-After 120 s > the 60 s token life) and from then on only
  // accepts tokens issued after that 429.
  let minToken = 0;
  let issuedSoFar = 0;
  const a = api([], (auth, _n) => {
    const n = Number(auth?.replace("Bearer at-", "") ?? 0);
    issuedSoFar = Math.max(issuedSoFar, n);
    if (minToken === 0) {
      minToken = n + 1;
      return { kind: "status", status: 429, retryAfter: { kind: "seconds", seconds: 120 } };
    }
    return n >= minToken
      ? json({ data: [{ id: 1 }] })
      : { kind: "status", status: 401, body: "token expired" };
  });
  try {
    const env = loopbackEnv();
    const read = await cli("read", {
      manifest: itemsManifest(a.server.url, {
        authenticator: OAUTH(a.server.url),
        errorHandler:
          "type: DefaultErrorHandler\nbackoff_strategies:\n  - {type: WaitTimeFromHeader, header: Retry-After}",
      }),
      config: CONFIG,
      env,
    });
    strictEqual(read.code, 0, JSON.stringify(traceErrors(read.messages)));
    strictEqual(recordsOf(read.messages).length, 1);
    strictEqual(a.issued(), 2, "one refresh after the wait");
    ok(env.slept.reduce((x, y) => x + y, 0) >= 120_000);
  } finally {
    await a.server.close();
  }
});
