/**
 * Per-definition facts used for messages: fields (for "did you mean"), required fields, deprecations.
 * Drafted by generate_schemas.py from declarative_component_schema.yaml, reviewed.
 * @module
 */

/** Facts about one schema definition. */
export interface DefinitionMeta {
  /** The `type` value of the component, when it has one (differs from the name for ApiKey/Bearer). */
  type?: string;
  /** Declared fields. */
  fields?: readonly string[];
  /** Required fields. */
  required?: readonly string[];
  /** Deprecated fields -> deprecation message. */
  deprecatedFields?: Readonly<Record<string, string>>;
  /** Deprecation message when the whole component is deprecated. */
  deprecated?: string;
  /** True when unknown keys are rejected. */
  closed?: boolean;
}

/** Facts per definition name. */
export const DEFINITIONS: Readonly<Record<string, DefinitionMeta>> = {
  "AddFields": {
    "type": "AddFields",
    "fields": [
      "type",
      "fields",
      "condition",
      "$parameters",
    ],
    "required": [
      "type",
      "fields",
    ],
  },
  "AddedFieldDefinition": {
    "type": "AddedFieldDefinition",
    "fields": [
      "type",
      "path",
      "value",
      "value_type",
      "$parameters",
    ],
    "required": [
      "type",
      "path",
      "value",
    ],
  },
  "ApiKeyAuthenticator": {
    "type": "ApiKeyAuthenticator",
    "fields": [
      "type",
      "api_token",
      "header",
      "inject_into",
      "$parameters",
    ],
    "required": [
      "type",
    ],
  },
  "AsyncJobStatusMap": {
    "type": "AsyncJobStatusMap",
    "fields": [
      "type",
      "running",
      "completed",
      "failed",
      "timeout",
      "skipped",
    ],
    "required": [
      "running",
      "completed",
      "failed",
      "timeout",
    ],
  },
  "AsyncRetriever": {
    "type": "AsyncRetriever",
    "fields": [
      "type",
      "record_selector",
      "status_mapping",
      "status_extractor",
      "download_target_extractor",
      "download_extractor",
      "creation_requester",
      "polling_requester",
      "polling_job_timeout",
      "failed_retry_wait_time_in_seconds",
      "download_target_requester",
      "download_requester",
      "download_paginator",
      "abort_requester",
      "delete_requester",
      "partition_router",
      "decoder",
      "download_decoder",
      "$parameters",
    ],
    "required": [
      "type",
      "record_selector",
      "status_mapping",
      "creation_requester",
      "polling_requester",
      "download_requester",
      "status_extractor",
    ],
  },
  "AuthFlow": {
    "fields": [
      "auth_flow_type",
      "predicate_key",
      "predicate_value",
      "oauth_config_specification",
    ],
    "required": [],
  },
  "BasicHttpAuthenticator": {
    "type": "BasicHttpAuthenticator",
    "fields": [
      "type",
      "username",
      "password",
      "$parameters",
    ],
    "required": [
      "type",
      "username",
    ],
  },
  "BearerAuthenticator": {
    "type": "BearerAuthenticator",
    "fields": [
      "type",
      "api_token",
      "$parameters",
    ],
    "required": [
      "type",
      "api_token",
    ],
  },
  "BlockSimultaneousSyncsAction": {
    "type": "BlockSimultaneousSyncsAction",
    "fields": [
      "type",
    ],
    "required": [
      "type",
    ],
  },
  "CheckDynamicStream": {
    "type": "CheckDynamicStream",
    "fields": [
      "type",
      "stream_count",
      "use_check_availability",
      "config_overrides",
    ],
    "required": [
      "type",
      "stream_count",
    ],
  },
  "CheckStream": {
    "type": "CheckStream",
    "fields": [
      "type",
      "stream_names",
      "dynamic_streams_check_configs",
      "config_overrides",
    ],
    "required": [
      "type",
    ],
  },
  "ComplexFieldType": {
    "fields": [
      "field_type",
      "items",
    ],
    "required": [
      "field_type",
    ],
  },
  "ComponentMappingDefinition": {
    "type": "ComponentMappingDefinition",
    "fields": [
      "type",
      "field_path",
      "value",
      "value_type",
      "create_or_update",
      "condition",
      "$parameters",
    ],
    "required": [
      "type",
      "field_path",
      "value",
    ],
  },
  "CompositeErrorHandler": {
    "type": "CompositeErrorHandler",
    "fields": [
      "type",
      "error_handlers",
      "$parameters",
    ],
    "required": [
      "type",
      "error_handlers",
    ],
  },
  "ConcurrencyLevel": {
    "type": "ConcurrencyLevel",
    "fields": [
      "type",
      "default_concurrency",
      "max_concurrency",
      "$parameters",
    ],
    "required": [
      "default_concurrency",
    ],
  },
  "ConditionalStreams": {
    "type": "ConditionalStreams",
    "fields": [
      "type",
      "condition",
      "streams",
      "$parameters",
    ],
    "required": [
      "type",
      "streams",
      "condition",
    ],
  },
  "ConfigAddFields": {
    "type": "ConfigAddFields",
    "fields": [
      "type",
      "fields",
      "condition",
    ],
    "required": [
      "type",
      "fields",
    ],
  },
  "ConfigComponentsResolver": {
    "type": "ConfigComponentsResolver",
    "fields": [
      "type",
      "stream_config",
      "components_mapping",
      "$parameters",
    ],
    "required": [
      "type",
      "stream_config",
      "components_mapping",
    ],
  },
  "ConfigMigration": {
    "type": "ConfigMigration",
    "fields": [
      "type",
      "description",
      "transformations",
    ],
    "required": [
      "type",
      "transformations",
    ],
  },
  "ConfigRemapField": {
    "type": "ConfigRemapField",
    "fields": [
      "type",
      "map",
      "field_path",
    ],
    "required": [
      "type",
      "map",
      "field_path",
    ],
  },
  "ConfigRemoveFields": {
    "type": "ConfigRemoveFields",
    "fields": [
      "type",
      "field_pointers",
      "condition",
    ],
    "required": [
      "type",
      "field_pointers",
    ],
  },
  "ConstantBackoffStrategy": {
    "type": "ConstantBackoffStrategy",
    "fields": [
      "type",
      "backoff_time_in_seconds",
      "jitter_range_in_seconds",
      "$parameters",
    ],
    "required": [
      "type",
      "backoff_time_in_seconds",
    ],
  },
  "CsvDecoder": {
    "type": "CsvDecoder",
    "fields": [
      "type",
      "encoding",
      "delimiter",
      "set_values_to_none",
    ],
    "required": [
      "type",
    ],
  },
  "CursorPagination": {
    "type": "CursorPagination",
    "fields": [
      "type",
      "cursor_value",
      "page_size",
      "stop_condition",
      "$parameters",
    ],
    "required": [
      "type",
      "cursor_value",
    ],
  },
  "CustomAuthenticator": {
    "type": "CustomAuthenticator",
    "fields": [
      "type",
      "class_name",
      "$parameters",
    ],
    "required": [
      "type",
      "class_name",
    ],
  },
  "CustomBackoffStrategy": {
    "type": "CustomBackoffStrategy",
    "fields": [
      "type",
      "class_name",
      "$parameters",
    ],
    "required": [
      "type",
      "class_name",
    ],
  },
  "CustomConfigTransformation": {
    "type": "CustomConfigTransformation",
    "fields": [
      "type",
      "class_name",
      "$parameters",
    ],
    "required": [
      "type",
      "class_name",
    ],
  },
  "CustomDecoder": {
    "type": "CustomDecoder",
    "fields": [
      "type",
      "class_name",
      "$parameters",
    ],
    "required": [
      "type",
      "class_name",
    ],
  },
  "CustomErrorHandler": {
    "type": "CustomErrorHandler",
    "fields": [
      "type",
      "class_name",
      "$parameters",
    ],
    "required": [
      "type",
      "class_name",
    ],
  },
  "CustomPaginationStrategy": {
    "type": "CustomPaginationStrategy",
    "fields": [
      "type",
      "class_name",
      "$parameters",
    ],
    "required": [
      "type",
      "class_name",
    ],
  },
  "CustomPartitionRouter": {
    "type": "CustomPartitionRouter",
    "fields": [
      "type",
      "class_name",
      "$parameters",
    ],
    "required": [
      "type",
      "class_name",
    ],
  },
  "CustomRecordExtractor": {
    "type": "CustomRecordExtractor",
    "fields": [
      "type",
      "class_name",
      "$parameters",
    ],
    "required": [
      "type",
      "class_name",
    ],
  },
  "CustomRecordFilter": {
    "type": "CustomRecordFilter",
    "fields": [
      "type",
      "class_name",
      "$parameters",
    ],
    "required": [
      "type",
      "class_name",
    ],
  },
  "CustomRequester": {
    "type": "CustomRequester",
    "fields": [
      "type",
      "class_name",
      "$parameters",
    ],
    "required": [
      "type",
      "class_name",
    ],
  },
  "CustomRetriever": {
    "type": "CustomRetriever",
    "fields": [
      "type",
      "class_name",
      "$parameters",
    ],
    "required": [
      "type",
      "class_name",
    ],
  },
  "CustomSchemaLoader": {
    "type": "CustomSchemaLoader",
    "fields": [
      "type",
      "class_name",
      "$parameters",
    ],
    "required": [
      "type",
      "class_name",
    ],
  },
  "CustomSchemaNormalization": {
    "type": "CustomSchemaNormalization",
    "fields": [
      "type",
      "class_name",
      "$parameters",
    ],
    "required": [
      "type",
      "class_name",
    ],
  },
  "CustomStateMigration": {
    "type": "CustomStateMigration",
    "fields": [
      "type",
      "class_name",
      "$parameters",
    ],
    "required": [
      "type",
      "class_name",
    ],
  },
  "CustomTransformation": {
    "type": "CustomTransformation",
    "fields": [
      "type",
      "class_name",
      "$parameters",
    ],
    "required": [
      "type",
      "class_name",
    ],
  },
  "CustomValidationStrategy": {
    "type": "CustomValidationStrategy",
    "fields": [
      "type",
      "class_name",
    ],
    "required": [
      "type",
      "class_name",
    ],
  },
  "DatetimeBasedCursor": {
    "type": "DatetimeBasedCursor",
    "fields": [
      "type",
      "clamping",
      "cursor_field",
      "allow_catalog_defined_cursor_field",
      "cursor_datetime_formats",
      "start_datetime",
      "start_time_option",
      "end_datetime",
      "end_time_option",
      "datetime_format",
      "cursor_granularity",
      "is_data_feed",
      "is_client_side_incremental",
      "is_compare_strictly",
      "global_substream_cursor",
      "lookback_window",
      "partition_field_end",
      "partition_field_start",
      "step",
      "$parameters",
    ],
    "required": [
      "type",
      "cursor_field",
      "datetime_format",
      "start_datetime",
    ],
  },
  "DeclarativeStream": {
    "type": "DeclarativeStream",
    "fields": [
      "type",
      "name",
      "retriever",
      "incremental_sync",
      "primary_key",
      "schema_loader",
      "transformations",
      "state_migrations",
      "file_uploader",
      "$parameters",
    ],
    "required": [
      "type",
      "retriever",
    ],
  },
  "DefaultErrorHandler": {
    "type": "DefaultErrorHandler",
    "fields": [
      "type",
      "backoff_strategies",
      "max_retries",
      "response_filters",
      "$parameters",
    ],
    "required": [
      "type",
    ],
  },
  "DefaultPaginator": {
    "type": "DefaultPaginator",
    "fields": [
      "type",
      "pagination_strategy",
      "page_size_option",
      "page_token_option",
      "$parameters",
    ],
    "required": [
      "type",
      "pagination_strategy",
    ],
  },
  "DpathExtractor": {
    "type": "DpathExtractor",
    "fields": [
      "type",
      "field_path",
      "record_expander",
      "$parameters",
    ],
    "required": [
      "type",
      "field_path",
    ],
  },
  "DpathFlattenFields": {
    "type": "DpathFlattenFields",
    "fields": [
      "type",
      "field_path",
      "delete_origin_value",
      "replace_record",
      "key_transformation",
      "$parameters",
    ],
    "required": [
      "type",
      "field_path",
    ],
  },
  "DpathValidator": {
    "type": "DpathValidator",
    "fields": [
      "type",
      "field_path",
      "validation_strategy",
    ],
    "required": [
      "type",
      "field_path",
      "validation_strategy",
    ],
  },
  "DynamicDeclarativeStream": {
    "type": "DynamicDeclarativeStream",
    "fields": [
      "type",
      "name",
      "stream_template",
      "components_resolver",
      "use_parent_parameters",
    ],
    "required": [
      "type",
      "stream_template",
      "components_resolver",
    ],
  },
  "DynamicSchemaLoader": {
    "type": "DynamicSchemaLoader",
    "fields": [
      "type",
      "retriever",
      "schema_filter",
      "schema_transformations",
      "schema_type_identifier",
      "$parameters",
    ],
    "required": [
      "type",
      "retriever",
      "schema_type_identifier",
    ],
  },
  "DynamicStreamCheckConfig": {
    "type": "DynamicStreamCheckConfig",
    "fields": [
      "type",
      "dynamic_stream_name",
      "stream_count",
    ],
    "required": [
      "type",
      "dynamic_stream_name",
    ],
  },
  "ExponentialBackoffStrategy": {
    "type": "ExponentialBackoffStrategy",
    "fields": [
      "type",
      "factor",
      "jitter_range_in_seconds",
      "$parameters",
    ],
    "required": [
      "type",
    ],
  },
  "FixedWindowCallRatePolicy": {
    "type": "FixedWindowCallRatePolicy",
    "fields": [
      "type",
      "period",
      "call_limit",
      "matchers",
    ],
    "required": [
      "type",
      "period",
      "call_limit",
      "matchers",
    ],
  },
  "FlattenFields": {
    "type": "FlattenFields",
    "fields": [
      "type",
      "flatten_lists",
      "$parameters",
    ],
    "required": [
      "type",
    ],
  },
  "GroupByKeyMergeStrategy": {
    "type": "GroupByKeyMergeStrategy",
    "fields": [
      "type",
      "key",
      "$parameters",
    ],
    "required": [
      "type",
      "key",
    ],
  },
  "GroupingPartitionRouter": {
    "type": "GroupingPartitionRouter",
    "fields": [
      "type",
      "group_size",
      "underlying_partition_router",
      "deduplicate",
      "$parameters",
    ],
    "required": [
      "type",
      "group_size",
      "underlying_partition_router",
    ],
  },
  "GzipDecoder": {
    "type": "GzipDecoder",
    "fields": [
      "type",
      "decoder",
    ],
    "required": [
      "type",
      "decoder",
    ],
  },
  "HTTPAPIBudget": {
    "type": "HTTPAPIBudget",
    "fields": [
      "type",
      "policies",
      "ratelimit_reset_header",
      "ratelimit_remaining_header",
      "status_codes_for_ratelimit_hit",
    ],
    "required": [
      "type",
      "policies",
    ],
  },
  "HttpComponentsResolver": {
    "type": "HttpComponentsResolver",
    "fields": [
      "type",
      "retriever",
      "components_mapping",
      "$parameters",
    ],
    "required": [
      "type",
      "retriever",
      "components_mapping",
    ],
  },
  "HttpRequestRegexMatcher": {
    "fields": [
      "method",
      "url_base",
      "url_path_pattern",
      "params",
      "headers",
      "weight",
    ],
    "required": [],
  },
  "HttpRequester": {
    "type": "HttpRequester",
    "fields": [
      "type",
      "url_base",
      "url",
      "path",
      "http_method",
      "authenticator",
      "fetch_properties_from_endpoint",
      "query_properties",
      "request_parameters",
      "request_headers",
      "request_body_data",
      "request_body_json",
      "request_body",
      "error_handler",
      "use_cache",
      "$parameters",
    ],
    "required": [
      "type",
    ],
    "deprecatedFields": {
      "url_base": "Use `url` field instead.",
      "path": "Use `url` field instead.",
      "fetch_properties_from_endpoint": "Use `query_properties` field instead.",
      "request_body_data": "Use `request_body` field instead.",
      "request_body_json": "Use `request_body` field instead.",
    },
  },
  "HttpResponseFilter": {
    "type": "HttpResponseFilter",
    "fields": [
      "type",
      "action",
      "failure_type",
      "error_message",
      "error_message_contains",
      "http_codes",
      "predicate",
      "$parameters",
    ],
    "required": [
      "type",
    ],
  },
  "IncrementingCountCursor": {
    "type": "IncrementingCountCursor",
    "fields": [
      "type",
      "cursor_field",
      "allow_catalog_defined_cursor_field",
      "start_value",
      "start_value_option",
      "$parameters",
    ],
    "required": [
      "type",
      "cursor_field",
    ],
  },
  "InlineSchemaLoader": {
    "type": "InlineSchemaLoader",
    "fields": [
      "type",
      "schema",
    ],
    "required": [
      "type",
    ],
  },
  "IterableDecoder": {
    "type": "IterableDecoder",
    "fields": [
      "type",
    ],
    "required": [
      "type",
    ],
  },
  "JsonDecoder": {
    "type": "JsonDecoder",
    "fields": [
      "type",
    ],
    "required": [
      "type",
    ],
  },
  "JsonFileSchemaLoader": {
    "type": "JsonFileSchemaLoader",
    "fields": [
      "type",
      "file_path",
      "$parameters",
    ],
    "required": [
      "type",
    ],
    "deprecated": "Use `InlineSchemaLoader` instead.",
  },
  "JsonItemsDecoder": {
    "type": "JsonItemsDecoder",
    "fields": [
      "type",
      "items_path",
      "encoding",
    ],
    "required": [
      "type",
      "items_path",
    ],
  },
  "JsonSchemaPropertySelector": {
    "type": "JsonSchemaPropertySelector",
    "fields": [
      "type",
      "transformations",
      "$parameters",
    ],
    "required": [
      "type",
    ],
  },
  "JsonlDecoder": {
    "type": "JsonlDecoder",
    "fields": [
      "type",
    ],
    "required": [
      "type",
    ],
  },
  "JwtAuthenticator": {
    "type": "JwtAuthenticator",
    "fields": [
      "type",
      "secret_key",
      "base64_encode_secret_key",
      "algorithm",
      "token_duration",
      "header_prefix",
      "jwt_headers",
      "additional_jwt_headers",
      "jwt_payload",
      "additional_jwt_payload",
      "passphrase",
      "request_option",
      "$parameters",
    ],
    "required": [
      "type",
      "secret_key",
      "algorithm",
    ],
  },
  "KeyTransformation": {
    "type": "KeyTransformation",
    "fields": [
      "type",
      "prefix",
      "suffix",
    ],
    "required": [
      "type",
    ],
  },
  "KeysReplace": {
    "type": "KeysReplace",
    "fields": [
      "type",
      "old",
      "new",
      "$parameters",
    ],
    "required": [
      "type",
      "old",
      "new",
    ],
  },
  "KeysToLower": {
    "type": "KeysToLower",
    "fields": [
      "type",
      "$parameters",
    ],
    "required": [
      "type",
    ],
  },
  "KeysToSnakeCase": {
    "type": "KeysToSnakeCase",
    "fields": [
      "type",
      "$parameters",
    ],
    "required": [
      "type",
    ],
  },
  "LegacySessionTokenAuthenticator": {
    "type": "LegacySessionTokenAuthenticator",
    "fields": [
      "type",
      "header",
      "login_url",
      "session_token",
      "session_token_response_key",
      "username",
      "password",
      "validate_session_url",
      "$parameters",
    ],
    "required": [
      "type",
      "header",
      "login_url",
      "session_token_response_key",
      "validate_session_url",
    ],
    "deprecated": "deprecated",
  },
  "LegacyToPerPartitionStateMigration": {
    "type": "LegacyToPerPartitionStateMigration",
    "fields": [
      "type",
    ],
    "required": [],
  },
  "ListPartitionRouter": {
    "type": "ListPartitionRouter",
    "fields": [
      "type",
      "cursor_field",
      "values",
      "request_option",
      "$parameters",
    ],
    "required": [
      "type",
      "cursor_field",
      "values",
    ],
  },
  "MinMaxDatetime": {
    "type": "MinMaxDatetime",
    "fields": [
      "type",
      "datetime",
      "datetime_format",
      "max_datetime",
      "min_datetime",
      "$parameters",
    ],
    "required": [
      "type",
      "datetime",
    ],
  },
  "MovingWindowCallRatePolicy": {
    "type": "MovingWindowCallRatePolicy",
    "fields": [
      "type",
      "rates",
      "matchers",
    ],
    "required": [
      "type",
      "rates",
      "matchers",
    ],
  },
  "NoAuth": {
    "type": "NoAuth",
    "fields": [
      "type",
      "$parameters",
    ],
    "required": [
      "type",
    ],
  },
  "NoPagination": {
    "type": "NoPagination",
    "fields": [
      "type",
    ],
    "required": [
      "type",
    ],
  },
  "OAuthAuthenticator": {
    "type": "OAuthAuthenticator",
    "fields": [
      "type",
      "client_id_name",
      "client_id",
      "client_secret_name",
      "client_secret",
      "refresh_token_name",
      "refresh_token",
      "token_refresh_endpoint",
      "access_token_name",
      "access_token_value",
      "expires_in_name",
      "grant_type_name",
      "grant_type",
      "refresh_request_body",
      "refresh_request_headers",
      "send_refresh_request_as_query_params",
      "scopes",
      "token_expiry_date",
      "token_expiry_date_format",
      "refresh_token_error_status_codes",
      "refresh_token_error_key",
      "refresh_token_error_values",
      "refresh_token_updater",
      "profile_assertion",
      "use_profile_assertion",
      "$parameters",
    ],
    "required": [
      "type",
    ],
  },
  "OAuthConfigSpecification": {
    "fields": [
      "oauth_user_input_from_connector_config_specification",
      "oauth_connector_input_specification",
      "complete_oauth_output_specification",
      "complete_oauth_server_input_specification",
      "complete_oauth_server_output_specification",
    ],
    "required": [],
  },
  "OffsetIncrement": {
    "type": "OffsetIncrement",
    "fields": [
      "type",
      "page_size",
      "inject_on_first_request",
      "$parameters",
    ],
    "required": [
      "type",
    ],
  },
  "PageIncrement": {
    "type": "PageIncrement",
    "fields": [
      "type",
      "page_size",
      "start_from_page",
      "inject_on_first_request",
      "$parameters",
    ],
    "required": [
      "type",
    ],
  },
  "PaginationReset": {
    "type": "PaginationReset",
    "fields": [
      "type",
      "action",
      "limits",
    ],
    "required": [
      "type",
      "action",
    ],
  },
  "PaginationResetLimits": {
    "type": "PaginationResetLimits",
    "fields": [
      "type",
      "number_of_records",
    ],
    "required": [
      "type",
    ],
  },
  "ParametrizedComponentsResolver": {
    "type": "ParametrizedComponentsResolver",
    "fields": [
      "type",
      "stream_parameters",
      "components_mapping",
      "$parameters",
    ],
    "required": [
      "type",
      "stream_parameters",
      "components_mapping",
    ],
  },
  "ParentStreamConfig": {
    "type": "ParentStreamConfig",
    "fields": [
      "type",
      "stream",
      "parent_key",
      "partition_field",
      "request_option",
      "incremental_dependency",
      "lazy_read_pointer",
      "extra_fields",
      "$parameters",
    ],
    "required": [
      "type",
      "parent_key",
      "partition_field",
      "stream",
    ],
  },
  "PredicateValidator": {
    "type": "PredicateValidator",
    "fields": [
      "type",
      "value",
      "validation_strategy",
    ],
    "required": [
      "type",
      "value",
      "validation_strategy",
    ],
  },
  "PrimaryKey": {},
  "PropertiesFromEndpoint": {
    "type": "PropertiesFromEndpoint",
    "fields": [
      "type",
      "property_field_path",
      "retriever",
      "$parameters",
    ],
    "required": [
      "type",
      "property_field_path",
      "retriever",
    ],
  },
  "PropertyChunking": {
    "type": "PropertyChunking",
    "fields": [
      "type",
      "property_limit_type",
      "property_limit",
      "record_merge_strategy",
      "$parameters",
    ],
    "required": [
      "type",
      "property_limit_type",
    ],
  },
  "QueryProperties": {
    "type": "QueryProperties",
    "fields": [
      "type",
      "property_list",
      "always_include_properties",
      "property_chunking",
      "property_selector",
      "$parameters",
    ],
    "required": [
      "type",
      "property_list",
    ],
  },
  "QuotaStatusSource": {
    "type": "QuotaStatusSource",
    "fields": [
      "type",
      "url",
      "http_method",
      "request_headers",
      "unavailable_status_codes",
      "$parameters",
    ],
    "required": [
      "type",
      "url",
    ],
  },
  "Rate": {
    "fields": [
      "limit",
      "interval",
    ],
    "required": [
      "limit",
      "interval",
    ],
  },
  "RateLimitedMultipleTokenAuthenticator": {
    "type": "RateLimitedMultipleTokenAuthenticator",
    "fields": [
      "type",
      "tokens",
      "token_delimiter",
      "auth_method",
      "header",
      "quota_status_source",
      "quotas",
      "max_wait_time",
      "budget_reserve_fraction",
      "budget_min_reserve",
      "$parameters",
    ],
    "required": [
      "type",
      "tokens",
      "quota_status_source",
      "quotas",
    ],
  },
  "RecordExpander": {
    "type": "RecordExpander",
    "fields": [
      "type",
      "expand_records_from_field",
      "remain_original_record",
      "on_no_records",
      "$parameters",
    ],
    "required": [
      "type",
      "expand_records_from_field",
    ],
  },
  "RecordFilter": {
    "type": "RecordFilter",
    "fields": [
      "type",
      "condition",
      "$parameters",
    ],
    "required": [
      "type",
    ],
  },
  "RecordSelector": {
    "type": "RecordSelector",
    "fields": [
      "type",
      "extractor",
      "record_filter",
      "schema_normalization",
      "transform_before_filtering",
      "$parameters",
    ],
    "required": [
      "type",
      "extractor",
    ],
  },
  "RemoveFields": {
    "type": "RemoveFields",
    "fields": [
      "type",
      "condition",
      "field_pointers",
    ],
    "required": [
      "type",
      "field_pointers",
    ],
  },
  "RequestBodyGraphQL": {
    "type": "RequestBodyGraphQL",
    "fields": [
      "type",
      "value",
    ],
    "required": [
      "type",
      "value",
    ],
  },
  "RequestBodyGraphQlQuery": {
    "fields": [
      "query",
    ],
    "required": [
      "query",
    ],
  },
  "RequestBodyJsonObject": {
    "type": "RequestBodyJsonObject",
    "fields": [
      "type",
      "value",
    ],
    "required": [
      "type",
      "value",
    ],
  },
  "RequestBodyPlainText": {
    "type": "RequestBodyPlainText",
    "fields": [
      "type",
      "value",
    ],
    "required": [
      "type",
      "value",
    ],
  },
  "RequestBodyUrlEncodedForm": {
    "type": "RequestBodyUrlEncodedForm",
    "fields": [
      "type",
      "value",
    ],
    "required": [
      "type",
      "value",
    ],
  },
  "RequestOption": {
    "type": "RequestOption",
    "fields": [
      "type",
      "inject_into",
      "field_name",
      "field_path",
    ],
    "required": [
      "type",
      "inject_into",
    ],
  },
  "RequestPath": {
    "type": "RequestPath",
    "fields": [
      "type",
    ],
    "required": [
      "type",
    ],
  },
  "ResponseToFileExtractor": {
    "type": "ResponseToFileExtractor",
    "fields": [
      "type",
      "preserve_na_values",
      "$parameters",
    ],
    "required": [
      "type",
    ],
  },
  "SchemaNormalization": {},
  "SchemaTypeIdentifier": {
    "type": "SchemaTypeIdentifier",
    "fields": [
      "type",
      "schema_pointer",
      "key_pointer",
      "type_pointer",
      "types_mapping",
      "$parameters",
    ],
    "required": [
      "key_pointer",
    ],
  },
  "Schemas": {},
  "SelectiveAuthenticator": {
    "type": "SelectiveAuthenticator",
    "fields": [
      "type",
      "authenticator_selection_path",
      "authenticators",
      "$parameters",
    ],
    "required": [
      "type",
      "authenticators",
      "authenticator_selection_path",
    ],
  },
  "SessionTokenAuthenticator": {
    "type": "SessionTokenAuthenticator",
    "fields": [
      "type",
      "login_requester",
      "session_token_path",
      "expiration_duration",
      "request_authentication",
      "decoder",
      "$parameters",
    ],
    "required": [
      "type",
      "login_requester",
      "session_token_path",
      "request_authentication",
    ],
  },
  "SessionTokenRequestApiKeyAuthenticator": {
    "type": "ApiKey",
    "fields": [
      "type",
      "inject_into",
      "api_token",
    ],
    "required": [
      "type",
      "inject_into",
    ],
  },
  "SessionTokenRequestBearerAuthenticator": {
    "type": "Bearer",
    "fields": [
      "type",
    ],
    "required": [
      "type",
    ],
  },
  "SimpleRetriever": {
    "type": "SimpleRetriever",
    "fields": [
      "type",
      "requester",
      "decoder",
      "record_selector",
      "paginator",
      "pagination_reset",
      "ignore_stream_slicer_parameters_on_paginated_requests",
      "partition_router",
      "$parameters",
    ],
    "required": [
      "type",
      "record_selector",
      "requester",
    ],
  },
  "Spec": {
    "type": "Spec",
    "fields": [
      "type",
      "connection_specification",
      "documentation_url",
      "advanced_auth",
      "config_normalization_rules",
    ],
    "required": [
      "type",
      "connection_specification",
    ],
  },
  "StateDelegatingStream": {
    "type": "StateDelegatingStream",
    "fields": [
      "type",
      "name",
      "full_refresh_stream",
      "incremental_stream",
      "api_retention_period",
      "$parameters",
    ],
    "required": [
      "type",
      "name",
      "full_refresh_stream",
      "incremental_stream",
    ],
  },
  "StreamConfig": {
    "type": "StreamConfig",
    "fields": [
      "type",
      "configs_pointer",
      "default_values",
      "$parameters",
    ],
    "required": [
      "type",
      "configs_pointer",
    ],
  },
  "StreamGroup": {
    "fields": [
      "streams",
      "action",
    ],
    "required": [
      "streams",
      "action",
    ],
  },
  "StreamParametersDefinition": {
    "type": "StreamParametersDefinition",
    "fields": [
      "type",
      "list_of_parameters_for_stream",
    ],
    "required": [
      "type",
      "list_of_parameters_for_stream",
    ],
  },
  "SubstreamPartitionRouter": {
    "type": "SubstreamPartitionRouter",
    "fields": [
      "type",
      "parent_stream_configs",
      "$parameters",
    ],
    "required": [
      "type",
      "parent_stream_configs",
    ],
  },
  "TokenQuota": {
    "type": "TokenQuota",
    "fields": [
      "type",
      "name",
      "remaining_path",
      "reset_path",
      "limit_path",
      "matchers",
      "remaining_header",
      "reset_header",
      "limit_header",
      "exhaustion_status_codes",
      "$parameters",
    ],
    "required": [
      "type",
      "name",
      "remaining_path",
      "reset_path",
    ],
  },
  "TypesMap": {
    "fields": [
      "target_type",
      "current_type",
      "condition",
    ],
    "required": [
      "target_type",
      "current_type",
    ],
  },
  "UnionPartitionRouter": {
    "type": "UnionPartitionRouter",
    "fields": [
      "type",
      "partition_field",
      "partition_routers",
      "$parameters",
    ],
    "required": [
      "type",
      "partition_field",
      "partition_routers",
    ],
  },
  "UnlimitedCallRatePolicy": {
    "type": "UnlimitedCallRatePolicy",
    "fields": [
      "type",
      "matchers",
    ],
    "required": [
      "type",
      "matchers",
    ],
  },
  "ValidateAdheresToSchema": {
    "type": "ValidateAdheresToSchema",
    "fields": [
      "type",
      "base_schema",
    ],
    "required": [
      "type",
      "base_schema",
    ],
  },
  "ValueType": {},
  "WaitTimeFromHeader": {
    "type": "WaitTimeFromHeader",
    "fields": [
      "type",
      "header",
      "regex",
      "max_waiting_time_in_seconds",
      "$parameters",
    ],
    "required": [
      "type",
      "header",
    ],
  },
  "WaitUntilTimeFromHeader": {
    "type": "WaitUntilTimeFromHeader",
    "fields": [
      "type",
      "header",
      "min_wait",
      "regex",
      "max_waiting_time_in_seconds",
      "$parameters",
    ],
    "required": [
      "type",
      "header",
    ],
  },
  "XmlDecoder": {
    "type": "XmlDecoder",
    "fields": [
      "type",
    ],
    "required": [
      "type",
    ],
  },
  "ZipfileDecoder": {
    "type": "ZipfileDecoder",
    "fields": [
      "type",
      "decoder",
    ],
    "required": [
      "type",
      "decoder",
    ],
  },
};

/** Facts about the manifest root (DeclarativeSource). */
export const ROOT: DefinitionMeta = {
  "fields": [
    "type",
    "check",
    "streams",
    "dynamic_streams",
    "version",
    "schemas",
    "definitions",
    "spec",
    "concurrency_level",
    "api_budget",
    "stream_groups",
    "max_concurrent_async_job_count",
    "metadata",
    "description",
  ],
  "required": [
    "type",
    "check",
    "version",
  ],
  "closed": true,
};
