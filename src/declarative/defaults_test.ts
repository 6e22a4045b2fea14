import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { DEFAULT_COMPONENT_TYPES, DEFAULT_CUSTOM_COMPONENT_TYPES, defaultComponentType } from "./defaults.ts";
import { DEFINITIONS, ROOT } from "./_schema/mod.ts";

Deno.test("the default tables match the schema, apart from the reference's stale entries", () => {
  const fields = (name: string) =>
    (name === "DeclarativeSource" ? ROOT.fields : DEFINITIONS[name]?.fields) ?? [];
  const stale = [...Object.keys(DEFAULT_COMPONENT_TYPES), ...Object.keys(DEFAULT_CUSTOM_COMPONENT_TYPES)]
    .filter((key) => !fields(key.split(".")[0]).includes(key.split(".")[1]));
  // The reference keeps these pairs although the schema has no such field (decoders moved to the requester,
  // types_mapping renamed, backoff strategies live on DefaultErrorHandler, RecordExpander.parent_fields is
  // newer than this schema); they never match a valid manifest, so they are harmless.
  deepStrictEqual(stale.sort(), [
    "CompositeErrorHandler.backoff_strategies",
    "CursorPagination.decoder",
    "CustomPartitionRouter.parent_stream_configs",
    "DefaultPaginator.decoder",
    "DpathExtractor.decoder",
    "RecordExpander.parent_fields",
    "SchemaTypeIdentifier.types_map",
  ]);
  const missing = Object.entries(DEFAULT_COMPONENT_TYPES).filter(([, t]) => !DEFINITIONS[t]).map(([k, t]) =>
    `${k}=${t}`
  );
  // ConfigComponentResolver is the reference's typo for ConfigComponentsResolver; ParentFieldPath is newer.
  deepStrictEqual(missing.sort(), [
    "DynamicDeclarativeStream.components_resolver=ConfigComponentResolver",
    "RecordExpander.parent_fields=ParentFieldPath",
  ]);
  for (const t of Object.values(DEFAULT_CUSTOM_COMPONENT_TYPES)) {
    strictEqual(Boolean(DEFINITIONS[t]), true, t);
  }
});

Deno.test("lookups are exact: no default for unknown pairs or inherited object keys", () => {
  strictEqual(defaultComponentType("SimpleRetriever.requester", false), "HttpRequester");
  strictEqual(defaultComponentType("SimpleRetriever.requester", true), undefined);
  strictEqual(defaultComponentType("HttpRequester.authenticator", false), undefined);
  strictEqual(defaultComponentType("toString", false), undefined);
  strictEqual(defaultComponentType("", false), undefined);
});
