/**
 * source-linkedin-ads (corpus manifest, unchanged) with its TypeScript LinkedInAdsRecordExtractor,
 * SafeEncodeHttpRequester and LinkedInAdsErrorHandler (connectors/source-linkedin-ads/components.ts).
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import components, { transformRecord } from "../connectors/source-linkedin-ads/components.ts";
import { loopback, readContext, redirectFetch } from "./components_helpers.ts";
import { readCorpus, validateConnector } from "./components_port_helpers.ts";

const NOW = Date.UTC(2024, 0, 20);
const CONFIG = {
  credentials: { auth_method: "access_token", access_token: "li-token" },
  start_date: "2024-01-01",
  account_ids: [5],
};

function linkedin() {
  return loopback((url, request) => {
    if (request.headers.get("authorization") !== "Bearer li-token") {
      return new Response("{}", { status: 401 });
    }
    if (url.pathname === "/rest/adAccounts") {
      return {
        elements: [
          {
            id: 5,
            name: "acme",
            changeAuditStamps: { created: { time: 1629581275000 }, lastModified: { time: 1705300000000 } },
          },
          {
            id: 6,
            name: "filtered by account_ids",
            changeAuditStamps: { created: { time: 0 }, lastModified: { time: 0 } },
          },
        ],
        metadata: {},
      };
    }
    if (url.pathname === "/rest/adAccounts/5/adCampaigns") {
      return {
        elements: [{
          id: 77,
          changeAuditStamps: { created: { time: 1704100000000 }, lastModified: { time: 1705400000000 } },
          targetingCriteria: {
            include: { and: [{ or: { "urn:li:adTargetingFacet:locations": ["urn:li:geo:1"] } }] },
            exclude: { or: { "urn:li:adTargetingFacet:titles": ["urn:li:title:2"] } },
          },
        }],
        metadata: {},
      };
    }
    if (url.pathname === "/rest/adAnalytics") {
      const fields = (url.searchParams.get("fields") ?? "").split(",");
      const element: Record<string, unknown> = {
        dateRange: { start: { year: 2024, month: 1, day: 1 }, end: { year: 2024, month: 1, day: 20 } },
        pivotValues: ["urn:li:sponsoredCampaign:77"],
      };
      for (const f of fields) if (!(f in element)) element[f] = fields.indexOf(f) + 1;
      return { elements: [element] };
    }
    return new Response("{}", { status: 404 });
  });
}

Deno.test("linkedin-ads: records reshaped; the campaigns query keeps Rest.li characters literal", async () => {
  const api = linkedin();
  try {
    const ctx = readContext({ fetch: redirectFetch(["https://api.linkedin.com"], api.url), now: () => NOW });
    const out = await readCorpus("source-linkedin-ads", CONFIG, {
      components,
      ctx,
      streams: ["accounts", "campaigns"],
    });
    deepStrictEqual(out.accounts.records.map((r) => [r.id, r.created, r.lastModified]), [
      [5, "2021-08-21T21:27:55+00:00", "2024-01-15T06:26:40+00:00"],
    ]);
    const campaign = out.campaigns.records[0];
    deepStrictEqual(campaign.targetingCriteria, {
      include: { and: [{ type: "urn:li:adTargetingFacet:locations", values: ["urn:li:geo:1"] }] },
      exclude: { or: [{ type: "urn:li:adTargetingFacet:titles", values: ["urn:li:title:2"] }] },
    });
    const raw = api.requests.find((r) => r.includes("/adCampaigns"))!;
    ok(
      raw.includes(
        "search=(status:(values:List(ACTIVE,PAUSED,ARCHIVED,COMPLETED,CANCELED,DRAFT,PENDING_DELETION,REMOVED)))",
      ),
      raw,
    );
    // the plain requester (accounts) keeps the default encoding
    ok(api.requests[0].startsWith("GET /rest/adAccounts?q=search"), api.requests[0]);
  } finally {
    await api.close();
  }
});

Deno.test("linkedin-ads: campaign analytics in property chunks, merged by end date and pivot values", async () => {
  const api = linkedin();
  try {
    const ctx = readContext({ fetch: redirectFetch(["https://api.linkedin.com"], api.url), now: () => NOW });
    const out = await readCorpus("source-linkedin-ads", CONFIG, {
      components,
      ctx,
      streams: ["ad_campaign_analytics"],
      syncMode: "incremental",
    });
    const raws = api.requests.filter((r) => r.startsWith("GET /rest/adAnalytics"));
    ok(raws.length >= 2, String(raws.length)); // more properties than one chunk of 18
    ok(raws[0].includes("campaigns=List(urn%3Ali%3AsponsoredCampaign%3A77)"), raws[0]);
    ok(
      raws[0].includes("dateRange=(start:(year:2024,month:1,day:1),end:(year:2024,month:1,day:20))"),
      raws[0],
    );
    ok(/fields=[A-Za-z]+(,[A-Za-z]+)+/.test(raws[0]), raws[0]);
    strictEqual(out.ad_campaign_analytics.records.length, 1);
    const record = out.ad_campaign_analytics.records[0];
    deepStrictEqual(
      [
        record.start_date,
        record.end_date,
        record.string_of_pivot_values,
        record.sponsoredCampaign,
        record.pivot,
      ],
      ["2024-01-01", "2024-01-20", "urn:li:sponsoredCampaign:77", "77", "CAMPAIGN"],
    );
    // `pivot` is the manifest's AddFields after the extractor (the extractor renames a response's `pivot`);
    // fields from the first and the last chunk are both in the merged record
    ok("actionClicks" in record && "viralVideoViews" in record, Object.keys(record).join());
  } finally {
    await api.close();
  }
});

Deno.test("linkedin-ads: transform_data shapes (date range, variables, pivot values)", () => {
  const r = transformRecord({
    dateRange: { start: { year: 2024, month: 1, day: 2 }, end: { year: 2024, month: 1, day: 3 } },
    variables: { data: { "com.linkedin.ads.Sponsored": { share: "urn:li:share:1", n: 0, flag: true } } },
    pivotValues: ["urn:li:a:1", "urn:li:b:2"],
    pivot: "CAMPAIGN",
  });
  deepStrictEqual(r, {
    start_date: "2024-01-02",
    end_date: "2024-01-03",
    variables: {
      type: "com.linkedin.ads.Sponsored",
      values: [
        { key: "share", value: '"urn:li:share:1"' },
        { key: "n", value: "0" },
        { key: "flag", value: "true" },
      ],
    },
    pivotValues: ["urn:li:a:1", "urn:li:b:2"],
    string_of_pivot_values: "urn:li:a:1,urn:li:b:2",
    _pivot: "CAMPAIGN",
  });
});

Deno.test("linkedin-ads: validate --components accepts the corpus manifest", async () => {
  const { code, out } = await validateConnector("source-linkedin-ads");
  strictEqual(code, 0, out);
});
