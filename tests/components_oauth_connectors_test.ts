/**
 * More ported corpus manifests (unchanged) with TypeScript authenticators and extractors, end to end on
 * loopback APIs: zoom (server-to-server OAuth), paypal-transaction (client credentials), fastbill (Basic),
 * apify-dataset (wrapping extractor).
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import apify from "../connectors/source-apify-dataset/components.ts";
import fastbill from "../connectors/source-fastbill/components.ts";
import paypal from "../connectors/source-paypal-transaction/components.ts";
import zoom from "../connectors/source-zoom/components.ts";
import {
  corpusManifest,
  corpusText,
  loopback,
  readContext,
  readStreams,
  redirectFetch,
} from "./components_helpers.ts";

Deno.test("zoom: account-credentials token (Basic client auth, account_id) then bearer requests, cursor pages", async () => {
  const tokens: string[] = [];
  const api = loopback((url, request) => {
    if (url.pathname === "/oauth/token") {
      tokens.push(`${request.headers.get("authorization")} ${url.search}`);
      return { access_token: "zoom-token", token_type: "bearer", expires_in: 3599 };
    }
    if (request.headers.get("authorization") !== "Bearer zoom-token") {
      return new Response("{}", { status: 401 });
    }
    if (url.pathname === "/v2/users") {
      const next = url.searchParams.get("next_page_token");
      return next
        ? { users: [{ id: "u2" }], next_page_token: "" }
        : { users: [{ id: "u1" }], next_page_token: "p2" };
    }
    return new Response("{}", { status: 404 });
  });
  try {
    const ctx = readContext({ fetch: redirectFetch(["https://api.zoom.us", "https://zoom.us"], api.url) });
    const out = await readStreams(await corpusText("source-zoom"), {
      account_id: "acc1",
      client_id: "cid",
      client_secret: "csecret",
      authorization_endpoint: "https://zoom.us/oauth/token",
    }, { path: corpusManifest("source-zoom"), components: zoom, ctx, streams: ["users"] });
    deepStrictEqual(out.users.records.map((r) => r.id), ["u1", "u2"]);
    deepStrictEqual(tokens, [`Basic ${btoa("cid:csecret")} ?grant_type=account_credentials&account_id=acc1`]);
    deepStrictEqual(api.requests.slice(1), [
      "GET /v2/users?page_size=30",
      "GET /v2/users?next_page_token=p2&page_size=30",
    ]);
    ok(!ctx.masker.mask("zoom-token csecret").includes("zoom-token"));
  } finally {
    await api.close();
  }
});

Deno.test("paypal-transaction: client-credentials token from the sandbox endpoint, bearer list_products pages", async () => {
  const bodies: string[] = [];
  const api = loopback(async (url, request) => {
    if (url.pathname === "/v1/oauth2/token") {
      bodies.push(`${request.headers.get("authorization")} ${await request.text()}`);
      return { access_token: "pp-token", expires_in: 32400 };
    }
    if (request.headers.get("authorization") !== "Bearer pp-token") {
      return new Response("{}", { status: 401 });
    }
    const page = Number(url.searchParams.get("page") ?? 1);
    return {
      products: page === 1 ? Array.from({ length: 20 }, (_, i) => ({ id: `p${i}` })) : [{ id: "last" }],
    };
  });
  try {
    const ctx = readContext({ fetch: redirectFetch(["https://api-m.sandbox.paypal.com"], api.url) });
    const out = await readStreams(await corpusText("source-paypal-transaction"), {
      client_id: "ppid",
      client_secret: "ppsecret",
      is_sandbox: true,
      start_date: "2024-01-01T00:00:00Z",
    }, {
      path: corpusManifest("source-paypal-transaction"),
      components: paypal,
      ctx,
      streams: ["list_products"],
    });
    strictEqual(out.list_products.records.length, 21);
    deepStrictEqual(bodies, [`Basic ${btoa("ppid:ppsecret")} grant_type=client_credentials`]);
    deepStrictEqual(api.requests.slice(1), [
      "GET /v1/catalogs/products?page_size=20",
      "GET /v1/catalogs/products?page=2&page_size=20",
    ]);
  } finally {
    await api.close();
  }
});

Deno.test("fastbill: Basic auth (username + API key), POST bodies with OFFSET pages", async () => {
  const bodies: unknown[] = [];
  const api = loopback(async (_url, request) => {
    if (request.headers.get("authorization") !== `Basic ${btoa("me@example.com:fb-key")}`) {
      return new Response("{}", { status: 401 });
    }
    const body = await request.json();
    bodies.push(body);
    const offset = Number(body.OFFSET ?? 0);
    const count = offset === 0 ? 100 : 3;
    return {
      RESPONSE: { INVOICES: Array.from({ length: count }, (_, i) => ({ INVOICE_ID: String(offset + i) })) },
    };
  });
  try {
    const ctx = readContext({ fetch: redirectFetch(["https://my.fastbill.com"], api.url) });
    const out = await readStreams(await corpusText("source-fastbill"), {
      username: "me@example.com",
      api_key: "fb-key",
    }, {
      path: corpusManifest("source-fastbill"),
      components: fastbill,
      ctx,
      streams: ["invoices"],
    });
    strictEqual(out.invoices.records.length, 103);
    deepStrictEqual(bodies, [
      { LIMIT: 100, SERVICE: "invoice.get", "Content-Type": "application/json" },
      { LIMIT: 100, SERVICE: "invoice.get", "Content-Type": "application/json", OFFSET: 100 },
    ]);
  } finally {
    await api.close();
  }
});

Deno.test("apify-dataset: item_collection wraps each dataset item as {data: item}", async () => {
  const api = loopback((url, request) => {
    if (request.headers.get("authorization") !== "Bearer ap-token") {
      return new Response("{}", { status: 401 });
    }
    const offset = Number(url.searchParams.get("offset") ?? 0);
    return offset === 0 ? [{ url: "https://a" }, { url: "https://b", n: 2 }] : [];
  });
  try {
    const ctx = readContext({ fetch: redirectFetch(["https://api.apify.com"], api.url) });
    const out = await readStreams(await corpusText("source-apify-dataset"), {
      token: "ap-token",
      dataset_id: "ds1",
    }, {
      path: corpusManifest("source-apify-dataset"),
      components: apify,
      ctx,
      streams: ["item_collection"],
    });
    deepStrictEqual(out.item_collection.records, [{ data: { url: "https://a" } }, {
      data: { url: "https://b", n: 2 },
    }]);
    strictEqual(api.requests[0], "GET /v2/datasets/ds1/items?limit=50");
  } finally {
    await api.close();
  }
});
