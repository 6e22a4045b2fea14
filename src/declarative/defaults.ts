/**
 * Default component types: a manifest may omit `type` where the parent component and field imply it
 * (e.g. the `retriever` of a `DeclarativeStream` is a `SimpleRetriever`). The table matches the reference
 * CDK's transformer, including its quirks: only these exact `Parent.field` pairs get a default, so for
 * example a paginator's `page_token_option` (RequestOption or RequestPath) must state its type.
 * @module
 */

/** `ParentType.field` -> default component type, for components without `class_name`. */
export const DEFAULT_COMPONENT_TYPES: Readonly<Record<string, string>> = Object.freeze({
  "CompositeErrorHandler.error_handlers": "DefaultErrorHandler",
  "CursorPagination.decoder": "JsonDecoder",
  "DatetimeBasedCursor.end_datetime": "MinMaxDatetime",
  "DatetimeBasedCursor.end_time_option": "RequestOption",
  "DatetimeBasedCursor.start_datetime": "MinMaxDatetime",
  "DatetimeBasedCursor.start_time_option": "RequestOption",
  "DeclarativeSource.check": "CheckStream",
  "DeclarativeSource.spec": "Spec",
  "DeclarativeSource.streams": "DeclarativeStream",
  "DeclarativeStream.retriever": "SimpleRetriever",
  "DeclarativeStream.schema_loader": "JsonFileSchemaLoader",
  "DynamicDeclarativeStream.stream_template": "DeclarativeStream",
  // The reference names a type that does not exist here (ConfigComponentsResolver is the real one), so an
  // untyped components_resolver fails validation there too; kept identical on purpose.
  "DynamicDeclarativeStream.components_resolver": "ConfigComponentResolver",
  "HttpComponentsResolver.retriever": "SimpleRetriever",
  "HttpComponentsResolver.components_mapping": "ComponentMappingDefinition",
  "ConfigComponentsResolver.stream_config": "StreamConfig",
  "ConfigComponentsResolver.components_mapping": "ComponentMappingDefinition",
  "DefaultErrorHandler.response_filters": "HttpResponseFilter",
  "DefaultPaginator.decoder": "JsonDecoder",
  "DefaultPaginator.page_size_option": "RequestOption",
  "DpathExtractor.decoder": "JsonDecoder",
  "DpathExtractor.record_expander": "RecordExpander",
  "HttpRequester.error_handler": "DefaultErrorHandler",
  "ListPartitionRouter.request_option": "RequestOption",
  "ParentStreamConfig.request_option": "RequestOption",
  "ParentStreamConfig.stream": "DeclarativeStream",
  "RecordExpander.parent_fields": "ParentFieldPath",
  "RecordSelector.extractor": "DpathExtractor",
  "RecordSelector.record_filter": "RecordFilter",
  "SimpleRetriever.paginator": "NoPagination",
  "SimpleRetriever.record_selector": "RecordSelector",
  "SimpleRetriever.requester": "HttpRequester",
  "SubstreamPartitionRouter.parent_stream_configs": "ParentStreamConfig",
  "AddFields.fields": "AddedFieldDefinition",
  "CustomPartitionRouter.parent_stream_configs": "ParentStreamConfig",
  "DynamicSchemaLoader.retriever": "SimpleRetriever",
  "SchemaTypeIdentifier.types_map": "TypesMap",
});

/** `ParentType.field` -> default custom type, for components that have a `class_name` but no `type`. */
export const DEFAULT_CUSTOM_COMPONENT_TYPES: Readonly<Record<string, string>> = Object.freeze({
  "CompositeErrorHandler.backoff_strategies": "CustomBackoffStrategy",
  "DeclarativeStream.retriever": "CustomRetriever",
  "DeclarativeStream.transformations": "CustomTransformation",
  "DefaultErrorHandler.backoff_strategies": "CustomBackoffStrategy",
  "DefaultPaginator.pagination_strategy": "CustomPaginationStrategy",
  "HttpRequester.authenticator": "CustomAuthenticator",
  "HttpRequester.error_handler": "CustomErrorHandler",
  "RecordSelector.extractor": "CustomRecordExtractor",
  "SimpleRetriever.partition_router": "CustomPartitionRouter",
});

/**
 * The type a component without `type` gets, given the `ParentType.field` it sits in and whether it has a
 * `class_name` (custom components use a separate table).
 *
 * @example
 * ```ts
 * import { defaultComponentType } from "./defaults.ts";
 * if (defaultComponentType("AddFields.fields", false) !== "AddedFieldDefinition") throw new Error();
 * if (defaultComponentType("HttpRequester.authenticator", true) !== "CustomAuthenticator") throw new Error();
 * if (defaultComponentType("HttpRequester.authenticator", false) !== undefined) throw new Error();
 * ```
 */
export function defaultComponentType(parentField: string, hasClassName: boolean): string | undefined {
  const table = hasClassName ? DEFAULT_CUSTOM_COMPONENT_TYPES : DEFAULT_COMPONENT_TYPES;
  return Object.hasOwn(table, parentField) ? table[parentField] : undefined;
}
