/**
 * source-younium (corpus manifest, unchanged) with its TypeScript CustomYouniumAuthenticator
 * (connectors/source-younium/components.ts): a password-grant token, fetched once, then `nextPage` URLs.
 */
import { deepStrictEqual, match, ok, rejects, strictEqual } from "node:assert/strict";
import components from "../connectors/source-younium/components.ts";
import { loopback, readContext, redirectFetch } from "./components_helpers.ts";
import { readCorpus, validateConnector } from "./components_port_helpers.ts";

const CONFIG = { username: "ann", password: "pw&1", legal_entity: "Acme AB" };

function younium(tokenStatus = 200) {
  const tokenForms: Record<string, string>[] = [];
  const api = loopback(async (url, request) => {
    if (url.pathname === "/connect/token") {
      strictEqual(request.headers.get("content-type"), "application/x-www-form-urlencoded");
      tokenForms.push(Object.fromEntries(new URLSearchParams(await request.text())));
      if (tokenStatus !== 200) return new Response("invalid_grant", { status: tokenStatus });
      return { access_token: "yo-token", token_type: "Bearer", expires_in: 3600 };
    }
    if (request.headers.get("authorization") !== "Bearer yo-token") {
      return new Response("{}", { status: 401 });
    }
    if (request.headers.get("content-type") !== "application/json") {
      return new Response("{}", { status: 415 });
    }
    if (url.pathname === "/Accounts") {
      strictEqual(url.searchParams.get("PageSize"), "100");
      return { data: [{ id: "a1" }, { id: "a2" }], nextPage: "https://api.younium.com/Accounts/page2" };
    }
    if (url.pathname === "/Accounts/page2") return { data: [{ id: "a3" }] };
    if (url.pathname === "/Bookings") return { data: [{ id: "b1" }] };
    return new Response("{}", { status: 404 });
  });
  return { api, tokenForms };
}

Deno.test("younium: password-grant token once per authenticator; Authorization {type} {token}; nextPage", async () => {
  const { api, tokenForms } = younium();
  try {
    const ctx = readContext({
      fetch: redirectFetch(
        ["https://api.younium.com", "https://younium-identity-server.azurewebsites.net"],
        api.url,
      ),
    });
    const out = await readCorpus("source-younium", CONFIG, {
      components,
      ctx,
      streams: ["account", "booking"],
    });
    deepStrictEqual(out.account.records.map((r) => r.id), ["a1", "a2", "a3"]);
    deepStrictEqual(out.booking.records.map((r) => r.id), ["b1"]);
    // one token per stream (each stream's requester has its own authenticator, as in the reference)
    ok(tokenForms.length >= 1 && tokenForms.length <= 2, String(tokenForms.length));
    deepStrictEqual(tokenForms[0], {
      username: "ann",
      password: "pw&1",
      legal_entity: "Acme AB",
      grant_type: "password",
      client_id: "apiclient",
      scope: "openid youniumapi profile",
    });
    deepStrictEqual(api.requests.filter((r) => !r.includes("/connect/token")), [
      "GET /Accounts?PageSize=100",
      "GET /Accounts/page2?PageSize=100",
      "GET /Bookings?PageSize=100",
    ]);
    ok(!ctx.masker.mask("x yo-token pw&1").includes("yo-token"));
  } finally {
    await api.close();
  }
});

Deno.test("younium: playground uses the sandbox API and identity server; a refused token fails the read", async () => {
  const { api, tokenForms } = younium(400);
  try {
    const ctx = readContext({
      fetch: redirectFetch(
        ["https://apisandbox.younium.com", "https://younium-identity-server-sandbox.azurewebsites.net"],
        api.url,
      ),
    });
    await rejects(
      readCorpus("source-younium", { ...CONFIG, playground: true }, {
        components,
        ctx,
        streams: ["account"],
      }),
      (e: Error) => {
        match(e.message, /token request failed with HTTP 400/);
        return true;
      },
    );
    strictEqual(tokenForms.length, 1);
    deepStrictEqual(api.requests, ["POST /connect/token"]);
  } finally {
    await api.close();
  }
});

Deno.test("younium: validate --components accepts the corpus manifest", async () => {
  const { code, out } = await validateConnector("source-younium");
  strictEqual(code, 0, out);
});
