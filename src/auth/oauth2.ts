/**
 * OAuth 2.0 access tokens from a refresh token, client credentials or a signed assertion (Airbyte's
 * `OAuthAuthenticator`, including `refresh_token_updater` rotation). Tokens are refreshed a little before
 * they expire, concurrent requests share one refresh, every token is masked, and rotations are reported
 * through `refreshTokenUpdater.onUpdate` (the CLI turns them into CONTROL connectorConfig messages).
 * @module
 */
import { defaultEnv, type Env } from "../env.ts";
import { SpoutError } from "../errors.ts";
import { errorMessageOf } from "../http/error_handler.ts";
import { excerpt } from "../http/errors.ts";
import type { Middleware, Requester } from "../http/requester.ts";
import { withHeader } from "./_request.ts";
import { findTokenValue, formatAirbyteDateTime, parseDateTime } from "./token_helpers.ts";
import type { AuthOptions } from "./types.ts";

/** Tokens after a refresh. */
export interface OAuth2Tokens {
  /** The new access token. */
  accessToken: string;
  /** The refresh token to use next time (new when the provider rotated it). */
  refreshToken?: string;
  /** Expiry, epoch ms. */
  expiresAt: number;
  /** Expiry formatted like Airbyte stores it in the config (`2024-01-01T00:00:00+00:00`). */
  tokenExpiryDate: string;
}

/** Options for {@link oauth2} (values already interpolated). */
export interface OAuth2Options extends AuthOptions {
  /** Token endpoint; without it `accessToken` is used as is. */
  tokenUrl?: string;
  /** Client id. */
  clientId?: string;
  /** Client secret. */
  clientSecret?: string;
  /** Refresh token (required for the `refresh_token` grant). */
  refreshToken?: string;
  /** Grant type (default `refresh_token`; `urn:ietf:params:oauth:grant-type:jwt-bearer` with `assertion`). */
  grantType?: string;
  /** Sent as repeated `scopes` form fields, like Airbyte. */
  scopes?: readonly string[];
  /** Extra form fields (never override the standard ones). */
  refreshRequestBody?: Record<string, unknown>;
  /** Headers of the token request; an `Authorization` header removes client credentials from the body. */
  refreshRequestHeaders?: Record<string, string>;
  /** Send the fields as query parameters with an empty body. */
  sendAsQueryParams?: boolean;
  /** Field names (defaults `access_token`, `expires_in`, `refresh_token`, `client_id`, `client_secret`, `grant_type`). */
  accessTokenName?: string;
  /** See `accessTokenName`. */
  expiresInName?: string;
  /** See `accessTokenName`. */
  refreshTokenName?: string;
  /** See `accessTokenName`. */
  clientIdName?: string;
  /** See `accessTokenName`. */
  clientSecretName?: string;
  /** See `accessTokenName`. */
  grantTypeName?: string;
  /** The expiry field holds a date-time, not seconds (implied by `tokenExpiryDateFormat`). */
  tokenExpiryIsTimeOfExpiration?: boolean;
  /** Format of that date-time (parsing is lenient, like Airbyte's). */
  tokenExpiryDateFormat?: string;
  /** Custom date-time parser for the expiry field; returns epoch ms. */
  parseExpiryDate?: (value: unknown) => number | undefined;
  /** An access token to start with. */
  accessToken?: string;
  /** Its expiry (epoch ms, epoch seconds string or ISO date); absent means "expired". */
  tokenExpiryDate?: string | number;
  /** Signed assertion for the profile-assertion flow (body is `grant_type` + `assertion` only). */
  assertion?: () => string | Promise<string>;
  /** Rotation hook: called after each refresh; new refresh tokens from the provider are used from then on. */
  refreshTokenUpdater?: { onUpdate(tokens: OAuth2Tokens): void };
  /** Refresh this long before expiry (default 60 s, at most half the token's lifetime). */
  refreshSkewMs?: number;
  /** Retries of the token request on 429/5xx/network errors (default 5, backoff 1, 2, 4 … s). */
  maxTokenRetries?: number;
  /** Requester for the token endpoint (default `env.fetch`). */
  fetch?: Requester;
  /** Clock, sleep, fetch, log. */
  env?: Env;
}

/** An OAuth middleware that can also hand out its token. */
export interface OAuth2Middleware extends Middleware {
  /** A valid access token (refreshing when needed, single-flight). */
  accessToken(): Promise<string>;
  /** Forces the next request to refresh. */
  invalidate(): void;
}

