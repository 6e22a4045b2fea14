/**
 * Zod schemas for partition routers, one per definition of Airbyte's
 * declarative_component_schema.yaml (drafted by generate_schemas.py, reviewed). Unknown keys are
 * allowed wherever the schema allows them, as the reference's JSON-schema validation does.
 * @module
 */
import { z } from "../../_deps/zod.ts";
import { components } from "./ref.ts";

/** Partition routers, by definition name. */
export const PARTITION_SCHEMAS: Record<string, z.ZodType> = {
  GroupingPartitionRouter: z.looseObject({
    type: z.enum(["GroupingPartitionRouter"]),
    group_size: z.number().int(),
    underlying_partition_router: components([
      "ListPartitionRouter",
      "SubstreamPartitionRouter",
      "UnionPartitionRouter",
      "CustomPartitionRouter",
    ]),
    deduplicate: z.boolean().optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  ListPartitionRouter: z.looseObject({
    type: z.enum(["ListPartitionRouter"]),
    cursor_field: z.string(),
    values: z.union([z.string(), z.array(z.string())]),
    request_option: components(["RequestOption"]).optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  ParentStreamConfig: z.looseObject({
    type: z.enum(["ParentStreamConfig"]),
    stream: components(["DeclarativeStream", "StateDelegatingStream"]),
    parent_key: z.string(),
    partition_field: z.string(),
    request_option: components(["RequestOption"]).optional(),
    incremental_dependency: z.boolean().optional(),
    lazy_read_pointer: z.array(z.string()).optional(),
    extra_fields: z.array(z.array(z.string())).optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  SubstreamPartitionRouter: z.looseObject({
    type: z.enum(["SubstreamPartitionRouter"]),
    parent_stream_configs: z.array(components(["ParentStreamConfig"])),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  UnionPartitionRouter: z.looseObject({
    type: z.enum(["UnionPartitionRouter"]),
    partition_field: z.string(),
    partition_routers: z.array(
      components([
        "ListPartitionRouter",
        "SubstreamPartitionRouter",
        "UnionPartitionRouter",
        "CustomPartitionRouter",
      ]),
    ).min(2),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
};
