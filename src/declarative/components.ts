/**
 * Custom components: TypeScript implementations of a manifest's `Custom*` components (`class_name:
 * source_x.components.Y`), registered by class name with {@link defineComponents}. Each family implements
 * the interface its built-in counterparts implement (an extractor maps a document to records, an
 * authenticator is a {@link Middleware}, a partition router a {@link PartitionRouter}, …), so the rest of the
 * manifest runs unchanged. The factory calls {@link customComponent} wherever a `Custom*` type is built.
 * @module
 */
import type { Env } from "../env.ts";
import { SpoutError } from "../errors.ts";
import type { Decoder } from "../extract/decoders/types.ts";
import type { BackoffStrategy } from "../http/backoff.ts";
import type { ErrorHandler } from "../http/error_handler.ts";
import type { Middleware } from "../http/requester.ts";
import type { SliceCursor } from "../incremental/types.ts";
import type { PaginationStrategy } from "../pagination/default_paginator.ts";
import type { PartitionRouter } from "../partition/types.ts";
import type { ReadContext, StreamSlice } from "../source/types.ts";
import type { Transformation } from "../transform/types.ts";
import { isObject, type JsonObject, type JsonSchema, type RecordData } from "../types.ts";

/**
 * Decoded document -> records (like DpathExtractor): one call per document the decoder yields. Values that
 * are not objects are dropped by the record selector.
 */
export type RecordExtractor = (document: unknown) => Iterable<unknown>;

/** What a record filter sees besides the record. */
export interface RecordFilterInfo {
  /** The slice being read. */
  slice: StreamSlice;
  /** The page token of the request (undefined on the first page). */
  token: unknown;
  /** The stream state (`stream_state`), when the stream is incremental. */
  state?: JsonObject;
}

/** Keeps (true) or drops (false) one record (like RecordFilter). */
export type RecordFilter = (record: RecordData, info: RecordFilterInfo) => boolean;

/** Loads a stream's JSON schema (like InlineSchemaLoader / JsonFileSchemaLoader). */
export type SchemaLoader = () => JsonSchema | Promise<JsonSchema>;

/** Casts records to the stream's schema (like `schema_normalization: Default`). */
export type SchemaNormalization = (schema: JsonSchema) => (record: RecordData) => RecordData;

/** Migrates an incoming stream state written by an older connector version. */
export interface StateMigration {
  /** True when `state` needs migrating. */
  shouldMigrate(state: JsonObject): boolean;
  /** The migrated state. */
  migrate(state: JsonObject): JsonObject;
}

/** Changes the user's config before streams are built (mutate it in place, or return a replacement). */
export type ConfigTransformation = (config: JsonObject) => JsonObject | void;

/** Reads the records of one slice (like SimpleRetriever). */
export interface Retriever {
  /** Yields the records of `slice`; `cursor` is the read's cursor (request options, state). */
  readSlice(slice: StreamSlice, ctx: ReadContext, cursor?: SliceCursor): AsyncIterable<RecordData>;
}

/** A custom incremental sync: the cursor field and the cursor of each read. */
export interface IncrementalSync {
  /** The record field the cursor follows. */
  readonly cursorField: string;
  /**
   * The cursor of one read from the incoming stream state (undefined for full refresh); `router` is the
   * stream's partition router, when it has one (the cursor then owns the partitions).
   */
  cursor(state: JsonObject | undefined, ctx: ReadContext, router?: PartitionRouter): SliceCursor;
}

/** Checks one config value (`config_normalization_rules.validations`); throws to reject the config. */
export type ValidationStrategy = (value: unknown) => void;

