/**
 * Transformation family: AddFields, RemoveFields, KeysToLower, KeysToSnakeCase, KeysReplace, FlattenFields,
 * DpathFlattenFields (with KeyTransformation), applied to each selected record through the shared `src/transform` functions. Value
 * and condition templates are compiled once; per record they see `config`, `parameters`, `record` and
 * `stream_slice` (with its aliases), like the reference.
 * @module
 */
import { pyTruthy } from "../../extract/py_truthy.ts";
import type { StreamSlice } from "../../source/types.ts";
import {
  addFields,
  dpathFlattenFields,
  flattenFields,
  keysReplace,
  keysToLower,
  keysToSnakeCase,
  removeFields,
  type Transformation,
} from "../../transform/mod.ts";
import { isObject, type RecordData } from "../../types.ts";
import {
  bool,
  type Component,
  type ComponentPath,
  type FactoryContext,
  interpolated,
  invalid,
  paramsOf,
} from "./context.ts";
import { sliceView } from "./slices.ts";
import { customComponent, isCustomComponent } from "../components_factory.ts";
import type { ValidType } from "./templates.ts";

/** Transforms one record (may mutate and return it). */
export type RecordTransform = (record: RecordData, slice: StreamSlice) => RecordData;

const VALUE_TYPES: Record<string, ValidType> = {
  string: "str",
  integer: "int",
  number: "float",
  boolean: "bool",
};

function buildOne(ctx: FactoryContext, c: Component, path: ComponentPath): Transformation {
  if (isCustomComponent(c)) return customComponent(ctx, c, path, "transformation");
  const params = paramsOf(c);
  const cond = typeof c.condition === "string" && c.condition !== ""
    ? interpolated(ctx, c.condition, params, [...path, "condition"], { kind: "boolean" })
    : undefined;
  switch (c.type) {
    case "AddFields": {
      const fields = (Array.isArray(c.fields) ? c.fields : []).map((f, i) => {
        const at = [...path, "fields", i];
        if (!isObject(f) || !Array.isArray(f.path) || f.path.length === 0) {
          return invalid(ctx, at, "an added field needs a non-empty path");
        }
        const value = interpolated(ctx, f.value, params, [...at, "value"]);
        const validTypes = typeof f.value_type === "string" && VALUE_TYPES[f.value_type]
          ? [VALUE_TYPES[f.value_type]]
          : undefined;
        return {
          path: f.path.map(String),
          value: (record: RecordData, tctx?: { streamSlice?: unknown }) =>
            value.eval({ record, stream_slice: tctx?.streamSlice }, validTypes),
        };
      });
      return addFields({
        fields,
        condition: cond
          ? (record, field, tctx) =>
            pyTruthy(
              cond.eval({ record, stream_slice: tctx?.streamSlice, value: field.value, path: field.path }),
            )
          : undefined,
      });
    }
    case "RemoveFields": {
      const pointers = (Array.isArray(c.field_pointers) ? c.field_pointers : []).map((p) =>
        (Array.isArray(p) ? p : [p]).map(String)
      );
      return removeFields({
        fieldPointers: pointers,
        condition: cond ? (property) => pyTruthy(cond.eval({ property })) : undefined,
      });
    }
    case "KeysToLower":
      return keysToLower();
    case "KeysToSnakeCase":
      return keysToSnakeCase();
    case "KeysReplace": {
      const old = interpolated(ctx, c.old, params, [...path, "old"]).render({});
      const replacement = interpolated(ctx, c.new, params, [...path, "new"]).render({});
      return keysReplace({ old, new: replacement });
    }
    case "FlattenFields":
      return flattenFields({ flattenLists: bool(c.flatten_lists, true) });
    case "DpathFlattenFields": {
      const fieldPath = (Array.isArray(c.field_path) ? c.field_path : []).map((p, i) =>
        interpolated(ctx, p, params, [...path, "field_path", i]).render({})
      );
      const keyT = isObject(c.key_transformation) ? c.key_transformation : {};
      // KeyTransformation: prefix and suffix are templates evaluated with the config and the $parameters of
      // the DpathFlattenFields; a falsy result adds nothing
      const affix = (key: "prefix" | "suffix") => {
        if (keyT[key] === undefined || keyT[key] === null) return undefined;
        const value = interpolated(ctx, keyT[key], params, [...path, "key_transformation", key]).eval({});
        if (!pyTruthy(value)) return undefined;
        return typeof value === "boolean" ? (value ? "True" : "False") : String(value);
      };
      return dpathFlattenFields({
        fieldPath,
        deleteOriginValue: bool(c.delete_origin_value),
        replaceRecord: bool(c.replace_record),
        keyPrefix: affix("prefix"),
        keySuffix: affix("suffix"),
      });
    }
    default:
      return invalid(ctx, path, `transformation ${String(c.type)} is not supported`);
  }
}

/** Builds the list of transformations of a stream. */
export function buildTransformations(
  ctx: FactoryContext,
  components: unknown,
  path: ComponentPath,
): RecordTransform[] {
  if (!Array.isArray(components) || components.length === 0) return [];
  return components.map((c, i) => {
    const at = [...path, "transformations", i];
    if (!isObject(c)) return invalid(ctx, at, "expected a transformation");
    const t = buildOne(ctx, c, at);
    return (record: RecordData, slice: StreamSlice) =>
      t(record, { config: ctx.config, streamSlice: sliceView(slice) }) ?? record;
  });
}
