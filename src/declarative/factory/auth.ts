/**
 * Authenticator family: ApiKeyAuthenticator, BearerAuthenticator, BasicHttpAuthenticator,
 * OAuthAuthenticator (with refresh_token_updater and the JWT profile assertion), JwtAuthenticator,
 * RateLimitedMultipleTokenAuthenticator, SessionTokenAuthenticator, SelectiveAuthenticator, NoAuth —
 * each becomes a middleware of the requester chain, built on the shared `src/auth` middleware. One instance
 * per identical component and environment is shared by every stream, so an OAuth token is refreshed once.
 * @module
 */
import { apiKey } from "../../auth/api_key.ts";
import { basic } from "../../auth/basic.ts";
import { bearer } from "../../auth/bearer.ts";
import { oauth2, type OAuth2Tokens } from "../../auth/oauth2.ts";
import { selective } from "../../auth/selective.ts";
import type { Env } from "../../env.ts";
import { SpoutError } from "../../errors.ts";
import { getPath, setPath } from "../../extract/dpath.ts";
import { pyTruthy } from "../../extract/py_truthy.ts";
import type { Middleware } from "../../http/requester.ts";
import { parseDurationToMs } from "../../util/duration.ts";
import { isObject, type JsonObject } from "../../types.ts";
import type { RequestParts } from "../../pagination/types.ts";
import { injectRequestOption } from "../../partition/request_option.ts";
import {
  bool,
  type Component,
  type ComponentPath,
  type FactoryContext,
  type Interpolated,
  interpolated,
  invalid,
  paramsOf,
} from "./context.ts";
import { buildDecoder } from "./decoders.ts";
import { buildJwt } from "./jwt_auth.ts";
import { buildRateLimitedAuth } from "./rate_limited_auth.ts";
import { customAuthenticator, isCustomComponent } from "../components_factory.ts";
import { buildRequestOption } from "./paginator.ts";
import { compileRequestInputs, toRequest } from "./request_options.ts";
import { EMPTY_SLICE, requestVars } from "./slices.ts";
import { quotePlus } from "../../source/request_builder.ts";
import type { RunContext } from "./types.ts";

/** Builds the auth middleware for a read (undefined: no authentication). */
export type AuthFactory = (run: RunContext) => Middleware | undefined;

const shared = new WeakMap<FactoryContext, Map<string, WeakMap<Env, Map<string, Middleware | undefined>>>>();

function cachedPerEnv(
  ctx: FactoryContext,
  component: Component,
  make: (run: RunContext) => Middleware | undefined,
  perStream = false,
) {
  let byKey = shared.get(ctx);
  if (!byKey) shared.set(ctx, byKey = new Map());
  const key = JSON.stringify(component);
  let perEnv = byKey.get(key);
  if (!perEnv) byKey.set(key, perEnv = new WeakMap());
  const cache = perEnv;
  return (run: RunContext) => {
    const env = run.ctx.env;
    let byStream = cache.get(env) as Map<string, Middleware | undefined> | undefined;
    if (!byStream) cache.set(env, byStream = new Map() as never);
    const scope = perStream ? run.stream : "";
    if (byStream.has(scope)) return byStream.get(scope);
    const built = make(run);
    byStream.set(scope, built);
    return built;
  };
}

function tpl(ctx: FactoryContext, component: Component, key: string, path: ComponentPath): Interpolated {
  return interpolated(ctx, component[key], paramsOf(component), [...path, key]);
}

/** Renders a template to a string; Python's `None` and missing values become "". */
function text(t: Interpolated): string {
  const out = t.render({});
  return out === "None" ? "" : out;
}