/** The implementation type of each component family, keyed by kind. */
export interface ComponentTypes {
  /** `CustomRecordExtractor`. */
  record_extractor: RecordExtractor;
  /** `CustomRecordFilter`. */
  record_filter: RecordFilter;
  /** `CustomTransformation`. */
  transformation: Transformation;
  /** `CustomPaginationStrategy` (inside a DefaultPaginator). */
  pagination_strategy: PaginationStrategy;
  /** `CustomAuthenticator`: created once per read environment. */
  authenticator: Middleware;
  /** `CustomErrorHandler`. */
  error_handler: ErrorHandler;
  /** `CustomBackoffStrategy`: milliseconds to wait, or undefined to let the next strategy decide. */
  backoff_strategy: BackoffStrategy;
  /** `CustomPartitionRouter`. */
  partition_router: PartitionRouter;
  /** `CustomRequester`: built like an HttpRequester from its own fields; this middleware wraps it. */
  requester: Middleware;
  /** `CustomRetriever`. */
  retriever: Retriever;
  /** `CustomSchemaLoader`. */
  schema_loader: SchemaLoader;
  /** `CustomSchemaNormalization`. */
  schema_normalization: SchemaNormalization;
  /** `CustomStateMigration` (a stream's `state_migrations`). */
  state_migration: StateMigration;
  /** `CustomDecoder`. */
  decoder: Decoder;
  /** `CustomConfigTransformation` (`config_normalization_rules`). */
  config_transformation: ConfigTransformation;
  /** `CustomIncrementalSync`. */
  incremental_sync: IncrementalSync;
  /** `CustomValidationStrategy` (a DpathValidator's `validation_strategy`). */
  validation_strategy: ValidationStrategy;
}

/** A component family. */
export type ComponentKind = keyof ComponentTypes;

/** Manifest `type` -> family. */
export const CUSTOM_TYPES: Readonly<Record<string, ComponentKind>> = {
  CustomRecordExtractor: "record_extractor",
  CustomRecordFilter: "record_filter",
  CustomTransformation: "transformation",
  CustomPaginationStrategy: "pagination_strategy",
  CustomAuthenticator: "authenticator",
  CustomErrorHandler: "error_handler",
  CustomBackoffStrategy: "backoff_strategy",
  CustomPartitionRouter: "partition_router",
  CustomRequester: "requester",
  CustomRetriever: "retriever",
  CustomSchemaLoader: "schema_loader",
  CustomSchemaNormalization: "schema_normalization",
  CustomStateMigration: "state_migration",
  CustomDecoder: "decoder",
  CustomConfigTransformation: "config_transformation",
  CustomIncrementalSync: "incremental_sync",
  CustomValidationStrategy: "validation_strategy",
};

const KINDS: ReadonlySet<string> = new Set(Object.values(CUSTOM_TYPES));

/** A compiled manifest template, bound to the config and the component's `$parameters`. */
export interface ComponentTemplate {
  /** True when the value has no template syntax. */
  readonly isStatic: boolean;
  /** Renders then literal-evaluates like the reference (`"5"` -> 5). */
  eval(vars?: { [key: string]: unknown }): unknown;
  /** Renders to a string. */
  render(vars?: { [key: string]: unknown }): string;
}

/** Built-in (or registered) components a custom component may build from its own fields. */
export interface NestedTypes {
  /** An authenticator component (BearerAuthenticator, OAuthAuthenticator, …); undefined for NoAuth. */
  authenticator: Middleware | undefined;
  /** A partition router component (SubstreamPartitionRouter, ListPartitionRouter, …). */
  partition_router: PartitionRouter | undefined;
  /** A record extractor component (DpathExtractor). */
  record_extractor: (document: unknown) => unknown[];
  /** A decoder component (JsonDecoder, CsvDecoder, …). */
  decoder: Decoder;
  /** A backoff strategy component. */
  backoff_strategy: BackoffStrategy;
  /** An error handler component. */
  error_handler: ErrorHandler;
  /** A retriever component (SimpleRetriever), e.g. the same fields with `type: SimpleRetriever`. */
  retriever: Retriever;
  /** An incremental sync component (DatetimeBasedCursor). */
  incremental_sync: IncrementalSync | undefined;
}

