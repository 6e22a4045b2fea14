/**
 * Zod schemas for record selection and decoders, one per definition of Airbyte's
 * declarative_component_schema.yaml (drafted by generate_schemas.py, reviewed). Unknown keys are
 * allowed wherever the schema allows them, as the reference's JSON-schema validation does.
 * @module
 */
import { z } from "../../_deps/zod.ts";
import { components, ref } from "./ref.ts";

/** Record selection and decoders, by definition name. */
export const EXTRACT_SCHEMAS: Record<string, z.ZodType> = {
  CsvDecoder: z.looseObject({
    type: z.enum(["CsvDecoder"]),
    encoding: z.string().optional(),
    delimiter: z.string().optional(),
    set_values_to_none: z.array(z.string()).optional(),
  }),
  DpathExtractor: z.looseObject({
    type: z.enum(["DpathExtractor"]),
    field_path: z.array(z.string()),
    record_expander: components(["RecordExpander"]).optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  GzipDecoder: z.looseObject({
    type: z.enum(["GzipDecoder"]),
    decoder: components(["CsvDecoder", "GzipDecoder", "JsonDecoder", "JsonItemsDecoder", "JsonlDecoder"]),
  }),
  IterableDecoder: z.looseObject({
    type: z.enum(["IterableDecoder"]),
  }),
  JsonDecoder: z.looseObject({
    type: z.enum(["JsonDecoder"]),
  }),
  JsonItemsDecoder: z.looseObject({
    type: z.enum(["JsonItemsDecoder"]),
    items_path: z.string(),
    encoding: z.string().optional(),
  }),
  JsonlDecoder: z.looseObject({
    type: z.enum(["JsonlDecoder"]),
  }),
  RecordExpander: z.looseObject({
    type: z.enum(["RecordExpander"]),
    expand_records_from_field: z.array(z.string()),
    remain_original_record: z.boolean().optional(),
    on_no_records: z.enum(["skip", "emit_parent"]).optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  RecordFilter: z.looseObject({
    type: z.enum(["RecordFilter"]),
    condition: z.string().optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  RecordSelector: z.looseObject({
    type: z.enum(["RecordSelector"]),
    extractor: components(["DpathExtractor", "CustomRecordExtractor"]),
    record_filter: components(["RecordFilter", "CustomRecordFilter"]).optional(),
    schema_normalization: z.union([ref("SchemaNormalization"), components(["CustomSchemaNormalization"])])
      .optional(),
    transform_before_filtering: z.boolean().optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  ResponseToFileExtractor: z.looseObject({
    type: z.enum(["ResponseToFileExtractor"]),
    preserve_na_values: z.boolean().optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  SchemaNormalization: z.enum(["Default", "None"]),
  XmlDecoder: z.looseObject({
    type: z.enum(["XmlDecoder"]),
  }),
  ZipfileDecoder: z.looseObject({
    type: z.enum(["ZipfileDecoder"]),
    decoder: components(["CsvDecoder", "GzipDecoder", "JsonDecoder", "JsonItemsDecoder", "JsonlDecoder"]),
  }),
};
