/**
 * Airbyte's `JwtAuthenticator` (and the `profile_assertion` of an OAuthAuthenticator) built on the shared
 * signer (`src/auth/jwt.ts`): secret_key (base64_encode_secret_key, passphrase-protected PKCS#8 keys),
 * algorithm, token_duration (default 1200 s), header_prefix, jwt_headers (kid, typ defaulting to `JWT`, cty),
 * additional_jwt_headers, jwt_payload (iss, sub, aud), additional_jwt_payload. Additional headers and claims
 * are interpolated like an InterpolatedMapping (keys rendered, values literal-evaluated, so `"{{ 42 }}"` is the
 * number 42), as the reference does; the signed token matches PyJWT's byte for byte for deterministic
 * algorithms (HS*, RS*).
 * @module
 */
import { jwt, type JwtMiddleware } from "../../auth/jwt.ts";
import { SpoutError } from "../../errors.ts";
import { pyTruthy } from "../../extract/py_truthy.ts";
import type { Middleware } from "../../http/requester.ts";
import { isObject } from "../../types.ts";
import {
  type Component,
  type ComponentPath,
  type FactoryContext,
  interpolated,
  paramsOf,
} from "./context.ts";
import { decryptPrivateKeyPem } from "./jwt_key.ts";
import type { RunContext } from "./types.ts";
import { JSON_LOADS } from "../interpolation/macros.ts";

/** The reference evaluates every JWT template with `json_loads` (Python's json.loads) in its context. */
const VARS = { json_loads: JSON_LOADS };

/** Where the signer puts its token when it is used as a middleware. */
export interface JwtTarget {
  /** Header name (default `Authorization`). */
  header?: string;
  /** Query parameter name instead of a header. */
  queryParam?: string;
}

/** Creates the signer of one read. */
export type JwtFactory = (run: RunContext, target?: JwtTarget) => JwtMiddleware;

function renderText(ctx: FactoryContext, value: unknown, params: Component, path: ComponentPath): string {
  const out = interpolated(ctx, value, params, path).render(VARS);
  return out === "None" ? "" : out;
}

/** An optional string field: absent or empty in the manifest means "not set" (the reference tests the template). */
function optional(
  ctx: FactoryContext,
  value: unknown,
  params: Component,
  path: ComponentPath,
): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const out = interpolated(ctx, value, params, path).eval(VARS);
  return out === undefined || out === null ? "" : typeof out === "string" ? out : JSON.stringify(out);
}

function mapping(
  ctx: FactoryContext,
  value: unknown,
  params: Component,
  path: ComponentPath,
): Record<string, unknown> {
  if (!isObject(value)) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const key = interpolated(ctx, k, params, [...path, k]).render(VARS);
    out[key] = interpolated(ctx, v, params, [...path, k], { kind: "mapping" }).eval(VARS);
  }
  return out;
}

function tokenDuration(value: unknown): number {
  if (value === undefined) return 1200;
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^\s*[+-]?\d+\s*$/.test(value)) return Number(value);
  // not an integer: the reference signs with exp == iat
  return 0;
}

/** A JWT middleware whose signer is created on first use (the key may need decrypting first). */
function lazy(make: () => Promise<JwtMiddleware>): JwtMiddleware {
  let pending: Promise<JwtMiddleware> | undefined;
  const get = () => (pending ??= make().catch((error) => {
    pending = undefined;
    throw error;
  }));
  const middleware: Middleware = (next) => async (request) => (await get())(next)(request);
  return Object.assign(middleware, {
    token: async () => (await get()).token(),
    signed: async () => (await get()).signed(),
  });
}

/**
 * Compiles a `JwtAuthenticator` component; the returned factory creates the signer of one read.
 *
 * @example
 * ```ts
 * import { buildJwt } from "./jwt_auth.ts";
 * import { fakeEnv } from "../../env.ts";
 * import { SecretMasker } from "../../secrets.ts";
 * const ctx = { config: { key: "s3cr3t" }, components: {}, streamCache: new Map() };
 * const make = buildJwt(ctx, { type: "JwtAuthenticator", secret_key: "{{ config.key }}", algorithm: "HS256", jwt_payload: { iss: "me" } }, ["auth"]);
 * const run = { stream: "s", ctx: { env: fakeEnv({ start: 1_700_000_000_000 }), masker: new SecretMasker() } };
 * const payload = JSON.parse(atob((await make(run).signed()).split(".")[1]));
 * if (payload.iss !== "me" || payload.exp !== 1_700_001_200) throw new Error(JSON.stringify(payload));
 * ```
 */
export function buildJwt(ctx: FactoryContext, c: Component, path: ComponentPath): JwtFactory {
  const params = paramsOf(c);
  const at = (...keys: (string | number)[]) => [...path, ...keys];
  const headers = isObject(c.jwt_headers) ? c.jwt_headers : {};
  const payload = isObject(c.jwt_payload) ? c.jwt_payload : {};
  // Templates are evaluated when the first token is signed, not when the connector is built: an unselected
  // authenticator (SelectiveAuthenticator) may reference config it does not have, as in the reference.
  const evaluate = () => {
    const algorithm = renderText(ctx, c.algorithm, params, at("algorithm"));
    if (algorithm === "ES256K") {
      throw new SpoutError(
        "manifest_unsupported",
        `${path.join(".")}: JWT algorithm ES256K (secp256k1) is not available in Web Crypto`,
      );
    }
    const base64Secret = typeof c.base64_encode_secret_key === "string"
      ? pyTruthy(
        interpolated(ctx, c.base64_encode_secret_key, params, at("base64_encode_secret_key"), {
          kind: "boolean",
        }).eval(VARS),
      )
      : c.base64_encode_secret_key === true;
    return {
      secret: renderText(ctx, c.secret_key, params, at("secret_key")),
      passphrase: c.passphrase ? renderText(ctx, c.passphrase, params, at("passphrase")) : "",
      options: {
        algorithm,
        base64EncodeSecretKey: base64Secret,
        tokenDurationSeconds: tokenDuration(c.token_duration),
        headerPrefix: c.header_prefix
          ? renderText(ctx, c.header_prefix, params, at("header_prefix"))
          : undefined,
        kid: optional(ctx, headers.kid, params, at("jwt_headers", "kid")),
        typ: optional(ctx, headers.typ, params, at("jwt_headers", "typ")),
        cty: optional(ctx, headers.cty, params, at("jwt_headers", "cty")),
        iss: optional(ctx, payload.iss, params, at("jwt_payload", "iss")),
        sub: optional(ctx, payload.sub, params, at("jwt_payload", "sub")),
        aud: optional(ctx, payload.aud, params, at("jwt_payload", "aud")),
        additionalHeaders: mapping(ctx, c.additional_jwt_headers, params, at("additional_jwt_headers")),
        additionalPayload: mapping(ctx, c.additional_jwt_payload, params, at("additional_jwt_payload")),
      },
    };
  };
  return (run, target = {}) =>
    lazy(async () => {
      const { secret, passphrase, options } = evaluate();
      const common = { ...options, ...target, masker: run.ctx.masker, env: run.ctx.env };
      if (!passphrase) return jwt({ ...common, secretKey: secret });
      run.ctx.masker.add(secret);
      run.ctx.masker.add(passphrase);
      return jwt({ ...common, secretKey: await decryptPrivateKeyPem(secret, passphrase) });
    });
}