/** What `create` receives besides the options: config, `$parameters`, templates and nested builders. */
export interface ComponentContext {
  /** The `class_name` as written in the manifest. */
  readonly className: string;
  /** The family. */
  readonly kind: ComponentKind;
  /** The user's config (after config migrations). */
  readonly config: JsonObject;
  /** The component's `$parameters` (propagated from its parents like for built-in components). */
  readonly parameters: { readonly [key: string]: unknown };
  /** Where the component is in the manifest (for error messages). */
  readonly location: string;
  /** Time, sleep, random, fetch and log of the read. */
  readonly env: Env;
  /** The read context, when the component is built for a read (authenticators always are). */
  readonly read?: ReadContext;
  /** Compiles a manifest value as a template with the variables built-in components see. */
  template(
    value: unknown,
    options?: { kind?: "string" | "boolean" | "mapping"; default?: unknown },
  ): ComponentTemplate;
  /** Builds a nested component found in the options (e.g. `options.oauth2`); `field` names it in errors. */
  build<K extends keyof NestedTypes>(kind: K, component: unknown, field?: string): NestedTypes[K];
}

/** The manifest fields of a custom component, except `type`, `class_name` and `$parameters`. */
export type ComponentOptions = { readonly [key: string]: unknown };

/** One registered implementation. */
export interface ComponentDefinition<K extends ComponentKind = ComponentKind> {
  /** The family (decides the interface `create` returns and where the class may be used). */
  readonly kind: K;
  /** Builds the implementation from the component's manifest fields. */
  create(options: ComponentOptions, ctx: ComponentContext): ComponentTypes[K];
}

/** Any definition, with `create` typed after its `kind`. */
export type AnyComponentDefinition = { [K in ComponentKind]: ComponentDefinition<K> }[ComponentKind];

/** Implementations keyed by `class_name`. */
export type ComponentRegistry = { readonly [className: string]: AnyComponentDefinition };

function checkDefinition(className: string, value: unknown): AnyComponentDefinition {
  if (!isObject(value) || typeof value.kind !== "string" || typeof value.create !== "function") {
    throw new SpoutError(
      "manifest_invalid",
      `custom component "${className}" must be { kind, create(options, ctx) } (use defineComponents)`,
    );
  }
  if (!KINDS.has(value.kind)) {
    throw new SpoutError(
      "manifest_invalid",
      `custom component "${className}" has an unknown kind "${value.kind}" (expected one of ${
        [...KINDS].join(", ")
      })`,
    );
  }
  return value as unknown as AnyComponentDefinition;
}

/**
 * Declares custom component implementations keyed by the manifest's `class_name` (checked and typed per
 * family). Export the result as the module's default export or as `components`, then run the manifest with
 * `--components path/to/components.ts` or `createDeclarativeSource(manifest, { components })`.
 *
 * @example
 * ```ts
 * import { defineComponents } from "./components.ts";
 * const components = defineComponents({
 *   "source_x.components.Upper": {
 *     kind: "transformation",
 *     create: (options) => (record) => {
 *       const field = String(options.field);
 *       record[field] = String(record[field]).toUpperCase();
 *     },
 *   },
 * });
 * const t = components["source_x.components.Upper"];
 * if (t.kind !== "transformation") throw new Error("kind");
 * ```
 */
export function defineComponents<const T extends ComponentRegistry>(registry: T): T {
  for (const [name, definition] of Object.entries(registry)) checkDefinition(name, definition);
  return registry;
}

const normalized = new WeakMap<object, ComponentRegistry>();

/**
 * The registry of a `--components` module or an options object: its `default` export, its `components`
 * export, or the object itself when every value is a definition.
 *
 * @example
 * ```ts
 * import { componentRegistry, defineComponents } from "./components.ts";
 * const components = defineComponents({ "a.B": { kind: "record_filter", create: () => () => true } });
 * const registry = componentRegistry({ default: components });
 * if (!("a.B" in registry)) throw new Error("not found");
 * ```
 */
