/**
 * Declarative source: a manifest (YAML text or parsed object) becomes a {@link Source}.
 * (Being built by the factory work; the signature is the contract the CLI codes against.)
 * @module
 */
import { SpoutError } from "../errors.ts";
import type { Source } from "../source/types.ts";

/** Options for {@link createDeclarativeSource}. */
export interface DeclarativeSourceOptions {
  /** File path of the manifest, used in error locations. */
  path?: string;
  /** TypeScript implementations of custom components, keyed by `class_name`. */
  components?: Record<string, unknown>;
}

/** Builds a source from a manifest. */
export function createDeclarativeSource(
  _manifest: string | Record<string, unknown>,
  _options: DeclarativeSourceOptions = {},
): Promise<Source> {
  return Promise.reject(new SpoutError("manifest_unsupported", "the declarative factory is not built yet"));
}
