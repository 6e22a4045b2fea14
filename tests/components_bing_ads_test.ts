/**
 * source-bing-ads (corpus manifest, unchanged) with its TypeScript components
 * (connectors/source-bing-ads/components.ts): accounts matched by several name predicates are kept once,
 * campaign settings reshaped; the bulk/report components checked on their own.
 */
import { deepStrictEqual, ok, rejects, strictEqual, throws } from "node:assert/strict";
import components, {
  bulkModifiedTime,
  bulkStateMigration,
  customReportSchema,
  gzipCsvDecoder,
  hourlyPeriod,
} from "../connectors/source-bing-ads/components.ts";
import { loopback, readContext, readStreams, redirectFetch } from "./components_helpers.ts";
import { readCorpus, validateConnector } from "./components_port_helpers.ts";

const ORIGINS = [
  "https://login.microsoftonline.com",
  "https://clientcenter.api.bingads.microsoft.com",
  "https://campaign.api.bingads.microsoft.com",
];
const CONFIG = {
  client_id: "cid",
  client_secret: "cs",
  refresh_token: "rt",
  tenant_id: "common",
  developer_token: "dev",
  account_names: [{ name: "Airbyte", operator: "Contains" }, { name: "Plumbing", operator: "Contains" }],
};

// The users stream posts the plain-text body '{"UserId": null}' (request_body_data as a string): spout sends it
// as is, like the reference, so the corpus text is read unchanged (the test checks the body it received).

function bing() {
  const searches: unknown[] = [];
  const userQueries: { body: string; type: string | null }[] = [];
  const api = loopback(async (url, request) => {
    if (url.pathname === "/common/oauth2/v2.0/token") {
      return { access_token: "bing-access", expires_in: 3600 };
    }
    if (request.headers.get("authorization") !== "Bearer bing-access") {
      return new Response("{}", { status: 401 });
    }
    if (url.pathname === "/CustomerManagement/v13/User/Query") {
      userQueries.push({ body: await request.text(), type: request.headers.get("content-type") });
      return { User: { Id: 42 } };
    }
    if (url.pathname === "/CustomerManagement/v13/Accounts/Search") {
      const body = await request.json();
      searches.push(body.Predicates);
      if (body.PageInfo.Index > 0) return { Accounts: [] };
      return {
        Accounts: [{
          Id: 151049662,
          Name: "Airbyte Plumbing",
          ParentCustomerId: 9,
          LastModifiedTime: "2024-01-02T03:04:05.123456",
        }],
      };
    }
    if (url.pathname === "/CampaignManagement/v13/Campaigns/QueryByAccountId") {
      return {
        Campaigns: [{
          Id: "55",
          Name: "c",
          Settings: [
            { Type: "TargetSetting", Details: [{ CriterionTypeGroup: "Audience" }] },
            { Type: "DynamicFeedSetting", FeedId: "321", PageFeedIds: ["8246337222870", "1"], Labels: [] },
          ],
          BiddingScheme: { Type: "ManualCpc", MaxCpc: { Amount: 5 } },
        }],
      };
    }
    return new Response("{}", { status: 404 });
  });
  return { api, searches, userQueries };
}

Deno.test("bing-ads: an account matched by two name predicates is emitted once; campaign settings reshaped", async () => {
  const { api, searches, userQueries } = bing();
  try {
    const ctx = readContext({ fetch: redirectFetch(ORIGINS, api.url) });
    const out = await readCorpus("source-bing-ads", CONFIG, {
      components,
      ctx,
      streams: ["accounts", "campaigns"],
    });
    // the internal users stream posts its plain-text body as is, with the manifest's content type
    ok(userQueries.length >= 1);
    for (const q of userQueries) deepStrictEqual(q, { body: '{"UserId": null}', type: "application/json" });
    // two predicates, one search each (plus the empty next pages): the duplicate is filtered
    strictEqual(searches.length >= 2, true);
    deepStrictEqual(out.accounts.records.map((r) => r.Id), [151049662]);
    const campaign = out.campaigns.records[0];
    deepStrictEqual(campaign.Settings, {
      Setting: [
        { Type: "TargetSetting", Details: { TargetSettingDetail: [{ CriterionTypeGroup: "Audience" }] } },
        { Type: "DynamicFeedSetting", FeedId: 321, PageFeedIds: { long: [8246337222870, 1] }, Labels: null },
      ],
    });
    strictEqual(campaign.Id, 55);
  } finally {
    await api.close();
  }
});

