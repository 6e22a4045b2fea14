/**
 * Partition router family: ListPartitionRouter, SubstreamPartitionRouter (ParentStreamConfig with
 * parent_key, partition_field, request_option, incremental_dependency, extra_fields),
 * CartesianProductStreamSlicer / lists of routers, GroupingPartitionRouter, UnionPartitionRouter.
 * @module
 */
import { SpoutError } from "../../errors.ts";
import { getPath } from "../../extract/dpath.ts";
import type { RequestParts } from "../../pagination/types.ts";
import { injectRequestOption, type RequestOption } from "../../partition/request_option.ts";
import type { StreamSlice } from "../../source/types.ts";
import { isObject, type JsonObject, type RecordData } from "../../types.ts";
import {
  bool,
  type Component,
  type ComponentPath,
  type FactoryContext,
  interpolated,
  invalid,
  paramsOf,
} from "./context.ts";
import { buildRequestOption } from "./paginator.ts";
import type { RunContext } from "./types.ts";
import { customPartitionRouter, isCustomComponent } from "../components_factory.ts";

/** A built partition router. */
export interface BuiltRouter {
  /** Partitions (cursor_slice empty). */
  partitions(run: RunContext): AsyncIterable<StreamSlice>;
  /** Injects partition values as request options. */
  applyToRequest(parts: RequestParts, slice: StreamSlice): RequestParts;
  /** Parent streams' state (incremental_dependency), keyed by parent stream name. */
  parentState?(): JsonObject | undefined;
  /** Restores parent state from the incoming stream state. */
  setParentState?(state: JsonObject | undefined): void;
}

/** Reads a parent stream: its records with the slice each came from. */
export interface ParentReader {
  /** Parent stream name. */
  readonly name: string;
  /** Reads every record of the parent (incremental when `state` is given). */
  read(run: RunContext, state: JsonObject | undefined, incremental: boolean): AsyncIterable<{
    record: RecordData;
    slice: StreamSlice;
  }>;
  /** The parent's state after the read (incremental_dependency). */
  state(): JsonObject | undefined;
}

/** Builds a parent reader from a stream component (provided by the stream factory). */
export type ParentBuilder = (component: Component, path: ComponentPath) => ParentReader;

interface Injector {
  field: string;
  option: RequestOption | undefined;
}

function applyInjectors(injectors: Injector[], parts: RequestParts, slice: StreamSlice): RequestParts {
  let out = parts;
  for (const { field, option } of injectors) {
    if (!option) continue;
    const value = slice.partition[field];
    if (value !== undefined && value !== null) out = injectRequestOption(out, option, value);
  }
  return out;
}

function listRouter(ctx: FactoryContext, component: Component, path: ComponentPath): BuiltRouter {
  const params = paramsOf(component);
  const field = interpolated(ctx, component.cursor_field, params, [...path, "cursor_field"]).render({});
  let values: unknown[];
  if (typeof component.values === "string") {
    const v = interpolated(ctx, component.values, params, [...path, "values"]).eval({});
    values = Array.isArray(v) ? v : v === undefined || v === null || v === "" ? [] : [v];
  } else if (Array.isArray(component.values)) {
    values = component.values;
  } else {
    return invalid(ctx, [...path, "values"], "ListPartitionRouter needs values");
  }
  const injectors = [{
    field,
    option: buildRequestOption(ctx, component.request_option, [...path, "request_option"]),
  }];
  return {
    async *partitions() {
      for (const value of values) yield { partition: { [field]: value }, cursor_slice: {} };
    },
    applyToRequest: (parts, slice) => applyInjectors(injectors, parts, slice),
  };
}

