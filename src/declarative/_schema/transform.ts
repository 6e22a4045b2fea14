/**
 * Zod schemas for record transformations, one per definition of Airbyte's
 * declarative_component_schema.yaml (drafted by generate_schemas.py, reviewed). Unknown keys are
 * allowed wherever the schema allows them, as the reference's JSON-schema validation does.
 * @module
 */
import { z } from "../../_deps/zod.ts";
import { components, ref } from "./ref.ts";

/** Record transformations, by definition name. */
export const TRANSFORM_SCHEMAS: Record<string, z.ZodType> = {
  AddFields: z.looseObject({
    type: z.enum(["AddFields"]),
    fields: z.array(components(["AddedFieldDefinition"])),
    condition: z.string().optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  AddedFieldDefinition: z.looseObject({
    type: z.enum(["AddedFieldDefinition"]),
    path: z.array(z.string()),
    value: z.string(),
    value_type: ref("ValueType").optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  DpathFlattenFields: z.looseObject({
    type: z.enum(["DpathFlattenFields"]),
    field_path: z.array(z.string()),
    delete_origin_value: z.boolean().optional(),
    replace_record: z.boolean().optional(),
    key_transformation: components(["KeyTransformation"]).optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  FlattenFields: z.looseObject({
    type: z.enum(["FlattenFields"]),
    flatten_lists: z.boolean().optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  KeyTransformation: z.looseObject({
    type: z.enum(["KeyTransformation"]),
    prefix: z.string().optional(),
    suffix: z.string().optional(),
  }),
  KeysReplace: z.looseObject({
    type: z.enum(["KeysReplace"]),
    old: z.string(),
    new: z.string(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  KeysToLower: z.looseObject({
    type: z.enum(["KeysToLower"]),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  KeysToSnakeCase: z.looseObject({
    type: z.enum(["KeysToSnakeCase"]),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  RemoveFields: z.looseObject({
    type: z.enum(["RemoveFields"]),
    condition: z.string().optional(),
    field_pointers: z.array(z.array(z.string())),
  }),
  ValueType: z.enum(["string", "number", "integer", "boolean"]),
};
