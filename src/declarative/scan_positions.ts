/**
 * Source positions of every node of a YAML manifest, from the fast parser's open/close events: each node's
 * start offset is recorded, and the node tree is matched to JSON paths (mapping children come as key then
 * value; a key not followed by `:` has no value). Nodes reached through an alias are not expanded: they
 * take the alias's position through `PositionMap.nearest`.
 * @module
 */
import { JS_YAML_CORE_SCHEMA, jsYamlLoad } from "../_deps/js_yaml.ts";
import type { LoadWarning } from "./load_manifest.ts";
import { PositionMap, type SourcePosition } from "./positions.ts";

interface Frame {
  start: number;
  end: number;
  kind: string | null;
  result: unknown;
  children: Frame[];
}

/** Positions and duplicate-key warnings for YAML `text`. Throws the parser's error for invalid YAML. */
export function scanPositions(text: string): { positions: PositionMap; warnings: LoadWarning[] } {
  const offset = text.charCodeAt(0) === 0xfeff ? 1 : 0; // the parser drops a BOM
  const root: Frame = { start: 0, end: 0, kind: null, result: undefined, children: [] };
  const stack: Frame[] = [root];
  jsYamlLoad(text, {
    schema: JS_YAML_CORE_SCHEMA,
    json: true,
    listener(event, state) {
      if (event === "open") {
        const frame: Frame = { start: state.position, end: 0, kind: null, result: undefined, children: [] };
        stack[stack.length - 1].children.push(frame);
        stack.push(frame);
      } else {
        const frame = stack.pop()!;
        frame.end = state.position;
        frame.kind = state.kind;
        frame.result = state.result;
      }
    },
  });
  const lines = lineStarts(text);
  const where = (at: number): SourcePosition => {
    const pos = skipBlank(text, at + offset);
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: pos - lines[lo] + 1 };
  };
  const positions = new PositionMap();
  const warnings: LoadWarning[] = [];
  const path: (string | number)[] = [];

  const visit = (outer: Frame): void => {
    positions.set(path, where(outer.start));
    // a collection first read as a candidate mapping key and then kept is nested once in its own frame
    let frame = outer;
    while (
      frame.children.length === 1 && frame.children[0].result === frame.result &&
      frame.children[0].kind === frame.kind
    ) frame = frame.children[0];
    if (frame.kind === "sequence") {
      // an empty entry followed by a dedent gets no frame: align frames with the items they produced
      const items = Array.isArray(frame.result) ? frame.result : [];
      let j = 0;
      for (let i = 0; i < items.length && j < frame.children.length; i++) {
        const child = frame.children[j];
        if (child.result !== items[i] && items[i] === null) continue;
        j++;
        path.push(i);
        visit(child);
        path.pop();
      }
    } else if (frame.kind === "mapping") {
      const seen = new Map<string, SourcePosition>();
      const kids = frame.children;
      for (let i = 0; i < kids.length; i++) {
        const keyFrame = kids[i];
        const key = keyFrame.result === null || keyFrame.result === undefined
          ? "null"
          : String(keyFrame.result);
        const keyPos = where(keyFrame.start);
        const hasValue = text.charCodeAt(skipSpaces(text, keyFrame.end + offset)) === 0x3a; // ':'
        path.push(key);
        const first = seen.get(key);
        if (first) {
          warnings.push({
            path: [...path],
            pos: keyPos,
            message: `duplicate key "${key}" (first at line ${first.line}): the later value wins`,
          });
        }
        seen.set(key, keyPos);
        positions.setKey(path, keyPos);
        const valueFrame = hasValue ? kids[i + 1] : undefined;
        if (valueFrame) {
          i++;
          if (valueFrame.kind === null && valueFrame.result === null && valueFrame.children.length === 0) {
            positions.set(path, keyPos); // an empty value: point at its key
          } else {
            visit(valueFrame);
          }
        } else {
          positions.set(path, keyPos);
        }
        path.pop();
      }
    }
  };
  if (root.children.length > 0) visit(root.children[0]);
  return { positions, warnings };
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
