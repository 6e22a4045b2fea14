/**
 * Session-token authentication (Airbyte's `SessionTokenAuthenticator`): log in, read a token from the login
 * response, inject it; log in again when it expires and once when the API answers 401.
 *
 * Deliberate difference: without `expirationMs` Airbyte logs in before *every* request; spout reuses the token
 * until a 401 (pass `expirationMs: 0` to get Airbyte's behaviour).
 * @module
 */
import { defaultEnv, type Env } from "../env.ts";
import { SpoutError } from "../errors.ts";
import { errorMessageOf } from "../http/error_handler.ts";
import { excerpt } from "../http/errors.ts";
import type { Middleware } from "../http/requester.ts";
import { getPath, withHeader, withQueryParam } from "./_request.ts";
import type { AuthOptions } from "./types.ts";

/** Options for {@link sessionToken}. */
export interface SessionTokenOptions extends AuthOptions {
  /** Sends the login request (typically a requester with its own error handling). */
  login: () => Promise<Response>;
  /** Path of the token in the decoded login response. */
  tokenPath: readonly string[];
  /** Decodes the login response (default JSON). */
  decode?: (response: Response) => Promise<unknown>;
  /** Token lifetime in ms; 0 logs in for every request; absent reuses the token until a 401. */
  expirationMs?: number;
  /** Header to inject into (default `Authorization`). */
  header?: string;
  /** Query parameter to inject into instead of a header. */
  queryParam?: string;
  /** Formats the injected value (default `Bearer <token>` for the default header, the bare token otherwise). */
  format?: (token: string) => string;
  /** Log in again and retry once when a request gets 401 (default true). */
  reloginOn401?: boolean;
  /** Clock. */
  env?: Pick<Env, "now">;
}

/** A session-token middleware that can also hand out its token. */
export interface SessionTokenMiddleware extends Middleware {
  /** A valid session token (logging in when needed, single-flight). */
  token(): Promise<string>;
}

/**
 * Builds a session-token authenticator.
 *
 * @example
 * ```ts
 * import { sessionToken } from "./session_token.ts";
 * import { compose } from "../http/requester.ts";
 * let auth = "";
 * const mw = sessionToken({ login: () => Promise.resolve(Response.json({ data: { token: "sess-1" } })), tokenPath: ["data", "token"] });
 * await compose((r) => ((auth = r.headers.get("authorization") ?? ""), Promise.resolve(new Response("ok"))), mw)(
 *   new Request("https://api.test/"),
 * );
 * if (auth !== "Bearer sess-1") throw new Error(auth);
 * ```
 */
export function sessionToken(options: SessionTokenOptions): SessionTokenMiddleware {
  const env = options.env ?? defaultEnv();
  const header = options.queryParam === undefined ? options.header ?? "Authorization" : undefined;
  const format = options.format ??
    ((
      token: string,
    ) => (options.header === undefined && options.queryParam === undefined ? `Bearer ${token}` : token));
  if (header) options.credentials?.addHeader(header);
  if (options.queryParam) options.credentials?.addQueryParam(options.queryParam);
  const mask = (text: string) => (options.masker ? options.masker.mask(text) : text);

  let current: string | undefined;
  let expiresAt = Infinity;
  let pending: Promise<string> | undefined;

  async function doLogin(): Promise<string> {
    const response = await options.login();
    if (!response.ok) {
      const text = await response.text().catch(() => "");
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        json = undefined;
      }
      throw new SpoutError(
        "http_auth",
        mask(
          `Session login failed with HTTP ${response.status}: ${
            excerpt(errorMessageOf(json, text), 200) ?? ""
          }. ` +
            "Check the username and password in the config.",
        ),
        { failureType: "config_error" },
      );
    }
    const decoded = options.decode
      ? await options.decode(response)
      : await response.json().catch(() => undefined);
    const token = getPath(decoded, options.tokenPath);
    if (typeof token !== "string" && typeof token !== "number") {
      throw new SpoutError(
        "http_auth",
        `Session login response has no token at ${options.tokenPath.join(".")}`,
        { failureType: "system_error" },
      );
    }
    const value = String(token);
    options.masker?.add(value);
    current = value;
    expiresAt = options.expirationMs === undefined ? Infinity : env.now() + options.expirationMs;
    return value;
  }

  const token = (): Promise<string> => {
    if (current !== undefined && env.now() < expiresAt && options.expirationMs !== 0) {
      return Promise.resolve(current);
    }
    pending ??= doLogin().finally(() => (pending = undefined));
    return pending;
  };

  const inject = (request: Request, value: string) =>
    header
      ? withHeader(request, header, format(value))
      : withQueryParam(request, options.queryParam!, format(value));

  const middleware: Middleware = (next) => async (request) => {
    const used = await token();
    const spare = options.reloginOn401 === false ? undefined : request.clone();
    const response = await next(inject(request, used));
    if (response.status !== 401 || !spare) return response;
    await response.body?.cancel().catch(() => {});
    if (current === used) current = undefined;
    return next(inject(spare, await token()));
  };
  return Object.assign(middleware, { token });
}
