/**
 * source-braze (corpus manifest, unchanged) with its TypeScript DatetimeIncrementalSyncComponent and
 * EventsRecordExtractor (connectors/source-braze/components.ts) against a loopback Braze REST API.
 */
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import components, { windowDays } from "../connectors/source-braze/components.ts";
import { corpusManifest, corpusText, loopback, readContext, readStreams } from "./components_helpers.ts";

Deno.test("windowDays counts both ends", () => {
  strictEqual(windowDays("2024-01-01", "2024-04-09"), 100);
  strictEqual(windowDays("2024-04-10", "2024-04-10"), 1);
  strictEqual(windowDays("x", "2024-04-10"), undefined);
});

function braze() {
  return loopback((url, request) => {
    if (request.headers.get("authorization") !== "Bearer bz-key") return new Response("{}", { status: 401 });
    const page = Number(url.searchParams.get("page") ?? 0);
    switch (url.pathname) {
      case "/campaigns/list":
        return { campaigns: page === 0 ? [{ id: "c1" }, { id: "c2" }] : [] };
      case "/campaigns/data_series": {
        const end = url.searchParams.get("ending_at")!;
        return { data: [{ time: end, messages: 1 }] };
      }
      case "/events/list":
        return { events: page === 0 ? ["signup", "purchase"] : ["refund"] };
      default:
        return new Response("{}", { status: 404 });
    }
  });
}

const CONFIG = { api_key: "bz-key", start_date: "2024-01-01" };

Deno.test("braze: data_series windows carry ending_at and length (days of the slice); per-campaign state", async () => {
  const api = braze();
  try {
    const ctx = readContext({ now: () => Date.UTC(2024, 4, 1, 12) });
    const out = await readStreams(await corpusText("source-braze"), { ...CONFIG, url: api.url }, {
      path: corpusManifest("source-braze"),
      components,
      ctx,
      streams: ["campaigns_analytics"],
      syncMode: "incremental",
    });
    const series = api.requests.filter((r) => r.startsWith("GET /campaigns/data_series"));
    deepStrictEqual(series.map((r) => Object.fromEntries(new URL(r.slice(4), api.url).searchParams)), [
      { campaign_id: "c1", ending_at: "2024-04-09", length: "100" },
      { campaign_id: "c1", ending_at: "2024-05-01", length: "22" },
      { campaign_id: "c2", ending_at: "2024-04-09", length: "100" },
      { campaign_id: "c2", ending_at: "2024-05-01", length: "22" },
    ]);
    deepStrictEqual(out.campaigns_analytics.records.map((r) => [r.campaign_id, r.time]), [
      ["c1", "2024-04-09"],
      ["c1", "2024-05-01"],
      ["c2", "2024-04-09"],
      ["c2", "2024-05-01"],
    ]);
    const state = out.campaigns_analytics.states.at(-1)!;
    deepStrictEqual(state.states, [
      { partition: { campaign_id: "c1", parent_slice: {} }, cursor: { time: "2024-05-01" } },
      { partition: { campaign_id: "c2", parent_slice: {} }, cursor: { time: "2024-05-01" } },
    ]);
  } finally {
    await api.close();
  }
});

Deno.test("braze: event names become {event_name} records, page by page", async () => {
  const api = braze();
  try {
    const out = await readStreams(await corpusText("source-braze"), { ...CONFIG, url: api.url }, {
      path: corpusManifest("source-braze"),
      components,
      ctx: readContext(),
      streams: ["events"],
    });
    deepStrictEqual(out.events.records, [{ event_name: "signup" }, { event_name: "purchase" }, {
      event_name: "refund",
    }]);
  } finally {
    await api.close();
  }
});
