/**
 * A tiny shop API on a loopback port, used by the example connector's tests and the demo.
 *
 * - `GET /customers?limit=&offset=` — offset pagination, `{data, total}`.
 * - `GET /orders?updated_since=&cursor=&limit=` — orders sorted by `updated_at`, `id`; `updated_since` is
 *   inclusive; cursor pagination with `next_cursor` (null on the last page).
 * - `GET /orders/{id}/items` — the items of one order (a substream).
 * - `GET /payments?page=` — page-number pagination; needs an OAuth access token from `POST /oauth/token`.
 * - `POST /oauth/token` — `grant_type=refresh_token` with client id/secret and refresh token.
 *
 * Every data endpoint needs `Authorization: Bearer <token>` (401 otherwise). Uses `Deno.serve` (connectors
 * may use Deno APIs; library code never does).
 * @module
 */

/** An order of the sample shop. */
export interface SampleOrder {
  id: number;
  customer_id: number;
  status: string;
  total: number;
  updated_at: string;
}

/** Options of {@link startSampleApi}. */
export interface SampleApiOptions {
  /** Number of customers (default 12). */
  customers?: number;
  /** Number of orders (default 10). */
  orders?: number;
  /** Number of payments (default 7). */
  payments?: number;
  /** Static API token (default `sample-token`). */
  token?: string;
  /** OAuth client id (default `shop-client`). */
  clientId?: string;
  /** OAuth client secret (default `shop-secret`). */
  clientSecret?: string;
  /** OAuth refresh token (default `shop-refresh`). */
  refreshToken?: string;
  /** Issue a new refresh token on every refresh (the old one stops working). */
  rotateRefreshTokens?: boolean;
  /** Access token lifetime in seconds (default 3600). */
  accessTokenTtlSeconds?: number;
  /** Added latency per request in ms (default 0). */
  latencyMs?: number;
  /** Every Nth data request fails once with 503 (default never). */
  failEvery?: number;
}

/** One logged request. */
export interface SampleRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | null;
}

/** A running sample API. */
export interface SampleApi {
  /** Base URL, e.g. `http://127.0.0.1:54321`. */
  url: string;
  /** Every request received, in order. */
  requests: SampleRequest[];
  /** The orders (mutable through {@link SampleApi.upsertOrder}). */
  orders: SampleOrder[];
  /** Adds or updates an order (keeps the list sorted by `updated_at`, `id`). */
  upsertOrder(order: Partial<SampleOrder> & { id: number; updated_at: string }): void;
  /** The refresh token currently accepted. */
  currentRefreshToken(): string;
  /** Stops the server. */
  close(): Promise<void>;
}

const HOUR = 3_600_000;
const BASE = Date.UTC(2024, 0, 1);

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

function sortOrders(orders: SampleOrder[]): void {
  orders.sort((a, b) => (a.updated_at < b.updated_at ? -1 : a.updated_at > b.updated_at ? 1 : a.id - b.id));
}

/**
 * Starts the sample API on 127.0.0.1 (random port).
 *
 * @example
 * ```ts
 * import { startSampleApi } from "./sample_api.ts";
 * const api = await startSampleApi();
 * const res = await fetch(`${api.url}/customers`, { headers: { authorization: "Bearer sample-token" } });
 * const body = await res.json();
 * await api.close();
 * if (body.total !== 12) throw new Error(String(body.total));
 * ```
 */
