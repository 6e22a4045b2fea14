/**
 * Plain TypeScript shapes of every manifest component, as the factory receives them after
 * `resolveManifest` (references resolved, default types filled, `$parameters` propagated) and
 * validation. One declaration per definition of Airbyte's declarative_component_schema.yaml (drafted by
 * src/declarative/_schema/generate_schemas.py, reviewed). Components keep unknown keys, as the
 * reference does, so every interface has an index signature.
 * @module
 */

/** The manifest root: a `DeclarativeSource`. */
export interface DeclarativeSource {
  /** Component type. */
  type: "DeclarativeSource";
  /** `check`. */
  check: CheckStream | CheckDynamicStream;
  /** `streams`. */
  streams?: (ConditionalStreams | DeclarativeStream | StateDelegatingStream)[];
  /** `dynamic_streams`. */
  dynamic_streams?: DynamicDeclarativeStream[];
  /** `version`. */
  version: string;
  /** `schemas`. */
  schemas?: Schemas;
  /** `definitions`. */
  definitions?: { [key: string]: unknown };
  /** `spec`. */
  spec?: Spec;
  /** `concurrency_level`. */
  concurrency_level?: ConcurrencyLevel;
  /** `api_budget`. */
  api_budget?: HTTPAPIBudget;
  /** Stream Groups. */
  stream_groups?: { [key: string]: StreamGroup };
  /** Maximum Concurrent Asynchronous Jobs. */
  max_concurrent_async_job_count?: number | string;
  /** `metadata`. */
  metadata?: { [key: string]: unknown };
  /** `description`. */
  description?: string;
}

