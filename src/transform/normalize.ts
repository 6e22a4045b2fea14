/**
 * Schema normalisation compatible with Airbyte's `TypeTransformer` (`schema_normalization: Default`): values
 * under `properties` / `items` (following local `$ref`s) are cast to the schema's single non-null type the
 * way Python's `str()`, `float()`, `int()` and `bool()` would; values that cannot be cast are left alone.
 * @module
 */
import type { JsonSchema, RecordData } from "../types.ts";
import { isPlainObject } from "./_safe.ts";
import type { Transformation } from "./types.ts";
import { pyFloatRepr } from "../util/airbyte_datetime.ts";

/** A custom normaliser (Airbyte `CustomSchemaNormalization`): gets the value and its sub-schema. */
export type CustomNormalizer = (value: unknown, subschema: JsonSchema) => unknown;

/** Options of {@link schemaNormalizer}. */
export interface NormalizeOptions {
  /** "default" casts values (Airbyte `Default`); "none" leaves records as they are (Airbyte `None`). */
  mode?: "default" | "none";
  /** Runs after the default cast on each value. */
  custom?: CustomNormalizer;
}

type Convert = (value: unknown) => unknown;
type Walk = (value: unknown) => void;

const SIMPLE_TYPES = new Set(["string", "number", "integer", "boolean", "null"]);
const TRUTHY = new Set(["y", "yes", "t", "true", "on", "1"]);
const FALSEY = new Set(["n", "no", "f", "false", "off", "0"]);
const PY_INT = /^[+-]?\d(?:_?\d)*$/;
const PY_FLOAT = /^[+-]?(?:(?:\d(?:_?\d)*)?\.\d(?:_?\d)*|\d(?:_?\d)*\.?)(?:[eE][+-]?\d(?:_?\d)*)?$/;

function pyNumberStr(x: number): string {
  // JSON integers are Python ints; other numbers are floats.
  if (Number.isInteger(x) && Math.abs(x) < 1e21) return BigInt(x).toString();
  return pyFloatRepr(x);
}

function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + quote;
}

/**
 * Python's `repr()` of a JSON value (used for `str(dict)` / `str(list)`).
 *
 * @example
 * ```ts
 * import { pyRepr } from "./normalize.ts";
 * const text = pyRepr({ a: [1, true, null], b: "it's" });
 * if (text !== `{'a': [1, True, None], 'b': "it's"}`) throw new Error(text);
 * ```
 */
export function pyRepr(v: unknown, depth = 0): string {
  if (v === null || v === undefined) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "number") return pyNumberStr(v);
  if (typeof v === "string") return pyStrRepr(v);
  if (depth > 512) return "...";
  if (Array.isArray(v)) return "[" + v.map((x) => pyRepr(x, depth + 1)).join(", ") + "]";
  if (typeof v === "object") {
    return "{" + Object.entries(v).map(([k, x]) => `${pyStrRepr(k)}: ${pyRepr(x, depth + 1)}`).join(", ") +
      "}";
  }
  return String(v);
}

/** Python `str(x)`. */
function pyStr(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return pyNumberStr(v);
  return pyRepr(v);
}

/** Python `float(x)`; undefined when Python would raise (or yield inf/nan, which JSON cannot carry). */
function pyFloat(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string") {
    const s = v.trim();
    return PY_FLOAT.test(s) ? Number(s.replace(/_/g, "")) : undefined;
  }
  return undefined;
}

/** Python `int(x)`; undefined when Python would raise. */
function pyInt(v: unknown): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? Math.trunc(v) + 0 : undefined; // + 0 turns -0 into 0
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string") {
    const s = v.trim();
    return PY_INT.test(s) ? Number(s.replace(/_/g, "")) : undefined;
  }
  return undefined;
}

