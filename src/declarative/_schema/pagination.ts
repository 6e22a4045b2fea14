/**
 * Zod schemas for paginators, one per definition of Airbyte's
 * declarative_component_schema.yaml (drafted by generate_schemas.py, reviewed). Unknown keys are
 * allowed wherever the schema allows them, as the reference's JSON-schema validation does.
 * @module
 */
import { z } from "../../_deps/zod.ts";
import { components } from "./ref.ts";

/** Paginators, by definition name. */
export const PAGINATION_SCHEMAS: Record<string, z.ZodType> = {
  CursorPagination: z.looseObject({
    type: z.enum(["CursorPagination"]),
    cursor_value: z.string(),
    page_size: z.union([z.number().int(), z.string()]).optional(),
    stop_condition: z.string().optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  DefaultPaginator: z.looseObject({
    type: z.enum(["DefaultPaginator"]),
    pagination_strategy: components([
      "PageIncrement",
      "OffsetIncrement",
      "CursorPagination",
      "CustomPaginationStrategy",
    ]),
    page_size_option: components(["RequestOption"]).optional(),
    page_token_option: components(["RequestOption", "RequestPath"]).optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  NoPagination: z.looseObject({
    type: z.enum(["NoPagination"]),
  }),
  OffsetIncrement: z.looseObject({
    type: z.enum(["OffsetIncrement"]),
    page_size: z.union([z.number().int(), z.string()]).optional(),
    inject_on_first_request: z.boolean().optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  PageIncrement: z.looseObject({
    type: z.enum(["PageIncrement"]),
    page_size: z.union([z.number().int(), z.string()]).optional(),
    start_from_page: z.number().int().optional(),
    inject_on_first_request: z.boolean().optional(),
    $parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  PaginationReset: z.looseObject({
    type: z.enum(["PaginationReset"]),
    action: z.enum(["SPLIT_USING_CURSOR", "RESET"]),
    limits: components(["PaginationResetLimits"]).optional(),
  }),
  PaginationResetLimits: z.looseObject({
    type: z.enum(["PaginationResetLimits"]),
    number_of_records: z.number().int().optional(),
  }),
};
