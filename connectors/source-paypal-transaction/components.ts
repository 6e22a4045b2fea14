/**
 * Custom components of the corpus manifest `source-paypal-transaction.yaml` (unchanged), in TypeScript.
 *
 * `PayPalOauth2Authenticator`: PayPal's REST API issues tokens at `token_refresh_endpoint`
 * (`/v1/oauth2/token`) for `grant_type=client_credentials` with the client id/secret as HTTP Basic; the field
 * names of the response come from `access_token_name` / `expires_in_name`. The token is sent as a bearer
 * token and renewed when it expires.
 * @module
 */
import { defaultEnv } from "../../src/env.ts";
import { defineComponents } from "../../src/declarative/components.ts";
import { clientCredentials } from "../_shared/client_credentials.ts";

/** The registry passed with `--components connectors/source-paypal-transaction/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.PayPalOauth2Authenticator": {
    kind: "authenticator",
    create(options, ctx) {
      const text = (key: string, fallback = "") =>
        options[key] === undefined ? fallback : ctx.template(options[key]).render();
      return clientCredentials({
        env: ctx.read?.env ?? defaultEnv(),
        masker: ctx.read?.masker,
        tokenUrl: text("token_refresh_endpoint").trim(),
        clientId: text("client_id"),
        clientSecret: text("client_secret"),
        body: { grant_type: text("grant_type", "client_credentials") },
        accessTokenName: text("access_token_name", "access_token"),
        expiresInName: text("expires_in_name", "expires_in"),
      });
    },
  },
});

export default components;
