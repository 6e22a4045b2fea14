/**
 * Custom components of the corpus manifest `source-younium.yaml` (unchanged), in TypeScript.
 *
 * `CustomYouniumAuthenticator`: a resource-owner password grant at Younium's identity server (the sandbox
 * one when `config.playground` is true): a form POST of `username`, `password`, `legal_entity`, `grant_type`,
 * `client_id` and `scope` (the manifest's templates). The first request of each authenticator fetches the
 * token; it is then kept for the whole read (the reference never renews it) and sent as
 * `Authorization: {token_type} {access_token}` with `Content-type: application/json`.
 * @module
 */
import { defaultEnv, type Env } from "../../src/env.ts";
import { SpoutError } from "../../src/errors.ts";
import type { Middleware } from "../../src/http/requester.ts";
import type { SecretMasker } from "../../src/secrets.ts";
import { defineComponents } from "../../src/declarative/components.ts";
import { isObject } from "../../src/types.ts";

/** Younium's production token endpoint. */
export const TOKEN_URL = "https://younium-identity-server.azurewebsites.net/connect/token";
/** The token endpoint of the playground (sandbox) environment. */
export const SANDBOX_TOKEN_URL = "https://younium-identity-server-sandbox.azurewebsites.net/connect/token";

/** Options of {@link passwordGrant}. */
export interface PasswordGrantOptions {
  /** Time and the network (the token request bypasses the stream's chain). */
  env: Env;
  /** Masks the password and the token. */
  masker?: SecretMasker;
  /** Token endpoint. */
  tokenUrl: string;
  /** Form fields of the token request. */
  form: Record<string, string>;
}

/**
 * A middleware that fetches a password-grant token once and sends it as `Authorization: {type} {token}`.
 *
 * @example
 * ```ts
 * import { passwordGrant } from "./components.ts";
 * import { compose } from "../../src/http/requester.ts";
 * import { fakeEnv } from "../../src/env.ts";
 * const env = fakeEnv({
 *   fetch: () => Promise.resolve(Response.json({ access_token: "t", token_type: "Bearer" })),
 * });
 * const auth = passwordGrant({ env, tokenUrl: "https://id.test/token", form: { username: "u" } });
 * const send = compose((r) => Promise.resolve(new Response(r.headers.get("authorization"))), auth);
 * if ((await (await send(new Request("https://api.test/"))).text()) !== "Bearer t") throw new Error();
 * ```
 */
export function passwordGrant(options: PasswordGrantOptions): Middleware {
  const { env } = options;
  let header: string | undefined;
  let pending: Promise<string> | undefined;
  const fetchToken = async (): Promise<string> => {
    const response = await env.fetch(
      new Request(options.tokenUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(options.form).toString(),
      }),
    );
    const text = await response.text();
    if (response.status !== 200) {
      throw new SpoutError(
        "http_auth",
        `the Younium token request failed with HTTP ${response.status}: check the username, password and ` +
          `legal entity (and the playground setting)`,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const token = isObject(body) ? body.access_token : undefined;
    const type = isObject(body) ? body.token_type : undefined;
    if (token === undefined || token === null || type === undefined || type === null) {
      throw new SpoutError("http_auth", "the Younium token response has no access_token/token_type");
    }
    options.masker?.add(String(token));
    return `${type} ${token}`;
  };
  return (next) => async (request) => {
    if (header === undefined) {
      pending ??= fetchToken().finally(() => (pending = undefined));
      header = await pending;
    }
    const authed = new Request(request);
    authed.headers.set("authorization", header);
    authed.headers.set("content-type", "application/json");
    return next(authed);
  };
}

const FIELDS = ["username", "password", "legal_entity", "grant_type", "client_id", "scope"] as const;

/** The registry passed with `--components connectors/source-younium/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.CustomYouniumAuthenticator": {
    kind: "authenticator",
    create(options, ctx) {
      const form: Record<string, string> = {};
      for (const field of FIELDS) form[field] = ctx.template(options[field] ?? "").render();
      ctx.read?.masker.add(form.password);
      return passwordGrant({
        env: ctx.read?.env ?? defaultEnv(),
        masker: ctx.read?.masker,
        tokenUrl: ctx.config.playground ? SANDBOX_TOKEN_URL : TOKEN_URL,
        form,
      });
    },
  },
});

export default components;
