/**
 * The example-shop code connector: four streams of the sample shop API written with the typed code API.
 *
 * - `customers`: full refresh, offset pagination.
 * - `orders`: incremental on `updated_at` (state `{"updated_at": "…"}`), cursor pagination.
 * - `order_items`: a substream of orders (one request per order).
 * - `payments`: OAuth 2.0 (refresh-token grant), page-number pagination; only when `oauth` is configured.
 * @module
 */
import { oauth2 } from "../../src/auth/oauth2.ts";
import { bearer } from "../../src/auth/bearer.ts";
import type { Middleware } from "../../src/http/requester.ts";
import { type HttpRequestContext, HttpStream, type NextPageContext } from "../../src/source/http_stream.ts";
import { HttpSubStream } from "../../src/source/http_sub_stream.ts";
import { AbstractSource } from "../../src/source/source.ts";
import type { ConnectorSpec, ReadContext, Stream } from "../../src/source/types.ts";
import type { JsonObject, JsonSchema, RecordData } from "../../src/types.ts";
import spec from "./spec.json" with { type: "json" };

/** The connector's config. */
export interface ShopConfig {
  /** Base URL of the API. */
  api_url: string;
  /** Bearer token. */
  api_token: string;
  /** Earliest `updated_at` read (default 2024-01-01T00:00:00Z). */
  start_date?: string;
  /** Records per page (default 4). */
  page_size?: number;
  /** OAuth credentials of the payments stream. */
  oauth?: { client_id: string; client_secret: string; refresh_token: string };
}

const schema = (properties: Record<string, unknown>): JsonSchema => ({
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  additionalProperties: true,
  properties,
});

abstract class ShopStream extends HttpStream {
  readonly urlBase: string;
  constructor(readonly config: ShopConfig) {
    super();
    this.urlBase = config.api_url;
  }
  get pageSize(): number {
    return this.config.page_size ?? 4;
  }
  override authenticator(ctx: ReadContext): Middleware | undefined {
    return bearer(this.config.api_token, { masker: ctx.masker });
  }
}

/** Customers: offset pagination. */
export class Customers extends ShopStream {
  readonly name = "customers";
  override readonly primaryKey = [["id"]];
  override readonly schema = schema({
    id: { type: "integer" },
    name: { type: ["null", "string"] },
    email: { type: ["null", "string"] },
    created_at: { type: ["null", "string"], format: "date-time" },
  });
  path(): string {
    return "customers";
  }
  override requestParams({ pageToken }: HttpRequestContext): Record<string, number> {
    return { limit: this.pageSize, offset: (pageToken as number | undefined) ?? 0 };
  }
  parseResponse(body: unknown): RecordData[] {
    return (body as { data: RecordData[] }).data;
  }
  override nextPageToken({ body, pageToken }: NextPageContext): number | undefined {
    const next = ((pageToken as number | undefined) ?? 0) + this.pageSize;
    return next < (body as { total: number }).total ? next : undefined;
  }
}

/** Orders: incremental on `updated_at`, cursor pagination. */
export class Orders extends ShopStream {
  readonly name = "orders";
  override readonly primaryKey = [["id"]];
  override readonly cursorField = ["updated_at"];
  override readonly schema = schema({
    id: { type: "integer" },
    customer_id: { type: ["null", "integer"] },
    status: { type: ["null", "string"] },
    total: { type: ["null", "number"] },
    updated_at: { type: "string", format: "date-time" },
  });
  path(): string {
    return "orders";
  }
  override requestParams(
    { state, pageToken }: HttpRequestContext,
  ): Record<string, string | number | undefined> {
    const since = (state.updated_at as string | undefined) ?? this.config.start_date ??
      "2024-01-01T00:00:00Z";
    return { updated_since: since, limit: this.pageSize, cursor: pageToken as string | undefined };
  }
  parseResponse(body: unknown): RecordData[] {
    return (body as { orders: RecordData[] }).orders;
  }
  override nextPageToken({ body }: NextPageContext): string | undefined {
    return (body as { next_cursor: string | null }).next_cursor ?? undefined;
  }
}

