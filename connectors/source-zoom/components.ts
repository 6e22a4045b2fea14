/**
 * Custom components of the corpus manifest `source-zoom.yaml` (unchanged), in TypeScript.
 *
 * `ServerToServerOauthAuthenticator`: Zoom server-to-server OAuth apps get their token from
 * `authorization_endpoint` (`https://zoom.us/oauth/token`) with `grant_type=account_credentials` and the
 * `account_id` in the query and the client id/secret as HTTP Basic; the token (valid one hour) is sent as a
 * bearer token and renewed when it expires.
 * @module
 */
import { defaultEnv } from "../../src/env.ts";
import { defineComponents } from "../../src/declarative/components.ts";
import { clientCredentials } from "../_shared/client_credentials.ts";

/** The registry passed with `--components connectors/source-zoom/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.ServerToServerOauthAuthenticator": {
    kind: "authenticator",
    create(options, ctx) {
      const text = (key: string) => ctx.template(options[key]).render();
      const endpoint = new URL(text("authorization_endpoint") || "https://zoom.us/oauth/token");
      endpoint.searchParams.set("grant_type", text("grant_type") || "account_credentials");
      endpoint.searchParams.set("account_id", text("account_id"));
      return clientCredentials({
        env: ctx.read?.env ?? defaultEnv(),
        masker: ctx.read?.masker,
        tokenUrl: endpoint.href,
        clientId: text("client_id"),
        clientSecret: text("client_secret"),
      });
    },
  },
});

export default components;
