/**
 * Source positions of the nodes of a YAML manifest, from the fast parser's open/close events. Each node's
 * start offset is recorded in a tree of frames; a JSON path is matched against that tree only when a
 * position is asked for (errors are few, nodes are many). Mapping children come as key then value (a key
 * not followed by `:` has no value); nodes reached through an alias are not expanded, so they take the
 * alias's position through `nearest`.
 * @module
 */
import { JS_YAML_CORE_SCHEMA, jsYamlLoad } from "../_deps/js_yaml.ts";
import type { LoadWarning } from "./load_manifest.ts";
import type { JsonPath, PathSegment, PositionLookup, SourcePosition } from "./positions.ts";

interface Frame {
  start: number;
  end: number;
  kind: string | null;
  result: unknown;
  children: Frame[];
}

interface Entry {
  key: Frame;
  value?: Frame;
}

/** Positions of a YAML text's nodes, looked up lazily by JSON path. */
export class ScannedPositions implements PositionLookup {
  readonly #text: string;
  readonly #offset: number;
  readonly #top: Frame | undefined;
  readonly #frames: number;
  #lines: number[] | undefined;
  readonly #entries = new WeakMap<Frame, Map<string, Entry>>();
  readonly #items = new WeakMap<Frame, (Frame | undefined)[]>();

  constructor(text: string, top: Frame | undefined, frames: number) {
    this.#text = text;
    this.#offset = text.charCodeAt(0) === 0xfeff ? 1 : 0; // the parser drops a BOM
    this.#top = top;
    this.#frames = frames;
  }

  /** Number of parsed nodes (keys included). */
  get size(): number {
    return this.#frames;
  }

  /** Position of the value at exactly `path` (an empty value points at its key). */
  get(path: JsonPath): SourcePosition | undefined {
    const found = this.#find(path);
    return found.depth === path.length ? found.at : undefined;
  }

  /** Position of the key of the mapping entry at exactly `path`. */
  getKey(path: JsonPath): SourcePosition | undefined {
    const found = this.#find(path);
    return found.depth === path.length && found.key ? this.#where(found.key.start) : undefined;
  }

  /** Position of the value at `path`, else of its closest ancestor. */
  nearest(path: JsonPath): SourcePosition | undefined {
    return this.#find(path).at;
  }

  /** Position of the key at `path` if known, else {@link ScannedPositions.nearest}. */
  nearestKey(path: JsonPath): SourcePosition | undefined {
    return this.getKey(path) ?? this.nearest(path);
  }

