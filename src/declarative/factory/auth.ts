/**
 * Authenticator family: ApiKeyAuthenticator, BearerAuthenticator, BasicHttpAuthenticator,
 * OAuthAuthenticator, SessionTokenAuthenticator, JwtAuthenticator, SelectiveAuthenticator, NoAuth — each
 * becomes a middleware of the requester chain.
 * @module
 */
import { SpoutError } from "../../errors.ts";
import type { Middleware } from "../../http/requester.ts";
import { isObject } from "../../types.ts";
import type { ComponentPath, FactoryContext } from "./context.ts";
import type { RunContext } from "./types.ts";

/** Builds the auth middleware for a read (undefined: no authentication). */
export type AuthFactory = (run: RunContext) => Middleware | undefined;

/** Builds an authenticator. */
export function buildAuthenticator(
  _ctx: FactoryContext,
  component: unknown,
  path: ComponentPath,
): AuthFactory | undefined {
  if (!isObject(component) || component.type === "NoAuth") return undefined;
  throw new SpoutError(
    "manifest_unsupported",
    `authenticator ${String(component.type)} is not supported yet (${path.join(".")})`,
  );
}
