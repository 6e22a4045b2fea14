/**
 * Where the declarative factory meets the component registry: builds a registered custom component from its
 * manifest fields and adapts it to the shape the factory uses for the built-in component of its family.
 * @module
 */
import { defaultEnv } from "../env.ts";
import { SpoutError } from "../errors.ts";
import type { Decoder } from "../extract/decoders/types.ts";
import type { Middleware } from "../http/requester.ts";
import type { PaginationStrategy } from "../pagination/default_paginator.ts";
import type { PartitionRouter } from "../partition/types.ts";
import type { ReadContext, StreamSlice } from "../source/types.ts";
import { isObject, type JsonObject, type JsonSchema, type RecordData } from "../types.ts";
import {
  type ComponentContext,
  type ComponentKind,
  componentOptions,
  componentRegistry,
  type ComponentTypes,
  CUSTOM_TYPES,
  type IncrementalSync,
  isCustomComponent,
  lookupComponent,
  type NestedTypes,
  type Retriever,
} from "./components.ts";
import {
  type Component,
  type ComponentPath,
  type FactoryContext,
  interpolated,
  locate,
  paramsOf,
} from "./factory/context.ts";
import { buildAuthenticator } from "./factory/auth.ts";
import { buildDecoder } from "./factory/decoders.ts";
import { buildBackoffStrategy, buildErrorHandler } from "./factory/error_handler.ts";
import { buildPartitionRouter, type BuiltRouter, type ParentBuilder } from "./factory/partition_router.ts";
import { buildExtractor } from "./factory/record_selector.ts";
import { buildCursorFactory, buildIncremental } from "./factory/incremental.ts";
import { buildSimpleRetriever, type BuiltRetriever, type RetrieverOptions } from "./factory/retriever.ts";
import type { SliceCursor } from "../incremental/types.ts";
import type { ReadOptions } from "../source/types.ts";
import { sliceView } from "./factory/slices.ts";
import type { RunContext } from "./factory/types.ts";

export { isCustomComponent } from "./components.ts";

/** Extra inputs some families need from the factory. */
export interface CustomBuildOptions {
  /** The read the component is built for (authenticators). */
  read?: ReadContext;
  /** Builds parent streams (partition routers that build a SubstreamPartitionRouter). */
  parentBuilder?: ParentBuilder;
}

/**
 * A built router seen through the public {@link PartitionRouter} contract.
 *
 * @example
 * ```ts
 * import { fromPartitionRouter, toPartitionRouter } from "./components_factory.ts";
 * const built = fromPartitionRouter({ partitions: () => [{ partition: { id: 1 }, cursor_slice: {} }] });
 * const router = toPartitionRouter(built, "items");
 * const parts = router.applyToRequest!({ path: "", query: {}, headers: {} }, { partition: {}, cursor_slice: {} });
 * if (parts.path !== "") throw new Error("request options changed");
 * ```
 */
export function toPartitionRouter(built: BuiltRouter, stream: string): PartitionRouter {
  return {
    partitions(read, parentState) {
      built.setParentState?.(parentState);
      return built.partitions({ ctx: read, stream });
    },
    parentState: () => built.parentState?.(),
    applyToRequest: (parts, slice) => built.applyToRequest(parts, slice),
  };
}

/**
 * A public {@link PartitionRouter} seen as the factory's router.
 *
 * @example
 * ```ts
 * import { fromPartitionRouter } from "./components_factory.ts";
 * import { fakeEnv } from "../env.ts";
 * import { SecretMasker } from "../secrets.ts";
 * const built = fromPartitionRouter({ partitions: () => [{ partition: { id: 1 }, cursor_slice: {} }] });
 * const out = [];
 * for await (const s of built.partitions({ ctx: { env: fakeEnv(), masker: new SecretMasker() }, stream: "x" })) out.push(s);
 * if (out.length !== 1 || out[0].partition.id !== 1) throw new Error(JSON.stringify(out));
 * ```
 */
export function fromPartitionRouter(router: PartitionRouter): BuiltRouter {
  let incoming: JsonObject | undefined;
  return {
    partitions: (run) => toAsync(router.partitions(run.ctx, incoming)),
    applyToRequest: (parts, slice) => router.applyToRequest ? router.applyToRequest(parts, slice) : parts,
    parentState: router.parentState ? () => router.parentState!() : undefined,
    setParentState(state) {
      incoming = state;
    },
  };
}

