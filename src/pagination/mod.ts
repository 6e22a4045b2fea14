/**
 * Paginators: Airbyte's DefaultPaginator strategies (offset, page number, cursor), Link headers,
 * RequestPath, request options and loop guards.
 * @module
 */
export type { PageContext, Paginator, RequestParts } from "./types.ts";
export {
  type InjectInto,
  injectOption,
  type RequestOption,
  toParamString,
  validateRequestOption,
} from "./request_option.ts";
export { applyRequestPath, mergeQueryIntoUrl, REQUEST_PATH, type RequestPathOption } from "./request_path.ts";
export {
  defaultPaginator,
  type DefaultPaginatorOptions,
  type PageTokenOption,
  type PaginationStrategy,
} from "./default_paginator.ts";
export {
  offsetIncrement,
  type OffsetIncrementOptions,
  offsetPaginator,
  type OffsetPaginatorOptions,
} from "./offset.ts";
export {
  pageIncrement,
  type PageIncrementOptions,
  pageNumberPaginator,
  type PageNumberPaginatorOptions,
} from "./page_number.ts";
export {
  cursorPagination,
  type CursorPaginationOptions,
  cursorPaginator,
  type CursorPaginatorOptions,
} from "./cursor.ts";
export {
  findLink,
  type LinkEntry,
  linkHeaderPaginator,
  type LinkHeaderPaginatorOptions,
  linksFromHeaders,
  type LinkValue,
  parseLinkHeader,
} from "./link_header.ts";
export { noPagination } from "./no_pagination.ts";
export { type GuardOptions, guardPaginator } from "./guards.ts";
export { withStopCondition } from "./stop_condition.ts";
export { pageContextFrom } from "./page_context.ts";
