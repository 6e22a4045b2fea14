/**
 * dpath-compatible path access over decoded JSON: get, values, new (set) and delete, with `*` (one level),
 * `**` (any depth) and fnmatch globs (`?`, `[abc]`, `a*`) in segments, as Airbyte's `DpathExtractor`,
 * `RemoveFields`, `AddFields` and `DpathFlattenFields` use them.
 *
 * Paths are compiled once ({@link compilePath}); the compiled form is what per-record code should use.
 * Safety: the keys `__proto__`, `constructor` and `prototype` are never walked, matched or created, and
 * inherited members (e.g. `toString`) are never read as values.
 * @module
 */
import { SpoutError } from "../errors.ts";

/** One path segment as given by a manifest or code (numbers index arrays). */
export type PathSegment = string | number;

const FORBIDDEN: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/**
 * Returns true for keys that must never be walked or created.
 *
 * @example
 * ```ts
 * import { isForbiddenKey } from "./dpath.ts";
 * if (!isForbiddenKey("__proto__") || isForbiddenKey("data")) throw new Error();
 * ```
 */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN.has(key);
}

const enum Kind {
  Key,
  Star,
  GlobStar,
  Glob,
}

interface Segment {
  kind: Kind;
  key: string;
  /** Array index when the key is an integer literal (negative counts from the end, like Python). */
  index: number | undefined;
  /** Number or decimal segments create arrays in `setPath` (dpath.new semantics). */
  numeric: boolean;
  re: RegExp | undefined;
  forbidden: boolean;
}

/** A path compiled once for fast repeated use. */
export interface CompiledPath {
  /** The original segments (as strings). */
  readonly segments: readonly string[];
  /** True when a segment is a wildcard or glob. */
  readonly hasGlob: boolean;
  /** True when a segment is `**`. */
  readonly hasGlobStar: boolean;
  /** @internal */
  readonly _segs: readonly Segment[];
}

const INT_RE = /^-?\d+$/;

function globToRegExp(glob: string): RegExp {
  let out = "^";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*") out += "[\\s\\S]*";
    else if (c === "?") out += "[\\s\\S]";
    else if (c === "[") {
      const end = glob.indexOf("]", i + 2);
      if (end < 0) {
        out += "\\[";
        continue;
      }
      let body = glob.slice(i + 1, end);
      const negate = body[0] === "!";
      if (negate) body = body.slice(1);
      body = body.replace(/[\\\]^]/g, "\\$&");
      out += negate ? `[^${body}]` : `[${body}]`;
      i = end;
    } else out += c.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
  }
  return new RegExp(out + "$");
}

/**
 * Compiles a path (list of segments) once.
 *
 * @example
 * ```ts
 * import { compilePath, getPath } from "./dpath.ts";
 * const p = compilePath(["data", "items"]);
 * if (getPath({ data: { items: [1] } }, p)?.toString() !== "1") throw new Error("wrong");
 * ```
 */