async function* toAsync<T>(items: AsyncIterable<T> | Iterable<T>): AsyncIterable<T> {
  yield* items;
}

function contextFor(
  ctx: FactoryContext,
  component: Component,
  path: ComponentPath,
  kind: ComponentKind,
  className: string,
  options: CustomBuildOptions,
): ComponentContext {
  const parameters = paramsOf(component);
  const location = locate(ctx, path);
  const read = options.read ?? ctx.readContext;
  const runFor = (): RunContext => {
    if (!read) {
      throw new SpoutError(
        "internal_error",
        `${location}: ${className} needs a read context to build nested components`,
      );
    }
    return { ctx: read, stream: typeof parameters.name === "string" ? parameters.name : className };
  };
  const nested = {
    authenticator: (c: unknown, at: ComponentPath) => buildAuthenticator(ctx, c, at)?.(runFor()),
    partition_router: (c: unknown, at: ComponentPath) => {
      const parentBuilder = options.parentBuilder;
      if (!parentBuilder) throw new SpoutError("internal_error", `${location}: no parent stream builder`);
      const built = buildPartitionRouter(ctx, c, at, parentBuilder);
      return built ? toPartitionRouter(built, runFor().stream) : undefined;
    },
    record_extractor: (c: unknown, at: ComponentPath) => buildExtractor(ctx, c, at),
    decoder: (c: unknown, at: ComponentPath): Decoder => {
      const decode = buildDecoder(ctx, c, at);
      return { decode: (response) => decode(response) };
    },
    backoff_strategy: (c: unknown, at: ComponentPath) => buildBackoffStrategy(ctx, c, at),
    error_handler: (c: unknown, at: ComponentPath) => buildErrorHandler(ctx, c, at),
    retriever: (c: unknown, at: ComponentPath): Retriever => {
      const stream = typeof parameters.name === "string" ? parameters.name : className;
      if (!isObject(c)) throw new SpoutError("manifest_invalid", `${location}: expected a retriever`);
      return fromBuiltRetriever(buildSimpleRetriever(ctx, c, at, { name: stream }), stream);
    },
    incremental_sync: (c: unknown, at: ComponentPath): IncrementalSync | undefined => {
      const built = buildIncremental(ctx, c, at);
      if (!built) return undefined;
      const stream = typeof parameters.name === "string" ? parameters.name : className;
      return {
        cursorField: built.cursorField,
        cursor: (state, read, router) =>
          buildCursorFactory(router ? fromPartitionRouter(router) : undefined, built)(
            { syncMode: state === undefined ? "full_refresh" : "incremental", state },
            { ctx: read, stream },
          ),
      };
    },
  };
  return {
    className,
    kind,
    config: ctx.config,
    parameters,
    location,
    env: read?.env ?? defaultEnv(),
    read,
    template(value, opts) {
      const t = interpolated(ctx, value, parameters, path, opts);
      return {
        isStatic: t.isStatic,
        eval: (vars) => t.eval(vars ?? {}),
        render: (vars) => t.render(vars ?? {}),
      };
    },
    build<K extends keyof NestedTypes>(kind: K, c: unknown, field?: string): NestedTypes[K] {
      const at = field === undefined ? path : [...path, ...field.split(".")];
      const withParams = isObject(c) && !isObject(c.$parameters) ? { ...c, $parameters: parameters } : c;
      return nested[kind](withParams, at) as NestedTypes[K];
    },
  };
}

/**
 * Builds the registered implementation of a custom component of family `kind` (the family follows from
 * where the component sits; the manifest `type`, when given, must agree).
 *
 * @example
 * ```ts
 * import { customComponent } from "./components_factory.ts";
 * import { defineComponents } from "./components.ts";
 * const COMPONENTS = defineComponents({ "x.F": { kind: "record_filter", create: (o) => (r) => r.id === o.keep } });
 * const ctx = { config: {}, components: COMPONENTS, streamCache: new Map() };
 * const keep = customComponent(ctx, { type: "CustomRecordFilter", class_name: "x.F", keep: 2 }, ["f"], "record_filter");
 * if (!keep({ id: 2 }, { slice: { partition: {}, cursor_slice: {} }, token: undefined })) throw new Error("kept");
 * ```
 */
