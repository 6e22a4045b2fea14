/**
 * JWT authentication signed with Web Crypto (Airbyte's `JwtAuthenticator`): HS256/384/512, RS256/384/512,
 * PS256/384/512, ES256/384/512 and EdDSA (Ed25519). Headers are serialised with sorted keys and payloads in
 * Airbyte's order with Python's compact, ASCII-only JSON, so HMAC tokens match PyJWT byte for byte.
 *
 * Deliberate difference: a token is reused until half of `tokenDurationSeconds` has passed (Airbyte signs a
 * new one per request), which keeps the number of masked secrets bounded.
 * @module
 */
import { defaultEnv, type Env } from "../env.ts";
import { SpoutError } from "../errors.ts";
import type { Middleware } from "../http/requester.ts";
import { base64, withHeader, withQueryParam } from "./_request.ts";
import type { AuthOptions } from "./types.ts";

/** Supported JWT algorithms. */
export type JwtAlgorithm =
  | "HS256"
  | "HS384"
  | "HS512"
  | "RS256"
  | "RS384"
  | "RS512"
  | "PS256"
  | "PS384"
  | "PS512"
  | "ES256"
  | "ES384"
  | "ES512"
  | "EdDSA";

/** Options for {@link jwt} (values already interpolated). */
export interface JwtOptions extends AuthOptions {
  /** Signing algorithm. */
  algorithm: JwtAlgorithm | string;
  /** HMAC secret, or a PEM private key (PKCS#8 `PRIVATE KEY` or PKCS#1 `RSA PRIVATE KEY`). */
  secretKey: string;
  /** Use base64(secret) as the HMAC key, like Airbyte's `base64_encode_secret_key`. */
  base64EncodeSecretKey?: boolean;
  /** Token lifetime (`exp = iat + duration`, default 1200 s). */
  tokenDurationSeconds?: number;
  /** Written before the token with a space (e.g. `Bearer`); without it the bare token is sent. */
  headerPrefix?: string;
  /** `kid` header. */
  kid?: string;
  /** `typ` header (default `JWT`). */
  typ?: string;
  /** `cty` header. */
  cty?: string;
  /** `iss` claim. */
  iss?: string;
  /** `sub` claim. */
  sub?: string;
  /** `aud` claim. */
  aud?: string;
  /** Extra headers (must not contain kid/alg/typ/cty). */
  additionalHeaders?: Record<string, unknown>;
  /** Extra claims (must not contain iss/sub/aud/iat/exp/nbf). */
  additionalPayload?: Record<string, unknown>;
  /** Header to inject into (default `Authorization`). */
  header?: string;
  /** Query parameter to inject into instead. */
  queryParam?: string;
  /** Clock. */
  env?: Pick<Env, "now">;
}

/** A JWT middleware that can also hand out a signed token (e.g. as an OAuth assertion). */
export interface JwtMiddleware extends Middleware {
  /** A signed token, with the header prefix when one is configured. */
  token(): Promise<string>;
  /** A signed token without prefix. */
  signed(): Promise<string>;
}

const HASH: Record<string, string> = { "256": "SHA-256", "384": "SHA-384", "512": "SHA-512" };

function pyJson(value: unknown, sortKeys: boolean): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map((v) => pyJson(v, sortKeys)).join(",")}]`;
  if (typeof value === "object") {
    const keys = Object.keys(value);
    if (sortKeys) keys.sort();
    return `{${
      keys.map((k) => `${pyJson(k, sortKeys)}:${pyJson((value as Record<string, unknown>)[k], sortKeys)}`)
        .join(",")
    }}`;
  }
  if (typeof value === "string") {
    return JSON.stringify(value).replace(
      /[\u0080-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  return JSON.stringify(value);
}

function b64url(bytes: Uint8Array | string): string {
  return base64(bytes).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  while (n > 0) {
    out.unshift(n & 0xff);
    n >>= 8;
  }
  return [0x80 | out.length, ...out];
}

function pkcs1ToPkcs8(pkcs1: Uint8Array): Uint8Array {
  const algorithm = [
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    0x86,
    0x48,
    0x86,
    0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00,
  ];
  const octet = [0x04, ...derLength(pkcs1.length)];
  const inner = [0x02, 0x01, 0x00, ...algorithm, ...octet];
  const total = inner.length + pkcs1.length;
  const out = new Uint8Array([0x30, ...derLength(total), ...inner, ...pkcs1]);
  return out;
}

function pemToPkcs8(pem: string): Uint8Array {
  const text = pem.replace(/\\n/g, "\n");
  const match = /-----BEGIN ([A-Z ]+)-----([\s\S]+?)-----END \1-----/.exec(text);
  if (!match) {
    throw new SpoutError(
      "config_invalid",
      "The JWT private key is not a PEM key (-----BEGIN PRIVATE KEY-----)",
    );
  }
  const kind = match[1];
  const der = Uint8Array.from(atob(match[2].replace(/\s+/g, "")), (c) => c.charCodeAt(0));
  if (kind === "PRIVATE KEY") return der;
  if (kind === "RSA PRIVATE KEY") return pkcs1ToPkcs8(der);
  throw new SpoutError(
    "config_invalid",
    `Unsupported JWT key type "${kind}": use an unencrypted PKCS#8 private key`,
  );
}

