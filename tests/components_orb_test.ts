/**
 * source-orb (corpus manifest, unchanged) with its TypeScript SubscriptionUsagePartitionRouter and
 * SubscriptionUsageTransformation (connectors/source-orb/components.ts): usage is read per subscription (and
 * per billable metric when grouped), the parent streams read with their own date window and cursor pages.
 */
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import components, { planMetricIds } from "../connectors/source-orb/components.ts";
import { loopback, readContext, redirectFetch } from "./components_helpers.ts";
import { readCorpus, validateConnector } from "./components_port_helpers.ts";

const NOW = Date.UTC(2024, 2, 1, 12, 0, 0);
const CONFIG = { api_key: "orb-key", start_date: "2024-02-01T00:00:00Z", end_date: "2024-02-29T00:00:00Z" };

const PLANS = [
  { id: "p1", created_at: "2024-02-02T00:00:00Z", prices: [{ billable_metric: { id: "m1" } }, { id: "x" }] },
  { id: "p2", created_at: "2024-02-03T00:00:00Z", prices: [{ billable_metric: { id: "m2" } }] },
];
const SUBSCRIPTIONS = [
  { id: "s1", plan_id: "p1", created_at: "2024-02-04T00:00:00Z" },
  { id: "s2", plan_id: "p2", created_at: "2024-02-05T00:00:00Z" },
  { id: "s3", plan_id: "p9", created_at: "2024-02-06T00:00:00Z" },
];

function orb() {
  return loopback((url, request) => {
    if (request.headers.get("authorization") !== "Bearer orb-key") return new Response("{}", { status: 401 });
    const cursor = url.searchParams.get("cursor");
    if (url.pathname === "/v1/plans") return { data: PLANS, pagination_metadata: { next_cursor: null } };
    if (url.pathname === "/v1/subscriptions") {
      // two pages: the cursor paginator of the nested stream is used
      return cursor === "c2"
        ? { data: SUBSCRIPTIONS.slice(2), pagination_metadata: {} }
        : { data: SUBSCRIPTIONS.slice(0, 2), pagination_metadata: { next_cursor: "c2" } };
    }
    const usage = /^\/v1\/subscriptions\/([^/]*)\/usage$/.exec(url.pathname);
    if (usage) {
      const metric = url.searchParams.get("billable_metric_id") ?? "all";
      return {
        data: [{
          billable_metric: { id: metric, name: `metric ${metric}` },
          usage: [{ quantity: 3, timeframe_start: "2024-02-10T00:00:00+00:00" }],
          sub: usage[1],
        }],
      };
    }
    return new Response("{}", { status: 404 });
  });
}

function paramsOf(requests: string[], path: string, base: string) {
  return requests.filter((r) => r.startsWith(`GET ${path}`)).map((r) =>
    Object.fromEntries(new URL(r.slice(4), base).searchParams)
  );
}

Deno.test("planMetricIds: one id per price, null without a billable metric", () => {
  deepStrictEqual(planMetricIds(PLANS[0]), ["m1", null]);
  deepStrictEqual(planMetricIds({ id: "p" }), []);
});