Deno.test("bing-ads: bulk and report helpers", async () => {
  deepStrictEqual(
    bulkStateMigration.migrate({
      "151049662": { "Modified Time": "2024-01-01T00:00:00+00:00" },
      Id: "x",
      "Modified Time": null,
    }),
    { "151049662": { "Modified Time": "2024-01-01T00:00:00+00:00" } },
  );
  strictEqual(bulkStateMigration.shouldMigrate({ "Modified Time": "2024" }), false);
  strictEqual(hourlyPeriod("2023-11-04|09"), "2023-11-04T09:00:00+00:00");
  throws(() => hourlyPeriod("2023-11-04"));
  deepStrictEqual(Object.keys(customReportSchema(["A"], "Daily").properties as object), ["A"]);
  // the decoder: gzip detected by magic bytes, plain CSV otherwise, a BOM dropped
  const decoder = gzipCsvDecoder();
  const csv = "\ufeffId,Modified Time\n1,04/27/2023 18:00:14.970\n";
  const gz = new Uint8Array(
    await new Response(new Blob([csv]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer(),
  );
  for (const body of [gz, new TextEncoder().encode(csv)]) {
    const rows: unknown[] = [];
    for await (const row of decoder.decode(new Response(body))) rows.push(row);
    deepStrictEqual(rows, [{ Id: "1", "Modified Time": "04/27/2023 18:00:14.970" }]);
  }
  const transform = bulkModifiedTime;
  const record: Record<string, string> = { "Modified Time": "04/27/2023 18:00:14.970" };
  transform(record);
  strictEqual(record["Modified Time"], "2023-04-27T18:00:14.970+00:00");
  await rejects(Promise.resolve().then(() => transform({})));
});

Deno.test("bing-ads: LightSubstreamPartitionRouter drops parent_slice from partitions (and state keys)", async () => {
  // the class as the corpus uses it (account_substream_partition_router), in a two-stream manifest
  const api = loopback((url) =>
    url.pathname === "/accounts"
      ? { items: [{ id: 7, ParentCustomerId: 9 }, { id: 8, ParentCustomerId: 9 }] }
      : {
        items: [{ Id: `r-${url.searchParams.get("account")}`, "Modified Time": "2024-01-02T00:00:00+00:00" }],
      }
  );
  try {
    const stream = (name: string, path: string, extra: Record<string, unknown> = {}) => ({
      type: "DeclarativeStream",
      name,
      primary_key: [],
      schema_loader: { type: "InlineSchemaLoader", schema: { type: "object" } },
      retriever: {
        type: "SimpleRetriever",
        requester: { type: "HttpRequester", url_base: api.url, path, http_method: "GET" },
        record_selector: {
          type: "RecordSelector",
          extractor: { type: "DpathExtractor", field_path: ["items"] },
        },
        ...extra,
      },
    });
    const accounts = stream("accounts", "/accounts");
    const child = {
      ...stream("bulk", "/bulk", {
        partition_router: {
          type: "CustomPartitionRouter",
          class_name: "source_declarative_manifest.components.LightSubstreamPartitionRouter",
          parent_stream_configs: [{
            type: "ParentStreamConfig",
            parent_key: "id",
            partition_field: "account_id",
            stream: accounts,
            extra_fields: [["ParentCustomerId"]],
          }],
        },
      }),
      incremental_sync: {
        type: "DatetimeBasedCursor",
        cursor_field: "Modified Time",
        datetime_format: "%Y-%m-%dT%H:%M:%S%z",
        start_datetime: "2024-01-01T00:00:00+0000",
        end_datetime: "2024-01-03T00:00:00+0000",
      },
    };
    (child.retriever.requester as Record<string, unknown>).request_parameters = {
      account: "{{ stream_partition['account_id'] }}",
      customer: "{{ stream_partition.extra_fields['ParentCustomerId'] }}",
    };
    const manifest = {
      version: "6.7.0",
      type: "DeclarativeSource",
      check: { type: "CheckStream", stream_names: ["accounts"] },
      streams: [accounts, child],
      spec: { type: "Spec", connection_specification: { type: "object" } },
    };
    const out = await readStreams(manifest, {}, { components, streams: ["bulk"], syncMode: "incremental" });
    deepStrictEqual(out.bulk.records.map((r) => r.Id), ["r-7", "r-8"]);
    deepStrictEqual(
      api.requests.filter((r) => r.startsWith("GET /bulk")).map((r) =>
        new URL(r.slice(4), api.url).searchParams.get("customer")
      ),
      ["9", "9"],
    );
    const partitions = ((out.bulk.states.at(-1)!.states ?? []) as { partition: unknown }[]).map((s) =>
      s.partition
    );
    deepStrictEqual(partitions, [{ account_id: 7 }, { account_id: 8 }]);
  } finally {
    await api.close();
  }
});

Deno.test("bing-ads: validate --components accepts the corpus manifest", async () => {
  const { code, out } = await validateConnector("source-bing-ads");
  strictEqual(code, 0, out);
});
