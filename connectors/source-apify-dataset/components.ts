/**
 * Custom components of the corpus manifest `source-apify-dataset.yaml` (unchanged), in TypeScript.
 *
 * `WrappingDpathExtractor`: dataset items have no fixed shape, so the `item_collection` stream (schema: one
 * `data` object) wraps each item found at `field_path` as `{"data": item}`.
 * @module
 */
import { defineComponents } from "../../src/declarative/components.ts";
import { isObject } from "../../src/types.ts";

/** The registry passed with `--components connectors/source-apify-dataset/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.WrappingDpathExtractor": {
    kind: "record_extractor",
    create(options, ctx) {
      const path = (Array.isArray(options.field_path) ? options.field_path : []).map((s) =>
        ctx.template(s).render()
      );
      return (document) => {
        let node: unknown = document;
        for (const segment of path) node = isObject(node) ? node[segment] : undefined;
        const items = Array.isArray(node) ? node : node === undefined || node === null ? [] : [node];
        return items.map((data) => ({ data }));
      };
    },
  },
});

export default components;