Deno.test("orb: subscription_usage is read once per subscription (all pages of subscriptions)", async () => {
  const api = orb();
  try {
    const ctx = readContext({
      fetch: redirectFetch(["https://api.billwithorb.com"], api.url),
      now: () => NOW,
    });
    const out = await readCorpus("source-orb", CONFIG, { components, ctx, streams: ["subscription_usage"] });
    const usageCalls = api.requests.filter((r) => r.includes("/usage"));
    deepStrictEqual(usageCalls.map((r) => r.split("?")[0]), [
      "GET /v1/subscriptions/s1/usage",
      "GET /v1/subscriptions/s2/usage",
      "GET /v1/subscriptions/s3/usage",
    ]);
    // no plans read without a grouping key; subscriptions read with their own date window
    strictEqual(api.requests.filter((r) => r.startsWith("GET /v1/plans")).length, 0);
    const subs = paramsOf(api.requests, "/v1/subscriptions?", api.url);
    deepStrictEqual(subs.map((p) => p.cursor ?? null), [null, "c2"]);
    strictEqual(subs[0]["created_at[gte]"], "2024-02-01T00:00:00+00:00");
    strictEqual(subs[0]["created_at[lte]"], "2024-02-29T00:00:00+00:00");
    const usage = paramsOf(api.requests, "/v1/subscriptions/s1/usage", api.url)[0];
    deepStrictEqual([usage.granularity, usage.billable_metric_id, usage.group_by], [
      "day",
      undefined,
      undefined,
    ]);
    // the transformation is a no-op like the reference: usage removed by RemoveFields, no subscription_id
    deepStrictEqual(out.subscription_usage.records[0], {
      billable_metric: { id: "all", name: "metric all" },
      sub: "s1",
      grouping_key: "",
    });
    strictEqual(out.subscription_usage.records.length, 3);
  } finally {
    await api.close();
  }
});

Deno.test("orb: with a grouping key, one partition per billable metric of the subscription's plan; plan_id filter", async () => {
  const api = orb();
  try {
    const ctx = readContext({
      fetch: redirectFetch(["https://api.billwithorb.com"], api.url),
      now: () => NOW,
    });
    await readCorpus("source-orb", { ...CONFIG, subscription_usage_grouping_key: "region" }, {
      components,
      ctx,
      streams: ["subscription_usage"],
    });
    const usage = paramsOf(api.requests, "/v1/subscriptions/", api.url).filter((p) => p.granularity);
    deepStrictEqual(api.requests.filter((r) => r.includes("/usage")).map((r) => r.split("?")[0]), [
      "GET /v1/subscriptions/s1/usage",
      "GET /v1/subscriptions/s1/usage",
      "GET /v1/subscriptions/s2/usage",
    ]);
    // p1's second price has no metric: that partition has billable_metric_id null, which the reference renders
    // as "None" in the query (checked against the CDK); s3's plan p9 is unknown: no partition
    deepStrictEqual(usage.map((p) => [p.billable_metric_id ?? null, p.group_by]), [
      ["m1", "region"],
      ["None", "region"],
      ["m2", "region"],
    ]);
    strictEqual(api.requests.filter((r) => r.startsWith("GET /v1/plans")).length, 1);
  } finally {
    await api.close();
  }
  const filtered = orb();
  try {
    const ctx = readContext({
      fetch: redirectFetch(["https://api.billwithorb.com"], filtered.url),
      now: () => NOW,
    });
    await readCorpus("source-orb", { ...CONFIG, subscription_usage_grouping_key: "region", plan_id: "p2" }, {
      components,
      ctx,
      streams: ["subscription_usage"],
    });
    deepStrictEqual(
      filtered.requests.filter((r) => r.includes("/usage")).map((r) => r.split("?")[0]),
      ["GET /v1/subscriptions/s2/usage"],
    );
  } finally {
    await filtered.close();
  }
});

Deno.test("orb: no matching subscription yields one empty partition, as the reference does", async () => {
  const api = orb();
  try {
    const ctx = readContext({
      fetch: redirectFetch(["https://api.billwithorb.com"], api.url),
      now: () => NOW,
    });
    await readCorpus("source-orb", { ...CONFIG, plan_id: "nope" }, {
      components,
      ctx,
      streams: ["subscription_usage"],
    });
    deepStrictEqual(api.requests.filter((r) => r.includes("/usage")).map((r) => r.split("?")[0]), [
      "GET /v1/subscriptions//usage",
    ]);
  } finally {
    await api.close();
  }
});

Deno.test("orb: validate --components accepts the corpus manifest", async () => {
  const { code, out } = await validateConnector("source-orb");
  strictEqual(code, 0, out);
});
