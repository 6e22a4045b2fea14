/**
 * Zod schemas for dynamic streams and component resolvers, one per definition of Airbyte's
 * declarative_component_schema.yaml (drafted by generate_schemas.py, reviewed). Unknown keys are
 * allowed wherever the schema allows them, as the reference's JSON-schema validation does.
 * @module
 */
import { z } from "../../_deps/zod.ts";
import { components, ref } from "./ref.ts";

/** Dynamic streams and component resolvers, by definition name. */
export const DYNAMIC_SCHEMAS: Record<string, z.ZodType> = {
  CheckDynamicStream: z.looseObject({
    type: z.enum(["CheckDynamicStream"]),
    stream_count: z.number().int(),
    use_check_availability: z.boolean().optional(),
    config_overrides: z.record(z.string(), z.unknown()).optional(),
  }),
  ComponentMappingDefinition: z.looseObject({
    type: z.enum(["ComponentMappingDefinition"]),
    field_path: z.array(z.string()),
    value: z.string(),
    value_type: ref("ValueType").optional(),
    create_or_update: z.boolean().optional(),
    condition: z.string().optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  ConfigComponentsResolver: z.looseObject({
    type: z.enum(["ConfigComponentsResolver"]),
    stream_config: z.union([z.array(components(["StreamConfig"])), components(["StreamConfig"])]),
    components_mapping: z.array(components(["ComponentMappingDefinition"])),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  DynamicDeclarativeStream: z.looseObject({
    type: z.enum(["DynamicDeclarativeStream"]),
    name: z.string().optional(),
    stream_template: components(["DeclarativeStream", "StateDelegatingStream"]),
    components_resolver: components([
      "HttpComponentsResolver",
      "ConfigComponentsResolver",
      "ParametrizedComponentsResolver",
    ]),
    use_parent_parameters: z.boolean().optional(),
  }),
  DynamicStreamCheckConfig: z.looseObject({
    type: z.enum(["DynamicStreamCheckConfig"]),
    dynamic_stream_name: z.string(),
    stream_count: z.number().int().min(1).optional(),
  }),
  HttpComponentsResolver: z.looseObject({
    type: z.enum(["HttpComponentsResolver"]),
    retriever: components(["SimpleRetriever", "AsyncRetriever", "CustomRetriever"]),
    components_mapping: z.array(components(["ComponentMappingDefinition"])),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  ParametrizedComponentsResolver: z.looseObject({
    type: z.enum(["ParametrizedComponentsResolver"]),
    stream_parameters: components(["StreamParametersDefinition"]),
    components_mapping: z.array(components(["ComponentMappingDefinition"])),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  StreamConfig: z.looseObject({
    type: z.enum(["StreamConfig"]),
    configs_pointer: z.array(z.string()),
    default_values: z.array(z.record(z.string(), z.unknown())).optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  StreamParametersDefinition: z.looseObject({
    type: z.enum(["StreamParametersDefinition"]),
    list_of_parameters_for_stream: z.array(z.record(z.string(), z.unknown())),
  }),
};