export function compilePath(path: readonly PathSegment[]): CompiledPath {
  const segs: Segment[] = [];
  let hasGlob = false;
  let hasGlobStar = false;
  for (const raw of path) {
    const key = String(raw);
    // dpath.new creates a list for a missing parent when the next segment is a number or decimal string.
    const numeric = typeof raw === "number" || /^\d+$/.test(key);
    let kind = Kind.Key;
    let re: RegExp | undefined;
    if (key === "**") kind = Kind.GlobStar;
    else if (key === "*") kind = Kind.Star;
    else if (/[*?[]/.test(key)) {
      kind = Kind.Glob;
      re = globToRegExp(key);
    }
    if (kind !== Kind.Key) hasGlob = true;
    if (kind === Kind.GlobStar) hasGlobStar = true;
    segs.push({
      kind,
      key,
      index: INT_RE.test(key) ? Number(key) : undefined,
      numeric,
      re,
      forbidden: FORBIDDEN.has(key),
    });
  }
  return { segments: segs.map((s) => s.key), hasGlob, hasGlobStar, _segs: segs };
}

function asCompiled(path: CompiledPath | readonly PathSegment[]): CompiledPath {
  return Array.isArray(path) ? compilePath(path as readonly PathSegment[]) : path as CompiledPath;
}

/** Reads an own child of a container; undefined when missing (never inherited, never forbidden). */
function child(node: unknown, seg: Segment): unknown {
  if (Array.isArray(node)) {
    if (seg.index === undefined) return undefined;
    const i = seg.index < 0 ? node.length + seg.index : seg.index;
    return i >= 0 && i < node.length ? node[i] : undefined;
  }
  if (typeof node !== "object" || node === null || seg.forbidden) return undefined;
  const v = (node as Record<string, unknown>)[seg.key];
  // JSON values are never functions: a function here is an inherited member such as `toString`.
  if (v === undefined || typeof v === "function") return undefined;
  return v;
}

function segMatches(seg: Segment, key: string): boolean {
  if (seg.kind === Kind.Star) return !FORBIDDEN.has(key);
  if (seg.kind === Kind.Glob) return !FORBIDDEN.has(key) && seg.re!.test(key);
  return !seg.forbidden && seg.key === key;
}

function isContainer(v: unknown): v is Record<string, unknown> | unknown[] {
  return typeof v === "object" && v !== null;
}

function ownKeys(node: Record<string, unknown> | unknown[]): string[] {
  if (Array.isArray(node)) {
    const keys = new Array<string>(node.length);
    for (let i = 0; i < node.length; i++) keys[i] = String(i);
    return keys;
  }
  return Object.keys(node).filter((k) => !FORBIDDEN.has(k));
}

function getChildByKey(node: Record<string, unknown> | unknown[], key: string): unknown {
  return Array.isArray(node) ? node[Number(key)] : node[key];
}

/** Expands a glob-free-of-`**` path in document order, calling `visit` for each match. */
function expand(
  node: unknown,
  segs: readonly Segment[],
  i: number,
  parent: unknown,
  lastKey: string,
  visit: (value: unknown, parent: unknown, key: string) => void,
): void {
  if (i === segs.length) {
    visit(node, parent, lastKey);
    return;
  }
  const seg = segs[i];
  if (seg.kind === Kind.Key) {
    const v = child(node, seg);
    if (v === undefined) return;
    let key = seg.key;
    if (Array.isArray(node) && seg.index! < 0) key = String(node.length + seg.index!);
    expand(v, segs, i + 1, node, key, visit);
    return;
  }
  if (!isContainer(node)) return;
  for (const key of ownKeys(node)) {
    if (!segMatches(seg, key)) continue;
    const v = getChildByKey(node, key);
    if (v === undefined || typeof v === "function") continue;
    expand(v, segs, i + 1, node, key, visit);
  }
}

function matchPath(steps: readonly Step[], ki: number, segs: readonly Segment[], si: number): boolean {
  if (si === segs.length) return ki === steps.length;
  const seg = segs[si];
  if (seg.kind === Kind.GlobStar) {
    for (let k = ki; k <= steps.length; k++) if (matchPath(steps, k, segs, si + 1)) return true;
    return false;
  }
  if (ki === steps.length) return false;
  if (!stepMatches(seg, steps[ki])) return false;
  return matchPath(steps, ki + 1, segs, si + 1);
}

/** A step of a walked path: the key, and the list length when the parent is a list (else -1). */
interface Step {
  key: string;
  len: number;
}

/** dpath's walk order: a node's children first, then each child's subtree in order. */
function walk(
  node: Record<string, unknown> | unknown[],
  location: Step[],
  visit: (steps: Step[], value: unknown, parent: Record<string, unknown> | unknown[]) => void,
  depth: number,
): void {
  if (depth > 512) throw new SpoutError("decode_error", "document nested deeper than 512 levels");
  const keys = ownKeys(node);
  const len = Array.isArray(node) ? node.length : -1;
  for (const k of keys) {
    const v = getChildByKey(node, k);
    if (v !== undefined && typeof v !== "function") visit([...location, { key: k, len }], v, node);
  }
  for (const k of keys) {
    const v = getChildByKey(node, k);
    if (isContainer(v)) walk(v, [...location, { key: k, len }], visit, depth + 1);
  }
}

/** dpath's segment match: list indices also match negative literal indices (`-1` is the last item). */
function stepMatches(seg: Segment, step: Step): boolean {
  if (step.len >= 0 && seg.kind === Kind.Key && seg.index !== undefined) {
    const i = Number(step.key);
    return i === seg.index || i - step.len === seg.index;
  }
  return segMatches(seg, step.key);
}

function forEachMatch(
  root: unknown,
  cp: CompiledPath,
  visit: (value: unknown, parent: unknown, key: string) => void,
): void {
  if (!cp.hasGlobStar) {
    expand(root, cp._segs, 0, undefined, "", visit);
    return;
  }
  if (!isContainer(root)) return;
  walk(root, [], (steps, value, parent) => {
    if (matchPath(steps, 0, cp._segs, 0)) visit(value, parent, steps[steps.length - 1].key);
  }, 0);
}

/**
 * All values matching `path` (dpath `values`), in dpath's order. An empty path yields the root itself.
 *
 * @example
 * ```ts
 * import { valuesAt } from "./dpath.ts";
 * const found = valuesAt({ a: { x: 1 }, b: { x: 2 } }, ["*", "x"]);
 * if (found.join() !== "1,2") throw new Error("wrong");
 * ```
 */
export function valuesAt(root: unknown, path: CompiledPath | readonly PathSegment[]): unknown[] {
  const cp = asCompiled(path);
  const out: unknown[] = [];
  forEachMatch(root, cp, (v) => out.push(v));
  return out;
}

/**
 * The value at `path` (dpath `get`), or `fallback` when nothing matches. With globs, the first match wins
 * (dpath raises when a glob matches several values; spout returns the first).
 *
 * @example
 * ```ts
 * import { getPath } from "./dpath.ts";
 * if (getPath({ a: [1, 2] }, ["a", "-1"]) !== 2) throw new Error("negative index");
 * if (getPath({}, ["constructor"], "none") !== "none") throw new Error("inherited member read");
 * ```
 */
export function getPath(
  root: unknown,
  path: CompiledPath | readonly PathSegment[],
  fallback?: unknown,
): unknown {
  const cp = asCompiled(path);
  if (!cp.hasGlob) {
    let node = root;
    const segs = cp._segs;
    for (let i = 0; i < segs.length; i++) {
      node = child(node, segs[i]);
      if (node === undefined) return fallback;
    }
    return node;
  }
  let found: unknown = undefined;
  let hit = false;
  forEachMatch(root, cp, (v) => {
    if (!hit) {
      hit = true;
      found = v;
    }
  });
  return hit ? found : fallback;
}

/**
 * Replaces the value of every existing node matching `path` (dpath `set`): globs as in {@link valuesAt},
 * outermost first, never descending into a node it just replaced; nothing is created. Returns how many nodes
 * were set.
 *
 * @example
 * ```ts
 * import { setMatches } from "./dpath.ts";
 * const doc = { name: "", retriever: { name: "x" }, other: 1 };
 * if (setMatches(doc, ["**", "name"], "users") !== 2 || doc.retriever.name !== "users") throw new Error();
 * ```
 */
export function setMatches(
  root: unknown,
  path: CompiledPath | readonly PathSegment[],
  value: unknown,
): number {
  let count = 0;
  forEachMatch(root, asCompiled(path), (_old, parent, key) => {
    if (Array.isArray(parent)) parent[Number(key)] = value;
    else if (isContainer(parent)) (parent as Record<string, unknown>)[key] = value;
    else return;
    count++;
  });
  return count;
}

/**
 * Creates or replaces the value at `path`, creating missing parents (dpath `new`): an array when the next
 * segment is a number or a decimal string ("0"), else an object; arrays are extended with `null` up to an
 * index. Glob characters
 * are literal here. Throws `config_invalid` for a forbidden key or when a scalar is in the way.
 *
 * @example
 * ```ts
 * import { setPath } from "./dpath.ts";
 * const r: Record<string, unknown> = { a: ["x"] };
 * setPath(r, ["a", "2"], "y");
 * setPath(r, ["b", "c"], 1);
 * if (JSON.stringify(r) !== '{"a":["x",null,"y"],"b":{"c":1}}') throw new Error(JSON.stringify(r));
 * ```
 */
export function setPath(root: unknown, path: CompiledPath | readonly PathSegment[], value: unknown): void {
  const segs = asCompiled(path)._segs;
  if (segs.length === 0) throw new SpoutError("config_invalid", "cannot set a value at an empty path");
  let node = root;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    const last = i === segs.length - 1;
    if (seg.forbidden) {
      throw new SpoutError("config_invalid", `refusing to write the key "${seg.key}": rename the field path`);
    }
    if (Array.isArray(node)) {
      if (seg.index === undefined) {
        throw new SpoutError("config_invalid", `cannot use "${seg.key}" as an array index in a field path`);
      }
      let idx = seg.index < 0 ? node.length + seg.index : seg.index;
      if (idx < 0) idx = 0;
      while (node.length <= idx) node.push(null);
      if (last) node[idx] = value;
      else {
        if (!isContainer(node[idx])) node[idx] = segs[i + 1].numeric ? [] : {};
        node = node[idx];
      }
    } else if (isContainer(node)) {
      const obj = node as Record<string, unknown>;
      if (last) obj[seg.key] = value;
      else {
        const cur = Object.hasOwn(obj, seg.key) ? obj[seg.key] : undefined;
        if (cur === undefined) obj[seg.key] = segs[i + 1].numeric ? [] : {};
        else if (!isContainer(cur)) {
          throw new SpoutError(
            "config_invalid",
            `cannot add a field under "${
              segs.slice(0, i + 1).map((s) => s.key).join(".")
            }": it is not an object`,
          );
        }
        node = obj[seg.key];
      }
    } else {
      throw new SpoutError("config_invalid", "cannot add a field under a non-object value");
    }
  }
}

