/**
 * Zod schemas for incremental sync, one per definition of Airbyte's
 * declarative_component_schema.yaml (drafted by generate_schemas.py, reviewed). Unknown keys are
 * allowed wherever the schema allows them, as the reference's JSON-schema validation does.
 * @module
 */
import { z } from "../../_deps/zod.ts";
import { components } from "./ref.ts";

/** Incremental sync, by definition name. */
export const INCREMENTAL_SCHEMAS: Record<string, z.ZodType> = {
  DatetimeBasedCursor: z.looseObject({
    type: z.enum(["DatetimeBasedCursor"]),
    clamping: z.looseObject({
      target: z.string(),
      target_details: z.record(z.string(), z.unknown()).optional(),
    }).optional(),
    cursor_field: z.string(),
    allow_catalog_defined_cursor_field: z.boolean().optional(),
    cursor_datetime_formats: z.array(z.string()).optional(),
    start_datetime: z.union([z.string(), components(["MinMaxDatetime"])]),
    start_time_option: components(["RequestOption"]).optional(),
    end_datetime: z.union([z.string(), components(["MinMaxDatetime"])]).optional(),
    end_time_option: components(["RequestOption"]).optional(),
    datetime_format: z.string(),
    cursor_granularity: z.string().optional(),
    is_data_feed: z.boolean().optional(),
    is_client_side_incremental: z.boolean().optional(),
    is_compare_strictly: z.boolean().optional(),
    global_substream_cursor: z.boolean().optional(),
    lookback_window: z.string().optional(),
    partition_field_end: z.string().optional(),
    partition_field_start: z.string().optional(),
    step: z.string().optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  IncrementingCountCursor: z.looseObject({
    type: z.enum(["IncrementingCountCursor"]),
    cursor_field: z.string(),
    allow_catalog_defined_cursor_field: z.boolean().optional(),
    start_value: z.union([z.string(), z.number().int()]).optional(),
    start_value_option: components(["RequestOption"]).optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  LegacyToPerPartitionStateMigration: z.looseObject({
    type: z.enum(["LegacyToPerPartitionStateMigration"]).optional(),
  }),
  MinMaxDatetime: z.looseObject({
    type: z.enum(["MinMaxDatetime"]),
    datetime: z.string(),
    datetime_format: z.string().optional(),
    max_datetime: z.string().optional(),
    min_datetime: z.string().optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
};
