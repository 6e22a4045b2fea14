/**
 * Zod schemas for requesters, request options and bodies, rate limits, one per definition of Airbyte's
 * declarative_component_schema.yaml (drafted by generate_schemas.py, reviewed). Unknown keys are
 * allowed wherever the schema allows them, as the reference's JSON-schema validation does.
 * @module
 */
import { z } from "../../_deps/zod.ts";
import { components, ref } from "./ref.ts";

/** Requesters, request options and bodies, rate limits, by definition name. */
export const HTTP_SCHEMAS: Record<string, z.ZodType> = {
  FixedWindowCallRatePolicy: z.looseObject({
    type: z.enum(["FixedWindowCallRatePolicy"]),
    period: z.string(),
    call_limit: z.number().int(),
    matchers: z.array(ref("HttpRequestRegexMatcher")),
  }),
  GroupByKeyMergeStrategy: z.looseObject({
    type: z.enum(["GroupByKeyMergeStrategy"]),
    key: z.union([z.string(), z.array(z.string())]),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  HTTPAPIBudget: z.looseObject({
    type: z.enum(["HTTPAPIBudget"]),
    policies: z.array(
      components(["FixedWindowCallRatePolicy", "MovingWindowCallRatePolicy", "UnlimitedCallRatePolicy"]),
    ),
    ratelimit_reset_header: z.string().optional(),
    ratelimit_remaining_header: z.string().optional(),
    status_codes_for_ratelimit_hit: z.array(z.number().int()).optional(),
  }),
  HttpRequestRegexMatcher: z.looseObject({
    method: z.string().optional(),
    url_base: z.string().optional(),
    url_path_pattern: z.string().optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    headers: z.record(z.string(), z.unknown()).optional(),
    weight: z.union([z.number().int(), z.string()]).optional(),
  }),
  HttpRequester: z.looseObject({
    type: z.enum(["HttpRequester"]),
    url_base: z.string().optional(),
    url: z.string().optional(),
    path: z.string().optional(),
    http_method: z.enum(["GET", "POST"]).optional(),
    authenticator: components([
      "ApiKeyAuthenticator",
      "BasicHttpAuthenticator",
      "BearerAuthenticator",
      "OAuthAuthenticator",
      "JwtAuthenticator",
      "SessionTokenAuthenticator",
      "SelectiveAuthenticator",
      "CustomAuthenticator",
      "NoAuth",
      "LegacySessionTokenAuthenticator",
      "RateLimitedMultipleTokenAuthenticator",
    ]).optional(),
    fetch_properties_from_endpoint: components(["PropertiesFromEndpoint"]).optional(),
    query_properties: components(["QueryProperties"]).optional(),
    request_parameters: z.union([
      z.record(z.string(), z.union([z.string(), components(["QueryProperties"])])),
      z.string(),
    ]).optional(),
    request_headers: z.union([z.record(z.string(), z.string()), z.string()]).optional(),
    request_body_data: z.union([z.record(z.string(), z.string()), z.string()]).optional(),
    request_body_json: z.union([z.record(z.string(), z.unknown()), z.string()]).optional(),
    request_body: components([
      "RequestBodyPlainText",
      "RequestBodyUrlEncodedForm",
      "RequestBodyJsonObject",
      "RequestBodyGraphQL",
    ]).optional(),
    error_handler: components(["DefaultErrorHandler", "CompositeErrorHandler", "CustomErrorHandler"])
      .optional(),
    use_cache: z.boolean().optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  MovingWindowCallRatePolicy: z.looseObject({
    type: z.enum(["MovingWindowCallRatePolicy"]),
    rates: z.array(ref("Rate")),
    matchers: z.array(ref("HttpRequestRegexMatcher")),
  }),
  PropertiesFromEndpoint: z.looseObject({
    type: z.enum(["PropertiesFromEndpoint"]),
    property_field_path: z.array(z.string()),
    retriever: components(["SimpleRetriever", "CustomRetriever"]),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  PropertyChunking: z.looseObject({
    type: z.enum(["PropertyChunking"]),
    property_limit_type: z.enum(["characters", "property_count"]),
    property_limit: z.number().int().optional(),
    record_merge_strategy: components(["GroupByKeyMergeStrategy"]).optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  QueryProperties: z.looseObject({
    type: z.enum(["QueryProperties"]),
    property_list: z.union([z.array(z.string()), components(["PropertiesFromEndpoint"])]),
    always_include_properties: z.array(z.string()).optional(),
    property_chunking: components(["PropertyChunking"]).optional(),
    property_selector: components(["JsonSchemaPropertySelector"]).optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  Rate: z.looseObject({
    limit: z.union([z.number().int(), z.string()]),
    interval: z.string(),
  }),
  RequestBodyGraphQL: z.looseObject({
    type: z.enum(["RequestBodyGraphQL"]),
    value: ref("RequestBodyGraphQlQuery"),
  }),
  RequestBodyGraphQlQuery: z.looseObject({
    query: z.string(),
  }),
  RequestBodyJsonObject: z.looseObject({
    type: z.enum(["RequestBodyJsonObject"]),
    value: z.record(z.string(), z.unknown()),
  }),
  RequestBodyPlainText: z.looseObject({
    type: z.enum(["RequestBodyPlainText"]),
    value: z.string(),
  }),
  RequestBodyUrlEncodedForm: z.looseObject({
    type: z.enum(["RequestBodyUrlEncodedForm"]),
    value: z.record(z.string(), z.string()),
  }),
  RequestOption: z.looseObject({
    type: z.enum(["RequestOption"]),
    inject_into: z.enum(["request_parameter", "header", "body_data", "body_json"]),
    field_name: z.string().optional(),
    field_path: z.array(z.string()).optional(),
  }),
  RequestPath: z.looseObject({
    type: z.enum(["RequestPath"]),
  }),
  UnlimitedCallRatePolicy: z.looseObject({
    type: z.enum(["UnlimitedCallRatePolicy"]),
    matchers: z.array(ref("HttpRequestRegexMatcher")),
  }),
};