function formValue(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(formValue);
  if (typeof value === "boolean") return [value ? "True" : "False"];
  if (typeof value === "object") return [JSON.stringify(value)];
  return [String(value)];
}

/**
 * Builds an OAuth 2.0 authenticator.
 *
 * @example
 * ```ts
 * import { oauth2 } from "./oauth2.ts";
 * import { compose } from "../http/requester.ts";
 * import { fakeEnv } from "../env.ts";
 * const fetch = () => Promise.resolve(Response.json({ access_token: "at-1", expires_in: 3600 }));
 * let auth = "";
 * const api = (r: Request) => ((auth = r.headers.get("authorization") ?? ""), Promise.resolve(new Response("ok")));
 * const mw = oauth2({ tokenUrl: "https://auth.test/token", clientId: "id", clientSecret: "s", refreshToken: "rt", env: fakeEnv({ fetch }) });
 * await compose(api, mw)(new Request("https://api.test/"));
 * if (auth !== "Bearer at-1") throw new Error(auth);
 * ```
 */
export function oauth2(options: OAuth2Options): OAuth2Middleware {
  const env = options.env ?? defaultEnv();
  const send = options.fetch ?? env.fetch;
  const masker = options.masker;
  const assertionFlow = options.assertion !== undefined;
  const grantType = options.grantType ??
    (assertionFlow ? "urn:ietf:params:oauth:grant-type:jwt-bearer" : "refresh_token");
  const names = {
    accessToken: options.accessTokenName ?? "access_token",
    expiresIn: options.expiresInName ?? "expires_in",
    refreshToken: options.refreshTokenName ?? "refresh_token",
    clientId: options.clientIdName ?? "client_id",
    clientSecret: options.clientSecretName ?? "client_secret",
    grantType: options.grantTypeName ?? "grant_type",
  };
  if (options.tokenUrl && !assertionFlow && grantType === "refresh_token" && !options.refreshToken) {
    throw new SpoutError(
      "config_invalid",
      "OAuth needs a refresh token for the refresh_token grant; add it to the config",
    );
  }
  if (!options.tokenUrl && !options.accessToken) {
    throw new SpoutError("config_invalid", "OAuth needs a token endpoint or an access token");
  }
  for (const secret of [options.clientSecret, options.refreshToken, options.accessToken]) masker?.add(secret);
  options.credentials?.addHeader("authorization");

  let accessToken = options.accessToken;
  let refreshToken = options.refreshToken;
  let expiresAt = options.tokenExpiryDate === undefined
    ? -Infinity
    : parseDateTime(options.tokenExpiryDate) ?? -Infinity;
  let lifetime = Infinity;
  let refreshing: Promise<string> | undefined;
  const skew = options.refreshSkewMs ?? 60_000;
  const isTimeOfExpiration = options.tokenExpiryIsTimeOfExpiration || Boolean(options.tokenExpiryDateFormat);

  const authError = (
    message: string,
    failureType: "config_error" | "system_error" | "transient_error" = "config_error",
  ) => new SpoutError("http_auth", masker ? masker.mask(message) : message, { failureType });

  const expired = () => env.now() >= expiresAt - Math.min(skew, lifetime / 2);

  async function buildRequest(): Promise<Request> {
    const fields: [string, unknown][] = [];
    if (assertionFlow) {
      const assertion = await options.assertion!();
      masker?.add(assertion);
      fields.push([names.grantType, grantType], ["assertion", assertion]);
    } else {
      const headerAuth = options.refreshRequestHeaders !== undefined &&
        "Authorization" in options.refreshRequestHeaders;
      fields.push([names.grantType, grantType]);
      if (!headerAuth) {
        fields.push([names.clientId, options.clientId], [names.clientSecret, options.clientSecret]);
      }
      fields.push([names.refreshToken, refreshToken]);
      if (options.scopes?.length) fields.push(["scopes", options.scopes]);
      const taken = new Set(fields.map(([k]) => k));
      for (const [k, v] of Object.entries(options.refreshRequestBody ?? {})) {
        if (!taken.has(k)) fields.push([k, v]);
      }
    }
    const params = new URLSearchParams();
    for (const [k, v] of fields) for (const item of formValue(v)) params.append(k, item);
    const headers = new Headers(options.refreshRequestHeaders);
    const url = new URL(options.tokenUrl!);
    if (options.sendAsQueryParams) {
      for (const [k, v] of params) url.searchParams.append(k, v);
      return new Request(url, { method: "POST", headers });
    }
    if (!headers.has("content-type")) headers.set("content-type", "application/x-www-form-urlencoded");
    return new Request(url, { method: "POST", headers, body: params.toString() });
  }

  async function requestToken(): Promise<unknown> {
    const maxRetries = options.maxTokenRetries ?? 5;
    const where = `token endpoint ${new URL(options.tokenUrl!).origin}${new URL(options.tokenUrl!).pathname}`;
    for (let attempt = 1;; attempt++) {
      let response: Response | undefined;
      let networkError: unknown;
      try {
        response = await send(await buildRequest());
      } catch (e) {
        if (e instanceof SpoutError) throw e;
        networkError = e;
      }
      const retryable = !response || response.status === 429 || response.status >= 500;
      if (retryable && attempt <= maxRetries) {
        await response?.body?.cancel().catch(() => {});
        env.log(
          "INFO",
          `OAuth ${where} failed (${response ? `HTTP ${response.status}` : "network error"}); retrying`,
        );
        await env.sleep(1000 * 2 ** (attempt - 1));
        continue;
      }
      if (!response) {
        const detail = networkError instanceof Error ? networkError.message : String(networkError);
        throw authError(
          `OAuth access token refresh failed due to a network error at ${where}: ${detail}`,
          "transient_error",
        );
      }
      const text = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      if (!response.ok) {
        const detail = errorMessageOf(json, text);
        throw authError(
          `OAuth token refresh was rejected by the ${where} (HTTP ${response.status}): ${
            excerpt(detail, 200) ?? ""
          }. ` +
            "Check the client id, client secret and refresh token, or re-authenticate the source.",
          response.status === 429 || response.status >= 500 ? "transient_error" : "config_error",
        );
      }
      if (json === undefined) throw authError(`OAuth ${where} returned a non-JSON response`, "system_error");
      return json;
    }
  }

  async function refresh(): Promise<string> {
    const json = await requestToken();
    const token = findTokenValue(json, names.accessToken);
    if (typeof token !== "string" && typeof token !== "number" || token === "") {
      throw authError(`OAuth token response has no "${names.accessToken}" field`, "system_error");
    }
    const newAccess = String(token);
    masker?.add(newAccess);
    const now = env.now();
    const rawExpiry = findTokenValue(json, names.expiresIn);
    let newExpiry: number;
    if (rawExpiry !== undefined && rawExpiry !== null) {
      if (isTimeOfExpiration) {
        const parsed = (options.parseExpiryDate ?? parseDateTime)(rawExpiry);
        if (parsed === undefined) {
          throw authError(`OAuth token expiry "${rawExpiry}" is not a date-time`, "system_error");
        }
        newExpiry = parsed;
      } else {
        const seconds = Math.trunc(Number(String(rawExpiry).trim()));
        if (!Number.isFinite(seconds)) {
          throw authError(`OAuth "${names.expiresIn}" is not a number of seconds`, "system_error");
        }
        newExpiry = now + seconds * 1000;
      }
    } else {
      newExpiry = expiresAt > now ? expiresAt : now + 3600_000;
    }
    if (options.refreshTokenUpdater) {
      const rotated = findTokenValue(json, names.refreshToken);
      if (typeof rotated === "string" && rotated !== "") {
        masker?.add(rotated);
        refreshToken = rotated;
      }
    }
    accessToken = newAccess;
    expiresAt = newExpiry;
    lifetime = Math.max(0, newExpiry - now);
    options.refreshTokenUpdater?.onUpdate({
      accessToken: newAccess,
      refreshToken,
      expiresAt: newExpiry,
      tokenExpiryDate: formatAirbyteDateTime(newExpiry),
    });
    return newAccess;
  }

  const getToken = (): Promise<string> => {
    if (!options.tokenUrl) return Promise.resolve(accessToken!);
    if (accessToken !== undefined && !expired()) return Promise.resolve(accessToken);
    refreshing ??= refresh().finally(() => (refreshing = undefined));
    return refreshing;
  };

  const middleware: Middleware = (next) => async (request) =>
    next(withHeader(request, "Authorization", `Bearer ${await getToken()}`));
  return Object.assign(middleware, {
    accessToken: getToken,
    invalidate: () => {
      expiresAt = -Infinity;
    },
  });
}