export function componentRegistry(module: Record<string, unknown> | undefined): ComponentRegistry {
  if (!module) return {};
  const cached = normalized.get(module);
  if (cached) return cached;
  let candidate: unknown = module;
  if (isObject(module.default)) candidate = module.default;
  else if (isObject(module.components)) candidate = module.components;
  const out: Record<string, AnyComponentDefinition> = {};
  if (isObject(candidate)) {
    for (const [name, value] of Object.entries(candidate)) {
      if (name === "default" || name === "components") continue;
      out[name] = checkDefinition(name, value);
    }
  }
  normalized.set(module, out);
  return out;
}

/**
 * The class names a module registers (for `validate --components`).
 *
 * @example
 * ```ts
 * import { defineComponents, registeredClasses } from "./components.ts";
 * const components = defineComponents({ "a.B": { kind: "record_filter", create: () => () => true } });
 * if (!registeredClasses({ components }).has("a.B")) throw new Error("missing");
 * ```
 */
export function registeredClasses(module: Record<string, unknown> | undefined): Set<string> {
  return new Set(Object.keys(componentRegistry(module)));
}

/**
 * True when a manifest component names a Python class (`class_name` with a `Custom*` type or none).
 *
 * @example
 * ```ts
 * import { isCustomComponent } from "./components.ts";
 * if (!isCustomComponent({ type: "CustomTransformation", class_name: "a.B" })) throw new Error("custom");
 * if (isCustomComponent({ type: "DpathExtractor", class_name: "x" })) throw new Error("built-in");
 * ```
 */
export function isCustomComponent(
  component: unknown,
): component is { class_name: string; [key: string]: unknown } {
  if (!isObject(component) || typeof component.class_name !== "string") return false;
  const type = component.type;
  return type === undefined || (typeof type === "string" && type.startsWith("Custom"));
}

/**
 * The manifest fields handed to `create` (all but `type`, `class_name` and `$parameters`).
 *
 * @example
 * ```ts
 * import { componentOptions } from "./components.ts";
 * const options = componentOptions({ type: "CustomX", class_name: "a.B", $parameters: {}, field: 1 });
 * if (JSON.stringify(options) !== '{"field":1}') throw new Error(JSON.stringify(options));
 * ```
 */
export function componentOptions(component: { [key: string]: unknown }): ComponentOptions {
  const out: { [key: string]: unknown } = {};
  for (const [key, value] of Object.entries(component)) {
    if (key !== "type" && key !== "class_name" && key !== "$parameters") out[key] = value;
  }
  return out;
}

/**
 * Finds the implementation of a custom component of family `kind`; throws `manifest_unsupported` naming
 * the class when it is not registered, `manifest_invalid` when it is registered for another family.
 *
 * @example
 * ```ts
 * import { defineComponents, lookupComponent } from "./components.ts";
 * const registry = defineComponents({ "a.B": { kind: "decoder", create: () => ({ async *decode() {} }) } });
 * if (lookupComponent(registry, "a.B", "decoder", "m.yaml").kind !== "decoder") throw new Error("lookup");
 * let named = "";
 * try { lookupComponent(registry, "a.C", "decoder", "m.yaml"); } catch (e) { named = String(e); }
 * if (!named.includes('"a.C"')) throw new Error(named);
 * ```
 */
export function lookupComponent<K extends ComponentKind>(
  registry: ComponentRegistry,
  className: string,
  kind: K,
  location: string,
): ComponentDefinition<K> {
  const definition = Object.hasOwn(registry, className) ? registry[className] : undefined;
  if (!definition) {
    throw new SpoutError(
      "manifest_unsupported",
      `${location}: the custom component "${className}" (${kind}) is not registered: write it in TypeScript ` +
        `with defineComponents and pass --components PATH (or the components option)`,
    );
  }
  if (definition.kind !== kind) {
    throw new SpoutError(
      "manifest_invalid",
      `${location}: "${className}" is registered as a ${definition.kind} but used as a ${kind}`,
    );
  }
  return definition as ComponentDefinition<K>;
}
