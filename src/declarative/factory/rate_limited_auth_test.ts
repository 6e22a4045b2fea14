import { deepStrictEqual, ok, rejects } from "node:assert/strict";
import type { JsonObject } from "../../types.ts";
import { createDeclarativeSource } from "../manifest_source.ts";
import { api, manifest, read, records } from "./_test_api.ts";

// Requests (with the token each carried) of the reference reading a 5-page stream with a
// RateLimitedMultipleTokenAuthenticator: rotation on local counters, token lists, a 429 with a remaining header,
// an exhaustion wait and reseed, a reset beyond max_wait_time, an endpoint without quotas, pool matchers.
interface Route {
  path: string;
  query?: Record<string, string>;
  headers_match?: Record<string, string>;
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  times?: number;
}
interface Case {
  auth: JsonObject;
  routes: Route[];
  requests: string[];
  records: JsonObject[];
  errors: string[];
}
const golden = JSON.parse(
  await Deno.readTextFile(new URL("./testdata/rate_limited_multiple_token_reference.json", import.meta.url)),
) as Record<string, Case>;

const BASE = "https://api.test";
const rebase = <T>(value: T): T => JSON.parse(JSON.stringify(value).replaceAll("__BASE__", BASE));

function streamFor(auth: JsonObject) {
  return {
    type: "DeclarativeStream",
    name: "items",
    primary_key: [],
    schema_loader: { type: "InlineSchemaLoader", schema: {} },
    retriever: {
      type: "SimpleRetriever",
      requester: {
        type: "HttpRequester",
        url_base: BASE,
        path: "/items",
        http_method: "GET",
        authenticator: rebase(auth),
        error_handler: {
          type: "DefaultErrorHandler",
          max_retries: 3,
          backoff_strategies: [{ type: "ConstantBackoffStrategy", backoff_time_in_seconds: 0 }],
        },
      },
      record_selector: {
        type: "RecordSelector",
        extractor: { type: "DpathExtractor", field_path: ["data"] },
      },
      paginator: {
        type: "DefaultPaginator",
        pagination_strategy: { type: "PageIncrement", page_size: 1, start_from_page: 1 },
        page_token_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "page" },
      },
    },
  };
}

function serve(c: Case) {
  const routes = structuredClone(c.routes);
  return api((url, request) => {
    const route = routes.find((r) =>
      r.path === url.pathname &&
      Object.entries(r.query ?? {}).every(([k, v]) => url.searchParams.get(k) === v) &&
      Object.entries(r.headers_match ?? {}).every(([k, v]) => request.headers.get(k) === v) &&
      r.times !== 0
    );
    if (!route) return new Response("{}", { status: 404 });
    if (route.times !== undefined) route.times--;
    return new Response(JSON.stringify(route.json ?? {}), {
      status: route.status ?? 200,
      headers: { "content-type": "application/json", ...route.headers },
    });
  });
}

for (const [name, c] of Object.entries(golden)) {
  Deno.test(`RateLimitedMultipleTokenAuthenticator sends what the reference sends: ${name}`, async () => {
    const { ctx, requests } = serve(c);
    const reading = read(
      manifest([streamFor(c.auth)]),
      { tokens: "tok-a, tok-b", list: ["tok-a", "tok-b"] },
      ctx,
      "items",
    );
    if (c.errors.length) {
      await rejects(reading, /Rate limit is exceeded for all provided tokens/);
    } else {
      deepStrictEqual(records(await reading), c.records);
    }
    const seen = requests.map((r) => {
      const url = new URL(r.line.split(" ")[1]);
      return `${r.line.split(" ")[0]} ${url.pathname}${url.search} ${r.headers.get("authorization")}`;
    });
    deepStrictEqual(seen, c.requests);
  });
}

Deno.test("RateLimitedMultipleTokenAuthenticator: tokens are masked; streams of one source share the counters", async () => {
  const c = golden.rotation;
  const { ctx, requests } = serve(c);
  const other = { ...streamFor(c.auth), name: "other", $parameters: { x: 1 } };
  const source = await createDeclarativeSource(manifest([streamFor(c.auth), other]));
  const streams = await source.streams({ tokens: "tok-a, tok-b" }, ctx);
  for (const stream of streams) for await (const _ of stream.read({ syncMode: "full_refresh" }, ctx));
  ok(!ctx.masker.mask("tok-a tok-b").includes("tok-"));
  // seeded once for both streams; tok-a's 2 calls are spent by the first stream, so "other" uses tok-b only
  deepStrictEqual(requests.filter((r) => r.line.includes("/rate_limit")).length, 2);
  deepStrictEqual(
    requests.slice(8).map((r) => r.headers.get("authorization")),
    Array(6).fill("Bearer tok-b"),
  );
});