export function customComponent<K extends ComponentKind>(
  ctx: FactoryContext,
  component: Component,
  path: ComponentPath,
  kind: K,
  options: CustomBuildOptions = {},
): ComponentTypes[K] {
  const className = String(component.class_name);
  const declared = typeof component.type === "string" ? CUSTOM_TYPES[component.type] : undefined;
  if (declared !== undefined && declared !== kind) {
    throw new SpoutError(
      "manifest_invalid",
      `${locate(ctx, path)}: ${String(component.type)} cannot be used where a ${kind} is expected`,
    );
  }
  const registry = componentRegistry(ctx.components as Record<string, unknown>);
  const definition = lookupComponent(registry, className, kind, locate(ctx, path));
  const created = definition.create(
    componentOptions(component),
    contextFor(ctx, component, path, kind, className, options),
  );
  if (created === undefined || created === null) {
    throw new SpoutError("manifest_invalid", `${locate(ctx, path)}: ${className}.create returned nothing`);
  }
  return created;
}

/**
 * CustomRecordExtractor -> the factory's extractor (document -> raw records).
 *
 * @example
 * ```ts
 * import { customExtractor } from "./components_factory.ts";
 * import { defineComponents } from "./components.ts";
 * const COMPONENTS = defineComponents({ "x.E": { kind: "record_extractor", create: () => (doc) => Object.values(doc as object) } });
 * const ctx = { config: {}, components: COMPONENTS, streamCache: new Map() };
 * const extract = customExtractor(ctx, { class_name: "x.E" }, ["e"]);
 * if (extract({ a: { id: 1 }, b: { id: 2 } }).length !== 2) throw new Error("extract");
 * ```
 */
export function customExtractor(
  ctx: FactoryContext,
  component: Component,
  path: ComponentPath,
): (document: unknown) => unknown[] {
  const extract = customComponent(ctx, component, path, "record_extractor");
  return (document) => {
    const out = extract(document);
    return Array.isArray(out) ? out : [...out];
  };
}

/**
 * CustomRecordFilter -> the factory's filter.
 *
 * @example
 * ```ts
 * import { customRecordFilter } from "./components_factory.ts";
 * import { defineComponents } from "./components.ts";
 * const COMPONENTS = defineComponents({ "x.F": { kind: "record_filter", create: () => (r) => r.ok === true } });
 * const ctx = { config: {}, components: COMPONENTS, streamCache: new Map() };
 * const filter = customRecordFilter(ctx, { class_name: "x.F" }, ["f"]);
 * if (filter({ ok: false }, { partition: {}, cursor_slice: {} }, undefined)) throw new Error("filter");
 * ```
 */
export function customRecordFilter(
  ctx: FactoryContext,
  component: Component,
  path: ComponentPath,
): (record: RecordData, slice: StreamSlice, token: unknown, state?: JsonObject) => boolean {
  const filter = customComponent(ctx, component, path, "record_filter");
  return (record, slice, token, state) => filter(record, { slice, token, state });
}

/**
 * CustomTransformation -> the factory's per-record transform.
 *
 * @example
 * ```ts
 * import { customTransformation } from "./components_factory.ts";
 * import { defineComponents } from "./components.ts";
 * const COMPONENTS = defineComponents({ "x.T": { kind: "transformation", create: () => (r) => ({ ...r, t: 1 }) } });
 * const ctx = { config: {}, components: COMPONENTS, streamCache: new Map() };
 * const t = customTransformation(ctx, { class_name: "x.T" }, ["t"]);
 * if (t({}, { partition: {}, cursor_slice: {} }).t !== 1) throw new Error("transform");
 * ```
 */
export function customTransformation(
  ctx: FactoryContext,
  component: Component,
  path: ComponentPath,
): (record: RecordData, slice: StreamSlice) => RecordData {
  const t = customComponent(ctx, component, path, "transformation");
  return (record, slice) => t(record, { config: ctx.config, streamSlice: sliceView(slice) }) ?? record;
}

/**
 * CustomPaginationStrategy -> a strategy per slice (one instance shared by every slice).
 *
 * @example
 * ```ts
 * import { customPaginationStrategy } from "./components_factory.ts";
 * import { defineComponents } from "./components.ts";
 * const strategy = { initialToken: () => 1, nextToken: () => undefined, pageSize: () => 10 };
 * const COMPONENTS = defineComponents({ "x.P": { kind: "pagination_strategy", create: () => strategy } });
 * const ctx = { config: {}, components: COMPONENTS, streamCache: new Map() };
 * const forSlice = customPaginationStrategy(ctx, { class_name: "x.P" }, ["p"]);
 * if (forSlice({ partition: {}, cursor_slice: {} }) !== strategy) throw new Error("strategy");
 * ```
 */
