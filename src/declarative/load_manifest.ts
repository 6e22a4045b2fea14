/**
 * Loads a declarative manifest: YAML text (YAML 1.2 core schema, later duplicate keys win like PyYAML's
 * `safe_load`) or an already-parsed object, into plain JSON values plus a map of source positions.
 * Untrusted input: custom tags are rejected, alias expansion and nesting depth are capped, and so is size.
 * @module
 */
import { JS_YAML_CORE_SCHEMA, JsYamlException, jsYamlLoad } from "../_deps/js_yaml.ts";
import { SpoutError } from "../errors.ts";
import {
  formatLocation,
  type JsonPath,
  type PositionLookup,
  PositionMap,
  type SourcePosition,
} from "./positions.ts";
import { scanPositions } from "./scan_positions.ts";

/** A parsed manifest with the position of every node (positions are empty for object input). */
export interface LoadedManifest {
  /** The manifest as plain JSON values. */
  readonly value: Record<string, unknown>;
  /** The file path given to the loader, used in error locations. */
  readonly path?: string;
  /** JSON path -> 1-based line/column of every node (empty when loaded from an object). */
  readonly positions: PositionLookup;
  /** Non-fatal findings (duplicate keys), each with a location. */
  readonly warnings: readonly LoadWarning[];
}

/** A non-fatal finding while loading. */
export interface LoadWarning {
  /** JSON path of the node concerned. */
  path: JsonPath;
  /** Where it is in the text. */
  pos?: SourcePosition;
  /** What was found and what happens. */
  message: string;
}

/** Options for {@link loadManifest}. */
export interface LoadManifestOptions {
  /** File path used in error locations. */
  path?: string;
  /** Maximum text size in characters (default 16 MiB). */
  maxSize?: number;
  /** Maximum number of nodes after alias expansion (default 1,000,000). */
  maxNodes?: number;
  /** Maximum nesting depth (default 256). */
  maxDepth?: number;
}

/**
 * Parses a manifest. Throws `SpoutError("manifest_invalid")` with `file:line:col` in the message on YAML
 * syntax errors, custom tags, alias bombs, excessive nesting or size, or a root that is not a mapping.
 * `positions` and `warnings` are computed on first access (a second parse that records node offsets,
 * which only error paths pay).
 *
 * @example
 * ```ts
 * import { loadManifest } from "./load_manifest.ts";
 * const loaded = loadManifest("version: 6.0.0\nstreams:\n  - name: users\n", { path: "m.yaml" });
 * if (loaded.value.version !== "6.0.0") throw new Error("bad value");
 * const pos = loaded.positions.get(["streams", 0, "name"]);
 * if (pos?.line !== 3 || pos.col !== 11) throw new Error("bad position");
 * ```
 */
export function loadManifest(
  input: string | Record<string, unknown>,
  options: LoadManifestOptions = {},
): LoadedManifest {
  if (typeof input !== "string") return loadManifestObject(input, options);
  const file = options.path;
  const maxSize = options.maxSize ?? 16 * 1024 * 1024;
  if (input.length > maxSize) {
    throw new SpoutError(
      "manifest_invalid",
      `${file ?? "manifest"}: manifest is ${input.length} characters, over the ${maxSize} limit`,
    );
  }
  let raw: unknown;
  let duplicates = false;
  try {
    raw = jsYamlLoad(input, { schema: JS_YAML_CORE_SCHEMA, filename: file });
  } catch (error) {
    if (!(error instanceof JsYamlException) || error.reason !== "duplicated mapping key") {
      throw yamlError(error, file);
    }
    duplicates = true;
    try {
      raw = jsYamlLoad(input, { schema: JS_YAML_CORE_SCHEMA, filename: file, json: true });
    } catch (error2) {
      throw yamlError(error2, file);
    }
  }
  let located: { positions: PositionLookup; warnings: LoadWarning[] } | undefined;
  const locate = () => {
    if (!located) {
      const positions = scanPositions(input);
      located = { positions, warnings: duplicates ? positions.duplicateKeys() : [] };
    }
    return located;
  };
  // Without anchors the parser's output is already a tree of fresh plain values: only the depth is checked.
  // With anchors, aliases share (or even contain) nodes: copy them out under a node budget.
  const value = MAYBE_ANCHOR.test(input)
    ? plainCopy(raw, options, (path) => locate().positions.nearest(path), file)
    : checkDepth(raw, options.maxDepth ?? 256, (path) => locate().positions.nearest(path), file);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new SpoutError(
      "manifest_invalid",
      `${formatLocation(file, { line: 1, col: 1 })}: a manifest must be a YAML mapping at the top level`,
    );
  }
  return {
    value: value as Record<string, unknown>,
    path: file,
    get positions(): PositionLookup {
      return locate().positions;
    },
    get warnings(): readonly LoadWarning[] {
      return duplicates ? locate().warnings : [];
    },
  };
}