/** Manifest definition `AddFields`. */
export interface AddFields {
  /** Component type. */
  type: "AddFields";
  /** Fields. */
  fields: AddedFieldDefinition[];
  /** `condition`. */
  condition?: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `AddedFieldDefinition`. */
export interface AddedFieldDefinition {
  /** Component type. */
  type: "AddedFieldDefinition";
  /** Path. */
  path: string[];
  /** Value. */
  value: string;
  /** Value Type. */
  value_type?: ValueType;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `ApiKeyAuthenticator`. */
export interface ApiKeyAuthenticator {
  /** Component type. */
  type: "ApiKeyAuthenticator";
  /** API Key. */
  api_token?: string;
  /** Header Name. */
  header?: string;
  /** Inject API Key Into Outgoing HTTP Request. */
  inject_into?: RequestOption;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `AsyncJobStatusMap`. */
export interface AsyncJobStatusMap {
  /** Component type. */
  type?: "AsyncJobStatusMap";
  /** `running`. */
  running: string[];
  /** `completed`. */
  completed: string[];
  /** `failed`. */
  failed: string[];
  /** `timeout`. */
  timeout: string[];
  /** `skipped`. */
  skipped?: string[];
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `AsyncRetriever`. */
export interface AsyncRetriever {
  /** Component type. */
  type: "AsyncRetriever";
  /** `record_selector`. */
  record_selector: RecordSelector;
  /** `status_mapping`. */
  status_mapping: AsyncJobStatusMap;
  /** `status_extractor`. */
  status_extractor: DpathExtractor | CustomRecordExtractor;
  /** `download_target_extractor`. */
  download_target_extractor?: DpathExtractor | CustomRecordExtractor;
  /** `download_extractor`. */
  download_extractor?: DpathExtractor | CustomRecordExtractor | ResponseToFileExtractor;
  /** `creation_requester`. */
  creation_requester: HttpRequester | CustomRequester;
  /** `polling_requester`. */
  polling_requester: HttpRequester | CustomRequester;
  /** `polling_job_timeout`. */
  polling_job_timeout?: number | string;
  /** `failed_retry_wait_time_in_seconds`. */
  failed_retry_wait_time_in_seconds?: number | string;
  /** `download_target_requester`. */
  download_target_requester?: HttpRequester | CustomRequester;
  /** `download_requester`. */
  download_requester: HttpRequester | CustomRequester;
  /** `download_paginator`. */
  download_paginator?: DefaultPaginator | NoPagination;
  /** `abort_requester`. */
  abort_requester?: HttpRequester | CustomRequester;
  /** `delete_requester`. */
  delete_requester?: HttpRequester | CustomRequester;
  /** Partition Router. */
  partition_router?:
    | ListPartitionRouter
    | SubstreamPartitionRouter
    | GroupingPartitionRouter
    | UnionPartitionRouter
    | CustomPartitionRouter
    | (
      | ListPartitionRouter
      | SubstreamPartitionRouter
      | GroupingPartitionRouter
      | UnionPartitionRouter
      | CustomPartitionRouter
    )[];
  /** HTTP Response Format. */
  decoder?:
    | CsvDecoder
    | GzipDecoder
    | JsonDecoder
    | JsonItemsDecoder
    | JsonlDecoder
    | IterableDecoder
    | XmlDecoder
    | ZipfileDecoder
    | CustomDecoder;
  /** Download HTTP Response Format. */
  download_decoder?:
    | CsvDecoder
    | GzipDecoder
    | JsonDecoder
    | JsonItemsDecoder
    | JsonlDecoder
    | IterableDecoder
    | XmlDecoder
    | ZipfileDecoder
    | CustomDecoder;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `AuthFlow`. */
export interface AuthFlow {
  /** Auth flow type. */
  auth_flow_type?: "oauth2.0" | "oauth1.0";
  /** Predicate key. */
  predicate_key?: string[];
  /** Predicate value. */
  predicate_value?: string;
  /** `oauth_config_specification`. */
  oauth_config_specification?: OAuthConfigSpecification;
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `BasicHttpAuthenticator`. */
export interface BasicHttpAuthenticator {
  /** Component type. */
  type: "BasicHttpAuthenticator";
  /** Username. */
  username: string;
  /** Password. */
  password?: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `BearerAuthenticator`. */
export interface BearerAuthenticator {
  /** Component type. */
  type: "BearerAuthenticator";
  /** Bearer Token. */
  api_token: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `BlockSimultaneousSyncsAction`. */
export interface BlockSimultaneousSyncsAction {
  /** Component type. */
  type: "BlockSimultaneousSyncsAction";
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `CheckDynamicStream`. */
export interface CheckDynamicStream {
  /** Component type. */
  type: "CheckDynamicStream";
  /** Stream Count. */
  stream_count: number;
  /** Use Check Availability. */
  use_check_availability?: boolean;
  /** Config Overrides. */
  config_overrides?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `CheckStream`. */
export interface CheckStream {
  /** Component type. */
  type: "CheckStream";
  /** Stream Names. */
  stream_names?: string[];
  /** `dynamic_streams_check_configs`. */
  dynamic_streams_check_configs?: DynamicStreamCheckConfig[];
  /** Config Overrides. */
  config_overrides?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `ComplexFieldType`. */
export interface ComplexFieldType {
  /** `field_type`. */
  field_type: string;
  /** `items`. */
  items?: string | ComplexFieldType;
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `ComponentMappingDefinition`. */
export interface ComponentMappingDefinition {
  /** Component type. */
  type: "ComponentMappingDefinition";
  /** Field Path. */
  field_path: string[];
  /** Value. */
  value: string;
  /** Value Type. */
  value_type?: ValueType;
  /** Create or Update. */
  create_or_update?: boolean;
  /** Condition. */
  condition?: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `CompositeErrorHandler`. */
export interface CompositeErrorHandler {
  /** Component type. */
  type: "CompositeErrorHandler";
  /** Error Handlers. */
  error_handlers: (CompositeErrorHandler | DefaultErrorHandler | CustomErrorHandler)[];
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `ConcurrencyLevel`. */
export interface ConcurrencyLevel {
  /** Component type. */
  type?: "ConcurrencyLevel";
  /** Default Concurrency. */
  default_concurrency: number | string;
  /** Max Concurrency. */
  max_concurrency?: number;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `ConditionalStreams`. */
export interface ConditionalStreams {
  /** Component type. */
  type: "ConditionalStreams";
  /** Condition. */
  condition: string;
  /** Streams. */
  streams: DeclarativeStream[];
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `ConfigAddFields`. */
export interface ConfigAddFields {
  /** Component type. */
  type: "ConfigAddFields";
  /** Fields. */
  fields: AddedFieldDefinition[];
  /** `condition`. */
  condition?: string;
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `ConfigComponentsResolver`. */
export interface ConfigComponentsResolver {
  /** Component type. */
  type: "ConfigComponentsResolver";
  /** `stream_config`. */
  stream_config: StreamConfig[] | StreamConfig;
  /** `components_mapping`. */
  components_mapping: ComponentMappingDefinition[];
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `ConfigMigration`. */
export interface ConfigMigration {
  /** Component type. */
  type: "ConfigMigration";
  /** `description`. */
  description?: string;
  /** Transformations. */
  transformations: (ConfigRemapField | ConfigAddFields | ConfigRemoveFields | CustomConfigTransformation)[];
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `ConfigRemapField`. */
export interface ConfigRemapField {
  /** Component type. */
  type: "ConfigRemapField";
  /** Value Mapping. */
  map: { [key: string]: unknown } | string;
  /** Field Path. */
  field_path: string[];
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `ConfigRemoveFields`. */
export interface ConfigRemoveFields {
  /** Component type. */
  type: "ConfigRemoveFields";
  /** Field Pointers. */
  field_pointers: string[][];
  /** `condition`. */
  condition?: string;
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `ConstantBackoffStrategy`. */
export interface ConstantBackoffStrategy {
  /** Component type. */
  type: "ConstantBackoffStrategy";
  /** Backoff Time. */
  backoff_time_in_seconds: number | string;
  /** Jitter Range. */
  jitter_range_in_seconds?: number;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `CsvDecoder`. */
export interface CsvDecoder {
  /** Component type. */
  type: "CsvDecoder";
  /** `encoding`. */
  encoding?: string;
  /** `delimiter`. */
  delimiter?: string;
  /** `set_values_to_none`. */
  set_values_to_none?: string[];
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `CursorPagination`. */
export interface CursorPagination {
  /** Component type. */
  type: "CursorPagination";
  /** Cursor Value. */
  cursor_value: string;
  /** Page Size. */
  page_size?: number | string;
  /** Stop Condition. */
  stop_condition?: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `CustomAuthenticator`. */
export interface CustomAuthenticator {
  /** Component type. */
  type: "CustomAuthenticator";
  /** Class Name. */
  class_name: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `CustomBackoffStrategy`. */
export interface CustomBackoffStrategy {
  /** Component type. */
  type: "CustomBackoffStrategy";
  /** Class Name. */
  class_name: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `CustomConfigTransformation`. */
export interface CustomConfigTransformation {
  /** Component type. */
  type: "CustomConfigTransformation";
  /** `class_name`. */
  class_name: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `CustomDecoder`. */
export interface CustomDecoder {
  /** Component type. */
  type: "CustomDecoder";
  /** Class Name. */
  class_name: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `CustomErrorHandler`. */
export interface CustomErrorHandler {
  /** Component type. */
  type: "CustomErrorHandler";
  /** Class Name. */
  class_name: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `CustomPaginationStrategy`. */
export interface CustomPaginationStrategy {
  /** Component type. */
  type: "CustomPaginationStrategy";
  /** Class Name. */
  class_name: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `CustomPartitionRouter`. */
export interface CustomPartitionRouter {
  /** Component type. */
  type: "CustomPartitionRouter";
  /** Class Name. */
  class_name: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `CustomRecordExtractor`. */
export interface CustomRecordExtractor {
  /** Component type. */
  type: "CustomRecordExtractor";
  /** Class Name. */
  class_name: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `CustomRecordFilter`. */
export interface CustomRecordFilter {
  /** Component type. */
  type: "CustomRecordFilter";
  /** Class Name. */
  class_name: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `CustomRequester`. */
export interface CustomRequester {
  /** Component type. */
  type: "CustomRequester";
  /** Class Name. */
  class_name: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `CustomRetriever`. */
export interface CustomRetriever {
  /** Component type. */
  type: "CustomRetriever";
  /** Class Name. */
  class_name: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `CustomSchemaLoader`. */
export interface CustomSchemaLoader {
  /** Component type. */
  type: "CustomSchemaLoader";
  /** Class Name. */
  class_name: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `CustomSchemaNormalization`. */
export interface CustomSchemaNormalization {
  /** Component type. */
  type: "CustomSchemaNormalization";
  /** Class Name. */
  class_name: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `CustomStateMigration`. */
export interface CustomStateMigration {
  /** Component type. */
  type: "CustomStateMigration";
  /** Class Name. */
  class_name: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `CustomTransformation`. */
export interface CustomTransformation {
  /** Component type. */
  type: "CustomTransformation";
  /** Class Name. */
  class_name: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `CustomValidationStrategy`. */
export interface CustomValidationStrategy {
  /** Component type. */
  type: "CustomValidationStrategy";
  /** Class Name. */
  class_name: string;
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `DatetimeBasedCursor`. */
export interface DatetimeBasedCursor {
  /** Component type. */
  type: "DatetimeBasedCursor";
  /** Date Range Clamping. */
  clamping?: {
    /** Target. */
    target: string;
    /** `target_details`. */
    target_details?: { [key: string]: unknown };
    /** Other keys (e.g. propagated `$parameters`) are kept. */
    [key: string]: unknown;
  };
  /** Cursor Field. */
  cursor_field: string;
  /** Allow Catalog Defined Cursor Field. */
  allow_catalog_defined_cursor_field?: boolean;
  /** Cursor Datetime Formats. */
  cursor_datetime_formats?: string[];
  /** Start Datetime. */
  start_datetime: MinMaxDatetime | string;
  /** Inject Start Time Into Outgoing HTTP Request. */
  start_time_option?: RequestOption;
  /** End Datetime. */
  end_datetime?: MinMaxDatetime | string;
  /** Inject End Time Into Outgoing HTTP Request. */
  end_time_option?: RequestOption;
  /** Outgoing Datetime Format. */
  datetime_format: string;
  /** Cursor Granularity. */
  cursor_granularity?: string;
  /** Data Feed API. */
  is_data_feed?: boolean;
  /** Client-side Incremental Filtering. */
  is_client_side_incremental?: boolean;
  /** Strict Start-End Time Comparison. */
  is_compare_strictly?: boolean;
  /** Global Substream Cursor. */
  global_substream_cursor?: boolean;
  /** Lookback Window. */
  lookback_window?: string;
  /** Partition Field End. */
  partition_field_end?: string;
  /** Partition Field Start. */
  partition_field_start?: string;
  /** Step. */
  step?: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `DeclarativeStream`. */
export interface DeclarativeStream {
  /** Component type. */
  type: "DeclarativeStream";
  /** Name. */
  name?: string;
  /** Retriever. */
  retriever: SimpleRetriever | AsyncRetriever | CustomRetriever;
  /** Incremental Sync. */
  incremental_sync?: DatetimeBasedCursor | IncrementingCountCursor;
  /** Primary Key. */
  primary_key?: PrimaryKey;
  /** Schema Loader. */
  schema_loader?:
    | InlineSchemaLoader
    | DynamicSchemaLoader
    | JsonFileSchemaLoader
    | (InlineSchemaLoader | DynamicSchemaLoader | JsonFileSchemaLoader | CustomSchemaLoader)[]
    | CustomSchemaLoader;
  /** Transformations. */
  transformations?: (
    | AddFields
    | RemoveFields
    | KeysToLower
    | KeysToSnakeCase
    | FlattenFields
    | DpathFlattenFields
    | KeysReplace
    | CustomTransformation
  )[];
  /** State Migrations. */
  state_migrations?: (LegacyToPerPartitionStateMigration | CustomStateMigration)[];
  /** File Uploader. */
  file_uploader?: {
    /** Component type. */
    type: "FileUploader";
    /** `requester`. */
    requester: HttpRequester | CustomRequester;
    /** `download_target_extractor`. */
    download_target_extractor: DpathExtractor | CustomRecordExtractor;
    /** `file_extractor`. */
    file_extractor?: DpathExtractor | CustomRecordExtractor;
    /** `filename_extractor`. */
    filename_extractor?: string;
    /** Parameters passed down to nested components. */
    $parameters?: { [key: string]: unknown };
    /** Other keys (e.g. propagated `$parameters`) are kept. */
    [key: string]: unknown;
  };
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `DefaultErrorHandler`. */
export interface DefaultErrorHandler {
  /** Component type. */
  type: "DefaultErrorHandler";
  /** Backoff Strategies. */
  backoff_strategies?: (
    | ConstantBackoffStrategy
    | ExponentialBackoffStrategy
    | WaitTimeFromHeader
    | WaitUntilTimeFromHeader
    | CustomBackoffStrategy
  )[];
  /** Max Retry Count. */
  max_retries?: number | string;
  /** Response Filters. */
  response_filters?: HttpResponseFilter[];
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `DefaultPaginator`. */
export interface DefaultPaginator {
  /** Component type. */
  type: "DefaultPaginator";
  /** Pagination Strategy. */
  pagination_strategy: PageIncrement | OffsetIncrement | CursorPagination | CustomPaginationStrategy;
  /** Inject Page Size Into Outgoing HTTP Request. */
  page_size_option?: RequestOption;
  /** Inject Page Token Into Outgoing HTTP Request. */
  page_token_option?: RequestOption | RequestPath;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `DpathExtractor`. */
export interface DpathExtractor {
  /** Component type. */
  type: "DpathExtractor";
  /** Field Path. */
  field_path: string[];
  /** Record Expander. */
  record_expander?: RecordExpander;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `DpathFlattenFields`. */
export interface DpathFlattenFields {
  /** Component type. */
  type: "DpathFlattenFields";
  /** Field Path. */
  field_path: string[];
  /** Delete Origin Value. */
  delete_origin_value?: boolean;
  /** Replace Origin Record. */
  replace_record?: boolean;
  /** Key transformation. */
  key_transformation?: KeyTransformation;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `DpathValidator`. */
export interface DpathValidator {
  /** Component type. */
  type: "DpathValidator";
  /** Field Path. */
  field_path: string[];
  /** Validation Strategy. */
  validation_strategy: ValidateAdheresToSchema | CustomValidationStrategy;
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `DynamicDeclarativeStream`. */
export interface DynamicDeclarativeStream {
  /** Component type. */
  type: "DynamicDeclarativeStream";
  /** Name. */
  name?: string;
  /** Stream Template. */
  stream_template: DeclarativeStream | StateDelegatingStream;
  /** Components Resolver. */
  components_resolver: HttpComponentsResolver | ConfigComponentsResolver | ParametrizedComponentsResolver;
  /** Use Parent Parameters. */
  use_parent_parameters?: boolean;
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `DynamicSchemaLoader`. */
export interface DynamicSchemaLoader {
  /** Component type. */
  type: "DynamicSchemaLoader";
  /** Retriever. */
  retriever: SimpleRetriever | AsyncRetriever | CustomRetriever;
  /** Schema Filter. */
  schema_filter?: RecordFilter | CustomRecordFilter;
  /** Schema Transformations. */
  schema_transformations?: (
    | AddFields
    | RemoveFields
    | KeysToLower
    | KeysToSnakeCase
    | FlattenFields
    | DpathFlattenFields
    | KeysReplace
    | CustomTransformation
  )[];
  /** `schema_type_identifier`. */
  schema_type_identifier: SchemaTypeIdentifier;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `DynamicStreamCheckConfig`. */
export interface DynamicStreamCheckConfig {
  /** Component type. */
  type: "DynamicStreamCheckConfig";
  /** Dynamic Stream Name. */
  dynamic_stream_name: string;
  /** Stream Count. */
  stream_count?: number;
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `ExponentialBackoffStrategy`. */
export interface ExponentialBackoffStrategy {
  /** Component type. */
  type: "ExponentialBackoffStrategy";
  /** Factor. */
  factor?: number | string;
  /** Jitter Range. */
  jitter_range_in_seconds?: number;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `FixedWindowCallRatePolicy`. */
export interface FixedWindowCallRatePolicy {
  /** Component type. */
  type: "FixedWindowCallRatePolicy";
  /** Period. */
  period: string;
  /** Call Limit. */
  call_limit: number;
  /** Matchers. */
  matchers: HttpRequestRegexMatcher[];
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `FlattenFields`. */
export interface FlattenFields {
  /** Component type. */
  type: "FlattenFields";
  /** Flatten Lists. */
  flatten_lists?: boolean;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `GroupByKeyMergeStrategy`. */
export interface GroupByKeyMergeStrategy {
  /** Component type. */
  type: "GroupByKeyMergeStrategy";
  /** Key. */
  key: string | string[];
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `GroupingPartitionRouter`. */
export interface GroupingPartitionRouter {
  /** Component type. */
  type: "GroupingPartitionRouter";
  /** Group Size. */
  group_size: number;
  /** Underlying Partition Router. */
  underlying_partition_router:
    | ListPartitionRouter
    | SubstreamPartitionRouter
    | UnionPartitionRouter
    | CustomPartitionRouter;
  /** Deduplicate Partitions. */
  deduplicate?: boolean;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `GzipDecoder`. */
export interface GzipDecoder {
  /** Component type. */
  type: "GzipDecoder";
  /** `decoder`. */
  decoder: CsvDecoder | GzipDecoder | JsonDecoder | JsonItemsDecoder | JsonlDecoder;
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `HTTPAPIBudget`. */
export interface HTTPAPIBudget {
  /** Component type. */
  type: "HTTPAPIBudget";
  /** Policies. */
  policies: (FixedWindowCallRatePolicy | MovingWindowCallRatePolicy | UnlimitedCallRatePolicy)[];
  /** Rate Limit Reset Header. */
  ratelimit_reset_header?: string;
  /** Rate Limit Remaining Header. */
  ratelimit_remaining_header?: string;
  /** Status Codes for Rate Limit Hit. */
  status_codes_for_ratelimit_hit?: number[];
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `HttpComponentsResolver`. */
export interface HttpComponentsResolver {
  /** Component type. */
  type: "HttpComponentsResolver";
  /** Retriever. */
  retriever: SimpleRetriever | AsyncRetriever | CustomRetriever;
  /** `components_mapping`. */
  components_mapping: ComponentMappingDefinition[];
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `HttpRequestRegexMatcher`. */
export interface HttpRequestRegexMatcher {
  /** Method. */
  method?: string;
  /** URL Base. */
  url_base?: string;
  /** URL Path Pattern. */
  url_path_pattern?: string;
  /** Parameters. */
  params?: { [key: string]: unknown };
  /** Headers. */
  headers?: { [key: string]: unknown };
  /** Weight. */
  weight?: number | string;
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `HttpRequester`. */
export interface HttpRequester {
  /** Component type. */
  type: "HttpRequester";
  /** API Base URL. @deprecated Use `url` field instead. */
  url_base?: string;
  /** API Endpoint URL. */
  url?: string;
  /** URL Path. @deprecated Use `url` field instead. */
  path?: string;
  /** HTTP Method. */
  http_method?: "GET" | "POST";
  /** Authenticator. */
  authenticator?:
    | ApiKeyAuthenticator
    | BasicHttpAuthenticator
    | BearerAuthenticator
    | OAuthAuthenticator
    | JwtAuthenticator
    | SessionTokenAuthenticator
    | SelectiveAuthenticator
    | CustomAuthenticator
    | NoAuth
    | LegacySessionTokenAuthenticator
    | RateLimitedMultipleTokenAuthenticator;
  /** Fetch Properties from Endpoint. @deprecated Use `query_properties` field instead. */
  fetch_properties_from_endpoint?: PropertiesFromEndpoint;
  /** Query Properties. */
  query_properties?: QueryProperties;
  /** Query Parameters. */
  request_parameters?: { [key: string]: string | QueryProperties } | string;
  /** Request Headers. */
  request_headers?: { [key: string]: string } | string;
  /** Request Body Payload (Non-JSON). @deprecated Use `request_body` field instead. */
  request_body_data?: { [key: string]: string } | string;
  /** Request Body JSON Payload. @deprecated Use `request_body` field instead. */
  request_body_json?: { [key: string]: unknown } | string;
  /** Request Body. */
  request_body?:
    | RequestBodyPlainText
    | RequestBodyUrlEncodedForm
    | RequestBodyJsonObject
    | RequestBodyGraphQL;
  /** Error Handler. */
  error_handler?: DefaultErrorHandler | CompositeErrorHandler | CustomErrorHandler;
  /** Use Cache. */
  use_cache?: boolean;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `HttpResponseFilter`. */
export interface HttpResponseFilter {
  /** Component type. */
  type: "HttpResponseFilter";
  /** Action. */
  action?:
    | "SUCCESS"
    | "FAIL"
    | "RETRY"
    | "IGNORE"
    | "RESET_PAGINATION"
    | "RATE_LIMITED"
    | "REFRESH_TOKEN_THEN_RETRY";
  /** Failure Type. */
  failure_type?: "system_error" | "config_error" | "transient_error";
  /** Error Message. */
  error_message?: string;
  /** Error Message Substring. */
  error_message_contains?: string;
  /** HTTP Codes. */
  http_codes?: number[];
  /** Predicate. */
  predicate?: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `IncrementingCountCursor`. */
export interface IncrementingCountCursor {
  /** Component type. */
  type: "IncrementingCountCursor";
  /** Cursor Field. */
  cursor_field: string;
  /** Allow Catalog Defined Cursor Field. */
  allow_catalog_defined_cursor_field?: boolean;
  /** Start Value. */
  start_value?: string | number;
  /** Inject Start Value Into Outgoing HTTP Request. */
  start_value_option?: RequestOption;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `InlineSchemaLoader`. */
export interface InlineSchemaLoader {
  /** Component type. */
  type: "InlineSchemaLoader";
  /** Schema. */
  schema?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `IterableDecoder`. */
export interface IterableDecoder {
  /** Component type. */
  type: "IterableDecoder";
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `JsonDecoder`. */
export interface JsonDecoder {
  /** Component type. */
  type: "JsonDecoder";
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `JsonFileSchemaLoader`. @deprecated Use `InlineSchemaLoader` instead. */
export interface JsonFileSchemaLoader {
  /** Component type. */
  type: "JsonFileSchemaLoader";
  /** File Path. */
  file_path?: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `JsonItemsDecoder`. */
export interface JsonItemsDecoder {
  /** Component type. */
  type: "JsonItemsDecoder";
  /** Items Path. */
  items_path: string;
  /** Encoding. */
  encoding?: string;
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `JsonSchemaPropertySelector`. */
export interface JsonSchemaPropertySelector {
  /** Component type. */
  type: "JsonSchemaPropertySelector";
  /** Transformations. */
  transformations?: (
    | AddFields
    | RemoveFields
    | KeysToLower
    | KeysToSnakeCase
    | FlattenFields
    | DpathFlattenFields
    | KeysReplace
    | CustomTransformation
  )[];
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `JsonlDecoder`. */
export interface JsonlDecoder {
  /** Component type. */
  type: "JsonlDecoder";
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `JwtAuthenticator`. */
export interface JwtAuthenticator {
  /** Component type. */
  type: "JwtAuthenticator";
  /** Secret Key. */
  secret_key: string;
  /** Base64-encode Secret Key. */
  base64_encode_secret_key?: boolean;
  /** Algorithm. */
  algorithm:
    | "HS256"
    | "HS384"
    | "HS512"
    | "ES256"
    | "ES256K"
    | "ES384"
    | "ES512"
    | "RS256"
    | "RS384"
    | "RS512"
    | "PS256"
    | "PS384"
    | "PS512"
    | "EdDSA";
  /** Token Duration. */
  token_duration?: number;
  /** Header Prefix. */
  header_prefix?: string;
  /** JWT Headers. */
  jwt_headers?: {
    /** Key Identifier. */
    kid?: string;
    /** Type. */
    typ?: string;
    /** Content Type. */
    cty?: string;
  };
  /** Additional JWT Headers. */
  additional_jwt_headers?: { [key: string]: unknown };
  /** JWT Payload. */
  jwt_payload?: {
    /** Issuer. */
    iss?: string;
    /** Subject. */
    sub?: string;
    /** Audience. */
    aud?: string;
  };
  /** Additional JWT Payload Properties. */
  additional_jwt_payload?: { [key: string]: unknown };
  /** Passphrase. */
  passphrase?: string;
  /** Request Option. */
  request_option?: RequestOption;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `KeyTransformation`. */
export interface KeyTransformation {
  /** Component type. */
  type: "KeyTransformation";
  /** Key Prefix. */
  prefix?: string;
  /** Key Suffix. */
  suffix?: string;
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `KeysReplace`. */
export interface KeysReplace {
  /** Component type. */
  type: "KeysReplace";
  /** Old value. */
  old: string;
  /** New value. */
  new: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `KeysToLower`. */
export interface KeysToLower {
  /** Component type. */
  type: "KeysToLower";
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `KeysToSnakeCase`. */
export interface KeysToSnakeCase {
  /** Component type. */
  type: "KeysToSnakeCase";
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `LegacySessionTokenAuthenticator`. @deprecated deprecated in the schema */
export interface LegacySessionTokenAuthenticator {
  /** Component type. */
  type: "LegacySessionTokenAuthenticator";
  /** Session Request Header. */
  header: string;
  /** Login Path. */
  login_url: string;
  /** Session Token. */
  session_token?: string;
  /** Response Token Response Key. */
  session_token_response_key: string;
  /** Username. */
  username?: string;
  /** Password. */
  password?: string;
  /** Validate Session Path. */
  validate_session_url: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `LegacyToPerPartitionStateMigration`. */
export interface LegacyToPerPartitionStateMigration {
  /** Component type. */
  type?: "LegacyToPerPartitionStateMigration";
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `ListPartitionRouter`. */
export interface ListPartitionRouter {
  /** Component type. */
  type: "ListPartitionRouter";
  /** Current Partition Value Identifier. */
  cursor_field: string;
  /** Partition Values. */
  values: string | string[];
  /** Inject Partition Value Into Outgoing HTTP Request. */
  request_option?: RequestOption;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `MinMaxDatetime`. */
export interface MinMaxDatetime {
  /** Component type. */
  type: "MinMaxDatetime";
  /** Datetime. */
  datetime: string;
  /** Datetime Format. */
  datetime_format?: string;
  /** Max Datetime. */
  max_datetime?: string;
  /** Min Datetime. */
  min_datetime?: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `MovingWindowCallRatePolicy`. */
export interface MovingWindowCallRatePolicy {
  /** Component type. */
  type: "MovingWindowCallRatePolicy";
  /** Rates. */
  rates: Rate[];
  /** Matchers. */
  matchers: HttpRequestRegexMatcher[];
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `NoAuth`. */
export interface NoAuth {
  /** Component type. */
  type: "NoAuth";
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `NoPagination`. */
export interface NoPagination {
  /** Component type. */
  type: "NoPagination";
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `OAuthAuthenticator`. */
export interface OAuthAuthenticator {
  /** Component type. */
  type: "OAuthAuthenticator";
  /** Client ID Property Name. */
  client_id_name?: string;
  /** Client ID. */
  client_id?: string;
  /** Client Secret Property Name. */
  client_secret_name?: string;
  /** Client Secret. */
  client_secret?: string;
  /** Refresh Token Property Name. */
  refresh_token_name?: string;
  /** Refresh Token. */
  refresh_token?: string;
  /** Token Refresh Endpoint. */
  token_refresh_endpoint?: string;
  /** Access Token Property Name. */
  access_token_name?: string;
  /** Access Token Value. */
  access_token_value?: string;
  /** Token Expiry Property Name. */
  expires_in_name?: string;
  /** Grant Type Property Name. */
  grant_type_name?: string;
  /** Grant Type. */
  grant_type?: string;
  /** Refresh Request Body. */
  refresh_request_body?: { [key: string]: unknown };
  /** Refresh Request Headers. */
  refresh_request_headers?: { [key: string]: unknown };
  /** Send Refresh Request As Query Params. */
  send_refresh_request_as_query_params?: boolean;
  /** Scopes. */
  scopes?: string[];
  /** Token Expiry Date. */
  token_expiry_date?: string;
  /** Token Expiry Date Format. */
  token_expiry_date_format?: string;
  /** Refresh Token Error Status Codes. */
  refresh_token_error_status_codes?: number[];
  /** Refresh Token Error Key. */
  refresh_token_error_key?: string;
  /** Refresh Token Error Values. */
  refresh_token_error_values?: string[];
  /** Refresh Token Updater. */
  refresh_token_updater?: {
    /** Refresh Token Property Name. */
    refresh_token_name?: string;
    /** Config Path To Access Token. */
    access_token_config_path?: string[];
    /** Config Path To Refresh Token. */
    refresh_token_config_path?: string[];
    /** Config Path To Expiry Date. */
    token_expiry_date_config_path?: string[];
    /** (Deprecated - Use the same field on the OAuthAuthenticator level) Refresh Token Error Status Codes. */
    refresh_token_error_status_codes?: number[];
    /** (Deprecated - Use the same field on the OAuthAuthenticator level) Refresh Token Error Key. */
    refresh_token_error_key?: string;
    /** (Deprecated - Use the same field on the OAuthAuthenticator level) Refresh Token Error Values. */
    refresh_token_error_values?: string[];
    /** Other keys (e.g. propagated `$parameters`) are kept. */
    [key: string]: unknown;
  };
  /** Profile Assertion. */
  profile_assertion?: JwtAuthenticator;
  /** Use Profile Assertion. */
  use_profile_assertion?: boolean;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `OAuthConfigSpecification`. */
export interface OAuthConfigSpecification {
  /** OAuth user input. */
  oauth_user_input_from_connector_config_specification?: { [key: string]: unknown };
  /** DeclarativeOAuth Connector Specification. */
  oauth_connector_input_specification?: {
    /** Consent URL. */
    consent_url: string;
    /** Scopes. */
    scope?: string;
    /** Scopes. */
    scopes?: {
      /** `scope`. */
      scope: string;
      /** Other keys (e.g. propagated `$parameters`) are kept. */
      [key: string]: unknown;
    }[];
    /** Optional Scopes. */
    optional_scopes?: {
      /** `scope`. */
      scope: string;
      /** Other keys (e.g. propagated `$parameters`) are kept. */
      [key: string]: unknown;
    }[];
    /** Scopes Join Strategy. */
    scopes_join_strategy?: "space" | "comma" | "plus";
    /** Access Token URL. */
    access_token_url: string;
    /** Access Token Headers. */
    access_token_headers?: { [key: string]: unknown };
    /** Access Token Query Params (Json Encoded). */
    access_token_params?: { [key: string]: unknown };
    /** Extract Output. */
    extract_output?: string[];
    /** Configurable State Query Param. */
    state?: {
      /** `min`. */
      min: number;
      /** `max`. */
      max: number;
      /** Other keys (e.g. propagated `$parameters`) are kept. */
      [key: string]: unknown;
    };
    /** Client ID Key Override. */
    client_id_key?: string;
    /** Client Secret Key Override. */
    client_secret_key?: string;
    /** Scopes Key Override. */
    scope_key?: string;
    /** State Key Override. */
    state_key?: string;
    /** Auth Code Key Override. */
    auth_code_key?: string;
    /** Redirect URI Key Override. */
    redirect_uri_key?: string;
    /** Other keys (e.g. propagated `$parameters`) are kept. */
    [key: string]: unknown;
  };
  /** OAuth output specification. */
  complete_oauth_output_specification?: { [key: string]: unknown };
  /** OAuth input specification. */
  complete_oauth_server_input_specification?: { [key: string]: unknown };
  /** OAuth server output specification. */
  complete_oauth_server_output_specification?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `OffsetIncrement`. */
export interface OffsetIncrement {
  /** Component type. */
  type: "OffsetIncrement";
  /** Limit. */
  page_size?: number | string;
  /** Inject Offset on First Request. */
  inject_on_first_request?: boolean;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `PageIncrement`. */
export interface PageIncrement {
  /** Component type. */
  type: "PageIncrement";
  /** Page Size. */
  page_size?: number | string;
  /** Start From Page. */
  start_from_page?: number;
  /** Inject Page Number on First Request. */
  inject_on_first_request?: boolean;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `PaginationReset`. */
export interface PaginationReset {
  /** Component type. */
  type: "PaginationReset";
  /** `action`. */
  action: "SPLIT_USING_CURSOR" | "RESET";
  /** `limits`. */
  limits?: PaginationResetLimits;
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `PaginationResetLimits`. */
export interface PaginationResetLimits {
  /** Component type. */
  type: "PaginationResetLimits";
  /** `number_of_records`. */
  number_of_records?: number;
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `ParametrizedComponentsResolver`. */
export interface ParametrizedComponentsResolver {
  /** Component type. */
  type: "ParametrizedComponentsResolver";
  /** `stream_parameters`. */
  stream_parameters: StreamParametersDefinition;
  /** `components_mapping`. */
  components_mapping: ComponentMappingDefinition[];
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `ParentStreamConfig`. */
export interface ParentStreamConfig {
  /** Component type. */
  type: "ParentStreamConfig";
  /** Parent Stream. */
  stream: DeclarativeStream | StateDelegatingStream;
  /** Parent Key. */
  parent_key: string;
  /** Current Parent Key Value Identifier. */
  partition_field: string;
  /** Request Option. */
  request_option?: RequestOption;
  /** Incremental Dependency. */
  incremental_dependency?: boolean;
  /** Lazy Read Pointer. */
  lazy_read_pointer?: string[];
  /** Extra Fields. */
  extra_fields?: string[][];
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `PredicateValidator`. */
export interface PredicateValidator {
  /** Component type. */
  type: "PredicateValidator";
  /** Value. */
  value: string | number | { [key: string]: unknown } | unknown[] | boolean | null;
  /** Validation Strategy. */
  validation_strategy: ValidateAdheresToSchema | CustomValidationStrategy;
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `PrimaryKey`. */
export type PrimaryKey = string | string[] | string[][];

/** Manifest definition `PropertiesFromEndpoint`. */
export interface PropertiesFromEndpoint {
  /** Component type. */
  type: "PropertiesFromEndpoint";
  /** `property_field_path`. */
  property_field_path: string[];
  /** `retriever`. */
  retriever: SimpleRetriever | CustomRetriever;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `PropertyChunking`. */
export interface PropertyChunking {
  /** Component type. */
  type: "PropertyChunking";
  /** Property Limit Type. */
  property_limit_type: "characters" | "property_count";
  /** Property Limit. */
  property_limit?: number;
  /** Record Merge Strategy. */
  record_merge_strategy?: GroupByKeyMergeStrategy;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `QueryProperties`. */
export interface QueryProperties {
  /** Component type. */
  type: "QueryProperties";
  /** Property List. */
  property_list: string[] | PropertiesFromEndpoint;
  /** Always Include Properties. */
  always_include_properties?: string[];
  /** Property Chunking. */
  property_chunking?: PropertyChunking;
  /** Property Selector. */
  property_selector?: JsonSchemaPropertySelector;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `QuotaStatusSource`. */
export interface QuotaStatusSource {
  /** Component type. */
  type: "QuotaStatusSource";
  /** URL. */
  url: string;
  /** HTTP Method. */
  http_method?: "GET" | "POST";
  /** Request Headers. */
  request_headers?: { [key: string]: string };
  /** Unavailable Status Codes. */
  unavailable_status_codes?: number[];
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `Rate`. */
export interface Rate {
  /** Limit. */
  limit: number | string;
  /** Interval. */
  interval: string;
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `RateLimitedMultipleTokenAuthenticator`. */
export interface RateLimitedMultipleTokenAuthenticator {
  /** Component type. */
  type: "RateLimitedMultipleTokenAuthenticator";
  /** Tokens. */
  tokens: string | string[];
  /** Token Delimiter. */
  token_delimiter?: string;
  /** Auth Method. */
  auth_method?: string;
  /** Header Name. */
  header?: string;
  /** Quota Status Source. */
  quota_status_source: QuotaStatusSource;
  /** Quota Pools. */
  quotas: TokenQuota[];
  /** Maximum Wait Time. */
  max_wait_time?: string;
  /** Budget Reserve Fraction. */
  budget_reserve_fraction?: number;
  /** Budget Minimum Reserve. */
  budget_min_reserve?: number;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `RecordExpander`. */
export interface RecordExpander {
  /** Component type. */
  type: "RecordExpander";
  /** Expand Records From Field. */
  expand_records_from_field: string[];
  /** Remain Original Record. */
  remain_original_record?: boolean;
  /** On No Records. */
  on_no_records?: "skip" | "emit_parent";
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `RecordFilter`. */
export interface RecordFilter {
  /** Component type. */
  type: "RecordFilter";
  /** Condition. */
  condition?: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `RecordSelector`. */
export interface RecordSelector {
  /** Component type. */
  type: "RecordSelector";
  /** `extractor`. */
  extractor: DpathExtractor | CustomRecordExtractor;
  /** Record Filter. */
  record_filter?: RecordFilter | CustomRecordFilter;
  /** Schema Normalization. */
  schema_normalization?: SchemaNormalization | CustomSchemaNormalization;
  /** Transform Before Filtering. */
  transform_before_filtering?: boolean;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `RemoveFields`. */
export interface RemoveFields {
  /** Component type. */
  type: "RemoveFields";
  /** `condition`. */
  condition?: string;
  /** Field Paths. */
  field_pointers: string[][];
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `RequestBodyGraphQL`. */
export interface RequestBodyGraphQL {
  /** Component type. */
  type: "RequestBodyGraphQL";
  /** `value`. */
  value: RequestBodyGraphQlQuery;
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `RequestBodyGraphQlQuery`. */
export interface RequestBodyGraphQlQuery {
  /** `query`. */
  query: string;
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `RequestBodyJsonObject`. */
export interface RequestBodyJsonObject {
  /** Component type. */
  type: "RequestBodyJsonObject";
  /** `value`. */
  value: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `RequestBodyPlainText`. */
export interface RequestBodyPlainText {
  /** Component type. */
  type: "RequestBodyPlainText";
  /** `value`. */
  value: string;
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `RequestBodyUrlEncodedForm`. */
export interface RequestBodyUrlEncodedForm {
  /** Component type. */
  type: "RequestBodyUrlEncodedForm";
  /** `value`. */
  value: { [key: string]: string };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `RequestOption`. */
export interface RequestOption {
  /** Component type. */
  type: "RequestOption";
  /** Inject Into. */
  inject_into: "request_parameter" | "header" | "body_data" | "body_json";
  /** Field Name. */
  field_name?: string;
  /** Field Path. */
  field_path?: string[];
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `RequestPath`. */
export interface RequestPath {
  /** Component type. */
  type: "RequestPath";
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `ResponseToFileExtractor`. */
export interface ResponseToFileExtractor {
  /** Component type. */
  type: "ResponseToFileExtractor";
  /** Preserve NA Values. */
  preserve_na_values?: boolean;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `SchemaNormalization`. */
export type SchemaNormalization = "Default" | "None";

/** Manifest definition `SchemaTypeIdentifier`. */
export interface SchemaTypeIdentifier {
  /** Component type. */
  type?: "SchemaTypeIdentifier";
  /** Schema Path. */
  schema_pointer?: string[];
  /** Key Path. */
  key_pointer: string[];
  /** Type Path. */
  type_pointer?: string[];
  /** `types_mapping`. */
  types_mapping?: TypesMap[];
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `Schemas`. */
export type Schemas = { [key: string]: unknown };

/** Manifest definition `SelectiveAuthenticator`. */
export interface SelectiveAuthenticator {
  /** Component type. */
  type: "SelectiveAuthenticator";
  /** Authenticator Selection Path. */
  authenticator_selection_path: string[];
  /** Authenticators. */
  authenticators: {
    [key: string]:
      | ApiKeyAuthenticator
      | BasicHttpAuthenticator
      | BearerAuthenticator
      | OAuthAuthenticator
      | JwtAuthenticator
      | SessionTokenAuthenticator
      | LegacySessionTokenAuthenticator
      | CustomAuthenticator
      | NoAuth
      | RateLimitedMultipleTokenAuthenticator;
  };
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `SessionTokenAuthenticator`. */
export interface SessionTokenAuthenticator {
  /** Component type. */
  type: "SessionTokenAuthenticator";
  /** Login Requester. */
  login_requester: HttpRequester;
  /** Session Token Path. */
  session_token_path: string[];
  /** Expiration Duration. */
  expiration_duration?: string;
  /** Data Request Authentication. */
  request_authentication: SessionTokenRequestApiKeyAuthenticator | SessionTokenRequestBearerAuthenticator;
  /** Decoder. */
  decoder?: JsonDecoder | XmlDecoder;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `SessionTokenRequestApiKeyAuthenticator` (`type: ApiKey`). */
export interface SessionTokenRequestApiKeyAuthenticator {
  /** Component type. */
  type: "ApiKey";
  /** Inject API Key Into Outgoing HTTP Request. */
  inject_into: RequestOption;
  /** API Token Template. */
  api_token?: string;
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `SessionTokenRequestBearerAuthenticator` (`type: Bearer`). */
export interface SessionTokenRequestBearerAuthenticator {
  /** Component type. */
  type: "Bearer";
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `SimpleRetriever`. */
export interface SimpleRetriever {
  /** Component type. */
  type: "SimpleRetriever";
  /** `requester`. */
  requester: HttpRequester | CustomRequester;
  /** HTTP Response Format. */
  decoder?:
    | JsonDecoder
    | JsonItemsDecoder
    | XmlDecoder
    | CsvDecoder
    | JsonlDecoder
    | GzipDecoder
    | IterableDecoder
    | ZipfileDecoder
    | CustomDecoder;
  /** `record_selector`. */
  record_selector: RecordSelector;
  /** `paginator`. */
  paginator?: DefaultPaginator | NoPagination;
  /** `pagination_reset`. */
  pagination_reset?: PaginationReset;
  /** `ignore_stream_slicer_parameters_on_paginated_requests`. */
  ignore_stream_slicer_parameters_on_paginated_requests?: boolean;
  /** Partition Router. */
  partition_router?:
    | SubstreamPartitionRouter
    | ListPartitionRouter
    | GroupingPartitionRouter
    | UnionPartitionRouter
    | CustomPartitionRouter
    | (
      | SubstreamPartitionRouter
      | ListPartitionRouter
      | GroupingPartitionRouter
      | UnionPartitionRouter
      | CustomPartitionRouter
    )[];
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `Spec`. */
export interface Spec {
  /** Component type. */
  type: "Spec";
  /** Connection Specification. */
  connection_specification: { [key: string]: unknown };
  /** Documentation URL. */
  documentation_url?: string;
  /** Advanced Auth. */
  advanced_auth?: AuthFlow;
  /** Config Normalization Rules. */
  config_normalization_rules?: {
    /** Component type. */
    type: "ConfigNormalizationRules";
    /** Config Migrations. */
    config_migrations?: ConfigMigration[];
    /** Transformations. */
    transformations?:
      (ConfigRemapField | ConfigAddFields | ConfigRemoveFields | CustomConfigTransformation)[];
    /** Validations. */
    validations?: (DpathValidator | PredicateValidator)[];
  };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `StateDelegatingStream`. */
export interface StateDelegatingStream {
  /** Component type. */
  type: "StateDelegatingStream";
  /** Name. */
  name: string;
  /** Full Refresh Stream. */
  full_refresh_stream: DeclarativeStream;
  /** Incremental Stream. */
  incremental_stream: DeclarativeStream;
  /** API Retention Period. */
  api_retention_period?: string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `StreamConfig`. */
export interface StreamConfig {
  /** Component type. */
  type: "StreamConfig";
  /** Configs Pointer. */
  configs_pointer: string[];
  /** Default Values. */
  default_values?: { [key: string]: unknown }[];
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `StreamGroup`. */
export interface StreamGroup {
  /** Streams. */
  streams: DeclarativeStream[];
  /** Action. */
  action: BlockSimultaneousSyncsAction;
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `StreamParametersDefinition`. */
export interface StreamParametersDefinition {
  /** Component type. */
  type: "StreamParametersDefinition";
  /** Stream Parameters. */
  list_of_parameters_for_stream: { [key: string]: unknown }[];
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `SubstreamPartitionRouter`. */
export interface SubstreamPartitionRouter {
  /** Component type. */
  type: "SubstreamPartitionRouter";
  /** Parent Stream Configs. */
  parent_stream_configs: ParentStreamConfig[];
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `TokenQuota`. */
export interface TokenQuota {
  /** Component type. */
  type: "TokenQuota";
  /** Name. */
  name: string;
  /** Remaining Path. */
  remaining_path: string[];
  /** Reset Path. */
  reset_path: string[];
  /** Limit Path. */
  limit_path?: string[];
  /** Matchers. */
  matchers?: HttpRequestRegexMatcher[];
  /** Remaining Header. */
  remaining_header?: string;
  /** Reset Header. */
  reset_header?: string;
  /** Limit Header. */
  limit_header?: string;
  /** Exhaustion Status Codes. */
  exhaustion_status_codes?: number[];
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `TypesMap`. */
export interface TypesMap {
  /** `target_type`. */
  target_type: string | string[] | ComplexFieldType;
  /** `current_type`. */
  current_type: string | string[];
  /** `condition`. */
  condition?: string;
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `UnionPartitionRouter`. */
export interface UnionPartitionRouter {
  /** Component type. */
  type: "UnionPartitionRouter";
  /** Partition Field. */
  partition_field: string;
  /** Partition Routers. */
  partition_routers:
    (ListPartitionRouter | SubstreamPartitionRouter | UnionPartitionRouter | CustomPartitionRouter)[];
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `UnlimitedCallRatePolicy`. */
export interface UnlimitedCallRatePolicy {
  /** Component type. */
  type: "UnlimitedCallRatePolicy";
  /** Matchers. */
  matchers: HttpRequestRegexMatcher[];
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `ValidateAdheresToSchema`. */
export interface ValidateAdheresToSchema {
  /** Component type. */
  type: "ValidateAdheresToSchema";
  /** Base JSON Schema. */
  base_schema: string | { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `ValueType`. */
export type ValueType = "string" | "number" | "integer" | "boolean";

/** Manifest definition `WaitTimeFromHeader`. */
export interface WaitTimeFromHeader {
  /** Component type. */
  type: "WaitTimeFromHeader";
  /** Response Header Name. */
  header: string;
  /** Extraction Regex. */
  regex?: string;
  /** Max Waiting Time in Seconds. */
  max_waiting_time_in_seconds?: number | string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `WaitUntilTimeFromHeader`. */
export interface WaitUntilTimeFromHeader {
  /** Component type. */
  type: "WaitUntilTimeFromHeader";
  /** Response Header. */
  header: string;
  /** Minimum Wait Time. */
  min_wait?: number | string;
  /** Extraction Regex. */
  regex?: string;
  /** Max Waiting Time in Seconds. */
  max_waiting_time_in_seconds?: number | string;
  /** Parameters passed down to nested components. */
  $parameters?: { [key: string]: unknown };
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `XmlDecoder`. */
export interface XmlDecoder {
  /** Component type. */
  type: "XmlDecoder";
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Manifest definition `ZipfileDecoder`. */
export interface ZipfileDecoder {
  /** Component type. */
  type: "ZipfileDecoder";
  /** Parser. */
  decoder: CsvDecoder | GzipDecoder | JsonDecoder | JsonItemsDecoder | JsonlDecoder;
  /** Other keys (e.g. propagated `$parameters`) are kept. */
  [key: string]: unknown;
}

/** Every component that has a `type`. */
export type ManifestComponent =
  | AddFields
  | AddedFieldDefinition
  | ApiKeyAuthenticator
  | AsyncJobStatusMap
  | AsyncRetriever
  | BasicHttpAuthenticator
  | BearerAuthenticator
  | BlockSimultaneousSyncsAction
  | CheckDynamicStream
  | CheckStream
  | ComponentMappingDefinition
  | CompositeErrorHandler
  | ConcurrencyLevel
  | ConditionalStreams
  | ConfigAddFields
  | ConfigComponentsResolver
  | ConfigMigration
  | ConfigRemapField
  | ConfigRemoveFields
  | ConstantBackoffStrategy
  | CsvDecoder
  | CursorPagination
  | CustomAuthenticator
  | CustomBackoffStrategy
  | CustomConfigTransformation
  | CustomDecoder
  | CustomErrorHandler
  | CustomPaginationStrategy
  | CustomPartitionRouter
  | CustomRecordExtractor
  | CustomRecordFilter
  | CustomRequester
  | CustomRetriever
  | CustomSchemaLoader
  | CustomSchemaNormalization
  | CustomStateMigration
  | CustomTransformation
  | CustomValidationStrategy
  | DatetimeBasedCursor
  | DeclarativeStream
  | DefaultErrorHandler
  | DefaultPaginator
  | DpathExtractor
  | DpathFlattenFields
  | DpathValidator
  | DynamicDeclarativeStream
  | DynamicSchemaLoader
  | DynamicStreamCheckConfig
  | ExponentialBackoffStrategy
  | FixedWindowCallRatePolicy
  | FlattenFields
  | GroupByKeyMergeStrategy
  | GroupingPartitionRouter
  | GzipDecoder
  | HTTPAPIBudget
  | HttpComponentsResolver
  | HttpRequester
  | HttpResponseFilter
  | IncrementingCountCursor
  | InlineSchemaLoader
  | IterableDecoder
  | JsonDecoder
  | JsonFileSchemaLoader
  | JsonItemsDecoder
  | JsonSchemaPropertySelector
  | JsonlDecoder
  | JwtAuthenticator
  | KeyTransformation
  | KeysReplace
  | KeysToLower
  | KeysToSnakeCase
  | LegacySessionTokenAuthenticator
  | LegacyToPerPartitionStateMigration
  | ListPartitionRouter
  | MinMaxDatetime
  | MovingWindowCallRatePolicy
  | NoAuth
  | NoPagination
  | OAuthAuthenticator
  | OffsetIncrement
  | PageIncrement
  | PaginationReset
  | PaginationResetLimits
  | ParametrizedComponentsResolver
  | ParentStreamConfig
  | PredicateValidator
  | PropertiesFromEndpoint
  | PropertyChunking
  | QueryProperties
  | QuotaStatusSource
  | RateLimitedMultipleTokenAuthenticator
  | RecordExpander
  | RecordFilter
  | RecordSelector
  | RemoveFields
  | RequestBodyGraphQL
  | RequestBodyJsonObject
  | RequestBodyPlainText
  | RequestBodyUrlEncodedForm
  | RequestOption
  | RequestPath
  | ResponseToFileExtractor
  | SchemaTypeIdentifier
  | SelectiveAuthenticator
  | SessionTokenAuthenticator
  | SessionTokenRequestApiKeyAuthenticator
  | SessionTokenRequestBearerAuthenticator
  | SimpleRetriever
  | Spec
  | StateDelegatingStream
  | StreamConfig
  | StreamParametersDefinition
  | SubstreamPartitionRouter
  | TokenQuota
  | UnionPartitionRouter
  | UnlimitedCallRatePolicy
  | ValidateAdheresToSchema
  | WaitTimeFromHeader
  | WaitUntilTimeFromHeader
  | XmlDecoder
  | ZipfileDecoder;