function substreamRouter(
  ctx: FactoryContext,
  component: Component,
  path: ComponentPath,
  parentBuilder: ParentBuilder,
): BuiltRouter {
  const configs = Array.isArray(component.parent_stream_configs) ? component.parent_stream_configs : [];
  if (configs.length === 0) invalid(ctx, path, "SubstreamPartitionRouter needs parent_stream_configs");
  const parents = configs.map((raw, i) => {
    const at = [...path, "parent_stream_configs", i];
    if (!isObject(raw) || !isObject(raw.stream)) {
      return invalid(ctx, at, "a ParentStreamConfig needs a stream");
    }
    const params = paramsOf(raw);
    const parentKey = interpolated(ctx, raw.parent_key, params, [...at, "parent_key"]).render({});
    const partitionField = interpolated(ctx, raw.partition_field, params, [...at, "partition_field"]).render(
      {},
    );
    const extraFields = Array.isArray(raw.extra_fields)
      ? raw.extra_fields.map((p, j) =>
        (Array.isArray(p) ? p : [p]).map((s, k) =>
          interpolated(ctx, s, params, [...at, "extra_fields", j, k]).render({})
        )
      )
      : [];
    return {
      reader: parentBuilder(raw.stream, [...at, "stream"]),
      keyPath: parentKey.split("/"),
      partitionField,
      extraFields,
      incremental: bool(raw.incremental_dependency),
      option: buildRequestOption(ctx, raw.request_option, [...at, "request_option"]),
    };
  });
  const injectors = parents.map((p) => ({ field: p.partitionField, option: p.option }));
  let incoming: JsonObject | undefined;
  return {
    async *partitions(run) {
      for (const parent of parents) {
        const state = parent.incremental && isObject(incoming?.[parent.reader.name])
          ? incoming?.[parent.reader.name] as JsonObject
          : undefined;
        for await (const { record, slice } of parent.reader.read(run, state, parent.incremental)) {
          const value = getPath(record, parent.keyPath);
          if (value === undefined || value === null) continue;
          const extra: { [key: string]: unknown } = {};
          for (const p of parent.extraFields) extra[p.join(".")] = getPath(record, p);
          yield {
            partition: { [parent.partitionField]: value, parent_slice: slice.partition ?? {} },
            cursor_slice: {},
            extra_fields: parent.extraFields.length > 0 ? extra : undefined,
          };
        }
      }
    },
    applyToRequest: (parts, slice) => applyInjectors(injectors, parts, slice),
    parentState() {
      const out: JsonObject = {};
      for (const p of parents) {
        if (!p.incremental) continue;
        const s = p.reader.state();
        if (s) out[p.reader.name] = s;
      }
      // Like the reference, a substream router always has a parent state: `{}` without incremental parents.
      return out;
    },
    setParentState(state) {
      incoming = state;
    },
  };
}

function cartesian(routers: BuiltRouter[]): BuiltRouter {
  return {
    async *partitions(run) {
      let acc: StreamSlice[] = [{ partition: {}, cursor_slice: {} }];
      for (const router of routers) {
        const next: StreamSlice[] = [];
        const own: StreamSlice[] = [];
        for await (const s of router.partitions(run)) own.push(s);
        for (const a of acc) {
          for (const b of own) {
            const extra = a.extra_fields || b.extra_fields
              ? { ...a.extra_fields, ...b.extra_fields }
              : undefined;
            next.push({
              partition: { ...a.partition, ...b.partition },
              cursor_slice: {},
              extra_fields: extra,
            });
          }
        }
        acc = next;
      }
      yield* acc;
    },
    applyToRequest(parts, slice) {
      let out = parts;
      for (const r of routers) out = r.applyToRequest(out, slice);
      return out;
    },
    // Like the reference (CartesianProductStreamSlicer.get_stream_state returns None): the state of a cartesian
    // product has no parent_state, and its parents are read in full on every read.
    parentState: () => undefined,
    setParentState(state) {
      for (const r of routers) r.setParentState?.(state);
    },
  };
}

