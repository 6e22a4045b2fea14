/**
 * QueryProperties (with PropertyChunking, PropertiesFromEndpoint, GroupByKeyMergeStrategy and
 * JsonSchemaPropertySelector), as Airbyte's SimpleRetriever uses them: the property list (static, or read once
 * per stream build from an endpoint) is split into chunks; every page of a slice is requested once per chunk
 * (the chunk is the slice's `extra_fields.query_properties`, and the `request_parameters` key that declared
 * the component gets the chunk joined with `,`); records of the chunks are merged by key.
 * @module
 */
import { SpoutError } from "../../errors.ts";
import { pyTruthy } from "../../extract/py_truthy.ts";
import { isObject, type RecordData } from "../../types.ts";
import {
  type Component,
  type ComponentPath,
  type FactoryContext,
  interpolated,
  invalid,
  paramsOf,
} from "./context.ts";
import { EMPTY_SLICE } from "./slices.ts";
import { buildTransformations } from "./transformations.ts";
import type { RunContext, SliceReader } from "./types.ts";

/** How a chunk's size is measured (Airbyte's `PropertyLimitType`). */
export type PropertyLimitType = "characters" | "property_count";

/** Options of {@link propertyChunks}. */
export interface ChunkingOptions {
  /** `characters` counts each property as its length + 3 (an encoded delimiter); `property_count` as 1. */
  limitType: PropertyLimitType;
  /** Maximum size of a chunk; 0/undefined: one chunk with everything. */
  limit?: number;
}

/**
 * Splits properties into chunks exactly like Airbyte's PropertyChunking: every chunk starts with
 * `always` (not counted in the limit); properties outside `configured` (when given) are skipped; without a
 * limit there is one chunk, `always` appended at its end and no selection applied.
 *
 * @example
 * ```ts
 * import { propertyChunks } from "./query_properties.ts";
 * const chunks = propertyChunks(["a", "b", "c"], ["id"], undefined, { limitType: "property_count", limit: 2 });
 * if (JSON.stringify(chunks) !== '[["id","a","b"],["id","c"]]') throw new Error(JSON.stringify(chunks));
 * ```
 */
export function propertyChunks(
  fields: readonly string[],
  always: readonly string[] | undefined,
  configured: ReadonlySet<string> | undefined,
  options: ChunkingOptions,
): string[][] {
  if (!options.limit) return [[...fields, ...(always ?? [])]];
  const out: string[][] = [];
  let chunk = [...(always ?? [])];
  let size = 0;
  for (const field of fields) {
    if (configured !== undefined && !configured.has(field)) continue;
    const cost = options.limitType === "characters" ? field.length + 3 : 1;
    if (size + cost > options.limit) {
      out.push(chunk);
      chunk = [...(always ?? [])];
      size = 0;
    }
    chunk.push(field);
    size += cost;
  }
  out.push(chunk);
  return out;
}

/**
 * Airbyte's GroupByKey merge key: the values of `keys` joined with `,`; undefined when one is Python-falsy.
 *
 * @example
 * ```ts
 * import { groupKey } from "./query_properties.ts";
 * if (groupKey({ d: "2024-01-01", p: "x" }, ["d", "p"]) !== "2024-01-01,x") throw new Error("key");
 * if (groupKey({ d: "" }, ["d"]) !== undefined) throw new Error("falsy");
 * ```
 */
export function groupKey(record: RecordData, keys: readonly string[]): string | undefined {
  const parts: string[] = [];
  for (const key of keys) {
    const value = record[key];
    if (!pyTruthy(value)) return undefined;
    if (typeof value !== "string") {
      // The reference joins the values with str.join, which refuses anything but strings.
      throw new SpoutError(
        "manifest_invalid",
        `GroupByKeyMergeStrategy: record field ${JSON.stringify(key)} is a ${
          Array.isArray(value) ? "list" : typeof value
        }, not a string; the merge key can only be built from string fields`,
        // the reference fails with a TypeError here: a system error
        { failureType: "system_error" },
      );
    }
    parts.push(value);
  }
  return parts.join(",");
}

/**
 * Merges `source` into `target` like the reference's `_deep_merge`: nested objects are merged, anything else
 * is overwritten.
 *
 * @example
 * ```ts
 * import { deepMerge } from "./query_properties.ts";
 * const t: { [k: string]: unknown } = { id: "1", m: { a: 1 } };
 * deepMerge(t, { m: { b: 2 }, x: [1] });
 * if (JSON.stringify(t) !== '{"id":"1","m":{"a":1,"b":2},"x":[1]}') throw new Error(JSON.stringify(t));
 * ```
 */
export function deepMerge(target: { [key: string]: unknown }, source: { [key: string]: unknown }): void {
  for (const [key, value] of Object.entries(source)) {
    const current = target[key];
    if (isObject(current) && isObject(value)) deepMerge(current, value);
    else target[key] = value;
  }
}