function deleteChild(parent: unknown, key: string): void {
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (i === parent.length - 1) parent.pop();
    else if (i >= 0 && i < parent.length) parent[i] = null;
  } else if (isContainer(parent) && !FORBIDDEN.has(key)) {
    delete (parent as Record<string, unknown>)[key];
  }
}

function resolveKeys(
  root: unknown,
  keys: readonly string[],
): { ok: boolean; parent: unknown; value: unknown } {
  let parent: unknown = undefined;
  let node = root;
  for (const k of keys) {
    if (!isContainer(node)) return { ok: false, parent, value: undefined };
    const v = Array.isArray(node) ? (Number(k) < node.length ? node[Number(k)] : undefined) : (
      Object.hasOwn(node, k) ? (node as Record<string, unknown>)[k] : undefined
    );
    if (v === undefined) return { ok: false, parent, value: undefined };
    parent = node;
    node = v;
  }
  return { ok: true, parent, value: node };
}

/**
 * Deletes every value matching `path` (dpath `delete`) and returns how many were deleted. Array items are
 * set to `null`, except the last item, which is removed. With `filter`, dpath (and so Airbyte's RemoveFields
 * `condition`) deletes every leaf of the whole document for which it returns true, ignoring `path`; this
 * function does the same for parity.
 *
 * @example
 * ```ts
 * import { deletePath } from "./dpath.ts";
 * const r = { a: "", b: { c: "", d: 1 } };
 * deletePath(r, ["**"], (v) => v === "");
 * if (JSON.stringify(r) !== '{"b":{"d":1}}') throw new Error(JSON.stringify(r));
 * ```
 */
