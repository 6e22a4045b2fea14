/**
 * Zod schemas for custom components (Python `class_name`), one per definition of Airbyte's
 * declarative_component_schema.yaml (drafted by generate_schemas.py, reviewed). Unknown keys are
 * allowed wherever the schema allows them, as the reference's JSON-schema validation does.
 * @module
 */
import { z } from "../../_deps/zod.ts";

/** Custom components (Python `class_name`), by definition name. */
export const CUSTOM_SCHEMAS: Record<string, z.ZodType> = {
  CustomAuthenticator: z.looseObject({
    type: z.enum(["CustomAuthenticator"]),
    class_name: z.string(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  CustomBackoffStrategy: z.looseObject({
    type: z.enum(["CustomBackoffStrategy"]),
    class_name: z.string(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  CustomConfigTransformation: z.looseObject({
    type: z.enum(["CustomConfigTransformation"]),
    class_name: z.string(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  CustomDecoder: z.looseObject({
    type: z.enum(["CustomDecoder"]),
    class_name: z.string(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  CustomErrorHandler: z.looseObject({
    type: z.enum(["CustomErrorHandler"]),
    class_name: z.string(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  CustomPaginationStrategy: z.looseObject({
    type: z.enum(["CustomPaginationStrategy"]),
    class_name: z.string(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  CustomPartitionRouter: z.looseObject({
    type: z.enum(["CustomPartitionRouter"]),
    class_name: z.string(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  CustomRecordExtractor: z.looseObject({
    type: z.enum(["CustomRecordExtractor"]),
    class_name: z.string(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  CustomRecordFilter: z.looseObject({
    type: z.enum(["CustomRecordFilter"]),
    class_name: z.string(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  CustomRequester: z.looseObject({
    type: z.enum(["CustomRequester"]),
    class_name: z.string(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  CustomRetriever: z.looseObject({
    type: z.enum(["CustomRetriever"]),
    class_name: z.string(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  CustomSchemaLoader: z.looseObject({
    type: z.enum(["CustomSchemaLoader"]),
    class_name: z.string(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  CustomSchemaNormalization: z.looseObject({
    type: z.enum(["CustomSchemaNormalization"]),
    class_name: z.string(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  CustomStateMigration: z.looseObject({
    type: z.enum(["CustomStateMigration"]),
    class_name: z.string(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  CustomTransformation: z.looseObject({
    type: z.enum(["CustomTransformation"]),
    class_name: z.string(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  CustomValidationStrategy: z.looseObject({
    type: z.enum(["CustomValidationStrategy"]),
    class_name: z.string(),
  }),
};
