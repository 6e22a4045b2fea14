/**
 * Airbyte's `AddFields`: adds (or replaces) fields at nested paths.
 * @module
 */
import { compilePath, type PathSegment, setPath } from "../extract/dpath.ts";
import type { RecordData } from "../types.ts";
import type { Transformation, TransformContext } from "./types.ts";

/** JSON-schema type names accepted as `value_type`. */
export type ValueType = "string" | "number" | "integer" | "boolean";

/** One field to add. */
export interface AddedField {
  /** Where the value goes; parents are created (`["a", "b"]` -> `{a: {b: value}}`). */
  path: readonly PathSegment[];
  /** A constant, or a function of the record (already interpolated by the factory). */
  value:
    | ((record: RecordData, ctx?: TransformContext) => unknown)
    | string
    | number
    | boolean
    | null
    | object;
  /**
   * Casts a string value like Airbyte's interpolation does with `value_type` (Python `literal_eval`, kept
   * only when the literal has that type; otherwise the string is kept).
   */
  valueType?: ValueType;
}

/** Options of {@link addFields}. */
export interface AddFieldsOptions {
  /** Fields, added in order (later ones see earlier ones in the record). */
  fields: readonly AddedField[];
  /** Adds a field only when true (Airbyte `condition`, evaluated per field with its value and path). */
  condition?: (
    record: RecordData,
    field: { value: unknown; path: readonly string[] },
    ctx?: TransformContext,
  ) => boolean;
}

const INT_LITERAL = /^[+-]?(?:0|[1-9](?:_?\d)*)\s*$/;
const FLOAT_LITERAL = /^[+-]?(?:(?:\d(?:_?\d)*)?\.\d(?:_?\d)*|\d(?:_?\d)*\.?)(?:[eE][+-]?\d(?:_?\d)*)?\s*$/;

/**
 * Casts a rendered string to `type` as Airbyte's `_literal_eval` with `valid_types` does: "12" -> 12 for
 * integer; "1.5" -> 1.5 but "2" stays "2" for number (Python `int` is not `float`); "True"/"False" for
 * boolean; anything else is kept as the string. Non-string values are returned unchanged.
 *
 * @example
 * ```ts
 * import { castValueType } from "./add_fields.ts";
 * if (castValueType("12", "integer") !== 12 || castValueType("2", "number") !== "2") throw new Error("wrong");
 * ```
 */
export function castValueType(value: unknown, type: ValueType): unknown {
  if (typeof value !== "string") return value;
  const s = value;
  switch (type) {
    case "string":
      return s;
    case "integer":
      return INT_LITERAL.test(s) ? Number(s.replace(/_/g, "")) : s;
    case "number":
      return !INT_LITERAL.test(s) && FLOAT_LITERAL.test(s) && /[.eE]/.test(s)
        ? Number(s.replace(/_/g, ""))
        : s;
    case "boolean":
      return s.trimEnd() === "True" ? true : s.trimEnd() === "False" ? false : s;
  }
}

/**
 * Builds an AddFields transformation (paths compiled once).
 *
 * @example
 * ```ts
 * import { addFields } from "./add_fields.ts";
 * const t = addFields({ fields: [{ path: ["meta", "shop"], value: "s1" }, { path: ["id2"], value: (r) => r.id }] });
 * const r = { id: 7 };
 * t(r);
 * if (JSON.stringify(r) !== '{"id":7,"meta":{"shop":"s1"},"id2":7}') throw new Error(JSON.stringify(r));
 * ```
 */
export function addFields(options: AddFieldsOptions): Transformation {
  const fields = options.fields.map((f) => {
    if (f.path.length === 0) throw new Error("AddFields: a field path must not be empty");
    return {
      path: compilePath(f.path),
      segments: f.path.map(String),
      fn: typeof f.value === "function"
        ? f.value as (r: RecordData, c?: TransformContext) => unknown
        : undefined,
      constant: f.value,
      valueType: f.valueType,
    };
  });
  const condition = options.condition;
  return (record: RecordData, ctx?: TransformContext): void => {
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      let value = f.fn ? f.fn(record, ctx) : f.constant;
      if (value === undefined) value = null;
      if (f.valueType) value = castValueType(value, f.valueType);
      if (condition && !condition(record, { value, path: f.segments }, ctx)) continue;
      setPath(record, f.path, value);
    }
  };
}
