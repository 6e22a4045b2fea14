/**
 * Zod schemas for streams, retrievers, spec and the rest, one per definition of Airbyte's
 * declarative_component_schema.yaml (drafted by generate_schemas.py, reviewed). Unknown keys are
 * allowed wherever the schema allows them, as the reference's JSON-schema validation does.
 * @module
 */
import { z } from "../../_deps/zod.ts";
import { components, ref } from "./ref.ts";

/** Streams, retrievers, spec and the rest, by definition name. */
export const MISC_SCHEMAS: Record<string, z.ZodType> = {
  // the manifest root; its `streams` / `dynamic_streams` alternative is checked in mod.ts
  DeclarativeSource: z.strictObject({
    type: z.enum(["DeclarativeSource"]),
    check: components(["CheckStream", "CheckDynamicStream"]),
    streams: z.array(components(["ConditionalStreams", "DeclarativeStream", "StateDelegatingStream"]))
      .optional(),
    dynamic_streams: z.array(components(["DynamicDeclarativeStream"])).optional(),
    version: z.string(),
    schemas: ref("Schemas").optional(),
    definitions: z.record(z.string(), z.unknown()).optional(),
    spec: components(["Spec"]).optional(),
    concurrency_level: components(["ConcurrencyLevel"]).optional(),
    api_budget: components(["HTTPAPIBudget"]).optional(),
    stream_groups: z.record(z.string(), ref("StreamGroup")).optional(),
    max_concurrent_async_job_count: z.union([z.number().int(), z.string()]).optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
    description: z.string().optional(),
  }),
  AsyncJobStatusMap: z.looseObject({
    type: z.enum(["AsyncJobStatusMap"]).optional(),
    running: z.array(z.string()),
    completed: z.array(z.string()),
    failed: z.array(z.string()),
    timeout: z.array(z.string()),
    skipped: z.array(z.string()).optional(),
  }),
  AsyncRetriever: z.looseObject({
    type: z.enum(["AsyncRetriever"]),
    record_selector: components(["RecordSelector"]),
    status_mapping: components(["AsyncJobStatusMap"]),
    status_extractor: components(["DpathExtractor", "CustomRecordExtractor"]),
    download_target_extractor: components(["DpathExtractor", "CustomRecordExtractor"]).optional(),
    download_extractor: components(["DpathExtractor", "CustomRecordExtractor", "ResponseToFileExtractor"])
      .optional(),
    creation_requester: components(["HttpRequester", "CustomRequester"]),
    polling_requester: components(["HttpRequester", "CustomRequester"]),
    polling_job_timeout: z.union([z.number().int(), z.string()]).optional(),
    failed_retry_wait_time_in_seconds: z.union([z.number().int().min(1), z.string()]).optional(),
    download_target_requester: components(["HttpRequester", "CustomRequester"]).optional(),
    download_requester: components(["HttpRequester", "CustomRequester"]),
    download_paginator: components(["DefaultPaginator", "NoPagination"]).optional(),
    abort_requester: components(["HttpRequester", "CustomRequester"]).optional(),
    delete_requester: components(["HttpRequester", "CustomRequester"]).optional(),
    partition_router: z.union([
      z.array(
        components([
          "ListPartitionRouter",
          "SubstreamPartitionRouter",
          "GroupingPartitionRouter",
          "UnionPartitionRouter",
          "CustomPartitionRouter",
        ]),
      ),
      components([
        "ListPartitionRouter",
        "SubstreamPartitionRouter",
        "GroupingPartitionRouter",
        "UnionPartitionRouter",
        "CustomPartitionRouter",
      ]),
    ]).optional(),
    decoder: components([
      "CsvDecoder",
      "GzipDecoder",
      "JsonDecoder",
      "JsonItemsDecoder",
      "JsonlDecoder",
      "IterableDecoder",
      "XmlDecoder",
      "ZipfileDecoder",
      "CustomDecoder",
    ]).optional(),
    download_decoder: components([
      "CsvDecoder",
      "GzipDecoder",
      "JsonDecoder",
      "JsonItemsDecoder",
      "JsonlDecoder",
      "IterableDecoder",
      "XmlDecoder",
      "ZipfileDecoder",
      "CustomDecoder",
    ]).optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  BlockSimultaneousSyncsAction: z.looseObject({
    type: z.enum(["BlockSimultaneousSyncsAction"]),
  }),
  CheckStream: z.looseObject({
    type: z.enum(["CheckStream"]),
    stream_names: z.array(z.string()).optional(),
    dynamic_streams_check_configs: z.array(components(["DynamicStreamCheckConfig"])).optional(),
    config_overrides: z.record(z.string(), z.unknown()).optional(),
  }),
  ConcurrencyLevel: z.looseObject({
    type: z.enum(["ConcurrencyLevel"]).optional(),
    default_concurrency: z.union([z.number().int(), z.string()]),
    max_concurrency: z.number().int().optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  ConditionalStreams: z.looseObject({
    type: z.enum(["ConditionalStreams"]),
    condition: z.string(),
    streams: z.array(components(["DeclarativeStream"])),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  DeclarativeStream: z.looseObject({
    type: z.enum(["DeclarativeStream"]),
    name: z.string().optional(),
    retriever: components(["SimpleRetriever", "AsyncRetriever", "CustomRetriever"]),
    incremental_sync: components(["DatetimeBasedCursor", "IncrementingCountCursor"]).optional(),
    primary_key: ref("PrimaryKey").optional(),
    schema_loader: z.union([
      z.array(
        components([
          "InlineSchemaLoader",
          "DynamicSchemaLoader",
          "JsonFileSchemaLoader",
          "CustomSchemaLoader",
        ]),
      ),
      components(["InlineSchemaLoader", "DynamicSchemaLoader", "JsonFileSchemaLoader", "CustomSchemaLoader"]),
    ]).optional(),
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
    state_migrations: z.array(components(["LegacyToPerPartitionStateMigration", "CustomStateMigration"]))
      .optional(),
    file_uploader: z.looseObject({
      type: z.enum(["FileUploader"]),
      requester: components(["HttpRequester", "CustomRequester"]),
      download_target_extractor: components(["DpathExtractor", "CustomRecordExtractor"]),
      file_extractor: components(["DpathExtractor", "CustomRecordExtractor"]).optional(),
      filename_extractor: z.string().optional(),
      $parameters: z.record(z.string(), z.unknown()).optional(),
    }).optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  PrimaryKey: z.union([z.string(), z.array(z.string()), z.array(z.array(z.string()))]),
  SimpleRetriever: z.looseObject({
    type: z.enum(["SimpleRetriever"]),
    requester: components(["HttpRequester", "CustomRequester"]),
    decoder: components([
      "JsonDecoder",
      "JsonItemsDecoder",
      "XmlDecoder",
      "CsvDecoder",
      "JsonlDecoder",
      "GzipDecoder",
      "IterableDecoder",
      "ZipfileDecoder",
      "CustomDecoder",
    ]).optional(),
    record_selector: components(["RecordSelector"]),
    paginator: components(["DefaultPaginator", "NoPagination"]).optional(),
    pagination_reset: components(["PaginationReset"]).optional(),
    ignore_stream_slicer_parameters_on_paginated_requests: z.boolean().optional(),
    partition_router: z.union([
      z.array(
        components([
          "SubstreamPartitionRouter",
          "ListPartitionRouter",
          "GroupingPartitionRouter",
          "UnionPartitionRouter",
          "CustomPartitionRouter",
        ]),
      ),
      components([
        "SubstreamPartitionRouter",
        "ListPartitionRouter",
        "GroupingPartitionRouter",
        "UnionPartitionRouter",
        "CustomPartitionRouter",
      ]),
    ]).optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  Spec: z.looseObject({
    type: z.enum(["Spec"]),
    connection_specification: z.record(z.string(), z.unknown()),
    documentation_url: z.string().optional(),
    advanced_auth: ref("AuthFlow").optional(),
    config_normalization_rules: z.strictObject({
      type: z.enum(["ConfigNormalizationRules"]),
      config_migrations: z.array(components(["ConfigMigration"])).optional(),
      transformations: z.array(
        components([
          "ConfigRemapField",
          "ConfigAddFields",
          "ConfigRemoveFields",
          "CustomConfigTransformation",
        ]),
      ).optional(),
      validations: z.array(components(["DpathValidator", "PredicateValidator"])).optional(),
    }).optional(),
  }),
  StateDelegatingStream: z.looseObject({
    type: z.enum(["StateDelegatingStream"]),
    name: z.string(),
    full_refresh_stream: components(["DeclarativeStream"]),
    incremental_stream: components(["DeclarativeStream"]),
    api_retention_period: z.string().optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  StreamGroup: z.looseObject({
    streams: z.array(components(["DeclarativeStream"])),
    action: components(["BlockSimultaneousSyncsAction"]),
  }),
};
