/**
 * Custom components of the corpus manifest `source-tiktok-marketing.yaml` (unchanged), in TypeScript.
 *
 * Both partition routers are SubstreamPartitionRouters over the advertiser ids stream, except that an
 * advertiser id found in the config (the first truthy value along `$parameters.path_in_config`, e.g.
 * `credentials.advertiser_id` for sandbox accounts, which cannot list advertisers) replaces the parent read:
 *
 * - `SingleAdvertiserIdPerPartition`: `{[partition_field]: id, parent_slice: {}}` for the config id, else the
 *   substream partitions unchanged.
 * - `MultipleAdvertiserIdsPerPartition`: the ids (the config one, or every parent's) in chunks of 100, each
 *   partition `{advertiser_ids: json.dumps(chunk), parent_slice: {}}` (e.g. `'["1", "2"]'`).
 *
 * The parent config's `request_option` injects the partition field into requests, as the substream router does.
 *
 * `TransformEmptyMetrics`: report metrics TikTok returns as `"-"` become null.
 * @module
 */
import { defineComponents } from "../../src/declarative/components.ts";
import type { ComponentContext, ComponentOptions } from "../../src/declarative/components.ts";
import type { PartitionRouter } from "../../src/partition/types.ts";
import type { StreamSlice } from "../../src/source/types.ts";
import { isObject, type JsonObject, type RecordData } from "../../src/types.ts";
import { parsePyJson, pyDumps, type PyValue } from "../_shared/py_json.ts";

function pyTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.keys(value).length > 0;
  return Boolean(value);
}

/**
 * The first truthy config value along `paths` (each a list of keys), like `dpath.get` in priority order.
 *
 * @example
 * ```ts
 * import { configValue } from "./components.ts";
 * const config = { credentials: { advertiser_id: "" }, environment: { advertiser_id: "42" } };
 * if (configValue(config, [["credentials", "advertiser_id"], ["environment", "advertiser_id"]]) !== "42") {
 *   throw new Error("priority");
 * }
 * ```
 */
export function configValue(config: JsonObject, paths: unknown): unknown {
  for (const path of Array.isArray(paths) ? paths : []) {
    let node: unknown = config;
    for (const key of Array.isArray(path) ? path : [path]) {
      node = isObject(node) ? node[String(key)] : undefined;
    }
    if (pyTruthy(node)) return node;
  }
  return undefined;
}

/**
 * Python's `json.dumps` of a list of ids (strings and numbers as JSON gives them).
 *
 * @example
 * ```ts
 * import { dumpIds } from "./components.ts";
 * if (dumpIds(["1", 2]) !== '["1", 2]') throw new Error(dumpIds(["1", 2]));
 * ```
 */
export function dumpIds(ids: unknown[]): string {
  return pyDumps(parsePyJson(JSON.stringify(ids)) as PyValue);
}

function advertiserRouter(
  options: ComponentOptions,
  ctx: ComponentContext,
  multiple: boolean,
): PartitionRouter {
  const substream = ctx.build("partition_router", { ...options, type: "SubstreamPartitionRouter" });
  const field = String(ctx.parameters.partition_field);
  const fromConfig = configValue(ctx.config, ctx.parameters.path_in_config);
  const slice = (partition: Record<string, unknown>): StreamSlice => ({ partition, cursor_slice: {} });
  return {
    async *partitions(read, parentState, childState) {
      if (!multiple) {
        if (fromConfig !== undefined) {
          yield slice({ [field]: fromConfig, parent_slice: {} });
        } else if (substream) {
          yield* substream.partitions(read, parentState, childState);
        }
        return;
      }
      const ids: unknown[] = [];
      if (fromConfig !== undefined) ids.push(fromConfig);
      else if (substream) {
        for await (const s of substream.partitions(read, parentState, childState)) {
          ids.push(s.partition[field]);
        }
      }
      for (let i = 0; i < ids.length; i += 100) {
        yield slice({ advertiser_ids: dumpIds(ids.slice(i, i + 100)), parent_slice: {} });
      }
    },
    parentState: substream?.parentState ? () => substream.parentState!() : undefined,
    applyToRequest: substream?.applyToRequest ? (parts, s) => substream.applyToRequest!(parts, s) : undefined,
  };
}

/** Sets the `"-"` values of `record.metrics` to null. */
function transformEmptyMetrics(record: RecordData): void {
  const metrics = record.metrics;
  if (!isObject(metrics)) return;
  for (const [key, value] of Object.entries(metrics)) if (value === "-") metrics[key] = null;
}

/** The registry passed with `--components connectors/source-tiktok-marketing/components.ts`. */
export const components = defineComponents({
  "source_declarative_manifest.components.SingleAdvertiserIdPerPartition": {
    kind: "partition_router",
    create: (options, ctx) => advertiserRouter(options, ctx, false),
  },
  "source_declarative_manifest.components.MultipleAdvertiserIdsPerPartition": {
    kind: "partition_router",
    create: (options, ctx) => advertiserRouter(options, ctx, true),
  },
  "source_declarative_manifest.components.TransformEmptyMetrics": {
    kind: "transformation",
    create: () => transformEmptyMetrics,
  },
});

export default components;
