/**
 * Preprocesses a loaded manifest the way the reference CDK does before validating and building it:
 * default top-level `type`, `$ref` resolution, then default component types and `$parameters` propagation.
 * Positions of the resolved nodes map back to where they were written (through references).
 * @module
 */
import { type LoadedManifest, loadManifest } from "./load_manifest.ts";
import { propagateTypesAndParameters } from "./parameters.ts";
import { formatLocation, type JsonPath, type PositionLookup, type SourcePosition } from "./positions.ts";
import { ResolvedPositions } from "./resolved_positions.ts";
import { resolveReferences } from "./resolve_refs.ts";

/** A manifest after reference resolution, default types and parameter propagation. */
export interface ResolvedManifest {
  /** The resolved manifest (`DeclarativeSource` at the root). */
  readonly value: Record<string, unknown>;
  /** File path used in error locations. */
  readonly path?: string;
  /** Positions of resolved nodes, mapped back to the source text (computed on first access). */
  readonly positions: PositionLookup;
  /** The manifest as loaded. */
  readonly loaded: LoadedManifest;
}

/**
 * Resolves references and propagates types and parameters. Throws `SpoutError("manifest_invalid")` with
 * `file:line:col` for undefined or circular references. Accepts a {@link LoadedManifest}, YAML text or an
 * already-parsed object (e.g. `__injected_declarative_manifest`).
 *
 * @example
 * ```ts
 * import { resolveManifest } from "./resolve_manifest.ts";
 * const r = resolveManifest(
 *   "version: 6.0.0\ndefinitions:\n  base: {url_base: 'https://x'}\nstreams:\n" +
 *     "  - retriever: {requester: {$ref: '#/definitions/base', path: /a}}\n",
 * );
 * const stream = (r.value.streams as Record<string, unknown>[])[0];
 * if (r.value.type !== "DeclarativeSource" || stream.type !== "DeclarativeStream") throw new Error("types");
 * if (r.positions.nearest(["streams", 0, "retriever", "requester", "url_base"])?.line !== 3) throw new Error();
 * ```
 */
export function resolveManifest(
  input: LoadedManifest | string | Record<string, unknown>,
  options: { path?: string } = {},
): ResolvedManifest {
  const loaded = isLoaded(input) ? input : loadManifest(input, options);
  const manifest = withSourceType(loaded.value);
  const locate = (p: JsonPath): SourcePosition | undefined => loaded.positions.nearest(p);
  const resolved = resolveReferences(manifest, { locate, file: loaded.path });
  const value = propagateTypesAndParameters("", resolved, {});
  let positions: PositionLookup | undefined;
  return {
    value,
    path: loaded.path,
    loaded,
    get positions(): PositionLookup {
      positions ??= new ResolvedPositions(manifest, loaded.positions);
      return positions;
    },
  };
}

/** `file:line:col` (or the best part of it) of the node at `path` in a resolved manifest. */
export function manifestLocation(resolved: ResolvedManifest, path: JsonPath): string {
  const pos = resolved.positions.nearest(path);
  return formatLocation(resolved.path ?? "manifest", pos);
}

function withSourceType(value: Record<string, unknown>): Record<string, unknown> {
  if (Object.hasOwn(value, "type")) return value;
  return { ...value, type: "DeclarativeSource" };
}

function isLoaded(input: unknown): input is LoadedManifest {
  return typeof input === "object" && input !== null && "positions" in input && "value" in input &&
    "warnings" in input;
}
