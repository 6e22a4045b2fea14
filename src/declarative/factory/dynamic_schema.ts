/**
 * DynamicSchemaLoader: the JSON schema of a stream built from the first record an API returns
 * (schema_pointer, key_pointer, type_pointer, types_mapping with conditions and complex target types,
 * schema_filter and schema_transformations), like the reference.
 * @module
 */
import { SpoutError } from "../../errors.ts";
import { getPath } from "../../extract/dpath.ts";
import { pyTruthy } from "../../extract/py_truthy.ts";
import type { ReadContext } from "../../source/types.ts";
import { isObject, type JsonSchema, type RecordData } from "../../types.ts";
import {
  type Component,
  type ComponentPath,
  type FactoryContext,
  interpolated,
  invalid,
  paramsOf,
} from "./context.ts";
import { EMPTY_SLICE } from "./slices.ts";
import { buildTransformations } from "./transformations.ts";
import type { ParentReader } from "./partition_router.ts";

const AIRBYTE_TYPES: Record<string, JsonSchema> = {
  string: { type: ["null", "string"] },
  boolean: { type: ["null", "boolean"] },
  date: { type: ["null", "string"], format: "date" },
  timestamp_without_timezone: {
    type: ["null", "string"],
    format: "date-time",
    airbyte_type: "timestamp_without_timezone",
  },
  timestamp_with_timezone: { type: ["null", "string"], format: "date-time" },
  time_without_timezone: { type: ["null", "string"], format: "time", airbyte_type: "time_without_timezone" },
  time_with_timezone: { type: ["null", "string"], format: "time", airbyte_type: "time_with_timezone" },
  integer: { type: ["null", "integer"] },
  number: { type: ["null", "number"] },
  array: { type: ["null", "array"] },
  object: { type: ["null", "object"] },
};

function airbyteType(name: unknown): JsonSchema {
  const t = typeof name === "string" ? AIRBYTE_TYPES[name] : undefined;
  if (!t) {
    throw new SpoutError(
      "manifest_invalid",
      `DynamicSchemaLoader: invalid Airbyte data type ${JSON.stringify(name)}`,
    );
  }
  return structuredClone(t);
}

function complexType(t: { [key: string]: unknown }): JsonSchema {
  const base = airbyteType(t.field_type);
  if (t.items === undefined || t.items === null) return base;
  base.items = typeof t.items === "string"
    ? airbyteType(t.items)
    : complexType(t.items as { [key: string]: unknown });
  return base;
}

/** Builds a DynamicSchemaLoader; `reader` reads its retriever and `read` is the context of schema reads. */
export function buildDynamicSchema(
  ctx: FactoryContext,
  component: Component,
  path: ComponentPath,
  reader: (retriever: Component, at: ComponentPath) => ParentReader,
  read: () => ReadContext | undefined,
): () => Promise<JsonSchema> {
  const params = paramsOf(component);
  const ident = isObject(component.schema_type_identifier) ? component.schema_type_identifier : {};
  const at = [...path, "schema_type_identifier"];
  const pointer = (v: unknown, key: string) =>
    (Array.isArray(v) ? v : []).map((p, i) => interpolated(ctx, p, params, [...at, key, i]).render({}));
  const schemaPointer = pointer(ident.schema_pointer, "schema_pointer");
  const keyPointer = pointer(ident.key_pointer, "key_pointer");
  const typePointer = Array.isArray(ident.type_pointer)
    ? pointer(ident.type_pointer, "type_pointer")
    : undefined;
  const typesMapping = (Array.isArray(ident.types_mapping) ? ident.types_mapping : []).map((m, i) => {
    const map = isObject(m) ? m : {};
    return {
      target: map.target_type,
      current: map.current_type,
      condition: interpolated(ctx, map.condition ?? "True", {}, [...at, "types_mapping", i, "condition"], {
        kind: "boolean",
      }),
    };
  });
  const transforms = buildTransformations(ctx, component.schema_transformations, path);
  const filter = isObject(component.schema_filter) && typeof component.schema_filter.condition === "string"
    ? interpolated(ctx, component.schema_filter.condition, params, [...path, "schema_filter", "condition"], {
      kind: "boolean",
    })
    : undefined;
  if (!isObject(component.retriever)) return invalid(ctx, path, "DynamicSchemaLoader needs a retriever");
  const parent = reader(component.retriever, [...path, "retriever"]);

  const typeOf = (raw: RecordData): JsonSchema => {
    let t: unknown = typePointer ? getPath(raw, typePointer, "string") : "string";
    for (const m of typesMapping) {
      if (
        JSON.stringify(t) === JSON.stringify(m.current) && pyTruthy(m.condition.eval({ raw_schema: raw }))
      ) {
        t = m.target;
        break;
      }
    }
    if (Array.isArray(t) && t.length === 2 && t.every((x) => typeof x === "string")) {
      return { oneOf: [airbyteType(t[0]), airbyteType(t[1])] };
    }
    if (typeof t === "string") return airbyteType(t);
    if (isObject(t)) return complexType(t);
    throw new SpoutError("manifest_invalid", `DynamicSchemaLoader: invalid data type ${JSON.stringify(t)}`);
  };

  return async () => {
    const readCtx = read();
    let first: RecordData | undefined;
    if (readCtx) {
      for await (const { record } of parent.read({ ctx: readCtx, stream: parent.name }, undefined, false)) {
        first = record;
        break;
      }
    }
    let properties: { [key: string]: unknown } = {};
    const raw = first === undefined ? [] : schemaPointer.length ? getPath(first, schemaPointer, []) : first;
    for (const def of Array.isArray(raw) ? raw : []) {
      if (!isObject(def)) continue;
      const key = getPath(def, keyPointer);
      if (typeof key !== "string") {
        throw new SpoutError(
          "manifest_invalid",
          `DynamicSchemaLoader: expected a string key, got ${JSON.stringify(key)}`,
        );
      }
      properties[key] = typeOf(def);
    }
    if (filter) {
      const kept: { [key: string]: unknown } = {};
      for (const [k, v] of Object.entries(properties)) {
        if (pyTruthy(filter.eval({ record: { [k]: v } }))) kept[k] = v;
      }
      properties = kept;
    }
    for (const t of transforms) properties = t(properties, EMPTY_SLICE);
    return {
      $schema: "https://json-schema.org/draft-07/schema#",
      type: "object",
      additionalProperties: true,
      properties,
    };
  };
}
