/**
 * Custom components of the corpus manifest `source-typeform.yaml` (unchanged), in TypeScript.
 *
 * - `TypeformAuthenticator`: the config's `credentials.auth_type` picks `oauth2` (an OAuthAuthenticator that
 *   refreshes with the client id/secret and refresh token) for `oauth2.0`, else `token_auth` (a Bearer
 *   personal token).
 * - `FormIdPartitionRouter`: one partition `{form_id}` per id of the config's `form_ids` when the list is
 *   given (no request), otherwise one per form of the parent stream (`parent_stream_configs`, read through a
 *   SubstreamPartitionRouter). Partitions are `{form_id}` either way, so per-form state survives a change of
 *   `form_ids`.
 * @module
 */
import { defineComponents } from "../../src/declarative/components.ts";
import type { StreamSlice } from "../../src/source/types.ts";
import { isObject } from "../../src/types.ts";

/** The registry passed with `--components connectors/source-typeform/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.TypeformAuthenticator": {
    kind: "authenticator",
    create(options, ctx) {
      const credentials = isObject(ctx.config.credentials) ? ctx.config.credentials : {};
      const useOauth = credentials.auth_type === "oauth2.0";
      const chosen = useOauth ? ctx.build("authenticator", options.oauth2, "oauth2") : ctx.build(
        "authenticator",
        options.token_auth,
        "token_auth",
      );
      return chosen ?? ((next) => next);
    },
  },
  "source_declarative_manifest.components.FormIdPartitionRouter": {
    kind: "partition_router",
    create(options, ctx) {
      const formIds = Array.isArray(ctx.config.form_ids) ? ctx.config.form_ids.map(String) : [];
      const parents = ctx.build("partition_router", { ...options, type: "SubstreamPartitionRouter" });
      const field = "form_id";
      return {
        async *partitions(read, parentState) {
          if (formIds.length > 0) {
            for (const id of formIds) yield { partition: { [field]: id }, cursor_slice: {} };
            return;
          }
          if (!parents) return;
          for await (const slice of parents.partitions(read, parentState) as AsyncIterable<StreamSlice>) {
            yield { partition: { [field]: slice.partition[field] }, cursor_slice: {} };
          }
        },
      };
    },
  },
});

export default components;
