/**
 * Custom components of the corpus manifest `source-chargebee.yaml` (unchanged), in TypeScript.
 *
 * `CustomFieldTransformation`: Chargebee returns a site's custom fields as top-level `cf_*` keys of each
 * resource; the streams' schemas declare them as `custom_fields: [{name, value}]`. Every `cf_*` key moves into
 * that list (in record order) and leaves the record; records without custom fields get an empty list.
 * @module
 */
import { defineComponents } from "../../src/declarative/components.ts";
import type { RecordData } from "../../src/types.ts";

/** Moves the `cf_*` fields of `record` into `custom_fields`. */
export function collectCustomFields(record: RecordData): RecordData {
  const out: RecordData = {};
  const custom: { name: string; value: unknown }[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (key.startsWith("cf_")) custom.push({ name: key, value });
    else out[key] = value;
  }
  out.custom_fields = custom;
  return out;
}

/** The registry passed with `--components connectors/source-chargebee/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.CustomFieldTransformation": {
    kind: "transformation",
    create: () => (record) => collectCustomFields(record),
  },
});

export default components;
