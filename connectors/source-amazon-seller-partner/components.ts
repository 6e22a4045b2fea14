/**
 * Custom components of the corpus manifest `source-amazon-seller-partner.yaml` (unchanged), in TypeScript.
 *
 * - `AmazonSPOauthAuthenticator`: a refresh-token grant at `token_refresh_endpoint` (Login with Amazon, form
 *   body), the token sent in `x-amz-access-token` with `host`, `user-agent: python-requests` and `x-amz-date`
 *   (no `Authorization`); renewed when it expires.
 *   A 403 "The access token you provided has expired." (seen by the backoff strategy) makes every
 *   authenticator fetch a new token on its next request.
 * - `AmazonSellerPartnerWaitTimeFromHeaderBackoffStrategy`: `1 / rate` seconds from the rate header (e.g.
 *   `x-amzn-RateLimit-Limit: 0.0167` -> ~60 s), else `default_backoff_time` (10 s).
 * - Decoders (`decoders.ts`): `GzipCsvDecoder`, `GzipJsonDecoder`, `GzipXmlDecoder`,
 *   `SellerFeedbackReportsGzipCsvDecoder`, `GetXmlBrowseTreeDataDecoder`.
 * - Schema normalisations (`normalizers.ts`): the ledger, listings, merchant, seller-feedback and settlement
 *   report type transformers.
 * - `ValidateReportOptionsListStreamNameUniqueness` / `...OptionNameUniqueness`: unique `stream_name`s across
 *   `report_options_list`, unique `option_name`s within each `options_list`.
 * @module
 */
import { type ComponentContext, defineComponents } from "../../src/declarative/components.ts";
import { SpoutError } from "../../src/errors.ts";
import type { Middleware } from "../../src/http/requester.ts";
import { isObject } from "../../src/types.ts";
import {
  browseTreeDecoder,
  gzipCsvDecoder,
  gzipJsonDecoder,
  gzipXmlDecoder,
  sellerFeedbackDecoder,
} from "./decoders.ts";
import {
  ledgerDates,
  listingDates,
  merchantDateTimes,
  sellerFeedbackDates,
  settlementDateTimes,
} from "./normalizers.ts";

/** The error text of an expired access token. */
export const TOKEN_EXPIRED = "The access token you provided has expired.";

// Authenticators that must fetch a new token after a "token expired" 403 (the reference's module-level list).
const invalidators = new Set<() => void>();

/**
 * `x-amz-date` of a time (ms since the epoch): `YYYYMMDDTHHMMSSZ`.
 *
 * @example
 * ```ts
 * import { amzDate } from "./components.ts";
 * if (amzDate(Date.UTC(2024, 0, 2, 3, 4, 5)) !== "20240102T030405Z") throw new Error(amzDate(0));
 * ```
 */
export function amzDate(now: number): string {
  return new Date(now).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function spAuthenticator(options: { [key: string]: unknown }, ctx: ComponentContext): Middleware {
  const text = (key: string) => ctx.template(options[key] ?? "").render();
  const form = {
    grant_type: "refresh_token",
    client_id: text("client_id"),
    client_secret: text("client_secret"),
    refresh_token: text("refresh_token"),
  };
  const endpoint = text("token_refresh_endpoint");
  const host = text("host");
  const env = ctx.env;
  ctx.read?.masker.add(form.client_secret);
  ctx.read?.masker.add(form.refresh_token);
  let token: string | undefined;
  let expiresAt = 0;
  let pending: Promise<string> | undefined;
  invalidators.add(() => (expiresAt = 0));
  const refresh = async (): Promise<string> => {
    const response = await env.fetch(
      new Request(endpoint, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form).toString(),
      }),
    );
    const body: unknown = await response.json().catch(() => undefined);
    const value = isObject(body) ? body.access_token : undefined;
    if (!response.ok || typeof value !== "string" || value === "") {
      throw new SpoutError(
        "http_auth",
        `the LWA token refresh at ${
          new URL(endpoint).origin
        } failed with HTTP ${response.status}: check the ` +
          "LWA app id, client secret and refresh token",
      );
    }
    ctx.read?.masker.add(value);
    const seconds = Number(isObject(body) ? body.expires_in : undefined);
    expiresAt = env.now() + (Number.isFinite(seconds) ? seconds : 3600) * 1000;
    token = value;
    return value;
  };
  return (next) => async (request) => {
    if (token === undefined || env.now() >= expiresAt) {
      pending ??= refresh().finally(() => (pending = undefined));
      await pending;
    }
    const out = new Request(request);
    out.headers.set("host", host);
    out.headers.set("user-agent", "python-requests");
    out.headers.set("x-amz-access-token", token!);
    out.headers.set("x-amz-date", amzDate(env.now()));
    return next(out);
  };
}

