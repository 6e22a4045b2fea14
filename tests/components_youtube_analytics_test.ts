/**
 * source-youtube-analytics (corpus manifest, unchanged) with its TypeScript ContentOwnerRequester,
 * JobRequester, CustomDecoder and ReportsStateMigration (connectors/source-youtube-analytics/components.ts).
 */
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import components, { reportsStateMigration } from "../connectors/source-youtube-analytics/components.ts";
import { loopback, readContext, redirectFetch } from "./components_helpers.ts";
import { readCorpus, validateConnector } from "./components_port_helpers.ts";

const NOW = Date.UTC(2024, 0, 10);
const CONFIG = {
  credentials: { client_id: "cid", client_secret: "cs", refresh_token: "rt" },
  content_owner_id: "owner-1",
};
const ORIGINS = ["https://youtubereporting.googleapis.com", "https://oauth2.googleapis.com"];

function youtube() {
  const jobs: { id: string; reportTypeId: string }[] = [];
  const created: unknown[] = [];
  const api = loopback(async (url, request) => {
    if (url.pathname === "/token") return { access_token: "yt-access", expires_in: 3600 };
    if (request.headers.get("authorization") !== "Bearer yt-access") {
      return new Response("{}", { status: 401 });
    }
    if (url.pathname === "/v1/jobs" && request.method === "POST") {
      const body = await request.json();
      created.push({ body, search: url.search, contentType: request.headers.get("content-type") });
      jobs.push({ id: `J${jobs.length + 1}`, reportTypeId: body.reportTypeId });
      return body;
    }
    if (url.pathname === "/v1/jobs") return jobs.length ? { jobs } : {};
    if (url.pathname === "/v1/jobs/J1/reports") {
      return {
        reports: [
          {
            id: "R1",
            startTime: "2024-01-01T00:00:00Z",
            downloadUrl: "https://youtubereporting.googleapis.com/v1/media/R1",
          },
        ],
      };
    }
    if (url.pathname === "/v1/media/R1") {
      return new Response('date,channel_id,views\r\n20240101,UC1,5\r\n20240102,UC1,"7"\r\n', {
        headers: { "content-type": "application/octet-stream" },
      });
    }
    return new Response("{}", { status: 404 });
  });
  return { api, created };
}

Deno.test("youtube-analytics: a missing reporting job is created, reports downloaded as CSV, content owner sent", async () => {
  const { api, created } = youtube();
  try {
    const ctx = readContext({ fetch: redirectFetch(ORIGINS, api.url), now: () => NOW });
    const out = await readCorpus("source-youtube-analytics", CONFIG, {
      components,
      ctx,
      streams: ["channel_basic_a3"],
      syncMode: "incremental",
    });
    deepStrictEqual(created, [{
      body: { name: "Airbyte reporting job", reportTypeId: "channel_basic_a3" },
      search: "",
      contentType: "application/json",
    }]);
    const calls = api.requests.filter((r) => !r.startsWith("POST /token"));
    deepStrictEqual(calls.map((r) => r.split("?")[0]), [
      "GET /v1/jobs",
      "POST /v1/jobs",
      "GET /v1/jobs",
      "GET /v1/jobs/J1/reports",
      "GET /v1/media/R1",
    ]);
    for (const call of calls.filter((r) => r.startsWith("GET"))) {
      strictEqual(
        new URL(call.slice(4), api.url).searchParams.get("onBehalfOfContentOwner"),
        "owner-1",
        call,
      );
    }
    deepStrictEqual(out.channel_basic_a3.records.map((r) => [r.date, r.channel_id, r.views]), [
      [20240101, "UC1", "5"],
      [20240102, "UC1", "7"],
    ]);
  } finally {
    await api.close();
  }
});

Deno.test("youtube-analytics: ReportsStateMigration from the Python connector's state shapes", () => {
  strictEqual(reportsStateMigration.shouldMigrate({}), false);
  deepStrictEqual(reportsStateMigration.migrate({ date: 20240105 }), {
    state: { date: "20240105" },
    parent_state: { report: { state: { date: "20240105" }, lookback_window: 0 } },
  });
  deepStrictEqual(
    reportsStateMigration.migrate({
      state: { date: 20240105 },
      parent_state: { report: { lookback_window: 3 } },
    }),
    {
      state: { date: "20240105" },
      parent_state: { report: { lookback_window: 0, state: { date: "20240105" } } },
    },
  );
});

Deno.test("youtube-analytics: validate --components accepts the corpus manifest", async () => {
  const { code, out } = await validateConnector("source-youtube-analytics");
  strictEqual(code, 0, out);
});
