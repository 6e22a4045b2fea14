/**
 * Zod schemas for error handlers and backoff, one per definition of Airbyte's
 * declarative_component_schema.yaml (drafted by generate_schemas.py, reviewed). Unknown keys are
 * allowed wherever the schema allows them, as the reference's JSON-schema validation does.
 * @module
 */
import { z } from "../../_deps/zod.ts";
import { components } from "./ref.ts";

/** Error handlers and backoff, by definition name. */
export const ERROR_HANDLING_SCHEMAS: Record<string, z.ZodType> = {
  CompositeErrorHandler: z.looseObject({
    type: z.enum(["CompositeErrorHandler"]),
    error_handlers: z.array(
      components(["CompositeErrorHandler", "DefaultErrorHandler", "CustomErrorHandler"]),
    ),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  ConstantBackoffStrategy: z.looseObject({
    type: z.enum(["ConstantBackoffStrategy"]),
    backoff_time_in_seconds: z.union([z.number().min(0), z.string()]),
    jitter_range_in_seconds: z.number().min(0).optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  DefaultErrorHandler: z.looseObject({
    type: z.enum(["DefaultErrorHandler"]),
    backoff_strategies: z.array(
      components([
        "ConstantBackoffStrategy",
        "ExponentialBackoffStrategy",
        "WaitTimeFromHeader",
        "WaitUntilTimeFromHeader",
        "CustomBackoffStrategy",
      ]),
    ).optional(),
    max_retries: z.union([z.number().int(), z.string()]).optional(),
    response_filters: z.array(components(["HttpResponseFilter"])).optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  ExponentialBackoffStrategy: z.looseObject({
    type: z.enum(["ExponentialBackoffStrategy"]),
    factor: z.union([z.number(), z.string()]).optional(),
    jitter_range_in_seconds: z.number().min(0).optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  HttpResponseFilter: z.looseObject({
    type: z.enum(["HttpResponseFilter"]),
    action: z.enum([
      "SUCCESS",
      "FAIL",
      "RETRY",
      "IGNORE",
      "RESET_PAGINATION",
      "RATE_LIMITED",
      "REFRESH_TOKEN_THEN_RETRY",
    ]).optional(),
    failure_type: z.enum(["system_error", "config_error", "transient_error"]).optional(),
    error_message: z.string().optional(),
    error_message_contains: z.string().optional(),
    http_codes: z.array(z.number().int()).optional(),
    predicate: z.string().optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  WaitTimeFromHeader: z.looseObject({
    type: z.enum(["WaitTimeFromHeader"]),
    header: z.string(),
    regex: z.string().optional(),
    max_waiting_time_in_seconds: z.union([z.number(), z.string()]).optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  WaitUntilTimeFromHeader: z.looseObject({
    type: z.enum(["WaitUntilTimeFromHeader"]),
    header: z.string(),
    min_wait: z.union([z.number(), z.string()]).optional(),
    regex: z.string().optional(),
    max_waiting_time_in_seconds: z.union([z.number(), z.string()]).optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
};