export function customPaginationStrategy(
  ctx: FactoryContext,
  component: Component,
  path: ComponentPath,
): (slice: StreamSlice) => PaginationStrategy {
  const strategy = customComponent(ctx, component, path, "pagination_strategy");
  return () => strategy;
}

/**
 * CustomAuthenticator -> the factory's per-read authenticator (created once per read environment).
 *
 * @example
 * ```ts
 * import { customAuthenticator } from "./components_factory.ts";
 * import { defineComponents } from "./components.ts";
 * import { fakeEnv } from "../env.ts";
 * import { SecretMasker } from "../secrets.ts";
 * const COMPONENTS = defineComponents({
 *   "x.A": { kind: "authenticator", create: () => (next) => (r) => next(new Request(r, { headers: { "x-key": "k" } })) },
 * });
 * const ctx = { config: {}, components: COMPONENTS, streamCache: new Map() };
 * const auth = customAuthenticator(ctx, { class_name: "x.A" }, ["a"]);
 * const send = auth({ ctx: { env: fakeEnv(), masker: new SecretMasker() }, stream: "s" })((r) => Promise.resolve(new Response(r.headers.get("x-key"))));
 * if ((await (await send(new Request("https://api.test/"))).text()) !== "k") throw new Error("auth");
 * ```
 */
export function customAuthenticator(
  ctx: FactoryContext,
  component: Component,
  path: ComponentPath,
): (run: RunContext) => Middleware {
  const perEnv = new WeakMap<object, Middleware>();
  // Look the class up now so a missing registration fails when streams are built, not mid-read.
  lookupComponent(
    componentRegistry(ctx.components as Record<string, unknown>),
    String(component.class_name),
    "authenticator",
    locate(ctx, path),
  );
  return (run) => {
    let built = perEnv.get(run.ctx.env);
    if (!built) {
      built = customComponent(ctx, component, path, "authenticator", { read: run.ctx });
      perEnv.set(run.ctx.env, built);
    }
    return built;
  };
}

/**
 * CustomPartitionRouter -> the factory's router.
 *
 * @example
 * ```ts
 * import { customPartitionRouter } from "./components_factory.ts";
 * import { defineComponents } from "./components.ts";
 * const COMPONENTS = defineComponents({
 *   "x.R": { kind: "partition_router", create: () => ({ partitions: () => [{ partition: { id: 1 }, cursor_slice: {} }] }) },
 * });
 * const ctx = { config: {}, components: COMPONENTS, streamCache: new Map() };
 * const router = customPartitionRouter(ctx, { class_name: "x.R" }, ["r"], () => { throw new Error("no parents"); });
 * if (typeof router.partitions !== "function") throw new Error("router");
 * ```
 */
export function customPartitionRouter(
  ctx: FactoryContext,
  component: Component,
  path: ComponentPath,
  parentBuilder: ParentBuilder,
): BuiltRouter {
  return fromPartitionRouter(customComponent(ctx, component, path, "partition_router", { parentBuilder }));
}

/**
 * CustomSchemaLoader -> the factory's loader.
 *
 * @example
 * ```ts
 * import { customSchemaLoader } from "./components_factory.ts";
 * import { defineComponents } from "./components.ts";
 * const COMPONENTS = defineComponents({ "x.S": { kind: "schema_loader", create: () => () => ({ type: "object" }) } });
 * const ctx = { config: {}, components: COMPONENTS, streamCache: new Map() };
 * const load = customSchemaLoader(ctx, { class_name: "x.S" }, ["s"]);
 * if ((await load()).type !== "object") throw new Error("schema");
 * ```
 */
export function customSchemaLoader(
  ctx: FactoryContext,
  component: Component,
  path: ComponentPath,
): () => Promise<JsonSchema> {
  const load = customComponent(ctx, component, path, "schema_loader");
  let cached: Promise<JsonSchema> | undefined;
  return () => (cached ??= Promise.resolve(load()));
}

