/**
 * Declarative (YAML manifest) connectors: load, resolve and validate Airbyte low-code manifests, and run
 * them as a {@link Source}.
 *
 * @example
 * ```ts
 * import { validateManifest } from "./mod.ts";
 * const result = validateManifest("version: 6.0.0\nstreams: []\n", { path: "manifest.yaml" });
 * if (result.ok) throw new Error("a manifest needs a check");
 * ```
 * @module
 */
export {
  createDeclarativeSource,
  type DeclarativeSource,
  type DeclarativeSourceOptions,
  type FileReader,
} from "./manifest_source.ts";
export {
  INJECTED_MANIFEST_KEY,
  injectedManifest,
  type LoadedManifest,
  loadManifest,
  type LoadManifestOptions,
  type LoadWarning,
} from "./load_manifest.ts";
export { manifestLocation, type ResolvedManifest, resolveManifest } from "./resolve_manifest.ts";
export {
  assertValidManifest,
  formatValidation,
  runValidate,
  validateManifest,
  type ValidateOptions,
  type ValidationIssue,
  type ValidationResult,
} from "./validate.ts";
export {
  formatLocation,
  formatPath,
  type JsonPath,
  type PathSegment,
  type PositionLookup,
  PositionMap,
  type SourcePosition,
} from "./positions.ts";
/** Shapes of every manifest component (after resolution), e.g. `Manifest.HttpRequester`. */
export type * as Manifest from "./manifest_types.ts";