/** A compiled QueryProperties component. */
export interface QueryProperties {
  /** The `request_parameters` key that receives the chunk joined with `,` (undefined: templates only). */
  readonly key?: string;
  /** Merge key of a record; undefined when there is no chunking or the record has no key (emitted at once). */
  readonly mergeKey?: (record: RecordData) => string | undefined;
  /** The chunks of one slice (the endpoint, if any, is read on the first call of a stream build). */
  chunks(run: RunContext): Promise<string[][]>;
}

/** Builds the retriever of a PropertiesFromEndpoint (injected to avoid an import cycle with retriever.ts). */
export type PropertyRetrieverBuilder = (component: Component, path: ComponentPath) => SliceReader;

/** What a requester declares about query properties. */
export interface QueryPropertiesDeclaration {
  /** The QueryProperties component. */
  component: Component;
  /** Where it is. */
  path: ComponentPath;
  /** The request_parameters key, when declared there. */
  key?: string;
}

/**
 * Finds the requester's QueryProperties: one `request_parameters` value of type QueryProperties, else the
 * deprecated `fetch_properties_from_endpoint`, else `query_properties` (the reference's precedence).
 *
 * @example
 * ```ts
 * import { findQueryProperties } from "./query_properties.ts";
 * const ctx = { config: {}, components: {}, streamCache: new Map() };
 * const requester = {
 *   request_parameters: { limit: "10", fields: { type: "QueryProperties", property_list: ["a", "b"] } },
 * };
 * const found = findQueryProperties(ctx, requester, ["requester"]);
 * if (found?.key !== "fields" || found.path.join(".") !== "requester.request_parameters.fields") {
 *   throw new Error("not found");
 * }
 * ```
 */
export function findQueryProperties(
  ctx: FactoryContext,
  requester: Component,
  path: ComponentPath,
): QueryPropertiesDeclaration | undefined {
  const params = requester.request_parameters;
  if (isObject(params)) {
    const found = Object.entries(params).filter(([, v]) => isObject(v) && v.type === "QueryProperties");
    if (found.length > 0) {
      if (isObject(requester.fetch_properties_from_endpoint)) {
        invalid(
          ctx,
          path,
          "PropertiesFromEndpoint should only be specified once per stream: remove fetch_properties_from_endpoint " +
            "or the QueryProperties in request_parameters",
        );
      }
      if (found.length > 1) {
        invalid(
          ctx,
          [...path, "request_parameters"],
          `request_parameters only supports one QueryProperties field, found ${found.length}`,
        );
      }
      const [key, component] = found[0];
      return { component: component as Component, path: [...path, "request_parameters", key], key };
    }
  }
  if (isObject(requester.fetch_properties_from_endpoint)) {
    return {
      component: { type: "QueryProperties", property_list: requester.fetch_properties_from_endpoint },
      path: [...path, "fetch_properties_from_endpoint"],
    };
  }
  if (isObject(requester.query_properties)) {
    return { component: requester.query_properties, path: [...path, "query_properties"] };
  }
  return undefined;
}

/** `str(value)` of what `dpath.get(..., default=[])` returns for a property name. */
function propertyName(value: unknown): string {
  if (value === undefined) return "[]";
  if (typeof value === "string") return value;
  if (value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function stringList(ctx: FactoryContext, value: unknown, path: ComponentPath): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) return invalid(ctx, path, "expected a list of strings");
  return value.map(String);
}

/** Options of {@link buildQueryProperties}. */
export interface QueryPropertiesOptions {
  /** Builds the retriever of a PropertiesFromEndpoint. */
  buildRetriever: PropertyRetrieverBuilder;
  /** The stream's schema: a JsonSchemaPropertySelector keeps only its properties (see the module notes). */
  schema?: () => Promise<{ [key: string]: unknown }>;
}

/**
 * Compiles a QueryProperties declaration. A JsonSchemaPropertySelector selects the properties of the stream's
 * schema (the reference reads the configured catalog's schema, which is the stream's schema unless the user
 * deselected fields; the configured catalog is not visible to a stream read here).
 *
 * @example
 * ```ts
 * import { buildQueryProperties } from "./query_properties.ts";
 * import { fakeEnv } from "../../env.ts";
 * import { SecretMasker } from "../../secrets.ts";
 * const ctx = { config: {}, components: {}, streamCache: new Map() };
 * const qp = buildQueryProperties(ctx, {
 *   component: {
 *     type: "QueryProperties",
 *     property_list: ["a", "b", "c"],
 *     always_include_properties: ["id"],
 *     property_chunking: { type: "PropertyChunking", property_limit_type: "property_count", property_limit: 2 },
 *   },
 *   path: ["qp"],
 * }, { buildRetriever: () => { throw new Error("no endpoint"); } });
 * const chunks = await qp.chunks({ ctx: { env: fakeEnv(), masker: new SecretMasker() }, stream: "s" });
 * if (JSON.stringify(chunks) !== '[["id","a","b"],["id","c"]]') throw new Error(JSON.stringify(chunks));
 * if (qp.mergeKey?.({ id: "7" }) !== "7") throw new Error("default merge key is id");
 * ```
 */