function groupingRouter(
  ctx: FactoryContext,
  component: Component,
  path: ComponentPath,
  parentBuilder: ParentBuilder,
): BuiltRouter {
  const inner = buildPartitionRouter(ctx, component.underlying_partition_router, [
    ...path,
    "underlying_partition_router",
  ], parentBuilder);
  if (!inner) return invalid(ctx, path, "GroupingPartitionRouter needs an underlying_partition_router");
  const size = Number(
    interpolated(ctx, component.group_size, paramsOf(component), [...path, "group_size"]).eval({}),
  );
  if (!Number.isInteger(size) || size < 1) {
    invalid(ctx, [...path, "group_size"], "group_size must be a positive integer");
  }
  const dedupe = bool(component.deduplicate, true);
  const flush = (batch: StreamSlice[]): StreamSlice => {
    const partition: { [key: string]: unknown[] } = {};
    for (const s of batch) {
      for (const [k, v] of Object.entries(s.partition)) (partition[k] ??= []).push(v);
    }
    return {
      partition,
      cursor_slice: {},
      extra_fields: batch.some((b) => b.extra_fields) ? { grouped: true } : undefined,
    };
  };
  return {
    async *partitions(run) {
      const seen = new Set<string>();
      let batch: StreamSlice[] = [];
      for await (const s of inner.partitions(run)) {
        const key = JSON.stringify(s.partition);
        if (dedupe && seen.has(key)) continue;
        seen.add(key);
        batch.push(s);
        if (batch.length >= size) {
          yield flush(batch);
          batch = [];
        }
      }
      if (batch.length > 0) yield flush(batch);
    },
    applyToRequest: (parts, slice) => inner.applyToRequest(parts, slice),
    parentState: () => inner.parentState?.(),
    setParentState: (s) => inner.setParentState?.(s),
  };
}

/** The partition fields a built-in child router is known to emit (the reference checks them at build time). */
function emittedFields(ctx: FactoryContext, child: Component, path: ComponentPath): string[] {
  const params = paramsOf(child);
  const render = (value: unknown, p: Component, at: ComponentPath) =>
    interpolated(ctx, value, p, at).render({});
  if (child.type === "ListPartitionRouter") {
    return [render(child.cursor_field, params, [...path, "cursor_field"])];
  }
  if (child.type === "UnionPartitionRouter") {
    return [render(child.partition_field, params, [...path, "partition_field"])];
  }
  if (child.type === "SubstreamPartitionRouter" && Array.isArray(child.parent_stream_configs)) {
    return child.parent_stream_configs.map((c, i) =>
      isObject(c) ? render(c.partition_field, paramsOf(c), [...path, "parent_stream_configs", i]) : ""
    );
  }
  return [];
}

function hasRequestOption(child: Component): boolean {
  if (child.type === "ListPartitionRouter") return isObject(child.request_option);
  if (child.type === "SubstreamPartitionRouter" && Array.isArray(child.parent_stream_configs)) {
    return child.parent_stream_configs.some((c) => isObject(c) && isObject(c.request_option));
  }
  return false;
}

/** Python's set membership key of a partition value (1, 1.0 and True are equal; lists and dicts unhashable). */
function hashKey(value: unknown): string | undefined {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean" || typeof value === "number") return `n:${Number(value)}`;
  if (typeof value === "string") return `s:${value}`;
  return undefined;
}

