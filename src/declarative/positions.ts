/**
 * Source positions of manifest nodes, keyed by their JSON path, so that errors found after parsing
 * (validation, factory, templates) can point at `file:line:col`.
 * @module
 */

import type { PathSegment } from "../extract/dpath.ts";
export type { PathSegment };

/** A JSON path from the manifest root, e.g. `["streams", 0, "retriever"]`. */
export type JsonPath = readonly PathSegment[];

/** A 1-based line and column in the manifest text. */
export interface SourcePosition {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  col: number;
}

const SEP = "\u0001";

/** Encodes a JSON path as a map key (array indexes and string keys share one form). */
export function pathKey(path: JsonPath): string {
  return path.join(SEP);
}

/** Read access to node positions by JSON path. */
export interface PositionLookup {
  /** Number of positions known (0 when the manifest was not loaded from text). */
  readonly size: number;
  /** Position of the value at exactly `path`. */
  get(path: JsonPath): SourcePosition | undefined;
  /** Position of the key of the entry at exactly `path`. */
  getKey(path: JsonPath): SourcePosition | undefined;
  /** Position of the value at `path`, else of its closest ancestor that has one. */
  nearest(path: JsonPath): SourcePosition | undefined;
  /** Position of the key at `path` if known, else of the value or its closest ancestor. */
  nearestKey(path: JsonPath): SourcePosition | undefined;
}

/**
 * Positions of manifest nodes by JSON path. `get` is exact; `nearest` falls back to the closest ancestor
 * that has a position (nodes created by resolution, such as default `type`s, have none of their own).
 *
 * @example
 * ```ts
 * import { PositionMap } from "./positions.ts";
 * const map = new PositionMap();
 * map.set(["streams", 0], { line: 3, col: 5 });
 * const pos = map.nearest(["streams", 0, "retriever", "type"]);
 * if (pos?.line !== 3) throw new Error("expected the ancestor's position");
 * ```
 */
export class PositionMap implements PositionLookup {
  readonly #values = new Map<string, SourcePosition>();
  readonly #keys = new Map<string, SourcePosition>();

  /** Number of value positions recorded. */
  get size(): number {
    return this.#values.size;
  }

  /** Records where the value at `path` starts. */
  set(path: JsonPath, pos: SourcePosition): void {
    this.#values.set(pathKey(path), pos);
  }

  /** Records where the key of the entry at `path` starts (object entries only). */
  setKey(path: JsonPath, pos: SourcePosition): void {
    this.#keys.set(pathKey(path), pos);
  }

  /** Position of the value at exactly `path`. */
  get(path: JsonPath): SourcePosition | undefined {
    return this.#values.get(pathKey(path));
  }

  /** Position of the key of the entry at exactly `path`. */
  getKey(path: JsonPath): SourcePosition | undefined {
    return this.#keys.get(pathKey(path));
  }

  /** Position of the value at `path`, else of its closest ancestor that has one. */
  nearest(path: JsonPath): SourcePosition | undefined {
    for (let n = path.length; n >= 0; n--) {
      const pos = this.#values.get(pathKey(n === path.length ? path : path.slice(0, n)));
      if (pos) return pos;
    }
    return undefined;
  }

  /** Position of the key at `path` if known, else {@link PositionMap.nearest}. */
  nearestKey(path: JsonPath): SourcePosition | undefined {
    return this.#keys.get(pathKey(path)) ?? this.nearest(path);
  }

  /** Copies the value and key positions of `from` onto `to` (exact entries only). */
  copy(from: PositionMap, fromPath: JsonPath, toPath: JsonPath): void {
    const v = from.get(fromPath);
    if (v) this.set(toPath, v);
    const k = from.getKey(fromPath);
    if (k) this.setKey(toPath, k);
  }
}

/** Formats a location prefix: `file:line:col`, `file`, `line:col` or `""`. */
export function formatLocation(file: string | undefined, pos: SourcePosition | undefined): string {
  if (file && pos) return `${file}:${pos.line}:${pos.col}`;
  if (file) return file;
  if (pos) return `${pos.line}:${pos.col}`;
  return "";
}

/** Renders a JSON path for messages, e.g. `streams[0].retriever`. */
export function formatPath(path: JsonPath): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === "" ? "(root)" : out;
}