export function startSampleApi(options: SampleApiOptions = {}): Promise<SampleApi> {
  const token = options.token ?? "sample-token";
  const clientId = options.clientId ?? "shop-client";
  const clientSecret = options.clientSecret ?? "shop-secret";
  let refreshToken = options.refreshToken ?? "shop-refresh";
  const ttl = options.accessTokenTtlSeconds ?? 3600;
  const accessTokens = new Map<string, number>();
  let issued = 0;
  let dataRequests = 0;
  const failed = new Set<number>();
  const customers = Array.from({ length: options.customers ?? 12 }, (_, i) => ({
    id: i + 1,
    name: `Customer ${i + 1}`,
    email: `customer${i + 1}@example.test`,
    created_at: iso(BASE + i * 24 * HOUR),
  }));
  const orders: SampleOrder[] = Array.from({ length: options.orders ?? 10 }, (_, i) => ({
    id: i + 1,
    customer_id: (i % (options.customers ?? 12)) + 1,
    status: ["paid", "shipped", "open"][i % 3],
    total: 10 * (i + 1) + 0.5,
    updated_at: iso(BASE + (i + 1) * HOUR),
  }));
  sortOrders(orders);
  const payments = Array.from({ length: options.payments ?? 7 }, (_, i) => ({
    id: `pay_${i + 1}`,
    order_id: (i % Math.max(1, orders.length)) + 1,
    amount: 5 * (i + 1),
  }));
  const requests: SampleRequest[] = [];

  const authorized = (req: Request, oauthOnly: boolean): boolean => {
    const header = req.headers.get("authorization") ?? "";
    const match = /^Bearer (.+)$/.exec(header);
    if (!match) return false;
    if (!oauthOnly && match[1] === token) return true;
    const expires = accessTokens.get(match[1]);
    return expires !== undefined && expires > Date.now();
  };

  const handler = async (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    const query = Object.fromEntries(url.searchParams);
    requests.push({
      method: req.method,
      path: url.pathname,
      query,
      authorization: req.headers.get("authorization"),
    });
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));

    if (url.pathname === "/oauth/token" && req.method === "POST") {
      const form = new URLSearchParams(await req.text());
      if (form.get("grant_type") !== "refresh_token") return json({ error: "unsupported_grant_type" }, 400);
      if (form.get("client_id") !== clientId || form.get("client_secret") !== clientSecret) {
        return json({ error: "invalid_client" }, 401);
      }
      if (form.get("refresh_token") !== refreshToken) return json({ error: "invalid_grant" }, 400);
      const access = `access-${++issued}-${crypto.randomUUID().slice(0, 8)}`;
      accessTokens.set(access, Date.now() + ttl * 1000);
      const body: Record<string, unknown> = { access_token: access, token_type: "Bearer", expires_in: ttl };
      if (options.rotateRefreshTokens) {
        refreshToken = `refresh-${issued}-${crypto.randomUUID().slice(0, 8)}`;
        body.refresh_token = refreshToken;
      }
      return json(body);
    }

    const isPayments = url.pathname === "/payments";
    if (!authorized(req, isPayments)) return json({ error: "unauthorized" }, 401);
    dataRequests++;
    if (options.failEvery && dataRequests % options.failEvery === 0 && !failed.has(dataRequests)) {
      failed.add(dataRequests);
      return json({ error: "temporarily unavailable" }, 503);
    }

    if (url.pathname === "/customers") {
      const limit = Math.min(100, Number(query.limit ?? 5));
      const offset = Number(query.offset ?? 0);
      return json({ data: customers.slice(offset, offset + limit), total: customers.length });
    }
    if (url.pathname === "/orders") {
      const since = query.updated_since ?? "";
      const limit = Math.min(100, Number(query.limit ?? 4));
      const start = query.cursor ? Number(atob(query.cursor)) : 0;
      const matching = orders.filter((o) => o.updated_at >= since);
      const page = matching.slice(start, start + limit);
      const next = start + limit < matching.length ? btoa(String(start + limit)) : null;
      return json({ orders: page, next_cursor: next });
    }
    const items = /^\/orders\/(\d+)\/items$/.exec(url.pathname);
    if (items) {
      const id = Number(items[1]);
      if (!orders.some((o) => o.id === id)) return json({ error: "no such order" }, 404);
      const count = (id % 3) + 1;
      const updatedAt = orders.find((o) => o.id === id)!.updated_at;
      return json({
        items: Array.from(
          { length: count },
          (_, i) => ({
            id: `${id}-${i + 1}`,
            order_id: id,
            sku: `SKU-${(id * 7 + i) % 50}`,
            quantity: i + 1,
            updated_at: updatedAt,
          }),
        ),
      });
    }
    if (isPayments) {
      const page = Math.max(1, Number(query.page ?? 1));
      const size = 3;
      const slice = payments.slice((page - 1) * size, page * size);
      return json({ payments: slice, has_more: page * size < payments.length });
    }
    return json({ error: "not found" }, 404);
  };

  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, handler);
  const addr = server.addr as Deno.NetAddr;
  return Promise.resolve({
    url: `http://127.0.0.1:${addr.port}`,
    requests,
    orders,
    upsertOrder(order) {
      const existing = orders.find((o) => o.id === order.id);
      if (existing) Object.assign(existing, order);
      else orders.push({ customer_id: 1, status: "open", total: 1, ...order });
      sortOrders(orders);
    },
    currentRefreshToken: () => refreshToken,
    close: () => server.shutdown(),
  });
}
