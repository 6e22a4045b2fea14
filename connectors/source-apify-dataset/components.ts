/**
 * Custom components of the corpus manifest `source-apify-dataset.yaml` (unchanged), in TypeScript.
 *
 * `WrappingDpathExtractor`: dataset items have no fixed shape, so the `item_collection` stream (schema: one
 * `data` object) wraps each item found at `field_path` as `{"data": item}`.
 * @module
 */
import { defineComponents } from "../../src/declarative/components.ts";
import { fieldPathReader } from "../_shared/field_path.ts";

/** The registry passed with `--components connectors/source-apify-dataset/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.WrappingDpathExtractor": {
    kind: "record_extractor",
    create(options, ctx) {
      const read = fieldPathReader(options, ctx);
      return (document) => {
        const node = read(document);
        const items = Array.isArray(node) ? node : node === undefined || node === null ? [] : [node];
        return items.map((data) => ({ data }));
      };
    },
  },
});

export default components;
