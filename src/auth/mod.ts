/**
 * Authenticators as middleware: each sets credentials on requests, registers its secrets with a
 * `SecretMasker` and its credential header/query names with a `CredentialRegistry` (so redirects to another
 * origin strip them and logs hide them).
 *
 * @example
 * ```ts
 * import { bearer } from "./mod.ts";
 * import { compose } from "../http/requester.ts";
 * const requester = compose((r) => Promise.resolve(new Response(r.headers.get("authorization"))), bearer("t"));
 * if ((await (await requester(new Request("https://api.test/"))).text()) !== "Bearer t") throw new Error();
 * ```
 * @module
 */
export type { AuthOptions } from "./types.ts";
export type { TokenSource } from "./_request.ts";
export { apiKey, type ApiKeyOptions } from "./api_key.ts";
export { bearer } from "./bearer.ts";
export { basic } from "./basic.ts";
export { noAuth } from "./no_auth.ts";
export { selective, type SelectiveOptions } from "./selective.ts";
export { oauth2, type OAuth2Middleware, type OAuth2Options, type OAuth2Tokens } from "./oauth2.ts";
export { sessionToken, type SessionTokenMiddleware, type SessionTokenOptions } from "./session_token.ts";
export { jwt, type JwtAlgorithm, type JwtMiddleware, type JwtOptions } from "./jwt.ts";
export { findTokenValue, formatAirbyteDateTime, parseDateTime } from "./token_helpers.ts";
