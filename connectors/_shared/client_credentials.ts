/**
 * OAuth 2.0 client-credentials tokens (RFC 6749 §4.4) with the client authenticated by HTTP Basic, as Zoom's
 * server-to-server apps and PayPal expect: the token is fetched on first use, reused until it expires (minus
 * a minute), masked in output, and sent as `Authorization: Bearer …`.
 * @module
 */
import type { Env } from "../../src/env.ts";
import { SpoutError } from "../../src/errors.ts";
import type { Middleware } from "../../src/http/requester.ts";
import type { SecretMasker } from "../../src/secrets.ts";
import { isObject } from "../../src/types.ts";

/** Options of {@link clientCredentials}. */
export interface ClientCredentialsOptions {
  /** Time and the network (token requests bypass the stream's chain, like built-in OAuth). */
  env: Env;
  /** Masks the token (and the client secret) in logs and errors. */
  masker?: SecretMasker;
  /** Token endpoint, query included. */
  tokenUrl: string;
  /** Client id and secret (HTTP Basic). */
  clientId: string;
  clientSecret: string;
  /** Form body of the token request (e.g. `grant_type=client_credentials`); none when omitted. */
  body?: Record<string, string>;
  /** Response field of the token (default `access_token`). */
  accessTokenName?: string;
  /** Response field of the lifetime in seconds (default `expires_in`). */
  expiresInName?: string;
}

/**
 * A middleware adding a client-credentials bearer token.
 *
 * @example
 * ```ts
 * import { clientCredentials } from "./client_credentials.ts";
 * import { compose } from "../../src/http/requester.ts";
 * import { fakeEnv } from "../../src/env.ts";
 * const env = fakeEnv({ fetch: () => Promise.resolve(Response.json({ access_token: "t", expires_in: 3600 })) });
 * const auth = clientCredentials({ env, tokenUrl: "https://auth.test/token", clientId: "a", clientSecret: "b" });
 * const send = compose((r) => Promise.resolve(new Response(r.headers.get("authorization"))), auth);
 * if ((await (await send(new Request("https://api.test/"))).text()) !== "Bearer t") throw new Error();
 * ```
 */
export function clientCredentials(options: ClientCredentialsOptions): Middleware {
  const { env } = options;
  options.masker?.add(options.clientSecret);
  let token: string | undefined;
  let expiresAt = 0;
  let pending: Promise<string> | undefined;
  const refresh = async (): Promise<string> => {
    const basic = btoa(`${options.clientId}:${options.clientSecret}`);
    const response = await env.fetch(
      new Request(options.tokenUrl, {
        method: "POST",
        headers: {
          authorization: `Basic ${basic}`,
          ...(options.body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
        },
        body: options.body ? new URLSearchParams(options.body).toString() : undefined,
      }),
    );
    const text = await response.text();
    if (!response.ok) {
      throw new SpoutError(
        "http_auth",
        `the token request to ${
          new URL(options.tokenUrl).origin
        } failed with HTTP ${response.status}: check the client id and secret`,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const value = isObject(body) ? body[options.accessTokenName ?? "access_token"] : undefined;
    if (typeof value !== "string" || value === "") {
      throw new SpoutError("http_auth", "the token response has no access token");
    }
    options.masker?.add(value);
    const seconds = Number(isObject(body) ? body[options.expiresInName ?? "expires_in"] : undefined);
    expiresAt = env.now() + (Number.isFinite(seconds) ? Math.max(0, seconds - 60) * 1000 : 3_600_000);
    token = value;
    return value;
  };
  return (next) => async (request) => {
    if (token === undefined || env.now() >= expiresAt) {
      pending ??= refresh().finally(() => (pending = undefined));
      await pending;
    }
    const authed = new Request(request);
    authed.headers.set("authorization", `Bearer ${token}`);
    return next(authed);
  };
}
