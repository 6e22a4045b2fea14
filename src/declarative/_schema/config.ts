/**
 * Zod schemas for config migrations, transformations and validations, one per definition of Airbyte's
 * declarative_component_schema.yaml (drafted by generate_schemas.py, reviewed). Unknown keys are
 * allowed wherever the schema allows them, as the reference's JSON-schema validation does.
 * @module
 */
import { z } from "../../_deps/zod.ts";
import { components } from "./ref.ts";

/** Config migrations, transformations and validations, by definition name. */
export const CONFIG_SCHEMAS: Record<string, z.ZodType> = {
  ConfigAddFields: z.looseObject({
    type: z.enum(["ConfigAddFields"]),
    fields: z.array(components(["AddedFieldDefinition"])),
    condition: z.string().optional(),
  }),
  ConfigMigration: z.looseObject({
    type: z.enum(["ConfigMigration"]),
    description: z.string().optional(),
    transformations: z.array(
      components(["ConfigRemapField", "ConfigAddFields", "ConfigRemoveFields", "CustomConfigTransformation"]),
    ),
  }),
  ConfigRemapField: z.looseObject({
    type: z.enum(["ConfigRemapField"]),
    map: z.union([z.record(z.string(), z.unknown()), z.string()]),
    field_path: z.array(z.string()),
  }),
  ConfigRemoveFields: z.looseObject({
    type: z.enum(["ConfigRemoveFields"]),
    field_pointers: z.array(z.array(z.string())),
    condition: z.string().optional(),
  }),
  DpathValidator: z.looseObject({
    type: z.enum(["DpathValidator"]),
    field_path: z.array(z.string()),
    validation_strategy: components(["ValidateAdheresToSchema", "CustomValidationStrategy"]),
  }),
  PredicateValidator: z.looseObject({
    type: z.enum(["PredicateValidator"]),
    value: z.union([
      z.string(),
      z.number(),
      z.record(z.string(), z.unknown()),
      z.array(z.unknown()),
      z.boolean(),
      z.null(),
    ]),
    validation_strategy: components(["ValidateAdheresToSchema", "CustomValidationStrategy"]),
  }),
  ValidateAdheresToSchema: z.looseObject({
    type: z.enum(["ValidateAdheresToSchema"]),
    base_schema: z.union([z.string(), z.record(z.string(), z.unknown())]),
  }),
};
