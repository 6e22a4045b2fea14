/**
 * source-twilio (corpus manifest, unchanged) with its TypeScript TwilioDateTimeTypeTransformer and state
 * migrations (connectors/source-twilio/components.ts). Expected date conversions were checked with Python's
 * `strptime`.
 */
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import components, {
  addParentSlice,
  messageMediaPartitions,
  rfc2822ToIso,
  usageRecordsPartitions,
} from "../connectors/source-twilio/components.ts";
import type { JsonObject } from "../src/types.ts";
import { loopback, readContext, redirectFetch } from "./components_helpers.ts";
import { readCorpus, validateConnector } from "./components_port_helpers.ts";

const NOW = Date.UTC(2024, 1, 1, 12);
const CONFIG = { account_sid: "AC1", auth_token: "tw-token", start_date: "2024-01-01T00:00:00Z" };
const ORIGINS = ["https://api.twilio.com", "https://monitor.twilio.com"];

Deno.test("rfc2822ToIso: strptime('%a, %d %b %Y %H:%M:%S %z') rules", () => {
  strictEqual(rfc2822ToIso("fri, 11 DEC 2020 04:28:40 -0230"), "2020-12-11T06:58:40Z");
  strictEqual(rfc2822ToIso("Fri,  11 Dec 2020 04:28:40 +00:00"), "2020-12-11T04:28:40Z");
  strictEqual(rfc2822ToIso("Fri, 11 Dec 2020 4:8:4 Z"), "2020-12-11T04:08:04Z");
  strictEqual(rfc2822ToIso("Sat, 30 Feb 2020 04:28:40 +0000"), undefined);
  strictEqual(rfc2822ToIso("Xyz, 11 Dec 2020 04:28:40 +0000"), undefined);
});

function twilio() {
  return loopback((url, request) => {
    if (request.headers.get("authorization") !== `Basic ${btoa("AC1:tw-token")}`) {
      return new Response("{}", { status: 401 });
    }
    if (url.pathname === "/2010-04-01/Accounts.json") {
      return {
        accounts: [{
          sid: "AC1",
          date_created: "Fri, 11 Dec 2020 04:28:40 +0100",
          date_updated: "2020-12-11T04:29:09Z",
          friendly_name: "Fri, 11 Dec 2020 04:28:40 +0000",
          subresource_uris: { calls: "/2010-04-01/Accounts/AC1/Calls.json" },
        }],
      };
    }
    if (url.pathname === "/2010-04-01/Accounts/AC1/Calls.json") {
      return { calls: [{ sid: "CA1", end_time: "Wed, 10 Jan 2024 10:00:00 +0000" }] };
    }
    if (url.pathname === "/v1/Alerts") {
      return { alerts: [{ sid: "NO1", date_generated: "2024-01-20T00:00:00Z" }], meta: {} };
    }
    return new Response("{}", { status: 404 });
  });
}

Deno.test("twilio: RFC 2822 date-time fields become ISO 8601 UTC after the default normalisation", async () => {
  const api = twilio();
  try {
    const ctx = readContext({ fetch: redirectFetch(ORIGINS, api.url), now: () => NOW });
    const out = await readCorpus("source-twilio", CONFIG, { components, ctx, streams: ["accounts"] });
    const account = out.accounts.records[0];
    strictEqual(account.date_created, "2020-12-11T03:28:40Z");
    strictEqual(account.date_updated, "2020-12-11T04:29:09Z");
    // not a date-time field in the schema: unchanged
    strictEqual(account.friendly_name, "Fri, 11 Dec 2020 04:28:40 +0000");
  } finally {
    await api.close();
  }
});

Deno.test("twilio: legacy alerts state (per-partition shape) is migrated to the cursor", async () => {
  const api = twilio();
  try {
    const ctx = readContext({ fetch: redirectFetch(ORIGINS, api.url), now: () => NOW });
    const out = await readCorpus("source-twilio", CONFIG, {
      components,
      ctx,
      streams: ["alerts"],
      syncMode: "incremental",
      state: { alerts: { states: [{ partition: {}, cursor: { date_generated: "2024-01-15T00:00:00Z" } }] } },
    });
    const alerts = api.requests.filter((r) => r.startsWith("GET /v1/Alerts"));
    strictEqual(new URL(alerts[0].slice(4), api.url).searchParams.get("StartDate"), "2024-01-15T00:00:00Z");
    deepStrictEqual(out.alerts.states.at(-1), { date_generated: "2024-01-20T00:00:00Z" });
  } finally {
    await api.close();
  }
});

Deno.test("twilio: legacy per-partition calls state without parent_slice is still honoured", async () => {
  const api = twilio();
  try {
    const ctx = readContext({ fetch: redirectFetch(ORIGINS, api.url), now: () => NOW });
    const uri = "/2010-04-01/Accounts/AC1/Calls.json";
    const out = await readCorpus("source-twilio", CONFIG, {
      components,
      ctx,
      streams: ["calls"],
      syncMode: "incremental",
      state: {
        calls: { states: [{ partition: { subresource_uri: uri }, cursor: { end_time: "2024-01-08" } }] },
      },
    });
    const calls = api.requests.filter((r) => r.startsWith(`GET ${uri}`));
    strictEqual(new URL(calls[0].slice(4), api.url).searchParams.get("EndTime>"), "2024-01-08");
    deepStrictEqual(out.calls.records.map((r) => [r.sid, r.end_time]), [["CA1", "2024-01-10T10:00:00Z"]]);
  } finally {
    await api.close();
  }
});

Deno.test("twilio: usage-records and message-media state migrations", () => {
  const usage: JsonObject = {
    states: [
      {
        cursor: { start_date: "2025-08-21T00:00:00Z" },
        partition: { account_sid: "AC1", date_created: "Tue, 17 Nov 2020 04:08:53 +0000" },
      },
      { cursor: {}, partition: { other: 1 } },
    ],
  };
  strictEqual(usageRecordsPartitions.shouldMigrate(usage), true);
  deepStrictEqual(usageRecordsPartitions.migrate(usage), {
    states: [{
      partition: { account_sid: "AC1", parent_slice: {} },
      cursor: { start_date: "2025-08-21T00:00:00Z" },
    }],
  });
  const media = {
    states: [{
      partition: { subresource_uri: "/2010-04-01/Accounts/AC1/Messages/SM1/Media.json" },
      cursor: { date_created: "2022-11-01T00:00:00Z" },
    }],
  };
  deepStrictEqual(messageMediaPartitions.migrate(media), {
    states: [{
      partition: {
        subresource_uri: "/2010-04-01/Accounts/AC1/Messages/SM1/Media.json",
        parent_slice: { subresource_uri: "/2010-04-01/Accounts/AC1/Messages.json", parent_slice: {} },
      },
      cursor: { date_created: "2022-11-01T00:00:00Z" },
    }],
  });
  strictEqual(addParentSlice.shouldMigrate({}), false);
  strictEqual(addParentSlice.shouldMigrate({ states: [{ partition: { parent_slice: {} } }] }), false);
});

Deno.test("twilio: validate --components accepts the corpus manifest", async () => {
  const { code, out } = await validateConnector("source-twilio");
  strictEqual(code, 0, out);
});
