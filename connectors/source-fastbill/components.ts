/**
 * Custom components of the corpus manifest `source-fastbill.yaml` (unchanged), in TypeScript.
 *
 * `CustomAuthenticator`: FastBill's API authenticates with HTTP Basic — the account e-mail (`username`) and
 * the API key (`password`); built as the built-in BasicHttpAuthenticator from the component's own fields.
 * @module
 */
import { defineComponents } from "../../src/declarative/components.ts";

/** The registry passed with `--components connectors/source-fastbill/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.CustomAuthenticator": {
    kind: "authenticator",
    create(options, ctx) {
      const basic = ctx.build("authenticator", {
        type: "BasicHttpAuthenticator",
        username: options.username,
        password: options.password,
      });
      return basic ?? ((next) => next);
    },
  },
});

export default components;
