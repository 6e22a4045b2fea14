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
    const deref = (value: unknown, at: PathSegment[]): { node: unknown; src: PathSegment[] } => {
      for (let hops = 0; hops < MAX_HOPS && typeof value === "string" && value.startsWith("#/"); hops++) {
        const target = lookup(root, value.slice(2));
        if (!target) break;
        value = target.value;
        at = target.path;
      }
      return { node: value, src: at };
    };
    // the entry `seg` of `cur`, through `$ref` chains as resolution merges them (own keys first)
    const child = (cur: unknown, curSrc: PathSegment[], seg: PathSegment) => {
      for (let hops = 0; hops < MAX_HOPS; hops++) {
        if (Array.isArray(cur)) {
          return typeof seg === "number" && seg < cur.length
            ? { node: cur[seg], src: [...curSrc, seg] }
            : undefined;
        }
        if (!isPlainObject(cur)) return undefined;
        if (seg !== "$ref" && Object.hasOwn(cur, String(seg))) {
          return { node: cur[String(seg)], src: [...curSrc, seg] };
        }
        if (!Object.hasOwn(cur, "$ref")) return undefined;
        const next = deref(cur.$ref, [...curSrc, "$ref"]);
        cur = next.node;
        curSrc = next.src;
      }
      return undefined;
    };
    let here = { node: root as unknown, src: [] as PathSegment[] };
    const ancestors: { node: unknown; src: PathSegment[] }[] = [];
    let keySrc: PathSegment[] = [];
    for (const seg of path) {
      ancestors.push(here);
      let found = child(here.node, here.src, seg);
      if (!found && typeof seg === "string") {
        // a field filled from `$parameters`: the closest component (or ancestor) that declares it
        for (let i = ancestors.length - 1; i >= 0 && !found; i--) {
          const params = child(ancestors[i].node, ancestors[i].src, "$parameters");
          if (params) {
            found = child(deref(params.node, params.src).node, deref(params.node, params.src).src, seg);
          }
        }
      }
      if (!found) return { src: here.src, keySrc: here.src, complete: false };
      keySrc = found.src;
      here = deref(found.node, found.src);
    }
    return { src: here.src, keySrc, complete: true };
  }
}
