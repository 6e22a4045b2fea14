/**
 * source-retently (corpus manifest, unchanged) with its TypeScript AuthenticatorRetently
 * (connectors/source-retently/components.ts): API token or OAuth client credentials, chosen by the config.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import components from "../connectors/source-retently/components.ts";
import {
  corpusManifest,
  corpusText,
  loopback,
  readContext,
  readStreams,
  redirectFetch,
} from "./components_helpers.ts";

function retently(expected: string) {
  const tokenRequests: string[] = [];
  const api = loopback(async (url, request) => {
    if (url.pathname === "/api/oauth/token") {
      tokenRequests.push(await request.text());
      return { access_token: "oauth-access", expires_in: 3600 };
    }
    if (request.headers.get("authorization") !== expected) return new Response("{}", { status: 401 });
    if (url.pathname === "/api/v2/companies") {
      const page = Number(url.searchParams.get("page") ?? 1);
      const all = Array.from({ length: 25 }, (_, i) => ({ id: `c${i + 1}` }));
      return { data: { companies: all.slice((page - 1) * 20, page * 20) } };
    }
    if (url.pathname === "/api/v2/campaigns") return { campaigns: [{ id: "s1" }, { id: "s2" }] };
    return new Response("{}", { status: 404 });
  });
  return { api, tokenRequests };
}

async function read(config: Record<string, unknown>, expected: string, streams: string[]) {
  const { api, tokenRequests } = retently(expected);
  try {
    const ctx = readContext({ fetch: redirectFetch(["https://app.retently.com"], api.url) });
    const out = await readStreams(await corpusText("source-retently"), config as never, {
      path: corpusManifest("source-retently"),
      components,
      ctx,
      streams,
    });
    return {
      out,
      requests: api.requests,
      tokenRequests,
      masked: ctx.masker.mask("x api_key=rt-key oauth-access"),
    };
  } finally {
    await api.close();
  }
}

Deno.test("retently: an API token goes in the Authorization header as api_key=…; pages of 20", async () => {
  const { out, requests, tokenRequests, masked } = await read(
    { credentials: { auth_type: "Token", api_key: "rt-key" } },
    "api_key=rt-key",
    ["companies", "campaigns"],
  );
  strictEqual(out.companies.records.length, 25);
  deepStrictEqual(requests, [
    "GET /api/v2/campaigns",
    "GET /api/v2/companies",
    "GET /api/v2/companies?page=2",
  ]);
  deepStrictEqual(out.campaigns.records.map((r) => r.id), ["s1", "s2"]);
  strictEqual(tokenRequests.length, 0);
  ok(!masked.includes("rt-key"), masked);
});

Deno.test("retently: OAuth client credentials refresh a bearer token first", async () => {
  const { out, tokenRequests } = await read(
    { credentials: { auth_type: "Client", client_id: "cid", client_secret: "cs", refresh_token: "rt" } },
    "Bearer oauth-access",
    ["campaigns"],
  );
  deepStrictEqual(out.campaigns.records.map((r) => r.id), ["s1", "s2"]);
  strictEqual(tokenRequests.length, 1);
  ok(tokenRequests[0].includes("grant_type=refresh_token") && tokenRequests[0].includes("refresh_token=rt"));
});
