/**
 * Custom components of the corpus manifest `source-jira.yaml` (unchanged), in TypeScript.
 *
 * `LabelsRecordExtractor`: a DpathExtractor over `field_path` whose string values become `{label: value}`.
 *
 * `RemoveEmptyFields`: null entries are removed from the objects at the top-level `field_pointers`
 * (`fields`, `renderedFields` of issues).
 *
 * `SubstreamOrSinglePartitionRouter`: with `config.projects`, the SubstreamPartitionRouter's partitions (one
 * per project); without, a single empty partition (the API is asked for every project at once).
 *
 * `SprintIssuesSubstreamPartitionRouter`: the first parent config lists fields (story points): every
 * partition value of it is collected first, then `key`, `status`, `created`, `updated` are appended; the
 * remaining parent configs (sprints) give the partitions, each carrying `extra_fields: {fields: [...]}`.
 * @module
 */
import { type ComponentContext, defineComponents } from "../../src/declarative/components.ts";
import type { PartitionRouter } from "../../src/partition/types.ts";
import type { StreamSlice } from "../../src/source/types.ts";
import { isObject, type RecordData } from "../../src/types.ts";

function parentConfigs(options: { [key: string]: unknown }): { [key: string]: unknown }[] {
  return Array.isArray(options.parent_stream_configs) ? options.parent_stream_configs.filter(isObject) : [];
}

function substream(
  ctx: ComponentContext,
  options: { [key: string]: unknown },
  configs: { [key: string]: unknown }[],
): PartitionRouter | undefined {
  if (configs.length === 0) return undefined;
  return ctx.build(
    "partition_router",
    { ...options, type: "SubstreamPartitionRouter", parent_stream_configs: configs },
    "parent_stream_configs",
  );
}

function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.keys(value).length > 0;
  return Boolean(value);
}

/**
 * Removes null entries from the objects at `pointers` (top-level keys).
 *
 * @example
 * ```ts
 * import { removeEmptyFields } from "./components.ts";
 * const r = removeEmptyFields({ fields: { a: 1, b: null }, other: { c: null } }, ["fields", "missing"]);
 * if (JSON.stringify(r) !== '{"fields":{"a":1},"other":{"c":null}}') throw new Error(JSON.stringify(r));
 * ```
 */
export function removeEmptyFields(record: RecordData, pointers: readonly string[]): RecordData {
  for (const pointer of pointers) {
    const value = record[pointer];
    if (!isObject(value)) continue;
    record[pointer] = Object.fromEntries(
      Object.entries(value).filter(([, v]) => v !== null && v !== undefined),
    );
  }
  return record;
}

/** The registry passed with `--components connectors/source-jira/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.LabelsRecordExtractor": {
    kind: "record_extractor",
    create(options, ctx) {
      const extract = ctx.build("record_extractor", {
        type: "DpathExtractor",
        field_path: options.field_path ?? [],
      });
      return (document) => extract(document).map((label) => ({ label }));
    },
  },
  "source_declarative_manifest.components.RemoveEmptyFields": {
    kind: "transformation",
    create(options, ctx) {
      const pointers = (Array.isArray(options.field_pointers) ? options.field_pointers : []).map((p) =>
        ctx.template(p).render()
      );
      return (record) => removeEmptyFields(record, pointers);
    },
  },
  "source_declarative_manifest.components.SubstreamOrSinglePartitionRouter": {
    kind: "partition_router",
    create(options, ctx) {
      const router = substream(ctx, options, parentConfigs(options));
      const perProject = truthy(ctx.config.projects);
      return {
        async *partitions(read, parentState, childState) {
          if (perProject && router) yield* router.partitions(read, parentState, childState);
          else yield { partition: {}, cursor_slice: {} };
        },
        parentState: () => (perProject ? router?.parentState?.() : undefined),
        applyToRequest: (parts, slice) => router?.applyToRequest?.(parts, slice) ?? parts,
      };
    },
  },
  "source_declarative_manifest.components.SprintIssuesSubstreamPartitionRouter": {
    kind: "partition_router",
    create(options, ctx) {
      const [fieldsConfig, ...rest] = parentConfigs(options);
      const fieldsRouter = fieldsConfig ? substream(ctx, options, [fieldsConfig]) : undefined;
      const router = substream(ctx, options, rest);
      const fieldKey = fieldsConfig ? ctx.template(fieldsConfig.partition_field).render() : "";
      return {
        async *partitions(read, parentState, childState) {
          const fields: unknown[] = [];
          if (fieldsRouter) {
            for await (const s of fieldsRouter.partitions(read) as AsyncIterable<StreamSlice>) {
              fields.push(s.partition[fieldKey]);
            }
          }
          fields.push("key", "status", "created", "updated");
          if (!router) return;
          for await (
            const s of router.partitions(read, parentState, childState) as AsyncIterable<StreamSlice>
          ) {
            yield {
              partition: s.partition,
              cursor_slice: s.cursor_slice,
              extra_fields: { fields: [...fields] },
            };
          }
        },
        parentState: () => router?.parentState?.(),
        applyToRequest: (parts, slice) => router?.applyToRequest?.(parts, slice) ?? parts,
      };
    },
  },
});

export default components;
