/**
 * The private manifest schemas, registered and ready: {@link manifestSchema} validates a resolved manifest
 * (after default types and `$parameters` propagation) the way the reference's JSON-schema validation does.
 * @module
 */
import { z } from "../../_deps/zod.ts";
import { AUTH_SCHEMAS } from "./auth.ts";
import { CONFIG_SCHEMAS } from "./config.ts";
import { CUSTOM_SCHEMAS } from "./custom.ts";
import { DYNAMIC_SCHEMAS } from "./dynamic.ts";
import { ERROR_HANDLING_SCHEMAS } from "./error_handling.ts";
import { EXTRACT_SCHEMAS } from "./extract.ts";
import { HTTP_SCHEMAS } from "./http.ts";
import { INCREMENTAL_SCHEMAS } from "./incremental.ts";
import { MISC_SCHEMAS } from "./misc.ts";
import { PAGINATION_SCHEMAS } from "./pagination.ts";
import { PARTITION_SCHEMAS } from "./partition.ts";
import { lookupSchema, register } from "./ref.ts";
import { SCHEMA_LOADING_SCHEMAS } from "./schema_loading.ts";
import { TRANSFORM_SCHEMAS } from "./transform.ts";

export { type DefinitionMeta, DEFINITIONS, ROOT } from "./meta.ts";
// zod compiles object parsers with `new Function` unless told not to; spout allows no eval of any kind
// (measured: no slower on the corpus).
z.config({ jitless: true });

export { lookupSchema };

for (
  const family of [
    AUTH_SCHEMAS,
    CONFIG_SCHEMAS,
    CUSTOM_SCHEMAS,
    DYNAMIC_SCHEMAS,
    ERROR_HANDLING_SCHEMAS,
    EXTRACT_SCHEMAS,
    HTTP_SCHEMAS,
    INCREMENTAL_SCHEMAS,
    MISC_SCHEMAS,
    PAGINATION_SCHEMAS,
    PARTITION_SCHEMAS,
    SCHEMA_LOADING_SCHEMAS,
    TRANSFORM_SCHEMAS,
  ]
) register(family);

/** Validates a whole resolved manifest (the root must have `streams` or `dynamic_streams`). */
export const manifestSchema: z.ZodType = lookupSchema("DeclarativeSource").superRefine((value, ctx) => {
  const v = value as Record<string, unknown>;
  if (!Object.hasOwn(v, "streams") && !Object.hasOwn(v, "dynamic_streams")) {
    ctx.addIssue({
      code: "custom",
      path: [],
      message: "missing required field: streams (or dynamic_streams)",
      params: { missing: "streams" },
    });
  }
});
