/**
 * Positions of nodes of a resolved manifest, found by walking the resolved path through the source
 * manifest and following references the way resolution did (sibling keys first, then the `$ref`
 * target; string pointers jump to their target). Nodes added by resolution (default `type`s, propagated
 * parameters) have no position of their own; `nearest` gives their component's.
 * @module
 */
import type { JsonPath, PathSegment, PositionLookup, SourcePosition } from "./positions.ts";
import { isPlainObject, lookup } from "./resolve_refs.ts";

const MAX_HOPS = 64;

/**
 * Maps resolved paths back to source positions.
 *
 * @example
 * ```ts
 * import { loadManifest } from "./load_manifest.ts";
 * import { ResolvedPositions } from "./resolved_positions.ts";
 * const loaded = loadManifest("d:\n  x: {y: 1}\na: {$ref: '#/d/x', z: 2}\n");
 * const positions = new ResolvedPositions(loaded.value, loaded.positions);
 * if (positions.get(["a", "y"])?.line !== 2) throw new Error("through the reference");
 * if (positions.get(["a", "z"])?.line !== 3) throw new Error("own key");
 * ```
 */
export class ResolvedPositions implements PositionLookup {
  constructor(private readonly source: Record<string, unknown>, private readonly positions: PositionLookup) {}

  /** Number of source positions known. */
  get size(): number {
    return this.positions.size;
  }

  /** Position of the resolved value at exactly `path`. */
  get(path: JsonPath): SourcePosition | undefined {
    const t = this.trace(path);
    return t.complete ? this.positions.get(t.src) : undefined;
  }

  /** Position of the key of the resolved entry at exactly `path`. */
  getKey(path: JsonPath): SourcePosition | undefined {
    const t = this.trace(path);
    return t.complete ? this.positions.getKey(t.keySrc) : undefined;
  }

  /** Position of the resolved value at `path`, else of its closest ancestor that has one. */
  nearest(path: JsonPath): SourcePosition | undefined {
    return this.positions.nearest(this.trace(path).src);
  }

  /** Position of the key at `path` if known, else {@link ResolvedPositions.nearest}. */
  nearestKey(path: JsonPath): SourcePosition | undefined {
    return this.getKey(path) ?? this.nearest(path);
  }

  private trace(path: JsonPath): { src: PathSegment[]; keySrc: PathSegment[]; complete: boolean } {
    const root = this.source;
    let node: unknown = root;
    let src: PathSegment[] = [];
    let keySrc: PathSegment[] = [];
    const deref = (value: unknown, at: PathSegment[]): { value: unknown; at: PathSegment[] } => {
      for (let hops = 0; hops < MAX_HOPS && typeof value === "string" && value.startsWith("#/"); hops++) {
        const target = lookup(root, value.slice(2));
        if (!target) break;
        value = target.value;
        at = target.path;
      }
      return { value, at };
    };
    for (const seg of path) {
      let cur = node;
      let curSrc = src;
      let found = false;
      for (let hops = 0; hops < MAX_HOPS; hops++) {
        if (Array.isArray(cur) && typeof seg === "number" && seg < cur.length) {
          node = cur[seg];
          src = [...curSrc, seg];
          found = true;
        } else if (isPlainObject(cur) && seg !== "$ref" && Object.hasOwn(cur, String(seg))) {
          node = cur[String(seg)];
          src = [...curSrc, seg];
          found = true;
        } else if (isPlainObject(cur) && Object.hasOwn(cur, "$ref")) {
          const next = deref(cur.$ref, [...curSrc, "$ref"]);
          cur = next.value;
          curSrc = next.at;
          continue;
        }
        break;
      }
      if (!found) return { src, keySrc: src, complete: false };
      keySrc = src;
      const next = deref(node, src);
      node = next.value;
      src = next.at;
    }
    return { src, keySrc, complete: true };
  }
}