function unionRouter(
  ctx: FactoryContext,
  component: Component,
  path: ComponentPath,
  parentBuilder: ParentBuilder,
): BuiltRouter {
  const field = interpolated(ctx, component.partition_field, paramsOf(component), [
    ...path,
    "partition_field",
  ])
    .render({});
  const children = Array.isArray(component.partition_routers) ? component.partition_routers : [];
  if (children.length < 2) {
    invalid(
      ctx,
      [...path, "partition_routers"],
      "UnionPartitionRouter needs at least 2 child partition routers",
    );
  }
  const routers = children.map((child, i) => {
    const at = [...path, "partition_routers", i];
    if (!isObject(child)) return invalid(ctx, at, "expected a partition router");
    for (const emitted of emittedFields(ctx, child, at)) {
      if (emitted !== field) {
        invalid(
          ctx,
          at,
          `UnionPartitionRouter expects all child partition routers to emit the partition field '${field}', ` +
            `but a ${String(child.type)} child emits '${emitted}'`,
        );
      }
    }
    if (hasRequestOption(child)) {
      invalid(
        ctx,
        at,
        "Request options are not supported for UnionPartitionRouter children; read the partition value " +
          "through interpolation (stream_partition) instead",
      );
    }
    const router = buildPartitionRouter(ctx, child, at, parentBuilder);
    if (!router) return invalid(ctx, at, "a UnionPartitionRouter child must produce partitions");
    return router;
  });
  return {
    async *partitions(run) {
      // the first occurrence of a value wins; other partition keys move into extra_fields
      const seen = new Set<string>();
      for (const router of routers) {
        for await (const slice of router.partitions(run)) {
          if (!Object.hasOwn(slice.partition, field)) {
            throw new SpoutError(
              "manifest_invalid",
              `UnionPartitionRouter expects all child partition routers to emit the partition field '${field}'`,
            );
          }
          const value = slice.partition[field];
          const key = hashKey(value);
          if (key === undefined) {
            throw new SpoutError(
              "manifest_invalid",
              `UnionPartitionRouter can only deduplicate scalar partition values (field '${field}')`,
            );
          }
          if (seen.has(key)) continue;
          seen.add(key);
          const carried: { [key: string]: unknown } = {};
          for (const [k, v] of Object.entries(slice.partition)) if (k !== field) carried[k] = v;
          yield {
            partition: { [field]: value },
            cursor_slice: {},
            extra_fields: { ...slice.extra_fields, ...carried },
          };
        }
      }
    },
    // request options of children are refused above; the union itself injects nothing
    applyToRequest: (parts) => parts,
    parentState() {
      const out: JsonObject = {};
      for (const r of routers) {
        const s = r.parentState?.();
        if (s) Object.assign(out, s);
      }
      return out;
    },
    setParentState(state) {
      for (const r of routers) r.setParentState?.(state);
    },
  };
}

/** Builds a partition router (a list means the cartesian product). */
export function buildPartitionRouter(
  ctx: FactoryContext,
  component: unknown,
  path: ComponentPath,
  parentBuilder: ParentBuilder,
): BuiltRouter | undefined {
  if (component === undefined || component === null) return undefined;
  if (Array.isArray(component)) {
    const routers = component
      .map((c, i) => buildPartitionRouter(ctx, c, [...path, i], parentBuilder))
      .filter((r): r is BuiltRouter => r !== undefined);
    if (routers.length === 0) return undefined;
    return routers.length === 1 ? routers[0] : cartesian(routers);
  }
  if (!isObject(component)) return invalid(ctx, path, "expected a partition router");
  if (isCustomComponent(component)) return customPartitionRouter(ctx, component, path, parentBuilder);
  switch (component.type) {
    case "ListPartitionRouter":
      return listRouter(ctx, component, path);
    case "SubstreamPartitionRouter":
      return substreamRouter(ctx, component, path, parentBuilder);
    case "CartesianProductStreamSlicer": {
      const slicers = Array.isArray(component.stream_slicers) ? component.stream_slicers : [];
      return buildPartitionRouter(ctx, slicers, [...path, "stream_slicers"], parentBuilder);
    }
    case "GroupingPartitionRouter":
      return groupingRouter(ctx, component, path, parentBuilder);
    case "UnionPartitionRouter":
      return unionRouter(ctx, component, path, parentBuilder);
    case "SinglePartitionRouter":
      return undefined;
    default:
      return invalid(ctx, path, `partition router ${String(component.type)} is not supported`);
  }
}