function pyBool(v: unknown): boolean | undefined {
  if (typeof v === "string") {
    const s = v.trim().toLowerCase();
    return TRUTHY.has(s) ? true : FALSEY.has(s) ? false : undefined;
  }
  if (v === null || v === undefined || v === false || v === 0 || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return true;
}

/** Builds the default converter for one sub-schema (Airbyte `default_convert`), or undefined if a no-op. */
function converterFor(sub: JsonSchema): Convert | undefined {
  const type = sub.type ?? [];
  const nullable = typeof type === "string"
    ? type.includes("null")
    : Array.isArray(type) && type.includes("null");
  let target: unknown = type;
  if (Array.isArray(type)) {
    const rest = type.filter((t) => t !== "null");
    if (rest.length !== 1) return undefined;
    target = rest[0];
  }
  const keepNull = (f: Convert): Convert => nullable ? (v) => v === null ? null : f(v) : f;
  switch (target) {
    case "string":
      return keepNull((v) => typeof v === "string" ? v : pyStr(v));
    case "number":
      return keepNull((v) => typeof v === "number" ? v : pyFloat(v) ?? v);
    case "integer":
      return keepNull((v) => Number.isInteger(v) ? v : pyInt(v) ?? v);
    case "boolean":
      return keepNull((v) => typeof v === "boolean" ? v : pyBool(v) ?? v);
    case "array": {
      const items = sub.items;
      if (!isPlainObject(items) && items !== undefined) return undefined;
      const itemType = (items as JsonSchema | undefined)?.type;
      // Python builds set(items.type): a list of names, or (quirk) the characters of a single type name.
      const names = itemType === undefined ? [] : Array.isArray(itemType) ? itemType : [...String(itemType)];
      if (!names.every((t) => SIMPLE_TYPES.has(String(t)))) return undefined;
      return keepNull((v) =>
        v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? [v] : v
      );
    }
    default:
      return undefined;
  }
}

/**
 * Compiles a schema into a normaliser that mutates records in place. Compile once per stream schema.
 *
 * @example
 * ```ts
 * import { schemaNormalizer } from "./normalize.ts";
 * const norm = schemaNormalizer({ type: "object", properties: { id: { type: "integer" }, ok: { type: "boolean" } } });
 * const r: Record<string, unknown> = { id: "42", ok: "yes" };
 * norm(r);
 * if (r.id !== 42 || r.ok !== true) throw new Error(JSON.stringify(r));
 * ```
 */
export function schemaNormalizer(schema: JsonSchema, options: NormalizeOptions = {}): Transformation {
  if (options.mode === "none") return () => {};
  const custom = options.custom;
  const memo = new Map<JsonSchema, Walk | null>();

  const resolveRef = (ref: string): JsonSchema | undefined => {
    if (!ref.startsWith("#")) return undefined;
    let node: unknown = schema;
    for (const raw of ref.slice(1).split("/").filter((s) => s !== "")) {
      const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
      if (!isPlainObject(node) || !Object.hasOwn(node, key)) return undefined;
      node = node[key];
    }
    return isPlainObject(node) ? node : undefined;
  };

  const convertFor = (sub: JsonSchema): Convert | undefined => {
    const base = converterFor(sub);
    if (!custom) return base;
    return base ? (v) => custom(base(v), sub) : (v) => custom(v, sub);
  };

  // Builds the walker that descends into a value according to `sub` (properties, items, $ref).
  const walkerFor = (sub: JsonSchema, depth: number): Walk | undefined => {
    if (memo.has(sub)) {
      const w = memo.get(sub);
      return w === null ? (v) => lazy.get(sub)!(v) : w;
    }
    if (depth > 64) return undefined;
    memo.set(sub, null); // placeholder for recursive schemas
    let walk: Walk | undefined;
    if (typeof sub.$ref === "string") {
      // The installed jsonschema applies both the referenced schema and the siblings of "$ref".
      const target = resolveRef(sub.$ref);
      const viaRef = target ? walkerFor(target, depth + 1) : undefined;
      const { $ref: _ref, ...siblings } = sub;
      const viaSiblings = Object.keys(siblings).length ? walkerFor(siblings, depth + 1) : undefined;
      walk = viaRef && viaSiblings ? (v) => (viaRef(v), viaSiblings(v)) : viaRef ?? viaSiblings;
    } else {
      const props: [string, Convert | undefined, Walk | undefined][] = [];
      if (isPlainObject(sub.properties)) {
        for (const [k, s] of Object.entries(sub.properties)) {
          if (!isPlainObject(s)) continue;
          const c = convertFor(s), w = walkerFor(s, depth + 1);
          if (c || w) props.push([k, c, w]);
        }
      }
      let itemConvert: Convert | undefined, itemWalk: Walk | undefined;
      let tuple: (Walk | undefined)[] | undefined;
      if (isPlainObject(sub.items)) {
        itemConvert = convertFor(sub.items);
        itemWalk = walkerFor(sub.items, depth + 1);
      } else if (Array.isArray(sub.items)) {
        tuple = sub.items.map((s) => isPlainObject(s) ? walkerFor(s, depth + 1) : undefined);
      }
      if (props.length || itemConvert || itemWalk || tuple) {
        walk = (value: unknown): void => {
          if (props.length && isPlainObject(value)) {
            for (let i = 0; i < props.length; i++) {
              const [k, c, w] = props[i];
              if (!Object.hasOwn(value, k)) continue;
              if (c) value[k] = c(value[k]);
              if (w) w(value[k]);
            }
          } else if (Array.isArray(value)) {
            if (itemConvert || itemWalk) {
              for (let i = 0; i < value.length; i++) {
                if (itemConvert) value[i] = itemConvert(value[i]);
                if (itemWalk) itemWalk(value[i]);
              }
            } else if (tuple) {
              for (let i = 0; i < value.length && i < tuple.length; i++) tuple[i]?.(value[i]);
            }
          }
        };
      }
    }
    memo.set(sub, walk ?? (() => {}));
    lazy.set(sub, memo.get(sub)!);
    return walk;
  };
  const lazy = new Map<JsonSchema, Walk>();
  const root = walkerFor(schema, 0);
  if (!root) return () => {};
  return (record: RecordData): void => root(record);
}