export function buildQueryProperties(
  ctx: FactoryContext,
  declaration: QueryPropertiesDeclaration,
  options: QueryPropertiesOptions,
): QueryProperties {
  const { component, path } = declaration;
  const always = stringList(ctx, component.always_include_properties, [...path, "always_include_properties"]);
  const list = component.property_list;
  let fields: (run: RunContext) => Promise<string[]>;
  if (Array.isArray(list) || list === undefined || list === null) {
    const fixed = (list ?? []).map(String);
    fields = () => Promise.resolve(fixed);
  } else if (isObject(list) && list.type === "PropertiesFromEndpoint") {
    fields = propertiesFromEndpoint(ctx, list, [...path, "property_list"], options.buildRetriever);
  } else {
    return invalid(ctx, [...path, "property_list"], "expected a list of strings or a PropertiesFromEndpoint");
  }
  const chunking = isObject(component.property_chunking) ? component.property_chunking : undefined;
  let chunkOptions: ChunkingOptions | undefined;
  let mergeKey: ((record: RecordData) => string | undefined) | undefined;
  if (chunking) {
    const at = [...path, "property_chunking"];
    const limitType = String(chunking.property_limit_type ?? "");
    if (limitType !== "characters" && limitType !== "property_count") {
      invalid(
        ctx,
        [...at, "property_limit_type"],
        `invalid property_limit_type ${JSON.stringify(limitType)}`,
      );
    }
    const limit = chunking.property_limit === undefined || chunking.property_limit === null
      ? undefined
      : Number(chunking.property_limit);
    chunkOptions = { limitType: limitType as PropertyLimitType, limit };
    const strategy = isObject(chunking.record_merge_strategy) ? chunking.record_merge_strategy : undefined;
    const rawKey = strategy ? strategy.key : "id";
    const keys = (Array.isArray(rawKey) ? rawKey : [rawKey]).map(String);
    mergeKey = (record) => groupKey(record, keys);
  }
  const selector = isObject(component.property_selector) ? component.property_selector : undefined;
  let selected: (() => Promise<Set<string> | undefined>) | undefined;
  if (selector) {
    const at = [...path, "property_selector"];
    if (selector.type !== "JsonSchemaPropertySelector") {
      invalid(ctx, at, `property_selector ${String(selector.type)} is not supported`);
    }
    const transforms = buildTransformations(ctx, selector.transformations, [...at, "transformations"]);
    const schema = options.schema;
    selected = async () => {
      if (!schema) return undefined;
      const properties = (await schema()).properties;
      let names: RecordData = isObject(properties) ? structuredClone(properties) : {};
      for (const t of transforms) names = t(names, EMPTY_SLICE);
      return new Set(Object.keys(names));
    };
  }
  return {
    key: declaration.key,
    mergeKey,
    async chunks(run) {
      const configured = selected ? await selected() : undefined;
      const all = await fields(run);
      if (chunkOptions) return propertyChunks(all, always, configured, chunkOptions);
      const kept = configured ? all.filter((f) => configured.has(f)) : [...all];
      return [[...(always ?? []), ...kept]];
    },
  };
}

function propertiesFromEndpoint(
  ctx: FactoryContext,
  component: Component,
  path: ComponentPath,
  build: PropertyRetrieverBuilder,
): (run: RunContext) => Promise<string[]> {
  const params = paramsOf(component);
  const rawPath = Array.isArray(component.property_field_path) ? component.property_field_path : [];
  const fieldPath = rawPath.map((p, i) =>
    interpolated(ctx, p, params, [...path, "property_field_path", i]).render({})
  );
  if (!isObject(component.retriever)) {
    return invalid(ctx, [...path, "retriever"], "a PropertiesFromEndpoint needs a retriever");
  }
  const retriever = build(component.retriever, [...path, "retriever"]);
  // Read once per stream build (the reference caches the list on the component); a failed read is retried.
  let cached: Promise<string[]> | undefined;
  return (run) => {
    cached ??= (async () => {
      const out: string[] = [];
      const own: RunContext = { ctx: run.ctx, stream: run.stream };
      for await (const record of retriever.readSlice(EMPTY_SLICE, own)) {
        let node: unknown = record;
        for (const key of fieldPath) node = isObject(node) ? node[key] : undefined;
        out.push(propertyName(node));
      }
      return out;
    })();
    cached.catch(() => (cached = undefined));
    return cached;
  };
}
