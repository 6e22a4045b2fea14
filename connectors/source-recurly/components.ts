/**
 * Custom components of the corpus manifest `source-recurly.yaml` (unchanged), in TypeScript.
 *
 * `ExportDatesExtractor`: Recurly's `GET /export_dates` answers `{"object": "export_dates", "dates": [...]}`;
 * the stream's schema is one record `{dates: [...]}` (an empty list when the API has no export yet).
 * @module
 */
import { defineComponents } from "../../src/declarative/components.ts";
import { isObject } from "../../src/types.ts";

/** The registry passed with `--components connectors/source-recurly/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.ExportDatesExtractor": {
    kind: "record_extractor",
    create: () => (document) => {
      const dates = isObject(document) && Array.isArray(document.dates) ? document.dates : [];
      return [{ dates }];
    },
  },
});

export default components;
