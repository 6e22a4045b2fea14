/**
 * Custom components of the corpus manifest `source-prestashop.yaml` (unchanged), in TypeScript.
 *
 * `CustomFieldTransformation`: the Python class meant to blank "zero" dates (`0000-00-00 …`) of the fields a
 * stream's JSON-schema file declares as `date`/`date-time`, the file being found by the stream name in
 * `$parameters.name`. The manifest-only connector gives it neither (no `$parameters.name`, no schema files),
 * so the reference emits every record exactly as the API returns it — Airbyte pinned that with record
 * pass-through tests before dropping the class. This port keeps that behaviour: records are unchanged.
 * @module
 */
import { defineComponents } from "../../src/declarative/components.ts";

/** The registry passed with `--components connectors/source-prestashop/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.CustomFieldTransformation": {
    kind: "transformation",
    create: () => () => undefined,
  },
});

export default components;
