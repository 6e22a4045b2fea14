/**
 * Declarative source: a manifest (YAML text or parsed object) becomes a {@link Source}. The factory builds
 * the same objects the code API uses (requesters, paginators, cursors, streams); there is no second runtime.
 * @module
 */
import { SpoutError, toSpoutError } from "../errors.ts";
import type { ConnectionStatus, ConnectorSpec, ReadContext, Source, Stream } from "../source/types.ts";
import { isObject, type JsonObject } from "../types.ts";
import { type ResolvedManifest, resolveManifest } from "./resolve_manifest.ts";
import { formatLocation } from "./positions.ts";
import type { FactoryContext, FileReader } from "./factory/context.ts";

type Engine = typeof import("./manifest_engine.ts");
let engine: Promise<Engine> | undefined;
/** Validation and the factory load on first use: `spec` never pays for them. */
function loadEngine(): Promise<Engine> {
  return engine ??= import("./manifest_engine.ts");
}

export type { FileReader } from "./factory/context.ts";

/** Options for {@link createDeclarativeSource}. */
export interface DeclarativeSourceOptions {
  /** File path of the manifest, used in error locations. */
  path?: string;
  /** TypeScript implementations of custom components, keyed by `class_name`. */
  components?: Record<string, unknown>;
  /** Reads files next to the manifest (`schemas/<stream>.json` for JsonFileSchemaLoader). */
  readFile?: FileReader;
}

/** A declarative source with access to its resolved manifest. */
export interface DeclarativeSource extends Source {
  /** The manifest after `$ref`, default types and `$parameters` resolution. */
  readonly manifest: Record<string, unknown>;
}

/**
 * Builds a source from a manifest.
 *
 * @example
 * ```ts
 * import { createDeclarativeSource } from "./manifest_source.ts";
 * const source = await createDeclarativeSource({
 *   version: "6.0.0",
 *   type: "DeclarativeSource",
 *   check: { type: "CheckStream", stream_names: ["items"] },
 *   streams: [{
 *     type: "DeclarativeStream",
 *     name: "items",
 *     retriever: {
 *       type: "SimpleRetriever",
 *       requester: { type: "HttpRequester", url_base: "https://api.test", path: "/items" },
 *       record_selector: { type: "RecordSelector", extractor: { type: "DpathExtractor", field_path: [] } },
 *     },
 *     schema_loader: { type: "InlineSchemaLoader", schema: {} },
 *   }],
 *   spec: { type: "Spec", connection_specification: { type: "object", properties: {} } },
 * });
 * const spec = await source.spec();
 * if (spec.connectionSpecification.type !== "object") throw new Error("spec");
 * ```
 */
export function createDeclarativeSource(
  manifest: string | Record<string, unknown>,
  options: DeclarativeSourceOptions = {},
): Promise<DeclarativeSource> {
  try {
    const resolved = resolveManifest(manifest, { path: options.path });
    return Promise.resolve(new ManifestSource(resolved, options));
  } catch (error) {
    return Promise.reject(error);
  }
}

class ManifestSource implements DeclarativeSource {
  readonly #resolved: ResolvedManifest;
  readonly #options: DeclarativeSourceOptions;
  #cached?: { manifest: Record<string, unknown>; cached: boolean };
  #validated = false;
  #migrationReported = false;

  constructor(resolved: ResolvedManifest, options: DeclarativeSourceOptions) {
    this.#resolved = resolved;
    this.#options = options;
  }

  get manifest(): Record<string, unknown> {
    return this.#resolved.value;
  }

  spec(): Promise<ConnectorSpec> {
    const spec = this.manifest.spec;
    if (!isObject(spec)) {
      return Promise.reject(
        new SpoutError("manifest_invalid", `${this.#resolved.path ?? "manifest"}: the manifest has no spec`),
      );
    }
    const out: ConnectorSpec = {
      connectionSpecification: isObject(spec.connection_specification) ? spec.connection_specification : {},
    };
    if (typeof spec.documentation_url === "string") out.documentationUrl = spec.documentation_url;
    if (isObject(spec.advanced_auth)) out.advanced_auth = spec.advanced_auth as JsonObject;
    return Promise.resolve(out);
  }

  #context(config: JsonObject, now?: () => number): FactoryContext {
    const resolved = this.#resolved;
    return {
      config,
      path: resolved.path,
      locate: (p) => {
        const pos = resolved.positions.nearest(p);
        return pos ? formatLocation(resolved.path ?? "manifest", pos) : undefined;
      },
      components: this.#options.components ?? {},
      readFile: this.#options.readFile,
      streamCache: new Map(),
      now,
    };
  }

  async check(config: JsonObject, ctx: ReadContext): Promise<ConnectionStatus> {
    try {
      const streams = await this.streams(config, ctx);
      const { normalizeConfig, runCheck } = await loadEngine();
      const normalized = normalizeConfig(this.manifest, config, this.#context(config, ctx.env.now));
      return await runCheck(
        this.manifest.check,
        streams,
        ctx,
        normalized,
        this.#context(normalized, ctx.env.now),
      );
    } catch (error) {
      const e = toSpoutError(error);
      return { status: "FAILED", message: ctx.masker.mask(e.message) };
    }
  }

  async streams(config: JsonObject, ctx: ReadContext): Promise<Stream[]> {
    const {
      assertValidManifest,
      buildStreams,
      enableParentCache,
      normalizeConfig,
      migrateConfig,
      registeredClasses,
      reportCache,
      stableJson,
    } = await loadEngine();
    // Like the reference, a manifest that fails schema validation never runs (e.g. a Python class where a
    // built-in is expected); once per source, so `spec` stays fast.
    if (!this.#validated) {
      const knownCustomClasses = registeredClasses(this.#options.components);
      assertValidManifest(this.#resolved, { path: this.#resolved.path, knownCustomClasses });
      this.#validated = true;
    }
    const now = () => ctx.env.now();
    if (!this.#migrationReported) {
      // Like the reference: a config changed by the spec's config_migrations is reported once (CONTROL).
      this.#migrationReported = true;
      const migrated = migrateConfig(this.manifest, config, this.#context(config, now));
      if (stableJson(migrated) !== stableJson(config)) ctx.onConfigUpdate?.(migrated);
    }
    const normalized = normalizeConfig(this.manifest, config, this.#context(config, now));
    // Parent streams of substreams cache their responses for this read, like the reference.
    this.#cached ??= enableParentCache(this.manifest);
    const factory = this.#context(normalized, now);
    if (!this.#cached.cached) return buildStreams(factory, this.manifest, ctx);
    return buildStreams(factory, this.#cached.manifest, ctx).then((streams) => reportCache(streams, factory));
  }
}
