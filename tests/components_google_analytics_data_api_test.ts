/**
 * source-google-analytics-data-api (corpus manifest, unchanged) with its TypeScript CombinedExtractor,
 * KeyValueExtractor and DimensionFilterConfigTransformation
 * (connectors/source-google-analytics-data-api/components.ts).
 */
import { deepStrictEqual, strictEqual } from "node:assert/strict";
import components, { dimensionFilter } from "../connectors/source-google-analytics-data-api/components.ts";
import { parseDocument } from "../src/_deps/yaml.ts";
import { corpusManifest, loopback, readContext, readStreams, redirectFetch } from "./components_helpers.ts";
import { readCorpus, validateConnector } from "./components_port_helpers.ts";

const NOW = Date.UTC(2024, 0, 3);
const FILTER_FORM = {
  filter_type: "filter",
  field_name: "country",
  filter: { filter_name: "stringFilter", value: "France", matchType: ["EXACT"], caseSensitive: true },
};

function analytics() {
  const bodies: Record<string, unknown>[] = [];
  const api = loopback(async (url, request) => {
    if (url.pathname === "/v1beta/properties/123:runReport") {
      const body = await request.json();
      bodies.push(body);
      const metric = "sessions";
      const dims = ["date", "country"];
      return {
        dimensionHeaders: dims.map((name: string) => ({ name })),
        metricHeaders: [{ name: metric, type: "TYPE_INTEGER" }],
        rows: [
          {
            dimensionValues: dims.map((d: string) => ({ value: d === "date" ? "20240101" : "France" })),
            metricValues: [{ value: "5" }],
          },
          {
            dimensionValues: dims.map((d: string) => ({ value: d === "date" ? "20240102" : "France" })),
            metricValues: [{ value: "7" }],
          },
        ],
        rowCount: 2,
      };
    }
    return new Response("{}", { status: 404 });
  });
  return { api, bodies };
}

// The corpus manifest's dynamic streams name each stream with a ComponentMappingDefinition whose field_path is
// ["**", "name"] (dpath.set: every `name` key at any depth); the second test runs the manifest's own record
// selector and config_normalization_rules, taken unchanged from the corpus YAML, in a one-stream manifest.
function corpusTextNamedStreams(): Promise<string> {
  return Deno.readTextFile(corpusManifest("source-google-analytics-data-api"));
}

async function corpusParts(): Promise<Record<string, unknown>> {
  const doc = parseDocument(await Deno.readTextFile(corpusManifest("source-google-analytics-data-api")));
  const manifest = doc.toJS({ maxAliasCount: -1 }) as {
    definitions: {
      streams: { google_analytics_stream_template: { retriever: { record_selector: unknown } } };
    };
    spec: { config_normalization_rules: unknown; connection_specification: unknown };
  };
  const selector = manifest.definitions.streams.google_analytics_stream_template.retriever.record_selector;
  return {
    version: "6.48.16",
    type: "DeclarativeSource",
    check: { type: "CheckStream", stream_names: ["report"] },
    streams: [{
      type: "DeclarativeStream",
      name: "report",
      primary_key: [],
      schema_loader: { type: "InlineSchemaLoader", schema: { type: "object" } },
      retriever: {
        type: "SimpleRetriever",
        requester: {
          type: "HttpRequester",
          url_base: "{{ config['base'] }}",
          path: "/v1beta/properties/123:runReport",
          http_method: "POST",
          request_body_json: {
            dimensionFilter: "{{ config['custom_reports_array'][0]['dimensionFilter'] }}",
          },
        },
        record_selector: selector,
      },
    }],
    spec: {
      type: "Spec",
      connection_specification: { type: "object" },
      config_normalization_rules: manifest.spec.config_normalization_rules,
    },
  };
}