export function deletePath(
  root: unknown,
  path: CompiledPath | readonly PathSegment[],
  filter?: (value: unknown) => boolean,
): number {
  const cp = asCompiled(path);
  if (cp._segs.length === 0) return 0;
  if (filter !== undefined) {
    // dpath quirk, kept for parity: with a filter, every leaf of the document that passes it is deleted,
    // whatever the path (Airbyte's RemoveFields `condition` inherits this).
    return isContainer(root) ? deleteLeaves(root, filter, 0) : 0;
  }
  if (!cp.hasGlob) {
    const segs = cp._segs;
    let node = root;
    for (let i = 0; i < segs.length - 1; i++) {
      node = child(node, segs[i]);
      if (node === undefined) return 0;
    }
    const lastSeg = segs[segs.length - 1];
    const v = child(node, lastSeg);
    if (v === undefined) return 0;
    let key = lastSeg.key;
    if (Array.isArray(node) && lastSeg.index! < 0) key = String(node.length + lastSeg.index!);
    deleteChild(node, key);
    return 1;
  }
  // Collect first (paths in dpath order), then delete those that still exist.
  const matches: string[][] = [];
  if (cp.hasGlobStar) {
    if (!isContainer(root)) return 0;
    walk(root, [], (steps) => {
      if (matchPath(steps, 0, cp._segs, 0)) matches.push(steps.map((st) => st.key));
    }, 0);
  } else {
    const collect = (node: unknown, i: number, keys: string[]): void => {
      if (i === cp._segs.length) {
        matches.push(keys);
        return;
      }
      const seg = cp._segs[i];
      if (seg.kind === Kind.Key) {
        if (child(node, seg) === undefined) return;
        const k = Array.isArray(node) && seg.index! < 0 ? String(node.length + seg.index!) : seg.key;
        collect(getChildByKey(node as Record<string, unknown>, k), i + 1, [...keys, k]);
        return;
      }
      if (!isContainer(node)) return;
      for (const k of ownKeys(node)) {
        if (segMatches(seg, k)) collect(getChildByKey(node, k), i + 1, [...keys, k]);
      }
    };
    collect(root, 0, []);
  }
  return deleteEach(root, matches);
}

