/**
 * source-chargebee (corpus manifest, unchanged) with its TypeScript CustomFieldTransformation
 * (connectors/source-chargebee/components.ts): `cf_*` fields become `custom_fields: [{name, value}]`.
 */
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import components from "../connectors/source-chargebee/components.ts";
import {
  corpusManifest,
  corpusText,
  loopback,
  readContext,
  readStreams,
  redirectFetch,
} from "./components_helpers.ts";

Deno.test("chargebee: addon records carry their cf_* fields as custom_fields; offset pages; state", async () => {
  const api = loopback((url, request) => {
    if (request.headers.get("authorization") !== `Basic ${btoa("cb-key:")}`) {
      return new Response("{}", { status: 401 });
    }
    if (url.pathname !== "/api/v2/addons") return new Response("{}", { status: 404 });
    return url.searchParams.get("offset") ? { list: [{ addon: { id: "a2", updated_at: 1704800000 } }] } : {
      list: [{ addon: { id: "a1", cf_tier: "gold", updated_at: 1704500000, cf_region: "eu" } }],
      next_offset: '["1704500000","a1"]',
    };
  });
  try {
    const ctx = readContext({
      fetch: redirectFetch(["https://acme.chargebee.com"], api.url),
      now: () => Date.UTC(2024, 0, 15),
    });
    const out = await readStreams(await corpusText("source-chargebee"), {
      site: "acme",
      site_api_key: "cb-key",
      start_date: "2024-01-01T00:00:00.000Z",
    }, {
      path: corpusManifest("source-chargebee"),
      components,
      ctx,
      streams: ["addon"],
      syncMode: "incremental",
    });
    deepStrictEqual(out.addon.records, [
      {
        id: "a1",
        updated_at: 1704500000,
        custom_fields: [{ name: "cf_tier", value: "gold" }, { name: "cf_region", value: "eu" }],
      },
      { id: "a2", updated_at: 1704800000, custom_fields: [] },
    ]);
    strictEqual(api.requests.length, 2);
    strictEqual(new URL(api.requests[1].slice(4), api.url).searchParams.get("offset"), '["1704500000","a1"]');
    deepStrictEqual(out.addon.states.at(-1), { updated_at: "1704800000" });
  } finally {
    await api.close();
  }
});
