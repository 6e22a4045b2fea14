/**
 * Zod schemas for schema loaders, one per definition of Airbyte's
 * declarative_component_schema.yaml (drafted by generate_schemas.py, reviewed). Unknown keys are
 * allowed wherever the schema allows them, as the reference's JSON-schema validation does.
 * @module
 */
import { z } from "../../_deps/zod.ts";
import { components, ref } from "./ref.ts";

/** Schema loaders, by definition name. */
export const SCHEMA_LOADING_SCHEMAS: Record<string, z.ZodType> = {
  ComplexFieldType: z.looseObject({
    field_type: z.string(),
    items: z.union([z.string(), ref("ComplexFieldType")]).optional(),
  }),
  DynamicSchemaLoader: z.looseObject({
    type: z.enum(["DynamicSchemaLoader"]),
    retriever: components(["SimpleRetriever", "AsyncRetriever", "CustomRetriever"]),
    schema_filter: components(["RecordFilter", "CustomRecordFilter"]).optional(),
    schema_transformations: z.array(
      components([
        "AddFields",
        "RemoveFields",
        "KeysToLower",
        "KeysToSnakeCase",
        "FlattenFields",
        "DpathFlattenFields",
        "KeysReplace",
        "CustomTransformation",
      ]),
    ).optional(),
    schema_type_identifier: components(["SchemaTypeIdentifier"]),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  InlineSchemaLoader: z.looseObject({
    type: z.enum(["InlineSchemaLoader"]),
    schema: z.record(z.string(), z.unknown()).optional(),
  }),
  JsonFileSchemaLoader: z.looseObject({
    type: z.enum(["JsonFileSchemaLoader"]),
    file_path: z.string().optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  JsonSchemaPropertySelector: z.looseObject({
    type: z.enum(["JsonSchemaPropertySelector"]),
    transformations: z.array(
      components([
        "AddFields",
        "RemoveFields",
        "KeysToLower",
        "KeysToSnakeCase",
        "FlattenFields",
        "DpathFlattenFields",
        "KeysReplace",
        "CustomTransformation",
      ]),
    ).optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  SchemaTypeIdentifier: z.looseObject({
    type: z.enum(["SchemaTypeIdentifier"]).optional(),
    schema_pointer: z.array(z.string()).optional(),
    key_pointer: z.array(z.string()),
    type_pointer: z.array(z.string()).optional(),
    types_mapping: z.array(ref("TypesMap")).optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  Schemas: z.record(z.string(), z.unknown()),
  TypesMap: z.looseObject({
    target_type: z.union([z.string(), z.array(z.string()), ref("ComplexFieldType")]),
    current_type: z.union([z.string(), z.array(z.string())]),
    condition: z.string().optional(),
  }),
};