async function importSigner(algorithm: string, secret: string, base64Secret: boolean) {
  const family = algorithm.slice(0, 2);
  const hash = HASH[algorithm.slice(2)];
  const subtle = crypto.subtle;
  if (family === "HS" && hash) {
    const raw = new TextEncoder().encode(base64Secret ? base64(secret) : secret);
    const key = await subtle.importKey("raw", raw, { name: "HMAC", hash }, false, ["sign"]);
    return (data: Uint8Array) => subtle.sign("HMAC", key, data as BufferSource);
  }
  if (!/^(RS|PS|ES)(256|384|512)$/.test(algorithm) && algorithm !== "EdDSA") {
    throw new SpoutError("manifest_unsupported", `JWT algorithm "${algorithm}" is not supported`);
  }
  const der = pemToPkcs8(secret) as BufferSource;
  if (family === "RS" && hash) {
    const key = await subtle.importKey("pkcs8", der, { name: "RSASSA-PKCS1-v1_5", hash }, false, ["sign"]);
    return (data: Uint8Array) => subtle.sign("RSASSA-PKCS1-v1_5", key, data as BufferSource);
  }
  if (family === "PS" && hash) {
    const key = await subtle.importKey("pkcs8", der, { name: "RSA-PSS", hash }, false, ["sign"]);
    const saltLength = Number(algorithm.slice(2)) / 8;
    return (data: Uint8Array) => subtle.sign({ name: "RSA-PSS", saltLength }, key, data as BufferSource);
  }
  if (family === "ES" && hash) {
    const namedCurve = { "SHA-256": "P-256", "SHA-384": "P-384", "SHA-512": "P-521" }[hash]!;
    const key = await subtle.importKey("pkcs8", der, { name: "ECDSA", namedCurve }, false, ["sign"]);
    return (data: Uint8Array) => subtle.sign({ name: "ECDSA", hash }, key, data as BufferSource);
  }
  if (algorithm === "EdDSA") {
    const key = await subtle.importKey("pkcs8", der, { name: "Ed25519" }, false, ["sign"]);
    return (data: Uint8Array) => subtle.sign("Ed25519", key, data as BufferSource);
  }
  throw new SpoutError("manifest_unsupported", `JWT algorithm "${algorithm}" is not supported`);
}

/**
 * Builds a JWT authenticator.
 *
 * @example
 * ```ts
 * import { jwt } from "./jwt.ts";
 * import { fakeEnv } from "../env.ts";
 * const auth = jwt({ algorithm: "HS256", secretKey: "s3cr3t", iss: "me", env: fakeEnv({ start: 1_700_000_000_000 }) });
 * const [header, payload] = (await auth.signed()).split(".").slice(0, 2).map((p) => JSON.parse(atob(p.replace(/-/g, "+").replace(/_/g, "/"))));
 * if (header.alg !== "HS256" || payload.iss !== "me" || payload.exp !== 1_700_001_200) throw new Error();
 * ```
 */
export function jwt(options: JwtOptions): JwtMiddleware {
  const env = options.env ?? defaultEnv();
  const duration = options.tokenDurationSeconds ?? 1200;
  const reservedHeaders = ["kid", "alg", "typ", "cty"].filter((k) => k in (options.additionalHeaders ?? {}));
  const reservedClaims = ["iss", "sub", "aud", "iat", "exp", "nbf"].filter((k) =>
    k in (options.additionalPayload ?? {})
  );
  if (reservedHeaders.length || reservedClaims.length) {
    throw new SpoutError(
      "manifest_invalid",
      `JWT additional headers/payload must not set reserved fields: ${
        [...reservedHeaders, ...reservedClaims].join(", ")
      }`,
    );
  }
  options.masker?.add(options.secretKey);
  const header = options.queryParam === undefined ? options.header ?? "Authorization" : undefined;
  if (header) options.credentials?.addHeader(header);
  if (options.queryParam) options.credentials?.addQueryParam(options.queryParam);
  let signer: Promise<(data: Uint8Array) => Promise<ArrayBuffer>> | undefined;
  let cached: { token: string; until: number } | undefined;

  async function sign(): Promise<string> {
    const nowMs = env.now();
    if (cached && nowMs < cached.until) return cached.token;
    signer ??= importSigner(options.algorithm, options.secretKey, options.base64EncodeSecretKey === true);
    const now = Math.floor(nowMs / 1000);
    const head: Record<string, unknown> = { typ: "JWT", ...options.additionalHeaders };
    if (options.kid) head.kid = options.kid;
    if (options.typ) head.typ = options.typ;
    if (options.cty) head.cty = options.cty;
    head.alg = options.algorithm;
    const claims: Record<string, unknown> = { ...options.additionalPayload };
    if (options.iss) claims.iss = options.iss;
    if (options.sub) claims.sub = options.sub;
    if (options.aud) claims.aud = options.aud;
    claims.iat = now;
    claims.exp = now + duration;
    claims.nbf = now;
    const input = `${b64url(pyJson(head, true))}.${b64url(pyJson(claims, false))}`;
    let signature: ArrayBuffer;
    try {
      signature = await (await signer)(new TextEncoder().encode(input));
    } catch (error) {
      signer = undefined;
      if (error instanceof SpoutError) throw error;
      throw new SpoutError("config_invalid", "Failed to sign the JWT: check the private key and algorithm", {
        cause: error,
      });
    }
    const token = `${input}.${b64url(new Uint8Array(signature))}`;
    options.masker?.add(token);
    cached = { token, until: duration > 1 ? now * 1000 + (duration * 1000) / 2 : (now + 1) * 1000 };
    return token;
  }

  const token = async () => (options.headerPrefix ? `${options.headerPrefix} ${await sign()}` : sign());
  const middleware: Middleware = (next) => async (request) => {
    const value = await token();
    return next(
      header ? withHeader(request, header, value) : withQueryParam(request, options.queryParam!, value),
    );
  };
  return Object.assign(middleware, { token, signed: sign });
}
