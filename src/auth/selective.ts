/**
 * Picks one authenticator by a config value (Airbyte's `SelectiveAuthenticator`).
 * @module
 */
import { SpoutError } from "../errors.ts";
import type { Middleware } from "../http/requester.ts";

/** Options for {@link selective}. */
export interface SelectiveOptions {
  /** Authenticators by selector value. */
  authenticators: Record<string, Middleware>;
  /** The value read from the config at `authenticator_selection_path` (undefined when the path is missing). */
  selected: unknown;
}

/**
 * Returns the authenticator named by `selected` (compared as a string); fails with `config_invalid` when the
 * value is missing or unknown.
 *
 * @example
 * ```ts
 * import { selective } from "./selective.ts";
 * import { noAuth } from "./no_auth.ts";
 * const chosen = noAuth();
 * if (selective({ authenticators: { none: chosen }, selected: "none" }) !== chosen) throw new Error();
 * ```
 */
export function selective(options: SelectiveOptions): Middleware {
  if (options.selected === undefined || options.selected === null) {
    throw new SpoutError(
      "config_invalid",
      "The config value that selects the authentication method is missing; set it in config.json",
    );
  }
  const key = String(options.selected);
  if (!Object.hasOwn(options.authenticators, key)) {
    throw new SpoutError(
      "config_invalid",
      `Unknown authentication method "${key}"; expected one of: ${
        Object.keys(options.authenticators).join(", ")
      }`,
    );
  }
  return options.authenticators[key];
}