Deno.test("google-analytics-data-api: the corpus dynamic streams read a custom report (OAuth, metadata schema, filter)", async () => {
  const reports: { auth: string | null; body: Record<string, unknown> }[] = [];
  const api = loopback(async (url, request) => {
    if (url.pathname === "/oauth2/v4/token") return { access_token: "ga-token", expires_in: 3600 };
    if (url.pathname === "/v1beta/properties/123/metadata") {
      return {
        metrics: [{ apiName: "sessions", type: "TYPE_INTEGER" }, {
          apiName: "totalUsers",
          type: "TYPE_FLOAT",
        }],
      };
    }
    if (url.pathname === "/v1beta/properties/123:runReport") {
      reports.push({ auth: request.headers.get("authorization"), body: await request.json() });
      return {
        dimensionHeaders: [{ name: "date" }, { name: "country" }],
        metricHeaders: [{ name: "sessions", type: "TYPE_INTEGER" }],
        rows: [{
          dimensionValues: [{ value: "20240101" }, { value: "France" }],
          metricValues: [{ value: "5" }],
        }],
        rowCount: 1,
      };
    }
    return new Response("{}", { status: 404 });
  });
  try {
    const ctx = readContext({
      fetch: redirectFetch(["https://analyticsdata.googleapis.com", "https://www.googleapis.com"], api.url),
      now: () => NOW,
    });
    const out = await readCorpus("source-google-analytics-data-api", {
      property_ids: ["123"],
      credentials: { auth_type: "Client", client_id: "c", client_secret: "s", refresh_token: "r" },
      date_ranges_start_date: "2024-01-01",
      custom_reports_array: [{
        name: "by_country",
        dimensions: ["date", "country"],
        metrics: ["sessions"],
        dimensionFilter: FILTER_FORM,
      }],
    }, { components, ctx, text: await corpusTextNamedStreams(), streams: ["by_country"] });
    // the metadata schema types sessions as an integer; property_id and the date slice are added
    deepStrictEqual(out.by_country.records, [{
      sessions: 5,
      date: "20240101",
      country: "France",
      property_id: "123",
      startDate: "2024-01-01",
      endDate: "2024-01-04",
    }]);
    strictEqual(reports.length, 1);
    strictEqual(reports[0].auth, "Bearer ga-token");
    deepStrictEqual(reports[0].body, {
      dimensions: [{ name: "date" }, { name: "country" }],
      metrics: [{ name: "sessions" }],
      returnPropertyQuota: true,
      keepEmptyRows: false,
      limit: 100000,
      dateRanges: [{ startDate: "2024-01-01", endDate: "2024-01-04" }],
      dimensionFilter: {
        filter: {
          fieldName: "country",
          stringFilter: { value: "France", matchType: "EXACT", caseSensitive: true },
        },
      },
    });
  } finally {
    await api.close();
  }
});

Deno.test("google-analytics-data-api: report rows become records from header names; dimension filter normalised", async () => {
  const { api, bodies } = analytics();
  try {
    const ctx = readContext({ now: () => NOW });
    const out = await readStreams(await corpusParts(), {
      base: api.url,
      custom_reports_array: [{
        name: "by_country",
        dimensions: ["date", "country"],
        metrics: ["sessions"],
        dimensionFilter: FILTER_FORM,
      }],
    }, { components, ctx });
    deepStrictEqual(out.report.records, [
      { sessions: "5", date: "20240101", country: "France" },
      { sessions: "7", date: "20240102", country: "France" },
    ]);
    deepStrictEqual(bodies[0].dimensionFilter, {
      filter: {
        fieldName: "country",
        stringFilter: { value: "France", matchType: "EXACT", caseSensitive: true },
      },
    });
  } finally {
    await api.close();
  }
});

Deno.test("google-analytics-data-api: dimension filter shapes", () => {
  deepStrictEqual(
    dimensionFilter({
      filter_type: "notExpression",
      expression: {
        field_name: "n",
        filter: {
          filter_name: "numericFilter",
          operation: ["GREATER_THAN"],
          value: { value_type: "int64Value", value: "3" },
        },
      },
    }),
    {
      notExpression: {
        filter: { fieldName: "n", numericFilter: { value: { int64Value: "3" }, operation: "GREATER_THAN" } },
      },
    },
  );
  deepStrictEqual(
    dimensionFilter({
      filter_type: "filter",
      field_name: "x",
      filter: {
        filter_name: "betweenFilter",
        fromValue: { value_type: "doubleValue", value: "1.5" },
        toValue: { value_type: "int64Value", value: "9" },
      },
    }),
    {
      filter: {
        fieldName: "x",
        betweenFilter: { fromValue: { doubleValue: 1.5 }, toValue: { int64Value: "9" } },
      },
    },
  );
  deepStrictEqual(dimensionFilter({ filter_type: "orGroup", expressions: [] }), {});
});

Deno.test("google-analytics-data-api: validate --components accepts the corpus manifest", async () => {
  const { code, out } = await validateConnector("source-google-analytics-data-api");
  strictEqual(code, 0, out);
});
