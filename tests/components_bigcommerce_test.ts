/**
 * source-bigcommerce (corpus manifest, unchanged) with its TypeScript DateTimeTransformer
 * (connectors/source-bigcommerce/components.ts): RFC 2822 dates of the v2 orders API become ISO dates the
 * cursor reads, so the incremental state advances.
 */
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import components, { rfc2822ToIso } from "../connectors/source-bigcommerce/components.ts";
import {
  corpusManifest,
  corpusText,
  loopback,
  readContext,
  readStreams,
  redirectFetch,
} from "./components_helpers.ts";

const CONFIG = { start_date: "2024-01-01", access_token: "bc-token", store_hash: "abc123" };

Deno.test("rfc2822ToIso: offsets are applied, other text is rejected", () => {
  strictEqual(rfc2822ToIso("Tue, 20 Nov 2018 21:53:45 +0000"), "2018-11-20T21:53:45+00:00");
  strictEqual(rfc2822ToIso("Wed, 03 Jan 2024 01:30:00 +0200"), "2024-01-02T23:30:00+00:00");
  strictEqual(rfc2822ToIso("3 Jan 2024 10:00 -0130"), "2024-01-03T11:30:00+00:00");
  strictEqual(rfc2822ToIso("2024-01-03T10:00:00Z"), undefined);
  strictEqual(rfc2822ToIso("Wed, 03 Foo 2024 01:30:00 +0200"), undefined);
});

Deno.test("bigcommerce: orders' RFC 2822 date_modified become ISO; state from the transformed cursor", async () => {
  const api = loopback((url, request) => {
    if (request.headers.get("x-auth-token") !== "bc-token") return new Response("[]", { status: 401 });
    if (url.pathname !== "/stores/abc123/v2/orders") return new Response("[]", { status: 404 });
    return [
      { id: 1, date_modified: "Tue, 02 Jan 2024 10:00:00 +0000" },
      { id: 2, date_modified: "Fri, 05 Jan 2024 23:30:00 -0100" },
    ];
  });
  try {
    const ctx = readContext({
      fetch: redirectFetch(["https://api.bigcommerce.com"], api.url),
      now: () => Date.UTC(2024, 1, 1),
    });
    const out = await readStreams(await corpusText("source-bigcommerce"), CONFIG, {
      path: corpusManifest("source-bigcommerce"),
      components,
      ctx,
      streams: ["orders"],
      syncMode: "incremental",
    });
    deepStrictEqual(out.orders.records, [
      { id: 1, date_modified: "2024-01-02T10:00:00+00:00" },
      { id: 2, date_modified: "2024-01-06T00:30:00+00:00" },
    ]);
    deepStrictEqual(api.requests, [
      "GET /stores/abc123/v2/orders?sort=date_modified%3Aasc&limit=250&min_date_modified=2024-01-01",
    ]);
    // the cursor parsed the transformed value; the state is written in the cursor's datetime_format
    deepStrictEqual(out.orders.states.at(-1), { date_modified: "2024-01-06" });
    // the next read starts from it
    await readStreams(await corpusText("source-bigcommerce"), CONFIG, {
      components,
      ctx,
      streams: ["orders"],
      syncMode: "incremental",
      state: { orders: { date_modified: "2024-01-06" } },
    });
    strictEqual(
      api.requests[1],
      "GET /stores/abc123/v2/orders?sort=date_modified%3Aasc&limit=250&min_date_modified=2024-01-06",
    );
  } finally {
    await api.close();
  }
});
