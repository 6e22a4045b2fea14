/**
 * source-tiktok-marketing (corpus manifest, unchanged) with its TypeScript advertiser-id partition routers and
 * TransformEmptyMetrics (connectors/source-tiktok-marketing/components.ts).
 */
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import components from "../connectors/source-tiktok-marketing/components.ts";
import { loopback, readContext, redirectFetch } from "./components_helpers.ts";
import { readCorpus, validateConnector } from "./components_port_helpers.ts";

const NOW = Date.UTC(2024, 0, 20, 12);
const ORIGINS = ["https://business-api.tiktok.com", "https://sandbox-ads.tiktok.com"];

// The manifest's url_base is a quoted string literal ('"https://…/v1.3/"'): spout's requester literal-evaluates
// it like the reference (quotes dropped), so the corpus text is read unchanged.

function tiktok() {
  return loopback((url, request) => {
    if (request.headers.get("access-token") !== "tt-token") return { code: 40105, message: "bad token" };
    const path = url.pathname.replace("/open_api/v1.3/", "");
    const p = url.searchParams;
    if (path === "oauth2/advertiser/get/") {
      return { code: 0, data: { list: [{ advertiser_id: "101" }, { advertiser_id: "102" }] } };
    }
    if (path === "advertiser/info/") {
      const ids = JSON.parse(p.get("advertiser_ids")!) as string[];
      return {
        code: 0,
        data: { list: ids.map((id) => ({ advertiser_id: id, name: `adv ${id}` })), page_info: {} },
      };
    }
    if (path === "report/integrated/get/") {
      return {
        code: 0,
        data: {
          list: [{
            dimensions: { ad_id: `ad-${p.get("advertiser_id")}`, stat_time_day: "2024-01-10 00:00:00" },
            metrics: { spend: "1.5", ctr: "-", reach: "-", clicks: "3" },
          }],
          page_info: { total_page: 1 },
        },
      };
    }
    return { code: 40404, message: `no route ${path}` };
  });
}

Deno.test("tiktok: advertisers get the parent's ids in one JSON-list partition; reports one partition per id", async () => {
  const api = tiktok();
  try {
    const ctx = readContext({ fetch: redirectFetch(ORIGINS, api.url), now: () => NOW });
    const out = await readCorpus("source-tiktok-marketing", {
      credentials: { auth_type: "oauth2.0", access_token: "tt-token", app_id: "app", secret: "sec" },
      start_date: "2024-01-01",
      end_date: "2024-01-15",
    }, {
      components,
      ctx,
      streams: ["advertisers", "ads_reports_daily"],
      syncMode: "incremental",
    });
    // the schema (normalization: Default) types advertiser_id as an integer
    deepStrictEqual(out.advertisers.records.map((r) => r.advertiser_id), [101, 102]);
    const info = api.requests.filter((r) => r.includes("advertiser/info/"));
    strictEqual(info.length, 1);
    strictEqual(new URL(info[0].slice(4), api.url).searchParams.get("advertiser_ids"), '["101", "102"]');
    // the report stream: one partition (and request) per advertiser, advertiser_id injected; "-" metrics -> null
    const reports = api.requests.filter((r) => r.includes("report/integrated/get/")).map((r) =>
      new URL(r.slice(4), api.url).searchParams
    );
    deepStrictEqual(reports.map((p) => p.get("advertiser_id")), ["101", "102"]);
    deepStrictEqual(out.ads_reports_daily.records.map((r) => [r.ad_id, r.metrics]), [
      ["ad-101", { spend: "1.5", ctr: null, reach: null, clicks: "3" }],
      ["ad-102", { spend: "1.5", ctr: null, reach: null, clicks: "3" }],
    ]);
  } finally {
    await api.close();
  }
});

Deno.test("tiktok: a sandbox advertiser_id in the config replaces the parent read", async () => {
  const api = tiktok();
  try {
    const ctx = readContext({ fetch: redirectFetch(ORIGINS, api.url), now: () => NOW });
    const out = await readCorpus("source-tiktok-marketing", {
      credentials: { auth_type: "sandbox_access_token", access_token: "tt-token", advertiser_id: "777" },
      start_date: "2024-01-01",
      end_date: "2024-01-15",
    }, { components, ctx, streams: ["advertisers", "ads_reports_daily"] });
    strictEqual(api.requests.filter((r) => r.includes("oauth2/advertiser/get/")).length, 0);
    deepStrictEqual(out.advertisers.records.map((r) => r.advertiser_id), [777]);
    strictEqual(
      new URL(api.requests.find((r) => r.includes("advertiser/info/"))!.slice(4), api.url).searchParams.get(
        "advertiser_ids",
      ),
      '["777"]',
    );
    deepStrictEqual(out.ads_reports_daily.records.map((r) => r.ad_id), ["ad-777"]);
  } finally {
    await api.close();
  }
});

Deno.test("tiktok: validate --components accepts the corpus manifest", async () => {
  const { code, out } = await validateConnector("source-tiktok-marketing");
  strictEqual(code, 0, out);
});