function yamlError(error: unknown, file: string | undefined): SpoutError {
  if (error instanceof JsYamlException) {
    const pos = error.mark ? { line: error.mark.line + 1, col: error.mark.column + 1 } : undefined;
    const tag = /^unknown tag !<(.*)>$/.exec(error.reason ?? "");
    const message = tag
      ? `YAML tag ${tag[1]} is not allowed in manifests (only plain YAML 1.2 core values)`
      : `invalid YAML: ${error.reason}`;
    return new SpoutError("manifest_invalid", `${formatLocation(file, pos)}: ${message}`, {
      details: pos ? { line: pos.line, col: pos.col } : undefined,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SpoutError("manifest_invalid", `${file ?? "manifest"}: invalid YAML: ${message}`);
}

/** Anything that may be a YAML anchor (`&name` after a separator); false positives only cost a copy. */
const MAYBE_ANCHOR = /(?:^|[\s\-:[{,])&[^\s]/m;

function checkDepth(
  raw: unknown,
  maxDepth: number,
  locate: (path: JsonPath) => SourcePosition | undefined,
  file: string | undefined,
): unknown {
  const path: (string | number)[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (typeof v !== "object" || v === null) return;
    if (depth >= maxDepth) {
      const pos = locate(path);
      throw new SpoutError(
        "manifest_invalid",
        `${formatLocation(file, pos)}: nesting deeper than ${maxDepth} levels`,
        {
          details: pos ? { line: pos.line, col: pos.col } : undefined,
        },
      );
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        if (typeof v[i] === "object" && v[i] !== null) {
          path.push(i);
          walk(v[i], depth + 1);
          path.pop();
        }
      }
    } else {
      for (const k in v) {
        const x = (v as Record<string, unknown>)[k];
        if (typeof x === "object" && x !== null) {
          path.push(k);
          walk(x, depth + 1);
          path.pop();
        }
      }
    }
  };
  walk(raw, 0);
  return raw;
}

/**
 * Copies parsed YAML into fresh plain JSON values: aliases (shared or cyclic objects) are expanded with a
 * node budget, depth is capped, `__proto__` keys stay own data properties.
 */
function plainCopy(
  raw: unknown,
  options: LoadManifestOptions,
  locate: (path: JsonPath) => SourcePosition | undefined,
  file: string | undefined,
): unknown {
  const maxDepth = options.maxDepth ?? 256;
  const maxNodes = options.maxNodes ?? 1_000_000;
  let nodes = 0;
  const active = new Set<unknown>();
  const path: (string | number)[] = [];
  const fail = (message: string): never => {
    const pos = locate(path);
    throw new SpoutError("manifest_invalid", `${formatLocation(file, pos)}: ${message}`, {
      details: pos ? { line: pos.line, col: pos.col } : undefined,
    });
  };
  const copy = (v: unknown, depth: number): unknown => {
    if (++nodes > maxNodes) fail(`more than ${maxNodes} nodes after alias expansion (YAML alias bomb?)`);
    if (typeof v !== "object" || v === null) {
      if (v === undefined || typeof v === "function" || typeof v === "symbol") return null;
      if (typeof v === "bigint") return Number(v);
      return v;
    }
    if (depth >= maxDepth) fail(`nesting deeper than ${maxDepth} levels`);
    if (active.has(v)) fail("an alias refers to the node that contains it (cyclic YAML)");
    active.add(v);
    let out: unknown;
    if (Array.isArray(v)) {
      const arr: unknown[] = new Array(v.length);
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        arr[i] = copy(v[i], depth + 1);
        path.pop();
      }
      out = arr;
    } else {
      const obj: Record<string, unknown> = {};
      for (const k of Object.keys(v)) {
        path.push(k);
        setOwn(obj, k, copy((v as Record<string, unknown>)[k], depth + 1));
        path.pop();
      }
      out = obj;
    }
    active.delete(v);
    return out;
  };
  return copy(raw, 0);
}

function loadManifestObject(input: Record<string, unknown>, options: LoadManifestOptions): LoadedManifest {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new SpoutError("manifest_invalid", "a manifest must be an object at the top level");
  }
  const value = plainCopy(input, options, () => undefined, options.path) as Record<string, unknown>;
  return { value, path: options.path, positions: new PositionMap(), warnings: [] };
}

/** Sets `obj[key] = value` as an own data property, even for `__proto__`. */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    obj[key] = value;
  }
}

/** The config key under which Airbyte's manifest-runner images receive the manifest. */
export const INJECTED_MANIFEST_KEY = "__injected_declarative_manifest";

/**
 * The manifest carried by a config under `__injected_declarative_manifest` (as the reference's
 * source-declarative-manifest image accepts it), loaded without positions; `undefined` when the config has
 * none. Throws `SpoutError("config_invalid")` when the key holds something other than a mapping.
 *
 * @example
 * ```ts
 * import { injectedManifest } from "./load_manifest.ts";
 * const loaded = injectedManifest({ api_key: "k", __injected_declarative_manifest: { version: "6.0.0" } });
 * if (loaded?.value.version !== "6.0.0") throw new Error("not loaded");
 * if (injectedManifest({ api_key: "k" }) !== undefined) throw new Error("no manifest expected");
 * ```
 */
export function injectedManifest(config: Record<string, unknown>): LoadedManifest | undefined {
  if (!Object.hasOwn(config, INJECTED_MANIFEST_KEY)) return undefined;
  const manifest = config[INJECTED_MANIFEST_KEY];
  if (typeof manifest !== "object" || manifest === null || Array.isArray(manifest)) {
    const kind = manifest === null ? "null" : Array.isArray(manifest) ? "a list" : typeof manifest;
    throw new SpoutError(
      "config_invalid",
      `config.${INJECTED_MANIFEST_KEY} must be a mapping (the manifest as JSON), got ${kind}`,
    );
  }
  return loadManifest(manifest as Record<string, unknown>, { path: `config.${INJECTED_MANIFEST_KEY}` });
}
