/**
 * A stream's `state_migrations`, applied in order to the incoming stream state before the cursor sees it:
 * `LegacyToPerPartitionStateMigration` (built in) and `CustomStateMigration` (registered TypeScript
 * components). An entry without `class_name` is a LegacyToPerPartitionStateMigration whatever its `type` says,
 * as the reference parses it (source-bing-ads writes `Type:`).
 * @module
 */
import { isObject, type JsonObject } from "../../types.ts";
import { customStateMigrations } from "../components_factory.ts";
import {
  type Component,
  type ComponentPath,
  type FactoryContext,
  interpolated,
  invalid,
  paramsOf,
} from "./context.ts";

/** Migrates an incoming stream state (undefined stays undefined). */
export type StateMigration = (state: JsonObject | undefined) => JsonObject | undefined;

/** The partition field of the stream's router that legacy state keys become (first parent, or the union's). */
function partitionFieldOf(ctx: FactoryContext, stream: Component, path: ComponentPath): {
  field: unknown;
  parents: number | undefined;
} {
  const retriever = isObject(stream.retriever) ? stream.retriever : {};
  const retrieverType = retriever.type ?? "SimpleRetriever";
  if (retrieverType !== "SimpleRetriever" && retrieverType !== "AsyncRetriever") {
    invalid(
      ctx,
      path,
      "LegacyToPerPartitionStateMigration can only be applied on a stream with a SimpleRetriever or AsyncRetriever",
    );
  }
  const router = retriever.partition_router;
  if (isObject(router) && router.type === "UnionPartitionRouter") {
    return { field: router.partition_field, parents: undefined };
  }
  const custom = isObject(router) &&
    (router.type === "CustomPartitionRouter" || typeof router.class_name === "string");
  if (!isObject(router) || (router.type !== "SubstreamPartitionRouter" && !custom)) {
    return invalid(
      ctx,
      path,
      "LegacyToPerPartitionStateMigration can only be applied on a SimpleRetriever with a SubstreamPartitionRouter, " +
        "UnionPartitionRouter or CustomPartitionRouter",
    );
  }
  const configs = router.parent_stream_configs;
  if (!Array.isArray(configs)) {
    return invalid(
      ctx,
      path,
      "LegacyToPerPartitionStateMigration can only be applied with a parent stream configuration",
    );
  }
  const first = configs[0];
  return { field: isObject(first) ? first.partition_field : undefined, parents: configs.length };
}

/**
 * Airbyte's `LegacyToPerPartitionStateMigration`: `{"<partition id>": {"<cursor field>": value}, ...}` becomes
 * `{"states": [{"partition": {"<partition field>": "<partition id>"}, "cursor": {...}}, ...]}`. A state already
 * per partition, an empty state, a router with other than one parent stream, or any entry that is not an
 * object with exactly the cursor field is left unchanged.
 *
 * @example
 * ```ts
 * import { legacyToPerPartitionStateMigration } from "./state_migrations.ts";
 * const ctx = { config: {}, components: {}, streamCache: new Map() };
 * const stream = {
 *   incremental_sync: { type: "DatetimeBasedCursor", cursor_field: "updated" },
 *   retriever: { partition_router: { type: "SubstreamPartitionRouter", parent_stream_configs: [{ partition_field: "id" }] } },
 * };
 * const migrate = legacyToPerPartitionStateMigration(ctx, stream, ["state_migrations", 0]);
 * const out = migrate({ "42": { updated: "2024-01-01" } });
 * if (JSON.stringify(out) !== '{"states":[{"partition":{"id":"42"},"cursor":{"updated":"2024-01-01"}}]}') throw new Error();
 * ```
 */
export function legacyToPerPartitionStateMigration(
  ctx: FactoryContext,
  stream: Component,
  path: ComponentPath,
): StateMigration {
  const params = paramsOf(stream);
  const { field, parents } = partitionFieldOf(ctx, stream, path);
  const incremental = isObject(stream.incremental_sync) ? stream.incremental_sync : undefined;
  if (!incremental) {
    return invalid(
      ctx,
      path,
      "LegacyToPerPartitionStateMigration can only be applied with an incremental_sync",
    );
  }
  // both are evaluated with the stream's $parameters, as the reference does
  const partitionKey = interpolated(ctx, field, params, [...path, "partition_field"]).eval({});
  const cursorField = interpolated(ctx, incremental.cursor_field, params, [...path, "cursor_field"]).eval({});
  const shouldMigrate = (state: JsonObject): boolean => {
    if ("states" in state) return false;
    if (parents !== undefined && parents !== 1) return false;
    const entries = Object.values(state);
    if (entries.length === 0) return false;
    return entries.every((value) => {
      if (!isObject(value)) return false;
      const keys = Object.keys(value);
      return keys.length === 1 && keys[0] === cursorField;
    });
  };
  const key = String(partitionKey);
  return (state) => {
    if (state === undefined || !shouldMigrate(state)) return state;
    return {
      states: Object.entries(state).map(([id, cursor]) => ({ partition: { [key]: id }, cursor })),
    };
  };
}

/**
 * Builds the `state_migrations` of a stream component as one function (undefined when there are none).
 *
 * @example
 * ```ts
 * import { buildStateMigrations } from "./state_migrations.ts";
 * const ctx = { config: {}, components: {}, streamCache: new Map() };
 * const stream = {
 *   incremental_sync: { type: "DatetimeBasedCursor", cursor_field: "updated" },
 *   retriever: { partition_router: { type: "SubstreamPartitionRouter", parent_stream_configs: [{ partition_field: "id" }] } },
 *   state_migrations: [{ type: "LegacyToPerPartitionStateMigration" }],
 * };
 * const migrate = buildStateMigrations(ctx, stream, ["streams", 0])!;
 * if (migrate({ "7": { updated: "x" } })?.states === undefined) throw new Error("migrated");
 * ```
 */
export function buildStateMigrations(
  ctx: FactoryContext,
  stream: Component,
  path: ComponentPath,
): StateMigration | undefined {
  const list = stream.state_migrations;
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const at = [...path, "state_migrations"];
  const steps: StateMigration[] = list.map((m, i) => {
    if (isObject(m) && typeof m.class_name === "string") {
      // keep the entry's index in error locations: the other entries are blanked, not removed
      const only = list.map((x, j) => (j === i ? x : null));
      return customStateMigrations(ctx, only, at) ?? ((s) => s);
    }
    return legacyToPerPartitionStateMigration(ctx, stream, [...at, i]);
  });
  return (state) => {
    let out = state;
    for (const step of steps) out = step(out);
    return out;
  };
}
