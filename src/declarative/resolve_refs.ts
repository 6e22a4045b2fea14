/**
 * `$ref` resolution with the reference CDK's semantics: any string value starting with `#/` is replaced by
 * the (recursively resolved) value it points at; an object with a `$ref` key is the referenced object with
 * the object's own keys taking precedence; cycles fail cleanly. Paths are looked up the reference's way:
 * the whole remaining path is first tried as a key (so keys may contain `/`), then one segment is consumed.
 * @module
 */
import { SpoutError } from "../errors.ts";
import { setOwn } from "./load_manifest.ts";
import { didYouMean } from "./suggest.ts";
import { formatLocation, type JsonPath, type PathSegment, type SourcePosition } from "./positions.ts";

/** Fields whose values are connector config, not components: copied as they are, never resolved. */
const CONFIG_VALUE_FIELDS: ReadonlySet<string> = new Set(["config_overrides"]);

/** Options for {@link resolveReferences}. */
export interface ResolveReferencesOptions {
  /** Called for every produced node with its output path and the source path it was copied from. */
  onNode?: (outPath: JsonPath, sourcePath: JsonPath) => void;
  /** Locates a source path for error messages. */
  locate?: (sourcePath: JsonPath) => SourcePosition | undefined;
  /** File name for error messages. */
  file?: string;
  /** Maximum number of produced nodes (default 5,000,000): references can multiply a manifest's size. */
  maxNodes?: number;
}

/** Returns true for plain objects (not arrays, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Returns a copy of `manifest` with every reference resolved. Throws `SpoutError("manifest_invalid")` for
 * undefined or circular references, naming the reference and its location.
 *
 * @example
 * ```ts
 * import { resolveReferences } from "./resolve_refs.ts";
 * const out = resolveReferences({
 *   definitions: { requester: { url_base: "https://x", http_method: "GET" } },
 *   a: { $ref: "#/definitions/requester", http_method: "POST" },
 *   b: "#/definitions/requester/url_base",
 * });
 * if (JSON.stringify(out.a) !== '{"url_base":"https://x","http_method":"POST"}') throw new Error("merge");
 * if (out.b !== "https://x") throw new Error("pointer");
 * ```
 */
export function resolveReferences(
  manifest: Record<string, unknown>,
  options: ResolveReferencesOptions = {},
): Record<string, unknown> {
  const { onNode, locate, file } = options;
  const maxNodes = options.maxNodes ?? 5_000_000;
  let produced = 0;
  const visiting = new Set<string>();
  const src: PathSegment[] = [];
  const out: PathSegment[] = [];

  const fail = (message: string, at: JsonPath): never => {
    const pos = locate?.(at);
    const where = formatLocation(file, pos);
    throw new SpoutError("manifest_invalid", where ? `${where}: ${message}` : message, {
      details: { path: [...at], ...(pos ? { line: pos.line, col: pos.col } : {}) },
    });
  };

  const evaluate = (node: unknown): unknown => {
    if (++produced > maxNodes) {
      fail(`references expand the manifest beyond ${maxNodes} nodes`, src);
    }
    if (isPlainObject(node)) {
      const result: Record<string, unknown> = {};
      for (const key of Object.keys(node)) {
        if (key === "$ref") continue;
        src.push(key);
        out.push(key);
        setOwn(result, key, CONFIG_VALUE_FIELDS.has(key) ? copyJson(node[key]) : evaluate(node[key]));
        src.pop();
        out.pop();
      }
      let value: unknown = result;
      if (Object.hasOwn(node, "$ref")) {
        src.push("$ref");
        const referenced = evaluate(node.$ref);
        src.pop();
        // a non-object reference replaces the whole node; an object one is overridden by the sibling keys
        value = isPlainObject(referenced) ? mergeInto(referenced, result) : referenced;
      }
      onNode?.(out, src);
      return value;
    }
    if (Array.isArray(node)) {
      const result = new Array<unknown>(node.length);
      for (let i = 0; i < node.length; i++) {
        src.push(i);
        out.push(i);
        result[i] = evaluate(node[i]);
        src.pop();
        out.pop();
      }
      onNode?.(out, src);
      return result;
    }
    if (typeof node === "string" && node.startsWith("#/")) {
      if (visiting.has(node)) {
        const chain = [...visiting].slice([...visiting].indexOf(node));
        fail(`circular reference: ${[...chain, node].join(" -> ")}`, src);
      }
      const target = lookup(manifest, node.slice(2));
      if (!target) {
        const hint = suggestReference(manifest, node.slice(2));
        return fail(
          `undefined reference ${node}: nothing in the manifest at that path` +
            (hint ? ` (did you mean "#/${hint}"?)` : ""),
          src,
        );
      }
      visiting.add(node);
      const saved = src.splice(0, src.length, ...target.path);
      const value = evaluate(target.value);
      src.splice(0, src.length, ...saved);
      visiting.delete(node);
      return value;
    }
    onNode?.(out, src);
    return node;
  };

  return evaluate(manifest) as Record<string, unknown>;
}

/** The closest existing path to a reference that does not resolve (one misspelt segment), if any. */
function suggestReference(root: unknown, refPath: string): string | undefined {
  const segments = refPath.split("/");
  let node = root;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    if (isPlainObject(node) && Object.hasOwn(node, seg)) {
      node = node[seg];
      continue;
    }
    if (Array.isArray(node) && /^\d+$/.test(seg) && Number(seg) < node.length) {
      node = node[Number(seg)];
      continue;
    }
    if (!isPlainObject(node)) return undefined;
    const hint = didYouMean(seg, Object.keys(node));
    if (!hint) return undefined;
    const fixed = [...segments.slice(0, i), hint, ...segments.slice(i + 1)].join("/");
    return lookup(root, fixed) ? fixed : undefined;
  }
  return undefined;
}

function mergeInto(
  base: Record<string, unknown>,
  overrides: Record<string, unknown>,
): Record<string, unknown> {
  for (const key of Object.keys(overrides)) setOwn(base, key, overrides[key]);
  return base;
}

const INT = /^\s*[+-]?\d+(?:_\d+)*\s*$/;

/**
 * Looks up a reference path (the part after `#/`) the way the reference does: at each level the whole
 * remaining path is tried as a key first, then its first `/`-separated segment (an integer segment indexes
 * a list, negative indexes count from the end).
 */
export function lookup(root: unknown, refPath: string): { value: unknown; path: PathSegment[] } | undefined {
  let node: unknown = root;
  let rest = refPath;
  const path: PathSegment[] = [];
  while (rest !== "") {
    if (isPlainObject(node) && Object.hasOwn(node, rest)) {
      path.push(rest);
      return { value: node[rest], path };
    }
    const slash = rest.indexOf("/");
    const head = slash < 0 ? rest : rest.slice(0, slash);
    rest = slash < 0 ? "" : rest.slice(slash + 1);
    if (isPlainObject(node)) {
      if (!Object.hasOwn(node, head)) return undefined;
      node = node[head];
      path.push(head);
    } else if (Array.isArray(node) && INT.test(head)) {
      let index = Number(head.replace(/[_\s]/g, ""));
      if (index < 0) index += node.length;
      if (index < 0 || index >= node.length) return undefined;
      node = node[index];
      path.push(index);
    } else {
      return undefined;
    }
  }
  return { value: node, path };
}

/** Deep-copies a JSON value (own keys only; `__proto__` stays data). */
export function copyJson<T>(value: T): T {
  if (Array.isArray(value)) return value.map(copyJson) as T;
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) setOwn(out, key, copyJson(value[key]));
    return out as T;
  }
  return value;
}