function mentionsExpiredToken(body: unknown): boolean {
  const errors = isObject(body) && Array.isArray(body.errors) ? body.errors : [];
  return errors.some((e) =>
    isObject(e) && [e.message, e.details].some((t) => typeof t === "string" && t.includes(TOKEN_EXPIRED))
  );
}

function headerNumber(response: Response | undefined, header: string, regex?: string): number | undefined {
  const raw = response?.headers.get(header);
  if (raw === null || raw === undefined) return undefined;
  let text = raw;
  if (regex) {
    const m = new RegExp(regex).exec(raw);
    if (!m) return undefined;
    text = m[0];
  }
  const n = Number(text);
  return text.trim() !== "" && Number.isFinite(n) ? n : undefined;
}

function uniqueness(kind: "stream" | "option"): (value: unknown) => void {
  return (value) => {
    if (!Array.isArray(value) || value.length === 0) return;
    if (kind === "stream") {
      const names: unknown[] = [];
      for (const option of value) {
        const name = isObject(option) ? option.stream_name : undefined;
        if (names.includes(name)) {
          throw new Error(
            `Stream names (\`stream_name\`) should be unique across all report options in \`report_options_list\`. ` +
              `Duplicate value: ${String(name)}`,
          );
        }
        names.push(name);
      }
      return;
    }
    if (!isObject(value[0])) return;
    for (const report of value) {
      const names: unknown[] = [];
      const list = isObject(report) && Array.isArray(report.options_list) ? report.options_list : [];
      for (const option of list) {
        const name = isObject(option) ? option.option_name : undefined;
        if (names.includes(name)) {
          throw new Error(
            `Option names (\`option_name\`) should be unique across all options in \`options_list\`. ` +
              `Duplicate value: ${String(name)}`,
          );
        }
        names.push(name);
      }
    }
  };
}

/** The registry passed with `--components connectors/source-amazon-seller-partner/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.AmazonSPOauthAuthenticator": {
    kind: "authenticator",
    create: spAuthenticator,
  },
  "source_declarative_manifest.components.AmazonSellerPartnerWaitTimeFromHeaderBackoffStrategy": {
    kind: "backoff_strategy",
    create(options, ctx) {
      const header = ctx.template(options.header ?? "").render();
      const regex = typeof options.regex === "string" ? options.regex : undefined;
      const fallback = Number(options.default_backoff_time ?? 10);
      return (retry) => {
        if (retry.response?.status === 403 && mentionsExpiredToken(retry.body)) {
          for (const invalidate of invalidators) invalidate();
        }
        const rate = headerNumber(retry.response, header, regex);
        return (rate ? 1 / rate : fallback) * 1000;
      };
    },
  },
  "source_declarative_manifest.components.GzipCsvDecoder": {
    kind: "decoder",
    create: () => gzipCsvDecoder(),
  },
  "source_declarative_manifest.components.GzipJsonDecoder": {
    kind: "decoder",
    create: (_o, ctx) => gzipJsonDecoder((m) => ctx.env.log("WARN", m)),
  },
  "source_declarative_manifest.components.GzipXmlDecoder": {
    kind: "decoder",
    create: (_o, ctx) => gzipXmlDecoder((m) => ctx.env.log("WARN", m)),
  },
  "source_declarative_manifest.components.SellerFeedbackReportsGzipCsvDecoder": {
    kind: "decoder",
    create: () => sellerFeedbackDecoder(),
  },
  "source_declarative_manifest.components.GetXmlBrowseTreeDataDecoder": {
    kind: "decoder",
    create: (_o, ctx) => browseTreeDecoder((m) => ctx.env.log("WARN", m)),
  },
  "source_declarative_manifest.components.LedgerDetailedViewReportsTypeTransformer": {
    kind: "schema_normalization",
    create: () => ledgerDates,
  },
  "source_declarative_manifest.components.MerchantListingsFypReportTypeTransformer": {
    kind: "schema_normalization",
    create: () => listingDates,
  },
  "source_declarative_manifest.components.MerchantReportsTypeTransformer": {
    kind: "schema_normalization",
    create: () => merchantDateTimes,
  },
  "source_declarative_manifest.components.SellerFeedbackReportsTypeTransformer": {
    kind: "schema_normalization",
    create: (_o, ctx) => sellerFeedbackDates(ctx.config.marketplace_id),
  },
  "source_declarative_manifest.components.FlatFileSettlementV2ReportsTypeTransformer": {
    kind: "schema_normalization",
    create: () => settlementDateTimes,
  },
  "source_declarative_manifest.components.ValidateReportOptionsListStreamNameUniqueness": {
    kind: "validation_strategy",
    create: () => uniqueness("stream"),
  },
  "source_declarative_manifest.components.ValidateReportOptionsListOptionNameUniqueness": {
    kind: "validation_strategy",
    create: () => uniqueness("option"),
  },
});

export default components;
