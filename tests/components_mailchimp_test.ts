/**
 * source-mailchimp (corpus manifest, unchanged) with its TypeScript ExtractAndSetDataCenterConfigValue and
 * MailChimpRecordExtractorEmailActivity (connectors/source-mailchimp/components.ts) on a loopback Mailchimp.
 */
import { deepStrictEqual, rejects, strictEqual } from "node:assert/strict";
import components, { dataCenterOf } from "../connectors/source-mailchimp/components.ts";
import {
  corpusManifest,
  corpusText,
  loopback,
  readContext,
  readStreams,
  redirectFetch,
} from "./components_helpers.ts";

Deno.test("dataCenterOf: the suffix of the API key", () => {
  strictEqual(dataCenterOf("0123abcd-us6"), "us6");
  strictEqual(dataCenterOf("nodc"), undefined);
});

Deno.test("mailchimp: the API key's data center picks the host; email activity flattened per action", async () => {
  const api = loopback((url, request) => {
    if (request.headers.get("authorization") !== `Basic ${btoa("anystring:key123-us6")}`) {
      return new Response("{}", { status: 401 });
    }
    if (url.pathname === "/3.0/campaigns") {
      return Number(url.searchParams.get("offset") ?? 0) > 0 ? { campaigns: [] } : {
        campaigns: [{ id: "c1", create_time: "2024-01-02T00:00:00+00:00", title: "" }],
      };
    }
    if (url.pathname === "/3.0/reports/c1/email-activity") {
      return {
        emails: [
          {
            campaign_id: "c1",
            list_id: "l1",
            email_id: "e1",
            email_address: "a@example.com",
            activity: [
              { action: "open", timestamp: "2024-01-03T10:00:00+00:00" },
              { action: "click", timestamp: "2024-01-03T10:05:00+00:00", url: "https://x" },
            ],
          },
          { campaign_id: "c1", list_id: "l1", email_id: "e2", email_address: "b@example.com", activity: [] },
        ],
      };
    }
    return new Response("{}", { status: 404 });
  });
  try {
    const ctx = readContext({ fetch: redirectFetch(["https://us6.api.mailchimp.com"], api.url) });
    const out = await readStreams(await corpusText("source-mailchimp"), {
      credentials: { auth_type: "apikey", apikey: "key123-us6" },
      start_date: "2024-01-01T00:00:00.000Z",
    }, {
      path: corpusManifest("source-mailchimp"),
      components,
      ctx,
      streams: ["campaigns", "email_activity"],
      syncMode: "incremental",
    });
    // RemoveFields drops the empty title, like the reference
    deepStrictEqual(out.campaigns.records, [{ id: "c1", create_time: "2024-01-02T00:00:00+00:00" }]);
    deepStrictEqual(
      out.email_activity.records.map((r) => [r.email_id, r.action, r.timestamp, r.email_address]),
      [
        ["e1", "open", "2024-01-03T10:00:00+00:00", "a@example.com"],
        ["e1", "click", "2024-01-03T10:05:00+00:00", "a@example.com"],
      ],
    );
    strictEqual(out.email_activity.records[1].url, "https://x");
  } finally {
    await api.close();
  }
});

Deno.test("mailchimp: OAuth without data_center is a config error naming the field", async () => {
  await rejects(
    readStreams(await corpusText("source-mailchimp"), {
      credentials: { auth_type: "oauth2.0", access_token: "t" },
    }, {
      components,
      ctx: readContext(),
      streams: ["campaigns"],
    }),
    /set data_center/,
  );
});