/** Deletes passing leaves in dpath's walk order (children first, then subtrees), without collecting paths. */
function deleteLeaves(
  node: Record<string, unknown> | unknown[],
  filter: (v: unknown) => boolean,
  depth: number,
): number {
  if (depth > 512) throw new SpoutError("decode_error", "document nested deeper than 512 levels");
  let deleted = 0;
  if (Array.isArray(node)) {
    const n = node.length;
    for (let i = 0; i < n && i < node.length; i++) {
      const v = node[i];
      if (!isContainer(v) && filter(v)) {
        deleteChild(node, String(i));
        deleted++;
      }
    }
    for (let i = 0; i < node.length; i++) {
      const v = node[i];
      if (isContainer(v)) deleted += deleteLeaves(v, filter, depth + 1);
    }
  } else {
    // Leaves first (deleting the current key inside for-in is safe), then the subtrees in key order.
    let subtrees: Record<string, unknown>[] | unknown[][] | undefined;
    for (const k in node) {
      if (!Object.hasOwn(node, k) || FORBIDDEN.has(k)) continue;
      const v = node[k];
      if (isContainer(v)) ((subtrees ??= []) as unknown[]).push(v);
      else if (filter(v)) {
        delete node[k];
        deleted++;
      }
    }
    if (subtrees) {
      for (const v of subtrees as (Record<string, unknown> | unknown[])[]) {
        deleted += deleteLeaves(v, filter, depth + 1);
      }
    }
  }
  return deleted;
}

function deleteEach(root: unknown, paths: readonly string[][]): number {
  let deleted = 0;
  for (const keys of paths) {
    const r = resolveKeys(root, keys);
    if (!r.ok) continue;
    deleteChild(r.parent, keys[keys.length - 1]);
    deleted++;
  }
  return deleted;
}
