/**
 * source-instagram (corpus manifest, unchanged) with its TypeScript components
 * (connectors/source-instagram/components.ts): user insights per account (page id in extra fields, RFC 3339
 * dates, query-property chunks merged by date), media URLs cleared.
 */
import { deepStrictEqual, match, rejects, strictEqual } from "node:assert/strict";
import components from "../connectors/source-instagram/components.ts";
import { loopback, readContext, redirectFetch } from "./components_helpers.ts";
import { readCorpus, validateConnector } from "./components_port_helpers.ts";

const NOW = Date.UTC(2024, 5, 10, 12);
const CONFIG = { access_token: "ig-token", start_date: "2024-06-08T00:00:00Z" };

function instagram(media: unknown[]) {
  return loopback((url, request) => {
    if (request.headers.get("authorization") !== "Bearer ig-token") {
      return new Response("{}", { status: 401 });
    }
    const p = url.searchParams;
    if (url.pathname === "/v23.0/me/accounts") {
      return { data: [{ id: "page1", instagram_business_account: { id: "ig1" } }, { id: "page2" }] };
    }
    if (url.pathname === "/v23.0/ig1/insights") {
      const since = p.get("since")!;
      const endTime = since.replace("+00:00", "+0000");
      const period = p.get("period")!;
      return {
        data: p.get("metric")!.split(",").map((name) => ({
          name,
          period,
          values: [{ value: name.length + period.length, end_time: endTime }],
        })),
      };
    }
    if (url.pathname === "/v23.0/ig1/media") return { data: media };
    return new Response("{}", { status: 404 });
  });
}

Deno.test("instagram: user insights per business account, chunks merged by date, RFC 3339 date", async () => {
  const api = instagram([]);
  try {
    const ctx = readContext({
      fetch: redirectFetch(["https://graph.facebook.com"], api.url),
      now: () => NOW,
    });
    const out = await readCorpus("source-instagram", CONFIG, {
      components,
      ctx,
      streams: ["user_insights"],
      syncMode: "incremental",
    });
    const records = [...out.user_insights.records].sort((x, y) =>
      String(x.date).localeCompare(String(y.date))
    );
    strictEqual(records.length, 4); // one per day slice (2024-06-08 .. 2024-06-11)
    const first = records[0];
    strictEqual(first.business_account_id, "ig1");
    strictEqual(first.page_id, "page1");
    // the API's "+0000" offset normalised to "+00:00" by RFC3339DatetimeSchemaNormalization
    strictEqual(first.date, "2024-06-08T00:00:00+00:00");
    // metrics of the day/week/days_28/lifetime chunks in one record: "_week" and "_days_28" suffixes
    deepStrictEqual(
      [first.follower_count, first.reach, first.reach_week, first.reach_days_28, first.online_followers],
      [17, 8, 9, 12, 24],
    );
    // 4 property chunks (period + metrics) per day slice
    const periods = api.requests.filter((r) => r.includes("/insights")).map((r) =>
      new URL(r.slice(4), api.url).searchParams.get("period")
    );
    deepStrictEqual([...new Set(periods)].sort(), ["day", "days_28", "lifetime", "week"]);
    strictEqual(periods.length, 16);
  } finally {
    await api.close();
  }
});

Deno.test("instagram: media URLs lose their volatile parameters; a carousel media is refused clearly", async () => {
  const api = instagram([{
    id: "m1",
    media_url: "https://cdn.test/a.jpg?_nc_cat=1&_nc_rid=abc&oh=00_x",
    timestamp: "2024-06-01T10:00:00+0000",
  }]);
  try {
    const ctx = readContext({
      fetch: redirectFetch(["https://graph.facebook.com"], api.url),
      now: () => NOW,
    });
    const out = await readCorpus("source-instagram", CONFIG, { components, ctx, streams: ["media"] });
    strictEqual(out.media.records[0].media_url, "https://cdn.test/a.jpg?_nc_cat=1&oh=00_x");
  } finally {
    await api.close();
  }
  const carousel = instagram([{
    id: "m2",
    timestamp: "2024-06-01T10:00:00+0000",
    children: { data: [{ id: "c1" }] },
  }]);
  try {
    const ctx = readContext({
      fetch: redirectFetch(["https://graph.facebook.com"], carousel.url),
      now: () => NOW,
    });
    await rejects(
      readCorpus("source-instagram", CONFIG, { components, ctx, streams: ["media"] }),
      (e: Error) => {
        match(e.message, /asynchronous transformation/);
        return true;
      },
    );
  } finally {
    await carousel.close();
  }
});

Deno.test("instagram: validate --components accepts the corpus manifest", async () => {
  const { code, out } = await validateConnector("source-instagram");
  strictEqual(code, 0, out);
});