/** A middleware injecting a token wherever a RequestOption says (header, query, body). */
function injectToken(
  option: ReturnType<typeof buildRequestOption>,
  token: () => Promise<string> | string,
): Middleware {
  if (!option) throw new SpoutError("manifest_invalid", "an API key authenticator needs inject_into");
  if (option.injectInto === "header" || option.injectInto === "request_parameter") {
    return apiKey({
      value: token,
      header: option.injectInto === "header" ? option.fieldName : undefined,
      queryParam: option.injectInto === "request_parameter" ? option.fieldName : undefined,
    });
  }
  return (next) => async (request) => {
    const value = await token();
    const body = await request.clone().text();
    if (option.injectInto === "body_json") {
      let json: unknown = {};
      try {
        json = body ? JSON.parse(body) : {};
      } catch {
        json = {};
      }
      const target = isObject(json) ? json : {};
      setPath(target, option.fieldPath ?? [option.fieldName!], value);
      const headers = new Headers(request.headers);
      headers.set("content-type", "application/json");
      return next(new Request(request, { body: JSON.stringify(target), headers }));
    }
    const form = new URLSearchParams(body);
    form.set(option.fieldName!, value);
    const headers = new Headers(request.headers);
    headers.set("content-type", "application/x-www-form-urlencoded");
    return next(new Request(request, { body: form.toString(), headers }));
  };
}

function oauth(ctx: FactoryContext, c: Component, path: ComponentPath): AuthFactory {
  const t = (key: string) => tpl(ctx, c, key, path);
  const scopes = Array.isArray(c.scopes) ? c.scopes.map(String) : undefined;
  const refreshBody = isObject(c.refresh_request_body) ? c.refresh_request_body : undefined;
  const refreshHeaders = isObject(c.refresh_request_headers) ? c.refresh_request_headers : undefined;
  const updater = isObject(c.refresh_token_updater) ? c.refresh_token_updater : undefined;
  const useAssertion = typeof c.use_profile_assertion === "string"
    ? pyTruthy(
      interpolated(ctx, c.use_profile_assertion, paramsOf(c), [...path, "use_profile_assertion"], {
        kind: "boolean",
      }).eval({}),
    )
    : c.use_profile_assertion === true;
  if (useAssertion && !isObject(c.profile_assertion)) {
    invalid(ctx, path, "OAuthAuthenticator needs a profile_assertion when use_profile_assertion is true");
  }
  const assertion = useAssertion && isObject(c.profile_assertion)
    ? buildProfileAssertion(ctx, c.profile_assertion, [...path, "profile_assertion"])
    : undefined;
  return cachedPerEnv(ctx, c, (run) => {
    const env = run.ctx.env;
    const renderMap = (m: Component | undefined) => {
      if (!m) return undefined;
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(m)) out[k] = text(interpolated(ctx, v, paramsOf(c), [...path, k]));
      return out;
    };
    const tokenUrl = text(t("token_refresh_endpoint"));
    if (tokenUrl && !URL.canParse(tokenUrl)) {
      throw new SpoutError(
        "config_error",
        `the OAuth token endpoint ${run.ctx.masker.mask(tokenUrl)} is not a valid URL; check the config`,
      );
    }
    const accessTokenValue = text(t("access_token_value"));
    const refreshTokenName = typeof c.refresh_token_name === "string"
      ? c.refresh_token_name
      : "refresh_token";
    const configPaths = {
      access: Array.isArray(updater?.access_token_config_path)
        ? updater.access_token_config_path.map(String)
        : ["credentials", "access_token"],
      refresh: Array.isArray(updater?.refresh_token_config_path)
        ? updater.refresh_token_config_path.map(String)
        : ["credentials", refreshTokenName],
      expiry: Array.isArray(updater?.token_expiry_date_config_path)
        ? updater.token_expiry_date_config_path.map(String)
        : ["credentials", "token_expiry_date"],
    };
    let refreshToken = text(t("refresh_token"));
    let accessToken = accessTokenValue || undefined;
    let expiry: string | undefined = text(t("token_expiry_date")) || undefined;
    if (updater) {
      const fromConfig = (p: string[]) => {
        const v = getPath(ctx.config, p);
        return v === undefined || v === null ? undefined : String(v);
      };
      refreshToken = fromConfig(configPaths.refresh) ?? refreshToken;
      accessToken = fromConfig(configPaths.access) ?? accessToken;
      expiry = fromConfig(configPaths.expiry) ?? expiry;
    }
    if (!tokenUrl) {
      if (!accessToken) {
        throw new SpoutError("config_invalid", "OAuth needs an access token or a token endpoint");
      }
      return bearer(accessToken, { masker: run.ctx.masker });
    }
    return oauth2({
      tokenUrl,
      clientId: text(t("client_id")) || undefined,
      clientSecret: text(t("client_secret")) || undefined,
      refreshToken: refreshToken || undefined,
      grantType: text(t("grant_type")) || undefined,
      scopes,
      refreshRequestBody: renderMap(refreshBody),
      refreshRequestHeaders: renderMap(refreshHeaders),
      accessTokenName: text(t("access_token_name")) || undefined,
      expiresInName: text(t("expires_in_name")) || undefined,
      refreshTokenName,
      clientIdName: typeof c.client_id_name === "string" ? c.client_id_name : undefined,
      clientSecretName: typeof c.client_secret_name === "string" ? c.client_secret_name : undefined,
      grantTypeName: typeof c.grant_type_name === "string" ? c.grant_type_name : undefined,
      tokenExpiryIsTimeOfExpiration: bool(c.token_expiry_is_time_of_expiration),
      tokenExpiryDateFormat: typeof c.token_expiry_date_format === "string"
        ? c.token_expiry_date_format
        : undefined,
      accessToken,
      tokenExpiryDate: expiry,
      ...(assertion ? profileAssertionOptions(assertion, run) : {}),
      refreshTokenUpdater: updater
        ? {
          onUpdate(tokens: OAuth2Tokens) {
            const config = structuredClone(ctx.config) as JsonObject;
            setPath(config, configPaths.access, tokens.accessToken);
            if (tokens.refreshToken) setPath(config, configPaths.refresh, tokens.refreshToken);
            setPath(config, configPaths.expiry, tokens.tokenExpiryDate);
            run.ctx.onConfigUpdate?.(config);
          },
        }
        : undefined,
      masker: run.ctx.masker,
      env,
    });
  }, updater === undefined);
}

