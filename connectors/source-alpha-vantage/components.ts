/**
 * Custom components of the corpus manifest `source-alpha-vantage.yaml` (unchanged), in TypeScript.
 *
 * `ObjectDpathExtractor`: Alpha Vantage returns time series as one object keyed by timestamp
 * (`{"Time Series (Daily)": {"2024-01-05": {"1. open": "…"}, …}}`). At `field_path`, an object of objects
 * becomes one record per entry, the key injected as `inject_key_as_field` (`date`, `timestamp`); a list is
 * used as is; without `field_path` the whole document is one record (GLOBAL_QUOTE).
 * @module
 */
import { defineComponents } from "../../src/declarative/components.ts";
import { isObject } from "../../src/types.ts";

/** The registry passed with `--components connectors/source-alpha-vantage/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.ObjectDpathExtractor": {
    kind: "record_extractor",
    create(options, ctx) {
      const path = (Array.isArray(options.field_path) ? options.field_path : []).map((segment) =>
        ctx.template(segment).render()
      );
      const keyField = options.inject_key_as_field === undefined
        ? undefined
        : ctx.template(options.inject_key_as_field).render();
      return (document) => {
        let node: unknown = document;
        for (const segment of path) node = isObject(node) ? node[segment] : undefined;
        if (Array.isArray(node)) return node;
        if (!isObject(node)) return [];
        if (path.length === 0) return [node];
        return Object.entries(node).flatMap(([key, value]) => {
          if (!isObject(value)) return [];
          return [keyField ? { ...value, [keyField]: key } : value];
        });
      };
    },
  },
});

export default components;