/** Items of every order (a substream of orders). */
export class OrderItems extends HttpSubStream {
  readonly name = "order_items";
  readonly urlBase: string;
  override readonly primaryKey = [["id"]];
  override readonly schema = schema({
    id: { type: "string" },
    order_id: { type: "integer" },
    sku: { type: ["null", "string"] },
    quantity: { type: ["null", "integer"] },
    updated_at: { type: ["null", "string"], format: "date-time" },
  });
  constructor(readonly config: ShopConfig, parent: Orders) {
    super(parent);
    this.urlBase = config.api_url;
  }
  override authenticator(ctx: ReadContext): Middleware | undefined {
    return bearer(this.config.api_token, { masker: ctx.masker });
  }
  path({ slice }: HttpRequestContext): string {
    return `orders/${(slice.partition.parent as { id: number }).id}/items`;
  }
  parseResponse(body: unknown): RecordData[] {
    return (body as { items: RecordData[] }).items;
  }
}

/** Payments: OAuth 2.0 with the refresh-token grant; rotated refresh tokens are saved via CONTROL messages. */
export class Payments extends ShopStream {
  readonly name = "payments";
  override readonly primaryKey = [["id"]];
  override readonly schema = schema({
    id: { type: "string" },
    order_id: { type: ["null", "integer"] },
    amount: { type: ["null", "number"] },
  });
  path(): string {
    return "payments";
  }
  override authenticator(ctx: ReadContext): Middleware {
    const oauth = this.config.oauth!;
    return oauth2({
      tokenUrl: `${this.config.api_url.replace(/\/$/, "")}/oauth/token`,
      clientId: oauth.client_id,
      clientSecret: oauth.client_secret,
      refreshToken: oauth.refresh_token,
      env: ctx.env,
      masker: ctx.masker,
      refreshTokenUpdater: {
        onUpdate: (tokens) => {
          if (!tokens.refreshToken || tokens.refreshToken === oauth.refresh_token) return;
          oauth.refresh_token = tokens.refreshToken;
          ctx.onConfigUpdate?.({ ...this.config, oauth: { ...oauth } } as unknown as JsonObject);
        },
      },
    });
  }
  override requestParams({ pageToken }: HttpRequestContext): Record<string, number> {
    return { page: (pageToken as number | undefined) ?? 1 };
  }
  parseResponse(body: unknown): RecordData[] {
    return (body as { payments: RecordData[] }).payments;
  }
  override nextPageToken({ body, pageToken }: NextPageContext): number | undefined {
    return (body as { has_more: boolean }).has_more
      ? ((pageToken as number | undefined) ?? 1) + 1
      : undefined;
  }
}

/**
 * The example-shop source.
 *
 * @example
 * ```ts
 * import { ExampleShopSource } from "./source.ts";
 * import { fakeEnv } from "../../src/env.ts";
 * import { SecretMasker } from "../../src/secrets.ts";
 * const streams = await new ExampleShopSource().streams(
 *   { api_url: "http://127.0.0.1:1", api_token: "t" },
 *   { env: fakeEnv(), masker: new SecretMasker() },
 * );
 * if (streams.map((s) => s.name).join() !== "customers,orders,order_items") throw new Error();
 * ```
 */
export class ExampleShopSource extends AbstractSource {
  readonly specification: ConnectorSpec = spec as unknown as ConnectorSpec;
  override readonly checkStreamName = "customers";

  /** The streams for a config (payments only with OAuth credentials). */
  streams(config: JsonObject, _ctx: ReadContext): Promise<Stream[]> {
    const c = structuredClone(config) as unknown as ShopConfig;
    const orders = new Orders(c);
    const streams: Stream[] = [new Customers(c), orders, new OrderItems(c, new Orders(c))];
    if (c.oauth) streams.push(new Payments(c));
    return Promise.resolve(streams);
  }
}
