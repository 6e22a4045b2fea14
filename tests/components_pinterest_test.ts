/**
 * source-pinterest (corpus manifest, unchanged) with its TypeScript AdAccountRecordExtractor and
 * PinterestAnalyticsBackoffStrategy (connectors/source-pinterest/components.ts).
 */
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import components from "../connectors/source-pinterest/components.ts";
import { loopback, readContext, redirectFetch } from "./components_helpers.ts";
import { readCorpus, validateConnector } from "./components_port_helpers.ts";

const NOW = Date.UTC(2024, 4, 15, 12);
const CREDENTIALS = { auth_method: "oauth2.0", client_id: "cid", client_secret: "cs", refresh_token: "rt" };

function pinterest(analyticsFailures: Response[] = []) {
  return loopback((url, request) => {
    if (url.pathname === "/v5/oauth/token") return { access_token: "pin-access", expires_in: 3600 };
    if (request.headers.get("authorization") !== "Bearer pin-access") {
      return new Response("{}", { status: 401 });
    }
    if (url.pathname === "/v5/ad_accounts") {
      return url.searchParams.get("bookmark") === "b2"
        ? { items: [{ id: "acc3" }], bookmark: null }
        : { items: [{ id: "acc1" }, { id: "acc2" }], bookmark: "b2" };
    }
    if (url.pathname === "/v5/ad_accounts/acc9") return { id: "acc9", name: "only one" };
    if (/^\/v5\/ad_accounts\/acc\d\/analytics$/.test(url.pathname)) {
      const failure = analyticsFailures.shift();
      if (failure) return failure;
      return [{ DATE: url.searchParams.get("start_date"), AD_ACCOUNT_ID: url.pathname.split("/")[3] }];
    }
    return new Response("{}", { status: 404 });
  });
}

Deno.test("pinterest: ad_accounts from items (bookmark pages), or the single account body with account_id", async () => {
  const api = pinterest();
  try {
    const ctx = readContext({ fetch: redirectFetch(["https://api.pinterest.com"], api.url), now: () => NOW });
    const all = await readCorpus("source-pinterest", { credentials: CREDENTIALS }, {
      components,
      ctx,
      streams: ["ad_accounts"],
    });
    deepStrictEqual(all.ad_accounts.records.map((r) => r.id), ["acc1", "acc2", "acc3"]);
    const one = await readCorpus("source-pinterest", { credentials: CREDENTIALS, account_id: "acc9" }, {
      components,
      ctx,
      streams: ["ad_accounts"],
    });
    deepStrictEqual(one.ad_accounts.records, [{ id: "acc9", name: "only one" }]);
    deepStrictEqual(api.requests.filter((r) => r.startsWith("GET /v5/ad_accounts")), [
      "GET /v5/ad_accounts",
      "GET /v5/ad_accounts?bookmark=b2",
      "GET /v5/ad_accounts/acc9",
    ]);
  } finally {
    await api.close();
  }
});

Deno.test("pinterest: an analytics 400 waits 'Retry after N seconds', else 2 ** attempt seconds", async () => {
  const api = pinterest([
    Response.json({ code: 2, message: "Rate limited. Retry after 3 seconds." }, { status: 400 }),
    Response.json({ code: 2, message: "Bad request" }, { status: 400 }),
  ]);
  try {
    const ctx = readContext({ fetch: redirectFetch(["https://api.pinterest.com"], api.url), now: () => NOW });
    const out = await readCorpus("source-pinterest", {
      credentials: CREDENTIALS,
      account_id: "acc9",
      start_date: "2024-05-01",
    }, { components, ctx, streams: ["ad_account_analytics"] });
    const analytics = api.requests.filter((r) => r.includes("/analytics"));
    strictEqual(analytics.length, 3);
    deepStrictEqual(out.ad_account_analytics.records.map((r) => r.AD_ACCOUNT_ID), ["acc9"]);
    // 3 s from the message, then 2 ** 2 = 4 s (second attempt); the retry layer adds its 1 s padding to each
    strictEqual(ctx.slept.reduce((a, b) => a + b, 0), 3000 + 4000 + 2000);
  } finally {
    await api.close();
  }
});

Deno.test("pinterest: validate --components accepts the corpus manifest", async () => {
  const { code, out } = await validateConnector("source-pinterest");
  strictEqual(code, 0, out);
});