/**
 * The `state_migrations` of a stream (custom ones; others are left to the factory) as one function.
 *
 * @example
 * ```ts
 * import { customStateMigrations } from "./components_factory.ts";
 * import { defineComponents } from "./components.ts";
 * const COMPONENTS = defineComponents({
 *   "x.M": { kind: "state_migration", create: () => ({ shouldMigrate: (s) => "old" in s, migrate: (s) => ({ new: s.old }) }) },
 * });
 * const ctx = { config: {}, components: COMPONENTS, streamCache: new Map() };
 * const migrate = customStateMigrations(ctx, [{ class_name: "x.M" }], ["state_migrations"])!;
 * if (migrate({ old: 1 })?.new !== 1) throw new Error("migrate");
 * ```
 */
export function customStateMigrations(
  ctx: FactoryContext,
  migrations: unknown,
  path: ComponentPath,
): ((state: JsonObject | undefined) => JsonObject | undefined) | undefined {
  if (!Array.isArray(migrations)) return undefined;
  const list = migrations.flatMap((m, i) =>
    isObject(m) && typeof m.class_name === "string"
      ? [customComponent(ctx, m, [...path, i], "state_migration")]
      : []
  );
  if (list.length === 0) return undefined;
  return (state) => {
    if (state === undefined) return state;
    let out = state;
    for (const m of list) if (m.shouldMigrate(out)) out = m.migrate(out);
    return out;
  };
}

/**
 * CustomConfigTransformation -> applies to the (copied) config in place.
 *
 * @example
 * ```ts
 * import { applyCustomConfigTransformation } from "./components_factory.ts";
 * import { defineComponents } from "./components.ts";
 * const COMPONENTS = defineComponents({ "x.C": { kind: "config_transformation", create: () => (c) => ({ ...c, b: 2 }) } });
 * const ctx = { config: {}, components: COMPONENTS, streamCache: new Map() };
 * const config = { a: 1 };
 * applyCustomConfigTransformation(ctx, config, { class_name: "x.C" }, ["c"]);
 * if ((config as Record<string, number>).b !== 2) throw new Error("config");
 * ```
 */
export function applyCustomConfigTransformation(
  ctx: FactoryContext,
  config: JsonObject,
  component: Component,
  path: ComponentPath,
): void {
  const t = customComponent(ctx, component, path, "config_transformation");
  const out = t(config);
  if (out && out !== config) {
    for (const key of Object.keys(config)) delete config[key];
    Object.assign(config, out);
  }
}

function fromBuiltRetriever(built: BuiltRetriever, stream: string): Retriever {
  return { readSlice: (slice, read, cursor) => built.readSlice(slice, { ctx: read, stream, cursor }) };
}

/**
 * CustomRetriever -> the factory's retriever (records of one slice).
 *
 * @example
 * ```ts
 * import { customRetriever } from "./components_factory.ts";
 * import { defineComponents } from "./components.ts";
 * const COMPONENTS = defineComponents({
 *   "x.R": { kind: "retriever", create: () => ({ async *readSlice() { yield { id: 1 }; } }) },
 * });
 * const ctx = { config: {}, components: COMPONENTS, streamCache: new Map() };
 * const retriever = customRetriever(ctx, { class_name: "x.R" }, ["r"], { name: "items" });
 * if (typeof retriever.readSlicePages !== "function") throw new Error("retriever");
 * ```
 */
export function customRetriever(
  ctx: FactoryContext,
  component: Component,
  path: ComponentPath,
  options: RetrieverOptions,
): BuiltRetriever {
  const retriever = customComponent(
    ctx,
    { ...component, $parameters: { name: options.name, ...paramsOf(component) } },
    path,
    "retriever",
  );
  return {
    requester: isObject(component.requester) ? component.requester : {},
    readSlice: (slice, run) => retriever.readSlice(slice, run.ctx, run.cursor),
    async *readSlicePages(slice, run) {
      let page: RecordData[] = [];
      for await (const record of retriever.readSlice(slice, run.ctx, run.cursor)) {
        page.push(record);
        if (page.length >= 1000) {
          yield page;
          page = [];
        }
      }
      if (page.length > 0) yield page;
    },
  };
}

/** What the stream factory needs from a CustomIncrementalSync. */
export interface CustomIncremental {
  /** The cursor field. */
  cursorField: string;
  /** The cursor factory of the stream (with its partition router, if any). */
  cursorFactory(
    router: BuiltRouter | undefined,
    stream: string,
  ): (options: ReadOptions, run: RunContext) => SliceCursor;
}