/** The JWT's request option (the reference's default: the Authorization header). */
function jwtOption(ctx: FactoryContext, c: Component, path: ComponentPath) {
  return buildRequestOption(ctx, c.request_option, [...path, "request_option"]) ??
    { injectInto: "header" as const, fieldName: "Authorization" };
}

const placeholders = new Map<string, string>();

/**
 * A value that stands for the JWT in query/body request parts until the token is signed. Keyed by the
 * component's content, like the shared middleware (cachedPerEnv): every stream with the same authenticator
 * uses the same placeholder.
 */
function jwtPlaceholder(c: Component): string {
  const key = JSON.stringify(c);
  let value = placeholders.get(key);
  if (!value) placeholders.set(key, value = `spout_jwt_${crypto.randomUUID().replaceAll("-", "")}`);
  return value;
}

/**
 * Replaces `placeholder` in the URL (query) or body of each request with the token, encoded for where it
 * stands (quote_plus in a query or form, JSON string escapes in a JSON body). A request without the
 * placeholder (built elsewhere) gets the token injected the usual way.
 */
function replacePlaceholder(
  placeholder: string,
  token: () => Promise<string>,
  option: NonNullable<ReturnType<typeof buildRequestOption>>,
): Middleware {
  const fallback = option.injectInto === "request_parameter" ? undefined : injectToken(option, token);
  return (next) => async (request) => {
    const value = await token();
    if (option.injectInto === "request_parameter") {
      const url = request.url.includes(placeholder)
        ? request.url.replaceAll(placeholder, quotePlus(value))
        : appendQuery(request.url, option.fieldName ?? option.fieldPath?.[0] ?? "", value);
      const body = request.body ? await request.arrayBuffer() : undefined;
      return next(
        new Request(url, {
          method: request.method,
          headers: request.headers,
          body,
          signal: request.signal,
          redirect: request.redirect,
        }),
      );
    }
    const body = request.body ? await request.clone().text() : "";
    if (!body.includes(placeholder)) return fallback!(next)(request);
    const encoded = option.injectInto === "body_json" ? JSON.stringify(value).slice(1, -1) : quotePlus(value);
    return next(new Request(request, { body: body.replaceAll(placeholder, encoded) }));
  };
}

