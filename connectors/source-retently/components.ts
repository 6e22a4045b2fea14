/**
 * Custom components of the corpus manifest `source-retently.yaml` (unchanged), in TypeScript.
 *
 * `AuthenticatorRetently`: the config's `credentials.auth_type` picks `oauth` (an OAuthAuthenticator
 * refreshing at Retently's token endpoint) for `Client`, else `api_auth` (the `Authorization: api_key=…`
 * header) for `Token` or when only an `api_key` is given.
 * @module
 */
import { defineComponents } from "../../src/declarative/components.ts";
import { isObject } from "../../src/types.ts";

/** The registry passed with `--components connectors/source-retently/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.AuthenticatorRetently": {
    kind: "authenticator",
    create(options, ctx) {
      const credentials = isObject(ctx.config.credentials) ? ctx.config.credentials : {};
      const oauth = credentials.auth_type === "Client" ||
        (credentials.auth_type === undefined && credentials.api_key === undefined);
      const chosen = oauth
        ? ctx.build("authenticator", options.oauth, "oauth")
        : ctx.build("authenticator", options.api_auth, "api_auth");
      return chosen ?? ((next) => next);
    },
  },
});

export default components;