/**
 * CustomIncrementalSync -> cursor field + cursor factory.
 *
 * @example
 * ```ts
 * import { customIncrementalSync } from "./components_factory.ts";
 * import { defineComponents } from "./components.ts";
 * import { FinalStateCursor } from "../incremental/types.ts";
 * const COMPONENTS = defineComponents({
 *   "x.I": { kind: "incremental_sync", create: () => ({ cursorField: "seq", cursor: () => new FinalStateCursor() }) },
 * });
 * const ctx = { config: {}, components: COMPONENTS, streamCache: new Map() };
 * const sync = customIncrementalSync(ctx, { class_name: "x.I" }, ["i"]);
 * if (sync.cursorField !== "seq") throw new Error("cursor field");
 * ```
 */
export function customIncrementalSync(
  ctx: FactoryContext,
  component: Component,
  path: ComponentPath,
): CustomIncremental {
  const sync = customComponent(ctx, component, path, "incremental_sync");
  return {
    cursorField: sync.cursorField,
    cursorFactory: (router, stream) => (options, run) =>
      sync.cursor(
        options.syncMode === "incremental" ? options.state : undefined,
        run.ctx,
        router ? toPartitionRouter(router, stream) : undefined,
      ),
  };
}

/**
 * A cursor factory that migrates the incoming state first (no-op without migrations).
 *
 * @example
 * ```ts
 * import { withStateMigrations } from "./components_factory.ts";
 * import { FinalStateCursor } from "../incremental/types.ts";
 * const seen: unknown[] = [];
 * const factory = withStateMigrations((options) => {
 *   seen.push(options.state);
 *   return new FinalStateCursor();
 * }, (state) => ({ ...state, migrated: true }));
 * factory({ syncMode: "incremental", state: {} }, {} as never);
 * if (JSON.stringify(seen) !== '[{"migrated":true}]') throw new Error(JSON.stringify(seen));
 * ```
 */
export function withStateMigrations(
  factory: (options: ReadOptions, run: RunContext) => SliceCursor,
  migrate: ((state: JsonObject | undefined) => JsonObject | undefined) | undefined,
): (options: ReadOptions, run: RunContext) => SliceCursor {
  if (!migrate) return factory;
  return (options, run) => factory({ ...options, state: migrate(options.state) }, run);
}

/**
 * Runs the custom `validation_strategy` of each DpathValidator (value at `field_path`) or PredicateValidator
 * (`value` template) of `config_normalization_rules.validations`; a strategy throws to reject the config.
 * Built-in strategies are left to the factory.
 *
 * @example
 * ```ts
 * import { applyCustomValidations } from "./components_factory.ts";
 * import { defineComponents } from "./components.ts";
 * const COMPONENTS = defineComponents({
 *   "x.V": { kind: "validation_strategy", create: () => (v) => { if (v !== "ok") throw new Error("bad"); } },
 * });
 * const ctx = { config: {}, components: COMPONENTS, streamCache: new Map() };
 * const rules = [{ type: "DpathValidator", field_path: ["a"], validation_strategy: { class_name: "x.V" } }];
 * applyCustomValidations(ctx, { a: "ok" }, rules, ["validations"]);
 * let failed = false;
 * try { applyCustomValidations(ctx, { a: "no" }, rules, ["validations"]); } catch { failed = true; }
 * if (!failed) throw new Error("validation");
 * ```
 */
export function applyCustomValidations(
  ctx: FactoryContext,
  config: JsonObject,
  validations: unknown,
  path: ComponentPath,
): void {
  if (!Array.isArray(validations)) return;
  validations.forEach((validation, i) => {
    const strategy = isObject(validation) ? validation.validation_strategy : undefined;
    if (!isObject(validation) || !isCustomComponent(strategy)) return;
    const at = [...path, i];
    const withConfig = { ...ctx, config } as FactoryContext;
    const check = customComponent(
      withConfig,
      strategy,
      [...at, "validation_strategy"],
      "validation_strategy",
    );
    let value: unknown;
    if (Array.isArray(validation.field_path)) {
      value = config;
      for (const key of validation.field_path.map(String)) value = isObject(value) ? value[key] : undefined;
    } else {
      value = interpolated(withConfig, validation.value, paramsOf(validation), [...at, "value"]).eval({});
    }
    try {
      check(value);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new SpoutError("config_error", `config validation failed (${locate(ctx, at)}): ${reason}`, {
        cause: error,
      });
    }
  });
}