  /** Duplicate keys (later values win), with the line of the first occurrence. */
  duplicateKeys(): LoadWarning[] {
    const warnings: LoadWarning[] = [];
    const path: PathSegment[] = [];
    const visit = (outer: Frame): void => {
      const frame = collapse(outer);
      if (frame.kind === "sequence") {
        this.#itemsOf(frame).forEach((item, i) => {
          if (!item) return;
          path.push(i);
          visit(item);
          path.pop();
        });
      } else if (frame.kind === "mapping") {
        const first = new Map<string, Frame>();
        for (const [key, entry] of this.#pairs(frame)) {
          path.push(key);
          const earlier = first.get(key);
          if (earlier) {
            warnings.push({
              path: [...path],
              pos: this.#where(entry.key.start),
              message: `duplicate key "${key}" (first at line ${this.#where(earlier.start).line}): ` +
                `the later value wins`,
            });
          } else {
            first.set(key, entry.key);
          }
          if (entry.value) visit(entry.value);
          path.pop();
        }
      }
    };
    if (this.#top) visit(this.#top);
    return warnings;
  }

  #find(path: JsonPath): { at?: SourcePosition; depth: number; key?: Frame } {
    if (!this.#top) return { depth: 0 };
    let frame = this.#top;
    let at = this.#where(frame.start);
    let key: Frame | undefined;
    for (let depth = 0; depth < path.length; depth++) {
      const seg = path[depth];
      const node = collapse(frame);
      let next: Frame | undefined;
      key = undefined;
      if (node.kind === "mapping") {
        const entry = this.#entriesOf(node).get(String(seg));
        if (!entry) return { at, depth };
        key = entry.key;
        if (!entry.value || isEmpty(entry.value)) {
          return { at: this.#where(entry.key.start), depth: depth + 1, key };
        }
        next = entry.value;
      } else if (node.kind === "sequence" && typeof seg === "number") {
        next = this.#itemsOf(node)[seg];
      }
      if (!next) return { at, depth };
      frame = next;
      at = this.#where(frame.start);
    }
    return { at, depth: path.length, key };
  }

  #entriesOf(frame: Frame): Map<string, Entry> {
    let entries = this.#entries.get(frame);
    if (!entries) {
      entries = new Map();
      for (const [key, entry] of this.#pairs(frame)) entries.set(key, entry); // later duplicates win
      this.#entries.set(frame, entries);
    }
    return entries;
  }

  #itemsOf(frame: Frame): (Frame | undefined)[] {
    let items = this.#items.get(frame);
    if (!items) {
      // an empty entry followed by a dedent gets no frame: align frames with the items they produced
      const values = Array.isArray(frame.result) ? frame.result : [];
      items = new Array<Frame | undefined>(values.length);
      let j = 0;
      for (let i = 0; i < values.length && j < frame.children.length; i++) {
        if (frame.children[j].result !== values[i] && values[i] === null) continue;
        items[i] = frame.children[j++];
      }
      this.#items.set(frame, items);
    }
    return items;
  }

  #where(at: number): SourcePosition {
    const text = this.#text;
    this.#lines ??= lineStarts(text);
    const lines = this.#lines;
    const pos = skipBlank(text, at + this.#offset);
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: pos - lines[lo] + 1 };
  }

  /** A mapping frame's entries in document order (duplicates included). */
  *#pairs(frame: Frame): Generator<[string, Entry]> {
    const kids = frame.children;
    for (let i = 0; i < kids.length; i++) {
      const key = kids[i];
      const name = key.result === null || key.result === undefined ? "null" : String(key.result);
      const after = skipSpaces(this.#text, key.end + this.#offset);
      const value = this.#text.charCodeAt(after) === 0x3a ? kids[i + 1] : undefined; // ':'
      if (value) i++;
      yield [name, { key, value }];
    }
  }
}

/** A collection first read as a candidate mapping key and then kept is nested once in its own frame. */
function collapse(frame: Frame): Frame {
  let f = frame;
  while (f.children.length === 1 && f.children[0].result === f.result && f.children[0].kind === f.kind) {
    f = f.children[0];
  }
  return f;
}

function isEmpty(frame: Frame): boolean {
  return frame.kind === null && frame.result === null && frame.children.length === 0;
}

/** Parses `text` and returns its node positions. Throws the parser's error for invalid YAML. */
export function scanPositions(text: string): ScannedPositions {
  const root: Frame = { start: 0, end: 0, kind: null, result: undefined, children: [] };
  const stack: Frame[] = [root];
  let frames = 0;
  jsYamlLoad(text, {
    schema: JS_YAML_CORE_SCHEMA,
    json: true,
    listener(event, state) {
      if (event === "open") {
        const frame: Frame = { start: state.position, end: 0, kind: null, result: undefined, children: [] };
        stack[stack.length - 1].children.push(frame);
        stack.push(frame);
        frames++;
      } else {
        const frame = stack.pop()!;
        frame.end = state.position;
        frame.kind = state.kind;
        frame.result = state.result;
      }
    },
  });
  return new ScannedPositions(text, root.children[0], frames);
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** Skips spaces, tabs, line breaks and comments. */
function skipBlank(text: string, at: number): number {
  let i = at;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
    else if (c === 0x23 && (i === 0 || /\s/.test(text[i - 1]))) {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl + 1;
    } else break;
  }
  return i;
}

/** Skips spaces and tabs on the current line. */
function skipSpaces(text: string, at: number): number {
  let i = at;
  while (i < text.length && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) i++;
  return i;
}