function appendQuery(url: string, name: string, value: string): string {
  const sep = url.includes("?") ? "&" : "?";
  return `${url}${sep}${quotePlus(name)}=${quotePlus(value)}`;
}

function buildProfileAssertion(ctx: FactoryContext, c: Component, path: ComponentPath) {
  if (c.type !== "JwtAuthenticator") {
    return invalid(ctx, path, `profile_assertion must be a JwtAuthenticator (got ${String(c.type)})`);
  }
  return buildJwt(ctx, c, path);
}

/** The profile-assertion flow: the token request carries `grant_type` (always jwt-bearer) and `assertion`. */
function profileAssertionOptions(make: ReturnType<typeof buildJwt>, run: RunContext) {
  const signer = make(run);
  return { grantType: "urn:ietf:params:oauth:grant-type:jwt-bearer", assertion: () => signer.token() };
}

function sessionToken(ctx: FactoryContext, c: Component, path: ComponentPath): AuthFactory {
  const login = c.login_requester;
  if (!isObject(login)) {
    return invalid(ctx, [...path, "login_requester"], "SessionTokenAuthenticator needs a login_requester");
  }
  const inputs = compileRequestInputs(ctx, login, [...path, "login_requester"]);
  const loginAuth = buildAuthenticator(ctx, login.authenticator, [
    ...path,
    "login_requester",
    "authenticator",
  ]);
  const decode = buildDecoder(ctx, c.decoder, [...path, "decoder"]);
  const tokenPath = Array.isArray(c.session_token_path) ? c.session_token_path.map(String) : [];
  const expiration = typeof c.expiration_duration === "string" ? c.expiration_duration : undefined;
  const expirationMs = expiration ? durationMs(expiration) : undefined;
  const auth = isObject(c.request_authentication) ? c.request_authentication : { type: "ApiKey" };
  const option = auth.type === "Bearer"
    ? undefined
    : buildRequestOption(ctx, auth.inject_into, [...path, "request_authentication", "inject_into"]);
  return cachedPerEnv(ctx, c, (run) => {
    const env = run.ctx.env;
    let token: string | undefined;
    let expiresAt = Infinity;
    let pending: Promise<string> | undefined;
    const fetchToken = async (): Promise<string> => {
      const vars = requestVars(EMPTY_SLICE, undefined);
      const parts = inputs.parts(vars);
      parts.url = inputs.url(vars);
      const authMw = loginAuth?.(run);
      const send = authMw ? authMw(env.fetch) : env.fetch;
      const response = await send(toRequest(parts, inputs.method, run.ctx.signal, run));
      if (!response.ok) {
        await response.body?.cancel().catch(() => {});
        throw new SpoutError(
          "http_auth",
          `session token login failed with HTTP ${response.status}; check the credentials`,
        );
      }
      let value: unknown;
      for await (const doc of decode(response)) {
        value = getPath(doc, tokenPath);
        break;
      }
      if (value === undefined || value === null) {
        // The API answered, but not as the manifest expects: nothing the user can fix in the config (the
        // reference fails with system_error too; an empty string is used as the token, as there).
        throw new SpoutError(
          "http_auth",
          `session token login response has no value at ${tokenPath.join(".")}`,
          { failureType: "system_error" },
        );
      }
      const s = String(value);
      run.ctx.masker.add(s);
      expiresAt = expirationMs === undefined ? Infinity : env.now() + expirationMs;
      return s;
    };
    const current = async (): Promise<string> => {
      if (token !== undefined && env.now() < expiresAt) return token;
      pending ??= fetchToken().finally(() => (pending = undefined));
      token = await pending;
      return token;
    };
    const base = auth.type === "Bearer"
      ? bearer(current, { masker: run.ctx.masker })
      : injectToken(option, current);
    // The reference logs in before every request without expiration_duration, so an expired session never
    // fails its read; spout reuses the token and logs in again once when the API answers 401.
    return (next) => {
      const send = base(next);
      return async (request) => {
        const spare = request.body ? request.clone() : request;
        const used = await current();
        const response = await send(request);
        if (response.status !== 401) return response;
        await response.body?.cancel().catch(() => {});
        if (token === used) token = undefined;
        return send(spare);
      };
    };
  }, true);
}

