/**
 * source-gnews (corpus manifest, unchanged) with its TypeScript WaitUntilMidnightBackoffStrategy
 * (connectors/source-gnews/components.ts): a 403 "quota spent" waits until midnight UTC, then the read goes on.
 */
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import components, { untilMidnightUtc } from "../connectors/source-gnews/components.ts";
import {
  corpusManifest,
  corpusText,
  loopback,
  readContext,
  readStreams,
  redirectFetch,
} from "./components_helpers.ts";

const CONFIG = {
  api_key: "gn-key",
  query: "deno",
  language: "en",
  country: "us",
  nullable: ["description"],
  start_date: "2024-01-01 00:00:00",
  end_date: "2024-01-10 00:00:00",
};

const ARTICLES = [
  { title: "a", publishedAt: "2024-01-02T10:00:00Z" },
  { title: "b", publishedAt: "2024-01-06T09:00:00Z" },
  { title: "c", publishedAt: "2024-01-09T08:00:00Z" },
];

Deno.test("untilMidnightUtc: the wait ends at the next 00:00 UTC", () => {
  strictEqual(untilMidnightUtc(Date.UTC(2024, 0, 10, 22, 30)), 90 * 60 * 1000);
  strictEqual(untilMidnightUtc(Date.UTC(2024, 0, 10, 23, 59, 59, 500)), 1000);
});

// Like the reference, a CompositeErrorHandler flattens every child's backoff strategies and the first one that
// answers wins: the manifest's ConstantBackoffStrategy (1 s, +1 s padding) comes before
// WaitUntilMidnightBackoffStrategy, so the unchanged manifest retries its 403 after 2 s. The custom strategy
// is still built (its class must be registered) and applies when it comes first (see the next test).
Deno.test("gnews: the 403 (daily quota) is retried like the reference; slices and state", async () => {
  let quotaHit = false;
  const api = loopback((url) => {
    if (url.searchParams.get("token") !== "gn-key") return new Response("{}", { status: 401 });
    if (url.searchParams.get("from") === "2024-01-08T00:00:00Z" && !quotaHit) {
      quotaHit = true;
      return Response.json({ errors: ["You have reached your request limit for today"] }, { status: 403 });
    }
    const from = url.searchParams.get("from")!;
    const to = url.searchParams.get("to")!;
    return {
      totalArticles: 3,
      articles: ARTICLES.filter((a) => a.publishedAt >= from && a.publishedAt <= to),
    };
  });
  try {
    const now = Date.UTC(2024, 0, 10, 22, 30);
    const ctx = readContext({ fetch: redirectFetch(["https://gnews.io"], api.url), now: () => now });
    const out = await readStreams(await corpusText("source-gnews"), CONFIG, {
      path: corpusManifest("source-gnews"),
      components,
      ctx,
      streams: ["search"],
      syncMode: "incremental",
    });
    deepStrictEqual(out.search.records.map((r) => r.title), ["a", "b", "c"]);
    deepStrictEqual(api.requests.map((r) => new URL(r.slice(4), api.url).searchParams.get("from")), [
      "2024-01-01T00:00:00Z",
      "2024-01-08T00:00:00Z",
      "2024-01-08T00:00:00Z",
    ]);
    strictEqual(new URL(api.requests[0].slice(4), api.url).searchParams.get("to"), "2024-01-07T23:59:59Z");
    strictEqual(new URL(api.requests[0].slice(4), api.url).searchParams.get("q"), "deno");
    deepStrictEqual(ctx.slept, [2000]);
    deepStrictEqual(out.search.states.at(-1), { publishedAt: "2024-01-09T08:00:00Z" });
  } finally {
    await api.close();
  }
});

Deno.test("gnews: WaitUntilMidnightBackoffStrategy decides the wait when it is the handler's strategy", async () => {
  const text = (await corpusText("source-gnews")).replace(
    /type: "ConstantBackoffStrategy"\n\s*backoff_time_in_seconds: 1\.0/g,
    'class_name: "source_declarative_manifest.components.WaitUntilMidnightBackoffStrategy"',
  );
  let calls = 0;
  const api = loopback(() => ++calls === 1 ? new Response("{}", { status: 429 }) : { articles: [] });
  try {
    const now = Date.UTC(2024, 0, 10, 23, 58);
    const ctx = readContext({ fetch: redirectFetch(["https://gnews.io"], api.url), now: () => now });
    await readStreams(text, { ...CONFIG, start_date: "2024-01-09 00:00:00" }, {
      components,
      ctx,
      streams: ["search"],
    });
    // 2 minutes to midnight UTC plus the reference's 1 s padding of strategy waits (slept in liveness chunks;
    // a wait past the handler's max_time, 600 s by default, would be capped there like in the reference)
    strictEqual(ctx.slept.reduce((a, b) => a + b, 0), 2 * 60 * 1000 + 1000);
    strictEqual(api.requests.length, 2);
  } finally {
    await api.close();
  }
});