function legacySessionToken(ctx: FactoryContext, c: Component, path: ComponentPath): AuthFactory {
  const t = (key: string) => tpl(ctx, c, key, path);
  return cachedPerEnv(ctx, c, (run) => {
    const env = run.ctx.env;
    const header = text(t("header"));
    const apiUrl = text(t("api_url"));
    let token: string | undefined;
    const obtain = async (): Promise<string> => {
      const configured = text(t("session_token"));
      if (configured) {
        run.ctx.masker.add(configured);
        const check = await env.fetch(
          new Request(`${apiUrl}${text(t("validate_session_url"))}`, { headers: { [header]: configured } }),
        );
        await check.body?.cancel().catch(() => {});
        if (check.ok) return configured;
        if (check.status !== 401) {
          throw new SpoutError("http_auth", `validating the session token failed with HTTP ${check.status}`);
        }
      }
      const username = text(t("username"));
      const password = text(t("password"));
      if (!username || !password) {
        throw new SpoutError(
          "config_error",
          "Invalid credentials: the session token is not valid; provide a username and password",
        );
      }
      run.ctx.masker.add(password);
      const response = await env.fetch(
        new Request(`${apiUrl}${text(t("login_url"))}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ username, password }),
        }),
      );
      if (!response.ok) {
        await response.body?.cancel().catch(() => {});
        throw new SpoutError(
          "http_auth",
          `session login failed with HTTP ${response.status}; check the credentials`,
        );
      }
      const body = await response.json() as Record<string, unknown>;
      const value = body[text(t("session_token_response_key"))];
      if (value === undefined || value === null) {
        throw new SpoutError("http_auth", "session login returned no token");
      }
      run.ctx.masker.add(String(value));
      return String(value);
    };
    let pending: Promise<string> | undefined;
    return (next) => async (request) => {
      if (token === undefined) {
        pending ??= obtain().finally(() => (pending = undefined));
        token = await pending;
      }
      const headers = new Headers(request.headers);
      headers.set(header, token);
      return next(new Request(request, { headers }));
    };
  });
}

function durationMs(iso: string): number {
  try {
    return parseDurationToMs(iso);
  } catch (error) {
    throw new SpoutError(
      "manifest_invalid",
      `expiration_duration ${JSON.stringify(iso)} is not an ISO 8601 duration (e.g. PT1H)`,
      { cause: error },
    );
  }
}

/**
 * Request options an authenticator contributes to the request parts (an ApiKeyAuthenticator injected into
 * the query or the body): Airbyte adds them after the requester's own options, before the paginator's.
 */
export function buildAuthParts(
  ctx: FactoryContext,
  component: unknown,
  path: ComponentPath,
): ((parts: RequestParts) => RequestParts) | undefined {
  if (isObject(component) && component.type === "JwtAuthenticator") {
    const option = jwtOption(ctx, component, path);
    if (option.injectInto === "header") return undefined;
    const placeholder = jwtPlaceholder(component);
    return (parts) => injectRequestOption(parts, option, placeholder);
  }
  if (!isObject(component) || component.type !== "ApiKeyAuthenticator") return undefined;
  const option = buildRequestOption(ctx, component.inject_into, [...path, "inject_into"]);
  if (!option || option.injectInto === "header") return undefined;
  const token = tpl(ctx, component, "api_token", path);
  return (parts) => injectRequestOption(parts, option, text(token));
}

/** Builds an authenticator. */
export function buildAuthenticator(
  ctx: FactoryContext,
  component: unknown,
  path: ComponentPath,
  urlBase?: unknown,
): AuthFactory | undefined {
  if (!isObject(component) || component.type === "NoAuth") return undefined;
  if (isCustomComponent(component)) return customAuthenticator(ctx, component, path);
  const c = component;
  switch (c.type) {
    case "BearerAuthenticator": {
      const token = tpl(ctx, c, "api_token", path);
      return cachedPerEnv(ctx, c, (run) => bearer(() => text(token), { masker: run.ctx.masker }));
    }
    case "ApiKeyAuthenticator": {
      const token = tpl(ctx, c, "api_token", path);
      let option = buildRequestOption(ctx, c.inject_into, [...path, "inject_into"]);
      if (!option && typeof c.header === "string") option = { injectInto: "header", fieldName: c.header };
      return cachedPerEnv(ctx, c, (run) => {
        run.ctx.masker.add(text(token));
        // Query and body injection happen while the request parts are built (Airbyte's option order).
        if (option && option.injectInto !== "header") return undefined;
        return injectToken(option, () => text(token));
      });
    }
    case "BasicHttpAuthenticator": {
      const user = tpl(ctx, c, "username", path);
      const pass = tpl(ctx, c, "password", path);
      return cachedPerEnv(ctx, c, (run) => basic(text(user), text(pass), { masker: run.ctx.masker }));
    }
    case "OAuthAuthenticator":
      return oauth(ctx, c, path);
    case "JwtAuthenticator": {
      const make = buildJwt(ctx, c, path);
      const option = jwtOption(ctx, c, path);
      return cachedPerEnv(ctx, c, (run) => {
        if (option.injectInto === "header") return make(run, { header: option.fieldName ?? "Authorization" });
        // query and body: the request parts carry a placeholder at the reference's position (see
        // buildAuthParts); the signed token replaces it here
        const signer = make(run);
        return replacePlaceholder(jwtPlaceholder(c), () => signer.token(), option);
      });
    }
    case "SessionTokenAuthenticator":
      return sessionToken(ctx, c, path);
    case "RateLimitedMultipleTokenAuthenticator":
      return buildRateLimitedAuth(ctx, c, path);
    case "LegacySessionTokenAuthenticator":
      // the reference passes the requester's url_base as api_url
      return legacySessionToken(ctx, { ...c, api_url: c.api_url ?? urlBase }, path);
    case "SelectiveAuthenticator": {
      const selectionPath = Array.isArray(c.authenticator_selection_path)
        ? c.authenticator_selection_path.map(String)
        : [];
      const options = isObject(c.authenticators) ? c.authenticators : {};
      const built: Record<string, AuthFactory | undefined> = {};
      for (const [k, v] of Object.entries(options)) {
        built[k] = buildAuthenticator(ctx, v, [...path, "authenticators", k]);
      }
      return (run) => {
        // Only the selected authenticator is created: the others may lack their config (an OAuth refresh
        // token when API-token credentials are selected) and the reference never uses them.
        const selected = getPath(ctx.config, selectionPath);
        const authenticators: Record<string, Middleware> = {};
        for (const [k, f] of Object.entries(built)) {
          authenticators[k] = (k === String(selected) ? f?.(run) : undefined) ?? ((next) => next);
        }
        return selective({ authenticators, selected });
      };
    }
    default:
      throw new SpoutError(
        "manifest_unsupported",
        `${path.join(".")}: authenticator ${String(c.type)} is not supported yet`,
      );
  }
}
